package dev.neptuneguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.neptuneguard.sinks.FakeDynamoDbTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Injects each {@link Injected} fault into each {@link Call} the guard makes, invokes the production handler that
 * makes the call against the local stub, and writes what it observed to {@code target/fault-matrix.md}: whether the
 * invocation failed (Lambda retries it, then the dead-letter queue keeps it), degraded in a logged and counted way,
 * or raised an unverifiable finding; how many attempts the SDK made and the stub saw; how long it took. Then it
 * checks the observations against the reliability contract; the table is written before the check, so a
 * contradiction shows in it as well as in the failure.
 */
class FaultMatrixIT {

    static final Path REPORT = Path.of("target", "fault-matrix.md");
    private static final FakeDynamoDbTable TABLE = new FakeDynamoDbTable();
    private static WireMockServer server;
    private static FaultStage stage;

    @BeforeAll
    static void start() {
        server = FaultStage.server(TABLE);
        stage = new FaultStage(server, TABLE);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** Calls on the way out (other sinks, reminders, protection): whatever they do, the SNS alert goes out. */
    static final Set<Call> SINK_SIDE = EnumSet.of(Call.BATCH_GET_ITEM, Call.PUT_ITEM, Call.UPDATE_ITEM,
            Call.BATCH_IMPORT_FINDINGS, Call.CREATE_SCHEDULE, Call.LIST_RESOURCE_TAGS, Call.CANCEL_KEY_DELETION,
            Call.ENABLE_KEY, Call.TAG_RESOURCE);

    /** The contract: transient faults fail the invocation unless the call has a degraded path by design. */
    static Verdict intended(Call call, Injected fault) {
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
            case GET_KEY_ROTATION_STATUS, BATCH_GET_ITEM, PUT_ITEM, LIST_RESOURCE_TAGS, CANCEL_KEY_DELETION,
                 ENABLE_KEY, TAG_RESOURCE, SLACK_WEBHOOK -> Verdict.DEGRADED;
            case LIST_ALIASES -> Verdict.OK;
            // Access errors on the write side stay retryable (Faults): after the IAM fix a DLQ redrive delivers.
            default -> Verdict.FAILS;
        };
    }

    @Test
    void everyCallEveryFault_observedOutcomeMatchesTheContract() throws IOException {
        Map<Scenario, Observation> baselines = new EnumMap<>(Scenario.class);
        for (Call call : Call.values()) {
            // The first invocation of a cold JVM loads the SDK's classes: not a fault, so it is not measured.
            baselines.computeIfAbsent(call.scenario(), s -> stage.run(call, null));
        }
        baselines.clear();
        List<Cell> cells = new ArrayList<>();
        long started = System.nanoTime();
        for (Call call : Call.values()) {
            Observation baseline = baselines.computeIfAbsent(call.scenario(), s -> stage.run(call, null));
            assertThat(baseline.failed()).as("good day of %s: %s", call.scenario(), baseline.failureText()).isFalse();
            for (Injected fault : Injected.values()) {
                Observation o = stage.run(call, fault);
                cells.add(new Cell(call, fault, o, Verdict.of(o, baseline), Verdict.describe(o, baseline),
                        intended(call, fault)));
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, FaultMatrix.markdown(cells, seconds));

        SoftAssertions soft = new SoftAssertions();
        for (Cell c : cells) {
            String at = c.call().label() + " / " + c.fault().label() + ": " + c.text();
            soft.assertThat(c.verdict()).as(at).isEqualTo(c.intended());
            int expectedAttempts = c.fault().isTransient() ? 3 : 1;
            soft.assertThat(c.attemptsPerCall()).as("attempts per call, " + at).isEqualTo(expectedAttempts);
            if (SINK_SIDE.contains(c.call())) {
                soft.assertThat(c.observation().metric("AlertsDelivered{sink=sns}")).as("SNS alert out, " + at)
                        .isPositive();
            }
            if (c.call() == Call.PUBLISH) {
                soft.assertThat(c.observation().metric("AlertsDelivered{sink=securityhub}"))
                        .as("Security Hub import, " + at).isPositive();
            }
            if (c.fault() == Injected.TIMEOUT) {
                soft.assertThat(c.observation().millis()).as("time, " + at)
                        .isLessThan(FaultStage.CALL_TIMEOUT.toMillis() * 3);
            }
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
