package dev.neptuneguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Injects each {@link Injected} fault into each {@link Call} the guard makes, invokes the production handler that
 * makes the call against the local stub, and writes what it observed to {@code target/fault-matrix.md}: whether the
 * invocation failed (Lambda retries it, then the dead-letter queue keeps it), degraded in a logged and counted way,
 * or raised an unverifiable finding; how many attempts the SDK made and the stub saw; how long it took. Each cell
 * is a test that checks its observation against the reliability contract; the table is written after all cells,
 * whatever they found, so a contradiction shows in it as well as in the failure.
 */
class FaultMatrixIT {

    static final Path REPORT = Path.of("target", "fault-matrix.md");
    private static FaultStage stage;

    private static final Map<Scenario, Observation> BASELINES = new EnumMap<>(Scenario.class);
    private static final List<Cell> CELLS = new ArrayList<>();
    private static long started;

    @BeforeAll
    static void start() {
        stage = FaultStage.start();
        for (Call call : Call.values()) {
            // The first invocation of a cold JVM loads the SDK's classes: not a fault, so it is not measured.
            BASELINES.computeIfAbsent(call.scenario(), s -> stage.run(call, null));
        }
        BASELINES.clear();
        started = System.nanoTime();
    }

    /** Writes the table of what every cell observed, also when some contradicted the contract. */
    @AfterAll
    static void writeReport() throws IOException {
        stage.stop();
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        List<Cell> ordered = new ArrayList<>(CELLS);
        ordered.sort(Comparator.comparing(Cell::call).thenComparing(Cell::fault));
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, FaultMatrix.markdown(ordered, seconds));
    }

    /** Calls on the way out (other sinks, reminders, protection): whatever they do, the SNS alert goes out. */
    static final Set<Call> SINK_SIDE = EnumSet.of(Call.BATCH_GET_ITEM, Call.PUT_ITEM, Call.UPDATE_ITEM,
            Call.SEND_MESSAGE_BATCH, Call.CREATE_SCHEDULE, Call.LIST_RESOURCE_TAGS, Call.CANCEL_KEY_DELETION,
            Call.ENABLE_KEY, Call.TAG_RESOURCE);

    /** The contract: transient faults fail the invocation unless the call has a degraded path by design. */
    static Verdict intended(Call call, Injected fault) {
        if (call == Call.BATCH_IMPORT_FINDINGS) {
            // The exporter answers with a partial batch response: SQS redelivers, then dead-letters the messages.
            return Verdict.RETURNED_TO_QUEUE;
        }
        if (fault.isTransient()) {
            return switch (call) {
                // The ledger is advisory: without it the alert still goes out (a rare duplicate beats a lost alert).
                case BATCH_GET_ITEM, PUT_ITEM -> Verdict.DEGRADED;
                // Protection failing never holds back the alert, which says what failed.
                case LIST_RESOURCE_TAGS, CANCEL_KEY_DELETION, ENABLE_KEY, TAG_RESOURCE -> Verdict.DEGRADED;
                default -> Verdict.FAILS;
            };
        }
        return switch (call) {
            case DESCRIBE_KEY -> Verdict.UNVERIFIABLE;
            // A rotation status that cannot be read fails the rotation rule ("cannot verify", LOW), never passes:
            // the same failed rule as the good day's key, whose rotation is off.
            case GET_KEY_ROTATION_STATUS -> Verdict.OK;
            case BATCH_GET_ITEM, PUT_ITEM, LIST_RESOURCE_TAGS, CANCEL_KEY_DELETION,
                 ENABLE_KEY, TAG_RESOURCE, SLACK_WEBHOOK -> Verdict.DEGRADED;
            case LIST_ALIASES -> Verdict.OK;
            // Access errors on the write side stay retryable (Faults): after the IAM fix a DLQ redrive delivers.
            default -> Verdict.FAILS;
        };
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (Call call : Call.values()) {
            for (Injected fault : Injected.values()) {
                out.add(Arguments.of(call, fault));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("cells")
    void handleRequest_faultInjectedIntoOneCall_outcomeAsTheContractSays(Call call, Injected fault) {
        Observation baseline = BASELINES.computeIfAbsent(call.scenario(), s -> stage.run(call, null));
        assertThat(baseline.failed()).as("good day of %s: %s", call.scenario(), baseline.failureText()).isFalse();

        Observation o = stage.run(call, fault);

        Cell c = new Cell(call, fault, o, Verdict.of(o, baseline), Verdict.describe(o, baseline),
                intended(call, fault));
        CELLS.add(c);
        String at = c.text();
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(c.verdict()).as("outcome: " + at).isEqualTo(c.intended());
        soft.assertThat(c.attemptsPerCall()).as("attempts per call: " + at).isEqualTo(fault.isTransient() ? 3 : 1);
        if (SINK_SIDE.contains(call)) {
            soft.assertThat(o.metric("AlertsDelivered{sink=sns}")).as("SNS alert out: " + at).isPositive();
        }
        if (call == Call.PUBLISH) {
            soft.assertThat(o.metric("AlertsDelivered{sink=securityhub-queue}")).as("Security Hub export queued: " + at)
                    .isPositive();
        }
        if (fault == Injected.TIMEOUT) {
            soft.assertThat(o.millis()).as("time: " + at).isLessThan(FaultStage.CALL_TIMEOUT.toMillis() * 3);
        }
        soft.assertAll();
    }

    /** One call × fault. */
    record Cell(Call call, Injected fault, Observation observation, Verdict verdict, String text, Verdict intended) {

        /** Attempts per call: the SDK's count where there is an SDK, the stub's for Slack. */
        int attemptsPerCall() {
            Observation o = observation;
            if (o.calls() == null) {
                return o.wireRequests();
            }
            return o.calls() == 0 ? 0 : o.sdkAttempts() / o.calls();
        }
    }
}
