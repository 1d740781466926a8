package dev.neptuneguard.sinks;

import static dev.neptuneguard.sinks.TestFindings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class DispatcherTest {

    private final DeliveryContext event = new DeliveryContext("event-1", "ScheduleKeyDeletion", NOW);
    private final Finding deletion = TestFindings.keyDeletion(3);
    private final Finding unencrypted = TestFindings.unencryptedCluster("graph-dev");

    @Test
    void dispatch_oneSinkThrows_otherSinksStillDeliver() {
        RecordingSink broken = new RecordingSink("broken", f -> true).throwing(serviceError(503, "ServiceUnavailable"));
        RecordingSink healthy = new RecordingSink("healthy", f -> false);
        Dispatcher dispatcher = new Dispatcher(List.of(broken, healthy), new InMemoryDeliveryLedger());

        DispatchReport report = dispatcher.dispatch(List.of(deletion, unencrypted), event);

        assertThat(healthy.sent).containsExactly(deletion, unencrypted);
        assertThat(report.sink("healthy").delivered()).isEqualTo(2);
        assertThat(report.sink("broken").failures()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.RETRYABLE);
            assertThat(f.reason()).isEqualTo("ServiceUnavailable");
            assertThat(f.findingIds()).containsExactly(deletion.stableId(), unencrypted.stableId());
        });
        assertThat(report.needsRetry()).isTrue();
    }

    @Test
    void dispatch_duplicateEvent_deliversNothingTwice() {
        RecordingSink sink = new RecordingSink("sns", f -> false);
        Dispatcher dispatcher = new Dispatcher(List.of(sink), new InMemoryDeliveryLedger());

        dispatcher.dispatch(List.of(deletion, unencrypted), event);
        DispatchReport second = dispatcher.dispatch(List.of(deletion, unencrypted), event);

        assertThat(sink.sent).containsExactly(deletion, unencrypted);
        assertThat(second.sink("sns").alreadyDelivered()).isEqualTo(2);
        assertThat(second.sink("sns").delivered()).isZero();
        assertThat(second.needsRetry()).isFalse();
    }

    @Test
    void dispatch_retriedInvocation_redeliversOnlyWhatFailed() {
        InMemoryDeliveryLedger ledger = new InMemoryDeliveryLedger();
        RecordingSink flaky = new RecordingSink("sns", f -> f == unencrypted);
        RecordingSink other = new RecordingSink("securityhub", f -> false);
        Dispatcher dispatcher = new Dispatcher(List.of(flaky, other), ledger);

        DispatchReport first = dispatcher.dispatch(List.of(deletion, unencrypted), event);
        flaky.failWhen = f -> false;
        DispatchReport retry = dispatcher.dispatch(List.of(deletion, unencrypted), event);

        assertThat(first.needsRetry()).isTrue();
        assertThat(flaky.sent).containsExactly(deletion, unencrypted);
        assertThat(flaky.calls).containsExactly(List.of(deletion, unencrypted), List.of(unencrypted));
        assertThat(other.calls).hasSize(1);
        assertThat(retry.sink("securityhub").alreadyDelivered()).isEqualTo(2);
        assertThat(retry.needsRetry()).isFalse();
        assertThat(ledger.size()).isEqualTo(4);
    }

    @Test
    void dispatch_newEventIdForTheSameFinding_deliversAgain() {
        RecordingSink sink = new RecordingSink("sns", f -> false);
        Dispatcher dispatcher = new Dispatcher(List.of(sink), new InMemoryDeliveryLedger());

        dispatcher.dispatch(List.of(deletion), event);
        dispatcher.dispatch(List.of(deletion), new DeliveryContext("reminder-T-3d", "Reminder", NOW));

        assertThat(sink.sent).containsExactly(deletion, deletion);
    }

    @Test
    void dispatch_permanentFailure_reportedButNotRetried() {
        RecordingSink sink = new RecordingSink("securityhub", f -> true)
                .throwing(serviceError(401, "InvalidAccessException"));
        Dispatcher dispatcher = new Dispatcher(List.of(sink), new InMemoryDeliveryLedger());

        DispatchReport report = dispatcher.dispatch(List.of(deletion), event);

        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.DROPPED);
            assertThat(f.reason()).isEqualTo("SecurityHubNotEnabled");
        });
        assertThat(report.needsRetry()).isFalse();
    }

    @Test
    void dispatch_ledgerUnavailable_stillDeliversAndCountsIt() {
        DeliveryLedger down = new DeliveryLedger() {
            @Override
            public Set<DeliveryKey> delivered(Collection<DeliveryKey> keys) {
                throw serviceError(500, "InternalServerError");
            }

            @Override
            public boolean record(DeliveryKey key, Instant deliveredAt) {
                throw serviceError(500, "InternalServerError");
            }
        };
        RecordingSink sink = new RecordingSink("sns", f -> false);

        DispatchReport report = new Dispatcher(List.of(sink), down).dispatch(List.of(deletion), event);

        assertThat(sink.sent).containsExactly(deletion);
        assertThat(report.sink("sns").ledgerErrors()).isEqualTo(2);
        assertThat(report.needsRetry()).isFalse();
    }

    @Test
    void dispatch_concurrentDuplicate_countedAsRace() {
        InMemoryDeliveryLedger ledger = new InMemoryDeliveryLedger();
        DeliveryLedger racing = new DeliveryLedger() {
            @Override
            public Set<DeliveryKey> delivered(Collection<DeliveryKey> keys) {
                return Set.of();
            }

            @Override
            public boolean record(DeliveryKey key, Instant deliveredAt) {
                ledger.record(key, deliveredAt);
                return false;
            }
        };
        RecordingSink sink = new RecordingSink("sns", f -> false);

        DispatchReport report = new Dispatcher(List.of(sink), racing).dispatch(List.of(deletion), event);

        assertThat(report.sink("sns").racedDuplicates()).isEqualTo(1);
        assertThat(report.sink("sns").delivered()).isEqualTo(1);
    }

    @Test
    void dispatch_alertSemantics_passedSuppressedAndBelowThresholdNotSent() {
        RecordingSink sink = new RecordingSink("sns", f -> false).minimum(Severity.HIGH);
        List<Finding> results = new ArrayList<>(TestFindings.awsManagedKeyCluster("graph-prod"));
        results.add(TestFindings.unencryptedCluster("graph-lab").suppress("lab"));
        results.add(TestFindings.keyCleared());
        results.add(deletion);

        new Dispatcher(List.of(sink), new InMemoryDeliveryLedger()).dispatch(results, event);

        assertThat(sink.sent).containsExactly(TestFindings.keyCleared(), deletion);
    }

    static AwsServiceException serviceError(int status, String code) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " from test").build())
                .build();
    }

    /** A sink that records what it is given and fails the findings {@code failWhen} selects. */
    static final class RecordingSink implements Sink {
        final String name;
        final List<Finding> sent = new ArrayList<>();
        final List<List<Finding>> calls = new ArrayList<>();
        Predicate<Finding> failWhen;
        RuntimeException toThrow;
        Severity minimum = Severity.INFORMATIONAL;

        RecordingSink(String name, Predicate<Finding> failWhen) {
            this.name = name;
            this.failWhen = failWhen;
        }

        RecordingSink throwing(RuntimeException e) {
            this.toThrow = e;
            return this;
        }

        RecordingSink minimum(Severity s) {
            this.minimum = s;
            return this;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Severity minimumSeverity() {
            return minimum;
        }

        @Override
        public SinkResult deliver(List<Finding> findings, DeliveryContext context) {
            calls.add(List.copyOf(findings));
            if (toThrow != null) {
                throw toThrow;
            }
            SinkResult.Builder result = new SinkResult.Builder();
            for (Finding f : findings) {
                if (failWhen.test(f)) {
                    result.failed(Faults.classify(name, serviceError(500, "InternalError"), List.of(f.stableId())));
                } else {
                    sent.add(f);
                    result.delivered(f);
                }
            }
            return result.build();
        }
    }
}
