package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.cli.offline.AccountExport;
import dev.neptuneguard.cli.offline.BundledResources;
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
import java.time.temporal.ChronoUnit;
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
            # The AWS CLI's error output: a blank line, then the service's code and message; exit status 254.
            fail() {
              case "$1" in
                NotFoundException) msg="Key '$3' does not exist" ;;
                *) msg="User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: kms:$2 on \
            resource: $3 because no resource-based policy allows the kms:$2 action" ;;
              esac
              printf '\nAn error occurred (%s) when calling the %s operation: %s\n' "$1" "$2" "$msg" >&2
              exit 254
            }
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
                id="${key##*/}"
                for spec in $AWS_FAIL; do
                  if [ "${spec%%=*}" = "$id" ]; then fail "${spec#*=}" DescribeKey "$key"; fi
                done
                f="$dir/key-$id.json"
                if [ -f "$f" ]; then cat "$f"; else fail AccessDeniedException DescribeKey "$key"; fi ;;
              "kms get-key-rotation-status")
                f="$dir/rotation-${key##*/}.json"
                if [ -f "$f" ]; then cat "$f"; else fail AccessDeniedException GetKeyRotationStatus "$key"; fi ;;
              "kms list-aliases") cat "$dir/aliases.json" ;;
              # A region without Neptune Analytics: no fixture, the call fails as it would there.
              "neptune-graph list-graphs") cat "$dir/graphs.json" ;;
              "neptune-graph list-graph-snapshots") cat "$dir/graph-snapshots.json" ;;
              *) echo "unexpected command: $svc $op" >&2; exit 2 ;;
            esac
            """;

    /** The machine's clock as a script reads it, for an export taken on a given day. */
    private static final String FAKE_DATE = """
            #!/usr/bin/env bash
            if [ "$*" != "-u +%Y-%m-%dT%H:%M:%SZ" ]; then echo "unexpected: date $*" >&2; exit 2; fi
            echo "$MACHINE_TIME"
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
            } else if (output.has("graphs")) {
                name = "graphs.json";
            } else if (output.has("graphSnapshots")) {
                name = "graph-snapshots.json";
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
        return cli(CLOCK, args);
    }

    private static Run cli(Clock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NeptuneGuardCli.run(clock, new PrintWriter(out), new PrintWriter(err), args);
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
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Process process = bash.start();
        String console = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(console).isZero();
        Instant ended = Instant.now();

        // The script recorded when it ran, with the machine's clock; the scan judges dates as of that time.
        Instant recorded = Instant.parse(Json.MAPPER.readTree(export.resolve("export-time.json").toFile())
                .get("exportTime").asText());
        assertThat(recorded).isBetween(started, ended);
        demo.put(AccountExport.EXPORT_TIME, recorded.toString());
        List<String> commands = Files.readAllLines(log);
        assertThat(commands).allSatisfy(c -> {
            assertThat(c).matches("(rds (describe-db-clusters|describe-db-cluster-snapshots)|kms (describe-key|"
                    + "get-key-rotation-status|list-aliases)|neptune-graph (list-graphs|list-graph-snapshots)) .*");
            assertThat(c).contains("--output json").containsPattern("--region (us-east-1|eu-west-1)");
        });
        assertThat(commands).filteredOn(c -> c.startsWith("kms describe-key")).hasSize(5);
        List<String> files;
        try (Stream<Path> listed = Files.list(export)) {
            files = listed.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files).as("eu-west-1 has no Neptune Analytics here: its failed listing leaves no file")
                .contains("graphs-us-east-1.json", "graph-snapshots-us-east-1.json")
                .doesNotContain("graphs-eu-west-1.json", "graph-snapshots-eu-west-1.json");
        assertThat(console).contains("cannot list the Neptune Analytics graphs of eu-west-1");
        assertThat(files).contains("clusters-us-east-1.json", "snapshots-us-east-1.json", "aliases-us-east-1.json",
                "clusters-eu-west-1.json", "snapshots-eu-west-1.json", "aliases-eu-west-1.json",
                "key-us-east-1-1234abcd-12ab-34cd-56ef-1234567890ab.json",
                "rotation-us-east-1-1234abcd-12ab-34cd-56ef-1234567890ab.json");
        assertThat(files).filteredOn(f -> f.startsWith("rotation-") && f.endsWith(".json")).hasSize(1);
        assertThat(files).as("the partner account's key cannot be described from here")
                .contains("key-us-east-1-4444dddd-44dd-44dd-44dd-444444444444.error")
                .doesNotContain("key-us-east-1-4444dddd-44dd-44dd-44dd-444444444444.json");
        assertThat(console).contains("now run: neptune-guard scan --offline " + export);

        // Scanned right after the export, as a user would.
        Clock afterExport = Clock.fixed(ended, ZoneOffset.UTC);
        Run fromExport = cli(afterExport, "scan", "--format", "json", "--include-passed", "--offline",
                export.toString());
        Path bundle = dir.resolve("bundle.json");
        Json.MAPPER.writeValue(bundle.toFile(), demo);
        Run fromBundle = cli(afterExport, "scan", "--format", "json", "--include-passed", "--offline",
                bundle.toString());

        assertThat(fromExport.code()).as(fromExport.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(lines(fromExport.out())).allSatisfy(f -> {
            assertThat(f.get("asOf").asText()).isEqualTo(recorded.toString());
            assertThat(f.get("asOfSource").asText()).isEqualTo("export");
        });
        assertThat(fromExport.err()).contains("Dates as of the export's time " + recorded + " (recorded by "
                + "export-commands in " + export.resolve("export-time.json") + ").");
        // The bundle has no record of the partner key, the export its AccessDenied: both "cannot verify", in words
        // of their own. Everything else is identical, line for line.
        assertThat(withoutPartner(lines(fromExport.out()))).hasSizeGreaterThan(20)
                .containsExactlyInAnyOrderElementsOf(withoutPartner(lines(fromBundle.out())));
        assertThat(verdicts(partner(lines(fromExport.out()))))
                .isEqualTo(verdicts(partner(lines(fromBundle.out()))))
                .contains("NEPTUNE_CLUSTER_KEY_UNVERIFIABLE FAILED LOW");
        assertThat(partner(lines(fromExport.out()))).anySatisfy(f -> assertThat(f.get("detail").asText())
                .contains("AccessDeniedException: User: arn:aws:iam::111122223333:user/auditor is not authorized"));
    }

    @Test
    void exportCommands_oneKeyDeniedOneNotFound_scanSaysCannotVerifyAndDeletedAndNothingElseChanges()
            throws Exception {
        Path export = dir.resolve("export");
        // Both exports taken at the same moment, so that only the failing keys tell them apart.
        String healthy = runExport(export, "", "2026-11-23T17:10:30Z");
        String failing = runExport(dir.resolve("export-failing"),
                "1234abcd-12ab-34cd-56ef-1234567890ab=AccessDeniedException "
                        + "0987dcba-09fe-87dc-65ba-ab0987654321=NotFoundException", "2026-11-23T17:10:30Z");
        assertThat(healthy).doesNotContain("cannot describe arn:aws:kms:us-east-1:111122223333:key/1234abcd");
        assertThat(failing).contains("cannot describe arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-"
                + "56ef-1234567890ab: the error is kept in");
        Path errorFile = dir.resolve("export-failing/key-us-east-1-0987dcba-09fe-87dc-65ba-ab0987654321.error");
        assertThat(Files.readString(errorFile)).contains("An error occurred (NotFoundException) when calling the "
                + "DescribeKey operation: Key 'arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-"
                + "ab0987654321' does not exist");

        List<JsonNode> before = lines(cli("scan", "--format", "json", "--offline", export.toString()).out());
        Run after = cli("scan", "--format", "json", "--offline", dir.resolve("export-failing").toString());

        List<JsonNode> found = lines(after.out());
        String prod = "arn:aws:rds:us-east-1:111122223333:cluster:graph-prod";
        String analytics = "arn:aws:rds:us-east-1:111122223333:cluster:graph-analytics";
        assertThat(found).filteredOn(f -> f.get("resourceArn").asText().equals(prod))
                .extracting(f -> f.get("ruleId").asText() + " " + f.get("severity").asText())
                .containsExactly("NEPTUNE_CLUSTER_KEY_UNVERIFIABLE LOW");
        assertThat(found).filteredOn(f -> f.get("resourceArn").asText().equals(analytics))
                .extracting(f -> f.get("ruleId").asText() + " " + f.get("severity").asText())
                .containsExactly("NEPTUNE_CLUSTER_KEY_UNUSABLE CRITICAL");
        assertThat(found).filteredOn(f -> f.get("ruleId").asText().equals("KMS_KEY_DELETED_IN_USE"))
                .extracting(f -> f.get("resourceArn").asText())
                .containsExactly("arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321");
        assertThat(found).filteredOn(f -> f.get("ruleId").asText().equals("KMS_KEY_DELETED_IN_USE"))
                .noneMatch(f -> f.get("keyArn").asText().contains("1234abcd"));
        // graph-legacy's only recovery path was a snapshot on the key that can no longer be verified: it is no
        // longer counted as one. Every finding about a resource on neither key is unchanged.
        assertThat(found).filteredOn(f -> f.get("ruleId").asText().equals("KMS_KEY_DELETION_SCHEDULED_IN_USE"))
                .singleElement().satisfies(f -> assertThat(f.get("detail").asText())
                        .contains("graph-legacy (available, deletion protection on): no recovery path"));
        assertThat(untouched(found)).hasSizeGreaterThan(3).containsExactlyInAnyOrderElementsOf(untouched(before));
    }

    @Test
    void scanOffline_folderWithStrayFiles_readsJsonAndErrorFilesAndNotesTheRest() throws Exception {
        Path export = dir.resolve("export");
        runExport(export, "");
        Files.writeString(export.resolve("README.txt"), "notes from the auditor");
        Files.writeString(export.resolve("cli.error"), "some other failure");

        Run scan = cli("scan", "--format", "json", "--offline", export.toString());

        assertThat(scan.code()).as(scan.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(scan.err()).contains("README.txt: skipped (not a .json or .error file)")
                .contains("cli.error: skipped (an .error file is read only as key-<region>-<key id>.error");
    }

    @Test
    void scanOffline_rotationFileWithoutKeyId_takesTheKeyFromItsName() throws Exception {
        Path export = dir.resolve("export");
        runExport(export, "");
        Path rotation = export.resolve("rotation-us-east-1-1234abcd-12ab-34cd-56ef-1234567890ab.json");
        Json.MAPPER.writeValue(rotation.toFile(), Map.of("KeyRotationEnabled", false));
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"requireKeyRotation\": true}");

        Run scan = cli("scan", "--format", "json", "--policy", policy.toString(), "--offline", export.toString());

        assertThat(scan.code()).as(scan.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(lines(scan.out())).anySatisfy(f -> {
            assertThat(f.get("ruleId").asText()).isEqualTo("NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED");
            assertThat(f.get("resourceArn").asText()).endsWith("cluster:graph-prod");
            assertThat(f.get("detail").asText()).contains("automatic rotation is off");
        });
    }

    @Test
    void scanOffline_rotationFileNobodyCanAttribute_exitTwoOnlyWhenThePolicyNeedsIt() throws Exception {
        Path export = dir.resolve("export");
        runExport(export, "");
        Path named = export.resolve("rotation-us-east-1-1234abcd-12ab-34cd-56ef-1234567890ab.json");
        Files.move(named, export.resolve("rotation.json"));
        Json.MAPPER.writeValue(export.resolve("rotation.json").toFile(), Map.of("KeyRotationEnabled", true));
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"requireKeyRotation\": true}");

        Run lenient = cli("scan", "--format", "json", "--offline", export.toString());
        Run strict = cli("scan", "--format", "json", "--policy", policy.toString(), "--offline", export.toString());

        assertThat(lenient.code()).as(lenient.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(lenient.err()).contains("rotation.json: skipped, a get-key-rotation-status output without KeyId");
        assertThat(strict.code()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(strict.err()).contains("the policy requires key rotation, but no rotation file covers "
                + "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    }

    /** Runs the printed script for us-east-1 into {@code export}, with {@code fail} as the fake's AWS_FAIL. */
    private String runExport(Path export, String fail) throws Exception {
        return runExport(export, fail, null);
    }

    /**
     * As {@link #runExport(Path, String)}; with {@code machineTime}, the machine's clock as the script reads it
     * ({@code date -u +%Y-%m-%dT%H:%M:%SZ}, the only form the stand-in {@code date} answers) says that time.
     */
    private String runExport(Path export, String fail, String machineTime) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path aws = bin.resolve("aws");
        Files.writeString(aws, FAKE_AWS);
        assertThat(aws.toFile().setExecutable(true)).isTrue();
        Path date = bin.resolve("date");
        Files.deleteIfExists(date);
        if (machineTime != null) {
            Files.writeString(date, FAKE_DATE);
            assertThat(date.toFile().setExecutable(true)).isTrue();
        }
        Path script = dir.resolve("export-" + export.getFileName() + ".sh");
        Run printed = cli("export-commands", "--region", "us-east-1", "--dir", export.toString());
        Files.writeString(script, printed.out());
        Path fixtures = Files.exists(dir.resolve("fixtures")) ? dir.resolve("fixtures") : fixtures();
        ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).directory(dir.toFile())
                .redirectErrorStream(true);
        bash.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        bash.environment().put("AWS_FIXTURES", fixtures.toString());
        bash.environment().put("AWS_LOG", dir.resolve("aws.log").toString());
        bash.environment().put("AWS_FAIL", fail);
        if (machineTime != null) {
            bash.environment().put("MACHINE_TIME", machineTime);
        }
        Process process = bash.start();
        String console = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(console).isZero();
        return console;
    }

    private static final String PARTNER = "arn:aws:rds:us-east-1:111122223333:cluster:graph-partner";

    private static List<JsonNode> withoutPartner(List<JsonNode> findings) {
        return findings.stream().filter(f -> !f.get("resourceArn").asText().equals(PARTNER)).toList();
    }

    private static List<JsonNode> partner(List<JsonNode> findings) {
        return findings.stream().filter(f -> f.get("resourceArn").asText().equals(PARTNER)).toList();
    }

    private static List<String> verdicts(List<JsonNode> findings) {
        return findings.stream().map(f -> f.get("ruleId").asText() + " " + f.get("status").asText() + " "
                + f.get("severity").asText()).sorted().toList();
    }

    /** Findings about resources on neither of the two failing keys (and not the key findings of those keys). */
    private static List<JsonNode> untouched(List<JsonNode> findings) {
        return findings.stream().filter(f -> {
            String text = f.toString();
            return !text.contains("1234abcd-12ab-34cd-56ef-1234567890ab")
                    && !text.contains("0987dcba-09fe-87dc-65ba-ab0987654321") && !text.contains("recovery path");
        }).toList();
    }

    @Test
    void exportCommands_exportScannedYearsLater_datesCountFromTheRecordedTimeNotFromTheScanOrTheFiles()
            throws Exception {
        Path export = dir.resolve("export");
        runExport(export, "", "2026-11-26T12:00:00Z");
        assertThat(Files.readString(export.resolve("export-time.json")))
                .isEqualTo("{\"exportTime\": \"2026-11-26T12:00:00Z\"}\n");
        Clock years = Clock.fixed(Instant.parse("2031-05-10T03:00:00Z"), ZoneOffset.UTC);

        Run timed = cli(years, "scan", "--offline", export.toString());
        Run timedReplay = cli(years, "replay", "--offline", export.toString(), "--format", "json",
                "../events/kms/disable-key-legacy.json");
        Files.delete(export.resolve("export-time.json"));
        Run untimed = cli(years, "scan", "--offline", export.toString());

        assertThat(timed.code()).as(timed.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(timed.out()).contains("  Dates as of the export's time 2026-11-26T12:00:00Z (recorded by "
                        + "export-commands in " + export.resolve("export-time.json") + ").")
                .contains("is PendingDeletion and will be deleted on 2026-11-30T17:10:02Z (in 4 days)")
                .doesNotContain("days ago");
        assertThat(lines(timedReplay.out())).isNotEmpty().allSatisfy(f -> assertThat(f.get("asOf").asText())
                .isEqualTo("2026-11-26T12:00:00Z"));
        assertThat(untimed.out()).contains("  Dates as of now, 2031-05-10T03:00:00Z: the export records no time of "
                        + "its own (export-commands writes it to export-time.json).")
                .contains("but its deletion was due on 2026-11-30T17:10:02Z (1621 days ago): the key is probably "
                        + "deleted by now (this data predates it) — check with aws kms describe-key");
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
