package dev.neptuneguard.sinks;

/**
 * The webhook secret is missing or does not hold an {@code https://hooks.slack.com/} URL. The message names the
 * secret, never its value.
 */
public class SlackConfigurationException extends RuntimeException {

    public SlackConfigurationException(String message) {
        super(message);
    }
}
