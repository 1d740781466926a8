package dev.neptuneguard.iac;

/** An IaC input that cannot be read: the message names the file and what is wrong with it. */
public final class IacInputException extends RuntimeException {

    public IacInputException(String message) {
        super(message);
    }

    public IacInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
