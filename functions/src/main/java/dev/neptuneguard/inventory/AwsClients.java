package dev.neptuneguard.inventory;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.neptune.NeptuneClient;

/**
 * The read-side SDK clients (Neptune, KMS and, where packaged, Neptune Analytics), built once per process and shared
 * by every invocation.
 * All use the small URL-connection HTTP client, the default credentials chain, the standard retry mode,
 * a 10 s limit per call and 3 s per attempt (a hung connection is retried rather than eating the Lambda
 * timeout), and one {@link CallCounter}. An endpoint override is only for tests and {@code --endpoint-url}.
 */
public final class AwsClients implements AutoCloseable {

    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(10);
    static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

    private final Region region;
    private final Duration apiCallTimeout;
    private final Duration attemptTimeout;
    private final SdkHttpClient http;
    private final CallCounter counter;
    private final NeptuneClient neptune;
    private final KmsClient kms;
    private final GraphApi graphs;

    private AwsClients(Builder b) {
        if (b.region == null) {
            throw new IllegalArgumentException("a region is required to build the AWS clients");
        }
        region = b.region;
        counter = new CallCounter();
        apiCallTimeout = b.apiCallTimeout != null ? b.apiCallTimeout : API_CALL_TIMEOUT;
        attemptTimeout = b.attemptTimeout != null ? b.attemptTimeout : API_CALL_ATTEMPT_TIMEOUT;
        http = b.http != null ? b.http : UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(attemptTimeout)
                .build();
        AwsCredentialsProvider credentials =
                b.credentials != null ? b.credentials : DefaultCredentialsProvider.builder().build();
        var neptuneBuilder = NeptuneClient.builder().region(region).credentialsProvider(credentials)
                .httpClient(http).overrideConfiguration(overrideConfiguration(b.retryBackoff));
        var kmsBuilder = KmsClient.builder().region(region).credentialsProvider(credentials)
                .httpClient(http).overrideConfiguration(overrideConfiguration(b.retryBackoff));
        if (b.endpointOverride != null) {
            neptuneBuilder.endpointOverride(b.endpointOverride);
            kmsBuilder.endpointOverride(b.endpointOverride);
        }
        neptune = neptuneBuilder.build();
        kms = kmsBuilder.build();
        graphs = NEPTUNE_GRAPH_ON_CLASS_PATH
                ? AwsGraphClient.build(region, credentials, http, overrideConfiguration(b.retryBackoff),
                b.endpointOverride)
                : GraphApi.ABSENT;
    }

    /**
     * Whether this artifact carries the Neptune Analytics SDK module. Checked by name so that AwsClients itself never
     * links against it: the Config rule's jar leaves it out (AWS Config records no graphs).
     */
    private static final boolean NEPTUNE_GRAPH_ON_CLASS_PATH = present(
            "software.amazon.awssdk.services.neptunegraph.NeptuneGraphClient");

    private static boolean present(String className) {
        try {
            Class.forName(className, false, AwsClients.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private ClientOverrideConfiguration overrideConfiguration(Duration retryBackoff) {
        ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder()
                .apiCallTimeout(apiCallTimeout)
                .apiCallAttemptTimeout(attemptTimeout)
                .addExecutionInterceptor(counter);
        if (retryBackoff == null) {
            return config.retryStrategy(RetryMode.STANDARD).build();
        }
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(retryBackoff, retryBackoff.multipliedBy(4));
        return config.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .build()).build();
    }

    /**
     * Clients for the region in {@code AWS_REGION} (always set in Lambda), aimed at
     * {@code NEPTUNE_GUARD_ENDPOINT_URL} only when that test hook is set ({@link EndpointOverride}).
     *
     * @throws IllegalStateException when {@code AWS_REGION} is not set
     */
    public static AwsClients fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Like {@link #fromEnvironment()}, from the variables in {@code env}. */
    public static AwsClients fromEnvironment(Map<String, String> env) {
        String region = env.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set: set it to the region of the Neptune clusters "
                    + "to guard (Lambda sets it automatically)");
        }
        return builder().region(Region.of(region)).endpointOverride(EndpointOverride.fromEnvironment(env)).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Region region() {
        return region;
    }

    public NeptuneClient neptune() {
        return neptune;
    }

    public KmsClient kms() {
        return kms;
    }

    /** Neptune Analytics graphs of this region, or {@link GraphApi#ABSENT} where the SDK module is not packaged. */
    public GraphApi graphs() {
        return graphs;
    }

    public CallCounter counter() {
        return counter;
    }

    @Override
    public void close() {
        neptune.close();
        kms.close();
        if (graphs instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing an SDK client releases nothing that outlives the process; nothing to report
            }
        }
        http.close();
    }

    /** Settings for {@link AwsClients}; only the region is required. */
    public static final class Builder {
        private Region region;
        private URI endpointOverride;
        private AwsCredentialsProvider credentials;
        private Duration retryBackoff;
        private Duration apiCallTimeout;
        private Duration attemptTimeout;
        private SdkHttpClient http;

        private Builder() {
        }

        public Builder region(Region value) {
            region = value;
            return this;
        }

        /** One endpoint for both services: a local stub in tests, or the CLI's {@code --endpoint-url}. */
        public Builder endpointOverride(URI value) {
            endpointOverride = value;
            return this;
        }

        /** Replaces the default credentials chain; tests pass static credentials. */
        public Builder credentialsProvider(AwsCredentialsProvider value) {
            credentials = value;
            return this;
        }

        /** Base delay between retries, for tests; production keeps the standard mode's own backoff. */
        public Builder retryBackoff(Duration value) {
            retryBackoff = value;
            return this;
        }

        /**
         * Shorter limits per call and per attempt, for fault-injection tests that must not wait for the production
         * ones (10 s and 3 s); production never sets them.
         */
        public Builder timeouts(Duration apiCall, Duration attempt) {
            apiCallTimeout = apiCall;
            attemptTimeout = attempt;
            return this;
        }

        /**
         * Replaces the URL-connection HTTP client; SnapStart priming passes one that answers in memory, so that the
         * request path runs before the snapshot without reaching AWS.
         */
        public Builder httpClient(SdkHttpClient value) {
            http = value;
            return this;
        }

        public AwsClients build() {
            return new AwsClients(this);
        }
    }
}
