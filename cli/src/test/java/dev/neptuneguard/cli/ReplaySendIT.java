package dev.neptuneguard.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code replay --live --send}: the findings of a replayed event go to the real SNS and Security Hub sinks (SNS
 * Query XML and Security Hub REST-JSON on the local stub), each on its own.
 */
class ReplaySendIT {

    private static final Path EVENT = Path.of("..", "events", "rds", "create-db-cluster-neptune-default-key.json");
    private static final String EVENT_ID = "54a8dc38-bf76-4314-8480-6bd0e15b72c2";
    private static final String RDS_KEY = "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321";
    private static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:neptune-guard-alerts";

    private AwsStub stub;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        stub = new AwsStub();
        stub.region("us-east-1", List.of(QueryXml.cluster("us-east-1", "111122223333", "graph-analytics", RDS_KEY,
                "creating")), List.of());
        stub.key("us-east-1", RDS_KEY, true);
        stub.server.stubFor(post(urlEqualTo("/")).withHeader("Authorization", containing("/us-east-1/sns/aws4_request"))
                .withRequestBody(containing("Action=Publish&"))
                .willReturn(AwsStub.xml(200, QueryXml.snsPublish("5f1c3e6a-7b2d-4c8e-9a0f-1d2e3f4a5b6c"))));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private int run(Map<String, String> env, String... args) {
        CliContext context = new CliContext(LiveScanIT.CLOCK, false, env, profile -> StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
                Duration.ofMillis(5));
        return NeptuneGuardCli.run(context, new PrintWriter(out), new PrintWriter(err), args);
    }

    private void securityHubAnswers(String body) {
        stub.server.stubFor(post(urlEqualTo("/findings/import")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private List<JsonNode> imported() throws IOException {
        List<JsonNode> findings = new ArrayList<>();
        for (LoggedRequest r : stub.server.findAll(postRequestedFor(urlEqualTo("/findings/import")))) {
            Json.MAPPER.readTree(r.getBodyAsString()).get("Findings").forEach(findings::add);
        }
        return findings;
    }

    @Test
    void replay_send_publishesTheAlertAndImportsEveryResult() throws IOException {
        securityHubAnswers("{\"FailedCount\":0,\"SuccessCount\":5,\"FailedFindings\":[]}");

        int code = run(Map.of("ALERT_TOPIC_ARN", TOPIC), "replay", EVENT.toString(), "--live", "--send",
                "--security-hub", "--endpoint-url", stub.url());

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        List<LoggedRequest> publishes = stub.server.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=Publish&")));
        assertThat(publishes).singleElement().satisfies(p -> {
            String body = URLDecoder.decode(p.getBodyAsString(), StandardCharsets.UTF_8);
            assertThat(body).contains("TopicArn=" + TOPIC).contains("NEPTUNE_CLUSTER_AWS_MANAGED_KEY")
                    .contains(EVENT_ID);
        });
        List<JsonNode> findings = imported();
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.get("GeneratorId").asText()).isEqualTo("NEPTUNE_CLUSTER_AWS_MANAGED_KEY");
            assertThat(f.get("RecordState").asText()).isEqualTo("ACTIVE");
            assertThat(f.get("ProductFields").get("neptune-guard/EventId").asText()).isEqualTo(EVENT_ID);
        });
        assertThat(findings).anySatisfy(f -> assertThat(f.get("RecordState").asText()).isEqualTo("ARCHIVED"));
        assertThat(out.toString()).contains("sent to sns: 1 of 1 delivered")
                .contains("sent to securityhub: " + findings.size() + " of " + findings.size() + " delivered");
    }

    @Test
    void replay_sendSecurityHubNotEnabled_stillPublishesAndExitsThree() {
        securityHubAnswers("{\"FailedCount\":1,\"SuccessCount\":0,\"FailedFindings\":[{\"Id\":\"neptune-guard/"
                + "NEPTUNE_CLUSTER_AWS_MANAGED_KEY/arn:aws:rds:us-east-1:111122223333:cluster:graph-analytics\","
                + "\"ErrorCode\":\"InvalidAccess\","
                + "\"ErrorMessage\":\"Account is not subscribed to AWS Security Hub\"}]}");

        int code = run(Map.of("SECURITY_HUB_ENABLED", "true"), "replay", EVENT.toString(), "--live", "--send",
                "--topic-arn", TOPIC, "--endpoint-url", stub.url());

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INCOMPLETE);
        assertThat(out.toString()).contains("sent to sns: 1 of 1 delivered")
                .contains("not delivered (DROPPED, SecurityHubNotEnabled): 1 finding(s): InvalidAccess: Account is "
                        + "not subscribed to AWS Security Hub");
    }

    @Test
    void replay_sendUsageErrors_exitTwoBeforeAnyCall() {
        assertThat(run(Map.of(), "replay", EVENT.toString(), "--send", "--topic-arn", TOPIC)).isEqualTo(2);
        assertThat(run(Map.of(), "replay", EVENT.toString(), "--live", "--send", "--endpoint-url", stub.url()))
                .isEqualTo(2);
        assertThat(run(Map.of(), "replay", EVENT.toString(), "--live", "--topic-arn", TOPIC)).isEqualTo(2);
        assertThat(run(Map.of(), "replay", EVENT.toString(), "--live", "--send", "--topic-arn", "alerts",
                "--endpoint-url", stub.url())).isEqualTo(2);
        assertThat(err.toString()).contains("add --live").contains("--send needs a destination")
                .contains("add --send").contains("'alerts' is not an SNS topic ARN");
        assertThat(stub.requests()).isEmpty();
    }
}
