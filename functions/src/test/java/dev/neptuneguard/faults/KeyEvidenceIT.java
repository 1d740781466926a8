package dev.neptuneguard.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The four states of key evidence through every deployed path that describes a key — the cluster handler, the key
 * handler, the sweep and the Config rule — with KMS's {@code DescribeKey} answered on the wire by the stub: only
 * {@code NotFoundException} for the key's ARN makes a key "deleted" (CRITICAL for the key and its clusters, HIGH for
 * snapshots); {@code AccessDeniedException} is "cannot verify" (LOW for the resources, no deletion finding, no
 * destructive advice); throttling that outlasts the retries fails the invocation, so Lambda retries it and then
 * dead-letters it, and nothing is called deleted.
 */
class KeyEvidenceIT {

    private static FaultStage stage;

    @BeforeAll
    static void start() {
        stage = FaultStage.start();
    }

    @AfterAll
    static void stop() {
        stage.stop();
    }

    enum Answer { NOT_FOUND, ACCESS_DENIED, THROTTLING }

    static Stream<Arguments> paths() {
        return Stream.of(
                arguments(Scenario.CLUSTER_EVENT, Answer.NOT_FOUND,
                        Map.of("NEPTUNE_CLUSTER_KEY_UNUSABLE", "CRITICAL")),
                arguments(Scenario.CLUSTER_EVENT, Answer.ACCESS_DENIED,
                        Map.of("NEPTUNE_CLUSTER_KEY_UNVERIFIABLE", "LOW")),
                arguments(Scenario.KEY_EVENT_REMINDERS, Answer.NOT_FOUND, Map.of("KMS_KEY_DELETED_IN_USE", "CRITICAL")),
                // The key cannot be re-read: the deletion the event announces is reported from the event alone.
                arguments(Scenario.KEY_EVENT_REMINDERS, Answer.ACCESS_DENIED,
                        Map.of("KMS_KEY_DELETION_SCHEDULED_IN_USE", "CRITICAL")),
                arguments(Scenario.SWEEP, Answer.NOT_FOUND, Map.of("KMS_KEY_DELETED_IN_USE", "CRITICAL")),
                arguments(Scenario.SWEEP, Answer.ACCESS_DENIED, Map.of()));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("paths")
    void handleRequest_describeKeyAnswers_verdictFollowsTheEvidence(Scenario scenario, Answer answer,
                                                                   Map<String, String> expected) {
        stage.reset(scenario);
        stage.answer(Call.DESCRIBE_KEY, error(answer));

        Observation o = stage.invoke(scenario, Call.DESCRIBE_KEY);

        assertThat(o.failed()).as(o.failureText()).isFalse();
        Map<String, String> keyFindings = failedKeyFindings(o);
        assertThat(keyFindings).isEqualTo(expected);
        if (answer != Answer.NOT_FOUND) {
            assertThat(remediations(o)).noneMatch(r -> r.contains("delete-db-cluster-snapshot")
                    || r.contains("cannot be brought back"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenariosThatDescribeKeys")
    void handleRequest_describeKeyThrottledBeyondRetries_failsForLambdaToRetry(Scenario scenario) {
        stage.reset(scenario);
        stage.answer(Call.DESCRIBE_KEY, error(Answer.THROTTLING));

        Observation o = stage.invoke(scenario, Call.DESCRIBE_KEY);

        assertThat(o.failed()).as("a throttled key is retried by Lambda, never judged").isTrue();
        assertThat(o.failedFindings()).doesNotContain("KMS_KEY_DELETED_IN_USE", "NEPTUNE_CLUSTER_KEY_UNUSABLE");
        assertThat(o.sdkAttempts()).isEqualTo(3);
    }

    static Stream<Scenario> scenariosThatDescribeKeys() {
        return Stream.of(Scenario.CLUSTER_EVENT, Scenario.KEY_EVENT_REMINDERS, Scenario.SWEEP, Scenario.CONFIG_PERIODIC);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configAnswers")
    void configRule_describeKeyAnswers_annotationLeadsWithTheEvidence(Answer answer, String cluster,
                                                                      String snapshot) {
        stage.reset(Scenario.CONFIG_PERIODIC);
        stage.answer(Call.DESCRIBE_KEY, error(answer));

        Observation o = stage.invoke(Scenario.CONFIG_PERIODIC, Call.DESCRIBE_KEY);

        assertThat(o.failed()).as(o.failureText()).isFalse();
        Map<String, String> byType = new TreeMap<>();
        for (String body : stage.requestBodies(Call.PUT_EVALUATIONS)) {
            read(body).path("Evaluations").forEach(e -> byType.put(e.path("ComplianceResourceType").asText(),
                    e.path("ComplianceType").asText() + " " + e.path("Annotation").asText()));
        }
        assertThat(byType.get("AWS::RDS::DBCluster")).startsWith("NON_COMPLIANT ").contains(cluster);
        assertThat(byType.get("AWS::RDS::DBClusterSnapshot")).startsWith("NON_COMPLIANT ").contains(snapshot);
        if (answer != Answer.NOT_FOUND) {
            assertThat(byType.values()).noneMatch(a -> a.contains("_KEY_UNUSABLE"));
        }
    }

    static Stream<Arguments> configAnswers() {
        return Stream.of(
                arguments(Answer.NOT_FOUND, "NEPTUNE_CLUSTER_KEY_UNUSABLE (CRITICAL)",
                        "NEPTUNE_SNAPSHOT_KEY_UNUSABLE (HIGH)"),
                // The rule's allowlist names other keys, so NOT_ALLOWED (MEDIUM) leads; "cannot verify" follows.
                arguments(Answer.ACCESS_DENIED, "NEPTUNE_CLUSTER_KEY_UNVERIFIABLE", "NEPTUNE_SNAPSHOT_KEY_UNVERIFIABLE"));
    }

    private static ResponseDefinitionBuilder error(Answer answer) {
        String code = switch (answer) {
            case NOT_FOUND -> "NotFoundException";
            case ACCESS_DENIED -> "AccessDeniedException";
            case THROTTLING -> "ThrottlingException";
        };
        String message = switch (answer) {
            case NOT_FOUND -> "Key '" + FaultStage.LEGACY_KEY + "' does not exist";
            case ACCESS_DENIED -> "User: arn:aws:sts::111122223333:assumed-role/neptune-guard/fn is not authorized "
                    + "to perform: kms:DescribeKey on resource: " + FaultStage.LEGACY_KEY;
            case THROTTLING -> "Rate exceeded";
        };
        return aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(Json.MAPPER.createObjectNode().put("__type", code).put("message", message).toString());
    }

    /** Failed findings about keys or key usability, rule id → severity. */
    private static Map<String, String> failedKeyFindings(Observation o) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode line : o.lines()) {
            JsonNode f = line.path("finding");
            String rule = f.path("ruleId").asText();
            if ("finding".equals(line.path("message").asText()) && "FAILED".equals(f.path("status").asText())
                    && (rule.startsWith("KMS_") || rule.contains("_KEY_UNUSABLE") || rule.contains("_KEY_UNVERIFIABLE"))) {
                out.merge(rule, f.path("severity").asText(), (a, b) -> a.equals(b) ? a : a + "," + b);
            }
        }
        return out;
    }

    private static List<String> remediations(Observation o) {
        List<String> out = new ArrayList<>();
        for (JsonNode line : o.lines()) {
            if ("finding".equals(line.path("message").asText())) {
                out.add(line.at("/finding/remediation").asText());
            }
        }
        return out;
    }

    private static JsonNode read(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
