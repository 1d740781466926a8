package dev.neptuneguard.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.neptuneguard.sinks.TestFindings.EVENT_ID;
import static dev.neptuneguard.sinks.TestFindings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** {@link SecurityHubQueueSink} against a local stub that speaks SQS's JSON 1.0 protocol ({@link FakeSqsQueue}). */
class SecurityHubQueueSinkIT {

    static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/111122223333/neptune-guard-securityhub";

    private final FakeSqsQueue queue = new FakeSqsQueue();
    private final InMemoryFirstSightings sightings = new InMemoryFirstSightings();
    private final DeliveryContext context = new DeliveryContext(EVENT_ID, "ScheduleKeyDeletion", NOW);
    private WireMockServer wm;
    private SecurityHubQueueSink sink;

    @BeforeEach
    void start() {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(queue));
        wm.start();
        wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(FakeSqsQueue.TARGET))
                .willReturn(aResponse().withTransformers(FakeSqsQueue.NAME)));
        sink = new SecurityHubQueueSink(LocalAws.sqs(wm), QUEUE, sightings, Severity.INFORMATIONAL);
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @Test
    void deliver_25Findings_sentInBatchesOfAtMost10AndEveryBodyReadsBack() throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            findings.add(TestFindings.unencryptedCluster("graph-" + i));
        }

        SinkResult result = sink.deliver(findings, context);

        assertThat(result.delivered()).containsExactlyElementsOf(findings);
        assertThat(result.failures()).isEmpty();
        assertThat(requests()).extracting(r -> r.get("Entries").size()).containsExactly(10, 10, 5);
        assertThat(requests()).allSatisfy(r -> assertThat(r.get("QueueUrl").asText()).isEqualTo(QUEUE));
        List<SecurityHubMessage> read = queue.bodies().stream().map(SecurityHubMessage::parse).toList();
        assertThat(read).extracting(SecurityHubMessage::finding).containsExactlyElementsOf(findings);
        assertThat(read).allSatisfy(m -> {
            assertThat(m.eventId()).isEqualTo(EVENT_ID);
            assertThat(m.trigger()).isEqualTo("ScheduleKeyDeletion");
            assertThat(m.observedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void deliver_largeMessages_batchesStayWithin256KiB() throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Finding f = TestFindings.unencryptedCluster("graph-big-" + i);
            // 20,000 characters are kept, each 3 bytes in UTF-8: about 60 KB per message.
            findings.add(f.withDetail("€".repeat(25_000)));
        }

        SinkResult result = sink.deliver(findings, context);

        assertThat(result.delivered()).hasSize(6);
        for (LoggedRequest r : wm.findAll(postRequestedFor(urlEqualTo("/")))) {
            JsonNode entries = Json.MAPPER.readTree(r.getBodyAsString()).get("Entries");
            int bytes = 0;
            for (JsonNode e : entries) {
                bytes += e.get("MessageBody").asText().getBytes(StandardCharsets.UTF_8).length;
            }
            assertThat(bytes).isLessThanOrEqualTo(SecurityHubMessage.MAX_BYTES);
        }
        assertThat(requests().size()).as("six ~60 KB messages need more than one call").isGreaterThan(1);
    }

    @Test
    void deliver_allClear_carriesOnlyTheFindingsRaisedBefore() {
        Instant earlier = NOW.minus(Duration.ofDays(3));
        String deletionId = SecurityHubFindings.id(TestFindings.keyDeletion(3));
        sightings.firstSeen(List.of(deletionId), earlier);

        sink.deliver(List.of(TestFindings.keyCleared()), context);

        SecurityHubMessage m = SecurityHubMessage.parse(queue.bodies().get(0));
        assertThat(m.firstSeen()).containsOnlyKeys(deletionId).containsEntry(deletionId, earlier);
        assertThat(m.createdAt(deletionId)).isEqualTo(earlier);
        assertThat(m.finding()).isEqualTo(TestFindings.keyCleared());
        assertThat(sightings.raised(SecurityHubFindings.ids(TestFindings.keyCleared()), NOW))
                .as("the all-clear stores no sighting of its own").containsOnlyKeys(deletionId);
    }

    @Test
    void deliver_allClearForAKeyNeverRaised_deliveredWithoutAMessage() {
        SinkResult result = sink.deliver(List.of(TestFindings.keyCleared()), context);

        assertThat(result.delivered()).containsExactly(TestFindings.keyCleared());
        assertThat(requests()).isEmpty();
    }

    /** A memory answering {@code firstSeen} with {@code answer}; these tests never send an all-clear. */
    private static FirstSightings firstSeenBy(BiFunction<Collection<String>, Instant, Map<String, Instant>> answer) {
        return new FirstSightings() {
            @Override
            public Map<String, Instant> firstSeen(Collection<String> findingIds, Instant now) {
                return answer.apply(findingIds, now);
            }

            @Override
            public Map<String, Instant> raised(Collection<String> findingIds, Instant now) {
                throw new AssertionError("no all-clear in this test");
            }
        };
    }

    @Test
    void accepts_everyStatusAtOrAboveTheMinimum() {
        SecurityHubQueueSink medium = new SecurityHubQueueSink(LocalAws.sqs(wm), QUEUE, sightings, Severity.MEDIUM);
        List<Finding> results = TestFindings.awsManagedKeyCluster("graph-default-key");

        assertThat(results).filteredOn(f -> f.status() == ComplianceStatus.PASSED).isNotEmpty()
                .allMatch(f -> sink.accepts(f));
        assertThat(results).allMatch(f -> medium.accepts(f) == f.severity().isAtLeast(Severity.MEDIUM));
        assertThat(medium.accepts(TestFindings.keyCleared())).as("the all-clear, whatever the threshold").isTrue();
    }

    @Test
    void deliver_entriesFail_malformedDroppedOthersRetryable() {
        Finding bad = TestFindings.unencryptedCluster("graph-bad");
        Finding busy = TestFindings.unencryptedCluster("graph-busy");
        Finding fine = TestFindings.unencryptedCluster("graph-fine");
        queue.failEntries("cluster:graph-bad\"", "InvalidMessageContents", true);
        queue.failEntries("cluster:graph-busy\"", "KMS.ThrottlingException", true);

        SinkResult result = sink.deliver(List.of(bad, busy, fine), context);

        assertThat(result.delivered()).containsExactly(fine);
        assertThat(result.failures()).hasSize(2).anySatisfy(f -> {
            assertThat(f.findingIds()).containsExactly(bad.stableId());
            assertThat(f.kind()).isEqualTo(FailureKind.DROPPED);
            assertThat(f.reason()).isEqualTo("InvalidMessageContents");
        }).anySatisfy(f -> {
            assertThat(f.findingIds()).containsExactly(busy.stableId());
            assertThat(f.kind()).isEqualTo(FailureKind.RETRYABLE);
        });
    }

    @Test
    void deliver_serviceErrorThenSuccess_sdkRetriesAndDelivers() {
        wm.stubFor(post(urlEqualTo("/")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withHeader("x-amzn-query-error", "InternalError;Receiver")
                        .withBody("{\"__type\":\"com.amazonaws.sqs#InternalError\",\"message\":\"internal error\"}"))
                .willSetStateTo("recovered"));
        wm.stubFor(post(urlEqualTo("/")).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withTransformers(FakeSqsQueue.NAME)));

        SinkResult result = sink.deliver(List.of(TestFindings.keyDeletion(2)), context);

        assertThat(result.delivered()).hasSize(1);
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(2);
    }

    @Test
    void deliver_queueKeepsFailing_allRetryable() {
        wm.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withHeader("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")
                .withBody("{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\","
                        + "\"message\":\"The specified queue does not exist.\"}")));

        SinkResult result = sink.deliver(List.of(TestFindings.keyDeletion(1), TestFindings.keyCleared()), context);

        assertThat(result.delivered()).isEmpty();
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.kind()).as("a missing queue is fixed by deploying it; a redrive then recovers")
                    .isEqualTo(FailureKind.RETRYABLE);
            assertThat(f.findingIds()).hasSize(2);
        });
    }

    @Test
    void deliver_firstSightingsUnavailable_thatFindingRetryableOthersSent() {
        Finding ok = TestFindings.unencryptedCluster("graph-ok");
        Finding unlucky = TestFindings.unencryptedCluster("graph-unlucky");
        SecurityHubQueueSink failing = new SecurityHubQueueSink(LocalAws.sqs(wm), QUEUE, firstSeenBy((ids, now) -> {
            if (ids.iterator().next().endsWith("graph-unlucky")) {
                throw new IllegalStateException("table unavailable");
            }
            return sightings.firstSeen(ids, now);
        }), Severity.INFORMATIONAL);

        SinkResult result = failing.deliver(List.of(unlucky, ok), context);

        assertThat(result.delivered()).containsExactly(ok);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.RETRYABLE);
            assertThat(f.findingIds()).containsExactly(unlucky.stableId());
        });
    }

    @Test
    void deliver_firstSightingsTableFailing_remainingFindingsNotAttempted() {
        List<String> asked = new ArrayList<>();
        SecurityHubQueueSink failing = new SecurityHubQueueSink(LocalAws.sqs(wm), QUEUE, firstSeenBy((ids, now) -> {
            asked.addAll(ids);
            throw SdkClientException.create("Unable to execute HTTP request: Read timed out");
        }), Severity.INFORMATIONAL);
        List<Finding> three = List.of(TestFindings.unencryptedCluster("graph-1"),
                TestFindings.unencryptedCluster("graph-2"), TestFindings.unencryptedCluster("graph-3"));

        SinkResult result = failing.deliver(three, context);

        // One hung table costs one call (and its SDK retries), not one per finding.
        assertThat(asked).hasSize(1);
        assertThat(result.delivered()).isEmpty();
        assertThat(result.failures()).hasSize(3).allMatch(f -> f.kind() == FailureKind.RETRYABLE);
        assertThat(result.failures().get(2).message()).startsWith("not attempted after: SdkClientException");
        assertThat(requests()).isEmpty();
    }

    private List<JsonNode> requests() {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : wm.findAll(postRequestedFor(urlEqualTo("/")))) {
            try {
                out.add(Json.MAPPER.readTree(r.getBodyAsString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
