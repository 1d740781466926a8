package dev.neptuneguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.events.Arns;
import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.KeyRotation;
import dev.neptuneguard.model.SnapshotFacts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Account state read from what the AWS CLI prints, so a user can export a real account without giving the
 * tool credentials. Each input is recognised by its top-level keys:
 * {@code DBClusters} ({@code aws neptune|rds describe-db-clusters}), {@code DBClusterSnapshots}
 * ({@code describe-db-cluster-snapshots}), {@code KeyMetadata} ({@code aws kms describe-key}, one per key),
 * {@code KeyRotationEnabled} ({@code aws kms get-key-rotation-status}), {@code Aliases}
 * ({@code aws kms list-aliases}); a bundle is an object with an {@code outputs} array of such objects (or a
 * top-level array). Resources are grouped by the region in their ARNs; {@code TagList} is used when present
 * ({@code aws rds describe-db-clusters} prints it, {@code aws neptune} does not).
 */
public final class AccountExport {

    private final List<ClusterFacts> clusters = new ArrayList<>();
    private final List<SnapshotFacts> snapshots = new ArrayList<>();
    private final Map<String, JsonNode> keyMetadata = new LinkedHashMap<>();
    private final Map<String, Boolean> rotation = new LinkedHashMap<>();
    private final Map<String, Set<String>> aliasesByKeyId = new LinkedHashMap<>();
    private final String account;
    private final String region;
    private String bundleAccount;
    private String bundleRegion;

    private AccountExport(String account, String region) {
        this.account = account;
        this.region = region;
    }

    /** Reads files; {@code account}/{@code region} fill in what the data does not say (may be null). */
    public static AccountExport read(List<Path> files, String account, String region) {
        AccountExport export = new AccountExport(account, region);
        List<JsonNode> docs = new ArrayList<>();
        for (Path file : files) {
            docs.add(readJson(file));
        }
        for (int i = 0; i < docs.size(); i++) {
            export.add(docs.get(i), files.get(i).toString());
        }
        return export;
    }

    /** Reads a bundle from a stream (the embedded demo account). */
    public static AccountExport read(InputStream in, String name) {
        AccountExport export = new AccountExport(null, null);
        try {
            export.add(Json.MAPPER.readTree(in), name);
        } catch (IOException e) {
            throw new InputException(name + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        return export;
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isReadable(file)) {
            throw new InputException(file + ": file not found or not readable");
        }
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file + ": not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private void add(JsonNode doc, String name) {
        if (doc == null || doc.isMissingNode()) {
            throw new InputException(name + ": empty file");
        }
        if (doc.isArray()) {
            for (JsonNode part : doc) {
                add(part, name);
            }
            return;
        }
        if (!doc.isObject()) {
            throw new InputException(name + ": unknown JSON shape (expected an object printed by the AWS CLI)");
        }
        boolean recognised = false;
        if (doc.has("outputs") && doc.get("outputs").isArray()) {
            bundleAccount = Json.text(doc, "account");
            bundleRegion = Json.text(doc, "region");
            for (JsonNode part : doc.get("outputs")) {
                add(part, name);
            }
            recognised = true;
        }
        if (doc.has("DBClusters")) {
            doc.get("DBClusters").forEach(c -> clusters.add(cluster(c)));
            recognised = true;
        }
        if (doc.has("DBClusterSnapshots")) {
            doc.get("DBClusterSnapshots").forEach(s -> snapshots.add(snapshot(s)));
            recognised = true;
        }
        if (doc.has("KeyMetadata")) {
            JsonNode m = doc.get("KeyMetadata");
            String id = Json.text(m, "KeyId");
            if (id == null) {
                throw new InputException(name + ": KeyMetadata has no KeyId");
            }
            // A multi-Region key has the same KeyId in every region: the ARN tells the replicas apart.
            String arn = Json.text(m, "Arn");
            keyMetadata.put(arn != null && !arn.isEmpty() ? arn : id, m);
            recognised = true;
        }
        if (doc.has("KeyRotationEnabled")) {
            String keyId = Json.text(doc, "KeyId");
            if (keyId == null) {
                throw new InputException(name + ": get-key-rotation-status output has no KeyId (use AWS CLI v2.15+, "
                        + "or put it in a bundle as {\"KeyId\": \"...\", \"KeyRotationEnabled\": true})");
            }
            rotation.put(keyIdOf(keyId), Json.bool(doc, "KeyRotationEnabled"));
            recognised = true;
        }
        if (doc.has("Aliases")) {
            for (JsonNode a : doc.get("Aliases")) {
                String target = Json.text(a, "TargetKeyId");
                String alias = Json.text(a, "AliasName");
                if (target != null && alias != null) {
                    aliasesByKeyId.computeIfAbsent(target, k -> new TreeSet<>()).add(alias);
                }
            }
            recognised = true;
        }
        if (!recognised) {
            List<String> keys = new ArrayList<>();
            doc.fieldNames().forEachRemaining(keys::add);
            throw new InputException(name + ": unknown JSON shape with top-level keys " + keys + "; expected the output of "
                    + "describe-db-clusters, describe-db-cluster-snapshots, describe-key, get-key-rotation-status, "
                    + "list-aliases, or a bundle with an 'outputs' array");
        }
    }

    /** One inventory per region found in the data, in region order. */
    public List<StaticInventory> inventories() {
        Map<String, List<ClusterFacts>> clustersByRegion = new TreeMap<>();
        Map<String, List<SnapshotFacts>> snapshotsByRegion = new TreeMap<>();
        for (ClusterFacts c : clusters) {
            clustersByRegion.computeIfAbsent(regionOf(c.region()), r -> new ArrayList<>()).add(c);
        }
        for (SnapshotFacts s : snapshots) {
            snapshotsByRegion.computeIfAbsent(regionOf(s.region()), r -> new ArrayList<>()).add(s);
        }
        Set<String> regions = new TreeSet<>(clustersByRegion.keySet());
        regions.addAll(snapshotsByRegion.keySet());
        List<KeyFacts> keys = keys();
        List<StaticInventory> out = new ArrayList<>();
        for (String r : regions) {
            List<KeyFacts> regionKeys = keys.stream().filter(k -> k.region() == null || k.region().equals(r)).toList();
            out.add(new StaticInventory(accountOf(null), r, clustersByRegion.getOrDefault(r, List.of()),
                    snapshotsByRegion.getOrDefault(r, List.of()), regionKeys));
        }
        return out;
    }

    /** Every cluster read, of any engine. */
    public List<ClusterFacts> clusters() {
        return List.copyOf(clusters);
    }

    /** Every snapshot read, of any engine. */
    public List<SnapshotFacts> snapshots() {
        return List.copyOf(snapshots);
    }

    private List<KeyFacts> keys() {
        List<KeyFacts> keys = new ArrayList<>();
        for (JsonNode m : keyMetadata.values()) {
            String keyId = Json.text(m, "KeyId");
            String arn = Json.text(m, "Arn");
            String origin = Json.text(m, "Origin");
            String manager = Json.text(m, "KeyManager");
            Boolean rotates = rotation.get(keyId);
            KeyRotation r;
            if ("AWS".equals(manager)) {
                r = KeyRotation.ENABLED;
            } else if (!"AWS_KMS".equals(origin) || Json.text(m, "CustomKeyStoreId") != null) {
                r = KeyRotation.NOT_SUPPORTED;
            } else if (rotates == null) {
                r = KeyRotation.UNKNOWN;
            } else {
                r = rotates ? KeyRotation.ENABLED : KeyRotation.DISABLED;
            }
            List<String> aliases = new ArrayList<>(aliasesByKeyId.getOrDefault(keyId, Set.of()));
            keys.add(new KeyFacts(arn, arn, keyId, Json.text(m, "AWSAccountId"), Arns.region(arn), manager,
                    Json.text(m, "KeyState"), origin, Json.text(m, "CustomKeyStoreId"),
                    Boolean.TRUE.equals(Json.bool(m, "MultiRegion")), Json.instant(m, "DeletionDate"),
                    Json.integer(m, "PendingDeletionWindowInDays"), r, aliases, Json.text(m, "Description"), null));
        }
        return keys;
    }

    private ClusterFacts cluster(JsonNode c) {
        String id = Json.text(c, "DBClusterIdentifier");
        String arn = Json.text(c, "DBClusterArn");
        String r = arn != null ? Arns.region(arn) : regionOf(null);
        String a = arn != null ? Arns.account(arn) : accountOf(null);
        if (arn == null) {
            arn = Arns.rds(r, a, "cluster", id);
        }
        Map<String, String> tags = tags(c);
        return new ClusterFacts(arn, id, Json.text(c, "DbClusterResourceId"), a, r, Json.text(c, "Engine"),
                Json.text(c, "Status"), Json.bool(c, "StorageEncrypted"), Json.text(c, "KmsKeyId"),
                Boolean.TRUE.equals(Json.bool(c, "DeletionProtection")), tags, tags != null, FactSource.OFFLINE);
    }

    private SnapshotFacts snapshot(JsonNode s) {
        String id = Json.text(s, "DBClusterSnapshotIdentifier");
        String arn = Json.text(s, "DBClusterSnapshotArn");
        String r = arn != null ? Arns.region(arn) : regionOf(null);
        String a = arn != null ? Arns.account(arn) : accountOf(null);
        if (arn == null) {
            arn = Arns.rds(r, a, "cluster-snapshot", id);
        }
        Map<String, String> tags = tags(s);
        return new SnapshotFacts(arn, id, Json.text(s, "DBClusterIdentifier"), a, r, Json.text(s, "Engine"),
                Json.text(s, "Status"), Json.text(s, "SnapshotType"), Json.bool(s, "StorageEncrypted"),
                Json.text(s, "KmsKeyId"), Json.instant(s, "SnapshotCreateTime"), tags, tags != null,
                FactSource.OFFLINE);
    }

    /** Tags from {@code TagList}; {@code null} when the export has none (then tags are unknown). */
    private static Map<String, String> tags(JsonNode resource) {
        JsonNode list = Json.field(resource, "TagList");
        if (list == null || !list.isArray()) {
            return null;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode t : list) {
            String k = Json.text(t, "Key");
            if (k != null) {
                String v = Json.text(t, "Value");
                tags.put(k, v == null ? "" : v);
            }
        }
        return tags;
    }

    private String regionOf(String fromData) {
        if (fromData != null) {
            return fromData;
        }
        if (region != null) {
            return region;
        }
        if (bundleRegion != null) {
            return bundleRegion;
        }
        throw new InputException("the data does not say which region it is from: pass --region");
    }

    private String accountOf(String fromData) {
        if (fromData != null) {
            return fromData;
        }
        if (account != null) {
            return account;
        }
        if (bundleAccount != null) {
            return bundleAccount;
        }
        for (ClusterFacts c : clusters) {
            if (c.account() != null) {
                return c.account();
            }
        }
        for (JsonNode m : keyMetadata.values()) {
            String a = Json.text(m, "AWSAccountId");
            if (a != null) {
                return a;
            }
        }
        throw new InputException("the data does not say which account it is from: pass --account");
    }

    private static String keyIdOf(String keyIdOrArn) {
        int i = keyIdOrArn.indexOf(":key/");
        return i >= 0 ? keyIdOrArn.substring(i + 5) : keyIdOrArn;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
