package dev.neptuneguard.sinks;

/**
 * Slack could not be reached, or kept answering 429/5xx, within the bounded retries: the invocation should fail so
 * that Lambda retries it later. The message never contains the webhook URL.
 */
public class SlackDeliveryException extends RuntimeException {

    public SlackDeliveryException(String message) {
        super(message);
    }
}
