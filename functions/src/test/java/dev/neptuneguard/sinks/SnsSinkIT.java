package dev.neptuneguard.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.neptuneguard.sinks.TestFindings.EVENT_ID;
import static dev.neptuneguard.sinks.TestFindings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnsSinkIT {

    static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:neptune-guard-alerts";
    static final String PUBLISH_OK = """
            <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <PublishResult><MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId></PublishResult>
              <ResponseMetadata><RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId></ResponseMetadata>
            </PublishResponse>""";

    private WireMockServer wm;
    private SnsSink sink;

    @BeforeEach
    void start() {
        wm = LocalAws.start();
        sink = new SnsSink(LocalAws.sns(wm), TOPIC, Severity.LOW);
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @Test
    void deliver_keyDeletion_publishesJsonStructureWithAttributes() throws Exception {
        wm.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(PUBLISH_OK)));
        Finding f = TestFindings.keyDeletion(3);

        SinkResult result = sink.deliver(List.of(f), new DeliveryContext(EVENT_ID, "ScheduleKeyDeletion", NOW));

        assertThat(result.delivered()).containsExactly(f);
        LoggedRequest request = wm.findAll(postRequestedFor(urlEqualTo("/"))).get(0);
        Map<String, String> form = LocalAws.form(request.getBodyAsString());
        assertThat(form).containsEntry("Action", "Publish").containsEntry("TopicArn", TOPIC)
                .containsEntry("MessageStructure", "json")
                .containsEntry("Subject", "[CRITICAL] 111122223333: KMS key used by Neptune is scheduled for deletion: "
                        + "alias/graph-prod");
        assertThat(attributes(form)).containsEntry("severity", "CRITICAL")
                .containsEntry("ruleId", "KMS_KEY_DELETION_SCHEDULED_IN_USE").containsEntry("account", "111122223333")
                .containsEntry("region", "us-east-1").containsEntry("resourceType", "AWS::KMS::Key");
        JsonNode bodies = Json.MAPPER.readTree(form.get("Message"));
        assertThat(bodies.get("email").asText()).contains("Key deletion: 2026-11-29 13:00 UTC (in 6 days)");
        assertThat(Json.MAPPER.readTree(bodies.get("lambda").asText()).get("ruleId").asText())
                .isEqualTo("KMS_KEY_DELETION_SCHEDULED_IN_USE");
        assertThat(Json.MAPPER.readTree(bodies.get("https").asText()).get("source").asText()).isEqualTo("custom");
    }

    @Test
    void deliver_fiveThousandResources_requestUnderTheLimit() throws Exception {
        wm.stubFor(post(urlEqualTo("/"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(PUBLISH_OK)));

        SinkResult result = sink.deliver(List.of(TestFindings.keyDeletion(5000)),
                new DeliveryContext(EVENT_ID, null, NOW));

        assertThat(result.delivered()).hasSize(1);
        Map<String, String> form = LocalAws.form(wm.findAll(postRequestedFor(urlEqualTo("/"))).get(0)
                .getBodyAsString());
        int bytes = form.get("Message").getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        System.out.printf("SNS Message parameter with 5,000 affected resources: %,d bytes%n", bytes);
        assertThat(bytes).isLessThan(SnsMessageRenderer.MAX_BYTES);
    }

    @Test
    void deliver_oneRejectedByService_othersStillPublished() {
        wm.stubFor(post(urlEqualTo("/")).withRequestBody(containing("graph-bad"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody("""
                        <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                          <Error><Type>Sender</Type><Code>InvalidParameter</Code>
                          <Message>Invalid parameter: Message Structure - JSON message body failed to parse</Message>
                          </Error>
                          <RequestId>9f1e4c3a-4a55-5d2c-8b6e-5f3d7a2b1c0e</RequestId>
                        </ErrorResponse>""")));
        wm.stubFor(post(urlEqualTo("/")).withRequestBody(containing("graph-good")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "text/xml").withBody(PUBLISH_OK)));
        Finding bad = TestFindings.unencryptedCluster("graph-bad");
        Finding good = TestFindings.unencryptedCluster("graph-good");

        SinkResult result = sink.deliver(List.of(bad, good), new DeliveryContext(EVENT_ID, null, NOW));

        assertThat(result.delivered()).containsExactly(good);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.DROPPED);
            assertThat(f.reason()).isEqualTo("InvalidParameter");
            assertThat(f.findingIds()).containsExactly(bad.stableId());
        });
    }

    @Test
    void deliver_throttledThenAccepted_sdkRetriesAndDelivers() {
        wm.stubFor(post(urlEqualTo("/")).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody("""
                        <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                          <Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>
                          <RequestId>1c2d3e4f-0000-5a5a-9b9b-123456789abc</RequestId>
                        </ErrorResponse>"""))
                .willSetStateTo("open"));
        wm.stubFor(post(urlEqualTo("/")).inScenario("throttle").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(PUBLISH_OK)));

        SinkResult result = sink.deliver(List.of(TestFindings.keyDeletion(1)),
                new DeliveryContext(EVENT_ID, null, NOW));

        assertThat(result.delivered()).hasSize(1);
        wm.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void deliver_topicFailingAfterRetries_remainingFindingsNotAttempted() {
        wm.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/xml")
                .withBody("""
                        <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                          <Error><Type>Receiver</Type><Code>InternalError</Code><Message>Internal</Message></Error>
                          <RequestId>2d3e4f5a-0000-5a5a-9b9b-123456789abc</RequestId>
                        </ErrorResponse>""")));
        List<Finding> five = List.of(TestFindings.unencryptedCluster("graph-1"), TestFindings.unencryptedCluster(
                "graph-2"), TestFindings.unencryptedCluster("graph-3"), TestFindings.unencryptedCluster("graph-4"),
                TestFindings.unencryptedCluster("graph-5"));

        SinkResult result = sink.deliver(five, new DeliveryContext(EVENT_ID, null, NOW));

        // One publish (the test client's default retry mode makes 4 attempts of it), not five: a hung topic costs
        // one call timeout, not one per finding.
        wm.verify(4, postRequestedFor(urlEqualTo("/")));
        assertThat(result.delivered()).isEmpty();
        assertThat(result.failures()).hasSize(5).allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.RETRYABLE);
            assertThat(f.reason()).isEqualTo("InternalError");
        });
        assertThat(result.failures().get(4).message()).startsWith("not attempted after: InternalError");
    }

    /** MessageAttributes.entry.N.Name / .Value.StringValue, with DataType String asserted. */
    static Map<String, String> attributes(Map<String, String> form) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 1; form.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
            String prefix = "MessageAttributes.entry." + i;
            assertThat(form.get(prefix + ".Value.DataType")).isEqualTo("String");
            out.put(form.get(prefix + ".Name"), form.get(prefix + ".Value.StringValue"));
        }
        return out;
    }
}
