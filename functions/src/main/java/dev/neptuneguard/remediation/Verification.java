package dev.neptuneguard.remediation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The diff between the old cluster and the new one: the new one must be encrypted with the target key and have the
 * same instances (class, promotion tier, parameter group, writer, tags), cluster parameter group, subnet group,
 * security groups, port, roles, IAM authentication, log exports, deletion protection, backups, maintenance window,
 * copy-tags-to-snapshot, serverless v2 capacity and tags. Identifiers, endpoints and statuses are expected to differ
 * and are not compared. Pure.
 */
public final class Verification {

    private Verification() {
    }

    /**
     * One line per difference; empty when the new cluster matches. Before a cut-over: each old instance's counterpart
     * is its {@link Names#newInstance} name.
     */
    public static List<String> diff(ClusterConfiguration old, ClusterConfiguration now, String keyArn) {
        return diff(old, now, keyArn, Names::newInstance);
    }

    /**
     * As {@link #diff(ClusterConfiguration, ClusterConfiguration, String)}, with each old instance's counterpart
     * named by {@code counterpart} (its final name after a cut-over, e.g. {@code UnaryOperator.identity()} when the old
     * configuration was read before it). Tags the cut-over writes ({@link Cutover#TAG_PREFIX}) are not compared.
     */
    public static List<String> diff(ClusterConfiguration old, ClusterConfiguration now, String keyArn,
                                    UnaryOperator<String> counterpart) {
        List<String> out = new ArrayList<>();
        if (!now.storageEncrypted()) {
            out.add("encryption: the new cluster is not encrypted");
        } else if (!keyArn.equals(now.kmsKeyId())) {
            out.add("key: " + now.kmsKeyId() + ", expected " + keyArn);
        }
        compare(out, "cluster parameter group", old.clusterParameterGroup(), now.clusterParameterGroup());
        compare(out, "subnet group", old.subnetGroup(), now.subnetGroup());
        compare(out, "security groups", new HashSet<>(old.securityGroupIds()), new HashSet<>(now.securityGroupIds()));
        compare(out, "port", old.port(), now.port());
        compare(out, "IAM database authentication", old.iamDatabaseAuthentication(), now.iamDatabaseAuthentication());
        compare(out, "log exports", new HashSet<>(old.logExports()), new HashSet<>(now.logExports()));
        compare(out, "deletion protection", old.deletionProtection(), now.deletionProtection());
        compare(out, "backup retention period", old.backupRetentionPeriod(), now.backupRetentionPeriod());
        compare(out, "backup window", old.preferredBackupWindow(), now.preferredBackupWindow());
        compare(out, "maintenance window", old.preferredMaintenanceWindow(), now.preferredMaintenanceWindow());
        compare(out, "copy tags to snapshots", old.copyTagsToSnapshot(), now.copyTagsToSnapshot());
        compare(out, "serverless v2 minimum capacity", old.serverlessMin(), now.serverlessMin());
        compare(out, "serverless v2 maximum capacity", old.serverlessMax(), now.serverlessMax());
        compare(out, "IAM roles", new HashSet<>(old.roles().stream().map(ClusterConfiguration.Role::describe).toList()),
                new HashSet<>(now.roles().stream().map(ClusterConfiguration.Role::describe).toList()));
        compare(out, "tags", userTags(old.tags()), userTags(now.tags()));
        Map<String, ClusterConfiguration.Instance> newInstances = new LinkedHashMap<>();
        now.instances().forEach(i -> newInstances.put(i.identifier(), i));
        for (ClusterConfiguration.Instance o : old.instances()) {
            String name = counterpart.apply(o.identifier());
            ClusterConfiguration.Instance n = newInstances.remove(name);
            if (n == null) {
                out.add("instance " + o.identifier() + ": no " + name + " in the new cluster");
                continue;
            }
            String p = "instance " + name + " ";
            compare(out, p + "class", o.instanceClass(), n.instanceClass());
            compare(out, p + "promotion tier", o.promotionTier(), n.promotionTier());
            compare(out, p + "parameter group", o.parameterGroup(), n.parameterGroup());
            compare(out, p + "writer", o.writer(), n.writer());
            compare(out, p + "tags", userTags(o.tags()), userTags(n.tags()));
        }
        newInstances.keySet().forEach(extra -> out.add("instance " + extra + ": not in the old cluster"));
        return out;
    }

    private static Map<String, String> userTags(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>(tags);
        out.keySet().removeIf(k -> k.startsWith("aws:") || k.startsWith(Cutover.TAG_PREFIX));
        return out;
    }

    private static void compare(List<String> out, String what, Object old, Object now) {
        if (!Objects.equals(old, now)) {
            out.add(what + ": " + show(now) + ", was " + show(old));
        }
    }

    private static String show(Object v) {
        return v == null ? "(none)" : ParameterText.of(v instanceof java.util.Set<?> s
                ? s.stream().map(String::valueOf).sorted().toList() : v);
    }
}
