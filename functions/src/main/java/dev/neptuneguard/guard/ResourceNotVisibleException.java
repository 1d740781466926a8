package dev.neptuneguard.guard;

/**
 * The resource named by an event cannot be described yet and the event did not describe it either. Thrown
 * so that the invocation fails and Lambda retries it later (describe calls are eventually consistent).
 */
public class ResourceNotVisibleException extends RuntimeException {

    public ResourceNotVisibleException(String message) {
        super(message);
    }
}
