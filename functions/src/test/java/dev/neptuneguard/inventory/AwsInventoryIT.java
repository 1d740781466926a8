package dev.neptuneguard.inventory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.neptuneguard.guard.EncryptionGuard;
import dev.neptuneguard.guard.ScanReport;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.KeyEvidence;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.KeyRotation;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.SnapshotFacts;
import dev.neptuneguard.policy.EncryptionRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.neptune.model.NeptuneException;

/**
 * {@link AwsInventory} against a local WireMock stub that answers in the services' own wire protocols:
 * Neptune's Query protocol (form-encoded POST, XML answers and {@code <ErrorResponse>} faults) and KMS's
 * JSON 1.1 ({@code X-Amz-Target: TrentService.*}, {@code __type} errors). The SDK clients are real; only
 * the endpoint, the credentials and the retry backoff are test settings. Bodies live in {@code /wire}.
 */
class AwsInventoryIT {

    private static final String ACCOUNT = "644160558196";
    private static final String CMK_ARN =
            "arn:aws:kms:us-east-1:644160558196:key/b10f842a-feb7-4318-92d5-0640a75b7688";
    private static final String RDS_KEY_ARN =
            "arn:aws:kms:us-east-1:644160558196:key/72c87446-729b-4624-9faa-137b26402e0f";
    private static final String FOREIGN_KEY_ARN =
            "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321";
    private static final String PENDING_DELETION_KEY_ARN =
            "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";
    private static final String CLOUDHSM_KEY_ARN =
            "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String SIGNING_KEY_ARN =
            "arn:aws:kms:us-east-1:644160558196:key/5d4f6c3b-8e7a-4b2c-9d1e-0f6a7b8c9d0e";
    private static final String DEFAULT_KEY_CLUSTER_ARN =
            "arn:aws:rds:us-east-1:644160558196:cluster:graph-default-key";
    private static final String AUTOMATED_SNAPSHOT = "rds:test-rds-cluster-param-group-2024-11-20-05-42";

    private static WireMockServer server;
    private AwsClients clients;
    private AwsInventory inventory;

    @BeforeAll
    static void startStub() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stopStub() {
        server.stop();
    }

    @BeforeEach
    void setUp() {
        server.resetAll();
        // The account's aliases, two pages; tests that need another answer add a newer stub, which wins.
        server.stubFor(kms("ListAliases").withRequestBody(notContaining("\"Marker\""))
                .willReturn(json(200, "list-aliases-page-1.json")));
        server.stubFor(kms("ListAliases").withRequestBody(matchingJsonPath("$.Marker", equalTo("aliases-2")))
                .willReturn(json(200, "list-aliases-page-2.json")));
        clients = AwsClients.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(server.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .retryBackoff(Duration.ofMillis(5))
                .build();
        inventory = new AwsInventory(clients, ACCOUNT);
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    void clusters_threePages_followsMarkerAndReturnsEveryNeptuneCluster() {
        stubClusterPages();

        List<ClusterFacts> clusters = inventory.clusters();

        assertThat(clusters).extracting(ClusterFacts::identifier).containsExactly(
                "test-rds-cluster-param-group", "graph-unencrypted", "graph-default-key", "graph-inaccessible");
        server.verify(3, neptuneRequests("DescribeDBClusters")
                .withRequestBody(containing("Filters.Filter.1.Name=engine"))
                .withRequestBody(containing("Filters.Filter.1.Values.Value.1=neptune"))
                .withRequestBody(containing("MaxRecords=100")));
        server.verify(1, neptuneRequests("DescribeDBClusters").withRequestBody(notContaining("Marker=")));
        server.verify(1, neptuneRequests("DescribeDBClusters").withRequestBody(containing("Marker=page-2")));
        server.verify(1, neptuneRequests("DescribeDBClusters").withRequestBody(containing("Marker=page-3")));
        assertThat(inventory.usage().calls("DescribeDBClusters")).isEqualTo(3);
        assertThat(inventory.usage().attempts()).isEqualTo(3);
    }

    @Test
    void clusters_describedCluster_mapsEncryptionFacts() {
        stubClusterPages();

        List<ClusterFacts> clusters = inventory.clusters();

        ClusterFacts first = clusters.get(0);
        assertThat(first.arn()).isEqualTo("arn:aws:rds:us-east-1:644160558196:cluster:test-rds-cluster-param-group");
        assertThat(first.resourceId()).isEqualTo("cluster-D5B6YSO2TZMX3UXUMBWZA3L3CA");
        assertThat(first.account()).isEqualTo(ACCOUNT);
        assertThat(first.region()).isEqualTo("us-east-1");
        assertThat(first.engine()).isEqualTo("neptune");
        assertThat(first.status()).isEqualTo("available");
        assertThat(first.storageEncrypted()).isTrue();
        assertThat(first.kmsKeyId()).isEqualTo(CMK_ARN);
        assertThat(first.deletionProtection()).isFalse();
        assertThat(first.tagsKnown()).isFalse();
        assertThat(first.source()).isEqualTo(FactSource.LIVE);
        ClusterFacts unencrypted = clusters.get(1);
        assertThat(unencrypted.storageEncrypted()).isFalse();
        assertThat(unencrypted.kmsKeyId()).isNull();
        assertThat(unencrypted.deletionProtection()).isTrue();
        assertThat(clusters.get(3).status()).isEqualTo("inaccessible-encryption-credentials-recoverable");
    }

    @Test
    void cluster_unknownIdentifier_returnsEmpty() {
        server.stubFor(neptune("DescribeDBClusters").withRequestBody(containing("DBClusterIdentifier=graph-missing"))
                .willReturn(xml(404, "error-db-cluster-not-found.xml")));

        assertThat(inventory.cluster("graph-missing")).isEmpty();
        assertThat(inventory.usage().attempts()).isEqualTo(1);
    }

    @Test
    void cluster_otherEngine_isReturnedForTheGuardToJudge() {
        server.stubFor(neptune("DescribeDBClusters").withRequestBody(containing("DBClusterIdentifier=database-1"))
                .willReturn(xml(200, "describe-db-clusters-aurora.xml")));

        ClusterFacts cluster = inventory.cluster("database-1").orElseThrow();

        assertThat(cluster.engine()).isEqualTo("aurora-postgresql");
        assertThat(cluster.isNeptune()).isFalse();
    }

    @Test
    void account_notGiven_learntFromTheFirstClusterArn() {
        server.stubFor(neptune("DescribeDBClusters").willReturn(xml(200, "describe-db-clusters-foreign-key.xml")));
        AwsInventory learning = new AwsInventory(clients);

        assertThat(learning.account()).isNull();
        learning.cluster("graph-foreign-key");

        assertThat(learning.account()).isEqualTo(ACCOUNT);
        assertThat(learning.region()).isEqualTo("us-east-1");
    }

    @Test
    void cluster_throttledOnce_retriesAndReturnsCluster() {
        server.stubFor(neptune("DescribeDBClusters").inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(xml(400, "error-throttling.xml")).willSetStateTo("recovered"));
        server.stubFor(neptune("DescribeDBClusters").inScenario("throttle").whenScenarioStateIs("recovered")
                .willReturn(xml(200, "describe-db-clusters-foreign-key.xml")));

        ClusterFacts cluster = inventory.cluster("graph-foreign-key").orElseThrow();

        assertThat(cluster.identifier()).isEqualTo("graph-foreign-key");
        assertThat(inventory.usage().calls()).isEqualTo(1);
        assertThat(inventory.usage().attempts()).isEqualTo(2);
        server.verify(2, neptuneRequests("DescribeDBClusters"));
    }

    @Test
    void cluster_throttledOnEveryAttempt_escapesAfterThreeAttempts() {
        server.stubFor(neptune("DescribeDBClusters").willReturn(xml(400, "error-throttling.xml")));

        assertThatThrownBy(() -> inventory.cluster("graph-foreign-key"))
                .isInstanceOfSatisfying(NeptuneException.class, e -> {
                    assertThat(e.isThrottlingException()).isTrue();
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                });
        assertThat(inventory.usage().calls()).isEqualTo(1);
        assertThat(inventory.usage().attempts()).isEqualTo(3);
    }

    @Test
    void snapshots_twoPagesOfManualAndAutomated_returnsEveryNeptuneSnapshot() {
        server.stubFor(neptune("DescribeDBClusterSnapshots").withRequestBody(notContaining("Marker="))
                .willReturn(xml(200, "describe-db-cluster-snapshots-page-1.xml")));
        server.stubFor(neptune("DescribeDBClusterSnapshots").withRequestBody(containing("Marker=snapshots-2"))
                .willReturn(xml(200, "describe-db-cluster-snapshots-page-2.xml")));

        List<SnapshotFacts> snapshots = inventory.snapshots();

        assertThat(snapshots).extracting(SnapshotFacts::identifier)
                .containsExactly("graph-before-upgrade", AUTOMATED_SNAPSHOT, "graph-unencrypted-final");
        assertThat(snapshots).extracting(SnapshotFacts::snapshotType).containsExactly("manual", "automated", "manual");
        SnapshotFacts automated = snapshots.get(1);
        assertThat(automated.arn())
                .isEqualTo("arn:aws:rds:us-east-1:644160558196:cluster-snapshot:" + AUTOMATED_SNAPSHOT);
        assertThat(automated.clusterIdentifier()).isEqualTo("test-rds-cluster-param-group");
        assertThat(automated.kmsKeyId()).isEqualTo(CMK_ARN);
        assertThat(automated.createTime()).isEqualTo(Instant.parse("2024-11-20T05:42:55.108Z"));
        assertThat(automated.source()).isEqualTo(FactSource.LIVE);
        assertThat(snapshots.get(2).encrypted()).isFalse();
        server.verify(2, neptuneRequests("DescribeDBClusterSnapshots")
                .withRequestBody(containing("IncludeShared=false"))
                .withRequestBody(notContaining("SnapshotType="))
                .withRequestBody(containing("Filters.Filter.1.Values.Value.1=neptune"))
                .withRequestBody(containing("MaxRecords=100")));
    }

    @Test
    void snapshot_automatedIdentifier_asksForAutomatedType() {
        server.stubFor(neptune("DescribeDBClusterSnapshots")
                .withRequestBody(containing("DBClusterSnapshotIdentifier=" + encoded(AUTOMATED_SNAPSHOT)))
                .withRequestBody(containing("SnapshotType=automated"))
                .willReturn(xml(200, "describe-db-cluster-snapshots-automated.xml")));

        SnapshotFacts snapshot = inventory.snapshot(AUTOMATED_SNAPSHOT).orElseThrow();

        assertThat(snapshot.snapshotType()).isEqualTo("automated");
        assertThat(snapshot.encrypted()).isTrue();
    }

    @Test
    void snapshot_unknownIdentifier_returnsEmpty() {
        server.stubFor(neptune("DescribeDBClusterSnapshots")
                .withRequestBody(containing("DBClusterSnapshotIdentifier=graph-missing-snapshot"))
                .willReturn(xml(404, "error-db-cluster-snapshot-not-found.xml")));

        assertThat(inventory.snapshot("graph-missing-snapshot")).isEmpty();
        server.verify(1, neptuneRequests("DescribeDBClusterSnapshots").withRequestBody(notContaining("SnapshotType=")));
    }

    @Test
    void tags_clusterArn_returnsTagMap() {
        server.stubFor(neptune("ListTagsForResource")
                .withRequestBody(containing("ResourceName=" + encoded(DEFAULT_KEY_CLUSTER_ARN)))
                .willReturn(xml(200, "list-tags-for-resource.xml")));

        Map<String, String> tags = inventory.tags(DEFAULT_KEY_CLUSTER_ARN);

        assertThat(tags).containsExactly(
                Map.entry("neptune-guard:exempt", "restore onto a customer managed key is planned; until=2099-12-31"),
                Map.entry("team", "graph-platform"));
    }

    @Test
    void tags_deletedCluster_returnsEmptyMap() {
        server.stubFor(neptune("ListTagsForResource").willReturn(xml(404, "error-db-cluster-not-found.xml")));

        assertThat(inventory.tags("arn:aws:rds:us-east-1:644160558196:cluster:graph-missing")).isEmpty();
    }

    @Test
    void snapshots_engineFilterRejected_listsWithoutFilterAndKeepsNeptuneOnly() {
        server.stubFor(neptune("DescribeDBClusterSnapshots").withRequestBody(containing("Filters.Filter.1"))
                .willReturn(xml(400, "error-invalid-parameter-value.xml")));
        server.stubFor(neptune("DescribeDBClusterSnapshots").withRequestBody(notContaining("Filters."))
                .withRequestBody(notContaining("Marker="))
                .willReturn(xml(200, "describe-db-cluster-snapshots-page-1.xml")));
        server.stubFor(neptune("DescribeDBClusterSnapshots").withRequestBody(notContaining("Filters."))
                .withRequestBody(containing("Marker=snapshots-2"))
                .willReturn(xml(200, "describe-db-cluster-snapshots-page-2.xml")));

        List<SnapshotFacts> snapshots = inventory.snapshots();

        assertThat(snapshots).extracting(SnapshotFacts::identifier)
                .containsExactly("graph-before-upgrade", AUTOMATED_SNAPSHOT, "graph-unencrypted-final");
        server.verify(1, neptuneRequests("DescribeDBClusterSnapshots").withRequestBody(containing("Filters.Filter.1")));
        server.verify(2, neptuneRequests("DescribeDBClusterSnapshots").withRequestBody(notContaining("Filters.")));
    }

    @Test
    void key_rotationNotRequired_makesNoRotationCall() {
        AwsInventory noRotation = new AwsInventory(clients, ACCOUNT, false);
        stubKey(CMK_ARN, "describe-key-cmk.json");

        KeyFacts key = noRotation.key(CMK_ARN);

        assertThat(key.rotation()).isEqualTo(KeyRotation.UNKNOWN);
        server.verify(0, kmsRequests("GetKeyRotationStatus"));
    }

    @Test
    void key_customerManagedKey_readsRotationAndSortedAliases() {
        stubKey(CMK_ARN, "describe-key-cmk.json");
        server.stubFor(kms("GetKeyRotationStatus").withRequestBody(matchingJsonPath("$.KeyId", equalTo(CMK_ARN)))
                .willReturn(json(200, "get-key-rotation-status-enabled.json")));

        KeyFacts key = inventory.key(CMK_ARN);

        assertThat(key.verifiable()).isTrue();
        assertThat(key.reference()).isEqualTo(CMK_ARN);
        assertThat(key.arn()).isEqualTo(CMK_ARN);
        assertThat(key.keyId()).isEqualTo("b10f842a-feb7-4318-92d5-0640a75b7688");
        assertThat(key.account()).isEqualTo(ACCOUNT);
        assertThat(key.region()).isEqualTo("us-east-1");
        assertThat(key.keyManager()).isEqualTo("CUSTOMER");
        assertThat(key.keyState()).isEqualTo("Enabled");
        assertThat(key.origin()).isEqualTo("AWS_KMS");
        assertThat(key.customKeyStoreId()).isNull();
        assertThat(key.multiRegion()).isFalse();
        assertThat(key.deletionDate()).isNull();
        assertThat(key.rotation()).isEqualTo(KeyRotation.ENABLED);
        assertThat(key.aliases()).containsExactly("alias/graph-data", "alias/neptune-prod");
        assertThat(key.description()).isEqualTo("Neptune graph data");
        server.verify(1, kmsRequests("DescribeKey")
                .withHeader("Content-Type", containing("application/x-amz-json-1.1")));
        server.verify(2, kmsRequests("ListAliases").withRequestBody(matchingJsonPath("$.Limit", equalTo("100"))));
        server.verify(1, kmsRequests("ListAliases")
                .withRequestBody(matchingJsonPath("$.Marker", equalTo("aliases-2"))));
    }

    @Test
    void key_awsManagedRdsKey_rotatesWithoutAskingKms() {
        stubKey(RDS_KEY_ARN, "describe-key-aws-rds.json");

        KeyFacts key = inventory.key(RDS_KEY_ARN);

        assertThat(key.awsManaged()).isTrue();
        assertThat(key.rotation()).isEqualTo(KeyRotation.ENABLED);
        assertThat(key.aliases()).containsExactly("alias/aws/rds");
        assertThat(key.description()).startsWith("Default master key that protects my RDS database volumes");
        server.verify(0, kmsRequests("GetKeyRotationStatus"));
    }

    @Test
    void key_pendingDeletion_carriesDeletionDate() {
        stubKey(PENDING_DELETION_KEY_ARN, "describe-key-pending-deletion.json");
        server.stubFor(kms("GetKeyRotationStatus").willReturn(json(200, "get-key-rotation-status-disabled.json")));

        KeyFacts key = inventory.key(PENDING_DELETION_KEY_ARN);

        assertThat(key.keyState()).isEqualTo("PendingDeletion");
        assertThat(key.deletionDate()).isEqualTo(Instant.parse("2020-08-21T00:00:00Z"));
        assertThat(key.multiRegion()).isTrue();
        assertThat(key.account()).isEqualTo("111122223333");
        assertThat(key.usable()).isFalse();
        assertThat(key.rotation()).isEqualTo(KeyRotation.DISABLED);
    }

    @Test
    void key_cloudHsmOrigin_notSupportedWithoutRotationCall() {
        // Asked by key id: the fixture's key is in us-east-2 and this inventory reads us-east-1.
        stubKey("1234abcd-12ab-34cd-56ef-1234567890ab", "describe-key-cloudhsm.json");

        KeyFacts key = inventory.key("1234abcd-12ab-34cd-56ef-1234567890ab");

        assertThat(key.origin()).isEqualTo("AWS_CLOUDHSM");
        assertThat(key.customKeyStoreId()).isEqualTo("cks-1234567890abcdef0");
        assertThat(key.region()).isEqualTo("us-east-2");
        assertThat(key.rotation()).isEqualTo(KeyRotation.NOT_SUPPORTED);
        server.verify(0, kmsRequests("GetKeyRotationStatus"));
    }

    @Test
    void key_rotationUnsupportedOperation_notSupported() {
        stubKey(SIGNING_KEY_ARN, "describe-key-asymmetric.json");
        server.stubFor(kms("GetKeyRotationStatus").willReturn(json(400, "error-unsupported-operation.json")));

        KeyFacts key = inventory.key(SIGNING_KEY_ARN);

        assertThat(key.verifiable()).isTrue();
        assertThat(key.rotation()).isEqualTo(KeyRotation.NOT_SUPPORTED);
        server.verify(1, kmsRequests("GetKeyRotationStatus"));
    }

    @Test
    void key_accessDenied_unverifiableWithErrorCode() {
        server.stubFor(kms("DescribeKey").willReturn(json(400, "error-access-denied.json")));

        KeyFacts key = inventory.key(FOREIGN_KEY_ARN);

        assertThat(key.verifiable()).isFalse();
        assertThat(key.error()).startsWith("AccessDeniedException: User: arn:aws:sts::644160558196:assumed-role/");
        assertThat(key.arn()).isEqualTo(FOREIGN_KEY_ARN);
        assertThat(key.keyId()).isEqualTo("0987dcba-09fe-87dc-65ba-ab0987654321");
        assertThat(inventory.usage().attempts()).as("a refusal is not retried").isEqualTo(1);
        server.verify(0, kmsRequests("ListAliases"));
        server.verify(0, kmsRequests("GetKeyRotationStatus"));
    }

    @Test
    void key_unknownAlias_notReadableNeverDeleted() {
        server.stubFor(kms("DescribeKey")
                .withRequestBody(matchingJsonPath("$.KeyId", equalTo("alias/neptune-retired")))
                .willReturn(json(400, "error-not-found.json")));

        KeyFacts key = inventory.key("alias/neptune-retired");

        assertThat(key.error()).startsWith(
                "NotFoundException: Alias arn:aws:kms:us-east-1:644160558196:alias/neptune-retired is not found.")
                .contains("not a key id or key ARN");
        assertThat(key.evidence()).isEqualTo(KeyEvidence.NOT_READABLE);
        assertThat(key.deleted()).isFalse();
        assertThat(key.reference()).isEqualTo("alias/neptune-retired");
    }

    @Test
    void key_notFoundForKeyArn_deletedWithKmsMessage() {
        String gone = "arn:aws:kms:us-east-1:111122223333:key/5555eeee-55ee-55ee-55ee-555555555555";
        server.stubFor(kms("DescribeKey").willReturn(json(400, "error-key-not-found.json")));

        KeyFacts key = inventory.key(gone);

        assertThat(key.evidence()).isEqualTo(KeyEvidence.NOT_FOUND);
        assertThat(key.deleted()).isTrue();
        assertThat(key.error()).isEqualTo("NotFoundException: Key '" + gone + "' does not exist");
        assertThat(key.account()).isEqualTo("111122223333");
        assertThat(key.region()).isEqualTo("us-east-1");
        assertThat(inventory.usage().attempts()).as("a refusal is not retried").isEqualTo(1);
    }

    @Test
    void key_notFoundForMalformedId_notReadable() {
        server.stubFor(kms("DescribeKey").willReturn(json(400, "error-key-not-found.json")));

        KeyFacts key = inventory.key("default_kms_key_id");

        assertThat(key.evidence()).isEqualTo(KeyEvidence.NOT_READABLE);
        assertThat(key.error()).contains("default_kms_key_id is not a key id or key ARN");
    }

    @Test
    void key_invalidState_notReadable() {
        server.stubFor(kms("DescribeKey").willReturn(json(400, "error-kms-invalid-state.json")));

        KeyFacts key = inventory.key(CMK_ARN);

        assertThat(key.evidence()).isEqualTo(KeyEvidence.NOT_READABLE);
        assertThat(key.error()).startsWith("KMSInvalidStateException");
    }

    @Test
    void key_otherRegionsKeyArn_notReadableWithoutAsking() {
        KeyFacts key = inventory.key(CLOUDHSM_KEY_ARN);

        assertThat(key.evidence()).isEqualTo(KeyEvidence.NOT_READABLE);
        assertThat(key.error()).isEqualTo("the key is in us-east-2; this check reads us-east-1");
        server.verify(0, kmsRequests("DescribeKey"));
    }

    @Test
    void key_throttledOnEveryAttemptForTheCli_notReadableWithTheCode() {
        server.stubFor(kms("DescribeKey").willReturn(json(400, "error-throttling.json")));
        AwsInventory cli = new AwsInventory(clients, ACCOUNT, false, KeyFaults.UNREADABLE);

        KeyFacts key = cli.key(CMK_ARN);

        assertThat(key.evidence()).isEqualTo(KeyEvidence.NOT_READABLE);
        assertThat(key.error()).startsWith("ThrottlingException");
        server.verify(3, kmsRequests("DescribeKey"));
    }

    @Test
    void key_throttledOnEveryAttemptForALambda_escapesForRetry() {
        server.stubFor(kms("DescribeKey").willReturn(json(400, "error-throttling.json")));

        assertThatThrownBy(() -> inventory.key(CMK_ARN)).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.isThrottlingException()).isTrue());
    }

    @Test
    void key_rotationStatusDenied_unreadableWithTheCode() {
        stubKey(CMK_ARN, "describe-key-cmk.json");
        server.stubFor(kms("GetKeyRotationStatus").willReturn(json(400, "error-access-denied.json")));
        server.stubFor(kms("ListAliases").willReturn(json(200, "list-aliases-page-2.json")));

        KeyFacts key = inventory.key(CMK_ARN);

        assertThat(key.verifiable()).isTrue();
        assertThat(key.rotation()).isEqualTo(KeyRotation.UNREADABLE);
        assertThat(key.rotationError()).startsWith("AccessDeniedException");
    }

    @Test
    void evaluateCluster_keyAccessDenied_failsKeyUnverifiable() {
        server.stubFor(neptune("DescribeDBClusters").willReturn(xml(200, "describe-db-clusters-foreign-key.xml")));
        server.stubFor(kms("DescribeKey").withRequestBody(matchingJsonPath("$.KeyId", equalTo(FOREIGN_KEY_ARN)))
                .willReturn(json(400, "error-access-denied.json")));
        server.stubFor(neptune("ListTagsForResource").willReturn(xml(200, "list-tags-for-resource-empty.xml")));
        EncryptionGuard guard = guard(Policy.defaults());

        List<Finding> findings = guard.evaluateCluster(inventory.cluster("graph-foreign-key").orElseThrow());

        Finding unverifiable = findings.stream()
                .filter(f -> f.ruleId() == RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE).findFirst().orElseThrow();
        assertThat(unverifiable.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(unverifiable.actionable()).isTrue();
        assertThat(unverifiable.detail()).contains(FOREIGN_KEY_ARN).contains("AccessDeniedException");
        assertThat(findings).noneMatch(f -> f.ruleId() == RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY);
    }

    @Test
    void key_sameKeyAskedThreeTimes_describedOnce() {
        stubKey(CMK_ARN, "describe-key-cmk.json");
        server.stubFor(kms("GetKeyRotationStatus").willReturn(json(200, "get-key-rotation-status-enabled.json")));

        KeyFacts first = inventory.key(CMK_ARN);
        KeyFacts second = inventory.key(CMK_ARN);
        KeyFacts third = inventory.key(CMK_ARN);

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        server.verify(1, kmsRequests("DescribeKey"));
        server.verify(1, kmsRequests("GetKeyRotationStatus"));
        server.verify(2, kmsRequests("ListAliases"));
        assertThat(inventory.usage().calls()).isEqualTo(4);
    }

    @Test
    void key_aliasThenArn_describedOnce() {
        stubKey("alias/neptune-prod", "describe-key-cmk.json");
        server.stubFor(kms("GetKeyRotationStatus").willReturn(json(200, "get-key-rotation-status-enabled.json")));

        KeyFacts byAlias = inventory.key("alias/neptune-prod");
        KeyFacts byArn = inventory.key(CMK_ARN);

        assertThat(byAlias.reference()).isEqualTo("alias/neptune-prod");
        assertThat(byArn.reference()).isEqualTo(CMK_ARN);
        assertThat(byArn.arn()).isEqualTo(byAlias.arn()).isEqualTo(CMK_ARN);
        assertThat(byArn.aliases()).containsExactly("alias/graph-data", "alias/neptune-prod");
        server.verify(1, kmsRequests("DescribeKey"));
    }

    @Test
    void key_throttledTwice_returnsKeyAfterThreeAttempts() {
        server.stubFor(kms("DescribeKey").inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(json(400, "error-throttling.json")).willSetStateTo("throttled again"));
        server.stubFor(kms("DescribeKey").inScenario("throttle").whenScenarioStateIs("throttled again")
                .willReturn(json(400, "error-throttling.json")).willSetStateTo("answering"));
        server.stubFor(kms("DescribeKey").inScenario("throttle").whenScenarioStateIs("answering")
                .willReturn(json(200, "describe-key-aws-rds.json")));

        KeyFacts key = inventory.key(RDS_KEY_ARN);

        assertThat(key.verifiable()).isTrue();
        assertThat(key.keyManager()).isEqualTo("AWS");
        server.verify(3, kmsRequests("DescribeKey"));
        CallCounter.Tally usage = inventory.usage();
        assertThat(usage.calls("DescribeKey")).isEqualTo(1);
        assertThat(usage.attempts() - usage.calls()).as("retried attempts").isEqualTo(2);
    }

    @Test
    void key_persistentServerError_escapesAfterRetries() {
        server.stubFor(kms("DescribeKey").willReturn(json(500, "error-internal.json")));

        assertThatThrownBy(() -> inventory.key(CMK_ARN))
                .isInstanceOfSatisfying(KmsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KMSInternalException"));
        server.verify(3, kmsRequests("DescribeKey"));
    }

    @Test
    void key_listAliasesDenied_keepsTheAliasItWasAskedBy() {
        stubKey("alias/neptune-prod", "describe-key-cmk.json");
        server.stubFor(kms("GetKeyRotationStatus").willReturn(json(200, "get-key-rotation-status-enabled.json")));
        server.stubFor(kms("ListAliases").willReturn(json(400, "error-access-denied.json")));

        KeyFacts key = inventory.key("alias/neptune-prod");

        assertThat(key.verifiable()).isTrue();
        assertThat(key.aliases()).containsExactly("alias/neptune-prod");
        server.verify(1, kmsRequests("ListAliases"));
    }

    @Test
    void scan_wholeAccount_callsGrowWithPagesAndDistinctKeys() {
        stubClusterPages();
        server.stubFor(neptune("DescribeDBClusterSnapshots").withRequestBody(notContaining("Marker="))
                .willReturn(xml(200, "describe-db-cluster-snapshots-page-1.xml")));
        server.stubFor(neptune("DescribeDBClusterSnapshots").withRequestBody(containing("Marker=snapshots-2"))
                .willReturn(xml(200, "describe-db-cluster-snapshots-page-2.xml")));
        stubKey(CMK_ARN, "describe-key-cmk.json");
        stubKey(RDS_KEY_ARN, "describe-key-aws-rds.json");
        server.stubFor(kms("GetKeyRotationStatus").willReturn(json(200, "get-key-rotation-status-enabled.json")));
        server.stubFor(neptune("ListTagsForResource").willReturn(xml(200, "list-tags-for-resource-empty.xml")));
        server.stubFor(neptune("ListTagsForResource")
                .withRequestBody(containing("ResourceName=" + encoded(DEFAULT_KEY_CLUSTER_ARN)))
                .willReturn(xml(200, "list-tags-for-resource.xml")));

        ScanReport report = guard(Policy.defaults()).scan();

        assertThat(report.clusters()).isEqualTo(4);
        assertThat(report.snapshots()).isEqualTo(3);
        assertThat(report.keys()).isEqualTo(2);
        Finding awsManaged = report.findings().stream()
                .filter(f -> f.ruleId() == RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY)
                .filter(f -> f.resourceArn().equals(DEFAULT_KEY_CLUSTER_ARN)).findFirst().orElseThrow();
        assertThat(awsManaged.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(awsManaged.suppressed()).as("exempt by its tag").isTrue();
        CallCounter.Tally usage = inventory.usage();
        assertThat(usage.callsByOperation()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DescribeDBClusters", 3L,
                "DescribeDBClusterSnapshots", 2L,
                "DescribeKey", 2L,
                "GetKeyRotationStatus", 1L,
                "ListAliases", 2L,
                // only resources with a failed finding: 3 clusters and the unencrypted snapshot
                "ListTagsForResource", 4L,
                // one page each; this stub does not serve Neptune Analytics (GraphInventoryIT does)
                "ListGraphs", 1L,
                "ListGraphSnapshots", 1L));
        assertThat(usage.calls()).isEqualTo(16);
        assertThat(usage.attempts()).isEqualTo(16);
    }

    private EncryptionGuard guard(Policy policy) {
        return new EncryptionGuard(inventory, new EncryptionRules(policy),
                Clock.fixed(Instant.parse("2026-01-15T09:00:00Z"), ZoneOffset.UTC));
    }

    private static void stubClusterPages() {
        server.stubFor(neptune("DescribeDBClusters").withRequestBody(notContaining("Marker="))
                .willReturn(xml(200, "describe-db-clusters-page-1.xml")));
        server.stubFor(neptune("DescribeDBClusters").withRequestBody(containing("Marker=page-2"))
                .willReturn(xml(200, "describe-db-clusters-page-2.xml")));
        server.stubFor(neptune("DescribeDBClusters").withRequestBody(containing("Marker=page-3"))
                .willReturn(xml(200, "describe-db-clusters-page-3.xml")));
    }

    private static void stubKey(String keyId, String file) {
        server.stubFor(kms("DescribeKey").withRequestBody(matchingJsonPath("$.KeyId", equalTo(keyId)))
                .willReturn(json(200, file)));
    }

    /** A Neptune Query-protocol call: form-encoded POST whose body starts with the action. */
    private static MappingBuilder neptune(String action) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    private static RequestPatternBuilder neptuneRequests(String action) {
        return postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    /** A KMS JSON 1.1 call, told apart by its target header. */
    private static MappingBuilder kms(String action) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService." + action));
    }

    private static RequestPatternBuilder kmsRequests(String action) {
        return postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService." + action));
    }

    private static ResponseDefinitionBuilder xml(int status, String file) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
                .withBody(fixture("neptune/" + file));
    }

    private static ResponseDefinitionBuilder json(int status, String file) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(fixture("kms/" + file));
    }

    private static String fixture(String path) {
        try (InputStream in = AwsInventoryIT.class.getResourceAsStream("/wire/" + path)) {
            return new String(Objects.requireNonNull(in, "missing fixture " + path).readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, UTF_8);
    }
}
