package dev.neptuneguard.iac;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.iac.DeclaredKey.Verdict;
import dev.neptuneguard.model.ResourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CloudFormation template (a JSON tree: from a JSON or YAML file, {@code cdk.out}, or the CDK Aspect) into an
 * {@link IacModel}. Keys are resolved, not checked for presence: {@code Ref} / {@code Fn::GetAtt} to an
 * {@code AWS::KMS::Key} (or an {@code AWS::KMS::Alias} of one) is that key; {@code alias/aws/rds} is the AWS managed
 * key; a parameter, {@code Fn::ImportValue} or a condition is "cannot verify".
 *
 * <p>Defaults, from the CloudFormation template reference: {@code AWS::Neptune::DBCluster StorageEncrypted} has no
 * default of true, so an absent value is read as not encrypted (a cluster restored from a snapshot inherits the
 * snapshot's encryption instead); {@code AWS::KMS::Key Enabled} defaults to true, {@code EnableKeyRotation} to false,
 * {@code PendingWindowInDays} to 30, and without {@code DeletionPolicy} / {@code UpdateReplacePolicy} CloudFormation
 * deletes the key (schedules its deletion) when the stack deletes or replaces it.
 */
public final class CloudFormationReader {

    public static final String CLUSTER = "AWS::Neptune::DBCluster";
    public static final String GRAPH = "AWS::NeptuneGraph::Graph";
    public static final String KEY = "AWS::KMS::Key";
    public static final String ALIAS = "AWS::KMS::Alias";
    private static final Set<String> RETAINING = Set.of("Retain", "RetainExceptOnCreate");

    private final JsonNode template;
    private final Map<String, Integer> lines;
    private final String file;

    /**
     * @param lines the line of each logical id in the file; empty when unknown
     * @param file the file name (or the stack's name for the Aspect)
     */
    public CloudFormationReader(JsonNode template, Map<String, Integer> lines, String file) {
        this.template = template;
        this.lines = lines;
        this.file = file;
    }

    /** Whether {@code tree} looks like a CloudFormation template (a {@code Resources} object of typed resources). */
    public static boolean isTemplate(JsonNode tree) {
        JsonNode resources = tree == null ? null : tree.path("Resources");
        if (resources == null || !resources.isObject() || resources.isEmpty()) {
            return false;
        }
        return resources.elements().next().has("Type");
    }

    public IacModel read() {
        JsonNode resources = template.path("Resources");
        Map<String, DeclaredKey> keys = new LinkedHashMap<>();
        Map<String, List<String>> aliases = new HashMap<>();
        Map<String, String> aliasTargets = new HashMap<>();
        resources.fields().forEachRemaining(e -> {
            JsonNode r = e.getValue();
            if (KEY.equals(r.path("Type").asText())) {
                keys.put(e.getKey(), key(e.getKey(), r));
            }
        });
        resources.fields().forEachRemaining(e -> {
            JsonNode r = e.getValue();
            if (ALIAS.equals(r.path("Type").asText())) {
                String target = declaredKey(r.path("Properties").path("TargetKeyId"), keys);
                String name = r.path("Properties").path("AliasName").asText(null);
                if (target != null) {
                    aliasTargets.put(e.getKey(), target);
                    if (name != null) {
                        aliasTargets.put(name, target);
                        aliases.computeIfAbsent(target, k -> new ArrayList<>()).add(name);
                    }
                }
            }
        });
        aliases.forEach((address, names) -> keys.put(address, keys.get(address).withAliases(names)));
        List<DeclaredStore> stores = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            String type = e.getValue().path("Type").asText();
            JsonNode p = e.getValue().path("Properties");
            if (CLUSTER.equals(type)) {
                stores.add(cluster(e.getKey(), p, keys, aliasTargets));
            } else if (GRAPH.equals(type)) {
                stores.add(new DeclaredStore(e.getKey(), type, literal(p.path("GraphName")), null, true, null,
                        keyReference(p.path("KmsKeyIdentifier"), keys, aliasTargets), null, tags(p),
                        source(e.getKey())));
            }
        });
        return new IacModel(IacModel.CLOUDFORMATION, stores, keys);
    }

    private DeclaredStore cluster(String id, JsonNode p, Map<String, DeclaredKey> keys,
                                  Map<String, String> aliasTargets) {
        String restoredFrom = firstLiteralOrText(p, "SnapshotIdentifier", "SourceDBClusterIdentifier");
        JsonNode encryptedNode = p.path("StorageEncrypted");
        Boolean encrypted;
        String note = null;
        if (encryptedNode.isMissingNode() || encryptedNode.isNull()) {
            encrypted = restoredFrom != null ? Boolean.TRUE : null;
            note = restoredFrom != null ? "StorageEncrypted is absent: the cluster inherits the encryption of "
                    + restoredFrom : "StorageEncrypted is absent, and CloudFormation does not encrypt a Neptune "
                    + "cluster by default";
        } else if (encryptedNode.isBoolean() || encryptedNode.isTextual()
                && ("true".equalsIgnoreCase(encryptedNode.asText()) || "false".equalsIgnoreCase(encryptedNode.asText()))) {
            encrypted = encryptedNode.isBoolean() ? encryptedNode.asBoolean()
                    : Boolean.parseBoolean(encryptedNode.asText().toLowerCase());
        } else {
            encrypted = null;
            note = "StorageEncrypted is " + Intrinsics.text(encryptedNode)
                    + ", known only at deploy time: not counted as encrypted";
        }
        KeyReference key = keyReference(p.path("KmsKeyId"), keys, aliasTargets);
        if (restoredFrom != null && key.kind() == KeyReference.Kind.DEFAULT) {
            key = KeyReference.unresolved(null, "the cluster is restored from " + restoredFrom
                    + " and takes that snapshot's key, which the template does not show");
        }
        return new DeclaredStore(id, CLUSTER, literal(p.path("DBClusterIdentifier")), ResourceType.CLUSTER, encrypted,
                note, key, restoredFrom, tags(p), source(id));
    }

    private DeclaredKey key(String id, JsonNode r) {
        JsonNode p = r.path("Properties");
        boolean enabled = !"false".equalsIgnoreCase(p.path("Enabled").asText("true"));
        Boolean rotation = p.has("EnableKeyRotation") ? "true".equalsIgnoreCase(p.path("EnableKeyRotation").asText())
                : null;
        Integer window = p.path("PendingWindowInDays").canConvertToInt() || p.path("PendingWindowInDays").isTextual()
                ? parseInt(p.path("PendingWindowInDays").asText()) : null;
        if (!p.has("PendingWindowInDays")) {
            window = 30;
        }
        String origin = p.path("Origin").isTextual() ? p.path("Origin").asText() : "AWS_KMS";
        String deletion = r.path("DeletionPolicy").asText("Delete");
        String replace = r.path("UpdateReplacePolicy").asText("Delete");
        boolean retained = RETAINING.contains(deletion) && RETAINING.contains(replace);
        String retention = "DeletionPolicy " + (r.has("DeletionPolicy") ? deletion : "absent (Delete)")
                + ", UpdateReplacePolicy " + (r.has("UpdateReplacePolicy") ? replace : "absent (Delete)");
        KeyPolicyCheck.Result policy = KeyPolicyCheck.check(p.has("KeyPolicy") ? p.get("KeyPolicy") : null,
                KeyPolicyCheck.TEMPLATE_ACCOUNT);
        return new DeclaredKey(id, KEY, null, enabled, rotation, window, origin,
                retained ? Verdict.YES : Verdict.NO, retention, policy.verdict(), policy.detail(), List.of(),
                source(id));
    }

    /** Resolves a {@code KmsKeyId}-like value. */
    private KeyReference keyReference(JsonNode v, Map<String, DeclaredKey> keys, Map<String, String> aliasTargets) {
        if (v == null || v.isMissingNode() || v.isNull() || v.isTextual() && v.asText().isBlank()) {
            return KeyReference.none();
        }
        String text = Intrinsics.text(v);
        if (v.isTextual()) {
            String target = aliasTargets.get(v.asText());
            return target != null ? KeyReference.declared(target, text) : KeyReference.literal(v.asText());
        }
        String declared = declaredKey(v, keys);
        if (declared == null && "Ref".equals(Intrinsics.function(v))) {
            declared = aliasTargets.get(v.get("Ref").asText());
        }
        if (declared != null) {
            return KeyReference.declared(declared, text);
        }
        String fn = Intrinsics.function(v);
        if ("Ref".equals(fn)) {
            String name = v.get("Ref").asText();
            JsonNode parameter = template.path("Parameters").path(name);
            return KeyReference.unresolved(text, parameter.isMissingNode()
                    ? "it refers to " + name + ", which is neither a key nor a parameter of this template"
                    : "it is the parameter " + name + (parameter.has("Default") ? " (default "
                    + Intrinsics.text(parameter.get("Default")) + ", which a deployment can override)" : "")
                    + ", chosen at deploy time");
        }
        if ("Fn::ImportValue".equals(fn)) {
            return KeyReference.unresolved(text, "it is imported from another stack's export ("
                    + Intrinsics.text(v.get(fn)) + ")");
        }
        if ("Fn::If".equals(fn)) {
            KeyReference a = keyReference(v.get(fn).path(1), keys, aliasTargets);
            KeyReference b = keyReference(v.get(fn).path(2), keys, aliasTargets);
            if (a.kind() == b.kind() && java.util.Objects.equals(a.keyAddress(), b.keyAddress())
                    && a.kind() != KeyReference.Kind.LITERAL) {
                return a;
            }
            return KeyReference.unresolved(text, "it depends on the condition " + v.get(fn).path(0).asText()
                    + ", decided at deploy time");
        }
        if (text.endsWith(":" + KeyReference.AWS_RDS_ALIAS) || text.equals(KeyReference.AWS_RDS_ALIAS)) {
            return new KeyReference(KeyReference.Kind.AWS_MANAGED, null, text, null);
        }
        if ("Fn::GetAtt".equals(fn)) {
            return KeyReference.unresolved(text, "it refers to " + Intrinsics.getAtt(v.get(fn)) + ", which is not a "
                    + "KMS key of this template (another stack's resource is known only at deploy time)");
        }
        return KeyReference.unresolved(text, "it is computed at deploy time");
    }

    /** The declared key a {@code Ref}, {@code Fn::GetAtt} or {@code ${K.Arn}} names, or {@code null}. */
    private static String declaredKey(JsonNode v, Map<String, DeclaredKey> keys) {
        String fn = Intrinsics.function(v);
        if ("Ref".equals(fn) && keys.containsKey(v.get(fn).asText())) {
            return v.get(fn).asText();
        }
        if ("Fn::GetAtt".equals(fn)) {
            String target = Intrinsics.getAtt(v.get(fn));
            String logicalId = target.contains(".") ? target.substring(0, target.indexOf('.')) : target;
            return keys.containsKey(logicalId) ? logicalId : null;
        }
        if ("Fn::Sub".equals(fn) || "Fn::Join".equals(fn)) {
            String text = Intrinsics.text(v);
            for (String id : keys.keySet()) {
                if (text.contains("${" + id + "}") || text.contains("${" + id + ".")) {
                    return id;
                }
            }
        }
        return null;
    }

    private static Map<String, String> tags(JsonNode p) {
        Map<String, String> tags = new LinkedHashMap<>();
        p.path("Tags").forEach(t -> {
            if (t.path("Key").isTextual() && t.path("Value").isTextual()) {
                tags.put(t.get("Key").asText(), t.get("Value").asText());
            }
        });
        return tags;
    }

    private static String literal(JsonNode v) {
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static String firstLiteralOrText(JsonNode p, String... names) {
        for (String name : names) {
            if (p.hasNonNull(name)) {
                return Intrinsics.text(p.get(name));
            }
        }
        return null;
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private IacSource source(String id) {
        return new IacSource(file, lines.get(id));
    }
}
