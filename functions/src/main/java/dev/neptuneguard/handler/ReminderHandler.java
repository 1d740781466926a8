package dev.neptuneguard.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.revocation.BadReminderException;
import dev.neptuneguard.revocation.KeyRevocationGuard;
import dev.neptuneguard.revocation.Reminder;
import dev.neptuneguard.revocation.ReminderParser;
import dev.neptuneguard.revocation.RevocationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Countdown reminders fired by EventBridge Scheduler. The input is neptune-guard's own {@link Reminder} JSON.
 * Re-checks the key: still pending deletion and in use → the reminder finding goes to {@code dispatch}; otherwise
 * the key's remaining reminders are deleted. An input that is not a reminder is logged, counted and dropped.
 */
public final class ReminderHandler implements RequestStreamHandler {

    private final Function<Reminder, KeyRevocationGuard> guards;
    private final Consumer<List<Finding>> dispatch;
    private final Log log;
    private final Metrics metrics;

    ReminderHandler(Function<Reminder, KeyRevocationGuard> guards, Consumer<List<Finding>> dispatch, Log log,
                    Metrics metrics) {
        this.guards = guards;
        this.dispatch = dispatch;
        this.log = log;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            Reminder reminder = ReminderParser.parse(new String(input.readAllBytes(), StandardCharsets.UTF_8));
            log.eventId(reminder.scheduleName());
            RevocationResult result = guards.apply(reminder).remind(reminder);
            RevocationReport.result(log, metrics, result);
            dispatch.accept(result.findings());
            RevocationReport.write(output, result);
        } catch (BadReminderException e) {
            log.warn("reminder dropped", Map.of("reason", "BAD_REMINDER", "why", e.getMessage()));
            metrics.count("EventsDropped", "reason", "BAD_REMINDER", 1);
            RevocationReport.write(output, Json.MAPPER.createObjectNode()
                    .put("findings", 0).put("ignored", "BAD_REMINDER"));
        } finally {
            metrics.flush();
        }
    }
}
