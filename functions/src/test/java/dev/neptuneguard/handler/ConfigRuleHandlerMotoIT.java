package dev.neptuneguard.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.moto.EventFixture;
import dev.neptuneguard.moto.MotoExtension;
import dev.neptuneguard.moto.MotoServer;
import dev.neptuneguard.moto.MotoStack;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ComplianceType;
import software.amazon.awssdk.services.config.model.EvaluationResult;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.neptune.NeptuneClient;
import software.amazon.awssdk.services.neptune.model.DBCluster;

/**
 * The AWS Config rule function end to end on moto: change-triggered and periodic invocations built from the
 * repository's Config fixtures for clusters that exist in moto, and the evaluations read back from moto's Config
 * ({@code GetComplianceDetailsByResource}). moto keeps evaluations only through the harness's patch: without it
 * {@code PutEvaluations} accepts nothing but {@code TestMode}.
 */
@ExtendWith(MotoExtension.class)
class ConfigRuleHandlerMotoIT {

    private DeployedFunctions functions;
    private NeptuneClient neptune;
    private KmsClient kms;
    private ConfigClient config;

    @BeforeEach
    void deploy(MotoServer moto) {
        functions = new DeployedFunctions(MotoStack.deploy(moto).environment(Map.of()));
        neptune = moto.client(NeptuneClient.builder()).build();
        kms = moto.client(KmsClient.builder()).build();
        config = moto.client(ConfigClient.builder()).build();
    }

    @Test
    void configurationChange_unencryptedCluster_nonCompliantEvaluationInConfig() {
        DBCluster cluster = neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-scratch").engine("neptune")
                .storageEncrypted(false)).dbCluster();

        JsonNode result = DeployedFunctions.invoke(functions.configRule(), change(cluster, "{}", "token-change-1"));

        assertThat(result.path("putEvaluationsCalls").asInt()).isEqualTo(1);
        assertThat(evaluations("AWS::RDS::DBCluster", cluster.dbClusterResourceId())).singleElement().satisfies(e -> {
            assertThat(e.complianceType()).isEqualTo(ComplianceType.NON_COMPLIANT);
            assertThat(e.annotation()).startsWith("NEPTUNE_CLUSTER_UNENCRYPTED (HIGH)").hasSizeLessThanOrEqualTo(256);
            assertThat(e.resultToken()).isEqualTo("token-change-1");
        });
    }

    @Test
    void configurationChange_keyOnTheRuleAllowlist_compliant() {
        String keyArn = kms.createKey(b -> b.description("graph")).keyMetadata().arn();
        DBCluster cluster = neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-prod").engine("neptune")
                .storageEncrypted(true).kmsKeyId(keyArn)).dbCluster();
        DeployedFunctions.invoke(functions.configRule(),
                change(cluster, "{\"KmsKeyArns\": \"" + keyArn + "\"}", "token-change-2"));

        assertThat(evaluations("AWS::RDS::DBCluster", cluster.dbClusterResourceId()))
                .extracting(EvaluationResult::complianceType).containsExactly(ComplianceType.COMPLIANT);
    }

    @Test
    void scheduledNotification_clustersOfTheAccount_oneEvaluationPerNeptuneCluster() {
        String keyArn = kms.createKey(b -> b.description("graph")).keyMetadata().arn();
        DBCluster plain = neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-scratch").engine("neptune")
                .storageEncrypted(false)).dbCluster();
        DBCluster onKey = neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-prod").engine("neptune")
                .storageEncrypted(true).kmsKeyId(keyArn)).dbCluster();
        DBCluster aurora = neptune.createDBCluster(b -> b.dbClusterIdentifier("orders").engine("aurora-mysql")
                .masterUsername("admin").masterUserPassword("not-a-secret-1")).dbCluster();
        String invocation = EventFixture.load("config/scheduled-notification.json").account(MotoServer.ACCOUNT)
                .set("/accountId", MotoServer.ACCOUNT).set("/resultToken", "token-periodic")
                .set("/ruleParameters", "{\"KmsKeyArns\": \"" + keyArn + "\", \"resourceTypes\": "
                        + "\"AWS::RDS::DBCluster\"}")
                .set("/invokingEvent", invoking("config/scheduled-notification.json",
                        n -> n.put("awsAccountId", MotoServer.ACCOUNT))).json();

        JsonNode result = DeployedFunctions.invoke(functions.configRule(), invocation);

        assertThat(result.path("NON_COMPLIANT").asInt()).isEqualTo(1);
        assertThat(evaluations("AWS::RDS::DBCluster", plain.dbClusterResourceId()))
                .extracting(EvaluationResult::complianceType).containsExactly(ComplianceType.NON_COMPLIANT);
        assertThat(evaluations("AWS::RDS::DBCluster", onKey.dbClusterResourceId()))
                .extracting(EvaluationResult::complianceType).containsExactly(ComplianceType.COMPLIANT);
        assertThat(evaluations("AWS::RDS::DBCluster", aurora.dbClusterResourceId())).isEmpty();
    }

    @Test
    void scheduledNotification_snapshotRule_evaluatesEverySnapshotOfTheAccount() {
        neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-scratch").engine("neptune").storageEncrypted(false));
        String manual = neptune.createDBClusterSnapshot(b -> b.dbClusterIdentifier("graph-scratch")
                .dbClusterSnapshotIdentifier("graph-scratch-manual")).dbClusterSnapshot().dbClusterSnapshotArn();
        String invocation = EventFixture.load("config/scheduled-notification.json").account(MotoServer.ACCOUNT)
                .set("/accountId", MotoServer.ACCOUNT).set("/resultToken", "token-snapshots")
                .set("/configRuleName", "neptune-guard-snapshot-encryption")
                .set("/ruleParameters", "{\"resourceTypes\": \"AWS::RDS::DBClusterSnapshot\"}")
                .set("/invokingEvent", invoking("config/scheduled-notification.json",
                        n -> n.put("awsAccountId", MotoServer.ACCOUNT))).json();

        JsonNode result = DeployedFunctions.invoke(functions.configRule(), invocation);

        assertThat(result.path("NON_COMPLIANT").asInt()).as("the manual and the automated snapshot").isEqualTo(2);
        // Config (moto's too) has not recorded the snapshots, so the rule names them by ARN.
        assertThat(evaluations("AWS::RDS::DBClusterSnapshot", manual)).singleElement().satisfies(e -> {
            assertThat(e.complianceType()).isEqualTo(ComplianceType.NON_COMPLIANT);
            assertThat(e.annotation()).startsWith("NEPTUNE_SNAPSHOT_UNENCRYPTED (HIGH)");
        });
    }

    private List<EvaluationResult> evaluations(String type, String resourceId) {
        return config.getComplianceDetailsByResource(b -> b.resourceType(type).resourceId(resourceId))
                .evaluationResults();
    }

    /**
     * The change notification fixture for {@code cluster} as Config records it now, with the rule's
     * {@code ruleParameters} (a JSON document in a string) and a result token.
     */
    private static String change(DBCluster cluster, String ruleParameters, String token) {
        String fixture = "config/change-neptune-cluster-unencrypted-kmskeyid-null.json";
        String item = invoking(fixture, n -> {
            ObjectNode ci = (ObjectNode) n.get("configurationItem");
            ci.put("awsAccountId", MotoServer.ACCOUNT);
            ci.put("resourceId", cluster.dbClusterResourceId());
            ci.put("resourceName", cluster.dbClusterIdentifier());
            ci.put("ARN", cluster.dbClusterArn());
            ObjectNode c = (ObjectNode) ci.get("configuration");
            c.put("dbClusterResourceId", cluster.dbClusterResourceId());
            c.put("dBClusterIdentifier", cluster.dbClusterIdentifier());
            c.put("dBClusterArn", cluster.dbClusterArn());
            c.set("storageEncrypted", BooleanNode.valueOf(cluster.storageEncrypted()));
            if (Boolean.TRUE.equals(cluster.storageEncrypted())) {
                c.put("kmsKeyId", cluster.kmsKeyId());
            }
        });
        return EventFixture.load(fixture).set("/accountId", MotoServer.ACCOUNT).set("/resultToken", token)
                .set("/ruleParameters", ruleParameters).set("/invokingEvent", item).json();
    }

    /** The fixture's {@code invokingEvent} (a JSON document in a string), changed by {@code edit}, as a string. */
    private static String invoking(String fixture, Consumer<ObjectNode> edit) {
        try {
            ObjectNode n = (ObjectNode) Json.MAPPER.readTree(
                    EventFixture.load(fixture).tree().path("invokingEvent").asText());
            edit.accept(n);
            return n.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
