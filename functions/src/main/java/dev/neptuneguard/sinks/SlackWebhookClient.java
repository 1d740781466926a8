package dev.neptuneguard.sinks;

import dev.neptuneguard.inventory.EndpointOverride;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts messages to a Slack incoming webhook with {@link HttpClient}, bounded in every direction: connect and
 * request timeouts, at most {@code maxAttempts} tries, a 429's {@code Retry-After} honoured only up to
 * {@code maxRetryAfter}. 429, 5xx and network errors are retried and, when retries run out, raise
 * {@link SlackDeliveryException} (the invocation fails and Lambda retries later). Any other status — a 4xx such as
 * {@code invalid_blocks}, {@code invalid_token} or {@code channel_is_archived} — cannot be fixed by retrying: the
 * result is {@link Outcome#DROPPED} with Slack's error text, for the caller to log and count. The webhook URL is
 * never put in a result or exception message.
 */
public final class SlackWebhookClient {

    /** What became of a message. */
    public enum Outcome { DELIVERED, DROPPED }

    /** @param error Slack's response body for a dropped message (e.g. {@code invalid_blocks}); empty otherwise */
    public record Result(Outcome outcome, int status, String error, int attempts) {
    }

    /** Waits between attempts; a test supplies one that records instead of sleeping. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * Per attempt: three attempts of 5 s and their backoff end after 16.5 s, inside the notifier's 30 s Lambda timeout
     * (10 s per attempt added up to 31.5 s, past it).
     */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

    private final HttpClient http;
    private final Sleeper sleeper;
    private final int maxAttempts;
    private final Duration maxRetryAfter;
    private final URI endpointOverride;
    private final Duration requestTimeout;

    /**
     * The production client. When the {@code NEPTUNE_GUARD_ENDPOINT_URL} test hook points at a loopback address,
     * webhook paths go there (a local stub); any other value is ignored here, so the token never leaves for a
     * host that is neither Slack nor this machine.
     */
    public SlackWebhookClient() {
        this(EndpointOverride.loopback(EndpointOverride.fromEnvironment()));
    }

    /** The production settings, posting to {@code endpointOverride} when one is given (tests only). */
    SlackWebhookClient(URI endpointOverride) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(), d -> Thread.sleep(d.toMillis()), 3,
                Duration.ofSeconds(10), REQUEST_TIMEOUT, endpointOverride);
    }

    /**
     * @param endpointOverride tests only: the webhook's path is sent to this base (a local stub) instead of Slack
     */
    SlackWebhookClient(HttpClient http, Sleeper sleeper, int maxAttempts, Duration maxRetryAfter,
                       URI endpointOverride) {
        this(http, sleeper, maxAttempts, maxRetryAfter, REQUEST_TIMEOUT, endpointOverride);
    }

    /** @param requestTimeout how long one attempt may wait for Slack's answer */
    SlackWebhookClient(HttpClient http, Sleeper sleeper, int maxAttempts, Duration maxRetryAfter,
                       Duration requestTimeout, URI endpointOverride) {
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.sleeper = sleeper;
        this.maxAttempts = maxAttempts;
        this.maxRetryAfter = maxRetryAfter;
        this.endpointOverride = endpointOverride;
    }

    /** How long one attempt may wait for an answer. */
    Duration requestTimeout() {
        return requestTimeout;
    }

    /** How long opening a connection may take; empty means the JDK's default (no limit). */
    Optional<Duration> connectTimeout() {
        return http.connectTimeout();
    }

    int maxAttempts() {
        return maxAttempts;
    }

    public Result post(URI webhook, String json) {
        URI target = endpointOverride == null ? webhook : endpointOverride.resolve(webhook.getRawPath());
        HttpRequest request = HttpRequest.newBuilder(target).timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        String last = "no attempt";
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Duration wait;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new Result(Outcome.DELIVERED, status, "", attempt);
                }
                if (status == 429) {
                    wait = retryAfter(response);
                    last = "HTTP 429 (Retry-After " + wait.toSeconds() + " s)";
                    if (wait.compareTo(maxRetryAfter) > 0) {
                        throw new SlackDeliveryException("Slack rate-limited the webhook and asked to wait "
                                + wait.toSeconds() + " s, longer than the " + maxRetryAfter.toSeconds() + " s allowed");
                    }
                } else if (status >= 500) {
                    wait = backoff;
                    backoff = backoff.multipliedBy(2);
                    last = "HTTP " + status;
                } else {
                    return new Result(Outcome.DROPPED, status, Text.cap(response.body(), 200), attempt);
                }
            } catch (IOException e) {
                wait = backoff;
                backoff = backoff.multipliedBy(2);
                last = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SlackDeliveryException("interrupted while posting to Slack");
            }
            if (attempt < maxAttempts) {
                pause(wait);
            }
        }
        throw new SlackDeliveryException("Slack webhook still failing after " + maxAttempts + " attempts: " + last);
    }

    /** Retry-After in seconds as Slack sends it; absent or unreadable means one second. */
    private static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse("1").trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackDeliveryException("interrupted while waiting to retry Slack");
        }
    }
}
