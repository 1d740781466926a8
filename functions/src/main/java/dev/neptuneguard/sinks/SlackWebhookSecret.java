package dev.neptuneguard.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The Slack webhook URL, read from Secrets Manager and cached for {@code ttl} (so a rotated secret is picked up
 * without a cold start, and a busy function makes few calls). The secret holds the URL itself or a JSON object
 * with {@code url} / {@code webhookUrl}. Only {@code https://hooks.slack.com/...} URLs are accepted, so a
 * tampered secret cannot send findings elsewhere. The URL is a credential: it is never logged or put in a message.
 */
public final class SlackWebhookSecret {

    private static final String SLACK_HOST = "hooks.slack.com";

    private final SecretsManagerClient secrets;
    private final String secretName;
    private final Duration ttl;
    private final Clock clock;
    private URI cached;
    private Instant fetchedAt;

    public SlackWebhookSecret(SecretsManagerClient secrets, String secretName, Duration ttl, Clock clock) {
        if (secretName == null || secretName.isBlank()) {
            throw new SlackConfigurationException("SLACK_WEBHOOK_SECRET_NAME is not set: name the Secrets Manager "
                    + "secret that holds the Slack incoming-webhook URL");
        }
        this.secrets = secrets;
        this.secretName = secretName;
        this.ttl = ttl;
        this.clock = clock;
    }

    public synchronized URI url() {
        Instant now = clock.instant();
        if (cached == null || fetchedAt.plus(ttl).isBefore(now)) {
            String value = secrets.getSecretValue(b -> b.secretId(secretName)).secretString();
            cached = parse(value, secretName);
            fetchedAt = now;
        }
        return cached;
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
