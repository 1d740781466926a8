package dev.neptuneguard.remediation;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.neptuneguard.sinks.LocalAws;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A stateful WireMock extension that answers Neptune's Query protocol (form-encoded POST, XML answers in the
 * {@code http://rds.amazonaws.com/doc/2014-10-31/} namespace, {@code <ErrorResponse>} faults with the model's codes
 * and HTTP statuses) from in-memory clusters, instances and cluster snapshots, for the calls a re-encryption makes.
 * What moto does not model and this does: a created, restored, modified or renamed resource is {@code creating}
 * ({@code modifying}, {@code renaming}) for {@link #pollsUntilAvailable} describes of it, then {@code available}; an
 * added role is {@code PENDING}, then {@code ACTIVE}. A restore takes AWS's defaults for what the request does not
 * name (default parameter group and security group, one day of backups, no roles, no tags). Faults can be injected
 * per action; every call is counted per action.
 */
final class FakeNeptune implements ResponseDefinitionTransformerV2 {

    static final String NAME = "fake-neptune";
    static final String NS = "http://rds.amazonaws.com/doc/2014-10-31/";

    /** What every kept resource has: an identifier and a status that turns available after some describes. */
    abstract static class Resource {
        String id;
        String status = "available";
        int polls;

        /** One describe of the resource: one poll less, or available (and whatever else settles then). */
        void advance() {
            if (polls > 0) {
                polls--;
            } else {
                status = "available";
                settled();
            }
        }

        void settled() {
        }
    }

    /** A cluster as the fake keeps it; field names follow DescribeDBClusters. */
    static final class Cluster extends Resource {
        String engineVersion = "1.3.2.1";
        boolean encrypted;
        String kmsKeyId;
        String parameterGroup = "default.neptune1.3";
        String subnetGroup = "default";
        List<String> securityGroups = new ArrayList<>(List.of("sg-0default"));
        int port = 8182;
        boolean iam;
        List<String> logs = new ArrayList<>();
        boolean deletionProtection;
        int retention = 1;
        String backupWindow = "03:00-03:30";
        String maintenanceWindow = "sun:05:00-sun:05:30";
        boolean copyTags;
        Double min;
        Double max;
        List<String[]> roles = new ArrayList<>();
        Map<String, String> tags = new LinkedHashMap<>();
        String global;

        @Override
        void settled() {
            roles.forEach(r -> r[2] = "ACTIVE");
        }

        Cluster copy() {
            Cluster c = new Cluster();
            c.engineVersion = engineVersion;
            c.encrypted = encrypted;
            c.kmsKeyId = kmsKeyId;
            c.port = port;
            c.subnetGroup = subnetGroup;
            c.min = min;
            c.max = max;
            return c;
        }
    }

    static final class Instance extends Resource {
        String cluster;
        String instanceClass;
        Integer tier;
        String parameterGroup = "default.neptune1.3";
        String zone = "us-east-1a";
        Map<String, String> tags = new LinkedHashMap<>();
    }

    static final class Snapshot extends Resource {
        String cluster;
        Cluster source;
        boolean encrypted;
        String kmsKeyId;
    }

    final String account;
    final String region;
    volatile int pollsUntilAvailable = 2;
    final Map<String, Cluster> clusters = new ConcurrentHashMap<>();
    final Map<String, Instance> instances = new ConcurrentHashMap<>();
    final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    /** action → error code to answer once (e.g. {@code CreateDBInstance} → {@code InsufficientDBInstanceCapacity}). */
    final Map<String, String> failOnce = new ConcurrentHashMap<>();

    FakeNeptune(String account, String region) {
        this.account = account;
        this.region = region;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    int calls(String action) {
        AtomicInteger n = calls.get(action);
        return n == null ? 0 : n.get();
    }

    /** Calls that change something (every action but the describes and tag listings). */
    int writes() {
        return calls.entrySet().stream().filter(e -> !e.getKey().startsWith("Describe")
                && !e.getKey().equals("ListTagsForResource")).mapToInt(e -> e.getValue().get()).sum();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Map<String, String> p = LocalAws.form(event.getRequest().getBodyAsString());
        String action = p.get("Action");
        calls.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
        String injected = failOnce.remove(action);
        if (injected != null) {
            return error(400, injected, "injected fault for " + action);
        }
        try {
            return switch (action) {
                case "DescribeDBClusters" -> describeClusters(p);
                case "DescribeDBInstances" -> describeInstances(p);
                case "DescribeDBClusterSnapshots" -> describeSnapshots(p);
                case "ListTagsForResource" -> listTags(p);
                case "CreateDBClusterSnapshot" -> createSnapshot(p);
                case "CopyDBClusterSnapshot" -> copySnapshot(p);
                case "RestoreDBClusterFromSnapshot" -> restoreFromSnapshot(p);
                case "RestoreDBClusterToPointInTime" -> restoreToPointInTime(p);
                case "ModifyDBCluster" -> modifyCluster(p);
                case "AddRoleToDBCluster" -> addRole(p);
                case "CreateDBInstance" -> createInstance(p);
                case "ModifyDBInstance" -> modifyInstance(p);
                case "AddTagsToResource" -> addTags(p);
                default -> error(400, "InvalidAction", "not emulated: " + action);
            };
        } catch (Fault f) {
            return error(f.status, f.code, f.getMessage());
        }
    }

    private static final class Fault extends RuntimeException {
        final int status;
        final String code;

        Fault(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private Cluster cluster(String id) {
        Cluster c = clusters.get(id);
        if (c == null) {
            throw new Fault(404, "DBClusterNotFoundFault", "DBCluster " + id + " not found.");
        }
        return c;
    }

    private ResponseDefinition describeClusters(Map<String, String> p) {
        String id = p.get("DBClusterIdentifier");
        List<Cluster> list = id == null ? new ArrayList<>(clusters.values()) : List.of(cluster(id));
        Doc d = new Doc("DescribeDBClusters");
        Element items = d.add(d.result, "DBClusters");
        for (Cluster c : list) {
            c.advance();
            Element e = d.add(items, "DBCluster");
            d.add(e, "DBClusterIdentifier", c.id);
            d.add(e, "DBClusterArn", arn("cluster", c.id));
            d.add(e, "DbClusterResourceId", "cluster-" + Integer.toHexString(c.id.hashCode()).toUpperCase());
            d.add(e, "Status", c.status);
            d.add(e, "Engine", "neptune");
            d.add(e, "EngineVersion", c.engineVersion);
            d.add(e, "StorageEncrypted", Boolean.toString(c.encrypted));
            if (c.encrypted) {
                d.add(e, "KmsKeyId", c.kmsKeyId);
            }
            d.add(e, "DBClusterParameterGroup", c.parameterGroup);
            d.add(e, "DBSubnetGroup", c.subnetGroup);
            Element sgs = d.add(e, "VpcSecurityGroups");
            for (String sg : c.securityGroups) {
                Element m = d.add(sgs, "VpcSecurityGroupMembership");
                d.add(m, "VpcSecurityGroupId", sg);
                d.add(m, "Status", "active");
            }
            d.add(e, "Port", Integer.toString(c.port));
            d.add(e, "IAMDatabaseAuthenticationEnabled", Boolean.toString(c.iam));
            Element logs = d.add(e, "EnabledCloudwatchLogsExports");
            c.logs.forEach(l -> d.add(logs, "member", l));
            d.add(e, "DeletionProtection", Boolean.toString(c.deletionProtection));
            d.add(e, "BackupRetentionPeriod", Integer.toString(c.retention));
            d.add(e, "PreferredBackupWindow", c.backupWindow);
            d.add(e, "PreferredMaintenanceWindow", c.maintenanceWindow);
            d.add(e, "CopyTagsToSnapshot", Boolean.toString(c.copyTags));
            if (c.min != null) {
                Element s = d.add(e, "ServerlessV2ScalingConfiguration");
                d.add(s, "MinCapacity", c.min.toString());
                d.add(s, "MaxCapacity", c.max.toString());
            }
            Element roles = d.add(e, "AssociatedRoles");
            for (String[] r : c.roles) {
                Element m = d.add(roles, "DBClusterRole");
                d.add(m, "RoleArn", r[0]);
                d.add(m, "Status", r[2]);
                if (r[1] != null) {
                    d.add(m, "FeatureName", r[1]);
                }
            }
            Element members = d.add(e, "DBClusterMembers");
            boolean first = true;
            for (Instance i : instancesOf(c.id)) {
                Element m = d.add(members, "DBClusterMember");
                d.add(m, "DBInstanceIdentifier", i.id);
                d.add(m, "IsClusterWriter", Boolean.toString(first));
                d.add(m, "PromotionTier", String.valueOf(i.tier));
                first = false;
            }
            if (c.global != null) {
                d.add(e, "GlobalClusterIdentifier", c.global);
            }
        }
        return d.ok();
    }

    private List<Instance> instancesOf(String cluster) {
        return instances.values().stream().filter(i -> cluster.equals(i.cluster))
                .sorted(java.util.Comparator.comparing((Instance i) -> i.id)).sorted(
                        java.util.Comparator.comparing((Instance i) -> !writerOf(cluster).equals(i.id))).toList();
    }

    /** The first instance created in a cluster is its writer; the fake names it in {@link #writers}. */
    final Map<String, String> writers = new ConcurrentHashMap<>();

    private String writerOf(String cluster) {
        return writers.getOrDefault(cluster, "");
    }

    private ResponseDefinition describeInstances(Map<String, String> p) {
        String id = p.get("DBInstanceIdentifier");
        List<Instance> list;
        if (id != null) {
            Instance i = instances.get(id);
            if (i == null) {
                throw new Fault(404, "DBInstanceNotFound", "DBInstance " + id + " not found.");
            }
            list = List.of(i);
        } else {
            String filter = p.get("Filters.Filter.1.Values.Value.1");
            String clusterId = filter == null ? null : filter.substring(filter.lastIndexOf(':') + 1);
            list = instances.values().stream().filter(i -> clusterId == null || clusterId.equals(i.cluster))
                    .toList();
        }
        Doc d = new Doc("DescribeDBInstances");
        Element items = d.add(d.result, "DBInstances");
        for (Instance i : list) {
            i.advance();
            Element e = d.add(items, "DBInstance");
            d.add(e, "DBInstanceIdentifier", i.id);
            d.add(e, "DBInstanceArn", arn("db", i.id));
            d.add(e, "DBInstanceClass", i.instanceClass);
            d.add(e, "Engine", "neptune");
            d.add(e, "DBInstanceStatus", i.status);
            d.add(e, "DBClusterIdentifier", i.cluster);
            d.add(e, "AvailabilityZone", i.zone);
            if (i.tier != null) {
                d.add(e, "PromotionTier", i.tier.toString());
            }
            Element pgs = d.add(e, "DBParameterGroups");
            Element pg = d.add(pgs, "DBParameterGroup");
            d.add(pg, "DBParameterGroupName", i.parameterGroup);
            d.add(pg, "ParameterApplyStatus", "in-sync");
        }
        return d.ok();
    }

    private ResponseDefinition describeSnapshots(Map<String, String> p) {
        String id = p.get("DBClusterSnapshotIdentifier");
        Snapshot s = snapshots.get(id);
        if (s == null) {
            throw new Fault(404, "DBClusterSnapshotNotFoundFault", "DBClusterSnapshot " + id + " not found.");
        }
        s.advance();
        Doc d = new Doc("DescribeDBClusterSnapshots");
        Element e = d.add(d.add(d.result, "DBClusterSnapshots"), "DBClusterSnapshot");
        d.add(e, "DBClusterSnapshotIdentifier", s.id);
        d.add(e, "DBClusterIdentifier", s.cluster);
        d.add(e, "Engine", "neptune");
        d.add(e, "Status", s.status);
        d.add(e, "SnapshotType", "manual");
        d.add(e, "StorageEncrypted", Boolean.toString(s.encrypted));
        if (s.encrypted) {
            d.add(e, "KmsKeyId", s.kmsKeyId);
        }
        d.add(e, "DBClusterSnapshotArn", arn("cluster-snapshot", s.id));
        return d.ok();
    }

    private ResponseDefinition listTags(Map<String, String> p) {
        String name = p.get("ResourceName");
        String id = name.substring(name.lastIndexOf(':') + 1);
        Map<String, String> tags = name.contains(":cluster:") ? cluster(id).tags
                : Optional.ofNullable(instances.get(id)).map(i -> i.tags).orElse(Map.of());
        Doc d = new Doc("ListTagsForResource");
        Element list = d.add(d.result, "TagList");
        tags.forEach((k, v) -> {
            Element t = d.add(list, "Tag");
            d.add(t, "Key", k);
            d.add(t, "Value", v);
        });
        return d.ok();
    }

    private ResponseDefinition createSnapshot(Map<String, String> p) {
        Cluster c = cluster(p.get("DBClusterIdentifier"));
        Snapshot s = create(snapshots, p.get("DBClusterSnapshotIdentifier"), new Snapshot(), "creating",
                "DBClusterSnapshotAlreadyExistsFault");
        s.cluster = c.id;
        s.source = c;
        s.encrypted = c.encrypted;
        s.kmsKeyId = c.kmsKeyId;
        return new Doc("CreateDBClusterSnapshot").ok();
    }

    private ResponseDefinition copySnapshot(Map<String, String> p) {
        Snapshot src = snapshots.get(p.get("SourceDBClusterSnapshotIdentifier"));
        Snapshot s = create(snapshots, p.get("TargetDBClusterSnapshotIdentifier"), new Snapshot(), "copying",
                "DBClusterSnapshotAlreadyExistsFault");
        s.cluster = src.cluster;
        s.source = src.source;
        s.encrypted = true;
        s.kmsKeyId = p.get("KmsKeyId");
        return new Doc("CopyDBClusterSnapshot").ok();
    }

    private ResponseDefinition restoreFromSnapshot(Map<String, String> p) {
        Snapshot s = snapshots.get(p.get("SnapshotIdentifier"));
        if (s == null || !"available".equals(s.status)) {
            throw new Fault(400, "InvalidDBClusterSnapshotStateFault", "snapshot not available");
        }
        Cluster c = s.source.copy();
        c.encrypted = s.encrypted;
        c.kmsKeyId = s.kmsKeyId;
        restored(c, p);
        c.copyTags = "true".equals(p.get("CopyTagsToSnapshot"));
        return new Doc("RestoreDBClusterFromSnapshot").ok();
    }

    private ResponseDefinition restoreToPointInTime(Map<String, String> p) {
        Cluster src = cluster(p.get("SourceDBClusterIdentifier"));
        if (!src.encrypted && p.get("KmsKeyId") != null) {
            throw new Fault(400, "InvalidParameterCombination", "the source cluster is not encrypted");
        }
        restored(src.copy(), p);
        return new Doc("RestoreDBClusterToPointInTime").ok();
    }

    private void restored(Cluster c, Map<String, String> p) {
        c.id = p.get("DBClusterIdentifier");
        if (clusters.containsKey(c.id)) {
            throw new Fault(400, "DBClusterAlreadyExistsFault", "cluster " + c.id + " exists");
        }
        if (p.get("KmsKeyId") != null) {
            c.encrypted = true;
            c.kmsKeyId = p.get("KmsKeyId");
        }
        if (p.get("Port") != null) {
            c.port = Integer.parseInt(p.get("Port"));
        }
        c.subnetGroup = p.getOrDefault("DBSubnetGroupName", c.subnetGroup);
        c.parameterGroup = p.getOrDefault("DBClusterParameterGroupName", c.parameterGroup);
        List<String> sgs = list(p, "VpcSecurityGroupIds.VpcSecurityGroupId.");
        if (!sgs.isEmpty()) {
            c.securityGroups = sgs;
        }
        c.iam = "true".equals(p.get("EnableIAMDatabaseAuthentication"));
        c.logs = list(p, "EnableCloudwatchLogsExports.member.");
        c.deletionProtection = "true".equals(p.get("DeletionProtection"));
        if (p.get("ServerlessV2ScalingConfiguration.MinCapacity") != null) {
            c.min = Double.valueOf(p.get("ServerlessV2ScalingConfiguration.MinCapacity"));
            c.max = Double.valueOf(p.get("ServerlessV2ScalingConfiguration.MaxCapacity"));
        }
        c.tags = tags(p);
        c.status = "creating";
        c.polls = pollsUntilAvailable;
        clusters.put(c.id, c);
    }

    private ResponseDefinition modifyCluster(Map<String, String> p) {
        Cluster c = cluster(p.get("DBClusterIdentifier"));
        if (!"available".equals(c.status)) {
            throw new Fault(400, "InvalidDBClusterStateFault", "cluster " + c.id + " is " + c.status);
        }
        String newId = p.get("NewDBClusterIdentifier");
        if (newId != null) {
            if (clusters.containsKey(newId)) {
                throw new Fault(400, "DBClusterAlreadyExistsFault", "cluster " + newId + " exists");
            }
            clusters.remove(c.id);
            instances.values().stream().filter(i -> c.id.equals(i.cluster)).forEach(i -> i.cluster = newId);
            String writer = writers.remove(c.id);
            if (writer != null) {
                writers.put(newId, writer);
            }
            c.id = newId;
            clusters.put(newId, c);
            c.status = "renaming";
        } else {
            c.status = "modifying";
        }
        c.polls = pollsUntilAvailable;
        if (p.get("BackupRetentionPeriod") != null) {
            c.retention = Integer.parseInt(p.get("BackupRetentionPeriod"));
        }
        c.backupWindow = p.getOrDefault("PreferredBackupWindow", c.backupWindow);
        c.maintenanceWindow = p.getOrDefault("PreferredMaintenanceWindow", c.maintenanceWindow);
        if (p.get("CopyTagsToSnapshot") != null) {
            c.copyTags = "true".equals(p.get("CopyTagsToSnapshot"));
        }
        return new Doc("ModifyDBCluster").ok();
    }

    private ResponseDefinition addRole(Map<String, String> p) {
        Cluster c = cluster(p.get("DBClusterIdentifier"));
        String arn = p.get("RoleArn");
        if (c.roles.stream().anyMatch(r -> r[0].equals(arn))) {
            throw new Fault(400, "DBClusterRoleAlreadyExists", "role " + arn + " is already associated");
        }
        c.roles.add(new String[] {arn, p.get("FeatureName"), "PENDING"});
        c.polls = pollsUntilAvailable;
        c.status = "available";
        return new Doc("AddRoleToDBCluster").ok();
    }

    private ResponseDefinition createInstance(Map<String, String> p) {
        Cluster c = cluster(p.get("DBClusterIdentifier"));
        String id = p.get("DBInstanceIdentifier");
        Instance i = create(instances, id, new Instance(), "creating", "DBInstanceAlreadyExists");
        i.cluster = c.id;
        i.instanceClass = p.get("DBInstanceClass");
        i.tier = p.get("PromotionTier") == null ? 1 : Integer.valueOf(p.get("PromotionTier"));
        i.parameterGroup = p.getOrDefault("DBParameterGroupName", i.parameterGroup);
        i.zone = p.getOrDefault("AvailabilityZone", i.zone);
        i.tags = tags(p);
        writers.putIfAbsent(c.id, id);
        return new Doc("CreateDBInstance").ok();
    }

    /** Only the rename: the instance keeps its cluster, and is {@code renaming} for a few describes. */
    private ResponseDefinition modifyInstance(Map<String, String> p) {
        String id = p.get("DBInstanceIdentifier");
        Instance i = instances.get(id);
        if (i == null) {
            throw new Fault(404, "DBInstanceNotFound", "DBInstance " + id + " not found.");
        }
        if (!"available".equals(i.status)) {
            throw new Fault(400, "InvalidDBInstanceState", "instance " + id + " is " + i.status);
        }
        String newId = p.get("NewDBInstanceIdentifier");
        if (newId != null) {
            if (instances.containsKey(newId)) {
                throw new Fault(400, "DBInstanceAlreadyExists", "instance " + newId + " exists");
            }
            instances.remove(id);
            i.id = newId;
            instances.put(newId, i);
            writers.replaceAll((cluster, writer) -> writer.equals(id) ? newId : writer);
            i.status = "renaming";
            i.polls = pollsUntilAvailable;
        }
        return new Doc("ModifyDBInstance").ok();
    }

    private ResponseDefinition addTags(Map<String, String> p) {
        String name = p.get("ResourceName");
        String id = name.substring(name.lastIndexOf(':') + 1);
        Map<String, String> tags;
        if (name.contains(":cluster:")) {
            tags = cluster(id).tags;
        } else {
            Instance i = instances.get(id);
            if (i == null) {
                throw new Fault(404, "DBInstanceNotFound", "DBInstance " + id + " not found.");
            }
            tags = i.tags;
        }
        tags.putAll(tags(p));
        return new Doc("AddTagsToResource").ok();
    }

    /** A new resource under {@code id}, {@code status} for a few describes; AWS's fault when the name is taken. */
    private <R extends Resource> R create(Map<String, R> into, String id, R r, String status, String taken) {
        if (into.containsKey(id)) {
            throw new Fault(400, taken, id + " already exists");
        }
        r.id = id;
        r.status = status;
        r.polls = pollsUntilAvailable;
        into.put(id, r);
        return r;
    }

    String arn(String type, String id) {
        return "arn:aws:rds:" + region + ":" + account + ":" + type + ":" + id;
    }

    private static List<String> list(Map<String, String> p, String prefix) {
        List<String> out = new ArrayList<>();
        for (int n = 1; p.containsKey(prefix + n); n++) {
            out.add(p.get(prefix + n));
        }
        return out;
    }

    private static Map<String, String> tags(Map<String, String> p) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int n = 1; p.containsKey("Tags.Tag." + n + ".Key"); n++) {
            out.put(p.get("Tags.Tag." + n + ".Key"), p.getOrDefault("Tags.Tag." + n + ".Value", ""));
        }
        return out;
    }

    private static ResponseDefinition error(int status, String code, String message) {
        Document doc = newDocument();
        Element root = doc.createElementNS(NS, "ErrorResponse");
        doc.appendChild(root);
        Element err = child(doc, root, "Error", null);
        child(doc, err, "Type", "Sender");
        child(doc, err, "Code", code);
        child(doc, err, "Message", message);
        child(doc, root, "RequestId", "fake-" + code);
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "text/xml").withBody(write(doc)).build();
    }

    /** One answer document: {@code <{Action}Response>} with its result element and the request id. */
    private static final class Doc {
        final Document doc = newDocument();
        final Element result;

        Doc(String action) {
            Element root = doc.createElementNS(NS, action + "Response");
            doc.appendChild(root);
            result = child(doc, root, action + "Result", null);
            Element meta = child(doc, root, "ResponseMetadata", null);
            child(doc, meta, "RequestId", "fake-" + action);
        }

        Element add(Element parent, String name) {
            return child(doc, parent, name, null);
        }

        Element add(Element parent, String name, String text) {
            return child(doc, parent, name, text);
        }

        ResponseDefinition ok() {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "text/xml").withBody(write(doc)).build();
        }
    }

    private static Element child(Document doc, Element parent, String name, String text) {
        Element e = doc.createElementNS(NS, name);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().newDocument();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Document doc) {
        try {
            StringWriter out = new StringWriter();
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
