package dev.neptuneguard.model;

/**
 * A policy setting is unknown or its value is invalid. The message names the setting and says what is expected;
 * {@link #setting()} gives the canonical name (or the unknown name as written) so that each shell can say where
 * it came from (a file, a rule parameter, a CDK context key).
 */
public class InvalidPolicyException extends IllegalArgumentException {

    private final String setting;

    public InvalidPolicyException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** A value problem: the message is {@code setting: detail}. */
    static InvalidPolicyException value(String setting, String detail) {
        return new InvalidPolicyException(setting, setting + ": " + detail);
    }

    /** The setting's canonical name, or the unknown name as given; empty when the whole input is wrong. */
    public String setting() {
        return setting;
    }
}
