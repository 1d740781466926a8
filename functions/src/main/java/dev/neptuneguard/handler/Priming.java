package dev.neptuneguard.handler;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * SnapStart priming: runs a handler's request path once, before Lambda takes the snapshot, so that the classes are
 * loaded and initialised, and the hot code interpreted (and partly compiled), in the snapshot rather than on the first
 * event after a restore. Each handler registers itself as an {@code org.crac.Resource} and calls {@link #prime} from
 * {@code beforeCheckpoint}; the benchmark and the tests call it directly.
 *
 * <p>What priming does, per handler: parse the bundled sample events ({@code priming/events/}, copies of fixtures in
 * the repository's {@code events/}), run the handler's own {@code handleRequest} on them through the package-private
 * constructor with SDK clients that answer in memory ({@link PrimingHttpClient}: real marshalling, signing and
 * unmarshalling, no network), evaluate the policy, render the finding, SNS, Slack and Security Hub payloads, and
 * deliver them to those in-memory clients. What it must not do, and does not: make a network call (the real clients
 * are never called), capture time or randomness in a field that outlives priming (every object priming creates is
 * dropped when it returns; the real handler's clocks are read per event), or resolve credentials (the priming
 * clients carry dummy static credentials; the real clients keep the default chain, resolved after the restore).
 * A step that fails is recorded and logged, never thrown: priming must not stop the snapshot.
 */
public final class Priming {

    /**
     * What one priming run did: its steps, the failed ones with their cause, and the in-memory AWS requests (in all
     * and by operation name).
     */
    public record Report(String handler, List<String> steps, Map<String, String> failures, int awsRequests,
                         double millis, Map<String, Integer> operations) {

        public Report {
            steps = List.copyOf(steps);
            failures = Map.copyOf(failures);
            operations = Map.copyOf(operations);
        }

        public boolean clean() {
            return failures.isEmpty();
        }
    }

    private Priming() {
    }

    /**
     * Primes the request path of {@code handler} (one of the seven handler classes); only the classes of that
     * handler's deployable jar are touched, so it runs in every jar.
     *
     * @throws IllegalArgumentException for a class that is not one of the handlers
     */
    public static Report prime(Class<?> handler) {
        long start = System.nanoTime();
        try (Session session = new Session()) {
            Step run = switch (handler.getSimpleName()) {
                case "ClusterEncryptionHandler" -> () -> GuardPriming.clusterEncryption(session);
                case "KeyRevocationHandler" -> () -> GuardPriming.keyRevocation(session);
                case "ReminderHandler" -> () -> GuardPriming.reminder(session);
                case "SweepHandler" -> () -> GuardPriming.sweep(session);
                case "ConfigRuleHandler" -> () -> ConfigPriming.configRule(session);
                case "SlackNotifierHandler" -> () -> DeliveryPriming.slackNotifier(session);
                case "SecurityHubExporterHandler" -> () -> DeliveryPriming.securityHubExporter(session);
                default -> throw new IllegalArgumentException(handler.getName() + " is not a neptune-guard handler");
            };
            session.step("set up " + handler.getSimpleName(), run);
            session.step("log and count an invocation's start", session::invocationStart);
            session.step("prepare the first real call", session::prepareFirstCall);
            return new Report(handler.getSimpleName(), session.steps, session.failures, session.http.requests(),
                    (System.nanoTime() - start) / 1e6, session.http.operations());
        }
    }

    /**
     * The handler wired as priming wires it, over SDK clients that answer in memory, for measuring the handler's own
     * cost per event without any AWS latency (the benchmark's in-memory warm latency). Its clients live as long as the
     * handler. The Slack notifier is not offered: it has no in-memory webhook, and priming never posts.
     *
     * @throws IllegalArgumentException for the Slack notifier or a class that is not a handler
     */
    public static RequestStreamHandler inMemory(Class<?> handler) {
        Session session = new Session();
        return switch (handler.getSimpleName()) {
            case "ClusterEncryptionHandler" -> GuardPriming.clusterEncryptionHandler(session);
            case "KeyRevocationHandler" -> GuardPriming.keyRevocationHandler(session);
            case "ReminderHandler" -> GuardPriming.reminderHandler(session);
            case "SweepHandler" -> GuardPriming.sweepHandler(session);
            case "ConfigRuleHandler" -> ConfigPriming.configRuleHandler(session);
            case "SecurityHubExporterHandler" -> DeliveryPriming.securityHubExporterHandler(session);
            default -> throw new IllegalArgumentException(handler.getName() + " has no in-memory wiring");
        };
    }

    /** {@code beforeCheckpoint} of every handler: prime, then log one line with what was done. */
    static void beforeCheckpoint(Class<?> handler) {
        Report report = prime(handler);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("handler", report.handler());
        fields.put("steps", report.steps().size());
        fields.put("awsRequestsInMemory", report.awsRequests());
        fields.put("awsOperationsInMemory", new TreeMap<>(report.operations()));
        fields.put("millis", Math.round(report.millis()));
        if (report.clean()) {
            new Log("priming").info("primed for SnapStart", fields);
        } else {
            fields.put("failures", report.failures());
            new Log("priming").warn("priming incomplete; the snapshot is taken anyway", fields);
        }
    }

    /**
     * One priming run: the in-memory HTTP client, the clients built on it (closed at the end), quiet loggers, and
     * the record of the steps.
     */
    static final class Session implements AutoCloseable {

        private static final AwsCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAPRIMINGNOTAREALKEY", "priming-only-never-sent-anywhere"));

        final PrimingHttpClient http = new PrimingHttpClient();
        final Clock clock = Clock.systemUTC();
        private final List<SdkAutoCloseable> clients = new ArrayList<>();
        private final List<String> steps = new ArrayList<>();
        private final Map<String, String> failures = new LinkedHashMap<>();
        private final PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false,
                StandardCharsets.UTF_8);

        /** Runs one step; a failure is recorded with its cause and priming goes on. */
        void step(String name, Step step) {
            steps.add(name);
            try {
                step.run();
            } catch (Exception | LinkageError e) {
                failures.put(name, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }

        /** A client of the given builder on the in-memory HTTP client, with dummy credentials; closed at the end. */
        <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkAutoCloseable> C client(
                B builder) {
            C client = builder.region(region()).credentialsProvider(CREDENTIALS).httpClient(http)
                    .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)).build();
            clients.add(client);
            return client;
        }

        AwsCredentialsProvider credentials() {
            return CREDENTIALS;
        }

        Region region() {
            String region = System.getenv("AWS_REGION");
            return Region.of(region == null || region.isBlank() ? "us-east-1" : region);
        }

        void closeLater(SdkAutoCloseable client) {
            clients.add(client);
        }

        Log log(String service) {
            return new Log(service, discard, clock);
        }

        Metrics metrics(String service) {
            return new Metrics("NeptuneGuard", service, discard, clock);
        }

        /**
         * The lines of a Lambda invocation (its context's fields, {@code cold_start}) and the {@code ColdStart} metric,
         * written with constants to the discarded stream: the handlers' own invocations in priming have no context.
         */
        void invocationStart() {
            Log log = log("priming");
            log.invocation("priming", "$LATEST", "arn:aws:lambda:" + region().id() + ":000000000000:function:priming",
                    1024, "priming", true);
            log.info("invocation started", Map.of("coldStart", true));
            metrics("priming").coldStart("priming");
        }

        OutputStream output() {
            return OutputStream.nullOutputStream();
        }

        /**
         * What the in-memory clients leave out of the first real call: the URL-connection HTTP client's request
         * (prepared, then aborted: a connection object is made, nothing is connected or sent) and the providers of the
         * default credentials chain (built, never asked: credentials are resolved after the restore).
         */
        void prepareFirstCall() throws Exception {
            SdkHttpClient real = UrlConnectionHttpClient.builder().build();
            clients.add(real);
            SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                    .uri(URI.create("https://kms." + region().id() + ".amazonaws.com/"))
                    .putHeader("Content-Type", "application/x-amz-json-1.1").build();
            real.prepareRequest(HttpExecuteRequest.builder().request(request).build()).abort();
            List<AwsCredentialsProvider> chain = List.of(EnvironmentVariableCredentialsProvider.create(),
                    SystemPropertyCredentialsProvider.create(), WebIdentityTokenFileCredentialsProvider.create(),
                    ProfileCredentialsProvider.create(), ContainerCredentialsProvider.builder().build(),
                    InstanceProfileCredentialsProvider.builder().build());
            for (AwsCredentialsProvider provider : chain) {
                if (provider instanceof SdkAutoCloseable closeable) {
                    clients.add(closeable);
                }
            }
        }

        /** A bundled sample event, {@code priming/events/<source>/<file>}. */
        static byte[] event(String path) {
            try (InputStream in = Priming.class.getResourceAsStream("/priming/events/" + path)) {
                if (in == null) {
                    throw new IllegalStateException("priming event " + path + " is not in the jar");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            clients.forEach(SdkAutoCloseable::close);
            discard.close();
        }
    }

    /** A priming step: may throw anything, which is recorded rather than propagated. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }
}
