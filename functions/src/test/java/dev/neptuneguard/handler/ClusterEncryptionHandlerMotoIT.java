package dev.neptuneguard.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.neptuneguard.moto.EventFixture;
import dev.neptuneguard.moto.MotoExtension;
import dev.neptuneguard.moto.MotoServer;
import dev.neptuneguard.moto.MotoStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.neptune.NeptuneClient;
import software.amazon.awssdk.services.neptune.model.DBCluster;
import software.amazon.awssdk.services.neptune.model.DBClusterSnapshot;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.RecordState;

/**
 * The cluster-encryption function end to end on moto: the AWS state is built through the SDK, the repository's RDS
 * event fixtures carry the identifiers (and response elements) of that state, the function runs wired as deployed
 * with its clients on moto, and the test reads back what reached SNS (through an SQS subscription, attributes
 * included), the delivery table and — through the exporter function — Security Hub.
 */
@ExtendWith(MotoExtension.class)
class ClusterEncryptionHandlerMotoIT {

    private MotoStack stack;
    private DeployedFunctions functions;
    private NeptuneClient neptune;
    private KmsClient kms;

    @BeforeEach
    void deploy(MotoServer moto) {
        stack = MotoStack.deploy(moto);
        functions = new DeployedFunctions(stack.environment(Map.of()));
        neptune = moto.client(NeptuneClient.builder()).build();
        kms = moto.client(KmsClient.builder()).build();
    }

    @Test
    void createDbCluster_unencrypted_oneAlertOnSnsSecurityHubAndLedger() {
        DBCluster cluster = neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-scratch").engine("neptune")
                .storageEncrypted(false)).dbCluster();
        String event = clusterEvent("rds/create-db-cluster-neptune-unencrypted.json", cluster, "evt-unencrypted");

        JsonNode result = DeployedFunctions.invoke(functions.clusterEncryption(), event);

        assertThat(result.path("status").asText()).isEqualTo("evaluated");
        List<MotoStack.Alert> alerts = stack.alerts();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("NEPTUNE_CLUSTER_UNENCRYPTED");
            assertThat(a.resourceArn()).isEqualTo(cluster.dbClusterArn());
            assertThat(a.subject()).startsWith("[HIGH] " + MotoServer.ACCOUNT + ": ").contains("graph-scratch");
            assertThat(a.attributes()).containsEntry("severity", "HIGH")
                    .containsEntry("ruleId", "NEPTUNE_CLUSTER_UNENCRYPTED").containsEntry("status", "FAILED")
                    .containsEntry("eventId", "evt-unencrypted").containsEntry("account", MotoServer.ACCOUNT)
                    .containsEntry("region", "us-east-1").containsEntry("resourceType", "AWS::RDS::DBCluster");
        });
        assertThat(pks(stack.ledger())).contains("evt-unencrypted#" + alerts.get(0).finding().path("findingId")
                .asText() + "#sns");
        List<AwsSecurityFinding> imported = exportToSecurityHub();
        assertThat(imported).filteredOn(f -> f.generatorId().equals("NEPTUNE_CLUSTER_UNENCRYPTED")).singleElement()
                .satisfies(f -> {
                    assertThat(f.id()).isEqualTo("neptune-guard/NEPTUNE_CLUSTER_UNENCRYPTED/" + cluster.dbClusterArn());
                    assertThat(f.recordState()).isEqualTo(RecordState.ACTIVE);
                    assertThat(f.severity().label().toString()).isEqualTo("HIGH");
                    assertThat(f.resources()).extracting(r -> r.id()).first().isEqualTo(cluster.dbClusterArn());
                });
    }

    @Test
    void createDbCluster_sameEventDeliveredTwice_oneAlert() {
        DBCluster cluster = neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-scratch").engine("neptune")
                .storageEncrypted(false)).dbCluster();
        String event = clusterEvent("rds/create-db-cluster-neptune-unencrypted.json", cluster, "evt-twice");

        DeployedFunctions.invoke(functions.clusterEncryption(), event);
        DeployedFunctions.invoke(new DeployedFunctions(stack.environment(Map.of())).clusterEncryption(), event);

        assertThat(stack.alerts()).singleElement().extracting(MotoStack.Alert::ruleId)
                .isEqualTo("NEPTUNE_CLUSTER_UNENCRYPTED");
    }

    /**
     * What the delivery records guarantee when EventBridge hands the same event to two invocations at the same
     * moment: never a lost alert, at most one duplicate per sink, one record, and the duplicate counted.
     */
    @Test
    void createDbCluster_sameEventTwiceAtTheSameMoment_neverLostAtMostTwiceOneRecord() throws Exception {
        DBCluster cluster = neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-scratch").engine("neptune")
                .storageEncrypted(false)).dbCluster();
        String event = clusterEvent("rds/create-db-cluster-neptune-unencrypted.json", cluster, "evt-race");
        DeployedFunctions other = new DeployedFunctions(stack.environment(Map.of()));
        List<RequestStreamHandler> handlers = List.of(functions.clusterEncryption(), other.clusterEncryption());
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<JsonNode>> runs = new ArrayList<>();
            for (RequestStreamHandler h : handlers) {
                runs.add(pool.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return DeployedFunctions.invoke(h, event);
                }));
            }
            for (Future<JsonNode> run : runs) {
                assertThat(run.get(60, TimeUnit.SECONDS).path("status").asText()).isEqualTo("evaluated");
            }
        } finally {
            pool.shutdownNow();
        }

        List<MotoStack.Alert> alerts = stack.alerts();
        System.out.println("two simultaneous invocations of one event sent " + alerts.size() + " alert(s)");
        assertThat(alerts).hasSizeBetween(1, 2).extracting(MotoStack.Alert::ruleId)
                .containsOnly("NEPTUNE_CLUSTER_UNENCRYPTED");
        String findingId = alerts.get(0).finding().path("findingId").asText();
        assertThat(pks(stack.ledger())).containsOnlyOnce("evt-race#" + findingId + "#sns");
        if (alerts.size() == 2) {
            assertThat(functions.logs() + other.logs()).contains("DuplicateDeliveriesRaced");
        }
    }

    @Test
    void createDbCluster_customerManagedKeyNamedByAlias_passesWithoutAlert() {
        String keyArn = kms.createKey(b -> b.description("graph prod")).keyMetadata().arn();
        kms.createAlias(b -> b.aliasName("alias/neptune-prod").targetKeyId(keyArn));
        // AWS stores the key ARN whatever the caller named; moto would keep the alias, so the state is built with
        // the ARN (the event still names the alias, as CloudTrail records the request).
        DBCluster cluster = neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-prod").engine("neptune")
                .storageEncrypted(true).kmsKeyId(keyArn)).dbCluster();
        String event = clusterEvent("rds/create-db-cluster-neptune-cmk-alias.json", cluster, "evt-cmk");

        JsonNode result = DeployedFunctions.invoke(functions.clusterEncryption(), event);

        assertThat(result.path("failed").asInt()).isZero();
        assertThat(result.path("passed").asInt()).isPositive();
        assertThat(stack.alerts()).isEmpty();
        assertThat(exportToSecurityHub()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.recordState()).isEqualTo(RecordState.ARCHIVED);
            assertThat(f.compliance().statusAsString()).isEqualTo("PASSED");
            assertThat(f.resources()).extracting(r -> r.id()).containsExactly(cluster.dbClusterArn(), keyArn);
        });
    }

    @Test
    void createDbCluster_keyDisabledAfterCreate_criticalKeyUnusable() {
        String keyArn = kms.createKey(b -> b.description("graph")).keyMetadata().arn();
        DBCluster cluster = neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-prod").engine("neptune")
                .storageEncrypted(true).kmsKeyId(keyArn)).dbCluster();
        kms.disableKey(b -> b.keyId(keyArn));
        String event = clusterEvent("rds/create-db-cluster-neptune-cmk-alias.json", cluster, "evt-disabled");

        DeployedFunctions.invoke(functions.clusterEncryption(), event);

        assertThat(stack.alerts()).extracting(MotoStack.Alert::ruleId).containsExactly("NEPTUNE_CLUSTER_KEY_UNUSABLE");
    }

    /** moto: a cluster encrypted with the default key shows the placeholder {@code default_kms_key_id}. */
    @Test
    void createDbCluster_motoDefaultKeyPlaceholder_cannotVerifyNeverPasses() {
        DBCluster cluster = neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-default").engine("neptune")
                .storageEncrypted(true)).dbCluster();
        assertThat(cluster.kmsKeyId()).as("moto's placeholder").isEqualTo("default_kms_key_id");
        String event = clusterEvent("rds/create-db-cluster-neptune-default-key.json", cluster, "evt-default");

        DeployedFunctions.invoke(functions.clusterEncryption(), event);

        assertThat(stack.alerts()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("NEPTUNE_CLUSTER_KEY_UNVERIFIABLE");
            assertThat(a.attributes()).containsEntry("severity", "LOW");
        });
    }

    @Test
    void restoreDbClusterFromSnapshot_unencryptedSnapshotWithoutKey_alertsOnTheRestoredCluster() {
        neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-scratch").engine("neptune")
                .storageEncrypted(false));
        neptune.createDBClusterSnapshot(b -> b.dbClusterIdentifier("graph-scratch")
                .dbClusterSnapshotIdentifier("graph-scratch-snap"));
        DBCluster restored = neptune.restoreDBClusterFromSnapshot(b -> b.dbClusterIdentifier("graph-restored")
                .snapshotIdentifier("graph-scratch-snap").engine("neptune")).dbCluster();
        String event = clusterEvent("rds/restore-db-cluster-from-snapshot-neptune-no-kms.json", restored,
                "evt-restore-plain");

        DeployedFunctions.invoke(functions.clusterEncryption(), event);

        assertThat(stack.alerts()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("NEPTUNE_CLUSTER_UNENCRYPTED");
            assertThat(a.resourceArn()).isEqualTo(restored.dbClusterArn());
        });
    }

    @Test
    void restoreDbClusterFromSnapshot_withCustomerManagedKey_passes() {
        String keyArn = kms.createKey(b -> b.description("graph")).keyMetadata().arn();
        neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-scratch").engine("neptune")
                .storageEncrypted(false));
        neptune.createDBClusterSnapshot(b -> b.dbClusterIdentifier("graph-scratch")
                .dbClusterSnapshotIdentifier("graph-scratch-snap"));
        DBCluster restored = neptune.restoreDBClusterFromSnapshot(b -> b.dbClusterIdentifier("graph-prod-restored")
                .snapshotIdentifier("graph-scratch-snap").engine("neptune").kmsKeyId(keyArn)).dbCluster();
        assertThat(restored.storageEncrypted()).as("AWS encrypts the restore with the key given").isTrue();
        String event = clusterEvent("rds/restore-db-cluster-from-snapshot-neptune-cmk.json", restored,
                "evt-restore-cmk");

        JsonNode result = DeployedFunctions.invoke(functions.clusterEncryption(), event);

        assertThat(result.path("failed").asInt()).isZero();
        assertThat(stack.alerts()).isEmpty();
    }

    @Test
    void restoreDbClusterToPointInTime_keyOfTheSourceDisabled_alertsOnTheRestoredCluster() {
        String keyArn = kms.createKey(b -> b.description("analytics")).keyMetadata().arn();
        neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-analytics").engine("neptune")
                .storageEncrypted(true).kmsKeyId(keyArn));
        DBCluster restored = neptune.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("graph-analytics-pitr")
                .sourceDBClusterIdentifier("graph-analytics").useLatestRestorableTime(true)).dbCluster();
        kms.disableKey(b -> b.keyId(keyArn));
        String event = clusterEvent("rds/restore-db-cluster-to-point-in-time-neptune.json", restored, "evt-pitr");

        DeployedFunctions.invoke(functions.clusterEncryption(), event);

        assertThat(stack.alerts()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("NEPTUNE_CLUSTER_KEY_UNUSABLE");
            assertThat(a.resourceArn()).isEqualTo(restored.dbClusterArn());
            assertThat(a.finding().path("keyArn").asText()).isEqualTo(keyArn);
        });
    }

    @Test
    void createDbClusterSnapshot_ofUnencryptedCluster_alertsOnTheSnapshot() {
        neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-scratch").engine("neptune")
                .storageEncrypted(false));
        DBClusterSnapshot snapshot = neptune.createDBClusterSnapshot(b -> b.dbClusterIdentifier("graph-scratch")
                .dbClusterSnapshotIdentifier("graph-scratch-manual")).dbClusterSnapshot();
        String event = snapshotEvent("rds/create-db-cluster-snapshot-neptune.json", snapshot, "evt-snap",
                "/detail/requestParameters/dBClusterSnapshotIdentifier");

        DeployedFunctions.invoke(functions.clusterEncryption(), event);

        assertThat(stack.alerts()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("NEPTUNE_SNAPSHOT_UNENCRYPTED");
            assertThat(a.resourceArn()).isEqualTo(snapshot.dbClusterSnapshotArn());
            assertThat(a.attributes()).containsEntry("resourceType", "AWS::RDS::DBClusterSnapshot");
        });
    }

    @Test
    void copyDbClusterSnapshot_copyEncryptedWithCustomerManagedKey_passes() {
        String keyArn = kms.createKey(b -> b.description("copies")).keyMetadata().arn();
        neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-scratch").engine("neptune")
                .storageEncrypted(false));
        neptune.createDBClusterSnapshot(b -> b.dbClusterIdentifier("graph-scratch")
                .dbClusterSnapshotIdentifier("graph-scratch-snap"));
        DBClusterSnapshot copy = neptune.copyDBClusterSnapshot(b -> b
                .sourceDBClusterSnapshotIdentifier("graph-scratch-snap")
                .targetDBClusterSnapshotIdentifier("graph-scratch-copy").kmsKeyId(keyArn)).dbClusterSnapshot();
        String event = snapshotEvent("rds/copy-db-cluster-snapshot-neptune-unencrypted.json", copy, "evt-copy",
                "/detail/requestParameters/targetDBClusterSnapshotIdentifier");

        JsonNode result = DeployedFunctions.invoke(functions.clusterEncryption(), event);

        assertThat(result.path("failed").asInt()).isZero();
        assertThat(stack.alerts()).isEmpty();
    }

    /** The cluster event of {@code fixture} for {@code cluster}: its identifiers and moto's response elements. */
    static String clusterEvent(String fixture, DBCluster cluster, String eventId) {
        EventFixture e = EventFixture.load(fixture).account(MotoServer.ACCOUNT).eventId(eventId)
                .set("/detail/requestParameters/dBClusterIdentifier", cluster.dbClusterIdentifier())
                .set("/detail/responseElements/dBClusterIdentifier", cluster.dbClusterIdentifier())
                .set("/detail/responseElements/dBClusterArn", cluster.dbClusterArn())
                .set("/detail/responseElements/dbClusterResourceId", cluster.dbClusterResourceId())
                .set("/detail/responseElements/storageEncrypted",
                        BooleanNode.valueOf(cluster.storageEncrypted()));
        if (Boolean.TRUE.equals(cluster.storageEncrypted())) {
            e.set("/detail/responseElements/kmsKeyId", cluster.kmsKeyId());
        } else {
            e.remove("/detail/responseElements/kmsKeyId");
        }
        return e.json();
    }

    private static String snapshotEvent(String fixture, DBClusterSnapshot s, String eventId, String requestId) {
        EventFixture e = EventFixture.load(fixture).account(MotoServer.ACCOUNT).eventId(eventId)
                .set(requestId, s.dbClusterSnapshotIdentifier())
                .set("/detail/responseElements/dBClusterSnapshotIdentifier", s.dbClusterSnapshotIdentifier())
                .set("/detail/responseElements/dBClusterSnapshotArn", s.dbClusterSnapshotArn())
                .set("/detail/responseElements/dBClusterIdentifier", s.dbClusterIdentifier())
                .set("/detail/responseElements/storageEncrypted",
                        BooleanNode.valueOf(s.storageEncrypted()));
        if (Boolean.TRUE.equals(s.storageEncrypted())) {
            e.set("/detail/responseElements/kmsKeyId", s.kmsKeyId());
        } else {
            e.remove("/detail/responseElements/kmsKeyId");
        }
        return e.json();
    }

    /** Runs the exporter function on what the guard queued for Security Hub; returns what Security Hub holds. */
    private List<AwsSecurityFinding> exportToSecurityHub() {
        String batch = stack.exportBatchEvent();
        assertThat(batch).as("findings queued for Security Hub").isNotNull();
        JsonNode result = DeployedFunctions.invoke(functions.securityHubExporter(), batch);
        assertThat(result.path("batchItemFailures")).as(result.toString()).isEmpty();
        return stack.securityHubFindings();
    }

    private static List<String> pks(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get("pk").s()).toList();
    }
}
