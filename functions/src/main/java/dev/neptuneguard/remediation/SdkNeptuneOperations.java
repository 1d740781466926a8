package dev.neptuneguard.remediation;

import dev.neptuneguard.inventory.AwsClients;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.neptune.NeptuneClient;
import software.amazon.awssdk.services.neptune.model.DBCluster;
import software.amazon.awssdk.services.neptune.model.DBClusterSnapshot;
import software.amazon.awssdk.services.neptune.model.DBInstance;
import software.amazon.awssdk.services.neptune.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.neptune.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.neptune.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.neptune.model.ServerlessV2ScalingConfiguration;
import software.amazon.awssdk.services.neptune.model.Tag;

/**
 * {@link NeptuneOperations} through the SDK's Neptune client: each step's parameters become the request of its API
 * (the names in {@link Step#parameters()} are the API's own), probes are the describe calls. Only creating, modifying,
 * tagging and renaming calls: there is no delete here.
 */
public final class SdkNeptuneOperations implements NeptuneOperations {

    private final NeptuneClient neptune;
    private final NeptuneReader reader;

    public SdkNeptuneOperations(AwsClients clients, NeptuneReader reader) {
        this.neptune = clients.neptune();
        this.reader = reader;
    }

    @Override
    public Optional<String> status(Step.Kind kind, String id) {
        try {
            return switch (kind) {
                case CLUSTER -> neptune.describeDBClusters(r -> r.dbClusterIdentifier(id)).dbClusters().stream()
                        .findFirst().map(DBCluster::status);
                case INSTANCE -> neptune.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().stream()
                        .findFirst().map(DBInstance::dbInstanceStatus);
                case SNAPSHOT -> neptune.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier(id))
                        .dbClusterSnapshots().stream().findFirst().map(DBClusterSnapshot::status);
            };
        } catch (DbClusterNotFoundException | DbInstanceNotFoundException | DbClusterSnapshotNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<ClusterConfiguration> cluster(String identifier) {
        return reader.cluster(identifier);
    }

    @Override
    public void rename(String identifier, String newIdentifier) {
        neptune.modifyDBCluster(r -> r.dbClusterIdentifier(identifier).newDBClusterIdentifier(newIdentifier)
                .applyImmediately(true));
    }

    @Override
    public void renameInstance(String identifier, String newIdentifier) {
        neptune.modifyDBInstance(r -> r.dbInstanceIdentifier(identifier).newDBInstanceIdentifier(newIdentifier)
                .applyImmediately(true));
    }

    @Override
    public void tag(String arn, String key, String value) {
        neptune.addTagsToResource(r -> r.resourceName(arn).tags(Tag.builder().key(key).value(value).build()));
    }

    @Override
    public void perform(Step step) {
        Map<String, Object> p = step.parameters();
        switch (step.action()) {
            case CREATE_DB_CLUSTER_SNAPSHOT -> neptune.createDBClusterSnapshot(r -> r
                    .dbClusterIdentifier(s(p, "DBClusterIdentifier"))
                    .dbClusterSnapshotIdentifier(s(p, "DBClusterSnapshotIdentifier")));
            case COPY_DB_CLUSTER_SNAPSHOT -> neptune.copyDBClusterSnapshot(r -> r
                    .sourceDBClusterSnapshotIdentifier(s(p, "SourceDBClusterSnapshotIdentifier"))
                    .targetDBClusterSnapshotIdentifier(s(p, "TargetDBClusterSnapshotIdentifier"))
                    .kmsKeyId(s(p, "KmsKeyId")).copyTags(b(p, "CopyTags")));
            case RESTORE_DB_CLUSTER_FROM_SNAPSHOT -> neptune.restoreDBClusterFromSnapshot(r -> r
                    .dbClusterIdentifier(s(p, "DBClusterIdentifier")).snapshotIdentifier(s(p, "SnapshotIdentifier"))
                    .engine(s(p, "Engine")).engineVersion(s(p, "EngineVersion")).kmsKeyId(s(p, "KmsKeyId"))
                    .port(i(p, "Port")).dbSubnetGroupName(s(p, "DBSubnetGroupName"))
                    .vpcSecurityGroupIds(list(p, "VpcSecurityGroupIds"))
                    .dbClusterParameterGroupName(s(p, "DBClusterParameterGroupName"))
                    .enableIAMDatabaseAuthentication(b(p, "EnableIAMDatabaseAuthentication"))
                    .enableCloudwatchLogsExports(list(p, "EnableCloudwatchLogsExports"))
                    .deletionProtection(b(p, "DeletionProtection")).copyTagsToSnapshot(b(p, "CopyTagsToSnapshot"))
                    .serverlessV2ScalingConfiguration(scaling(p)).storageType(s(p, "StorageType")).tags(tags(p)));
            case RESTORE_DB_CLUSTER_TO_POINT_IN_TIME -> neptune.restoreDBClusterToPointInTime(r -> r
                    .dbClusterIdentifier(s(p, "DBClusterIdentifier"))
                    .sourceDBClusterIdentifier(s(p, "SourceDBClusterIdentifier")).restoreType(s(p, "RestoreType"))
                    .useLatestRestorableTime(b(p, "UseLatestRestorableTime")).kmsKeyId(s(p, "KmsKeyId"))
                    .port(i(p, "Port")).dbSubnetGroupName(s(p, "DBSubnetGroupName"))
                    .vpcSecurityGroupIds(list(p, "VpcSecurityGroupIds"))
                    .dbClusterParameterGroupName(s(p, "DBClusterParameterGroupName"))
                    .enableIAMDatabaseAuthentication(b(p, "EnableIAMDatabaseAuthentication"))
                    .enableCloudwatchLogsExports(list(p, "EnableCloudwatchLogsExports"))
                    .deletionProtection(b(p, "DeletionProtection"))
                    .serverlessV2ScalingConfiguration(scaling(p)).storageType(s(p, "StorageType")).tags(tags(p)));
            case MODIFY_DB_CLUSTER -> neptune.modifyDBCluster(r -> r
                    .dbClusterIdentifier(s(p, "DBClusterIdentifier")).backupRetentionPeriod(i(p, "BackupRetentionPeriod"))
                    .preferredBackupWindow(s(p, "PreferredBackupWindow"))
                    .preferredMaintenanceWindow(s(p, "PreferredMaintenanceWindow"))
                    .copyTagsToSnapshot(b(p, "CopyTagsToSnapshot")).applyImmediately(b(p, "ApplyImmediately")));
            case ADD_ROLE_TO_DB_CLUSTER -> neptune.addRoleToDBCluster(r -> r
                    .dbClusterIdentifier(s(p, "DBClusterIdentifier")).roleArn(s(p, "RoleArn"))
                    .featureName(s(p, "FeatureName")));
            case CREATE_DB_INSTANCE -> neptune.createDBInstance(r -> r
                    .dbInstanceIdentifier(s(p, "DBInstanceIdentifier")).dbClusterIdentifier(s(p, "DBClusterIdentifier"))
                    .engine(s(p, "Engine")).dbInstanceClass(s(p, "DBInstanceClass")).promotionTier(i(p, "PromotionTier"))
                    .dbParameterGroupName(s(p, "DBParameterGroupName")).availabilityZone(s(p, "AvailabilityZone"))
                    .autoMinorVersionUpgrade(b(p, "AutoMinorVersionUpgrade"))
                    .preferredMaintenanceWindow(s(p, "PreferredMaintenanceWindow"))
                    .monitoringInterval(i(p, "MonitoringInterval")).monitoringRoleArn(s(p, "MonitoringRoleArn"))
                    .enablePerformanceInsights(b(p, "EnablePerformanceInsights")).tags(tags(p)));
            default -> throw new IllegalStateException("no call for " + step.action());
        }
    }

    private static String s(Map<String, Object> p, String name) {
        Object v = p.get(name);
        return v == null ? null : v.toString();
    }

    private static Integer i(Map<String, Object> p, String name) {
        return p.get(name) instanceof Number n ? n.intValue() : null;
    }

    private static Boolean b(Map<String, Object> p, String name) {
        return p.get(name) instanceof Boolean v ? v : null;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> p, String name) {
        return p.get(name) instanceof List<?> l ? (List<String>) l : null;
    }

    @SuppressWarnings("unchecked")
    private static List<Tag> tags(Map<String, Object> p) {
        if (!(p.get("Tags") instanceof List<?> l)) {
            return null;
        }
        return ((List<Map<String, String>>) l).stream()
                .map(t -> Tag.builder().key(t.get("Key")).value(t.get("Value")).build()).toList();
    }

    private static ServerlessV2ScalingConfiguration scaling(Map<String, Object> p) {
        if (!(p.get("ServerlessV2ScalingConfiguration") instanceof Map<?, ?> m)) {
            return null;
        }
        return ServerlessV2ScalingConfiguration.builder()
                .minCapacity(m.get("MinCapacity") instanceof Number n ? n.doubleValue() : null)
                .maxCapacity(m.get("MaxCapacity") instanceof Number n ? n.doubleValue() : null).build();
    }
}
