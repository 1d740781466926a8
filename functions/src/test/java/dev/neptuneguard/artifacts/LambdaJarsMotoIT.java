package dev.neptuneguard.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.moto.EventFixture;
import dev.neptuneguard.moto.MotoExtension;
import dev.neptuneguard.moto.MotoServer;
import dev.neptuneguard.moto.MotoStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.neptune.NeptuneClient;
import software.amazon.awssdk.services.neptune.model.DBCluster;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * The deployable jars themselves against moto: each handler started by its public constructor in a fresh JVM with
 * only its jar, configured by environment variables alone (the stack's, and {@code NEPTUNE_GUARD_ENDPOINT_URL}
 * aimed at moto) — exactly as Lambda starts it. Everything a function prints must be one JSON object per line.
 */
@ExtendWith(MotoExtension.class)
class LambdaJarsMotoIT {

    @TempDir
    Path dir;

    private MotoServer moto;
    private MotoStack stack;
    private DBCluster cluster;

    @BeforeEach
    void deploy(MotoServer server) {
        moto = server;
        stack = MotoStack.deploy(moto);
        cluster = moto.client(NeptuneClient.builder()).build().createDBCluster(b -> b
                .dbClusterIdentifier("graph-scratch").engine("neptune").storageEncrypted(false)).dbCluster();
    }

    @Test
    void guardAndDeliveryJars_clusterEventThenExport_alertOnSnsFindingInSecurityHubOnlyJsonLogged()
            throws Exception {
        Path event = dir.resolve("event.json");
        Files.writeString(event, EventFixture.load("rds/create-db-cluster-neptune-unencrypted.json")
                .account(MotoServer.ACCOUNT).eventId("evt-jar")
                .set("/detail/requestParameters/dBClusterIdentifier", cluster.dbClusterIdentifier())
                .set("/detail/responseElements/dBClusterIdentifier", cluster.dbClusterIdentifier())
                .set("/detail/responseElements/dBClusterArn", cluster.dbClusterArn())
                .set("/detail/responseElements/dbClusterResourceId", cluster.dbClusterResourceId()).json());

        FreshJvm.Run guard = FreshJvm.run(Artifact.GUARD.jar(), "dev.neptuneguard.handler.ClusterEncryptionHandler",
                event, moto.endpoint().toString(), functionEnvironment());

        assertThat(guard.exitCode()).as(guard.toString()).isZero();
        assertThat(HandlerIsolationIT.unstructured(guard.logs())).as("non-JSON log lines").isEmpty();
        assertThat(stack.alerts()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("NEPTUNE_CLUSTER_UNENCRYPTED");
            assertThat(a.attributes()).containsEntry("eventId", "evt-jar");
        });

        Path batch = dir.resolve("batch.json");
        Files.writeString(batch, stack.exportBatchEvent());
        FreshJvm.Run delivery = FreshJvm.run(Artifact.DELIVERY.jar(),
                "dev.neptuneguard.handler.SecurityHubExporterHandler", batch, moto.endpoint().toString(), Map.of());

        assertThat(delivery.exitCode()).as(delivery.toString()).isZero();
        assertThat(HandlerIsolationIT.unstructured(delivery.logs())).as("non-JSON log lines").isEmpty();
        assertThat(stack.securityHubFindings()).extracting(AwsSecurityFinding::id)
                .contains("neptune-guard/NEPTUNE_CLUSTER_UNENCRYPTED/" + cluster.dbClusterArn());
    }

    /** The guard functions' variables as the stack sets them; region, credentials and endpoint come from FreshJvm. */
    private Map<String, String> functionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(stack.environment(Map.of()));
        env.remove("AWS_REGION");
        env.remove("NEPTUNE_GUARD_ENDPOINT_URL");
        return env;
    }
}
