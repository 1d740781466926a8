package dev.neptuneguard.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.revocation.Sweep;
import dev.neptuneguard.revocation.SweepRemindersFailedException;
import dev.neptuneguard.revocation.SweepReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.crac.Core;

/**
 * Lambda entry point for the scheduled reconciliation sweep (an EventBridge schedule, daily by default). The
 * event's content does not matter: every invocation sweeps the account and region (or, in organization mode, every member account × region) with a {@link Sweep}
 * built for this run, reports the findings and logs a summary.
 */
public final class SweepHandler implements RequestStreamHandler, PrimedForSnapStart {

    private final Supplier<? extends Sweep> sweeps;
    private final FindingReporter reporter;

    public SweepHandler() {
        this(KeyRuntime.get().sweeps(), Runtime.get().reporter("sweep"));
        Core.getGlobalContext().register(this);
    }

    SweepHandler(Supplier<? extends Sweep> sweeps, FindingReporter reporter) {
        this.sweeps = sweeps;
        this.reporter = reporter;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        reporter.context(context);
        String id = eventId(input.readAllBytes());
        SweepReport report;
        try {
            report = sweeps.get().run();
            report(id, report);
        } catch (SweepRemindersFailedException e) {
            // The alerts go out now; failing the run makes Lambda retry the reminders (the ledger dedupes alerts).
            report(id, e.report());
            reporter.warn("sweep reminders failed; the run will be retried", Map.of("error", String.valueOf(
                    e.getCause())));
            reporter.count("SweepRemindersFailed", null, null, 1);
            throw e;
        } finally {
            reporter.flush();
        }
        output.write(Json.MAPPER.createObjectNode().put("status", "swept").put("clusters", report.clusters())
                .put("snapshots", report.snapshots()).put("graphs", report.graphs())
                .put("graphSnapshots", report.graphSnapshots()).put("keys", report.keys())
                .put("findings", report.findings().size()).put("remindersCreated", report.remindersCreated())
                .toString().getBytes(StandardCharsets.UTF_8));
    }

    private void report(String id, SweepReport report) {
        reporter.report(id == null ? "sweep" : id, report.findings());
        reporter.info("sweep done", Map.of("clusters", report.clusters(), "snapshots", report.snapshots(),
                "graphs", report.graphs(), "graphSnapshots", report.graphSnapshots(), "keys", report.keys(),
                "unreadableKeys", report.unreadableKeys(), "findings", report.findings().size(),
                "remindersCreated", report.remindersCreated()));
        reporter.count("RemindersCreated", null, null, report.remindersCreated());
        reporter.count("KeysUnreadable", null, null, report.unreadableKeys());
        if (!report.unreadable().isEmpty()) {
            // Organization mode: pairs whose role could not be assumed or that AWS kept failing; never silent.
            reporter.warn("sweep could not read some accounts and regions", Map.of("count",
                    report.unreadable().size(), "unreadable", report.unreadable()));
            reporter.count("SweepTargetsUnreadable", null, null, report.unreadable().size());
        }
    }

    /** The scheduled event's id for the log; the sweep runs whatever the input is. */
    private static String eventId(byte[] input) {
        try {
            return Json.text(Json.MAPPER.readTree(input), "id");
        } catch (IOException notJson) {
            return null;
        }
    }
}
