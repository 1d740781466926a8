package dev.neptuneguard.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;

/**
 * The single-account template, as deployed before organization mode existed, must not change by a byte: a
 * changed logical id would make CloudFormation replace the table, the topic or the key of every existing
 * deployment. Each variant is compared with the template recorded in {@code src/test/resources/single-account/}
 * before the stack was split into parts: every key, value and array element, in array order. Only the order of
 * the keys of JSON objects is left out (the recordings sort them): the stack builds IAM conditions from
 * {@code Map.of}, whose iteration order changes from one JVM to the next, so {@code cdk synth} itself does not
 * write the same key order twice, and CloudFormation ignores it.
 *
 * <p>A deliberate change to the single-account stack updates the recordings with
 * {@code ./mvnw -pl cdk -am test -Dtest=SingleAccountSnapshotIT -Dsurefire.failIfNoSpecifiedTests=false
 * -DupdateSingleAccountSnapshots=true}, and the diff of the recordings is then reviewed like code.
 */
class SingleAccountSnapshotIT {

    private static final Path SNAPSHOTS = Path.of("src", "test", "resources", "single-account");
    private static final boolean UPDATE = Boolean.getBoolean("updateSingleAccountSnapshots");

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("defaults", Map.of()),
                Arguments.of("everything-on", Map.of(
                        GuardSettings.ALERT_EMAILS, "ops@example.com, security@example.com",
                        GuardSettings.SLACK_WEBHOOK_SECRET_NAME, "neptune-guard/slack-webhook",
                        GuardSettings.SLACK_MINIMUM_SEVERITY, "MEDIUM",
                        GuardSettings.PROTECTION_MODE, "on",
                        GuardSettings.PROTECTION_EXEMPT_PRINCIPALS,
                        List.of("arn:aws:iam::111122223333:role/break-glass"),
                        GuardSettings.SWEEP_SCHEDULE, "cron(0 6 * * ? *)",
                        "requireKeyRotation", true,
                        "requiredKeyOrigins", "AWS_CLOUDHSM")),
                Arguments.of("everything-off", Map.of(
                        GuardSettings.PROTECTION_MODE, "dry-run",
                        GuardSettings.SECURITY_HUB, false,
                        GuardSettings.CONFIG_RULE, "false",
                        GuardSettings.REMINDER_OFFSETS, List.of("P14D", "pt12h"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void template_singleAccount_isExactlyTheRecordedOne(String name, Map<String, Object> context) throws IOException {
        String synthesized = render(Template.fromStack(TestStacks.stack(context)).toJSON());
        Path snapshot = SNAPSHOTS.resolve(name + ".template.json");
        if (UPDATE) {
            Files.createDirectories(SNAPSHOTS);
            Files.writeString(snapshot, synthesized, StandardCharsets.UTF_8);
        }

        String recorded = Files.readString(snapshot, StandardCharsets.UTF_8);

        assertThat(synthesized).as(name).isEqualTo(recorded);
    }

    /** Pretty-printed JSON with the keys of every object sorted; arrays keep their order. */
    static String render(Object template) throws IOException {
        return TestStacks.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(sorted(TestStacks.MAPPER.valueToTree(template))) + "\n";
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
            ObjectNode out = TestStacks.MAPPER.createObjectNode();
            fields.forEach((key, value) -> out.set(key, sorted(value)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = TestStacks.MAPPER.createArrayNode();
            node.forEach(item -> out.add(sorted(item)));
            return out;
        }
        return node;
    }
}
