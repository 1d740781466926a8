package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the script {@code export-commands} prints with bash, against a stand-in {@code aws} executable that answers
 * from the demo account's AWS CLI outputs and logs every command line; then scans the exported files and compares
 * the findings with a scan of the demo bundle itself. Proves the commands produce what {@code scan --offline}
 * reads, and that they are read-only.
 */
class ExportCommandsIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final String FAKE_AWS = """
            #!/usr/bin/env bash
            echo "$*" >> "$AWS_LOG"
            svc=$1; op=$2; shift 2
            region=; key=
            while [ $# -gt 0 ]; do
              case "$1" in
                --region) region=$2; shift 2 ;;
                --key-id) key=$2; shift 2 ;;
                *) shift ;;
              esac
            done
            dir="$AWS_FIXTURES/$region"
            case "$svc $op" in
              "rds describe-db-clusters") cat "$dir/clusters.json" ;;
              "rds describe-db-cluster-snapshots") cat "$dir/snapshots.json" ;;
              "kms describe-key")
                f="$dir/key-${key##*/}.json"
                if [ -f "$f" ]; then cat "$f"; else echo "An error occurred (NotFoundException)" >&2; exit 254; fi ;;
              "kms get-key-rotation-status")
                f="$dir/rotation-${key##*/}.json"
                if [ -f "$f" ]; then cat "$f"; else echo "An error occurred (AccessDenied)" >&2; exit 254; fi ;;
              "kms list-aliases") cat "$dir/aliases.json" ;;
              *) echo "unexpected command: $svc $op" >&2; exit 2 ;;
            esac
            """;

    @TempDir
    Path dir;

    private ObjectNode demo;

    @BeforeEach
    void loadDemo() throws IOException {
        try (InputStream in = BundledResources.demoAccount()) {
            demo = (ObjectNode) Json.MAPPER.readTree(in);
        }
    }

    /** The demo account's outputs as the fake {@code aws} serves them for us-east-1; eu-west-1 is empty. */
    private Path fixtures() throws IOException {
        Path east = Files.createDirectories(dir.resolve("fixtures/us-east-1"));
        Path west = Files.createDirectories(dir.resolve("fixtures/eu-west-1"));
        for (JsonNode output : demo.get("outputs")) {
            String name;
            if (output.has("DBClusters")) {
                name = "clusters.json";
            } else if (output.has("DBClusterSnapshots")) {
                name = "snapshots.json";
            } else if (output.has("KeyMetadata")) {
                name = "key-" + output.get("KeyMetadata").get("KeyId").asText() + ".json";
            } else if (output.has("KeyRotationEnabled")) {
                String keyId = output.get("KeyId").asText();
                name = "rotation-" + keyId.substring(keyId.lastIndexOf('/') + 1) + ".json";
            } else {
                name = "aliases.json";
            }
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(east.resolve(name).toFile(), output);
        }
        Json.MAPPER.writeValue(west.resolve("clusters.json").toFile(), Map.of("DBClusters", List.of()));
        Json.MAPPER.writeValue(west.resolve("snapshots.json").toFile(), Map.of("DBClusterSnapshots", List.of()));
        Json.MAPPER.writeValue(west.resolve("aliases.json").toFile(), Map.of("Aliases", List.of()));
        return dir.resolve("fixtures");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NeptuneGuardCli.run(CLOCK, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static List<JsonNode> lines(String text) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(Json.MAPPER.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void exportCommands_runByBash_produceFilesThatScanLikeTheDemoBundle() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path aws = bin.resolve("aws");
        Files.writeString(aws, FAKE_AWS);
        assertThat(aws.toFile().setExecutable(true)).isTrue();
        Path script = dir.resolve("export.sh");
        Path log = dir.resolve("aws.log");
        Path export = dir.resolve("export");
        Run printed = cli("export-commands", "--region", "us-east-1", "--region", "eu-west-1", "--dir",
                export.toString());
        assertThat(printed.code()).isZero();
        Files.writeString(script, printed.out());

        ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).directory(dir.toFile())
                .redirectErrorStream(true);
        bash.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        bash.environment().put("AWS_FIXTURES", fixtures().toString());
        bash.environment().put("AWS_LOG", log.toString());
        Process process = bash.start();
        String console = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(console).isZero();

        List<String> commands = Files.readAllLines(log);
        assertThat(commands).allSatisfy(c -> {
            assertThat(c).matches("(rds (describe-db-clusters|describe-db-cluster-snapshots)|kms (describe-key|"
                    + "get-key-rotation-status|list-aliases)) .*");
            assertThat(c).contains("--output json").containsPattern("--region (us-east-1|eu-west-1)");
        });
        assertThat(commands).filteredOn(c -> c.startsWith("kms describe-key")).hasSize(4);
        List<String> files;
        try (Stream<Path> listed = Files.list(export)) {
            files = listed.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files).contains("clusters-us-east-1.json", "snapshots-us-east-1.json", "aliases-us-east-1.json",
                "clusters-eu-west-1.json", "snapshots-eu-west-1.json", "aliases-eu-west-1.json",
                "key-us-east-1-1234abcd-12ab-34cd-56ef-1234567890ab.json",
                "rotation-us-east-1-1234abcd-12ab-34cd-56ef-1234567890ab.json");
        assertThat(files).filteredOn(f -> f.startsWith("rotation-")).hasSize(1);
        assertThat(console).contains("exported to " + export);

        List<String> scanArgs = new ArrayList<>(List.of("scan", "--format", "json", "--include-passed", "--offline"));
        files.forEach(f -> scanArgs.add(export.resolve(f).toString()));
        Run fromExport = cli(scanArgs.toArray(String[]::new));
        Path bundle = dir.resolve("bundle.json");
        Json.MAPPER.writeValue(bundle.toFile(), demo);
        Run fromBundle = cli("scan", "--format", "json", "--include-passed", "--offline", bundle.toString());

        assertThat(fromExport.code()).as(fromExport.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(lines(fromExport.out())).hasSizeGreaterThan(20)
                .containsExactlyInAnyOrderElementsOf(lines(fromBundle.out()));
    }

    @Test
    void exportCommands_noRegion_takesAwsRegionWhenTheScriptRuns() {
        Run printed = cli("export-commands");

        assertThat(printed.code()).isZero();
        assertThat(printed.out()).contains("for R in \"${AWS_REGION:?set AWS_REGION, or print the commands with "
                + "--region R}\"; do").contains("out=neptune-guard-export\n");
    }

    @Test
    void exportCommands_unsafeDirOrRegion_exitTwo() {
        assertThat(cli("export-commands", "--dir", "out; rm -rf ~").code()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(cli("export-commands", "--region", "us-east-1;id").code()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
    }
}
