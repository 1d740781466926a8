package dev.neptuneguard.handler;

import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.inventory.AwsInventory;
import dev.neptuneguard.inventory.EndpointOverride;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.sinks.DeliveryContext;
import dev.neptuneguard.sinks.DeliveryFailedException;
import dev.neptuneguard.sinks.DispatchReport;
import dev.neptuneguard.sinks.Dispatcher;
import dev.neptuneguard.sinks.Sink;
import dev.neptuneguard.sinks.SinkClients;
import dev.neptuneguard.sinks.SinkSettings;
import dev.neptuneguard.sinks.Sinks;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Settings and AWS clients shared by the handlers of one Lambda process, built once at init (and so
 * captured in the SnapStart snapshot). Settings come from environment variables with the same names as
 * everywhere else ({@code requireCustomerManagedKey}, ...) and fail fast naming the variable.
 */
final class Runtime {

    private static volatile Runtime instance;

    private final Map<String, String> env;
    private final Policy policy;
    private volatile AwsClients clients;

    /** A runtime over {@code env}, a function's environment: production passes {@code System.getenv()}. */
    Runtime(Map<String, String> env) {
        this.env = env;
        try {
            this.policy = Policy.fromSettings(env);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid environment setting: " + e.getMessage(), e);
        }
    }

    static Runtime get() {
        Runtime r = instance;
        if (r == null) {
            synchronized (Runtime.class) {
                r = instance;
                if (r == null) {
                    r = new Runtime(System.getenv());
                    instance = r;
                }
            }
        }
        return r;
    }

    Policy policy() {
        return policy;
    }

    String setting(String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The AWS clients, built on first use and then shared by every invocation of this process. */
    AwsClients clients() {
        AwsClients c = clients;
        if (c == null) {
            synchronized (this) {
                c = clients;
                if (c == null) {
                    c = AwsClients.fromEnvironment(env);
                    clients = c;
                }
            }
        }
        return c;
    }

    /**
     * A fresh inventory per invocation (its key cache lives one event, so a key disabled a minute ago is
     * not reported as enabled), over the shared clients. Rotation is read only when the policy asks for it.
     */
    Supplier<Inventory> inventories() {
        AwsClients c = clients();
        boolean rotation = policy.requireKeyRotation();
        return () -> new AwsInventory(c, null, rotation);
    }

    FindingReporter reporter(String service) {
        return reporter(service, System.out);
    }

    /** A reporter whose log lines and metrics go to {@code out} (standard output in Lambda). */
    FindingReporter reporter(String service, PrintStream out) {
        String namespace = setting("METRICS_NAMESPACE", "NeptuneGuard");
        Log log = new Log(service, out, Clock.systemUTC());
        Metrics metrics = new Metrics(namespace, service, out, Clock.systemUTC());
        return new FindingReporter(log, metrics, delivery(log, metrics));
    }

    /**
     * Hands each event's findings to the sinks configured by {@code DELIVERY_TABLE_NAME}, {@code ALERT_TOPIC_ARN},
     * {@code SECURITY_HUB_QUEUE_URL} and the other {@link SinkSettings} variables, logs and counts the outcome, and
     * fails the invocation when a sink failed in a way a retry can fix (the ledger makes the retry re-send only
     * that). Security Hub findings are queued for the exporter function, not imported here. With neither a table
     * nor a topic configured nothing is delivered, and a warning says so at start-up.
     */
    private BiConsumer<String, List<Finding>> delivery(Log log, Metrics metrics) {
        SinkSettings settings = sinkSettings();
        if (settings == null) {
            log.warn("no delivery configured: set DELIVERY_TABLE_NAME and ALERT_TOPIC_ARN to send alerts", Map.of());
            return (eventId, findings) -> { };
        }
        URI endpoint = EndpointOverride.fromEnvironment(env);
        Dispatcher dispatcher = Sinks.dispatcher(settings, settings.topicArn() == null ? null
                : SinkClients.sns(endpoint), settings.securityHub() ? SinkClients.sqs(endpoint) : null,
                SinkClients.dynamoDb(endpoint));
        log.info("delivery configured", Map.of("sinks", dispatcher.sinks().stream().map(Sink::name).toList()));
        if (!settings.securityHub()) {
            log.info("Security Hub export is off (SECURITY_HUB_QUEUE_URL unset or SECURITY_HUB_ENABLED=false)",
                    Map.of());
        }
        return deliver(dispatcher, log, metrics);
    }

    /** The delivery settings, or {@code null} when neither a table nor a topic is configured (nothing is sent). */
    SinkSettings sinkSettings() {
        if (setting("DELIVERY_TABLE_NAME", null) == null && setting("ALERT_TOPIC_ARN", null) == null) {
            return null;
        }
        try {
            return SinkSettings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid environment setting: " + e.getMessage(), e);
        }
    }

    /** Dispatches each event's findings, logs and counts the outcome, and fails when a retry can fix a sink. */
    static BiConsumer<String, List<Finding>> deliver(Dispatcher dispatcher, Log log, Metrics metrics) {
        return (eventId, findings) -> {
            // Without a CloudTrail eventID nothing can be de-duplicated; a unique id still delivers once per call.
            String id = eventId != null && !eventId.isBlank() ? eventId : "no-event-id/" + UUID.randomUUID();
            DispatchReport report = dispatcher.dispatch(findings, new DeliveryContext(id, null, Instant.now()));
            DeliveryReporting.report(report, log, metrics);
            if (report.needsRetry()) {
                throw new DeliveryFailedException(report);
            }
        };
    }
}
