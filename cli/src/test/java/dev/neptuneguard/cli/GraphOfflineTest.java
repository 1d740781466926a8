package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Neptune Analytics in the command line: {@code scan --offline} over the AWS CLI's {@code neptune-graph list-graphs},
 * {@code get-graph} and {@code list-graph-snapshots} outputs (alone and in the demo bundle), {@code replay} of graph
 * events, and the export script.
 */
class GraphOfflineTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String CMK = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return NeptuneGuardCli.run(LiveScanIT.CLOCK, new PrintWriter(out), new PrintWriter(err), args);
    }

    private Path write(String name, ObjectNode json) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        return file;
    }

    private static ObjectNode graph(String id, String name, String key) {
        ObjectNode g = MAPPER.createObjectNode().put("id", id).put("name", name)
                .put("arn", "arn:aws:neptune-graph:us-east-1:111122223333:graph/" + id).put("status", "AVAILABLE")
                .put("provisionedMemory", 16);
        if (key != null) {
            g.put("kmsKeyIdentifier", key);
        }
        return g;
    }

    @Test
    void scan_demoBundle_reportsTheGraphOnTheAwsOwnedKeyAndPassesTheOneOnTheCmk() {
        int code = run("scan", "--offline", DemoBundle.load().write(dir.resolve("demo.json")).toString(),
                "--format", "json", "--include-passed");

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(out.toString().lines().filter(l -> l.contains("\"NEPTUNE_GRAPH_AWS_OWNED_KEY\"")
                && l.contains("\"FAILED\"")).toList()).singleElement().satisfies(l -> assertThat(l)
                .contains("graph/g-fr4ud00001", "\"resourceType\":\"AWS::NeptuneGraph::Graph\""));
        assertThat(out.toString().lines().filter(l -> l.contains("graph/g-supp1y0001"))
                .filter(l -> l.contains("\"FAILED\"")).toList()).isEmpty();
        assertThat(out.toString()).contains("\"NEPTUNE_GRAPH_SNAPSHOT_AWS_OWNED_KEY\"", "gs-fr4udn1ght");
        assertThat(err.toString()).contains("2 Neptune Analytics graphs, 1 graph snapshot");
    }

    @Test
    void scan_listGraphsAndGetGraphOutputs_mergedAndJudgedByTheKeyState() throws IOException {
        ObjectNode list = MAPPER.createObjectNode();
        ArrayNode graphs = list.putArray("graphs");
        graphs.add(graph("g-fr4ud00001", "fraud-rings", "AWS_OWNED_KEY"));
        graphs.add(graph("g-supp1y0001", "supply-chain", CMK));
        ObjectNode get = graph("g-supp1y0001", "supply-chain", CMK).put("status", "FAILED")
                .put("statusReason", "The graph cannot access its KMS key.");
        ObjectNode key = MAPPER.createObjectNode();
        key.putObject("KeyMetadata").put("KeyId", "1234abcd-12ab-34cd-56ef-1234567890ab").put("Arn", CMK)
                .put("AWSAccountId", "111122223333").put("KeyState", "Disabled").put("KeyManager", "CUSTOMER")
                .put("Origin", "AWS_KMS").put("Enabled", false);
        Path a = write("graphs-us-east-1.json", list);
        Path b = write("get-graph.json", get);
        Path c = write("key-us-east-1-1234abcd-12ab-34cd-56ef-1234567890ab.json", key);

        int code = run("scan", "--offline", a.toString(), b.toString(), c.toString());

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(out.toString()).contains("NEPTUNE_GRAPH_INACCESSIBLE", "NEPTUNE_GRAPH_KEY_UNUSABLE",
                "NEPTUNE_GRAPH_AWS_OWNED_KEY", "KMS_KEY_DISABLED_IN_USE");
        assertThat(out.toString()).contains("1 Neptune Analytics graph");
    }

    @Test
    void scan_graphArnOfAnotherService_refusedWithThePath() throws IOException {
        ObjectNode list = MAPPER.createObjectNode();
        list.putArray("graphs").add(graph("g-fr4ud00001", "fraud-rings", null)
                .put("arn", "arn:aws:rds:us-east-1:111122223333:cluster:fraud-rings"));
        Path a = write("graphs.json", list);

        int code = run("scan", "--offline", a.toString());

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(err.toString()).contains("graphs.json", "$.graphs[0]", "Neptune Analytics graph ARN");
    }

    @Test
    void replay_createGraphEvent_againstTheDemoAccount_reReadsTheGraph() {
        int code = run("replay", Path.of("..", "events", "neptune-graph", "create-graph-aws-owned-key.json")
                .toString());

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(out.toString()).contains("delivered by rule NEPTUNE_GRAPH_CREATES",
                "CreateGraph → GRAPH_CREATED g-fr4ud00001", "NEPTUNE_GRAPH_AWS_OWNED_KEY");
    }

    @Test
    void replay_importTaskEvent_graphOnTheCmkPasses() {
        int code = run("replay", Path.of("..", "events", "neptune-graph", "create-graph-using-import-task-cmk.json")
                .toString());

        assertThat(code).as(out + err.toString()).isEqualTo(NeptuneGuardCli.EXIT_OK);
        assertThat(out.toString()).contains("GRAPH_CREATED_BY_IMPORT g-supp1y0001");
    }

    @Test
    void replay_failedCall_matchesNoRuleAndIsDropped() {
        int code = run("replay", Path.of("..", "events", "neptune-graph", "create-graph-failed-access-denied.json")
                .toString());

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_OK);
        assertThat(out.toString()).contains("matches no detection rule", "FAILED_CALL");
    }

    @Test
    void exportCommands_listsGraphsAndSnapshotsAndDescribesTheirKeys() {
        int code = run("export-commands", "--region", "us-east-1");

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_OK);
        assertThat(out.toString()).contains("aws neptune-graph list-graphs --region \"$R\" --output json > "
                + "\"$out/graphs-$R.json\"", "aws neptune-graph list-graph-snapshots --region \"$R\"",
                "(KmsKeyId|kmsKeyIdentifier)", "grep -v '^AWS_OWNED_KEY$'");
    }
}
