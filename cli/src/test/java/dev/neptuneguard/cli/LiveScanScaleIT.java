package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live scan of a large account against the local stub: 2,000 clusters and 10,000 snapshots in one region. The
 * cost must grow with pages, not with resources: 20 DescribeDBClusters pages, 100 DescribeDBClusterSnapshots pages,
 * one DescribeKey per distinct key, one pass over ListAliases, and tags only for resources that failed a rule.
 */
class LiveScanScaleIT {

    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = AwsStub.ACCOUNT;
    private static final int CLUSTERS = 2_000;
    private static final int SNAPSHOTS_PER_CLUSTER = 5;
    private static final List<String> CMKS = List.of(
            "arn:aws:kms:us-east-1:644160558196:key/0a6c1f3e-1111-4c5d-9e8f-000000000001",
            "arn:aws:kms:us-east-1:644160558196:key/0a6c1f3e-2222-4c5d-9e8f-000000000002",
            "arn:aws:kms:us-east-1:644160558196:key/0a6c1f3e-3333-4c5d-9e8f-000000000003",
            "arn:aws:kms:us-east-1:644160558196:key/0a6c1f3e-4444-4c5d-9e8f-000000000004");
    private static final String RDS_KEY = "arn:aws:kms:us-east-1:644160558196:key/72c87446-729b-4624-9faa-137b26402e0f";

    @TempDir
    Path dir;

    private AwsStub stub;

    @BeforeEach
    void start() {
        stub = new AwsStub();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    /** Every 100th cluster is unencrypted, every 250th (from the first) on aws/rds, the rest on one of 4 CMKs. */
    private static String keyOf(int cluster) {
        if (cluster % 100 == 0) {
            return null;
        }
        return cluster % 250 == 1 ? RDS_KEY : CMKS.get(cluster % CMKS.size());
    }

    @Test
    void scan_2000Clusters10000Snapshots_costsPagesAndDistinctKeysNotResources() throws IOException {
        List<Map<String, String>> clusters = new ArrayList<>();
        List<Map<String, String>> snapshots = new ArrayList<>();
        int unencrypted = 0;
        int awsManaged = 0;
        for (int i = 1; i <= CLUSTERS; i++) {
            String id = String.format("graph-%04d", i);
            String key = keyOf(i);
            clusters.add(QueryXml.cluster(REGION, ACCOUNT, id, key, "available"));
            for (int s = 1; s <= SNAPSHOTS_PER_CLUSTER; s++) {
                snapshots.add(QueryXml.snapshot(REGION, ACCOUNT, id + "-s" + s, id, key));
            }
            if (key == null) {
                unencrypted++;
            } else if (key.equals(RDS_KEY)) {
                awsManaged++;
            }
        }
        stub.region(REGION, clusters, snapshots);
        CMKS.forEach(k -> stub.key(REGION, k, false));
        stub.key(REGION, RDS_KEY, true);
        Path file = dir.resolve("findings.jsonl");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        long start = System.nanoTime();
        int code = NeptuneGuardCli.run(LiveScanIT.context(false), new PrintWriter(out), new PrintWriter(err), "scan",
                "--region", REGION, "--endpoint-url", stub.url(), "--format", "json", "--output", file.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        int failedResources = (unencrypted + awsManaged) * (1 + SNAPSHOTS_PER_CLUSTER);
        Map<String, Long> expected = new TreeMap<>(Map.of(
                REGION + " DescribeDBClusters", (long) CLUSTERS / AwsStub.PAGE,
                REGION + " DescribeDBClusterSnapshots", (long) CLUSTERS * SNAPSHOTS_PER_CLUSTER / AwsStub.PAGE,
                REGION + " DescribeKey", (long) CMKS.size() + 1,
                REGION + " ListAliases", 2L,
                REGION + " ListTagsForResource", (long) failedResources,
                REGION + " ListGraphs", 1L,
                REGION + " ListGraphSnapshots", 1L));
        assertThat(stub.attemptsByRegionAndOperation()).isEqualTo(expected);
        assertThat(expected.get(REGION + " DescribeDBClusters")).isEqualTo(20);
        assertThat(expected.get(REGION + " DescribeDBClusterSnapshots")).isEqualTo(100);
        long calls = expected.values().stream().mapToLong(Long::longValue).sum();
        assertThat(stub.unmatched()).isZero();

        List<JsonNode> findings = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            findings.add(Json.MAPPER.readTree(line));
        }
        assertThat(findings).hasSize(failedResources);
        assertThat(findings).filteredOn(f -> f.get("ruleId").asText().endsWith("_UNENCRYPTED"))
                .hasSize(unencrypted * (1 + SNAPSHOTS_PER_CLUSTER));
        assertThat(findings).filteredOn(f -> f.get("ruleId").asText().endsWith("_AWS_MANAGED_KEY"))
                .hasSize(awsManaged * (1 + SNAPSHOTS_PER_CLUSTER));
        assertThat(unencrypted * (1 + SNAPSHOTS_PER_CLUSTER)).isEqualTo(120);
        assertThat(awsManaged * (1 + SNAPSHOTS_PER_CLUSTER)).isEqualTo(48);
        assertThat(err.toString()).contains("Scanned 1 region in ")
                .contains("(1 complete): 2,000 clusters, 10,000 snapshots, 5 keys; 120 HIGH, 48 MEDIUM failed")
                .contains(String.format("%,d AWS calls (%,d attempts).", calls, calls));
        System.out.printf("scale scan: %,d clusters, %,d snapshots, %,d AWS calls, %,d ms%n%s", CLUSTERS,
                CLUSTERS * SNAPSHOTS_PER_CLUSTER, calls, millis, err);
        assertThat(millis).as("a local scan of 12,000 resources").isLessThan(120_000);
    }
}
