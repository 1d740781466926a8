package dev.neptuneguard.remediation;

import dev.neptuneguard.model.SnapshotFacts;
import dev.neptuneguard.policy.EncryptionRules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a cluster's whole configuration (or a snapshot) and a target key into a {@link Plan}. The path fits the
 * source: an unencrypted cluster goes through a snapshot restored with {@code KmsKeyId}
 * ({@code RestoreDBClusterToPointInTime} rejects an unencrypted source); an encrypted one is restored to its latest
 * restorable time with the new {@code KmsKeyId}, which Neptune documents for that call ("you can restore to a new DB
 * cluster and encrypt the new DB cluster with a KMS key that is different than the KMS key used to encrypt the source
 * DB cluster", API reference, RestoreDBClusterToPointInTime) and which needs no snapshot step. A restore sets what
 * its API accepts; backups, maintenance window and (for the point-in-time call) copy-tags-to-snapshot follow in one
 * {@code ModifyDBCluster}; roles and instances, which no restore creates, follow one call each. Pure.
 */
public final class Planner {

    private final EncryptionRules rules;

    public Planner(EncryptionRules rules) {
        this.rules = rules;
    }

    public Plan cluster(ClusterConfiguration c, TargetKey key, LocalDate today) {
        List<Refusal> refusals = Preconditions.forCluster(c, key, rules, today);
        String target = Names.newCluster(c.identifier());
        List<Step> steps = new ArrayList<>();
        List<String> creates = new ArrayList<>();
        Plan.Path path;
        String why;
        if (!c.storageEncrypted()) {
            path = Plan.Path.SNAPSHOT_RESTORE;
            why = "The cluster is not encrypted. Neptune rejects a point-in-time restore of an unencrypted cluster with "
                    + "a key, so the path is a cluster snapshot restored with KmsKeyId (a restore from an unencrypted "
                    + "snapshot is encrypted with the key given).";
            String snapshot = Names.snapshotOf(c.identifier());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("DBClusterIdentifier", c.identifier());
            p.put("DBClusterSnapshotIdentifier", snapshot);
            steps.add(new Step(1, Step.Action.CREATE_DB_CLUSTER_SNAPSHOT, snapshot, p,
                    "the data as of the snapshot"));
            creates.add("cluster snapshot " + snapshot);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("DBClusterIdentifier", target);
            r.put("SnapshotIdentifier", snapshot);
            r.put("Engine", "neptune");
            putIf(r, "EngineVersion", c.engineVersion());
            restoreSettings(c, key, r);
            r.put("CopyTagsToSnapshot", c.copyTagsToSnapshot());
            steps.add(new Step(2, Step.Action.RESTORE_DB_CLUSTER_FROM_SNAPSHOT, target, r, restorePreserves(c, true)));
        } else {
            path = Plan.Path.POINT_IN_TIME_RESTORE;
            why = "The cluster is encrypted (with " + c.kmsKeyId() + "). Neptune restores an encrypted cluster to a "
                    + "point in time with a different KmsKeyId, so the new cluster is restored from the cluster's "
                    + "latest restorable time directly onto the target key, without a snapshot step.";
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("DBClusterIdentifier", target);
            r.put("SourceDBClusterIdentifier", c.identifier());
            r.put("RestoreType", "full-copy");
            r.put("UseLatestRestorableTime", true);
            restoreSettings(c, key, r);
            steps.add(new Step(1, Step.Action.RESTORE_DB_CLUSTER_TO_POINT_IN_TIME, target, r,
                    restorePreserves(c, false)));
        }
        creates.add("cluster " + target);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("DBClusterIdentifier", target);
        putIf(m, "BackupRetentionPeriod", c.backupRetentionPeriod());
        putIf(m, "PreferredBackupWindow", c.preferredBackupWindow());
        putIf(m, "PreferredMaintenanceWindow", c.preferredMaintenanceWindow());
        if (path == Plan.Path.POINT_IN_TIME_RESTORE) {
            m.put("CopyTagsToSnapshot", c.copyTagsToSnapshot());
        }
        m.put("ApplyImmediately", true);
        steps.add(new Step(steps.size() + 1, Step.Action.MODIFY_DB_CLUSTER, target, m,
                "backup retention and window, maintenance window"
                        + (path == Plan.Path.POINT_IN_TIME_RESTORE ? ", copy tags to snapshots" : "")));
        for (ClusterConfiguration.Role role : c.roles()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("DBClusterIdentifier", target);
            a.put("RoleArn", role.arn());
            putIf(a, "FeatureName", role.featureName());
            steps.add(new Step(steps.size() + 1, Step.Action.ADD_ROLE_TO_DB_CLUSTER, target, a,
                    "IAM role " + role.arn() + (role.featureName() == null ? "" : " (" + role.featureName() + ")")));
        }
        for (ClusterConfiguration.Instance i : c.instances()) {
            String name = Names.newInstance(i.identifier());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("DBInstanceIdentifier", name);
            p.put("DBClusterIdentifier", target);
            p.put("Engine", "neptune");
            putIf(p, "DBInstanceClass", i.instanceClass());
            putIf(p, "PromotionTier", i.promotionTier());
            putIf(p, "DBParameterGroupName", i.parameterGroup());
            putIf(p, "AvailabilityZone", i.availabilityZone());
            putIf(p, "AutoMinorVersionUpgrade", i.autoMinorVersionUpgrade());
            putIf(p, "PreferredMaintenanceWindow", i.preferredMaintenanceWindow());
            if (i.monitoringInterval() != null && i.monitoringInterval() > 0) {
                p.put("MonitoringInterval", i.monitoringInterval());
                putIf(p, "MonitoringRoleArn", i.monitoringRoleArn());
            }
            if (i.performanceInsights()) {
                p.put("EnablePerformanceInsights", true);
            }
            putTags(p, i.tags());
            steps.add(new Step(steps.size() + 1, Step.Action.CREATE_DB_INSTANCE, name, p,
                    "instance " + i.identifier() + (i.writer() ? " (the writer: created first)" : "") + ": class "
                            + i.instanceClass() + ", promotion tier " + i.promotionTier()
                            + (i.parameterGroup() == null ? "" : ", parameter group " + i.parameterGroup())
                            + (i.tags().isEmpty() ? "" : ", " + i.tags().size() + " tags")));
            creates.add("instance " + name);
        }
        List<String> notCarried = new ArrayList<>(c.notCarriedOver());
        reservedTags(c.tags()).forEach(t -> notCarried.add("tag " + t + " (aws: tags are AWS's own)"));
        if (c.instances().isEmpty()) {
            notCarried.add(0, "the cluster has no instances: the new one will have none either");
        }
        return new Plan(Plan.Subject.CLUSTER, path, c.identifier(), target, c.region(), key.kmsKeyId(), why, steps,
                creates, notCarried, refusals, c);
    }

    public Plan snapshot(SnapshotFacts s, TargetKey key, LocalDate today) {
        List<Refusal> refusals = Preconditions.forSnapshot(s, key, rules, today);
        String target = Names.copiedSnapshot(s.identifier());
        List<Step> steps = new ArrayList<>();
        List<String> creates = new ArrayList<>();
        List<String> notCarried = new ArrayList<>();
        Plan.Path path;
        String why;
        if (s.encrypted()) {
            path = Plan.Path.SNAPSHOT_COPY;
            why = "The snapshot is encrypted (with " + s.kmsKeyId() + "): a copy with KmsKeyId re-encrypts it.";
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("SourceDBClusterSnapshotIdentifier", s.identifier());
            p.put("TargetDBClusterSnapshotIdentifier", target);
            p.put("KmsKeyId", key.kmsKeyId());
            p.put("CopyTags", true);
            steps.add(new Step(1, Step.Action.COPY_DB_CLUSTER_SNAPSHOT, target, p, "the snapshot's data and tags"));
        } else {
            path = Plan.Path.RESTORE_THEN_SNAPSHOT;
            why = "The snapshot is not encrypted, and a copy cannot encrypt it: it is restored into a temporary "
                    + "cluster with KmsKeyId, and that cluster is snapshotted.";
            String tmp = Names.temporaryCluster(s.identifier());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("DBClusterIdentifier", tmp);
            r.put("SnapshotIdentifier", s.identifier());
            r.put("Engine", "neptune");
            r.put("KmsKeyId", key.kmsKeyId());
            steps.add(new Step(1, Step.Action.RESTORE_DB_CLUSTER_FROM_SNAPSHOT, tmp, r, "the snapshot's data"));
            creates.add("cluster " + tmp + " (temporary: delete it once the new snapshot is available)");
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("DBClusterIdentifier", tmp);
            p.put("DBClusterSnapshotIdentifier", target);
            steps.add(new Step(2, Step.Action.CREATE_DB_CLUSTER_SNAPSHOT, target, p, "the data, now encrypted"));
            notCarried.add("the snapshot's tags (add them to " + target + " by hand)");
        }
        creates.add("cluster snapshot " + target);
        notCarried.add("the old snapshot stays on its old key (or unencrypted) until a person deletes it");
        return new Plan(Plan.Subject.SNAPSHOT, path, s.identifier(), target, s.region(), key.kmsKeyId(), why, steps,
                creates, notCarried, refusals, null);
    }

    private static void restoreSettings(ClusterConfiguration c, TargetKey key, Map<String, Object> r) {
        r.put("KmsKeyId", key.kmsKeyId());
        putIf(r, "Port", c.port());
        putIf(r, "DBSubnetGroupName", c.subnetGroup());
        if (!c.securityGroupIds().isEmpty()) {
            r.put("VpcSecurityGroupIds", c.securityGroupIds());
        }
        putIf(r, "DBClusterParameterGroupName", c.clusterParameterGroup());
        r.put("EnableIAMDatabaseAuthentication", c.iamDatabaseAuthentication());
        if (!c.logExports().isEmpty()) {
            r.put("EnableCloudwatchLogsExports", c.logExports());
        }
        r.put("DeletionProtection", c.deletionProtection());
        if (c.serverless()) {
            Map<String, Object> scaling = new LinkedHashMap<>();
            putIf(scaling, "MinCapacity", c.serverlessMin());
            putIf(scaling, "MaxCapacity", c.serverlessMax());
            r.put("ServerlessV2ScalingConfiguration", scaling);
        }
        putIf(r, "StorageType", c.storageType());
        putTags(r, c.tags());
    }

    private static String restorePreserves(ClusterConfiguration c, boolean copyTags) {
        List<String> kept = new ArrayList<>(List.of("port", "subnet group", "security groups",
                "cluster parameter group", "IAM database authentication", "log exports", "deletion protection"));
        if (c.serverless()) {
            kept.add("serverless v2 capacity");
        }
        if (copyTags) {
            kept.add("copy tags to snapshots");
        }
        kept.add(c.tags().size() + " tags");
        return "the data; " + String.join(", ", kept);
    }

    private static void putTags(Map<String, Object> p, Map<String, String> tags) {
        List<Map<String, String>> list = new ArrayList<>();
        tags.forEach((k, v) -> {
            if (!k.startsWith("aws:")) {
                Map<String, String> t = new LinkedHashMap<>();
                t.put("Key", k);
                t.put("Value", v);
                list.add(t);
            }
        });
        if (!list.isEmpty()) {
            p.put("Tags", list);
        }
    }

    private static List<String> reservedTags(Map<String, String> tags) {
        return tags.keySet().stream().filter(k -> k.startsWith("aws:")).toList();
    }

    private static void putIf(Map<String, Object> p, String name, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            p.put(name, value);
        }
    }
}
