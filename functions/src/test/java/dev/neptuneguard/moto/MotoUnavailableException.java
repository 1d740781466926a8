package dev.neptuneguard.moto;

/** moto cannot be used in this run; the message is the one-line reason printed or failed with. */
public final class MotoUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public MotoUnavailableException(String reason) {
        super(reason);
    }
}
