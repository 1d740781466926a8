package dev.neptuneguard.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What the CLI takes from the process it runs in, gathered so that tests can replace it: the clock, whether
 * stderr is a terminal (the live scan draws its progress line only then), the environment (sink settings for
 * {@code replay --send}), and how AWS credentials are found. In production the credentials come from the SDK's
 * default chain or {@code --profile}; tests give static credentials and a short retry backoff for a local stub.
 *
 * @param credentials {@code --profile} value (null for the default chain) to a provider; null = the SDK's own
 * @param retryBackoff base delay between SDK retries; null = the SDK's standard backoff
 */
record CliContext(Clock clock, boolean stderrIsTerminal, Map<String, String> env,
                  Function<String, AwsCredentialsProvider> credentials, Duration retryBackoff) {

    CliContext {
        env = Map.copyOf(env);
    }

    /** Set by the {@code neptune-guard} launcher from {@code [ -t 2 ]}: Java 17 cannot ask about stderr alone. */
    static final String STDERR_TTY_PROPERTY = "neptuneguard.stderrTty";

    /**
     * The real process: system clock, real environment; stderr counts as a terminal when the launcher says so,
     * else when {@code System.console()} exists (stdin and stdout are terminals, so stderr most likely is too).
     */
    static CliContext system() {
        String told = System.getProperty(STDERR_TTY_PROPERTY);
        boolean terminal = told != null ? Boolean.parseBoolean(told) : System.console() != null;
        return new CliContext(Clock.systemUTC(), terminal, System.getenv(), null, null);
    }

    /** A context that is not a terminal, with an empty environment and the SDK's own credentials. */
    static CliContext of(Clock clock) {
        return new CliContext(clock, false, Map.of(), null, null);
    }
}
