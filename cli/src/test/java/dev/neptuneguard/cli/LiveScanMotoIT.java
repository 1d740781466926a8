package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.moto.MotoExtension;
import dev.neptuneguard.moto.MotoServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neptune-guard scan} as a process against moto: two regions of one account built through the SDK, read
 * through {@code --endpoint-url} with the SDK's default credentials chain, every verdict checked against the state.
 */
@ExtendWith(MotoExtension.class)
class LiveScanMotoIT {

    @TempDir
    Path dir;

    @Test
    void scan_twoRegions_everyClusterSnapshotAndKeyJudgedInItsRegion(MotoServer moto) {
        MotoAccount account = MotoAccount.build(moto);

        CliProcess.Run run = CliProcess.run(moto.processEnvironment(), dir, "scan", "--region", "us-east-1",
                "--region", "eu-west-1", "--endpoint-url", moto.endpoint().toString(), "--format", "json",
                "--include-passed");

        assertThat(run.code()).as(run.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(run.err()).contains("Scanned 2 regions");
        List<JsonNode> findings = run.findings();
        assertThat(findings).filteredOn(f -> !f.path("resourceType").asText().equals("AWS::KMS::Key"))
                .extracting(f -> f.path("account").asText()).containsOnly(MotoServer.ACCOUNT);
        assertThat(verdict(findings, "NEPTUNE_CLUSTER_UNENCRYPTED", MotoAccount.clusterArn(MotoAccount.EAST,
                "graph-scratch"))).containsEntry("status", "FAILED").containsEntry("region", "us-east-1");
        assertThat(verdict(findings, "NEPTUNE_CLUSTER_UNENCRYPTED", MotoAccount.clusterArn(MotoAccount.WEST,
                "graph-eu-plain"))).containsEntry("status", "FAILED").containsEntry("region", "eu-west-1");
        assertThat(verdict(findings, "NEPTUNE_CLUSTER_UNENCRYPTED", MotoAccount.clusterArn(MotoAccount.EAST,
                "graph-lab"))).containsEntry("status", "FAILED").containsEntry("suppressed", "true");
        assertThat(verdict(findings, "NEPTUNE_CLUSTER_KEY_UNUSABLE", MotoAccount.clusterArn(MotoAccount.EAST,
                "graph-legacy"))).containsEntry("status", "FAILED").containsEntry("severity", "CRITICAL");
        assertThat(verdict(findings, "NEPTUNE_SNAPSHOT_KEY_UNUSABLE", "arn:aws:rds:us-east-1:" + MotoServer.ACCOUNT
                + ":cluster-snapshot:graph-legacy-before-upgrade")).containsEntry("status", "FAILED");
        assertThat(verdict(findings, "KMS_KEY_DISABLED_IN_USE", account.disabledKey))
                .containsEntry("status", "FAILED");
        assertThat(verdict(findings, "KMS_KEY_DELETION_SCHEDULED_IN_USE", account.pendingKey))
                .containsEntry("status", "FAILED");
        assertThat(verdict(findings, "NEPTUNE_CLUSTER_AWS_MANAGED_KEY", MotoAccount.clusterArn(MotoAccount.EAST,
                "graph-prod"))).containsEntry("status", "PASSED");
        assertThat(verdict(findings, "NEPTUNE_CLUSTER_KEY_UNUSABLE", MotoAccount.clusterArn(MotoAccount.WEST,
                "graph-eu"))).containsEntry("status", "PASSED").containsEntry("region", "eu-west-1");
        assertThat(findings).extracting(f -> f.path("resourceArn").asText()).noneMatch(a -> a.contains(":orders"));
        assertThat(findings).filteredOn(f -> f.path("keyArn").asText().equals(account.westKey))
                .extracting(f -> f.path("region").asText()).containsOnly("eu-west-1");
    }

    /** The one finding of {@code rule} on {@code arn}, as text fields. */
    private static Map<String, String> verdict(List<JsonNode> findings, String rule, String arn) {
        List<JsonNode> matching = findings.stream().filter(f -> f.path("ruleId").asText().equals(rule)
                && f.path("resourceArn").asText().equals(arn)).toList();
        assertThat(matching).as(rule + " on " + arn).hasSize(1);
        JsonNode f = matching.get(0);
        return Map.of("status", f.path("status").asText(), "severity", f.path("severity").asText(),
                "region", f.path("region").asText(), "suppressed", f.path("suppressed").asText());
    }
}
