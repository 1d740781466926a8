package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two accounts' data for one region is reported as two sections, one per account and region: each with its header
 * and summary, each finding once, under the account its resource belongs to.
 */
class ReportSectionsTest {

    private static final String A = "111122223333";
    private static final String B = "444455556666";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The demo bundle moved to account {@code account}: every ARN and account id in it. */
    private Path bundle(String account) throws IOException {
        String text = Json.MAPPER.writeValueAsString(DemoBundle.load().json()).replace(A, account);
        Path file = dir.resolve("bundle-" + account + ".json");
        Json.MAPPER.writeValue(file.toFile(), Json.MAPPER.readTree(text));
        return file;
    }

    private int run(String... args) {
        return NeptuneGuardCli.run(LiveScanIT.CLOCK, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void scan_twoAccountsOneRegion_oneSectionPerAccount() throws IOException {
        int code = run("scan", "--offline", bundle(A).toString(), bundle(B).toString());

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).filteredOn(l -> l.startsWith("Account ")).containsExactly(
                "Account " + A + ", region us-east-1 (offline export)",
                "Account " + B + ", region us-east-1 (offline export)");
        assertThat(lines).filteredOn(l -> l.matches("\\d{12}/us-east-1: .*")).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains(": 7 Neptune clusters, 5 snapshots"));
        assertThat(lines).filteredOn(l -> l.startsWith("  HIGH          NEPTUNE_CLUSTER_UNENCRYPTED              "
                + "graph-scratch")).hasSize(2);
        String sectionB = out.toString().substring(out.toString().indexOf("Account " + B));
        assertThat(sectionB).contains("arn:aws:rds:us-east-1:" + B + ":cluster:graph-scratch")
                .doesNotContain("arn:aws:rds:us-east-1:" + A + ":");
        assertThat(lines.get(lines.size() - 1)).startsWith("Scanned 1 region of 2 accounts (offline export)");
    }

    @Test
    void scan_twoAccountsJson_eachFindingOnceWithItsAccount() throws IOException {
        run("scan", "--offline", bundle(A).toString(), "--format", "json");
        long single = out.toString().lines().count();
        out.getBuffer().setLength(0);

        run("scan", "--offline", bundle(A).toString(), bundle(B).toString(), "--format", "json");

        List<JsonNode> findings = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            findings.add(Json.MAPPER.readTree(line));
        }
        assertThat(findings).hasSize((int) single * 2);
        assertThat(findings).filteredOn(f -> f.get("account").asText().equals(B)).hasSize((int) single)
                .allSatisfy(f -> assertThat(f.get("resourceArn").asText()).contains(":" + B + ":"));
        assertThat(err.toString()).contains(A + "/us-east-1: ").contains(B + "/us-east-1: ");
    }

    @Test
    void scan_oneDescribeOutputWithClustersOfTwoAccounts_splitByTheirArns() throws IOException {
        ObjectNode demo = DemoBundle.load().json();
        ArrayNode outputs = (ArrayNode) demo.get("outputs");
        ArrayNode clusters = (ArrayNode) outputs.get(0).get("DBClusters");
        ObjectNode copy = clusters.get(2).deepCopy();
        copy.put("DBClusterArn", copy.get("DBClusterArn").asText().replace(A, B));
        clusters.add(copy);
        Path file = dir.resolve("mixed.json");
        Json.MAPPER.writeValue(file.toFile(), demo);

        run("scan", "--offline", file.toString());

        assertThat(out.toString()).contains("Account " + B + ", region us-east-1 (offline export)")
                .contains(B + "/us-east-1: 1 Neptune cluster, 0 snapshots");
    }
}
