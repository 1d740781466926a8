package dev.neptuneguard.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.revocation.BadReminderException;
import dev.neptuneguard.revocation.KeyRevocationGuard;
import dev.neptuneguard.revocation.Reminder;
import dev.neptuneguard.revocation.ReminderParser;
import dev.neptuneguard.revocation.RevocationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.crac.Core;

/**
 * Lambda entry point for countdown reminders fired by EventBridge Scheduler; the input is neptune-guard's own
 * {@link Reminder} JSON, not an EventBridge event. Re-checks the key: still pending deletion and in use → the
 * reminder finding is reported; otherwise the key's remaining reminders are deleted. An input that is not a
 * reminder is logged, counted ({@code EventsDropped}, reason {@code BAD_REMINDER}) and dropped.
 */
public final class ReminderHandler implements RequestStreamHandler, PrimedForSnapStart {

    private final BiFunction<String, String, KeyRevocationGuard> guards;
    private final FindingReporter reporter;

    public ReminderHandler() {
        this(KeyRuntime.get().guards(), Runtime.get().reporter("reminder"));
        Core.getGlobalContext().register(this);
    }

    ReminderHandler(Supplier<KeyRevocationGuard> guards, FindingReporter reporter) {
        this((account, region) -> guards.get(), reporter);
    }

    /** @param guards a guard for the reminder's account and region (organization mode: a member's) */
    ReminderHandler(BiFunction<String, String, KeyRevocationGuard> guards, FindingReporter reporter) {
        this.guards = guards;
        this.reporter = reporter;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        reporter.context(context);
        String summary;
        try {
            Reminder reminder = ReminderParser.parse(new String(input.readAllBytes(), StandardCharsets.UTF_8));
            RevocationResult result = guards.apply(reminder.account(), reminder.region()).remind(reminder);
            reporter.report(reminder.deliveryId(), result.findings());
            RevocationReport.sideEffects(reporter, result);
            summary = RevocationReport.summary(reminder.deliveryId(), result);
        } catch (BadReminderException e) {
            reporter.warn("reminder dropped", Map.of("reason", "BAD_REMINDER", "why", e.getMessage()));
            reporter.count("EventsDropped", "reason", "BAD_REMINDER", 1);
            summary = Json.MAPPER.createObjectNode().put("status", "dropped").put("reason", "BAD_REMINDER").toString();
        } finally {
            reporter.flush();
        }
        output.write(summary.getBytes(StandardCharsets.UTF_8));
    }
}
