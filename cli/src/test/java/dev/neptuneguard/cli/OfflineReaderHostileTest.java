package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.cli.offline.BundledResources;
import dev.neptuneguard.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile offline exports through {@code scan --offline}, in process: every case must end in exit code 2 with one
 * line on stderr that names the file and says what was wrong (the JSON path and what was expected where there is
 * one); never "No Neptune clusters" and exit 0, never a stack trace. Encodings must not change the result.
 */
class OfflineReaderHostileTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final String CLUSTER = "{\"DBClusterIdentifier\": \"graph-a\", \"Engine\": \"neptune\", "
            + "\"DBClusterArn\": \"arn:aws:rds:us-east-1:111122223333:cluster:graph-a\", \"StorageEncrypted\": true, "
            + "\"KmsKeyId\": \"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\", "
            + "\"Status\": \"available\"%s}";
    private static final String KEY = "{\"KeyMetadata\": {\"KeyId\": \"1234abcd-12ab-34cd-56ef-1234567890ab\", "
            + "\"Arn\": \"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\", "
            + "\"KeyState\": \"Enabled\", \"KeyManager\": \"CUSTOMER\", \"Origin\": \"AWS_KMS\"%s}}";

    private static byte[] demoBundle;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadDemo() throws IOException {
        try (InputStream in = BundledResources.demoAccount()) {
            demoBundle = in.readAllBytes();
        }
    }

    private static String cluster(String extra) {
        return "{\"DBClusters\": [" + String.format(CLUSTER, extra) + "]}";
    }

    private static String key(String extra) {
        return String.format(KEY, extra);
    }

    static Stream<Arguments> hostileExports() {
        return Stream.of(
                text("null clusters", "{\"DBClusters\": null}",
                        "$.DBClusters: expected an array of clusters, found null"),
                text("a string", "\"oops\"", "$: unknown JSON shape: expected an object printed by the AWS CLI, "
                        + "found a string (\"oops\")"),
                text("a number", "5", "found a number (5)"),
                text("JSON null", "null", "found null"),
                text("clusters an object", "{\"DBClusters\": {}}", "$.DBClusters: expected an array of clusters, "
                        + "found an object"),
                text("a cluster that is a number", "{\"DBClusters\": [5]}",
                        "$.DBClusters[0]: expected a cluster (an object), found a number (5)"),
                text("a cluster that is null", "{\"DBClusters\": [null]}",
                        "$.DBClusters[0]: expected a cluster (an object), found null"),
                text("StorageEncrypted a string", cluster(", \"StorageEncrypted\": \"yes\"").replace(
                        "\"StorageEncrypted\": true, ", ""),
                        "$.DBClusters[0].StorageEncrypted: expected true or false, found a string (\"yes\")"),
                text("StorageEncrypted a number", cluster("").replace("\"StorageEncrypted\": true",
                        "\"StorageEncrypted\": 1"),
                        "$.DBClusters[0].StorageEncrypted: expected true or false, found a number (1)"),
                text("KmsKeyId a number", cluster("").replace("\"KmsKeyId\": \"arn:aws:kms:us-east-1:111122223333:key/"
                        + "1234abcd-12ab-34cd-56ef-1234567890ab\"", "\"KmsKeyId\": 5"),
                        "$.DBClusters[0].KmsKeyId: expected a string, found a number (5)"),
                text("Status an object", cluster("").replace("\"Status\": \"available\"", "\"Status\": {}"),
                        "$.DBClusters[0].Status: expected a string, found an object"),
                text("two exports concatenated", cluster("") + "\n" + cluster(""),
                        "a second JSON document starts at line 2, column 1"),
                text("JSON lines", "{\"DBClusters\": []}\n{\"DBClusterSnapshots\": []}\n",
                        "a second JSON document starts at line 2"),
                text("trailing garbage", "{\"DBClusters\": []} garbage", "unexpected content after the JSON document"),
                text("truncated", "{\"DBClusters\": [", "not valid JSON at line 1"),
                text("empty file", "", "empty file (expected the JSON output of an AWS CLI command"),
                text("only white space", " \n\t\n", "empty file"),
                text("an empty array", "[]", "$: an empty array"),
                text("outputs not an array", "{\"account\": \"111122223333\", \"outputs\": {}}",
                        "$.outputs: expected an array of AWS CLI outputs, found an object"),
                text("an output that is a string", "{\"outputs\": [\"DBClusters\"]}",
                        "$.outputs[0]: unknown JSON shape: expected an object printed by the AWS CLI, found a string"),
                text("bundle account not an id", "{\"account\": \"prod\", \"region\": \"us-east-1\", \"outputs\": []}",
                        "$.account: expected a 12-digit account id, found \"prod\""),
                text("bundle region a number", "{\"region\": 1, \"outputs\": []}",
                        "$.region: expected a string, found a number (1)"),
                text("KeyMetadata a string", "{\"KeyMetadata\": \"1234\"}",
                        "$.KeyMetadata: expected the key's metadata (an object), found a string"),
                text("KeyState a boolean", key("").replace("\"KeyState\": \"Enabled\"", "\"KeyState\": true"),
                        "$.KeyMetadata.KeyState: expected a string, found true"),
                text("DeletionDate not a date", key(", \"DeletionDate\": \"tomorrow\""),
                        "$.KeyMetadata.DeletionDate: expected a date (ISO-8601 text or epoch seconds), found a string"),
                text("window a string", key(", \"PendingDeletionWindowInDays\": \"7\""),
                        "$.KeyMetadata.PendingDeletionWindowInDays: expected a whole number, found a string (\"7\")"),
                text("MultiRegion a string", key(", \"MultiRegion\": \"false\""),
                        "$.KeyMetadata.MultiRegion: expected true or false"),
                text("key ARN of another key", key("").replace("key/1234abcd-12ab-34cd-56ef-1234567890ab\",",
                        "key/9999ffff-99ff-99ff-99ff-999999999999\","),
                        "$.KeyMetadata.Arn: expected the ARN of key \"1234abcd-12ab-34cd-56ef-1234567890ab\""),
                text("rotation a string", "{\"KeyId\": \"1234abcd-12ab-34cd-56ef-1234567890ab\", "
                        + "\"KeyRotationEnabled\": \"true\"}", "$.KeyRotationEnabled: expected true or false"),
                text("rotation KeyId a number", "{\"KeyId\": 7, \"KeyRotationEnabled\": true}",
                        "$.KeyId: expected a string, found a number (7)"),
                text("aliases null", "{\"Aliases\": null}", "$.Aliases: expected an array of aliases, found null"),
                text("alias name a number", "{\"Aliases\": [{\"AliasName\": 1, \"TargetKeyId\": \"x\"}]}",
                        "$.Aliases[0].AliasName: expected a string, found a number (1)"),
                text("TagList an object", cluster(", \"TagList\": {\"team\": \"graph\"}"),
                        "$.DBClusters[0].TagList: expected an array of tags, found an object"),
                text("a tag without a key", cluster(", \"TagList\": [{\"Value\": \"x\"}]"),
                        "$.DBClusters[0].TagList[0]: a tag needs a Key"),
                text("cluster ARN not an ARN", cluster("").replace("arn:aws:rds:us-east-1:111122223333:cluster:graph-a",
                        "graph-a"), "$.DBClusters[0].DBClusterArn: expected an RDS cluster ARN"),
                text("S3 ARN as a cluster", cluster("").replace("arn:aws:rds:us-east-1:111122223333:cluster:graph-a",
                        "arn:aws:s3:::graph-a"), "expected an RDS cluster ARN (arn:aws:rds:REGION:ACCOUNT:cluster:"
                        + "NAME), found \"arn:aws:s3:::graph-a\""),
                text("snapshot ARN as a cluster", cluster("").replace(
                        "arn:aws:rds:us-east-1:111122223333:cluster:graph-a",
                        "arn:aws:rds:us-east-1:111122223333:cluster-snapshot:graph-a"), "expected an RDS cluster ARN"),
                text("account of 3 digits", cluster("").replace("111122223333:cluster", "111:cluster"),
                        "expected an RDS cluster ARN"),
                text("ARN of another cluster", cluster("").replace("\"DBClusterIdentifier\": \"graph-a\"",
                        "\"DBClusterIdentifier\": \"graph-b\""),
                        "$.DBClusters[0]: DBClusterIdentifier \"graph-b\" is not the resource its ARN names "
                                + "(\"graph-a\")"),
                text("identifier with shell characters", "{\"DBClusters\": [{\"DBClusterIdentifier\": \"x; rm -rf ~\", "
                        + "\"Engine\": \"neptune\"}]}",
                        "$.DBClusters[0].DBClusterIdentifier: expected an RDS identifier"),
                text("identifier with an escape", "{\"DBClusters\": [{\"DBClusterIdentifier\": \"x\\u001b[2J\"}]}",
                        "found a string (\"x\\u001b[2J\")"),
                text("a cluster without a name", "{\"DBClusters\": [{\"Engine\": \"neptune\"}]}",
                        "$.DBClusters[0]: a cluster needs DBClusterIdentifier or DBClusterArn"),
                text("a snapshot without a name", "{\"DBClusterSnapshots\": [{\"Engine\": \"neptune\"}]}",
                        "$.DBClusterSnapshots[0]: a cluster snapshot needs DBClusterSnapshotIdentifier"),
                text("snapshot of a cluster with shell characters", "{\"DBClusterSnapshots\": [{"
                        + "\"DBClusterSnapshotIdentifier\": \"s\", \"DBClusterIdentifier\": \"$(id)\"}]}",
                        "$.DBClusterSnapshots[0].DBClusterIdentifier: expected an RDS identifier"),
                text("a cluster without ARN or region", "{\"DBClusters\": [{\"DBClusterIdentifier\": \"graph-a\"}]}",
                        "the data does not say which region it is from (a record has no ARN): pass --region"),
                text("snapshot time not a date", "{\"DBClusterSnapshots\": [{\"DBClusterSnapshotIdentifier\": \"s\", "
                        + "\"SnapshotCreateTime\": [1]}]}",
                        "$.DBClusterSnapshots[0].SnapshotCreateTime: expected a date"),
                text("the same key twice in an object", "{\"DBClusters\": [], \"DBClusters\": []}",
                        "not valid JSON at line 1", "Duplicate field 'DBClusters'"),
                text("StorageEncrypted twice", cluster(", \"StorageEncrypted\": false"), "Duplicate field"),
                text("deep nesting", "[".repeat(5_000) + "]".repeat(5_000), "not valid JSON"),
                text("unknown shape", "{\"Reservations\": []}",
                        "unknown JSON shape with top-level keys [Reservations]"),
                bytes("UTF-32 text", withBom(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}, "{}",
                        Charset.forName("UTF-32BE")),
                        "the file is UTF-32 text; save it as UTF-8"),
                bytes("UTF-16 without a byte order mark", "{\"DBClusters\": []}".getBytes(StandardCharsets.UTF_16LE),
                        "starts with NUL bytes"),
                bytes("bytes that are not UTF-8", "{\"DBClusters\": [], \"x\": \"\u00e9\"}".getBytes(
                        StandardCharsets.ISO_8859_1), "not valid text in its encoding"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileExports")
    void scanOffline_hostileExport_exitsTwoNamingFileAndPath(String name, byte[] content, List<String> expected)
            throws IOException {
        Path file = dir.resolve("export.json");
        Files.write(file, content);

        Run run = run("scan", "--offline", file.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(run.err().strip()).startsWith("neptune-guard: " + file + ": ").doesNotContain("\n")
                .doesNotContain("Exception in thread").doesNotContain("\tat ");
        expected.forEach(fragment -> assertThat(run.err()).contains(fragment));
        assertThat(run.out()).doesNotContain("No Neptune clusters");
    }

    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of("UTF-8 with a byte order mark", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        StandardCharsets.UTF_8),
                Arguments.of("UTF-16LE with a byte order mark", new byte[] {(byte) 0xFF, (byte) 0xFE},
                        StandardCharsets.UTF_16LE),
                Arguments.of("UTF-16BE with a byte order mark", new byte[] {(byte) 0xFE, (byte) 0xFF},
                        StandardCharsets.UTF_16BE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void scanOffline_otherEncoding_sameReportAsUtf8(String name, byte[] bom, Charset charset) throws IOException {
        Path plain = dir.resolve("plain.json");
        Files.write(plain, demoBundle);
        Path encoded = dir.resolve("encoded.json");
        Files.write(encoded, withBom(bom, new String(demoBundle, StandardCharsets.UTF_8), charset));

        Run expected = run("scan", "--format", "json", "--offline", plain.toString());
        Run actual = run("scan", "--format", "json", "--offline", encoded.toString());

        assertThat(expected.code()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(actual.code()).as(actual.err()).isEqualTo(expected.code());
        assertThat(actual.out()).isEqualTo(expected.out()).contains("NEPTUNE_CLUSTER_UNENCRYPTED");
    }

    @Test
    void scanOffline_errorFileInUtf16_readLikeUtf8() throws IOException {
        String text = "\nAn error occurred (NotFoundException) when calling the DescribeKey operation: Key "
                + "'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' does not exist\n";
        Files.writeString(dir.resolve("clusters-us-east-1.json"), cluster(""));
        Files.write(dir.resolve("key-us-east-1-1234abcd-12ab-34cd-56ef-1234567890ab.error"),
                withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, text, StandardCharsets.UTF_16LE));

        Run run = run("scan", "--format", "json", "--offline", dir.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(run.out()).contains("KMS_KEY_DELETED_IN_USE");
    }

    @Test
    void scanOffline_recordWithoutArnAndNoAccount_exitsTwoAskingForAccount() throws IOException {
        Path file = dir.resolve("clusters.json");
        Files.writeString(file, "{\"DBClusters\": [{\"DBClusterIdentifier\": \"graph-a\", \"Engine\": \"neptune\"}]}");

        Run without = run("scan", "--offline", file.toString(), "--region", "eu-west-1");
        Run with = run("scan", "--format", "json", "--offline", file.toString(), "--region", "eu-west-1", "--account",
                "444455556666");

        assertThat(without.code()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(without.err().strip()).isEqualTo("neptune-guard: " + file + ": the data does not say which account "
                + "it is from (a record has no ARN): pass --account");
        assertThat(with.code()).as(with.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(with.out()).contains("arn:aws:rds:eu-west-1:444455556666:cluster:graph-a");
    }

    @Test
    void scanOffline_validEmptyExport_exitsZeroAndSaysSo() throws IOException {
        Path file = dir.resolve("clusters-us-east-1.json");
        Files.writeString(file, "{\"DBClusters\": []}\n\n");

        Run run = run("scan", "--offline", file.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("No Neptune clusters or snapshots in the data.");
    }

    @Test
    void scanOffline_keyWithoutKeyState_cannotVerifyNeverUnusable() throws IOException {
        Path clusters = dir.resolve("clusters.json");
        Files.writeString(clusters, cluster(""));
        Path key = dir.resolve("key.json");
        ObjectNode metadata = (ObjectNode) Json.MAPPER.readTree(key("")).get("KeyMetadata");
        metadata.remove("KeyState");
        Files.writeString(key, Json.MAPPER.createObjectNode().set("KeyMetadata", metadata).toString());

        Run run = run("scan", "--format", "json", "--offline", clusters.toString(), key.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        List<JsonNode> failed = failed(run.out());
        assertThat(failed).extracting(f -> f.get("ruleId").asText())
                .containsExactly("NEPTUNE_CLUSTER_KEY_UNVERIFIABLE");
        assertThat(failed.get(0).get("severity").asText()).isEqualTo("LOW");
        assertThat(failed.get(0).get("detail").asText()).contains("no KeyState");
    }

    static List<JsonNode> failed(String jsonLines) throws IOException {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : jsonLines.split("\n")) {
            if (!line.isBlank()) {
                JsonNode f = Json.MAPPER.readTree(line);
                if ("FAILED".equals(f.get("status").asText())) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static Arguments text(String name, String content, String... expected) {
        return Arguments.of(name, content.getBytes(StandardCharsets.UTF_8), List.of(expected));
    }

    private static Arguments bytes(String name, byte[] content, String... expected) {
        return Arguments.of(name, content, List.of(expected));
    }

    static byte[] withBom(byte[] bom, String text, Charset charset) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(bom);
        b.writeBytes(text.getBytes(charset));
        return b.toByteArray();
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NeptuneGuardCli.run(CLOCK, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    record Run(int code, String out, String err) {
    }
}
