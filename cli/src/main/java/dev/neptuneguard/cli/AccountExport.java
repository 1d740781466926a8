package dev.neptuneguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.events.Arns;
import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.KeyRotation;
import dev.neptuneguard.model.Policy;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Account state read from what the AWS CLI prints, so a user can export a real account without giving the
 * tool credentials. Each input is recognised by its top-level keys:
 * {@code DBClusters} ({@code aws neptune|rds describe-db-clusters}), {@code DBClusterSnapshots}
 * ({@code describe-db-cluster-snapshots}), {@code KeyMetadata} ({@code aws kms describe-key}, one per key),
 * {@code KeyRotationEnabled} ({@code aws kms get-key-rotation-status}), {@code Aliases}
 * ({@code aws kms list-aliases}); a bundle is an object with an {@code outputs} array of such objects (or a
 * top-level array). Resources are grouped by the region in their ARNs; {@code TagList} is used when present
 * ({@code aws rds describe-db-clusters} prints it, {@code aws neptune} does not).
 *
 * <p>An input may be a folder, as {@code export-commands} writes it: every {@code .json} and {@code .error} file in
 * it is read, anything else is skipped with a note. A {@code key-<region>-<key id>.error} or
 * {@code rotation-<region>-<key id>.error} file holds the AWS CLI's error text of a failed {@code describe-key} or
 * {@code get-key-rotation-status}: KMS's own answer, so {@code NotFoundException} for a well-formed key id is
 * "deleted" and anything else "cannot verify". A key the export has no file for at all is "not in the data":
 * "cannot verify", never "deleted". A {@code get-key-rotation-status} output without {@code KeyId} (older AWS CLIs,
 * emulators) takes the key id from its file name.
 */
public final class AccountExport {

    private final List<ClusterFacts> clusters = new ArrayList<>();
    private final List<SnapshotFacts> snapshots = new ArrayList<>();
    private final Map<String, JsonNode> keyMetadata = new LinkedHashMap<>();
    private final Map<String, Boolean> rotation = new LinkedHashMap<>();
    private final Map<String, KeyError> keyErrors = new LinkedHashMap<>();
    private final Map<String, KeyError> rotationErrors = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private List<KeyFacts> keyFacts;
    private final List<String> skippedRotationFiles = new ArrayList<>();
    private final Map<String, Set<String>> aliasesByKeyId = new LinkedHashMap<>();
    private final String account;
    private final String region;
    private String bundleAccount;
    private String bundleRegion;

    private AccountExport(String account, String region) {
        this.account = account;
        this.region = region;
    }

    /**
     * Reads files and folders; {@code account}/{@code region} fill in what the data does not say (may be null).
     * Folders contribute their {@code .json} and {@code .error} files in name order.
     */
    public static AccountExport read(List<Path> inputs, String account, String region) {
        AccountExport export = new AccountExport(account, region);
        List<Path> files = export.expand(inputs);
        List<JsonNode> docs = new ArrayList<>();
        for (Path file : files) {
            docs.add(file.getFileName().toString().endsWith(ERROR_SUFFIX) ? null : readJson(file));
        }
        for (int i = 0; i < docs.size(); i++) {
            Path file = files.get(i);
            if (docs.get(i) == null) {
                export.addError(file);
            } else {
                export.add(docs.get(i), file.toString(), file.getFileName().toString());
            }
        }
        return export;
    }

    private List<Path> expand(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.isDirectory(input)) {
                files.add(input);
                continue;
            }
            List<Path> entries;
            try (Stream<Path> listing = Files.list(input)) {
                entries = listing.sorted().toList();
            } catch (IOException e) {
                throw new InputException(input + ": cannot list the folder (" + e.getMessage() + ")", e);
            }
            int before = files.size();
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry)) {
                    notes.add(entry + ": skipped (a folder inside the export folder is not read)");
                } else if (name.endsWith(".json") || name.endsWith(ERROR_SUFFIX)) {
                    files.add(entry);
                } else {
                    notes.add(entry + ": skipped (not a .json or .error file)");
                }
            }
            if (files.size() == before) {
                throw new InputException(input + ": the folder holds no .json or .error export files");
            }
        }
        return files;
    }

    /**
     * Checks the export against what the policy needs and returns the notes to show. A rotation file that names no
     * key is harmless unless the policy requires rotation and some key has no rotation record (it may have been
     * that key's): then the input is incomplete and the scan stops.
     */
    public List<String> check(Policy policy) {
        keys();
        if (policy.requireKeyRotation() && !skippedRotationFiles.isEmpty()) {
            List<String> uncovered = keys().stream()
                    .filter(k -> k.rotation() == KeyRotation.UNREADABLE && k.rotationError() != null
                            && k.rotationError().startsWith(NO_ROTATION_RECORD))
                    .map(KeyFacts::displayArn).toList();
            if (!uncovered.isEmpty()) {
                throw new InputException("the policy requires key rotation, but no rotation file covers "
                        + String.join(", ", uncovered) + ", and " + String.join(", ", skippedRotationFiles)
                        + " could not be attributed (no KeyId, and a file name other than "
                        + "rotation-<region>-<key id>.json): rename the file(s) after their key, or add KeyId");
            }
        }
        return notes();
    }

    /** What the reader skipped or resolved on its own, for the user to see (one line each). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * Rotation files that were skipped because neither their content nor their name names a key. When the policy
     * requires rotation and a key has no rotation record, one of these may have been it: the input is incomplete.
     */
    public List<String> skippedRotationFiles() {
        return List.copyOf(skippedRotationFiles);
    }

    /** Reads a bundle from a stream (the embedded demo account). */
    public static AccountExport read(InputStream in, String name) {
        AccountExport export = new AccountExport(null, null);
        try {
            export.add(Json.MAPPER.readTree(in), name, name);
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

    private void add(JsonNode doc, String name, String fileName) {
        if (doc == null || doc.isMissingNode()) {
            throw new InputException(name + ": empty file");
        }
        if (doc.isArray()) {
            for (JsonNode part : doc) {
                add(part, name, fileName);
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
                add(part, name, fileName);
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
            FileKey fromName = FileKey.of(fileName, "rotation-", ".json");
            if (keyId == null && fromName != null) {
                // Older AWS CLIs (and AWS before 2024) print no KeyId: export-commands names the file after the key.
                rotation.put(fromName.lookupKey(), Json.bool(doc, "KeyRotationEnabled"));
            } else if (keyId == null) {
                notes.add(name + ": skipped, a get-key-rotation-status output without KeyId whose file name does not "
                        + "say the key (expected rotation-<region>-<key id>.json, as export-commands writes it)");
                skippedRotationFiles.add(name);
            } else {
                rotation.put(rotationKey(keyId), Json.bool(doc, "KeyRotationEnabled"));
            }
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

    /** The keys, built once after every file is read (error records are matched to the resources' KmsKeyId). */
    private List<KeyFacts> keys() {
        if (keyFacts == null) {
            keyFacts = List.copyOf(buildKeys());
        }
        return keyFacts;
    }

    private List<KeyFacts> buildKeys() {
        List<KeyFacts> keys = new ArrayList<>();
        Set<String> described = new TreeSet<>();
        for (JsonNode m : keyMetadata.values()) {
            String keyId = Json.text(m, "KeyId");
            String arn = Json.text(m, "Arn");
            String origin = Json.text(m, "Origin");
            String manager = Json.text(m, "KeyManager");
            String keyRegion = Arns.region(arn);
            described.add(FileKey.lookupKey(keyRegion, keyId));
            Boolean rotates = rotation.containsKey(FileKey.lookupKey(keyRegion, keyId))
                    ? rotation.get(FileKey.lookupKey(keyRegion, keyId)) : rotation.get(FileKey.lookupKey(null, keyId));
            KeyRotation r;
            String rotationError = null;
            if ("AWS".equals(manager)) {
                r = KeyRotation.ENABLED;
            } else if (!"AWS_KMS".equals(origin) || Json.text(m, "CustomKeyStoreId") != null) {
                r = KeyRotation.NOT_SUPPORTED;
            } else if (rotates != null) {
                r = rotates ? KeyRotation.ENABLED : KeyRotation.DISABLED;
            } else {
                r = KeyRotation.UNREADABLE;
                KeyError failed = rotationErrors.get(FileKey.lookupKey(keyRegion, keyId));
                rotationError = failed != null ? failed.text() + " (" + failed.file() + ")"
                        : NO_ROTATION_RECORD;
            }
            List<String> aliases = new ArrayList<>(aliasesByKeyId.getOrDefault(keyId, Set.of()));
            keys.add(new KeyFacts(arn, arn, keyId, Json.text(m, "AWSAccountId"), keyRegion, manager,
                    Json.text(m, "KeyState"), origin, Json.text(m, "CustomKeyStoreId"),
                    Boolean.TRUE.equals(Json.bool(m, "MultiRegion")), Json.instant(m, "DeletionDate"),
                    Json.integer(m, "PendingDeletionWindowInDays"), r, aliases, Json.text(m, "Description"), null,
                    null, rotationError));
        }
        for (Map.Entry<String, KeyError> e : keyErrors.entrySet()) {
            KeyError failed = e.getValue();
            if (described.contains(e.getKey())) {
                notes.add(failed.file() + ": ignored, the same export also describes key " + failed.keyId());
                continue;
            }
            for (String reference : references(failed)) {
                keys.add(KeyFacts.refused(reference, failed.code(), failed.message()));
            }
        }
        return keys;
    }

    /** The KmsKeyId values of the region's resources that name the failed key (export-commands' file names). */
    private Set<String> references(KeyError failed) {
        Set<String> out = new TreeSet<>();
        Stream.concat(clusters.stream().map(c -> new String[] {c.region(), c.kmsKeyId()}),
                        snapshots.stream().map(s -> new String[] {s.region(), s.kmsKeyId()}))
                .filter(p -> p[1] != null && failed.keyId().equalsIgnoreCase(keyIdOf(p[1]))
                        && (failed.region() == null || failed.region().equals(p[0])))
                .forEach(p -> out.add(p[1]));
        if (out.isEmpty()) {
            out.add(failed.keyId());
        }
        return out;
    }

    /** Reads a {@code key-<region>-<id>.error} or {@code rotation-<region>-<id>.error} file. */
    private void addError(Path file) {
        String name = file.getFileName().toString();
        FileKey key = FileKey.of(name, "key-", ERROR_SUFFIX);
        FileKey rotationKey = key == null ? FileKey.of(name, "rotation-", ERROR_SUFFIX) : null;
        if (key == null && rotationKey == null) {
            notes.add(file + ": skipped (an .error file is read only as key-<region>-<key id>.error or "
                    + "rotation-<region>-<key id>.error)");
            return;
        }
        String text;
        try {
            text = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputException(file + ": not readable (" + e.getMessage() + ")", e);
        }
        KeyError failed = KeyError.parse(key != null ? key : rotationKey, text, file.toString());
        (key != null ? keyErrors : rotationErrors).put((key != null ? key : rotationKey).lookupKey(), failed);
    }

    private static String rotationKey(String keyIdOrArn) {
        return FileKey.lookupKey(Arns.region(keyIdOrArn), keyIdOf(keyIdOrArn));
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

    private static final String ERROR_SUFFIX = ".error";
    private static final String NO_ROTATION_RECORD = "the export has no get-key-rotation-status output for this key";

    /** The region and key id an export file is named after: {@code key-us-east-1-1234abcd-....json}. */
    private record FileKey(String region, String keyId) {

        private static final Pattern REGION_AND_ID = Pattern.compile("([a-z]{2}(?:-[a-z]+)+-\\d+)-(.+)");

        static FileKey of(String fileName, String prefix, String suffix) {
            if (!fileName.startsWith(prefix) || !fileName.endsWith(suffix)) {
                return null;
            }
            Matcher m = REGION_AND_ID.matcher(fileName.substring(prefix.length(), fileName.length() - suffix.length()));
            return m.matches() ? new FileKey(m.group(1), m.group(2)) : null;
        }

        String lookupKey() {
            return lookupKey(region, keyId);
        }

        static String lookupKey(String region, String keyId) {
            return (region == null ? "" : region) + "/" + (keyId == null ? "" : keyId.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** A failed AWS CLI call as the CLI printed it: {@code An error occurred (Code) when calling the X operation: M}. */
    private record KeyError(String region, String keyId, String code, String message, String file) {

        private static final Pattern CLI_ERROR =
                Pattern.compile("An error occurred \\(([^)]+)\\) when calling the \\w+ operation(?: \\([^)]*\\))?: ?(.*)");

        static KeyError parse(FileKey key, String text, String file) {
            String firstLine = null;
            for (String line : text.split("\\R")) {
                Matcher m = CLI_ERROR.matcher(line.trim());
                if (m.matches()) {
                    return new KeyError(key.region(), key.keyId(), m.group(1), m.group(2), file);
                }
                if (firstLine == null && !line.isBlank()) {
                    firstLine = line.trim();
                }
            }
            // Not KMS's answer (no connection, a shell error, an empty file): it proves nothing about the key.
            return new KeyError(key.region(), key.keyId(), "UnrecognisedError",
                    firstLine == null ? "the file is empty" : firstLine, file);
        }

        String text() {
            return code + (message.isEmpty() ? "" : ": " + message);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
