package dev.neptuneguard.cli;

/** A problem with what the user gave the CLI (file, option, JSON shape): exit code 2, one clear line. */
public class InputException extends RuntimeException {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
