package dev.neptuneguard.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.parameters.BaseProvider;
import software.amazon.lambda.powertools.parameters.cache.CacheManager;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/**
 * The Slack webhook URL, read from Secrets Manager through Powertools' {@link SecretsProvider} and kept in its cache
 * for {@code maxAge} (default {@link #DEFAULT_MAX_AGE}, {@code SLACK_WEBHOOK_SECRET_MAX_AGE_SECONDS}): a rotated
 * secret is picked up by a warm function within that time, without a cold start, and a busy function makes one
 * {@code GetSecretValue} call per period. A failed read is not cached, so the next invocation tries again. The secret
 * holds the URL itself or a JSON object with {@code url} / {@code webhookUrl}. Only {@code https://hooks.slack.com/...}
 * URLs are accepted, so a tampered secret cannot send findings elsewhere. The URL is a credential: it is never logged
 * or put in a message, and an error names the secret, never its value.
 */
public final class SlackWebhookSecret {

    /** How long a read value is used before Secrets Manager is asked again. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);
    /** The setting that overrides {@link #DEFAULT_MAX_AGE}, in whole seconds. */
    public static final String MAX_AGE_ENV = "SLACK_WEBHOOK_SECRET_MAX_AGE_SECONDS";

    private static final String SLACK_HOST = "hooks.slack.com";

    private final SecretsProvider provider;
    private final String secretName;

    public SlackWebhookSecret(SecretsManagerClient secrets, String secretName, Duration maxAge) {
        if (secretName == null || secretName.isBlank()) {
            throw new SlackConfigurationException("SLACK_WEBHOOK_SECRET_NAME is not set: name the Secrets Manager "
                    + "secret that holds the Slack incoming-webhook URL");
        }
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the webhook secret's cache time must be positive, was " + maxAge);
        }
        CacheManager cache = new CacheManager();
        cache.setDefaultExpirationTime(maxAge);
        this.provider = SecretsProvider.builder().withClient(secrets).withCacheManager(cache).build();
        this.secretName = secretName;
    }

    /**
     * The cache time from {@value #MAX_AGE_ENV} (whole seconds, at least 1), or {@link #DEFAULT_MAX_AGE} when unset.
     *
     * @throws IllegalArgumentException naming the setting when its value is not a positive whole number
     */
    public static Duration maxAge(String setting) {
        if (setting == null || setting.isBlank()) {
            return DEFAULT_MAX_AGE;
        }
        try {
            long seconds = Long.parseLong(setting.trim());
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(MAX_AGE_ENV + " must be a positive number of seconds, was '" + setting
                + "'");
    }

    /** The webhook URL: from the cache while it is fresh, else read (and validated) again. */
    public URI url() {
        return parse(provider.get(secretName), secretName);
    }

    /** Powertools' provider, for tests that move its clock. */
    BaseProvider provider() {
        return provider;
    }

    /** Validates the secret's content; the exception names the secret, never the value. */
    static URI parse(String secretString, String secretName) {
        String raw = secretString == null ? "" : secretString.trim();
        if (raw.startsWith("{")) {
            raw = fromJson(raw, secretName);
        }
        String problem = "secret " + secretName + " must hold a Slack incoming-webhook URL starting with https://"
                + SLACK_HOST + "/";
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new SlackConfigurationException(problem + " (the value is not a URL)");
        }
        boolean ok = "https".equals(uri.getScheme()) && SLACK_HOST.equals(uri.getHost()) && uri.getPort() == -1
                && uri.getUserInfo() == null && uri.getRawPath() != null && uri.getRawPath().length() > 1
                && raw.startsWith("https://" + SLACK_HOST + "/");
        if (!ok) {
            throw new SlackConfigurationException(problem);
        }
        return uri;
    }

    private static String fromJson(String raw, String secretName) {
        try {
            JsonNode node = Json.MAPPER.readTree(raw);
            for (String name : new String[] {"url", "webhookUrl", "webhook_url"}) {
                String v = Json.text(node, name);
                if (v != null) {
                    return v.trim();
                }
            }
        } catch (java.io.IOException e) {
            throw new SlackConfigurationException("secret " + secretName + " starts with '{' but is not JSON");
        }
        throw new SlackConfigurationException("secret " + secretName + " is JSON without a 'url' field");
    }
}
