package dev.neptuneguard.cdk;

import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.Severity;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The deployment settings, read from CDK context ({@code cdk.json} or {@code -c name=value}) and validated at
 * synth time: a bad value stops {@code cdk synth} with an {@link InvalidSettingException} that names the
 * setting, instead of deploying a guard that fails at its first event. Values may be strings (from {@code -c}),
 * booleans or lists (from {@code cdk.json}); lists are comma-separated strings or JSON arrays.
 *
 * @param alertEmails e-mail addresses subscribed to the alert topic
 * @param slackWebhookSecretName name of the Secrets Manager secret holding the Slack webhook URL, or null
 * @param slackMinimumSeverity least severe finding that is posted to Slack
 * @param policy the encryption policy, passed to every function
 * @param reminderOffsets how long before a key's deletion date the reminders fire (ISO-8601 durations)
 * @param protectionMode whether the guard cancels deletions of keys that live clusters depend on
 * @param protectionExemptPrincipals IAM principals whose key changes protection leaves alone (break-glass)
 * @param sweepSchedule EventBridge schedule expression of the reconciliation sweep
 * @param securityHub whether findings are imported into Security Hub
 * @param configRule whether the AWS Config custom rules are deployed
 * @param reencryptionRunbook whether the re-encryption Automation runbook and its role are deployed (off by default)
 */
public record GuardSettings(
        List<String> alertEmails,
        String slackWebhookSecretName,
        Severity slackMinimumSeverity,
        Policy policy,
        List<String> reminderOffsets,
        ProtectionMode protectionMode,
        List<String> protectionExemptPrincipals,
        String sweepSchedule,
        boolean securityHub,
        boolean configRule,
        boolean reencryptionRunbook) {

    public static final String ALERT_EMAILS = "alertEmails";
    public static final String SLACK_WEBHOOK_SECRET_NAME = "slackWebhookSecretName";
    public static final String SLACK_MINIMUM_SEVERITY = "slackMinimumSeverity";
    public static final String REMINDER_OFFSETS = "reminderOffsets";
    public static final String PROTECTION_MODE = "protectionMode";
    public static final String PROTECTION_EXEMPT_PRINCIPALS = "protectionExemptPrincipals";
    public static final String SWEEP_SCHEDULE = "sweepSchedule";
    public static final String SECURITY_HUB = "securityHub";
    public static final String CONFIG_RULE = "configRule";
    public static final String REENCRYPTION_RUNBOOK = "reencryptionRunbook";

    /** Every setting name, in the order the README documents them. */
    public static final List<String> NAMES = List.of(ALERT_EMAILS, SLACK_WEBHOOK_SECRET_NAME, SLACK_MINIMUM_SEVERITY,
            Policy.REQUIRE_CUSTOMER_MANAGED_KEY, Policy.ALLOWED_KEY_ARNS, Policy.REQUIRED_KEY_ORIGINS,
            Policy.REQUIRE_KEY_ROTATION, REMINDER_OFFSETS, PROTECTION_MODE, PROTECTION_EXEMPT_PRINCIPALS,
            SWEEP_SCHEDULE, SECURITY_HUB, CONFIG_RULE, REENCRYPTION_RUNBOOK);

    public static final String DEFAULT_REMINDER_OFFSETS = "P7D,P3D,P1D,PT6H";
    public static final String DEFAULT_SWEEP_SCHEDULE = "rate(1 day)";

    /** A KMS deletion waits at most 30 days, so a reminder further ahead than that can never fire. */
    private static final Duration MAX_REMINDER_OFFSET = Duration.ofDays(30);

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    /** Secrets Manager secret names: 1-512 of these characters. */
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    /**
     * Exactly one IAM principal: a role or user (with its path), an STS assumed-role session, or the account root.
     * IAM names hold letters, digits and {@code +=,.@_-}; no wildcard can match.
     */
    private static final Pattern PRINCIPAL_ARN = Pattern.compile("arn:aws(-[a-z]+)*:(iam::\\d{12}:((role|user)"
            + "/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}|root)"
            + "|sts::\\d{12}:assumed-role/[\\w+=,.@-]{1,64}/[\\w+=,.@-]{2,64})");
    /** The sweep reads every cluster, snapshot and key: rate and cron schedules alike run it at most hourly. */
    static final Duration MIN_SWEEP_INTERVAL = Duration.ofHours(1);
    /** Reminders are scheduled to the minute; a shorter offset cannot be told from zero. */
    private static final Duration MIN_REMINDER_OFFSET = Duration.ofMinutes(1);

    public GuardSettings {
        alertEmails = List.copyOf(alertEmails);
        reminderOffsets = List.copyOf(reminderOffsets);
        protectionExemptPrincipals = List.copyOf(protectionExemptPrincipals);
    }

    /** The settings when nothing is configured. */
    public static GuardSettings defaults() {
        return fromContext(name -> null);
    }

    /**
     * Reads and validates every setting.
     *
     * @param context looks up a context value by name (e.g. {@code node::tryGetContext}); null when absent
     * @throws InvalidSettingException naming the first setting whose value cannot be used
     */
    public static GuardSettings fromContext(Function<String, Object> context) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String name : NAMES) {
            String value = text(context.apply(name));
            if (value != null && !value.isBlank()) {
                raw.put(name, value.trim());
            }
        }
        return new GuardSettings(
                emails(raw.get(ALERT_EMAILS)),
                secretName(raw.get(SLACK_WEBHOOK_SECRET_NAME)),
                severity(raw.get(SLACK_MINIMUM_SEVERITY)),
                policy(raw),
                offsets(raw.getOrDefault(REMINDER_OFFSETS, DEFAULT_REMINDER_OFFSETS)),
                ProtectionMode.parse(raw.get(PROTECTION_MODE)),
                principals(raw.get(PROTECTION_EXEMPT_PRINCIPALS)),
                schedule(raw.getOrDefault(SWEEP_SCHEDULE, DEFAULT_SWEEP_SCHEDULE)),
                bool(SECURITY_HUB, raw.get(SECURITY_HUB), true),
                bool(CONFIG_RULE, raw.get(CONFIG_RULE), true),
                bool(REENCRYPTION_RUNBOOK, raw.get(REENCRYPTION_RUNBOOK), false));
    }

    /**
     * The context keys that look like settings but are not one (typos such as {@code alertEmail}). CDK's own keys
     * ({@code @aws-cdk/...}, {@code aws:cdk:...}) are not settings and are never reported.
     */
    public static List<String> unknownNames(Collection<String> contextKeys) {
        List<String> unknown = new ArrayList<>();
        for (String key : contextKeys) {
            if (!key.startsWith("@") && !key.contains(":") && !NAMES.contains(key)
                    && !OrganizationSettings.NAMES.contains(key)) {
                unknown.add(key);
            }
        }
        return unknown;
    }

    /** True when a Slack webhook secret is configured, which adds the Slack notifier. */
    public boolean slackEnabled() {
        return slackWebhookSecretName != null;
    }

    /** The severities posted to Slack: the minimum and everything more urgent. */
    public List<String> slackSeverities() {
        return Arrays.stream(Severity.values()).filter(s -> s.isAtLeast(slackMinimumSeverity)).map(Enum::name)
                .toList();
    }

    /** The variable the sinks read for {@link #securityHub()} ({@code dev.neptuneguard.sinks.SinkSettings}). */
    public static final String ENV_SECURITY_HUB_ENABLED = "SECURITY_HUB_ENABLED";

    /**
     * The settings the guard functions read. The policy and the key-revocation settings keep their setting names,
     * so that one name works in {@code cdk.json}, in the Lambda environment and in the CLI; the Security Hub
     * switch uses the name the sinks read. The Slack threshold is not here: the subscription's filter policy
     * applies it.
     */
    public Map<String, String> functionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> policySettings = policy.toSettings();
        for (String name : List.of(Policy.REQUIRE_CUSTOMER_MANAGED_KEY, Policy.ALLOWED_KEY_ARNS,
                Policy.REQUIRED_KEY_ORIGINS, Policy.REQUIRE_KEY_ROTATION)) {
            env.put(name, policySettings.get(name));
        }
        env.put(REMINDER_OFFSETS, String.join(",", reminderOffsets));
        env.put(PROTECTION_MODE, protectionMode.settingValue());
        env.put(PROTECTION_EXEMPT_PRINCIPALS, String.join(",", protectionExemptPrincipals));
        env.put(ENV_SECURITY_HUB_ENABLED, Boolean.toString(securityHub));
        return env;
    }

    /** A context value as text: lists (from cdk.json) are joined with commas. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> items) {
            List<String> parts = new ArrayList<>();
            for (Object item : items) {
                parts.add(String.valueOf(item));
            }
            return String.join(",", parts);
        }
        return value.toString();
    }

    /** Comma- or space-separated items, trimmed, duplicates dropped, in order. */
    static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        Set<String> items = new LinkedHashSet<>();
        for (String part : value.split("[,\\s]+")) {
            if (!part.isBlank()) {
                items.add(part.trim());
            }
        }
        return List.copyOf(items);
    }

    private static List<String> emails(String value) {
        List<String> emails = list(value);
        for (String email : emails) {
            if (!EMAIL.matcher(email).matches()) {
                throw new InvalidSettingException(ALERT_EMAILS, "'" + email + "' is not an e-mail address;"
                        + " give a comma-separated list such as ops@example.com,security@example.com");
            }
        }
        return emails;
    }

    private static String secretName(String value) {
        if (value == null) {
            return null;
        }
        if (value.startsWith("https://") || value.startsWith("http://")) {
            throw new InvalidSettingException(SLACK_WEBHOOK_SECRET_NAME, "give the name of the Secrets Manager"
                    + " secret that holds the webhook URL, never the URL itself (it would end up in the template)");
        }
        if (!SECRET_NAME.matcher(value).matches()) {
            throw new InvalidSettingException(SLACK_WEBHOOK_SECRET_NAME, "'" + value + "' is not a Secrets Manager"
                    + " secret name (1-512 characters: letters, digits and /_+=.@-)");
        }
        return value;
    }

    private static Severity severity(String value) {
        if (value == null) {
            return Severity.HIGH;
        }
        try {
            return Severity.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(SLACK_MINIMUM_SEVERITY, e.getMessage(), e);
        }
    }

    private static Policy policy(Map<String, String> raw) {
        try {
            return Policy.fromSettings(raw);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            for (String name : List.of(Policy.REQUIRE_CUSTOMER_MANAGED_KEY, Policy.ALLOWED_KEY_ARNS,
                    Policy.REQUIRED_KEY_ORIGINS, Policy.REQUIRE_KEY_ROTATION)) {
                if (message.startsWith(name + ":")) {
                    throw new InvalidSettingException(name, message.substring(name.length() + 1).trim(), e);
                }
            }
            throw new InvalidSettingException("policy", message, e);
        }
    }

    private static List<String> offsets(String value) {
        List<String> offsets = new ArrayList<>();
        for (String item : list(value)) {
            String iso = item.toUpperCase(Locale.ROOT);
            Duration duration;
            try {
                duration = Duration.parse(iso);
            } catch (DateTimeParseException e) {
                throw new InvalidSettingException(REMINDER_OFFSETS, "'" + item + "' is not an ISO-8601 duration;"
                        + " write e.g. P7D for 7 days or PT6H for 6 hours", e);
            }
            if (duration.compareTo(MIN_REMINDER_OFFSET) < 0 || duration.compareTo(MAX_REMINDER_OFFSET) > 0) {
                throw new InvalidSettingException(REMINDER_OFFSETS, "'" + item + "' must be at least PT1M (one"
                        + " minute: reminders are scheduled to the minute) and at most P30D (a key deletion is"
                        + " scheduled at most 30 days ahead)");
            }
            offsets.add(iso);
        }
        if (offsets.isEmpty()) {
            throw new InvalidSettingException(REMINDER_OFFSETS, "give at least one offset, e.g. "
                    + DEFAULT_REMINDER_OFFSETS);
        }
        return offsets;
    }

    private static List<String> principals(String value) {
        List<String> principals = list(value);
        for (String arn : principals) {
            if (arn.indexOf('*') >= 0 || arn.indexOf('?') >= 0) {
                throw new InvalidSettingException(PROTECTION_EXEMPT_PRINCIPALS, "'" + arn + "' has a wildcard;"
                        + " wildcards are not supported: name each exempt principal exactly, e.g."
                        + " arn:aws:iam::111122223333:role/break-glass");
            }
            if (!PRINCIPAL_ARN.matcher(arn).matches()) {
                throw new InvalidSettingException(PROTECTION_EXEMPT_PRINCIPALS, "'" + arn + "' is not an IAM"
                        + " principal ARN such as arn:aws:iam::111122223333:role/break-glass (a role or user with"
                        + " its path, an sts assumed-role session, or the account root)");
            }
        }
        return principals;
    }

    private static String schedule(String value) {
        return new ScheduleExpression(SWEEP_SCHEDULE, MIN_SWEEP_INTERVAL).check(value);
    }

    private static boolean bool(String name, String value, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingException(name, "'" + value + "' is not true or false");
        };
    }

    /** What the guard may do about a key change that would make live clusters unrecoverable. */
    public enum ProtectionMode {
        /** Alert only. The functions get no permission to change keys. */
        OFF("off"),
        /** Alert and report what protection would have done. Still no permission to change keys. */
        DRY_RUN("dry-run"),
        /** Cancel the deletion / re-enable the key and tag it. Only this mode grants the KMS write actions. */
        ON("on");

        private final String settingValue;

        ProtectionMode(String settingValue) {
            this.settingValue = settingValue;
        }

        public String settingValue() {
            return settingValue;
        }

        static ProtectionMode parse(String value) {
            if (value == null) {
                return OFF;
            }
            for (ProtectionMode mode : values()) {
                if (mode.settingValue.equalsIgnoreCase(value)) {
                    return mode;
                }
            }
            throw new InvalidSettingException(PROTECTION_MODE, "'" + value + "' is not one of off, dry-run, on");
        }
    }
}
