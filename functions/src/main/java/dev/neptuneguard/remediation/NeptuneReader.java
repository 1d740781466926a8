package dev.neptuneguard.remediation;

import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.inventory.AwsInventory;
import dev.neptuneguard.inventory.KeyFaults;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.revocation.KeyPolicyAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.neptune.NeptuneClient;
import software.amazon.awssdk.services.neptune.model.DBCluster;
import software.amazon.awssdk.services.neptune.model.DBClusterMember;
import software.amazon.awssdk.services.neptune.model.DBInstance;
import software.amazon.awssdk.services.neptune.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.neptune.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.neptune.model.Tag;

/**
 * Reads what a re-encryption needs through the project's read-side clients ({@link AwsClients}): the cluster whole
 * ({@code DescribeDBClusters}, {@code DescribeDBInstances} for each of its members, {@code ListTagsForResource} for
 * the cluster and each instance) and the target key (the guard's own {@link AwsInventory#key} for the facts the
 * policy judges, plus {@code DescribeKey} for its spec and usage and {@code GetKeyPolicy} for the key-policy
 * analysis). Only reads.
 */
public final class NeptuneReader {

    private final NeptuneClient neptune;
    private final KmsClient kms;
    private final AwsInventory inventory;

    /**
     * @param readRotation whether the policy requires rotation (then its status is read, as the scan does)
     */
    public NeptuneReader(AwsClients clients, boolean readRotation) {
        this.neptune = clients.neptune();
        this.kms = clients.kms();
        this.inventory = new AwsInventory(clients, null, readRotation, KeyFaults.UNREADABLE);
    }

    public AwsInventory inventory() {
        return inventory;
    }

    /** The cluster's whole configuration, or empty when no such cluster exists. */
    public Optional<ClusterConfiguration> cluster(String identifier) {
        DBCluster c;
        try {
            List<DBCluster> found = neptune.describeDBClusters(r -> r.dbClusterIdentifier(identifier)).dbClusters();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            c = found.get(0);
        } catch (DbClusterNotFoundException e) {
            return Optional.empty();
        }
        // The cluster's own member list says which instances are its: an instance's DBClusterIdentifier can lag
        // behind a rename (moto never updates it), the member list cannot.
        List<DBInstance> instances = new ArrayList<>();
        for (DBClusterMember m : c.dbClusterMembers()) {
            try {
                instances.addAll(neptune.describeDBInstances(r -> r.dbInstanceIdentifier(m.dbInstanceIdentifier()))
                        .dbInstances());
            } catch (DbInstanceNotFoundException e) {
                // deleted between the two calls: not part of the cluster any more
            }
        }
        List<Tag> clusterTags = neptune.listTagsForResource(r -> r.resourceName(c.dbClusterArn())).tagList();
        Map<String, List<Tag>> instanceTags = new LinkedHashMap<>();
        for (DBInstance i : instances) {
            instanceTags.put(i.dbInstanceIdentifier(),
                    neptune.listTagsForResource(r -> r.resourceName(i.dbInstanceArn())).tagList());
        }
        return Optional.of(ClusterConfiguration.of(c, instances, clusterTags, instanceTags));
    }

    /** The target key as the guard sees it, with its spec and the verdict on its policy. */
    public TargetKey key(String reference, String account, String region) {
        KeyFacts facts = inventory.key(reference);
        if (!facts.verifiable()) {
            return new TargetKey(facts, null, null, null, "the key was not described");
        }
        String spec = null;
        String usage = null;
        try {
            KeyMetadata m = kms.describeKey(r -> r.keyId(facts.arn())).keyMetadata();
            spec = m.keySpecAsString();
            usage = m.keyUsageAsString();
        } catch (KmsException e) {
            // the facts above were described: only the spec is missing, and the symmetric check then says unknown
        }
        try {
            String text = kms.getKeyPolicy(r -> r.keyId(facts.arn()).policyName("default")).policy();
            return new TargetKey(facts, spec, usage, KeyPolicyAnalysis.analyse(text, account, region), null);
        } catch (KmsException e) {
            String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
            return new TargetKey(facts, spec, usage, null, code);
        }
    }
}
