package dev.neptuneguard.handler;

import dev.neptuneguard.accounts.AccountInventories;
import dev.neptuneguard.accounts.Accounts;
import dev.neptuneguard.accounts.MemberAccounts;
import dev.neptuneguard.accounts.SingleAccount;
import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.inventory.EndpointOverride;
import dev.neptuneguard.inventory.Inventories;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

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
    private volatile Accounts accounts;

    /** Organization mode's settings (set by the hub stack on every function). */
    static final String ORGANIZATION_ID = "ORGANIZATION_ID";
    static final String MEMBER_ROLE_NAME = "MEMBER_ROLE_NAME";
    static final String MEMBER_REGIONS = "MEMBER_REGIONS";
    static final String HUB_ACCOUNT_ID = "HUB_ACCOUNT_ID";
    static final String DEFAULT_MEMBER_ROLE = "neptune-guard-member-read";

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
     * Who the functions act for, built once: the function's own account, or — with {@code ORGANIZATION_ID} set
     * (organization mode, the hub stack) — also every member account through its read role
     * ({@code MEMBER_ROLE_NAME}, default {@value #DEFAULT_MEMBER_ROLE}), assumed with STS under a session named after
     * the function. {@code HUB_ACCOUNT_ID} names the hub's own account, read with the function's own credentials.
     */
    Accounts accounts() {
        Accounts a = accounts;
        if (a == null) {
            synchronized (this) {
                a = accounts;
                if (a == null) {
                    a = buildAccounts();
                    accounts = a;
                }
            }
        }
        return a;
    }

    private Accounts buildAccounts() {
        AwsClients home = clients();
        URI endpoint = EndpointOverride.fromEnvironment(env);
        SingleAccount single = new SingleAccount(home, DefaultCredentialsProvider.builder().build(),
                region -> AwsClients.builder().region(region).endpointOverride(endpoint).build());
        if (setting(ORGANIZATION_ID, null) == null) {
            return single;
        }
        return members(env, single, home.region(), (region, credentials) -> AwsClients.builder().region(region)
                .endpointOverride(endpoint).credentialsProvider(credentials).build());
    }

    /** Organization mode's accounts: {@code home} for the hub's own account, members through their read role. */
    static MemberAccounts members(Map<String, String> env, Accounts home, Region region,
                                  BiFunction<Region, AwsCredentialsProvider, AwsClients> factory) {
        URI endpoint = EndpointOverride.fromEnvironment(env);
        StsClientBuilder sts = StsClient.builder().region(region)
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(3)).build())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(10))
                        .apiCallAttemptTimeout(Duration.ofSeconds(3)).retryStrategy(RetryMode.STANDARD));
        if (endpoint != null) {
            sts.endpointOverride(endpoint);
        }
        String fn = env.get("AWS_LAMBDA_FUNCTION_NAME");
        String role = env.get(MEMBER_ROLE_NAME);
        return new MemberAccounts(sts.build(), role == null || role.isBlank() ? DEFAULT_MEMBER_ROLE : role,
                blankToNull(env.get(HUB_ACCOUNT_ID)), "neptune-guard@" + (fn == null ? "local" : fn), home, region,
                factory);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /**
     * A fresh inventory per invocation (its key cache lives one event, so a key disabled a minute ago is
     * not reported as enabled) for the event's account and region, over clients built once. Rotation is read only
     * when the policy asks for it. A member whose role cannot be assumed is an unreachable inventory: the event is
     * reported as "cannot verify".
     */
    Inventories inventories() {
        return new AccountInventories(accounts(), policy.requireKeyRotation());
    }

    /** The member regions the sweep covers in organization mode ({@code MEMBER_REGIONS}; default: this region). */
    List<String> memberRegions() {
        String regions = setting(MEMBER_REGIONS, clients().region().id());
        return Arrays.stream(regions.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
    }

    /** The metrics namespace: {@code POWERTOOLS_METRICS_NAMESPACE}, else {@code METRICS_NAMESPACE}, else NeptuneGuard. */
    String metricsNamespace() {
        return Metrics.namespace(env);
    }

    /** A reporter whose log lines and metrics go to standard output, as a function runs it. */
    FindingReporter reporter(String service) {
        Log log = new Log(service);
        Metrics metrics = new Metrics(metricsNamespace(), service);
        return new FindingReporter(log, metrics, delivery(log, metrics));
    }

    /** A reporter whose log lines and metrics go to {@code out} (standard output in Lambda). */
    FindingReporter reporter(String service, PrintStream out) {
        String namespace = metricsNamespace();
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
