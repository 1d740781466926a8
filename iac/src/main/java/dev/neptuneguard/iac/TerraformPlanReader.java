package dev.neptuneguard.iac;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.iac.DeclaredKey.Verdict;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ResourceType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Terraform plan in the JSON of {@code terraform show -json PLAN} (format 1.x): each
 * {@code resource_changes[]} entry's {@code change.after}, with {@code change.after_unknown} telling which values are
 * only known after apply. An unknown {@code kms_key_arn} is resolved through the plan's {@code configuration}
 * (the expression's {@code references}, e.g. {@code aws_kms_key.neptune.arn}), also inside modules
 * ({@code module_address}, {@code module_calls}).
 *
 * <p>Defaults and traps, from the AWS provider's documentation: {@code aws_neptune_cluster.storage_encrypted} is
 * {@code false} when not given (the plan shows {@code false}) even when {@code kms_key_arn} is set, so a
 * presence check on {@code kms_key_arn} passes an unencrypted cluster; a cluster restored from
 * {@code snapshot_identifier} keeps the snapshot's encryption whatever {@code storage_encrypted} says
 * (terraform-provider-aws issue 15240). {@code aws_kms_key} defaults: {@code is_enabled} true,
 * {@code enable_key_rotation} false, {@code deletion_window_in_days} 30, no {@code policy} = the default key policy.
 * The plan JSON has no {@code lifecycle} block (Terraform's {@code jsonconfig} does not export
 * {@code prevent_destroy}), so retention is read from the plan's actions: a plan that deletes or replaces a key
 * Neptune uses fails; otherwise retention is reported as not decidable from the plan.
 */
public final class TerraformPlanReader {

    public static final String CLUSTER = "aws_neptune_cluster";
    public static final String SNAPSHOT = "aws_neptune_cluster_snapshot";
    public static final String GRAPH = "aws_neptunegraph_graph";
    public static final String KEY = "aws_kms_key";
    public static final String EXTERNAL_KEY = "aws_kms_external_key";
    public static final String ALIAS = "aws_kms_alias";
    /** An ARN of a resource the account owns (KMS, RDS): its account. IAM principals are not taken. */
    private static final Pattern ACCOUNT_IN_ARN = Pattern.compile("arn:aws[a-z-]*:(?:kms|rds):[a-z0-9-]+:(\\d{12}):");

    private final JsonNode plan;
    private final String file;
    private final Map<String, JsonNode> configuration = new HashMap<>();
    /** The account the plan's known ARNs name, for key policies; {@code null} when none does. */
    private final String account;

    public TerraformPlanReader(JsonNode plan, String file) {
        this.plan = plan;
        this.file = file;
        collectConfiguration(plan.path("configuration").path("root_module"), "");
        Matcher m = ACCOUNT_IN_ARN.matcher(plan.path("resource_changes").toString() + plan.path("prior_state"));
        this.account = m.find() ? m.group(1) : null;
    }

    public static boolean isPlan(JsonNode tree) {
        return tree != null && tree.has("format_version") && tree.path("resource_changes").isArray();
    }

    public IacModel read() {
        Map<String, DeclaredKey> keys = new LinkedHashMap<>();
        Map<String, JsonNode> byAddress = new LinkedHashMap<>();
        for (JsonNode rc : plan.path("resource_changes")) {
            byAddress.put(rc.path("address").asText(), rc);
        }
        Map<String, List<String>> aliases = new HashMap<>();
        Map<String, String> aliasTargets = new HashMap<>();
        byAddress.forEach((address, rc) -> {
            String type = rc.path("type").asText();
            if ((KEY.equals(type) || EXTERNAL_KEY.equals(type)) && "managed".equals(rc.path("mode").asText())) {
                keys.put(address, key(address, rc));
            }
        });
        byAddress.forEach((address, rc) -> {
            if (ALIAS.equals(rc.path("type").asText()) && !deleted(rc)) {
                String target = referencedKey(rc, "target_key_id", keys, null);
                String name = after(rc).path("name").asText(null);
                if (target != null && name != null) {
                    aliases.computeIfAbsent(target, k -> new ArrayList<>()).add(name);
                    aliasTargets.put(name, target);
                }
            }
        });
        aliases.forEach((address, names) -> keys.put(address, keys.get(address).withAliases(names)));
        List<DeclaredStore> stores = new ArrayList<>();
        byAddress.forEach((address, rc) -> {
            if (!"managed".equals(rc.path("mode").asText()) || deleted(rc)) {
                return;
            }
            String type = rc.path("type").asText();
            JsonNode after = after(rc);
            if (CLUSTER.equals(type)) {
                stores.add(cluster(address, rc, keys, aliasTargets));
            } else if (SNAPSHOT.equals(type)) {
                stores.add(snapshot(address, rc, byAddress, keys, aliasTargets));
            } else if (GRAPH.equals(type)) {
                stores.add(new DeclaredStore(address, type, text(after, "graph_name"), null, true, null,
                        keyReference(rc, "kms_key_identifier", keys, aliasTargets), null, tags(after),
                        new IacSource(file, null)));
            }
        });
        return new IacModel(IacModel.TERRAFORM, stores, keys);
    }

    private DeclaredStore cluster(String address, JsonNode rc, Map<String, DeclaredKey> keys,
                                  Map<String, String> aliasTargets) {
        JsonNode after = after(rc);
        String restoredFrom = text(after, "snapshot_identifier");
        Boolean encrypted;
        String note = null;
        if (unknown(rc, "storage_encrypted")) {
            encrypted = null;
            note = "storage_encrypted is known only after apply: not counted as encrypted";
        } else if (after.path("storage_encrypted").isBoolean()) {
            encrypted = after.get("storage_encrypted").asBoolean();
            if (!encrypted && !configured(address, "storage_encrypted")) {
                note = "storage_encrypted is not set, and the AWS provider's default for aws_neptune_cluster is "
                        + "false" + (configured(address, "kms_key_arn") ? " even though kms_key_arn is set" : "");
            }
        } else {
            encrypted = null;
            note = "storage_encrypted is not in the plan; the AWS provider's default is false";
        }
        KeyReference key = keyReference(rc, "kms_key_arn", keys, aliasTargets);
        if (restoredFrom != null) {
            key = KeyReference.unresolved(restoredFrom, "the cluster is restored from snapshot " + restoredFrom
                    + " and keeps that snapshot's encryption and key, whatever storage_encrypted and kms_key_arn say "
                    + "(terraform-provider-aws issue 15240)");
            encrypted = Boolean.TRUE.equals(encrypted) ? Boolean.TRUE : encrypted;
        }
        return new DeclaredStore(address, CLUSTER, text(after, "cluster_identifier"), ResourceType.CLUSTER, encrypted,
                note, key, restoredFrom, tags(after), new IacSource(file, null));
    }

    /** A snapshot takes its cluster's encryption and key: the cluster in the plan it refers to. */
    private DeclaredStore snapshot(String address, JsonNode rc, Map<String, JsonNode> byAddress,
                                   Map<String, DeclaredKey> keys, Map<String, String> aliasTargets) {
        JsonNode after = after(rc);
        String name = text(after, "db_cluster_snapshot_identifier");
        String clusterAddress = instance(reference(address, "db_cluster_identifier", CLUSTER), byAddress.keySet(),
                address);
        JsonNode cluster = clusterAddress == null ? null : byAddress.get(clusterAddress);
        if (cluster == null) {
            return new DeclaredStore(address, SNAPSHOT, name, ResourceType.SNAPSHOT, true, null,
                    KeyReference.unresolved(text(after, "db_cluster_identifier"), "the snapshot's cluster is not in "
                            + "this plan, and a snapshot takes its cluster's key"), text(after, "db_cluster_identifier"),
                    Map.of(), new IacSource(file, null));
        }
        DeclaredStore c = cluster(clusterAddress, cluster, keys, aliasTargets);
        return new DeclaredStore(address, SNAPSHOT, name, ResourceType.SNAPSHOT, c.encrypted(),
                c.encryptionNote() == null ? null : "it takes the encryption of " + clusterAddress + ": "
                        + c.encryptionNote(), c.key(), c.displayName(), Map.of(), new IacSource(file, null));
    }

    private DeclaredKey key(String address, JsonNode rc) {
        JsonNode after = after(rc);
        boolean enabled = !after.path("is_enabled").isBoolean() || after.get("is_enabled").asBoolean();
        if (after.path("enabled").isBoolean()) {
            enabled = after.get("enabled").asBoolean();
        }
        Boolean rotation = after.path("enable_key_rotation").isBoolean()
                ? after.get("enable_key_rotation").asBoolean() : null;
        Integer window = after.path("deletion_window_in_days").canConvertToInt()
                ? after.get("deletion_window_in_days").asInt() : 30;
        List<String> actions = new ArrayList<>();
        rc.path("change").path("actions").forEach(a -> actions.add(a.asText()));
        Verdict retention;
        String retentionDetail;
        if (actions.contains("delete")) {
            retention = Verdict.NO;
            retentionDetail = "the plan's actions are " + actions + (actions.contains("create") ? ": it replaces the "
                    + "key, and the new key cannot decrypt what the old one encrypted" : ": it deletes the key");
        } else {
            retention = Verdict.UNKNOWN;
            retentionDetail = "the plan's actions are " + actions + "; terraform show -json does not include "
                    + "lifecycle.prevent_destroy, so check the configuration for it";
        }
        KeyPolicyCheck.Result policy;
        if (unknown(rc, "policy") && !configured(address, "policy")) {
            policy = KeyPolicyCheck.check(null, account);
        } else if (unknown(rc, "policy")) {
            policy = new KeyPolicyCheck.Result(Verdict.UNKNOWN, "the key policy is known only after apply");
        } else if (after.path("policy").isTextual() && !after.get("policy").asText().isBlank()) {
            try {
                policy = KeyPolicyCheck.check(Json.MAPPER.readTree(after.get("policy").asText()), account);
            } catch (IOException e) {
                policy = new KeyPolicyCheck.Result(Verdict.UNKNOWN, "the key policy is not valid JSON");
            }
        } else {
            policy = KeyPolicyCheck.check(null, account);
        }
        String origin = EXTERNAL_KEY.equals(rc.path("type").asText()) ? "EXTERNAL" : "AWS_KMS";
        return new DeclaredKey(address, rc.path("type").asText(), null, enabled, rotation, window, origin, retention,
                retentionDetail, policy.verdict(), policy.detail(), List.of(), new IacSource(file, null));
    }

    private KeyReference keyReference(JsonNode rc, String attribute, Map<String, DeclaredKey> keys,
                                      Map<String, String> aliasTargets) {
        String address = rc.path("address").asText();
        JsonNode after = after(rc);
        if (!unknown(rc, attribute)) {
            String value = text(after, attribute);
            if (value == null || value.isBlank()) {
                return KeyReference.none();
            }
            for (DeclaredKey k : keys.values()) {
                String arn = knownArn(k.address());
                if (value.equals(arn)) {
                    return KeyReference.declared(k.address(), value);
                }
            }
            String alias = value.contains(":alias/") ? value.substring(value.indexOf(":alias/") + 1) : value;
            if (aliasTargets.containsKey(alias)) {
                return KeyReference.declared(aliasTargets.get(alias), value);
            }
            return KeyReference.literal(value);
        }
        String declared = referencedKey(rc, attribute, keys, aliasTargets);
        if (declared != null) {
            return KeyReference.declared(declared, declared + ".arn");
        }
        List<String> refs = references(address, attribute);
        for (String ref : refs) {
            if (ref.contains("data.aws_kms_alias.") || ref.contains("data.aws_kms_key.")) {
                String aliasName = dataSourceName(ref);
                if (KeyReference.isAwsManagedAlias(aliasName)) {
                    return new KeyReference(KeyReference.Kind.AWS_MANAGED, null, ref, null);
                }
                return KeyReference.unresolved(ref, "it comes from the data source " + ref + " (a key outside this "
                        + "plan" + (aliasName == null ? "" : ", " + aliasName) + ")");
            }
        }
        return KeyReference.unresolved(refs.isEmpty() ? "(known after apply)" : String.join(", ", refs),
                "it is known only after apply" + (refs.isEmpty() ? "" : " and refers to " + String.join(", ", refs)
                        + ", which is not a key in this plan"));
    }

    /** The declared key an attribute's configuration expression refers to, e.g. aws_kms_key.neptune.arn. */
    private String referencedKey(JsonNode rc, String attribute, Map<String, DeclaredKey> keys,
                                 Map<String, String> aliasTargets) {
        String address = rc.path("address").asText();
        String key = reference(address, attribute, KEY);
        if (key == null) {
            key = reference(address, attribute, EXTERNAL_KEY);
        }
        key = instance(key, keys.keySet(), address);
        if (key != null) {
            return key;
        }
        String alias = reference(address, attribute, ALIAS);
        if (alias != null && aliasTargets != null) {
            JsonNode aliasChange = null;
            for (JsonNode c : plan.path("resource_changes")) {
                if (alias.equals(c.path("address").asText())) {
                    aliasChange = c;
                }
            }
            String name = aliasChange == null ? null : after(aliasChange).path("name").asText(null);
            return name == null ? null : aliasTargets.get(name);
        }
        return null;
    }

    /**
     * The address of the {@code type} resource that {@code attribute} of {@code address} refers to, in the same
     * module, or {@code null}. References look like {@code aws_kms_key.neptune.arn} and {@code aws_kms_key.neptune}.
     */
    private String reference(String address, String attribute, String type) {
        String module = moduleInstanceOf(address);
        for (String ref : references(address, attribute)) {
            if (ref.startsWith(type + ".")) {
                String[] parts = ref.split("\\.");
                String local = parts[0] + "." + parts[1].replaceAll("\\[.*$", "");
                return module.isEmpty() ? local : module + "." + local;
            }
        }
        return null;
    }

    /**
     * The address in {@code addresses} that a reference resolves to: itself, or the one instance of a resource with
     * {@code count} / {@code for_each}, or the instance with the same index as {@code from} (a cluster {@code [0]}
     * and its key {@code [0]}); {@code null} when that is ambiguous.
     */
    private static String instance(String candidate, java.util.Collection<String> addresses, String from) {
        if (candidate == null || addresses.contains(candidate)) {
            return candidate;
        }
        List<String> instances = addresses.stream().filter(a -> a.startsWith(candidate + "[")).toList();
        if (instances.size() == 1) {
            return instances.get(0);
        }
        int bracket = from.lastIndexOf('[');
        String index = bracket > from.lastIndexOf('.') ? from.substring(bracket) : null;
        return index != null && instances.contains(candidate + index) ? candidate + index : null;
    }

    private List<String> references(String address, String attribute) {
        JsonNode config = configuration.get(stripIndex(address));
        List<String> refs = new ArrayList<>();
        if (config != null) {
            config.path("expressions").path(attribute).path("references").forEach(r -> refs.add(r.asText()));
        }
        return refs;
    }

    private boolean configured(String address, String attribute) {
        JsonNode config = configuration.get(stripIndex(address));
        return config != null && config.path("expressions").has(attribute);
    }

    private String dataSourceName(String ref) {
        String[] parts = ref.split("\\.");
        if (parts.length < 3) {
            return null;
        }
        JsonNode config = configuration.get("data." + parts[1] + "." + parts[2]);
        if (config == null) {
            return null;
        }
        JsonNode e = config.path("expressions");
        for (String name : List.of("name", "key_id")) {
            if (e.path(name).has("constant_value")) {
                return e.path(name).get("constant_value").asText();
            }
        }
        return null;
    }

    /** The ARN of a key the plan already knows (an existing key), from {@code prior_state} or the change. */
    private String knownArn(String keyAddress) {
        for (JsonNode rc : plan.path("resource_changes")) {
            if (keyAddress.equals(rc.path("address").asText())) {
                String arn = after(rc).path("arn").asText(null);
                return arn != null ? arn : rc.path("change").path("before").path("arn").asText(null);
            }
        }
        return null;
    }

    private void collectConfiguration(JsonNode module, String prefix) {
        module.path("resources").forEach(r -> configuration.put(prefix + r.path("address").asText(), r));
        module.path("module_calls").fields().forEachRemaining(e ->
                collectConfiguration(e.getValue().path("module"), prefix + "module." + e.getKey() + "."));
    }

    /**
     * The module instance part of an address, with its instance keys: {@code module.a["x"].module.b} for
     * {@code module.a["x"].module.b.aws_kms_key.k[0]}; empty at the root.
     */
    static String moduleInstanceOf(String address) {
        StringBuilder m = new StringBuilder();
        int i = 0;
        while (address.startsWith("module.", i)) {
            int j = i + "module.".length();
            while (j < address.length() && address.charAt(j) != '.' && address.charAt(j) != '[') {
                j++;
            }
            if (j < address.length() && address.charAt(j) == '[') {
                j = address.indexOf(']', j) + 1;
                if (j == 0) {
                    break;
                }
            }
            m.append(m.length() == 0 ? "" : ".").append(address, i, j);
            i = j + 1;
        }
        return m.toString();
    }

    /** {@code module.a["x"].aws_kms_key.k[0]} as its configuration address {@code module.a.aws_kms_key.k}. */
    private static String stripIndex(String address) {
        return address.replaceAll("\\[[^\\]]*\\]", "");
    }

    private static boolean deleted(JsonNode rc) {
        JsonNode actions = rc.path("change").path("actions");
        return actions.size() == 1 && "delete".equals(actions.get(0).asText());
    }

    private static JsonNode after(JsonNode rc) {
        JsonNode after = rc.path("change").path("after");
        return after.isObject() ? after : Json.MAPPER.createObjectNode();
    }

    private static boolean unknown(JsonNode rc, String attribute) {
        return rc.path("change").path("after_unknown").path(attribute).asBoolean(false);
    }

    private static String text(JsonNode after, String attribute) {
        JsonNode v = after.path(attribute);
        return v.isTextual() ? v.asText() : null;
    }

    private static Map<String, String> tags(JsonNode after) {
        Map<String, String> tags = new LinkedHashMap<>();
        after.path("tags").fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                tags.put(e.getKey(), e.getValue().asText());
            }
        });
        return tags;
    }
}
