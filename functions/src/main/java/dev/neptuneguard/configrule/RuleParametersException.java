package dev.neptuneguard.configrule;

/**
 * The rule's parameters (or the environment defaults they override) are invalid. This is a deployment
 * mistake, not a bad event: the invocation fails with a message naming the parameter, so that the failure
 * reaches the dead-letter queue and its alarm instead of leaving resources silently unevaluated.
 */
public class RuleParametersException extends IllegalArgumentException {

    /** Messages quote the input and are logged: cut, like an ignored event's, to this many characters. */
    public static final int MAX_MESSAGE = 1_000;

    public RuleParametersException(String message) {
        super(Annotations.fit(message, MAX_MESSAGE));
    }

    public RuleParametersException(String message, Throwable cause) {
        super(Annotations.fit(message, MAX_MESSAGE), cause);
    }
}
