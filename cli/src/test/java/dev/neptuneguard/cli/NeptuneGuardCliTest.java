package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.cli.offline.BundledResources;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeptuneGuardCliTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final Path EVENTS = Path.of("..", "events");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private ObjectNode demo;

    @BeforeEach
    void loadDemo() throws IOException {
        try (InputStream in = BundledResources.demoAccount()) {
            demo = (ObjectNode) Json.MAPPER.readTree(in);
        }
    }

    private int run(String... args) {
        return NeptuneGuardCli.run(CLOCK, new PrintWriter(out), new PrintWriter(err), args);
    }

    /** Writes each output of the demo bundle to its own file, as a user exporting with the AWS CLI would. */
    private List<String> exportDemoAsSeparateFiles() throws IOException {
        List<String> files = new ArrayList<>();
        int i = 0;
        for (JsonNode output : demo.get("outputs")) {
            Path file = dir.resolve("output-" + (i++) + ".json");
            Json.MAPPER.writeValue(file.toFile(), output);
            files.add(file.toString());
        }
        return files;
    }

    private List<JsonNode> jsonLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(Json.MAPPER.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void demo_table_printsEveryFindingKindAndExitsZero() {
        int code = run("demo");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("7 Neptune clusters, 5 snapshots, 2 Neptune Analytics graphs, 1 graph snapshot, 5 keys; "
                        + "skipped 1 cluster and 0 snapshots")
                .contains("MEDIUM        NEPTUNE_GRAPH_AWS_OWNED_KEY              fraud-rings")
                .contains("LOW           NEPTUNE_CLUSTER_KEY_UNVERIFIABLE         graph-partner")
                .contains("the key belongs to account 999988887777: export from that account")
                .contains("CRITICAL      NEPTUNE_CLUSTER_KEY_UNUSABLE             graph-legacy")
                .contains("HIGH          NEPTUNE_CLUSTER_UNENCRYPTED              graph-scratch")
                .contains("MEDIUM        NEPTUNE_CLUSTER_AWS_MANAGED_KEY          graph-analytics")
                .contains("EXEMPT        NEPTUNE_CLUSTER_UNENCRYPTED              graph-sandbox")
                .contains("aws neptune restore-db-cluster-from-snapshot --db-cluster-identifier graph-analytics-cmk")
                .contains("events/rds/create-db-cluster-aurora-mysql.json")
                .contains("ignored (OTHER_ENGINE)");
        assertThat(out.toString()).as("another account's key cannot be verified; it is never called deleted")
                .doesNotContain("KMS_KEY_DELETED_IN_USE").doesNotContain("KMS_KEY_UNVERIFIABLE_IN_USE");
        assertThat(out.toString())
                .doesNotContainPattern("(CRITICAL|HIGH|MEDIUM|LOW)\\s+NEPTUNE_\\w+\\s+graph-prod\\n")
                .doesNotContainPattern("(CRITICAL|HIGH|MEDIUM|LOW)\\s+NEPTUNE_\\w+\\s+graph-hsm\\n");
    }

    @Test
    void demo_json_printsOnlyContractLinesOnStdout() throws IOException {
        int code = run("demo", "--format", "json");

        assertThat(code).isZero();
        List<JsonNode> lines = jsonLines();
        assertThat(lines).hasSizeGreaterThan(10);
        for (JsonNode f : lines) {
            for (String field : List.of("ruleId", "severity", "status", "resourceType", "resourceArn", "account",
                    "region", "title", "detail", "remediation")) {
                assertThat(f.hasNonNull(field)).as(field + " in " + f).isTrue();
            }
            assertThat(f.get("status").asText()).isEqualTo("FAILED");
        }
        assertThat(err.toString()).contains("7 Neptune clusters");
    }

    @Test
    void scan_offlineSeparateFiles_findsAwsManagedKeyAndExitsOne() throws IOException {
        List<String> args = new ArrayList<>(List.of("scan", "--format", "json", "--offline"));
        args.addAll(exportDemoAsSeparateFiles());

        int code = run(args.toArray(String[]::new));

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        List<JsonNode> lines = jsonLines();
        assertThat(lines).anySatisfy(f -> {
            assertThat(f.get("ruleId").asText()).isEqualTo("NEPTUNE_CLUSTER_AWS_MANAGED_KEY");
            assertThat(f.get("resourceArn").asText()).isEqualTo("arn:aws:rds:us-east-1:111122223333:cluster:graph-analytics");
            assertThat(f.get("keyArn").asText()).endsWith("key/0987dcba-09fe-87dc-65ba-ab0987654321");
            assertThat(f.get("severity").asText()).isEqualTo("MEDIUM");
        });
        assertThat(lines).anySatisfy(f -> {
            assertThat(f.get("resourceArn").asText()).endsWith("cluster:graph-sandbox");
            assertThat(f.get("suppressed").asBoolean()).isTrue();
            assertThat(f.get("suppressionReason").asText()).contains("until 2027-03-31");
        });
        assertThat(lines).noneSatisfy(f -> assertThat(f.get("resourceArn").asText()).contains("orders-db"));
    }

    @Test
    void scan_includePassed_printsPassedResultsForCompliantClusters() throws IOException {
        List<String> args = new ArrayList<>(List.of("scan", "--format", "json", "--include-passed", "--offline"));
        args.addAll(exportDemoAsSeparateFiles());

        run(args.toArray(String[]::new));

        assertThat(jsonLines()).anySatisfy(f -> {
            assertThat(f.get("resourceArn").asText()).endsWith("cluster:graph-prod");
            assertThat(f.get("status").asText()).isEqualTo("PASSED");
            assertThat(f.get("ruleId").asText()).isEqualTo("NEPTUNE_CLUSTER_AWS_MANAGED_KEY");
        });
    }

    @Test
    void scan_compliantAccount_exitsZero() throws IOException {
        ObjectNode clusters = Json.MAPPER.createObjectNode();
        ArrayNode list = clusters.putArray("DBClusters");
        for (JsonNode c : demo.get("outputs").get(0).get("DBClusters")) {
            if (c.get("DBClusterIdentifier").asText().equals("graph-prod")) {
                list.add(c);
            }
        }
        Path clustersFile = dir.resolve("clusters.json");
        Json.MAPPER.writeValue(clustersFile.toFile(), clusters);
        Path keyFile = dir.resolve("key.json");
        Json.MAPPER.writeValue(keyFile.toFile(), demo.get("outputs").get(2));

        int code = run("scan", "--offline", clustersFile.toString(), keyFile.toString());

        assertThat(code).as(out.toString() + err).isZero();
        assertThat(out.toString()).contains("1 Neptune cluster, 0 snapshots, 1 key").contains("No failed findings.");
    }

    @Test
    void scan_failOnCritical_ignoresLowerSeverities() throws IOException {
        ObjectNode clusters = Json.MAPPER.createObjectNode();
        ArrayNode list = clusters.putArray("DBClusters");
        for (JsonNode c : demo.get("outputs").get(0).get("DBClusters")) {
            if (c.get("DBClusterIdentifier").asText().equals("graph-scratch")) {
                list.add(c);
            }
        }
        Path file = dir.resolve("clusters.json");
        Json.MAPPER.writeValue(file.toFile(), clusters);

        assertThat(run("scan", "--offline", file.toString(), "--fail-on", "critical")).isZero();
        assertThat(run("scan", "--offline", file.toString(), "--fail-on", "HIGH")).isEqualTo(1);
    }

    @Test
    void scan_keyMissingFromExport_reportsUnverifiableNotPassed() throws IOException {
        Path file = dir.resolve("clusters.json");
        Json.MAPPER.writeValue(file.toFile(), demo.get("outputs").get(0));

        int code = run("scan", "--format", "json", "--offline", file.toString());

        assertThat(code).isEqualTo(1);
        assertThat(jsonLines()).anySatisfy(f -> {
            assertThat(f.get("ruleId").asText()).isEqualTo("NEPTUNE_CLUSTER_KEY_UNVERIFIABLE");
            assertThat(f.get("resourceArn").asText()).endsWith("cluster:graph-prod");
        });
    }

    @Test
    void scan_policyFile_appliesAllowlistAndOrigins() throws IOException {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"allowedKeyArns\": [\"alias/neptune-hsm\"], \"requiredKeyOrigins\": \"AWS_CLOUDHSM\"}");
        List<String> args = new ArrayList<>(List.of("scan", "--format", "json", "--policy", policy.toString(), "--offline"));
        args.addAll(exportDemoAsSeparateFiles());

        run(args.toArray(String[]::new));

        List<JsonNode> lines = jsonLines();
        assertThat(lines).anySatisfy(f -> {
            assertThat(f.get("ruleId").asText()).isEqualTo("NEPTUNE_CLUSTER_KEY_NOT_ALLOWED");
            assertThat(f.get("resourceArn").asText()).endsWith("cluster:graph-prod");
        });
        assertThat(lines).anySatisfy(f -> {
            assertThat(f.get("ruleId").asText()).isEqualTo("NEPTUNE_CLUSTER_KEY_ORIGIN_BELOW_POLICY");
            assertThat(f.get("resourceArn").asText()).endsWith("cluster:graph-prod");
        });
        assertThat(lines).noneSatisfy(f -> assertThat(f.get("resourceArn").asText()).endsWith("cluster:graph-hsm"));
    }

    @Test
    void scan_invalidPolicy_exitsTwoNamingTheSetting() throws IOException {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"requiredKeyOrigins\": \"HSM\"}");
        Path file = dir.resolve("clusters.json");
        Json.MAPPER.writeValue(file.toFile(), demo.get("outputs").get(0));

        int code = run("scan", "--policy", policy.toString(), "--offline", file.toString());

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(err.toString()).contains("requiredKeyOrigins").contains("HSM");
    }

    @Test
    void scan_missingFile_exitsTwoWithOneLine() {
        int code = run("scan", "--offline", dir.resolve("nope.json").toString());

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(err.toString().strip()).startsWith("neptune-guard: ").contains("nope.json: file not found").doesNotContain("\n");
    }

    @Test
    void scan_invalidJson_exitsTwo() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"DBClusters\": [");

        assertThat(run("scan", "--offline", file.toString())).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(err.toString()).contains("broken.json: not valid JSON");
    }

    @Test
    void scan_unknownShape_exitsTwoListingTheKeys() throws IOException {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"Reservations\": []}");

        assertThat(run("scan", "--offline", file.toString())).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(err.toString()).contains("unknown JSON shape").contains("[Reservations]");
    }

    @Test
    void usageErrors_exitTwo() {
        assertThat(run()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(run("scan", "--offline")).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(run("scan", "--offline", "x.json", "--fail-on", "SEVERE")).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(run("frobnicate")).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(err.toString()).contains("unknown severity 'SEVERE'");
    }

    @Test
    void replay_neptuneDefaultKeyEvent_printsTriggerAndFinding() {
        int code = run("replay", EVENTS.resolve("rds/create-db-cluster-neptune-default-key.json").toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("CreateDBCluster → CLUSTER_CREATED graph-analytics (engine neptune)")
                .contains("delivered by rule RDS_NEPTUNE_CLUSTER_CREATES")
                .contains("NEPTUNE_CLUSTER_AWS_MANAGED_KEY");
    }

    @Test
    void replay_otherEngine_printsWhyIgnoredAndExitsZero() {
        int code = run("replay", EVENTS.resolve("rds/create-db-cluster-aurora-mysql.json").toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("ignored (OTHER_ENGINE)").contains("aurora-mysql")
                .contains("matches no detection rule");
    }

    @Test
    void replay_json_printsFindingLinesOnly() throws IOException {
        int code = run("replay", "--format", "json",
                EVENTS.resolve("rds/create-db-cluster-neptune-unencrypted.json").toString());

        assertThat(code).isEqualTo(1);
        assertThat(jsonLines()).singleElement().satisfies(f -> {
            assertThat(f.get("ruleId").asText()).isEqualTo("NEPTUNE_CLUSTER_UNENCRYPTED");
            assertThat(f.get("remediation").asText()).contains("--db-cluster-identifier graph-scratch");
        });
    }

    @Test
    void replay_configInvocation_showsTheEvaluationWithoutSending() {
        int code = run("replay", EVENTS.resolve("config/change-neptune-cluster-default-key.json").toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("AWS Config ConfigurationItemChangeNotification → 1 evaluation(s)")
                .contains("NON_COMPLIANT AWS::RDS::DBCluster cluster-ABCDEFGHIJKLMNOPQRSTUVWXY2: NEPTUNE_CLUSTER_AWS_MANAGED_KEY");
    }

    @Test
    void replay_render_printsEverySinksPayloadWithoutSending() throws IOException {
        int code = run("replay", "--render", EVENTS.resolve("rds/create-db-cluster-neptune-default-key.json").toString());

        assertThat(code).isEqualTo(1);
        String text = out.toString();
        assertThat(text).contains("== SNS Publish for NEPTUNE_CLUSTER_AWS_MANAGED_KEY graph-analytics")
                .contains("-- protocol 'default':").contains("-- protocol 'email':")
                .contains("-- protocol 'sqs':").contains("-- protocol 'https':")
                .contains("\"source\" : \"custom\"")
                .contains("== Slack incoming-webhook body for NEPTUNE_CLUSTER_AWS_MANAGED_KEY graph-analytics")
                .contains("\"blocks\"")
                .contains("== Security Hub BatchImportFindings");
        JsonNode asff = Json.MAPPER.readTree(text.substring(text.indexOf('[', text.indexOf("== Security Hub"))));
        assertThat(asff).isNotEmpty();
        assertThat(asff).anySatisfy(f -> {
            assertThat(f.get("GeneratorId").asText()).isEqualTo("NEPTUNE_CLUSTER_AWS_MANAGED_KEY");
            assertThat(f.get("SchemaVersion").asText()).isEqualTo("2018-10-08");
        });
    }

    @Test
    void replay_missingEvent_exitsTwo() {
        assertThat(run("replay", dir.resolve("none.json").toString())).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
    }
}
