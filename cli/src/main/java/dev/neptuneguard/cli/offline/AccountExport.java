package dev.neptuneguard.cli.offline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.cli.InputException;
import dev.neptuneguard.events.Arns;
import dev.neptuneguard.inventory.KeyReferences;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.KeyRotation;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.SnapshotFacts;
import dev.neptuneguard.policy.Exemption;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
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
 * top-level array). Resources are grouped by the account and region in their ARNs; {@code TagList} is used when
 * present ({@code aws rds describe-db-clusters} prints it, {@code aws neptune} does not).
 *
 * <p>The reader is strict (see {@link JsonFiles}): one JSON document per file, and a known key whose value has
 * another type than the AWS CLI prints, an ARN that is not an RDS cluster (snapshot) or KMS key ARN, or an
 * identifier RDS would not accept, stops the run with the file, the JSON path and what was expected. The
 * {@code DBClusters} and {@code DBClusterSnapshots} arrays are streamed: each element is read as a small tree, turned
 * into facts and dropped, so the memory a scan needs grows with the facts kept, not with the size of the file.
 *
 * <p>A resource (same ARN) or key (same ARN) read more than once, in one file or in several, is kept once: the worse
 * record wins ({@link #worse}) and a note names the files. An input may be a folder, as {@code export-commands} writes
 * it: every {@code .json} and {@code .error} file in it is read, anything else is skipped with a note. A
 * {@code key-<region>-<key id>.error} or {@code rotation-<region>-<key id>.error} file holds the AWS CLI's error text
 * of a failed {@code describe-key} or {@code get-key-rotation-status}: KMS's own answer, so {@code NotFoundException}
 * for a well-formed key id is "deleted" and anything else "cannot verify". A key the export has no file for at all is
 * "not in the data": "cannot verify", never "deleted". A {@code get-key-rotation-status} output without {@code KeyId}
 * (older AWS CLIs, emulators) takes the key id from its file name.
 */
public final class AccountExport {

    /** Notes about records read more than once are listed up to this number, then counted. */
    public static final int MAX_DUPLICATE_NOTES = 20;

    private static final Pattern RDS_ARN = Pattern.compile(
            "arn:(aws[a-z-]*):rds:([a-z]{2}(?:-[a-z]+)+-\\d+):(\\d{12}):(cluster|cluster-snapshot):(.+)");
    private static final Pattern KMS_KEY_ARN = Pattern.compile(
            "arn:aws[a-z-]*:kms:([a-z]{2}(?:-[a-z]+)+-\\d+):(\\d{12}):key/(.+)");
    /** What RDS accepts as a cluster or snapshot identifier (the event parser's rule; {@code rds:} for automated). */
    /** A Neptune Analytics graph or graph snapshot ARN: partition, region, account, type, id. */
    private static final Pattern GRAPH_ARN = Pattern.compile(
            "arn:(aws[a-z-]*):neptune-graph:([a-z]{2}(?:-[a-z]+)+-\\d+):(\\d{12}):(graph|graph-snapshot)/"
                    + "(gs?-[a-z0-9]{1,64})");
    /** The members of a {@code get-graph} / {@code get-graph-snapshot} output that the rules use. */
    private static final Set<String> GRAPH_MEMBERS = Set.of("id", "name", "arn", "status", "statusReason",
            "kmsKeyIdentifier", "deletionProtection", "sourceGraphId", "snapshotCreateTime");
    private static final Pattern RDS_IDENTIFIER = Pattern.compile("[A-Za-z0-9:_-]{1,255}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d+");
    private static final Pattern EXPORT_FILE =
            Pattern.compile("(?:clusters|snapshots|graphs|graph-snapshots)-([a-z]{2}(?:-[a-z]+)+-\\d+)\\.json");
    private static final Set<String> INACCESSIBLE = Set.of("inaccessible-encryption-credentials",
            "inaccessible-encryption-credentials-recoverable");
    private static final String ERROR_SUFFIX = ".error";
    private static final long MAX_ERROR_FILE_BYTES = 1 << 20;
    private static final String NO_ROTATION_RECORD = "the export has no get-key-rotation-status output for this key";
    /** The field that records when an export was taken: in a bundle, or alone in export-commands' export-time.json. */
    public static final String EXPORT_TIME = "exportTime";

    private final Map<String, Sourced<ClusterFacts>> clusters = new LinkedHashMap<>();
    private final Map<String, Sourced<SnapshotFacts>> snapshots = new LinkedHashMap<>();
    private final Map<String, GraphFacts> graphs = new LinkedHashMap<>();
    private final Map<String, GraphSnapshotFacts> graphSnapshots = new LinkedHashMap<>();
    private final Map<String, List<Sourced<ClusterFacts>>> clusterDuplicates = new LinkedHashMap<>();
    private final Map<String, List<Sourced<SnapshotFacts>>> snapshotDuplicates = new LinkedHashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, Sourced<KeyRecord>> keyMetadata = new LinkedHashMap<>();
    private final Map<String, Sourced<Boolean>> rotation = new LinkedHashMap<>();
    private final Map<String, KeyError> keyErrors = new LinkedHashMap<>();
    private final Map<String, KeyError> rotationErrors = new LinkedHashMap<>();
    private final Map<String, Set<String>> aliasesByKeyId = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> skippedRotationFiles = new ArrayList<>();
    private final Set<Scope> covered = new TreeSet<>();
    private final Set<String> regionsOfEmptyOutputs = new TreeSet<>();
    private final Map<String, String> canonical = new HashMap<>();
    /** Export times recorded in a bundle, for the records of that file. */
    private final Map<String, Recorded> fileTimes = new HashMap<>();
    /** Export times recorded alone in a file (export-commands' export-time.json), for every file of its folder. */
    private final Map<String, Recorded> folderTimes = new HashMap<>();
    private final Map<Scope, StaticInventory> inventoriesByScope = new HashMap<>();
    private Set<Scope> scopes;
    private int duplicateNotes;
    private List<KeyFacts> keyFacts;
    private final String account;
    private final String region;

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
        for (Path file : export.expand(inputs)) {
            if (file.getFileName().toString().endsWith(ERROR_SUFFIX)) {
                export.addError(file);
            } else {
                if (!Files.isReadable(file)) {
                    throw new InputException(file + ": file not found or not readable");
                }
                try (JsonParser parser = JsonFiles.parser(file)) {
                    export.readDocument(parser, file.toString(), file.getFileName().toString());
                } catch (IOException e) {
                    throw JsonFiles.invalid(file.toString(), e);
                }
            }
        }
        export.finish();
        return export;
    }

    /** Reads a bundle from a stream (the embedded demo account). */
    public static AccountExport read(InputStream in, String name) {
        AccountExport export = new AccountExport(null, null);
        Reader reader = JsonFiles.open(in, name);
        try (JsonParser parser = JsonFiles.parser(reader, name)) {
            export.readDocument(parser, name, name);
        } catch (IOException e) {
            throw JsonFiles.invalid(name, e);
        }
        export.finish();
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

    /** One inventory per account and region that has clusters or snapshots in the data, by region, then account. */
    public List<StaticInventory> inventories() {
        Map<Scope, List<ClusterFacts>> clustersByScope = new TreeMap<>();
        Map<Scope, List<SnapshotFacts>> snapshotsByScope = new TreeMap<>();
        for (Sourced<ClusterFacts> c : clusters.values()) {
            clustersByScope.computeIfAbsent(new Scope(c.facts().account(), c.facts().region()), s -> new ArrayList<>())
                    .add(c.facts());
        }
        for (Sourced<SnapshotFacts> s : snapshots.values()) {
            snapshotsByScope.computeIfAbsent(new Scope(s.facts().account(), s.facts().region()),
                    x -> new ArrayList<>()).add(s.facts());
        }
        Set<Scope> scopes = new TreeSet<>(clustersByScope.keySet());
        scopes.addAll(snapshotsByScope.keySet());
        graphs.values().forEach(g -> scopes.add(new Scope(g.account(), g.region())));
        graphSnapshots.values().forEach(g -> scopes.add(new Scope(g.account(), g.region())));
        List<StaticInventory> out = new ArrayList<>();
        for (Scope scope : scopes) {
            out.add(new StaticInventory(scope.account(), scope.region(),
                    clustersByScope.getOrDefault(scope, List.of()), snapshotsByScope.getOrDefault(scope, List.of()),
                    keysOf(scope.region()), graphsIn(scope), graphSnapshotsIn(scope)));
        }
        return out;
    }

    /**
     * The state of one account and region, when the data covers it: it has resources there, a bundle says it is
     * from there, {@code --account} and {@code --region} say so, or an empty {@code clusters-R.json} /
     * {@code snapshots-R.json} of {@code export-commands} is from that region (and the data names that one account).
     * Empty when the data says nothing about that account and region: it must not be judged from another's.
     */
    public Optional<StaticInventory> inventory(String accountId, String regionName) {
        if (accountId == null || regionName == null || !scopes().contains(new Scope(accountId, regionName))) {
            return Optional.empty();
        }
        return Optional.of(inventoriesByScope.computeIfAbsent(new Scope(accountId, regionName),
                scope -> new StaticInventory(accountId, regionName,
                        clusters.values().stream().map(Sourced::facts).filter(scope::holds).toList(),
                        snapshots.values().stream().map(Sourced::facts).filter(scope::holds).toList(),
                        keysOf(regionName), graphsIn(scope), graphSnapshotsIn(scope))));
    }

    /**
     * {@link #inventory} for an input that may not name its account or its region: the one covered account and
     * region that matches what it does name; empty when none or several do.
     */
    public Optional<StaticInventory> inventoryMatching(String accountId, String regionName) {
        List<Scope> matches = scopes().stream().sorted()
                .filter(s -> (accountId == null || s.account().equals(accountId))
                        && (regionName == null || s.region().equals(regionName)))
                .toList();
        return matches.size() == 1 ? inventory(matches.get(0).account(), matches.get(0).region()) : Optional.empty();
    }

    /** The accounts and regions the data covers (see {@link #inventory}), e.g. {@code 111122223333/us-east-1}. */
    public List<String> coverage() {
        return scopes().stream().sorted().map(Scope::toString).toList();
    }

    /** Every cluster read, of any engine, once per ARN. */
    public List<ClusterFacts> clusters() {
        return clusters.values().stream().map(Sourced::facts).toList();
    }

    /** Every snapshot read, of any engine, once per ARN. */
    public List<SnapshotFacts> snapshots() {
        return snapshots.values().stream().map(Sourced::facts).toList();
    }

    /** Every Neptune Analytics graph read, once per ARN. */
    public List<GraphFacts> graphs() {
        return List.copyOf(graphs.values());
    }

    /** Every Neptune Analytics graph snapshot read, once per ARN. */
    public List<GraphSnapshotFacts> graphSnapshots() {
        return List.copyOf(graphSnapshots.values());
    }

    private List<GraphFacts> graphsIn(Scope scope) {
        return graphs.values().stream().filter(g -> scope.account().equals(g.account())
                && scope.region().equals(g.region())).toList();
    }

    private List<GraphSnapshotFacts> graphSnapshotsIn(Scope scope) {
        return graphSnapshots.values().stream().filter(g -> scope.account().equals(g.account())
                && scope.region().equals(g.region())).toList();
    }

    /** The covered accounts and regions, worked out once: the data does not change after reading. */
    private Set<Scope> scopes() {
        if (scopes == null) {
            scopes = Set.copyOf(coveredScopes());
        }
        return scopes;
    }

    private Set<Scope> coveredScopes() {
        Set<Scope> all = new TreeSet<>(covered);
        clusters.values().forEach(c -> all.add(new Scope(c.facts().account(), c.facts().region())));
        snapshots.values().forEach(s -> all.add(new Scope(s.facts().account(), s.facts().region())));
        graphs.values().forEach(g -> all.add(new Scope(g.account(), g.region())));
        graphSnapshots.values().forEach(g -> all.add(new Scope(g.account(), g.region())));
        Set<String> accounts = new TreeSet<>();
        all.forEach(s -> accounts.add(s.account()));
        if (account != null) {
            accounts.add(account);
        }
        if (accounts.size() == 1) {
            String only = accounts.iterator().next();
            regionsOfEmptyOutputs.forEach(r -> all.add(new Scope(only, r)));
        }
        return all;
    }

    private List<KeyFacts> keysOf(String regionName) {
        return keys().stream().filter(k -> k.region() == null || k.region().equals(regionName)).toList();
    }

    // ---- reading ----------------------------------------------------------------------------------------------

    private void readDocument(JsonParser p, String name, String fileName) throws IOException {
        if (p.nextToken() == null) {
            throw new InputException(name + ": empty file (expected the JSON output of an AWS CLI command, or a "
                    + "bundle of them)");
        }
        value(p, "$", new FileContext(name, fileName));
        JsonFiles.expectEnd(p, name);
    }

    /** A top-level value or an element of {@code outputs}: an object (an output or a bundle) or an array of them. */
    private void value(JsonParser p, String path, FileContext file) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            object(p, path, file);
        } else if (t == JsonToken.START_ARRAY) {
            int i = 0;
            for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                value(p, path + "[" + i++ + "]", file);
            }
            if (i == 0) {
                throw new InputException(file.name() + ": " + path + ": an empty array; expected the output of an AWS "
                        + "CLI command (an object) or a bundle");
            }
        } else {
            throw new InputException(file.name() + ": " + path + ": unknown JSON shape: expected an object printed "
                    + "by the AWS CLI, found " + JsonFiles.describe(p));
        }
    }

    private void object(JsonParser p, String path, FileContext file) throws IOException {
        int firstPending = pending.size();
        boolean recognised = false;
        boolean bundle = false;
        int resourceOutputs = 0;
        int resources = 0;
        String bundleAccount = null;
        String bundleRegion = null;
        Boolean rotationEnabled = null;
        String rotationKeyId = null;
        Instant exportTime = null;
        List<String> keys = new ArrayList<>();
        ObjectNode single = JsonFiles.MAPPER.createObjectNode();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            keys.add(field);
            p.nextToken();
            String at = path + "." + field;
            switch (field) {
                case "DBClusters" -> {
                    resources += elements(p, at, file, "an array of clusters", "a cluster (an object)",
                            c -> addCluster(c, file));
                    resourceOutputs++;
                    recognised = true;
                }
                case "DBClusterSnapshots" -> {
                    resources += elements(p, at, file, "an array of cluster snapshots",
                            "a cluster snapshot (an object)", s -> addSnapshot(s, file));
                    resourceOutputs++;
                    recognised = true;
                }
                case "graphs" -> {
                    resources += elements(p, at, file, "an array of Neptune Analytics graphs",
                            "a graph (an object)", this::addGraph);
                    resourceOutputs++;
                    recognised = true;
                }
                case "graphSnapshots" -> {
                    resources += elements(p, at, file, "an array of Neptune Analytics graph snapshots",
                            "a graph snapshot (an object)", this::addGraphSnapshot);
                    resourceOutputs++;
                    recognised = true;
                }
                case "outputs" -> {
                    expect(p, JsonToken.START_ARRAY, at, file, "an array of AWS CLI outputs");
                    int i = 0;
                    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                        value(p, at + "[" + i++ + "]", file);
                    }
                    bundle = true;
                    recognised = true;
                }
                case "KeyMetadata" -> {
                    expect(p, JsonToken.START_OBJECT, at, file, "the key's metadata (an object)");
                    addKey(new StrictNode(JsonFiles.MAPPER.readTree(p), file.name(), at), file);
                    recognised = true;
                }
                case "KeyRotationEnabled" -> {
                    if (!p.currentToken().isBoolean()) {
                        throw wrong(p, at, file, "true or false");
                    }
                    rotationEnabled = p.getBooleanValue();
                    recognised = true;
                }
                case "Aliases" -> {
                    elements(p, at, file, "an array of aliases", "an alias (an object)", this::addAlias);
                    recognised = true;
                }
                case "KeyId" -> rotationKeyId = optionalString(p, at, file);
                case EXPORT_TIME -> {
                    exportTime = exportTime(p, at, file);
                    recognised = true;
                }
                case "account" -> bundleAccount = optionalString(p, at, file);
                case "region" -> bundleRegion = optionalString(p, at, file);
                default -> {
                    if (GRAPH_MEMBERS.contains(field)) {
                        single.set(field, JsonFiles.MAPPER.readTree(p));
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
        if (single.has("arn") && !recognised) {
            // get-graph / get-graph-snapshot print the resource itself, without a wrapper key
            StrictNode resource = new StrictNode(single, file.name(), path);
            String arn = resource.string("arn");
            if (arn != null && arn.contains(":graph-snapshot/")) {
                addGraphSnapshot(resource);
            } else {
                addGraph(resource);
            }
            recognised = true;
        }
        if (rotationEnabled != null) {
            addRotation(rotationEnabled, rotationKeyId, file);
        }
        if (exportTime != null) {
            addExportTime(exportTime, keys.size() == 1, file);
        }
        if (bundle) {
            if (bundleAccount != null && !ACCOUNT_ID.matcher(bundleAccount).matches()) {
                throw new InputException(file.name() + ": " + path + ".account: expected a 12-digit account id, found "
                        + JsonFiles.quote(bundleAccount));
            }
            if (bundleRegion != null && !REGION.matcher(bundleRegion).matches()) {
                throw new InputException(file.name() + ": " + path + ".region: expected a region name such as "
                        + "us-east-1, found " + JsonFiles.quote(bundleRegion));
            }
            for (Pending r : pending.subList(firstPending, pending.size())) {
                r.fillIn(bundleAccount, bundleRegion);
            }
            if (bundleAccount != null && bundleRegion != null) {
                covered.add(new Scope(bundleAccount, bundleRegion));
            }
        } else if (resourceOutputs > 0 && resources == 0) {
            // An empty describe output of export-commands: the region is covered, it just has nothing.
            Matcher m = EXPORT_FILE.matcher(file.fileName());
            if (m.matches()) {
                regionsOfEmptyOutputs.add(m.group(1));
            }
        }
        if (!recognised) {
            throw new InputException(file.name() + ": " + (path.equals("$") ? "" : path + ": ")
                    + "unknown JSON shape with top-level keys " + keys + "; expected the output of "
                    + "describe-db-clusters, describe-db-cluster-snapshots, describe-key, get-key-rotation-status, "
                    + "list-aliases, neptune-graph list-graphs, get-graph or list-graph-snapshots, export-commands' "
                    + "export-time.json, or a bundle with an 'outputs' array");
        }
    }

    /** Streams an array of objects, one small tree at a time; returns how many there were. */
    private int elements(JsonParser p, String at, FileContext file, String expected, String expectedElement,
                         Consumer<StrictNode> each) throws IOException {
        expect(p, JsonToken.START_ARRAY, at, file, expected);
        int i = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
            String path = at + "[" + i + "]";
            if (t != JsonToken.START_OBJECT) {
                throw wrong(p, path, file, expectedElement);
            }
            each.accept(new StrictNode(JsonFiles.MAPPER.readTree(p), file.name(), path));
        }
        return i;
    }

    private static void expect(JsonParser p, JsonToken token, String at, FileContext file, String expected)
            throws IOException {
        if (p.currentToken() != token) {
            throw wrong(p, at, file, expected);
        }
    }

    private static String optionalString(JsonParser p, String at, FileContext file) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw wrong(p, at, file, "a string");
        }
        String s = p.getText();
        return s.isBlank() ? null : s;
    }

    private static InputException wrong(JsonParser p, String at, FileContext file, String expected)
            throws IOException {
        return new InputException(file.name() + ": " + at + ": expected " + expected + ", found "
                + JsonFiles.describe(p));
    }

    private void addCluster(StrictNode c, FileContext file) {
        String id = c.string("DBClusterIdentifier");
        String arn = c.string("DBClusterArn");
        Matcher m = arn == null ? null : rdsArn(c, "DBClusterArn", arn, "cluster");
        if (arn == null && id == null) {
            throw c.invalid("a cluster needs DBClusterIdentifier or DBClusterArn");
        }
        id = identifier(c, "DBClusterIdentifier", id, m, arn);
        Map<String, String> tags = tags(c);
        ClusterFacts facts = new ClusterFacts(arn, id, c.string("DbClusterResourceId"),
                m == null ? null : canon(m.group(3)), m == null ? null : canon(m.group(2)), canon(c.string("Engine")),
                canon(c.string("Status")), c.bool("StorageEncrypted"), canon(c.string("KmsKeyId")),
                Boolean.TRUE.equals(c.bool("DeletionProtection")), tags, tags != null, FactSource.OFFLINE);
        if (arn == null) {
            pending.add(new Pending(facts, null, file.name()));
        } else {
            putCluster(facts, file.name());
        }
    }

    private void addSnapshot(StrictNode s, FileContext file) {
        String id = s.string("DBClusterSnapshotIdentifier");
        String arn = s.string("DBClusterSnapshotArn");
        Matcher m = arn == null ? null : rdsArn(s, "DBClusterSnapshotArn", arn, "cluster-snapshot");
        if (arn == null && id == null) {
            throw s.invalid("a cluster snapshot needs DBClusterSnapshotIdentifier or DBClusterSnapshotArn");
        }
        id = identifier(s, "DBClusterSnapshotIdentifier", id, m, arn);
        String clusterId = s.string("DBClusterIdentifier");
        if (clusterId != null && !RDS_IDENTIFIER.matcher(clusterId).matches()) {
            throw s.wrong("DBClusterIdentifier", "an RDS identifier (letters, digits, hyphens; at most 255)",
                    Json.field(s.node(), "DBClusterIdentifier"));
        }
        Map<String, String> tags = tags(s);
        SnapshotFacts facts = new SnapshotFacts(arn, id, clusterId,
                m == null ? null : canon(m.group(3)), m == null ? null : canon(m.group(2)), canon(s.string("Engine")),
                canon(s.string("Status")), canon(s.string("SnapshotType")), s.bool("StorageEncrypted"),
                canon(s.string("KmsKeyId")), s.instant("SnapshotCreateTime"), tags, tags != null, FactSource.OFFLINE);
        if (arn == null) {
            pending.add(new Pending(null, facts, file.name()));
        } else {
            putSnapshot(facts, file.name());
        }
    }

    /**
     * A {@code list-graphs} element or a {@code get-graph} output. The graph's account and region come from its ARN,
     * which the API always returns; a record without one, or with an ARN that is not a graph's, stops the run. Read
     * twice (list-graphs and get-graph), the records are merged: a field one of them lacks is taken from the other.
     */
    private void addGraph(StrictNode g) {
        Matcher m = graphArn(g, "graph");
        String id = g.string("id");
        if (id != null && !id.equals(m.group(5))) {
            throw g.wrong("id", "the id its ARN names (" + m.group(5) + ")", Json.field(g.node(), "id"));
        }
        GraphFacts read = new GraphFacts(m.group(0), m.group(5), g.string("name"), canon(m.group(3)),
                canon(m.group(2)), g.string("status"), g.string("statusReason"), canon(g.string("kmsKeyIdentifier")),
                Boolean.TRUE.equals(g.bool("deletionProtection")), Map.of(), false, FactSource.OFFLINE);
        graphs.merge(read.arn(), read, (a, b) -> new GraphFacts(a.arn(), a.id(), first(b.name(), a.name()),
                a.account(), a.region(), first(b.status(), a.status()), first(b.statusReason(), a.statusReason()),
                first(b.kmsKeyIdentifier(), a.kmsKeyIdentifier()), a.deletionProtection() || b.deletionProtection(),
                Map.of(), false, FactSource.OFFLINE));
    }

    /** A {@code list-graph-snapshots} element or a {@code get-graph-snapshot} output. */
    private void addGraphSnapshot(StrictNode s) {
        Matcher m = graphArn(s, "graph-snapshot");
        GraphSnapshotFacts read = new GraphSnapshotFacts(m.group(0), m.group(5), s.string("name"),
                s.string("sourceGraphId"), canon(m.group(3)), canon(m.group(2)), s.string("status"),
                canon(s.string("kmsKeyIdentifier")), s.instant("snapshotCreateTime"), Map.of(), false,
                FactSource.OFFLINE);
        graphSnapshots.merge(read.arn(), read, (a, b) -> new GraphSnapshotFacts(a.arn(), a.id(),
                first(b.name(), a.name()), first(b.sourceGraphId(), a.sourceGraphId()), a.account(), a.region(),
                first(b.status(), a.status()), first(b.kmsKeyIdentifier(), a.kmsKeyIdentifier()),
                b.createTime() != null ? b.createTime() : a.createTime(), Map.of(), false, FactSource.OFFLINE));
    }

    private static Matcher graphArn(StrictNode node, String type) {
        String arn = node.string("arn");
        if (arn == null) {
            throw node.invalid("a Neptune Analytics " + type.replace('-', ' ') + " needs its arn");
        }
        Matcher m = GRAPH_ARN.matcher(arn);
        if (!m.matches() || !m.group(4).equals(type)) {
            throw node.wrong("arn", "a Neptune Analytics " + type.replace('-', ' ') + " ARN (arn:aws:neptune-graph:"
                    + "REGION:ACCOUNT:" + type + "/ID)", Json.field(node.node(), "arn"));
        }
        return m;
    }

    private static String first(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }

    /** The ARN, matched; an ARN of another service or resource type, or no ARN at all, stops the run. */
    private static Matcher rdsArn(StrictNode node, String key, String arn, String type) {
        Matcher m = RDS_ARN.matcher(arn);
        if (!m.matches() || !m.group(4).equals(type) || !RDS_IDENTIFIER.matcher(m.group(5)).matches()) {
            throw new InputException(node.file() + ": " + node.path() + "." + key + ": expected an RDS " + type
                    + " ARN (arn:aws:rds:REGION:ACCOUNT:" + type + ":NAME), found " + JsonFiles.quote(arn)
                    + "; fix or remove the record");
        }
        return m;
    }

    /** The identifier, checked against RDS's rule and against the ARN's name when both are given. */
    private static String identifier(StrictNode node, String key, String id, Matcher arn, String arnText) {
        if (id == null) {
            return arn.group(5);
        }
        if (arn != null && !id.equalsIgnoreCase(arn.group(5)) && !id.equals(arnText)) {
            throw node.invalid(key + " " + JsonFiles.quote(id) + " is not the resource its ARN names ("
                    + JsonFiles.quote(arn.group(5)) + "); fix or remove the record");
        }
        if (!id.equals(arnText) && !RDS_IDENTIFIER.matcher(id).matches()) {
            throw node.wrong(key, "an RDS identifier (letters, digits, hyphens; at most 255)",
                    Json.field(node.node(), key));
        }
        return id;
    }

    /** Tags from {@code TagList}; {@code null} when the export has none (then tags are unknown). */
    private Map<String, String> tags(StrictNode resource) {
        List<StrictNode> list = resource.objects("TagList", "tag");
        if (list == null) {
            return null;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (StrictNode t : list) {
            String k = t.string("Key");
            if (k == null) {
                throw t.invalid("a tag needs a Key");
            }
            String v = t.string("Value");
            tags.put(canon(k), v == null ? "" : canon(v));
        }
        return tags;
    }

    private void addKey(StrictNode m, FileContext file) {
        String id = m.string("KeyId");
        if (id == null) {
            throw m.invalid("KeyMetadata has no KeyId");
        }
        String arn = m.string("Arn");
        String keyRegion = null;
        if (arn != null) {
            Matcher k = KMS_KEY_ARN.matcher(arn);
            if (!k.matches() || !k.group(3).equalsIgnoreCase(id)) {
                throw m.wrong("Arn", "the ARN of key " + JsonFiles.quote(id) + " (arn:aws:kms:REGION:ACCOUNT:key/"
                        + "KEY_ID)", Json.field(m.node(), "Arn"));
            }
            keyRegion = k.group(1);
        }
        KeyRecord key = new KeyRecord(id, arn, keyRegion, m.string("AWSAccountId"), m.string("KeyManager"),
                m.string("KeyState"), m.string("Origin"), m.string("CustomKeyStoreId"),
                Boolean.TRUE.equals(m.bool("MultiRegion")), m.instant("DeletionDate"),
                m.integer("PendingDeletionWindowInDays"), m.string("Description"));
        // A multi-Region key has the same KeyId in every region: the ARN tells the replicas apart.
        String lookup = arn != null ? arn : id;
        Sourced<KeyRecord> before = keyMetadata.get(lookup);
        Sourced<KeyRecord> now = new Sourced<>(key, file.name());
        if (before == null) {
            keyMetadata.put(lookup, now);
        } else {
            Sourced<KeyRecord> kept = keyRank(key) > keyRank(before.facts()) ? now : before;
            keyMetadata.put(lookup, kept);
            duplicate(lookup, before.file(), file.name(), before.facts().equals(key),
                    "KeyState " + kept.facts().keyState());
        }
    }

    private void addAlias(StrictNode a) {
        String target = a.string("TargetKeyId");
        String alias = a.string("AliasName");
        if (target != null && alias != null) {
            aliasesByKeyId.computeIfAbsent(target, k -> new TreeSet<>()).add(alias);
        }
    }

    private static Instant exportTime(JsonParser p, String at, FileContext file) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw wrong(p, at, file, "the time the export was taken, e.g. \"2026-11-23T17:10:30Z\"");
        }
        String text = p.getText();
        try {
            return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InputException(file.name() + ": " + at + ": expected the time the export was taken as ISO-8601 "
                    + "with a zone, e.g. \"2026-11-23T17:10:30Z\" (date -u +%Y-%m-%dT%H:%M:%SZ), found "
                    + JsonFiles.quote(text));
        }
    }

    /**
     * A recorded export time: alone in its file (export-commands' {@code export-time.json}) it dates every file of
     * that folder; beside outputs (a bundle) it dates that file's records. Two different times for the same files
     * keep the later one, with a note.
     */
    private void addExportTime(Instant time, boolean alone, FileContext file) {
        String folder = alone ? folderOf(file.name()) : null;
        Map<String, Recorded> times = alone ? folderTimes : fileTimes;
        String key = alone ? folder : file.name();
        if (key == null) {
            return;
        }
        Recorded now = new Recorded(time, alone ? "by export-commands in " + file.name() : "in " + file.name());
        Recorded before = times.get(key);
        if (before == null || now.time().isAfter(before.time())) {
            times.put(key, now);
        }
        if (before != null && !before.time().equals(time)) {
            notes.add(file.name() + ": records the export time " + time + ", and " + before.where() + " records "
                    + before.time() + ": dates are judged as of the later one");
        }
    }

    /** The folder a file is in, as a lookup key; null for a name that is no path. */
    private static String folderOf(String fileName) {
        try {
            Path parent = Path.of(fileName).toAbsolutePath().normalize().getParent();
            return parent == null ? null : parent.toString();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * The time the export of this account and region was taken, when the data recorded it: the time recorded with the
     * files its clusters and snapshots came from (the latest, if they differ); for an account and region without
     * resources, the one time the whole data records, if it records exactly one. Empty when the data records none:
     * then only the run's clock is left, and the report must say so. File modification times are not export times
     * (a copy, an unzip or a checkout changes them).
     */
    Optional<Recorded> recordedTime(String accountId, String regionName) {
        TreeMap<Instant, Recorded> found = new TreeMap<>();
        Scope scope = accountId == null || regionName == null ? null : new Scope(accountId, regionName);
        Stream.concat(clusters.values().stream().filter(c -> scope != null && scope.holds(c.facts()))
                                .map(Sourced::file),
                        snapshots.values().stream().filter(s -> scope != null && scope.holds(s.facts()))
                                .map(Sourced::file))
                .distinct().map(this::timeOf).filter(r -> r != null).forEach(r -> found.putIfAbsent(r.time(), r));
        if (found.size() == 1) {
            return Optional.of(found.firstEntry().getValue());
        }
        if (!found.isEmpty()) {
            Recorded latest = found.lastEntry().getValue();
            return Optional.of(new Recorded(latest.time(), latest.where() + ", the latest of " + found.size()
                    + " export times recorded for this account and region's files (" + String.join(", ",
                    found.keySet().stream().map(Instant::toString).toList()) + ")"));
        }
        TreeMap<Instant, Recorded> all = new TreeMap<>();
        Stream.concat(fileTimes.values().stream(), folderTimes.values().stream()).forEach(r -> all.putIfAbsent(r.time(),
                r));
        return all.size() == 1 ? Optional.of(all.firstEntry().getValue()) : Optional.empty();
    }

    private Recorded timeOf(String file) {
        Recorded own = fileTimes.get(file);
        if (own != null) {
            return own;
        }
        String folder = folderOf(file);
        return folder == null ? null : folderTimes.get(folder);
    }

    private void addRotation(boolean enabled, String keyId, FileContext file) {
        FileKey fromName = FileKey.of(file.fileName(), "rotation-", ".json");
        String lookup;
        if (keyId == null && fromName != null) {
            // Older AWS CLIs (and AWS before 2024) print no KeyId: export-commands names the file after the key.
            lookup = fromName.lookupKey();
        } else if (keyId == null) {
            notes.add(file.name() + ": skipped, a get-key-rotation-status output without KeyId whose file name does "
                    + "not say the key (expected rotation-<region>-<key id>.json, as export-commands writes it)");
            skippedRotationFiles.add(file.name());
            return;
        } else {
            lookup = rotationKey(keyId);
        }
        Sourced<Boolean> before = rotation.get(lookup);
        if (before == null) {
            rotation.put(lookup, new Sourced<>(enabled, file.name()));
            return;
        }
        // Rotation off is the worse record.
        Sourced<Boolean> kept = before.facts() && !enabled ? new Sourced<>(false, file.name()) : before;
        rotation.put(lookup, kept);
        duplicate("the rotation status of key " + lookup.substring(lookup.indexOf('/') + 1), before.file(),
                file.name(), before.facts() == enabled, "rotation " + (kept.facts() ? "enabled" : "disabled"));
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
        // Decoded like the JSON files: UTF-8, or UTF-16 with a byte order mark.
        String text = JsonFiles.readText(file, MAX_ERROR_FILE_BYTES, "an .error file holds the AWS CLI's error message "
                + "for one key");
        FileKey which = key != null ? key : rotationKey;
        KeyError failed = KeyError.parse(which, text, file.toString());
        Map<String, KeyError> errors = key != null ? keyErrors : rotationErrors;
        KeyError before = errors.get(which.lookupKey());
        if (before == null || failed.notFound() && !before.notFound()) {
            errors.put(which.lookupKey(), failed);
        }
        if (before != null) {
            duplicate("the " + (key != null ? "describe-key" : "get-key-rotation-status") + " error of key "
                    + which.keyId(), before.file(), failed.file(), before.text().equals(failed.text()),
                    errors.get(which.lookupKey()).code());
        }
    }

    private static String rotationKey(String keyIdOrArn) {
        return FileKey.lookupKey(Arns.region(keyIdOrArn), keyIdOf(keyIdOrArn));
    }

    /** The same instance for equal low-variety strings (account, region, engine, status, key, tags). */
    private String canon(String s) {
        if (s == null) {
            return null;
        }
        String known = canonical.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    // ---- after reading ----------------------------------------------------------------------------------------

    /** Gives ARN-less records their ARN, builds the keys, then keeps the worse of any resource read twice. */
    private void finish() {
        for (Pending r : pending) {
            String regionName = region != null ? region : r.bundleRegion;
            if (regionName == null) {
                throw new InputException(r.file + ": the data does not say which region it is from (a record has no "
                        + "ARN): pass --region");
            }
            String accountId = account != null ? account : r.bundleAccount != null ? r.bundleAccount
                    : dataAccount(r.file);
            if (r.cluster != null) {
                ClusterFacts c = r.cluster;
                putCluster(new ClusterFacts(Arns.rds(regionName, accountId, "cluster", c.identifier()), c.identifier(),
                        c.resourceId(), canon(accountId), canon(regionName), c.engine(), c.status(),
                        c.storageEncrypted(), c.kmsKeyId(), c.deletionProtection(), c.tags(), c.tagsKnown(),
                        c.source()), r.file);
            } else {
                SnapshotFacts s = r.snapshot;
                putSnapshot(new SnapshotFacts(Arns.rds(regionName, accountId, "cluster-snapshot", s.identifier()),
                        s.identifier(), s.clusterIdentifier(), canon(accountId), canon(regionName), s.engine(),
                        s.status(), s.snapshotType(), s.storageEncrypted(), s.kmsKeyId(), s.createTime(), s.tags(),
                        s.tagsKnown(), s.source()), r.file);
            }
        }
        pending.clear();
        if (account != null && region != null) {
            covered.add(new Scope(account, region));
        }
        keys();
        resolveDuplicates();
        if (duplicateNotes > MAX_DUPLICATE_NOTES) {
            notes.add("… and " + (duplicateNotes - MAX_DUPLICATE_NOTES) + " more records read more than once");
        }
    }

    /** The one account the resources with ARNs name; otherwise the user must say. */
    private String dataAccount(String file) {
        Set<String> accounts = new TreeSet<>();
        clusters.values().forEach(c -> accounts.add(c.facts().account()));
        snapshots.values().forEach(s -> accounts.add(s.facts().account()));
        if (accounts.isEmpty()) {
            keyMetadata.values().stream().map(k -> k.facts().account()).filter(a -> a != null).forEach(accounts::add);
        }
        if (accounts.size() == 1) {
            return accounts.iterator().next();
        }
        throw new InputException(file + ": the data does not say which account it is from (a record has no ARN"
                + (accounts.isEmpty() ? "" : ", and the data names " + accounts.size() + " accounts") + "): pass "
                + "--account");
    }

    private void putCluster(ClusterFacts facts, String file) {
        Sourced<ClusterFacts> now = new Sourced<>(facts, file);
        Sourced<ClusterFacts> before = clusters.putIfAbsent(facts.arn(), now);
        if (before != null) {
            clusterDuplicates.computeIfAbsent(facts.arn(), a -> new ArrayList<>()).add(now);
        }
    }

    private void putSnapshot(SnapshotFacts facts, String file) {
        Sourced<SnapshotFacts> now = new Sourced<>(facts, file);
        Sourced<SnapshotFacts> before = snapshots.putIfAbsent(facts.arn(), now);
        if (before != null) {
            snapshotDuplicates.computeIfAbsent(facts.arn(), a -> new ArrayList<>()).add(now);
        }
    }

    private void resolveDuplicates() {
        for (Map.Entry<String, List<Sourced<ClusterFacts>>> e : clusterDuplicates.entrySet()) {
            Sourced<ClusterFacts> kept = clusters.get(e.getKey());
            for (Sourced<ClusterFacts> other : e.getValue()) {
                Sourced<ClusterFacts> first = kept;
                kept = worse(other.facts(), kept.facts()) ? other : kept;
                duplicate(e.getKey(), first.file(), other.file(), sameFacts(first.facts(), other.facts()),
                        describe(kept.facts().encrypted(), kept.facts().kmsKeyId(), kept.facts().status()));
            }
            clusters.put(e.getKey(), kept);
        }
        for (Map.Entry<String, List<Sourced<SnapshotFacts>>> e : snapshotDuplicates.entrySet()) {
            Sourced<SnapshotFacts> kept = snapshots.get(e.getKey());
            for (Sourced<SnapshotFacts> other : e.getValue()) {
                Sourced<SnapshotFacts> first = kept;
                kept = worse(other.facts(), kept.facts()) ? other : kept;
                duplicate(e.getKey(), first.file(), other.file(), sameFacts(first.facts(), other.facts()),
                        describe(kept.facts().encrypted(), kept.facts().kmsKeyId(), null));
            }
            snapshots.put(e.getKey(), kept);
        }
        clusterDuplicates.clear();
        snapshotDuplicates.clear();
    }

    /**
     * Whether cluster record {@code a} is worse than {@code b}, by the first rule that tells them apart: not encrypted
     * (StorageEncrypted false or missing) before encrypted; then by its key: deleted, then unusable, then cannot be
     * verified, then AWS managed, before a usable customer managed key; then an inaccessible-encryption-credentials
     * status before any other; then no {@code neptune-guard:exempt} tag before an exemption. Otherwise the first read
     * stays.
     */
    boolean worse(ClusterFacts a, ClusterFacts b) {
        Comparator<ClusterFacts> order = Comparator.<ClusterFacts, Boolean>comparing(c -> !c.encrypted())
                .thenComparing(c -> keyRisk(c.encrypted(), c.kmsKeyId(), c.region()))
                .thenComparing(c -> c.status() != null && INACCESSIBLE.contains(c.status()))
                .thenComparing(c -> !c.tags().containsKey(Exemption.TAG));
        return order.compare(a, b) > 0;
    }

    /** As for clusters, without the status: not encrypted, then the key, then no exemption. */
    boolean worse(SnapshotFacts a, SnapshotFacts b) {
        Comparator<SnapshotFacts> order = Comparator.<SnapshotFacts, Boolean>comparing(s -> !s.encrypted())
                .thenComparing(s -> keyRisk(s.encrypted(), s.kmsKeyId(), s.region()))
                .thenComparing(s -> !s.tags().containsKey(Exemption.TAG));
        return order.compare(a, b) > 0;
    }

    /** 4 deleted, 3 unusable, 2 cannot be verified, 1 AWS managed, 0 a usable customer managed key (or none). */
    private int keyRisk(boolean encrypted, String kmsKeyId, String regionName) {
        if (!encrypted || kmsKeyId == null) {
            return encrypted ? 2 : 0;
        }
        KeyFacts key = keysOf(regionName).stream().filter(k -> KeyReferences.refersTo(kmsKeyId, k)).findFirst()
                .orElse(null);
        if (key == null || key.unverified()) {
            return 2;
        }
        if (key.deleted()) {
            return 4;
        }
        if (!key.usable()) {
            return 3;
        }
        return key.awsManaged() ? 1 : 0;
    }

    /**
     * Key records of one key: the worse state wins. KMS's NotFound (deleted) is handled with the error files; among
     * descriptions PendingDeletion, PendingReplicaDeletion, Disabled, Unavailable, PendingImport, then any other state
     * but Enabled, then Enabled; a description without KeyState proves nothing and loses to any state.
     */
    static int keyRank(KeyRecord k) {
        if (k.keyState() == null) {
            return 0;
        }
        return switch (k.keyState()) {
            case "PendingDeletion" -> 7;
            case "PendingReplicaDeletion" -> 6;
            case "Disabled" -> 5;
            case "Unavailable" -> 4;
            case "PendingImport" -> 3;
            case "Enabled" -> 1;
            default -> 2;
        };
    }

    private static boolean sameFacts(ClusterFacts a, ClusterFacts b) {
        return a.equals(b);
    }

    private static boolean sameFacts(SnapshotFacts a, SnapshotFacts b) {
        return a.equals(b);
    }

    private static String describe(boolean encrypted, String kmsKeyId, String status) {
        String what = encrypted ? "encrypted with " + kmsKeyId : "not encrypted";
        return status == null ? what : what + ", status " + status;
    }

    /** A note about a record read more than once; the first {@link #MAX_DUPLICATE_NOTES} are listed. */
    private void duplicate(String what, String firstFile, String secondFile, boolean same, String kept) {
        if (++duplicateNotes > MAX_DUPLICATE_NOTES) {
            return;
        }
        String where = firstFile.equals(secondFile) ? "twice in " + firstFile : "in both " + firstFile + " and "
                + secondFile;
        notes.add(what + " is " + where + (same ? " with the same facts: read once"
                : " with different facts: kept the worse record (" + kept + "); export each resource once"));
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
        // Error files are named after region and key id; a description is found for them the same way.
        Map<String, Sourced<KeyRecord>> described = new HashMap<>();
        for (Sourced<KeyRecord> s : keyMetadata.values()) {
            described.putIfAbsent(FileKey.lookupKey(s.facts().region(), s.facts().keyId()), s);
        }
        Set<Sourced<KeyRecord>> deleted = new HashSet<>();
        for (Map.Entry<String, KeyError> e : keyErrors.entrySet()) {
            KeyError failed = e.getValue();
            Sourced<KeyRecord> description = described.get(e.getKey());
            if (description != null && !(failed.notFound() && KeyFacts.wellFormedKey(failed.keyId()))) {
                notes.add(failed.file() + ": ignored, the same export also describes key " + failed.keyId() + " ("
                        + description.file() + ")");
                continue;
            }
            if (description != null) {
                // KMS's NotFound for a well-formed key id is final: a deleted key never comes back.
                notes.add("key " + failed.keyId() + " is described in " + description.file() + " (KeyState "
                        + description.facts().keyState() + ") and not found in " + failed.file() + ": kept "
                        + "\"deleted\", the worse record; export each key once");
                deleted.add(description);
            }
            for (String reference : references(failed)) {
                keys.add(KeyFacts.refused(reference, failed.code(), failed.message()));
            }
        }
        for (Sourced<KeyRecord> s : keyMetadata.values()) {
            if (!deleted.contains(s)) {
                keys.add(keyFacts(s.facts()));
            }
        }
        return keys;
    }

    private KeyFacts keyFacts(KeyRecord m) {
        String lookup = FileKey.lookupKey(m.region(), m.keyId());
        Sourced<Boolean> rotates = rotation.containsKey(lookup) ? rotation.get(lookup)
                : rotation.get(FileKey.lookupKey(null, m.keyId()));
        KeyRotation r;
        String rotationError = null;
        if ("AWS".equals(m.keyManager())) {
            r = KeyRotation.ENABLED;
        } else if (!"AWS_KMS".equals(m.origin()) || m.customKeyStoreId() != null) {
            r = KeyRotation.NOT_SUPPORTED;
        } else if (rotates != null) {
            r = rotates.facts() ? KeyRotation.ENABLED : KeyRotation.DISABLED;
        } else {
            r = KeyRotation.UNREADABLE;
            KeyError failed = rotationErrors.get(lookup);
            rotationError = failed != null ? failed.text() + " (" + failed.file() + ")" : NO_ROTATION_RECORD;
        }
        List<String> aliases = new ArrayList<>(aliasesByKeyId.getOrDefault(m.keyId(), Set.of()));
        return new KeyFacts(m.arn(), m.arn(), m.keyId(), m.account(), m.region(), m.keyManager(), m.keyState(),
                m.origin(), m.customKeyStoreId(), m.multiRegion(), m.deletionDate(), m.pendingDeletionWindowInDays(), r,
                aliases, m.description(), null, null, rotationError);
    }

    /** The KmsKeyId values of the region's resources that name the failed key (export-commands' file names). */
    private Set<String> references(KeyError failed) {
        Set<String> out = new TreeSet<>();
        Stream.of(allClusterRecords().map(c -> new String[] {c.region(), c.kmsKeyId()}),
                        allSnapshotRecords().map(s -> new String[] {s.region(), s.kmsKeyId()}),
                        graphs.values().stream().map(g -> new String[] {g.region(), g.customerKey()}),
                        graphSnapshots.values().stream().map(g -> new String[] {g.region(), g.customerKey()}))
                .flatMap(x -> x)
                .filter(p -> p[1] != null && failed.keyId().equalsIgnoreCase(keyIdOf(p[1]))
                        && (failed.region() == null || failed.region().equals(p[0])))
                .forEach(p -> out.add(p[1]));
        if (out.isEmpty()) {
            out.add(failed.keyId());
        }
        return out;
    }

    private Stream<ClusterFacts> allClusterRecords() {
        return Stream.concat(clusters.values().stream(), clusterDuplicates.values().stream().flatMap(List::stream))
                .map(Sourced::facts);
    }

    private Stream<SnapshotFacts> allSnapshotRecords() {
        return Stream.concat(snapshots.values().stream(), snapshotDuplicates.values().stream().flatMap(List::stream))
                .map(Sourced::facts);
    }

    private static String keyIdOf(String keyIdOrArn) {
        int i = keyIdOrArn.indexOf(":key/");
        return i >= 0 ? keyIdOrArn.substring(i + 5) : keyIdOrArn;
    }

    // ---- small types ------------------------------------------------------------------------------------------

    /** A record and the file it came from (the same String instance for every record of a file). */
    private record Sourced<T>(T facts, String file) {
    }

    /** The file being read: its name as given (for messages) and its file name (key files are named after keys). */
    private record FileContext(String name, String fileName) {
    }

    /** An account and region: one inventory. */
    private record Scope(String account, String region) implements Comparable<Scope> {

        boolean holds(ClusterFacts c) {
            return account.equals(c.account()) && region.equals(c.region());
        }

        boolean holds(SnapshotFacts s) {
            return account.equals(s.account()) && region.equals(s.region());
        }

        /** By region, then account: a single account's report keeps its region order. */
        @Override
        public int compareTo(Scope o) {
            int r = region.compareTo(o.region);
            return r != 0 ? r : account.compareTo(o.account);
        }

        @Override
        public String toString() {
            return account + "/" + region;
        }
    }

    /** A record without an ARN: its account and region come from its bundle, the options or the rest of the data. */
    private static final class Pending {
        private final ClusterFacts cluster;
        private final SnapshotFacts snapshot;
        private final String file;
        private String bundleAccount;
        private String bundleRegion;

        Pending(ClusterFacts cluster, SnapshotFacts snapshot, String file) {
            this.cluster = cluster;
            this.snapshot = snapshot;
            this.file = file;
        }

        /** The innermost bundle that says it wins. */
        void fillIn(String accountId, String regionName) {
            if (bundleAccount == null) {
                bundleAccount = accountId;
            }
            if (bundleRegion == null) {
                bundleRegion = regionName;
            }
        }
    }

    /** A time the data recorded for when the export was taken, and where it was read ("in bundle.json"). */
    record Recorded(Instant time, String where) {
    }

    /** A {@code describe-key} answer, read and type-checked. */
    record KeyRecord(String keyId, String arn, String region, String account, String keyManager, String keyState,
                     String origin, String customKeyStoreId, boolean multiRegion, Instant deletionDate,
                     Integer pendingDeletionWindowInDays, String description) {
    }

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
            return (region == null ? "" : region) + "/" + (keyId == null ? "" : keyId.toLowerCase(Locale.ROOT));
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

        boolean notFound() {
            return "NotFoundException".equals(code);
        }

        String text() {
            return code + (message.isEmpty() ? "" : ": " + message);
        }
    }
}
