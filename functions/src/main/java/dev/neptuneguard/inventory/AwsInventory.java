package dev.neptuneguard.inventory;

import dev.neptuneguard.events.Arns;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.KeyRotation;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.SnapshotFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.neptune.NeptuneClient;
import software.amazon.awssdk.services.neptune.model.DBCluster;
import software.amazon.awssdk.services.neptune.model.DBClusterSnapshot;
import software.amazon.awssdk.services.neptune.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.neptune.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.neptune.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.neptune.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.neptune.model.Filter;
import software.amazon.awssdk.services.neptune.model.NeptuneException;

/**
 * The {@link Inventory} over the live AWS API: Neptune {@code DescribeDBClusters},
 * {@code DescribeDBClusterSnapshots} and {@code ListTagsForResource}; KMS {@code DescribeKey},
 * {@code GetKeyRotationStatus} and {@code ListAliases}. Use one instance per invocation or run: it remembers
 * every key it described (by the reference asked for and by the key ARN) and the account's aliases, so that
 * an event costs one {@code DescribeKey} per distinct key. A key KMS refuses to describe becomes an
 * unverifiable {@link KeyFacts}; throttling and server faults that outlast the SDK's retries escape. Not
 * thread-safe.
 */
public final class AwsInventory implements Inventory {

    private static final int PAGE_SIZE = 100;
    private static final String SNAPSHOT_ARN_PART = ":cluster-snapshot:";
    private static final Filter NEPTUNE_ONLY = Filter.builder().name("engine").values("neptune").build();

    private final NeptuneClient neptune;
    private final KmsClient kms;
    private final GraphApi graphApi;
    private final CallCounter counter;
    private final CallCounter.Tally start;
    private final String region;
    private String account;
    private final boolean readRotation;
    private final KeyFaults faults;
    private final Map<String, KeyFacts> keys = new HashMap<>();
    private Map<String, List<String>> aliasesByKeyId;

    /** An inventory whose account is learnt from the first cluster or snapshot ARN it reads. */
    public AwsInventory(AwsClients clients) {
        this(clients, null);
    }

    /**
     * @param clients the process-wide clients
     * @param account the account being guarded, e.g. from the event; {@code null} to learn it from the ARNs read
     */
    public AwsInventory(AwsClients clients, String account) {
        this(clients, account, true);
    }

    /**
     * @param readRotation whether to call GetKeyRotationStatus for customer keys; only needed when the policy
     *        requires rotation, so the Lambdas skip it otherwise (one call less per key)
     */
    public AwsInventory(AwsClients clients, String account, boolean readRotation) {
        this(clients, account, readRotation, KeyFaults.ESCAPE);
    }

    /**
     * @param faults what a KMS fault that outlasts the SDK's retries (throttling, 5xx) does: escape, so a Lambda
     *        invocation is retried and then dead-lettered; or make the key "not readable", for a one-shot CLI run
     *        that reports the rest of the region
     */
    public AwsInventory(AwsClients clients, String account, boolean readRotation, KeyFaults faults) {
        this.faults = faults;
        this.readRotation = readRotation;
        this.neptune = clients.neptune();
        this.kms = clients.kms();
        this.graphApi = clients.graphs();
        this.counter = clients.counter();
        this.start = counter.tally();
        this.account = account;
        this.region = clients.region().id();
    }

    @Override
    public String account() {
        return account;
    }

    @Override
    public String region() {
        return region;
    }

    /** The AWS calls and attempts made through this instance's clients since it was created. */
    public CallCounter.Tally usage() {
        return counter.tally().minus(start);
    }

    @Override
    public List<ClusterFacts> clusters() {
        List<ClusterFacts> out = new ArrayList<>();
        for (DBCluster c : neptune.describeDBClustersPaginator(r -> r.filters(NEPTUNE_ONLY).maxRecords(PAGE_SIZE))
                .dbClusters()) {
            out.add(facts(c));
        }
        // The engine filter is documented for clusters; checking again costs nothing and keeps the contract.
        return out.stream().filter(ClusterFacts::isNeptune).toList();
    }

    @Override
    public Optional<ClusterFacts> cluster(String identifierOrArn) {
        try {
            return neptune.describeDBClusters(r -> r.dbClusterIdentifier(identifierOrArn)).dbClusters().stream()
                    .findFirst().map(this::facts);
        } catch (DbClusterNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<SnapshotFacts> snapshots() {
        // Without SnapshotType the API returns manual and automated snapshots; shared and public ones are not
        // ours to fix. Neptune's model calls Filters "not currently supported" for this call while the RDS API
        // behind the same endpoint supports engine, so the engine is checked here as well.
        List<SnapshotFacts> out = new ArrayList<>();
        try {
            for (DBClusterSnapshot s : neptune.describeDBClusterSnapshotsPaginator(r -> r.filters(NEPTUNE_ONLY)
                    .includeShared(false).maxRecords(PAGE_SIZE)).dbClusterSnapshots()) {
                out.add(facts(s));
            }
        } catch (NeptuneException e) {
            if (!filterRejected(e)) {
                throw e;
            }
            // Should the endpoint ever enforce "Filters not supported", list everything and filter here.
            out.clear();
            for (DBClusterSnapshot s : neptune.describeDBClusterSnapshotsPaginator(r -> r.includeShared(false)
                    .maxRecords(PAGE_SIZE)).dbClusterSnapshots()) {
                out.add(facts(s));
            }
        }
        return out.stream().filter(SnapshotFacts::isNeptune).toList();
    }

    @Override
    public Optional<SnapshotFacts> snapshot(String identifierOrArn) {
        // The API requires SnapshotType for an automated snapshot's identifier; those always start with "rds:".
        int at = identifierOrArn.indexOf(SNAPSHOT_ARN_PART);
        String name = at < 0 ? identifierOrArn : identifierOrArn.substring(at + SNAPSHOT_ARN_PART.length());
        String type = name.startsWith("rds:") ? "automated" : null;
        try {
            return neptune.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier(identifierOrArn)
                    .snapshotType(type)).dbClusterSnapshots().stream().findFirst().map(this::facts);
        } catch (DbClusterSnapshotNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<GraphFacts> graphs() {
        List<GraphFacts> out = graphApi.graphs();
        out.stream().findFirst().ifPresent(g -> accountOf(g.arn()));
        return out;
    }

    @Override
    public Optional<GraphFacts> graph(String idOrArn) {
        return graphApi.graph(idOrArn);
    }

    @Override
    public List<GraphSnapshotFacts> graphSnapshots() {
        return graphApi.graphSnapshots();
    }

    @Override
    public Optional<GraphSnapshotFacts> graphSnapshot(String idOrArn) {
        return graphApi.graphSnapshot(idOrArn);
    }

    @Override
    public Optional<String> graphsUnread() {
        return graphApi.unavailable();
    }

    @Override
    public KeyFacts key(String reference) {
        KeyFacts known = keys.get(reference);
        if (known == null) {
            known = describe(reference);
            keys.put(reference, known);
            if (known.arn() != null) {
                keys.putIfAbsent(known.arn(), known);
            }
        }
        return Objects.equals(known.reference(), reference) ? known : known.askedAs(reference);
    }

    @Override
    public Map<String, String> tags(String arn) {
        if (ResourceType.ofArn(arn).analytics()) {
            return graphApi.tags(arn);
        }
        Map<String, String> tags = new TreeMap<>();
        try {
            neptune.listTagsForResource(r -> r.resourceName(arn)).tagList()
                    .forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
        } catch (DbClusterNotFoundException | DbClusterSnapshotNotFoundException | DbSnapshotNotFoundException
                 | DbInstanceNotFoundException e) {
            return Map.of();
        }
        return tags;
    }

    private KeyFacts describe(String reference) {
        String keyRegion = KeyFacts.wellFormedKey(reference) ? Arns.region(reference) : null;
        if (keyRegion != null && !keyRegion.equals(region)) {
            // KMS in this region would answer NotFound for another region's key: that proves nothing.
            return KeyFacts.unverifiable(reference, "the key is in " + keyRegion + "; this check reads " + region);
        }
        KeyMetadata m;
        try {
            m = kms.describeKey(r -> r.keyId(reference)).keyMetadata();
        } catch (KmsException e) {
            if (!refused(e) && faults == KeyFaults.ESCAPE) {
                throw e;
            }
            return KeyFacts.refused(reference, code(e), message(e));
        }
        KeyFacts described = new KeyFacts(reference, m.arn(), m.keyId(), m.awsAccountId(), Arns.region(m.arn()),
                m.keyManagerAsString(), m.keyStateAsString(), m.originAsString(), m.customKeyStoreId(),
                Boolean.TRUE.equals(m.multiRegion()), m.deletionDate(), m.pendingDeletionWindowInDays(),
                KeyRotation.UNKNOWN, aliases(m.keyId(), reference), m.description(), null);
        return described.verifiable() ? rotation(described, m) : described;
    }

    private KeyFacts rotation(KeyFacts key, KeyMetadata m) {
        if (m.keyManager() == KeyManagerType.AWS) {
            // AWS managed keys rotate every year; nobody can turn that off
            return key.withRotation(KeyRotation.ENABLED, null);
        }
        if (m.origin() != OriginType.AWS_KMS || m.customKeyStoreId() != null) {
            // imported material and custom key stores never rotate automatically
            return key.withRotation(KeyRotation.NOT_SUPPORTED, null);
        }
        if (!readRotation) {
            return key;
        }
        try {
            Boolean enabled = kms.getKeyRotationStatus(r -> r.keyId(m.arn())).keyRotationEnabled();
            if (enabled == null) {
                return key.withRotation(KeyRotation.UNREADABLE, "GetKeyRotationStatus answered without "
                        + "KeyRotationEnabled");
            }
            return key.withRotation(enabled ? KeyRotation.ENABLED : KeyRotation.DISABLED, null);
        } catch (software.amazon.awssdk.services.kms.model.UnsupportedOperationException e) {
            return key.withRotation(KeyRotation.NOT_SUPPORTED, null);
        } catch (KmsException e) {
            if (!refused(e) && faults == KeyFaults.ESCAPE) {
                throw e;
            }
            return key.withRotation(KeyRotation.UNREADABLE, code(e) + ": " + message(e));
        }
    }

    private List<String> aliases(String keyId, String reference) {
        if (aliasesByKeyId == null) {
            aliasesByKeyId = listAliases();
        }
        Set<String> names = new TreeSet<>(aliasesByKeyId.getOrDefault(keyId, List.of()));
        String asked = reference == null ? null : KeyReferences.aliasName(reference);
        if (asked != null) {
            names.add(asked); // DescribeKey resolved it, so it names this key even if ListAliases was refused
        }
        return List.copyOf(names);
    }

    private Map<String, List<String>> listAliases() {
        Map<String, List<String>> byKeyId = new HashMap<>();
        try {
            kms.listAliasesPaginator(r -> r.limit(PAGE_SIZE)).aliases().forEach(a -> {
                if (a.targetKeyId() != null) { // aliases AWS reserved for services not yet used have no key
                    byKeyId.computeIfAbsent(a.targetKeyId(), k -> new ArrayList<>()).add(a.aliasName());
                }
            });
        } catch (KmsException e) {
            if (!refused(e)) {
                throw e;
            }
            // Aliases are for display and alias allowlists: without kms:ListAliases they are just unknown.
        }
        return byKeyId;
    }

    private ClusterFacts facts(DBCluster c) {
        String arn = c.dbClusterArn();
        return new ClusterFacts(arn, c.dbClusterIdentifier(), c.dbClusterResourceId(), accountOf(arn), regionOf(arn),
                c.engine(), c.status(), c.storageEncrypted(), c.kmsKeyId(), Boolean.TRUE.equals(c.deletionProtection()),
                Map.of(), false, FactSource.LIVE);
    }

    private SnapshotFacts facts(DBClusterSnapshot s) {
        String arn = s.dbClusterSnapshotArn();
        return new SnapshotFacts(arn, s.dbClusterSnapshotIdentifier(), s.dbClusterIdentifier(), accountOf(arn),
                regionOf(arn), s.engine(), s.status(), s.snapshotType(), s.storageEncrypted(), s.kmsKeyId(),
                s.snapshotCreateTime(), Map.of(), false, FactSource.LIVE);
    }

    private String accountOf(String arn) {
        String fromArn = Arns.account(arn);
        if (account == null) {
            account = fromArn;
        }
        return fromArn != null ? fromArn : account;
    }

    private String regionOf(String arn) {
        String fromArn = Arns.region(arn);
        return fromArn != null ? fromArn : region;
    }

    private static boolean filterRejected(NeptuneException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null ? null : details.errorCode();
        return e.statusCode() == 400 && ("InvalidParameterValue".equals(code) || "InvalidParameterCombination".equals(code));
    }

    /** A 4xx answer that asking again will not change (access denied, not found, invalid state); not throttling. */
    private static boolean refused(AwsServiceException e) {
        return e.statusCode() >= 400 && e.statusCode() < 500 && !e.isThrottlingException();
    }

    private static String code(AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        return details != null && details.errorCode() != null ? details.errorCode() : "HTTP " + e.statusCode();
    }

    private static String message(AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        return details != null && details.errorMessage() != null ? details.errorMessage() : e.getMessage();
    }
}
