package dev.neptuneguard.cdk;

import dev.neptuneguard.events.DetectionPatterns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names of the hub functions' execution roles in organization mode, in one place. Member accounts trust these
 * roles by ARN, so the names are fixed: {@code neptune-guard-hub-<short name>-<hub region>} (the region keeps two
 * hubs of one account, in two regions, apart). A function that has no short name here has no fixed role name.
 */
public final class HubRoles {

    /** The prefix of every hub role name. */
    public static final String PREFIX = "neptune-guard-hub-";
    /** IAM's limit on role names. */
    public static final int MAX_ROLE_NAME = 64;

    /** Short name by handler class, in the order the hub builds the functions. */
    private static final Map<String, String> SHORT_NAMES = new LinkedHashMap<>();

    static {
        SHORT_NAMES.put(NeptuneGuardStack.REMINDER_HANDLER, "reminder");
        SHORT_NAMES.put(DetectionPatterns.CLUSTER_ENCRYPTION_HANDLER, "cluster-encryption");
        SHORT_NAMES.put(DetectionPatterns.KEY_REVOCATION_HANDLER, "key-revocation");
        SHORT_NAMES.put(NeptuneGuardStack.SWEEP_HANDLER, "sweep");
        SHORT_NAMES.put(NeptuneGuardStack.CONFIG_RULE_HANDLER, "config-rule");
        SHORT_NAMES.put(NeptuneGuardStack.SECURITY_HUB_EXPORTER_HANDLER, "security-hub-export");
        SHORT_NAMES.put(NeptuneGuardStack.SLACK_NOTIFIER_HANDLER, "slack-notifier");
    }

    /**
     * The handlers whose functions act in member accounts through the member read role: they read Neptune and
     * KMS there, put Config evaluations there, and import Security Hub findings there. The Slack notifier only
     * posts what the others found.
     */
    public static final List<String> MEMBER_READERS = List.of(
            NeptuneGuardStack.REMINDER_HANDLER, DetectionPatterns.CLUSTER_ENCRYPTION_HANDLER,
            DetectionPatterns.KEY_REVOCATION_HANDLER, NeptuneGuardStack.SWEEP_HANDLER,
            NeptuneGuardStack.CONFIG_RULE_HANDLER, NeptuneGuardStack.SECURITY_HUB_EXPORTER_HANDLER);

    private HubRoles() {
    }

    /** The member readers that a hub built with these settings has (the Config and Security Hub ones are optional). */
    public static List<String> memberReaders(GuardSettings settings) {
        return MEMBER_READERS.stream()
                .filter(h -> settings.configRule() || !h.equals(NeptuneGuardStack.CONFIG_RULE_HANDLER))
                .filter(h -> settings.securityHub() || !h.equals(NeptuneGuardStack.SECURITY_HUB_EXPORTER_HANDLER))
                .toList();
    }

    /** The short name of a handler's function, e.g. {@code sweep}. */
    public static String shortName(String handler) {
        String name = SHORT_NAMES.get(handler);
        if (name == null) {
            throw new IllegalArgumentException("no hub role short name for " + handler);
        }
        return name;
    }

    /**
     * The execution role name of a handler's function in the hub, e.g.
     * {@code neptune-guard-hub-sweep-eu-west-1}.
     *
     * @throws IllegalArgumentException when the name would be longer than IAM allows
     */
    public static String roleName(String handler, String hubRegion) {
        String name = PREFIX + shortName(handler) + "-" + hubRegion;
        if (name.length() > MAX_ROLE_NAME) {
            throw new IllegalArgumentException("hub role name " + name + " is longer than " + MAX_ROLE_NAME
                    + " characters");
        }
        return name;
    }

    /** The ARN of a handler's hub role, as member accounts name it in their trust policy. */
    public static String roleArn(String partition, String hubAccount, String handler, String hubRegion) {
        return "arn:" + partition + ":iam::" + hubAccount + ":role/" + roleName(handler, hubRegion);
    }
}
