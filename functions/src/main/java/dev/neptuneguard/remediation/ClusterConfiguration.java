package dev.neptuneguard.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.events.Arns;
import dev.neptuneguard.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.neptune.model.DBCluster;
import software.amazon.awssdk.services.neptune.model.DBInstance;
import software.amazon.awssdk.services.neptune.model.Tag;

/**
 * Everything about one Neptune cluster that a re-encryption must carry over to the new cluster, read whole from
 * {@code DescribeDBClusters}, {@code DescribeDBInstances} and {@code ListTagsForResource} (or from the AWS CLI's
 * JSON of the same calls). {@link #notCarriedOver()} names what the tool sees but cannot reproduce, so that nothing
 * is dropped silently.
 *
 * @param serverlessMin serverless v2 minimum capacity (NCUs); {@code null} for a provisioned-only cluster
 * @param globalClusterIdentifier the global database the cluster belongs to; {@code null} when none
 */
public record ClusterConfiguration(
        String identifier,
        String arn,
        String account,
        String region,
        String status,
        String engine,
        String engineVersion,
        boolean storageEncrypted,
        String kmsKeyId,
        String clusterParameterGroup,
        String subnetGroup,
        List<String> securityGroupIds,
        Integer port,
        boolean iamDatabaseAuthentication,
        List<String> logExports,
        boolean deletionProtection,
        Integer backupRetentionPeriod,
        String preferredBackupWindow,
        String preferredMaintenanceWindow,
        boolean copyTagsToSnapshot,
        Double serverlessMin,
        Double serverlessMax,
        List<Role> roles,
        Map<String, String> tags,
        String globalClusterIdentifier,
        String replicationSourceIdentifier,
        String storageType,
        List<Instance> instances) {

    /**
     * An IAM role associated with the cluster (bulk load, ML), with its feature name when it has one.
     *
     * @param status {@code ACTIVE}, {@code PENDING} or {@code INVALID}; not part of the configuration's equality
     */
    public record Role(String arn, String featureName, String status) {

        /** The role as a configuration: ARN and feature. */
        public String describe() {
            return featureName == null ? arn : arn + " (" + featureName + ")";
        }
    }

    /**
     * One instance of the cluster, writer first.
     *
     * @param monitoringInterval enhanced monitoring's interval; carried over with its role
     */
    public record Instance(
            String identifier,
            String instanceClass,
            boolean writer,
            Integer promotionTier,
            String parameterGroup,
            String availabilityZone,
            Boolean autoMinorVersionUpgrade,
            String preferredMaintenanceWindow,
            String status,
            Integer monitoringInterval,
            String monitoringRoleArn,
            boolean performanceInsights,
            Map<String, String> tags) {

        public Instance {
            tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        }
    }

    public ClusterConfiguration {
        securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
        logExports = logExports == null ? List.of() : List.copyOf(logExports);
        roles = roles == null ? List.of() : List.copyOf(roles);
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        instances = instances == null ? List.of() : instances.stream()
                .sorted(Comparator.comparing((Instance i) -> !i.writer()).thenComparing(Instance::identifier))
                .toList();
    }

    public boolean serverless() {
        return serverlessMin != null || serverlessMax != null;
    }

    /** The writer instance, or {@code null} when the cluster has none (yet). */
    public Instance writer() {
        return instances.stream().filter(Instance::writer).findFirst().orElse(null);
    }

    /**
     * What the tool reads but does not reproduce on the new cluster, each named with what to do about it. Empty when
     * the plan carries over everything it can see.
     */
    public List<String> notCarriedOver() {
        List<String> out = new ArrayList<>();
        if (replicationSourceIdentifier != null) {
            out.add("the cluster replicates from " + replicationSourceIdentifier + "; the new cluster will not");
        }
        if (instances.stream().anyMatch(Instance::performanceInsights)) {
            out.add("Performance Insights is turned on again on the new instances with its default key, not the "
                    + "old instances' Performance Insights key");
        }
        out.add("custom endpoints, event subscriptions, CloudWatch alarms and other resources that name the cluster "
                + "or its instances by identifier (re-point them, or use --cutover to keep the cluster's and the instances' names)");
        out.add("manual snapshots and automated backups of the old cluster stay on the old key");
        return out;
    }

    /** From the SDK's answers: the cluster, its instances and the cluster's and instances' tags. */
    public static ClusterConfiguration of(DBCluster c, List<DBInstance> instances, List<Tag> clusterTags,
                                          Map<String, List<Tag>> instanceTags) {
        Map<String, Boolean> writers = new LinkedHashMap<>();
        c.dbClusterMembers().forEach(m -> writers.put(m.dbInstanceIdentifier(), Boolean.TRUE.equals(m.isClusterWriter())));
        List<Instance> list = new ArrayList<>();
        for (DBInstance i : instances) {
            String pg = i.dbParameterGroups().isEmpty() ? null : i.dbParameterGroups().get(0).dbParameterGroupName();
            list.add(new Instance(i.dbInstanceIdentifier(), i.dbInstanceClass(),
                    writers.getOrDefault(i.dbInstanceIdentifier(), false), i.promotionTier(), pg,
                    i.availabilityZone(), i.autoMinorVersionUpgrade(), i.preferredMaintenanceWindow(),
                    i.dbInstanceStatus(), i.monitoringInterval(), i.monitoringRoleArn(),
                    Boolean.TRUE.equals(i.performanceInsightsEnabled()),
                    tags(instanceTags.getOrDefault(i.dbInstanceIdentifier(), List.of()))));
        }
        var scaling = c.serverlessV2ScalingConfiguration();
        return new ClusterConfiguration(c.dbClusterIdentifier(), c.dbClusterArn(), Arns.account(c.dbClusterArn()),
                Arns.region(c.dbClusterArn()), c.status(), c.engine(), c.engineVersion(),
                Boolean.TRUE.equals(c.storageEncrypted()), c.kmsKeyId(), c.dbClusterParameterGroup(), c.dbSubnetGroup(),
                c.vpcSecurityGroups().stream().map(g -> g.vpcSecurityGroupId()).toList(), c.port(),
                Boolean.TRUE.equals(c.iamDatabaseAuthenticationEnabled()), c.enabledCloudwatchLogsExports(),
                Boolean.TRUE.equals(c.deletionProtection()), c.backupRetentionPeriod(), c.preferredBackupWindow(),
                c.preferredMaintenanceWindow(), Boolean.TRUE.equals(c.copyTagsToSnapshot()),
                scaling == null ? null : scaling.minCapacity(), scaling == null ? null : scaling.maxCapacity(),
                c.associatedRoles().stream().map(r -> new Role(r.roleArn(), r.featureName(), r.status())).toList(),
                tags(clusterTags), blankToNull(c.globalClusterIdentifier()), blankToNull(c.replicationSourceIdentifier()),
                c.storageType(), list);
    }

    /**
     * From the AWS CLI's JSON: one element of {@code describe-db-clusters}' {@code DBClusters} and the
     * {@code DBInstances} of {@code describe-db-instances}; tags from the cluster's {@code TagList} (which the CLI
     * prints for RDS clusters) and each instance's.
     */
    public static ClusterConfiguration fromAwsCli(JsonNode c, JsonNode dbInstances) {
        Map<String, Boolean> writers = new LinkedHashMap<>();
        for (JsonNode m : array(c, "DBClusterMembers")) {
            writers.put(Json.text(m, "DBInstanceIdentifier"), Boolean.TRUE.equals(Json.bool(m, "IsClusterWriter")));
        }
        String id = Json.text(c, "DBClusterIdentifier");
        List<Instance> list = new ArrayList<>();
        for (JsonNode i : dbInstances == null ? List.<JsonNode>of() : iterable(dbInstances)) {
            if (!id.equals(Json.text(i, "DBClusterIdentifier"))) {
                continue;
            }
            List<JsonNode> pgs = array(i, "DBParameterGroups");
            String instanceId = Json.text(i, "DBInstanceIdentifier");
            list.add(new Instance(instanceId, Json.text(i, "DBInstanceClass"), writers.getOrDefault(instanceId, false),
                    Json.integer(i, "PromotionTier"), pgs.isEmpty() ? null : Json.text(pgs.get(0), "DBParameterGroupName"),
                    Json.text(i, "AvailabilityZone"), Json.bool(i, "AutoMinorVersionUpgrade"),
                    Json.text(i, "PreferredMaintenanceWindow"), Json.text(i, "DBInstanceStatus"),
                    Json.integer(i, "MonitoringInterval"), Json.text(i, "MonitoringRoleArn"),
                    Boolean.TRUE.equals(Json.bool(i, "PerformanceInsightsEnabled")), jsonTags(i)));
        }
        JsonNode scaling = Json.field(c, "ServerlessV2ScalingConfiguration");
        String arn = Json.text(c, "DBClusterArn");
        List<Role> roles = array(c, "AssociatedRoles").stream()
                .map(r -> new Role(Json.text(r, "RoleArn"), Json.text(r, "FeatureName"),
                        Json.text(r, "Status"))).toList();
        return new ClusterConfiguration(id, arn, Arns.account(arn), Arns.region(arn), Json.text(c, "Status"),
                Json.text(c, "Engine"), Json.text(c, "EngineVersion"),
                Boolean.TRUE.equals(Json.bool(c, "StorageEncrypted")), Json.text(c, "KmsKeyId"),
                Json.text(c, "DBClusterParameterGroup"), Json.text(c, "DBSubnetGroup"),
                array(c, "VpcSecurityGroups").stream().map(g -> Json.text(g, "VpcSecurityGroupId")).toList(),
                Json.integer(c, "Port"), Boolean.TRUE.equals(Json.bool(c, "IAMDatabaseAuthenticationEnabled")),
                array(c, "EnabledCloudwatchLogsExports").stream().map(JsonNode::asText).toList(),
                Boolean.TRUE.equals(Json.bool(c, "DeletionProtection")), Json.integer(c, "BackupRetentionPeriod"),
                Json.text(c, "PreferredBackupWindow"), Json.text(c, "PreferredMaintenanceWindow"),
                Boolean.TRUE.equals(Json.bool(c, "CopyTagsToSnapshot")), number(scaling, "MinCapacity"),
                number(scaling, "MaxCapacity"), roles, jsonTags(c), Json.text(c, "GlobalClusterIdentifier"),
                Json.text(c, "ReplicationSourceIdentifier"), Json.text(c, "StorageType"), list);
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach(t -> out.put(t.key(), t.value() == null ? "" : t.value()));
        return out;
    }

    private static Map<String, String> jsonTags(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode t : array(node, "TagList")) {
            String value = Json.text(t, "Value");
            out.put(Json.text(t, "Key"), value == null ? "" : value);
        }
        return out;
    }

    private static List<JsonNode> array(JsonNode node, String name) {
        JsonNode a = Json.field(node, name);
        return a == null || !a.isArray() ? List.of() : iterable(a);
    }

    private static List<JsonNode> iterable(JsonNode a) {
        List<JsonNode> out = new ArrayList<>();
        a.forEach(out::add);
        return out;
    }

    private static Double number(JsonNode node, String name) {
        JsonNode v = Json.field(node, name);
        return v == null || !v.isNumber() ? null : v.doubleValue();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
