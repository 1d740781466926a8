package dev.neptuneguard.sinks;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Slack collaborators aimed at a local stub, for tests in other packages. */
public final class SlackStubClients {

    private SlackStubClients() {
    }

    /** A webhook client that sends to {@code stub} and records its waits instead of sleeping. */
    public static SlackWebhookClient webhook(URI stub, List<Duration> waits) {
        return new SlackWebhookClient(HttpClient.newHttpClient(), waits::add, 3, Duration.ofSeconds(10), stub);
    }

    public static SlackWebhookSecret secret(SecretsManagerClient client, String name, Clock clock) {
        return new SlackWebhookSecret(client, name, Duration.ofMinutes(15), clock);
    }
}
