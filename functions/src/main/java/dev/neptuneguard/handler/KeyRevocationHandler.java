package dev.neptuneguard.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.neptuneguard.events.EventOutcome;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.IgnoreReason;
import dev.neptuneguard.events.Ignored;
import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.revocation.KeyRevocationGuard;
import dev.neptuneguard.revocation.RevocationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * KMS key events (CloudTrail API calls and KMS's own events) → key findings. Parses the event, hands the trigger
 * to a {@link KeyRevocationGuard} built for this invocation (fresh key state), logs and counts, and passes the
 * findings to {@code dispatch}, the one seam where the sinks (SNS, Slack, Security Hub) plug in.
 */
public final class KeyRevocationHandler implements RequestStreamHandler {

    private final Function<KeyTrigger, KeyRevocationGuard> guards;
    private final Consumer<List<Finding>> dispatch;
    private final Log log;
    private final Metrics metrics;

    KeyRevocationHandler(Function<KeyTrigger, KeyRevocationGuard> guards, Consumer<List<Finding>> dispatch, Log log,
                         Metrics metrics) {
        this.guards = guards;
        this.dispatch = dispatch;
        this.log = log;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            EventOutcome outcome = EventParser.parse(new String(input.readAllBytes(), StandardCharsets.UTF_8));
            log.eventId(outcome.eventId());
            RevocationResult result = outcome instanceof KeyTrigger trigger
                    ? guards.apply(trigger).handle(trigger)
                    : RevocationResult.ignored(outcome instanceof Ignored i ? i : new Ignored(
                    IgnoreReason.UNSUPPORTED_SOURCE, "not a KMS key event", outcome.eventId(), null), 0);
            RevocationReport.result(log, metrics, result);
            dispatch.accept(result.findings());
            RevocationReport.write(output, result);
        } finally {
            metrics.flush();
        }
    }
}
