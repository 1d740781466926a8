package dev.neptuneguard.handler;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.neptuneguard.configrule.ConfigApi;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.policy.EncryptionRules;
import dev.neptuneguard.revocation.KeyRevocationGuard;
import dev.neptuneguard.revocation.RevocationSweep;
import dev.neptuneguard.sinks.DeliveryContext;
import dev.neptuneguard.sinks.DeliveryFailedException;
import dev.neptuneguard.sinks.DispatchReport;
import dev.neptuneguard.sinks.Dispatcher;
import dev.neptuneguard.sinks.SecurityHubExport;
import dev.neptuneguard.sinks.SlackWebhookClient;
import dev.neptuneguard.sinks.SlackWebhookSecret;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * Test-only access to the handlers' package-private constructors, for suites in other packages (fault injection).
 * Log lines and EMF metrics go to {@code out}; the delivery seam does what the production one in {@code Runtime}
 * does: dispatch, log and count the report, fail the invocation when a sink failed in a way a retry can fix.
 */
public final class Handlers {

    private Handlers() {
    }

    public static FindingReporter reporter(String service, PrintStream out, Clock clock, Dispatcher dispatcher) {
        Log log = new Log(service, out, clock);
        Metrics metrics = new Metrics("NeptuneGuard", service, out, clock);
        return new FindingReporter(log, metrics, (eventId, findings) -> {
            DispatchReport report = dispatcher.dispatch(findings, new DeliveryContext(eventId, null, clock.instant()));
            DeliveryReporting.report(report, log, metrics);
            if (report.needsRetry()) {
                throw new DeliveryFailedException(report);
            }
        });
    }

    public static RequestStreamHandler clusterEncryption(Supplier<Inventory> inventories, EncryptionRules rules,
                                                         FindingReporter reporter, Clock clock) {
        return new ClusterEncryptionHandler(inventories, rules, reporter, clock);
    }

    public static RequestStreamHandler keyRevocation(Supplier<KeyRevocationGuard> guards, FindingReporter reporter) {
        return new KeyRevocationHandler(guards, reporter);
    }

    public static RequestStreamHandler sweep(Supplier<RevocationSweep> sweeps, FindingReporter reporter) {
        return new SweepHandler(sweeps, reporter);
    }

    public static RequestStreamHandler reminder(Supplier<KeyRevocationGuard> guards, FindingReporter reporter) {
        return new ReminderHandler(guards, reporter);
    }

    public static RequestStreamHandler configRule(ConfigApi config, BiFunction<String, Policy, Inventory> inventories,
                                                  Map<String, String> environment, Clock clock, PrintStream out) {
        return new ConfigRuleHandler(config, inventories, environment, clock, new Log(ConfigRuleHandler.SERVICE, out,
                clock), new Metrics("NeptuneGuard", ConfigRuleHandler.SERVICE, out, clock));
    }

    public static RequestStreamHandler slackNotifier(SlackWebhookSecret secret, SlackWebhookClient slack,
                                                     PrintStream out, Clock clock) {
        return new SlackNotifierHandler(secret, slack, new Log(SlackNotifierHandler.SERVICE, out, clock),
                new Metrics("NeptuneGuard", SlackNotifierHandler.SERVICE, out, clock), clock);
    }

    public static RequestStreamHandler securityHubExporter(SecurityHubExport export, PrintStream out, Clock clock) {
        return new SecurityHubExporterHandler(export, new Log(SecurityHubExporterHandler.SERVICE, out, clock),
                new Metrics("NeptuneGuard", SecurityHubExporterHandler.SERVICE, out, clock));
    }

    /** The production EventBridge Scheduler client of the key handlers, aimed at a local stub. */
    public static SchedulerClient schedulerClient(Region region, URI stub) {
        return KeyRuntime.scheduler(region, stub);
    }
}
