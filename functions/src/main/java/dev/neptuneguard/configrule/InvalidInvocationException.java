package dev.neptuneguard.configrule;

/**
 * The input is not a usable AWS Config rule invocation (not JSON, no {@code invokingEvent}, unknown message
 * type, no result token). Bad input, not an AWS fault: the handler logs and counts it and does not retry.
 */
public class InvalidInvocationException extends RuntimeException {

    /** Messages quote the input and are logged: cut, like an ignored event's, to this many characters. */
    public static final int MAX_MESSAGE = 1_000;

    public InvalidInvocationException(String message) {
        super(Annotations.fit(message, MAX_MESSAGE));
    }

    public InvalidInvocationException(String message, Throwable cause) {
        super(Annotations.fit(message, MAX_MESSAGE), cause);
    }
}
