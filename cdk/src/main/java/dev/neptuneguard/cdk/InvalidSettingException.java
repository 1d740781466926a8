package dev.neptuneguard.cdk;

/**
 * A deployment setting (CDK context value) that cannot be used. The message starts with the setting's name so
 * that {@code cdk synth} tells the user exactly which {@code -c name=value} to fix.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    public InvalidSettingException(String setting, String problem) {
        super(setting + ": " + problem);
        this.setting = setting;
    }

    public InvalidSettingException(String setting, String problem, Throwable cause) {
        super(setting + ": " + problem, cause);
        this.setting = setting;
    }

    /** The name of the offending setting, as written in {@code cdk.json} or {@code -c}. */
    public String setting() {
        return setting;
    }
}
