package dev.neptuneguard.sinks;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Slack collaborators aimed at a local stub, for tests in other packages. */
public final class SlackStubClients {

    private SlackStubClients() {
    }

    /** A webhook client that sends to {@code stub} and records its waits instead of sleeping. */
    public static SlackWebhookClient webhook(URI stub, List<Duration> waits) {
        return new SlackWebhookClient(HttpClient.newHttpClient(), waits::add, 3, Duration.ofSeconds(10), stub);
    }

    /** Like {@link #webhook} with a short limit per attempt, for fault injection. */
    public static SlackWebhookClient webhook(URI stub, List<Duration> waits, Duration requestTimeout) {
        return new SlackWebhookClient(HttpClient.newBuilder().connectTimeout(requestTimeout).build(), waits::add, 3,
                Duration.ofSeconds(10), requestTimeout, stub);
    }

    /** The production client (its timeouts, attempts and real sleeps), posting to {@code stub}. */
    public static SlackWebhookClient production(URI stub) {
        return new SlackWebhookClient(stub);
    }

    public static SlackWebhookSecret secret(SecretsManagerClient client, String name) {
        return new SlackWebhookSecret(client, name, SlackWebhookSecret.DEFAULT_MAX_AGE);
    }

    /** What bounds a client's time: limit per attempt, connect limit (empty: none) and attempts. */
    public record Limits(Duration requestTimeout, Optional<Duration> connectTimeout, int maxAttempts) {
    }

    public static Limits limits(SlackWebhookClient client) {
        return new Limits(client.requestTimeout(), client.connectTimeout(), client.maxAttempts());
    }
}
