package dev.neptuneguard.configrule;

/**
 * The rule's parameters (or the environment defaults they override) are invalid. This is a deployment
 * mistake, not a bad event: the invocation fails with a message naming the parameter, so that the failure
 * reaches the dead-letter queue and its alarm instead of leaving resources silently unevaluated.
 */
public class RuleParametersException extends IllegalArgumentException {

    public RuleParametersException(String message) {
        super(message);
    }

    public RuleParametersException(String message, Throwable cause) {
        super(message, cause);
    }
}
