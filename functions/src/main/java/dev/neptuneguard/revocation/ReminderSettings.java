package dev.neptuneguard.revocation;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where and when countdown reminders are scheduled, read once from the environment and validated at start-up.
 *
 * The variable names are the ones the CDK stack sets: {@value #OFFSETS} keeps its setting name (the same in
 * {@code cdk.json} and the CLI), the rest are deployment wiring.
 *
 * @param offsets how long before the deletion each reminder fires, longest first (default 7 d, 3 d, 1 d, 6 h)
 * @param group the EventBridge Scheduler schedule group
 * @param targetArn the reminder function (alias) ARN the schedules invoke
 * @param roleArn the role Scheduler assumes to invoke it
 * @param deadLetterArn the SQS queue Scheduler sends a reminder to when it cannot invoke the target; may be null
 */
public record ReminderSettings(List<Duration> offsets, String group, String targetArn, String roleArn,
                               String deadLetterArn) {

    public static final String OFFSETS = "reminderOffsets";
    public static final String GROUP = "SCHEDULE_GROUP_NAME";
    public static final String TARGET_ARN = "REMINDER_TARGET_ARN";
    public static final String ROLE_ARN = "REMINDER_ROLE_ARN";
    public static final String DEAD_LETTER_ARN = "REMINDER_DEAD_LETTER_ARN";
    public static final String DEFAULT_OFFSETS = "P7D,P3D,P1D,PT6H";
    public static final String DEFAULT_GROUP = "neptune-guard-reminders";

    public ReminderSettings {
        offsets = offsets.stream().distinct().sorted((a, b) -> b.compareTo(a)).toList();
    }

    /**
     * Reads the settings.
     *
     * @throws IllegalArgumentException naming the variable when one is missing or invalid
     */
    public static ReminderSettings fromEnv(Map<String, String> env) {
        String deadLetter = env.get(DEAD_LETTER_ARN);
        return new ReminderSettings(offsets(env.getOrDefault(OFFSETS, DEFAULT_OFFSETS)),
                value(env, GROUP, DEFAULT_GROUP), arn(env, TARGET_ARN), arn(env, ROLE_ARN),
                deadLetter == null || deadLetter.isBlank() ? null : arn(env, DEAD_LETTER_ARN));
    }

    /**
     * Parses a comma-separated list of ISO-8601 durations; blank means the default.
     *
     * @throws IllegalArgumentException naming {@value #OFFSETS} when an entry is not a positive duration
     */
    public static List<Duration> offsets(String text) {
        List<Duration> out = new ArrayList<>();
        String source = text == null || text.isBlank() ? DEFAULT_OFFSETS : text;
        for (String part : source.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            Duration d;
            try {
                d = Duration.parse(p);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(OFFSETS + ": '" + p + "' is not an ISO-8601 duration such as P7D or "
                        + "PT6H");
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(OFFSETS + ": '" + p + "' must be longer than zero");
            }
            out.add(d);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(OFFSETS + ": no offset given; use e.g. " + DEFAULT_OFFSETS);
        }
        return out;
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static String arn(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is not set; it must hold an ARN");
        }
        if (!v.trim().startsWith("arn:")) {
            throw new IllegalArgumentException(name + ": '" + v + "' is not an ARN");
        }
        return v.trim();
    }
}
