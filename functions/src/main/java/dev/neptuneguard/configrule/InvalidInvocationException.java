package dev.neptuneguard.configrule;

/**
 * The input is not a usable AWS Config rule invocation (not JSON, no {@code invokingEvent}, unknown message
 * type, no result token). Bad input, not an AWS fault: the handler logs and counts it and does not retry.
 */
public class InvalidInvocationException extends RuntimeException {

    public InvalidInvocationException(String message) {
        super(message);
    }

    public InvalidInvocationException(String message, Throwable cause) {
        super(message, cause);
    }
}
