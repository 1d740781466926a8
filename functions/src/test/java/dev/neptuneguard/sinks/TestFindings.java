package dev.neptuneguard.sinks;

import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.KeyRotation;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.policy.EncryptionRules;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Realistic findings for sink tests: from the encryption rules over facts, and key-revocation findings. */
final class TestFindings {

    static final String ACCOUNT = "111122223333";
    static final String REGION = "us-east-1";
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/" + KEY_ID;
    static final String EVENT_ID = "8a3f1c52-9a0e-4a9b-b1f2-6c1f0e6c9d11";

    private TestFindings() {
    }

    static String clusterArn(String name) {
        return "arn:aws:rds:us-east-1:111122223333:cluster:" + name;
    }

    /** The FAILED unencrypted-storage finding for cluster {@code name}, as EncryptionRules produces it. */
    static Finding unencryptedCluster(String name) {
        ClusterFacts cluster = new ClusterFacts(clusterArn(name), name, "cluster-ABCDEFGHIJKLMNOPQRSTUVWXY0", ACCOUNT,
                REGION, "neptune", "available", false, null, false, Map.of(), true, FactSource.LIVE);
        return new EncryptionRules(Policy.defaults()).evaluateCluster(cluster, null, LocalDate.of(2026, 11, 23))
                .stream().filter(f -> f.ruleId() == RuleId.NEPTUNE_CLUSTER_UNENCRYPTED).findFirst().orElseThrow();
    }

    /** Every result EncryptionRules gives for a cluster on the AWS managed key (FAILED and PASSED). */
    static List<Finding> awsManagedKeyCluster(String name) {
        ClusterFacts cluster = new ClusterFacts(clusterArn(name), name, "cluster-ZYXWVUTSRQPONMLKJIHGFEDCB0", ACCOUNT,
                REGION, "neptune", "available", true, KEY_ARN, true, Map.of(), true, FactSource.LIVE);
        KeyFacts key = new KeyFacts(KEY_ARN, KEY_ARN, KEY_ID, ACCOUNT, REGION, "AWS", "Enabled", "AWS_KMS", null, false,
                null, null, KeyRotation.ENABLED, List.of("alias/aws/rds"), "Default key", null);
        return new EncryptionRules(Policy.defaults()).evaluateCluster(cluster, key, LocalDate.of(2026, 11, 23));
    }

    /** KMS_KEY_DELETION_SCHEDULED_IN_USE with {@code affected} clusters, deletion 6 days 3 hours from NOW. */
    static Finding keyDeletion(int affected) {
        List<String> arns = new ArrayList<>();
        for (int i = 1; i <= affected; i++) {
            arns.add(clusterArn(String.format("graph-prod-%04d", i)));
        }
        RuleId rule = RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE;
        return new Finding(rule, rule.defaultSeverity(), ComplianceStatus.FAILED, ResourceType.KEY, KEY_ARN, KEY_ID,
                "alias/graph-prod", ACCOUNT, REGION, rule.title() + ": alias/graph-prod",
                affected + " Neptune clusters become unrecoverable on 2026-11-29 unless the deletion is cancelled: "
                        + "key " + KEY_ARN + " is PendingDeletion and their data keys expire.",
                "Cancel the deletion and re-enable the key before the deletion date:\n"
                        + "aws kms cancel-key-deletion --key-id " + KEY_ARN + " --region us-east-1\n"
                        + "aws kms enable-key --key-id " + KEY_ARN + " --region us-east-1",
                KEY_ARN, "PendingDeletion", NOW.plus(Duration.ofDays(6)).plus(Duration.ofHours(3)), arns, false, null);
    }

    /** The all-clear after CancelKeyDeletion + EnableKey. */
    static Finding keyCleared() {
        RuleId rule = RuleId.KMS_KEY_RISK_CLEARED;
        return new Finding(rule, rule.defaultSeverity(), ComplianceStatus.PASSED, ResourceType.KEY, KEY_ARN, KEY_ID,
                "alias/graph-prod", ACCOUNT, REGION, rule.title() + ": alias/graph-prod",
                "Key " + KEY_ARN + " is Enabled again; 3 Neptune clusters depend on it.", "", KEY_ARN, "Enabled",
                null, List.of(clusterArn("graph-prod-0001"), clusterArn("graph-prod-0002"),
                clusterArn("graph-prod-0003")), false, null);
    }
}
