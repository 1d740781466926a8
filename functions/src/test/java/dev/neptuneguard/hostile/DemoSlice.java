package dev.neptuneguard.hostile;

import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.KeyRotation;
import dev.neptuneguard.model.SnapshotFacts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A small slice of the demo account that the events/ fixtures refer to (events/README.md): graph-prod on the
 * customer managed key, graph-analytics and its manual snapshot on the AWS managed aws/rds key. Enough for
 * triggers to meet both a live resource and, for the other names, the fall-back to the event's own facts.
 */
public final class DemoSlice {

    public static final String ACCOUNT = "111122223333";
    public static final String REGION = "us-east-1";
    public static final String CMK_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    public static final String CMK_ARN = "arn:aws:kms:us-east-1:111122223333:key/" + CMK_ID;
    public static final String AWS_RDS_KEY_ID = "0987dcba-09fe-87dc-65ba-ab0987654321";
    public static final String AWS_RDS_KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/" + AWS_RDS_KEY_ID;

    /** A fixed day, so exemption expiry does not depend on when the suite runs. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    private DemoSlice() {
    }

    public static StaticInventory inventory() {
        ClusterFacts prod = new ClusterFacts("arn:aws:rds:us-east-1:111122223333:cluster:graph-prod", "graph-prod",
                "cluster-LBLRT7I2OUYRJJLEJNH7F6DK5V", ACCOUNT, REGION, "neptune", "available", true, CMK_ARN, true,
                Map.of("team", "graph"), true, FactSource.OFFLINE);
        ClusterFacts analytics = new ClusterFacts("arn:aws:rds:us-east-1:111122223333:cluster:graph-analytics",
                "graph-analytics", "cluster-ABCDEFGHIJKLMNOPQRSTUVWXY2", ACCOUNT, REGION, "neptune", "available", true,
                AWS_RDS_KEY_ARN, false, Map.of(), false, FactSource.OFFLINE);
        SnapshotFacts analyticsSnapshot = new SnapshotFacts(
                "arn:aws:rds:us-east-1:111122223333:cluster-snapshot:graph-analytics-manual-2026-11-20",
                "graph-analytics-manual-2026-11-20", "graph-analytics", ACCOUNT, REGION, "neptune", "available",
                "manual", true, AWS_RDS_KEY_ARN, Instant.parse("2026-11-20T15:18:55Z"), Map.of(), false,
                FactSource.OFFLINE);
        KeyFacts cmk = new KeyFacts(CMK_ARN, CMK_ARN, CMK_ID, ACCOUNT, REGION, "CUSTOMER", "Enabled", "AWS_KMS", null,
                false, null, null, KeyRotation.ENABLED, List.of("alias/neptune-prod"), "graph-prod data", null);
        KeyFacts awsRds = new KeyFacts(AWS_RDS_KEY_ARN, AWS_RDS_KEY_ARN, AWS_RDS_KEY_ID, ACCOUNT, REGION, "AWS",
                "Enabled", "AWS_KMS", null, false, null, null, KeyRotation.ENABLED, List.of("alias/aws/rds"),
                "Default master key that protects my RDS database volumes when no other key is defined", null);
        return new StaticInventory(ACCOUNT, REGION, List.of(prod, analytics), List.of(analyticsSnapshot),
                List.of(cmk, awsRds));
    }
}
