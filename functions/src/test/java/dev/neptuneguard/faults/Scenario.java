package dev.neptuneguard.faults;

/**
 * A handler invocation that makes some of the guard's AWS calls, with the input it is given (a fixture from
 * {@code events/}). Together the scenarios make every call in {@link Call}.
 */
enum Scenario {
    CLUSTER_EVENT("ClusterEncryptionHandler", "rds/create-db-cluster-neptune-cmk-alias.json"),
    SECURITY_HUB_EXPORT("SecurityHubExporterHandler", "sqs/securityhub-export-batch.json"),
    SNAPSHOT_EVENT("ClusterEncryptionHandler", "rds/create-db-cluster-snapshot-neptune.json"),
    KEY_EVENT_PROTECTED("KeyRevocationHandler (protection on)", "kms/schedule-key-deletion-legacy.json"),
    KEY_EVENT_REMINDERS("KeyRevocationHandler (protection off)", "kms/schedule-key-deletion-legacy.json"),
    REMINDER_KEY_DISABLED("ReminderHandler", "misc/scheduler-reminder-input.json"),
    CONFIG_OVERSIZED_CHANGE("ConfigRuleHandler", "config/oversized-neptune-cluster.json"),
    CONFIG_PERIODIC("ConfigRuleHandler", "config/scheduled-notification.json"),
    SLACK_NOTIFICATION("SlackNotifierHandler", "sns/slack-notifier-key-deletion.json"),
    SWEEP("SweepHandler", "misc/sweep-scheduled-event.json");

    private final String handler;
    private final String input;

    Scenario(String handler, String input) {
        this.handler = handler;
        this.input = input;
    }

    String handler() {
        return handler;
    }

    /** The fixture, relative to {@code events/}. */
    String input() {
        return input;
    }
}
