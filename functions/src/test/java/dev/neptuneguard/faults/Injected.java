package dev.neptuneguard.faults;

/**
 * The faults the suite injects into every AWS call (and the Slack webhook). {@link #isTransient()} separates the
 * ones a retry may cure (they must end in a retry by the SDK, then a failed invocation) from the permanent one.
 */
enum Injected {
    THROTTLING("throttling"),
    HTTP_500("HTTP 500"),
    HTTP_503("HTTP 503"),
    CONNECTION_RESET("connection reset"),
    TIMEOUT("timeout"),
    ACCESS_DENIED("access denied");

    private final String label;

    Injected(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    boolean isTransient() {
        return this != ACCESS_DENIED;
    }
}
