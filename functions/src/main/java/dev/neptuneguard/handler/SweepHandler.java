package dev.neptuneguard.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.revocation.RevocationSweep;
import dev.neptuneguard.revocation.SweepReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The scheduled reconciliation sweep (an EventBridge schedule, daily by default). The event's content does not
 * matter: any invocation sweeps the whole account and region with a {@link RevocationSweep} built for this run,
 * logs a summary and the findings, and passes the findings to {@code dispatch}.
 */
public final class SweepHandler implements RequestStreamHandler {

    private final Supplier<RevocationSweep> sweeps;
    private final Consumer<List<Finding>> dispatch;
    private final Log log;
    private final Metrics metrics;

    SweepHandler(Supplier<RevocationSweep> sweeps, Consumer<List<Finding>> dispatch, Log log, Metrics metrics) {
        this.sweeps = sweeps;
        this.dispatch = dispatch;
        this.log = log;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            input.readAllBytes();
            SweepReport report = sweeps.get().run();
            log.info("sweep done", Map.of("account", String.valueOf(report.account()), "region",
                    String.valueOf(report.region()), "clusters", report.clusters(), "snapshots", report.snapshots(),
                    "keys", report.keys(), "unreadableKeys", report.unreadableKeys(), "findings",
                    report.findings().size(), "remindersCreated", report.remindersCreated()));
            RevocationReport.findings(log, metrics, report.findings());
            metrics.count("RemindersCreated", report.remindersCreated());
            metrics.count("KeysUnreadable", report.unreadableKeys());
            dispatch.accept(report.findings());
            RevocationReport.write(output, Json.MAPPER.createObjectNode().put("clusters", report.clusters())
                    .put("snapshots", report.snapshots()).put("keys", report.keys())
                    .put("findings", report.findings().size()).put("remindersCreated", report.remindersCreated()));
        } finally {
            metrics.flush();
        }
    }
}
