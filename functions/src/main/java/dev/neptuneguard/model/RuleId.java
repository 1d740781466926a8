package dev.neptuneguard.model;

/**
 * Every rule neptune-guard can report, with its default severity. The names are a stable contract:
 * they appear in CLI output, SNS attributes, Slack, Security Hub ({@code GeneratorId}) and AWS Config
 * annotations. Add rules; never rename one.
 */
public enum RuleId {
    NEPTUNE_CLUSTER_UNENCRYPTED(Severity.HIGH, ResourceType.CLUSTER,
            "Neptune cluster storage is not encrypted"),
    NEPTUNE_CLUSTER_AWS_MANAGED_KEY(Severity.MEDIUM, ResourceType.CLUSTER,
            "Neptune cluster is encrypted with the AWS managed aws/rds key"),
    NEPTUNE_CLUSTER_KEY_NOT_ALLOWED(Severity.MEDIUM, ResourceType.CLUSTER,
            "Neptune cluster key is not on the allowed key list"),
    NEPTUNE_CLUSTER_KEY_ORIGIN_BELOW_POLICY(Severity.MEDIUM, ResourceType.CLUSTER,
            "Neptune cluster key origin is below policy"),
    NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED(Severity.LOW, ResourceType.CLUSTER,
            "Neptune cluster key does not rotate"),
    NEPTUNE_CLUSTER_KEY_UNUSABLE(Severity.CRITICAL, ResourceType.CLUSTER,
            "Neptune cluster key is not usable"),
    NEPTUNE_CLUSTER_INACCESSIBLE(Severity.CRITICAL, ResourceType.CLUSTER,
            "Neptune cluster has lost access to its encryption key"),
    NEPTUNE_CLUSTER_KEY_UNVERIFIABLE(Severity.LOW, ResourceType.CLUSTER,
            "Neptune cluster key cannot be verified"),
    NEPTUNE_SNAPSHOT_UNENCRYPTED(Severity.HIGH, ResourceType.SNAPSHOT,
            "Neptune cluster snapshot is not encrypted"),
    NEPTUNE_SNAPSHOT_AWS_MANAGED_KEY(Severity.MEDIUM, ResourceType.SNAPSHOT,
            "Neptune cluster snapshot is encrypted with the AWS managed aws/rds key"),
    NEPTUNE_SNAPSHOT_KEY_NOT_ALLOWED(Severity.MEDIUM, ResourceType.SNAPSHOT,
            "Neptune cluster snapshot key is not on the allowed key list"),
    NEPTUNE_SNAPSHOT_KEY_UNUSABLE(Severity.HIGH, ResourceType.SNAPSHOT,
            "Neptune cluster snapshot key is not usable"),
    NEPTUNE_SNAPSHOT_KEY_UNVERIFIABLE(Severity.LOW, ResourceType.SNAPSHOT,
            "Neptune cluster snapshot key cannot be verified"),

    NEPTUNE_GRAPH_AWS_OWNED_KEY(Severity.MEDIUM, ResourceType.GRAPH,
            "Neptune Analytics graph is not encrypted with a customer managed key"),
    NEPTUNE_GRAPH_KEY_NOT_ALLOWED(Severity.MEDIUM, ResourceType.GRAPH,
            "Neptune Analytics graph key is not on the allowed key list"),
    NEPTUNE_GRAPH_KEY_ORIGIN_BELOW_POLICY(Severity.MEDIUM, ResourceType.GRAPH,
            "Neptune Analytics graph key origin is below policy"),
    NEPTUNE_GRAPH_KEY_UNUSABLE(Severity.CRITICAL, ResourceType.GRAPH,
            "Neptune Analytics graph key is not usable"),
    NEPTUNE_GRAPH_KEY_UNVERIFIABLE(Severity.LOW, ResourceType.GRAPH,
            "Neptune Analytics graph key cannot be verified"),
    /** The graph reads {@code FAILED} and KMS confirms that its key is unusable or gone. */
    NEPTUNE_GRAPH_INACCESSIBLE(Severity.CRITICAL, ResourceType.GRAPH,
            "Neptune Analytics graph has failed with an unusable key"),
    NEPTUNE_GRAPH_SNAPSHOT_AWS_OWNED_KEY(Severity.MEDIUM, ResourceType.GRAPH_SNAPSHOT,
            "Neptune Analytics graph snapshot is not encrypted with a customer managed key"),
    NEPTUNE_GRAPH_SNAPSHOT_KEY_NOT_ALLOWED(Severity.MEDIUM, ResourceType.GRAPH_SNAPSHOT,
            "Neptune Analytics graph snapshot key is not on the allowed key list"),
    NEPTUNE_GRAPH_SNAPSHOT_KEY_UNUSABLE(Severity.HIGH, ResourceType.GRAPH_SNAPSHOT,
            "Neptune Analytics graph snapshot key is not usable"),
    NEPTUNE_GRAPH_SNAPSHOT_KEY_UNVERIFIABLE(Severity.LOW, ResourceType.GRAPH_SNAPSHOT,
            "Neptune Analytics graph snapshot key cannot be verified"),

    KMS_KEY_DISABLED_IN_USE(Severity.CRITICAL, ResourceType.KEY,
            "KMS key used by Neptune was disabled"),
    KMS_KEY_DELETION_SCHEDULED_IN_USE(Severity.CRITICAL, ResourceType.KEY,
            "KMS key used by Neptune is scheduled for deletion"),
    KMS_KEY_MATERIAL_DELETED_IN_USE(Severity.CRITICAL, ResourceType.KEY,
            "Imported key material of a KMS key used by Neptune was deleted"),
    KMS_KEY_STORE_DISCONNECTED_IN_USE(Severity.CRITICAL, ResourceType.KEY,
            "Custom key store holding a KMS key used by Neptune was disconnected"),
    KMS_KEY_GRANT_REVOKED_IN_USE(Severity.HIGH, ResourceType.KEY,
            "RDS grant on a KMS key used by Neptune was revoked"),
    KMS_KEY_POLICY_CHANGED_IN_USE(Severity.HIGH, ResourceType.KEY,
            "Key policy of a KMS key used by Neptune changed"),
    KMS_KEY_DELETED_IN_USE(Severity.CRITICAL, ResourceType.KEY,
            "KMS key used by Neptune was deleted"),
    KMS_KEY_RISK_CLEARED(Severity.INFORMATIONAL, ResourceType.KEY,
            "KMS key used by Neptune is usable again"),
    /**
     * An event reports a risky change to a key, and it cannot be confirmed: the key cannot be re-read after a
     * deletion event, or the event's account cannot be read at all (organization mode). Check before acting.
     */
    KMS_KEY_UNVERIFIABLE_IN_USE(Severity.HIGH, ResourceType.KEY,
            "Change to a KMS key that Neptune may use cannot be verified"),

    /** IaC: a template or plan deletes (or replaces) the key with its stack or apply; Neptune then loses it. */
    KMS_KEY_NOT_RETAINED_IN_CODE(Severity.HIGH, ResourceType.KEY,
            "KMS key used by Neptune is not retained when its stack or plan removes it"),
    /** IaC: a template or plan declares the key disabled. */
    KMS_KEY_DISABLED_IN_CODE(Severity.CRITICAL, ResourceType.KEY,
            "KMS key used by Neptune is declared disabled"),
    /** IaC: the declared key policy does not let the account use the key through RDS (Neptune's path). */
    KMS_KEY_POLICY_BLOCKS_RDS_IN_CODE(Severity.HIGH, ResourceType.KEY,
            "Key policy of a KMS key used by Neptune does not let the account use it through RDS");

    private final Severity defaultSeverity;
    private final ResourceType resourceType;
    private final String title;

    RuleId(Severity defaultSeverity, ResourceType resourceType, String title) {
        this.defaultSeverity = defaultSeverity;
        this.resourceType = resourceType;
        this.title = title;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public ResourceType resourceType() {
        return resourceType;
    }

    /** Short, resource-independent title; findings add the resource name to it. */
    public String title() {
        return title;
    }
}
