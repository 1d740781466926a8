package dev.neptuneguard.remediation;

import java.util.List;
import java.util.Optional;

/**
 * The Neptune calls a re-encryption makes: a status probe per kind of resource, one call per step, the renames of a
 * cut-over, and a whole read for the verification. {@link SdkNeptuneOperations} makes them through the SDK; nothing
 * here deletes.
 */
public interface NeptuneOperations {

    /** The resource's status ({@code Status} or {@code DBInstanceStatus}), or empty when it does not exist. */
    Optional<String> status(Step.Kind kind, String identifier);

    /** Makes the step's API call with its parameters. */
    void perform(Step step);

    /** The cluster's whole configuration, or empty when it does not exist. */
    Optional<ClusterConfiguration> cluster(String identifier);

    /** {@code ModifyDBCluster} with {@code NewDBClusterIdentifier} and {@code ApplyImmediately}. */
    void rename(String identifier, String newIdentifier);

    /** {@code ModifyDBInstance} with {@code NewDBInstanceIdentifier} and {@code ApplyImmediately}. */
    void renameInstance(String identifier, String newIdentifier);

    /** {@code AddTagsToResource} with one tag on the cluster or instance of that ARN. */
    void tag(String arn, String key, String value);

    /** Statuses that will never become {@code available} by waiting. */
    List<String> FAILED_STATUSES = List.of("failed", "incompatible-restore", "incompatible-parameters",
            "incompatible-network", "inaccessible-encryption-credentials", "storage-full", "restore-error");
}
