package dev.neptuneguard.policy;

import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.KeyRotation;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.SnapshotFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Small facts for policy tests: the demo account's clusters, snapshots and keys (see events/README.md), with a
 * builder for keys because {@link KeyFacts} has many components and each test changes one or two.
 */
final class TestFacts {

    static final String ACCOUNT = "111122223333";
    static final String REGION = "us-east-1";
    static final String CMK_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String CMK_ARN = "arn:aws:kms:us-east-1:111122223333:key/" + CMK_ID;
    static final String CMK_ALIAS = "alias/neptune-prod";
    static final String AWS_RDS_ID = "0987dcba-09fe-87dc-65ba-ab0987654321";
    static final String AWS_RDS_ARN = "arn:aws:kms:us-east-1:111122223333:key/" + AWS_RDS_ID;
    static final String HSM_ARN = "arn:aws:kms:us-east-1:111122223333:key/7777aaaa-77aa-77aa-77aa-777777777777";
    static final String OTHER_ARN = "arn:aws:kms:us-east-1:111122223333:key/9999ffff-99ff-99ff-99ff-999999999999";

    private TestFacts() {
    }

    static String clusterArn(String name) {
        return "arn:aws:rds:" + REGION + ":" + ACCOUNT + ":cluster:" + name;
    }

    static String snapshotArn(String name) {
        return "arn:aws:rds:" + REGION + ":" + ACCOUNT + ":cluster-snapshot:" + name;
    }

    static ClusterFacts cluster(String name, Boolean encrypted, String kmsKeyId) {
        return cluster(name, encrypted, kmsKeyId, "available", Map.of());
    }

    static ClusterFacts cluster(String name, Boolean encrypted, String kmsKeyId, String status,
                                Map<String, String> tags) {
        return new ClusterFacts(clusterArn(name), name, "cluster-LBLRT7I2OUYRJJLEJNH7F6DK5V", ACCOUNT, REGION,
                "neptune", status, encrypted, kmsKeyId, true, tags, true, FactSource.LIVE);
    }

    static SnapshotFacts snapshot(String name, Boolean encrypted, String kmsKeyId) {
        return snapshot(name, encrypted, kmsKeyId, Map.of());
    }

    static SnapshotFacts snapshot(String name, Boolean encrypted, String kmsKeyId, Map<String, String> tags) {
        return new SnapshotFacts(snapshotArn(name), name, "graph-prod", ACCOUNT, REGION, "neptune", "available",
                "manual", encrypted, kmsKeyId, Instant.parse("2026-11-20T15:18:55Z"), tags, true, FactSource.LIVE);
    }

    /** The demo account's customer managed key: AWS_KMS origin, Enabled, rotating, alias/neptune-prod. */
    static KeyBuilder cmk() {
        return new KeyBuilder(CMK_ARN, CMK_ID).manager("CUSTOMER").aliases(CMK_ALIAS);
    }

    /** The AWS managed aws/rds key. */
    static KeyBuilder awsRds() {
        return new KeyBuilder(AWS_RDS_ARN, AWS_RDS_ID).manager("AWS").aliases("alias/aws/rds");
    }

    static List<Finding> withRule(List<Finding> findings, RuleId rule) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (f.ruleId() == rule) {
                out.add(f);
            }
        }
        return out;
    }

    /** The single result of {@code rule}; fails the test when there is none or more than one. */
    static Finding only(List<Finding> findings, RuleId rule) {
        List<Finding> matching = withRule(findings, rule);
        if (matching.size() != 1) {
            throw new AssertionError("expected exactly one " + rule + " result but got " + matching.size()
                    + " in " + findings);
        }
        return matching.get(0);
    }

    static Optional<Finding> first(List<Finding> findings, RuleId rule, ComplianceStatus status) {
        return findings.stream().filter(f -> f.ruleId() == rule && f.status() == status).findFirst();
    }

    /** Mutable builder of {@link KeyFacts}; starts from an enabled, rotating AWS_KMS key. */
    static final class KeyBuilder {
        private final String arn;
        private final String keyId;
        private String reference;
        private String keyManager = "CUSTOMER";
        private String keyState = "Enabled";
        private String origin = "AWS_KMS";
        private String customKeyStoreId;
        private Instant deletionDate;
        private KeyRotation rotation = KeyRotation.ENABLED;
        private List<String> aliases = List.of();

        KeyBuilder(String arn, String keyId) {
            this.arn = arn;
            this.keyId = keyId;
            this.reference = arn;
        }

        KeyBuilder manager(String value) {
            keyManager = value;
            return this;
        }

        KeyBuilder state(String value) {
            keyState = value;
            return this;
        }

        KeyBuilder origin(String value) {
            origin = value;
            return this;
        }

        KeyBuilder store(String value) {
            customKeyStoreId = value;
            return this;
        }

        KeyBuilder deletionDate(Instant value) {
            deletionDate = value;
            return this;
        }

        KeyBuilder rotation(KeyRotation value) {
            rotation = value;
            return this;
        }

        KeyBuilder aliases(String... values) {
            aliases = List.of(values);
            return this;
        }

        KeyBuilder reference(String value) {
            reference = value;
            return this;
        }

        KeyFacts build() {
            return new KeyFacts(reference, arn, keyId, ACCOUNT, REGION, keyManager, keyState, origin,
                    customKeyStoreId, false, deletionDate, null, rotation, aliases, null, null);
        }
    }
}
