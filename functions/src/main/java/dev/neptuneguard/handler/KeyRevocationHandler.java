package dev.neptuneguard.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.neptuneguard.events.EventOutcome;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.IgnoreReason;
import dev.neptuneguard.events.Ignored;
import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.revocation.KeyRevocationGuard;
import dev.neptuneguard.revocation.RemindersFailedException;
import dev.neptuneguard.revocation.RevocationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.crac.Core;

/**
 * Lambda entry point for KMS key events (CloudTrail API calls and KMS's own events): parse, let a
 * {@link KeyRevocationGuard} built for this invocation (fresh key state) assess the blast radius, schedule
 * reminders and protect if enabled, then report the findings. Bad input is logged, counted and dropped; AWS faults
 * escape so Lambda retries.
 */
public final class KeyRevocationHandler implements RequestStreamHandler, PrimedForSnapStart {

    private final BiFunction<String, String, KeyRevocationGuard> guards;
    private final FindingReporter reporter;

    public KeyRevocationHandler() {
        this(KeyRuntime.get().guards(), Runtime.get().reporter("key-revocation"));
        Core.getGlobalContext().register(this);
    }

    KeyRevocationHandler(Supplier<KeyRevocationGuard> guards, FindingReporter reporter) {
        this((account, region) -> guards.get(), reporter);
    }

    /** @param guards a guard for the event's account and region (organization mode: a member's) */
    KeyRevocationHandler(BiFunction<String, String, KeyRevocationGuard> guards, FindingReporter reporter) {
        this.guards = guards;
        this.reporter = reporter;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        reporter.context(context);
        EventOutcome outcome = EventParser.parse(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        RevocationResult result;
        try {
            result = outcome instanceof KeyTrigger trigger
                    ? guards.apply(trigger.account(), trigger.region()).handle(trigger)
                    : RevocationResult.ignored(outcome instanceof Ignored i ? i : new Ignored(
                    IgnoreReason.UNSUPPORTED_EVENT_NAME, "a cluster event reached the key handler", outcome.eventId(),
                    null), 0);
            reporter.report(result.ignored() != null ? result.ignored() : outcome, result.findings());
            RevocationReport.sideEffects(reporter, result);
        } catch (RemindersFailedException e) {
            // The alert goes out now; the failure then makes Lambda retry the reminders (the ledger dedupes the alert).
            reporter.report(outcome, e.result().findings());
            RevocationReport.sideEffects(reporter, e.result());
            reporter.failed(outcome, e);
            throw e;
        } finally {
            reporter.flush();
        }
        output.write(RevocationReport.summary(outcome.eventId(), result).getBytes(StandardCharsets.UTF_8));
    }
}
