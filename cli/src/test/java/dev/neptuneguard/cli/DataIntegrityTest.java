package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.cli.offline.AccountExport;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records of one resource or key read more than once (a stale and a fresh export, the same file twice, two folders):
 * the worse record is kept, a note names both files, and every output format carries that one verdict. Two accounts'
 * data for one region stay two inventories.
 */
class DataIntegrityTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final String PROD_ARN = "arn:aws:rds:us-east-1:111122223333:cluster:graph-prod";
    private static final String CMK = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String LEGACY = "5555eeee-55ee-55ee-55ee-555555555555";

    @TempDir
    Path dir;

    private ObjectNode demo;

    @BeforeEach
    void loadDemo() throws IOException {
        try (InputStream in = BundledResources.demoAccount()) {
            demo = (ObjectNode) Json.MAPPER.readTree(in);
        }
    }

    private ObjectNode demoCluster(String name) {
        for (JsonNode c : demo.get("outputs").get(0).get("DBClusters")) {
            if (c.get("DBClusterIdentifier").asText().equals(name)) {
                return c.deepCopy();
            }
        }
        throw new IllegalArgumentException(name);
    }

    private ObjectNode keyOutput(String keyId) {
        for (JsonNode o : demo.get("outputs")) {
            if (o.has("KeyMetadata") && o.get("KeyMetadata").get("KeyId").asText().equals(keyId)) {
                return o.deepCopy();
            }
        }
        throw new IllegalArgumentException(keyId);
    }

    private static ObjectNode unencrypted(ObjectNode cluster) {
        cluster.put("StorageEncrypted", false);
        cluster.remove("KmsKeyId");
        return cluster;
    }

    private Path write(String name, JsonNode content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Json.MAPPER.writeValue(file.toFile(), content);
        return file;
    }

    private Path clusters(String name, ObjectNode... clusters) throws IOException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("DBClusters");
        for (ObjectNode c : clusters) {
            list.add(c);
        }
        return write(name, out);
    }

    private Path key(String name, String keyId, String state) throws IOException {
        ObjectNode output = keyOutput(keyId);
        ((ObjectNode) output.get("KeyMetadata")).put("KeyState", state);
        return write(name, output);
    }

    @Test
    void scanOffline_sameClusterHealthyAndUnencrypted_unencryptedKeptInEveryFormat() throws IOException {
        Path fresh = clusters("fresh.json", unencrypted(demoCluster("graph-prod")));
        Path stale = clusters("stale.json", demoCluster("graph-prod"));
        Path key = key("key.json", CMK, "Enabled");

        Run json = run("scan", "--format", "json", "--include-passed", "--offline", stale.toString(), fresh.toString(),
                key.toString());
        Run reversed = run("scan", "--format", "json", "--include-passed", "--offline", fresh.toString(),
                stale.toString(), key.toString());
        Run asff = run("scan", "--format", "asff", "--offline", stale.toString(), fresh.toString(), key.toString());

        assertThat(json.code()).as(json.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(json.err()).contains(PROD_ARN + " is in both " + stale + " and " + fresh + " with different facts: "
                + "kept the worse record (not encrypted, status available); export each resource once");
        List<JsonNode> lines = lines(json.out());
        assertThat(countBy(lines, "findingId")).allSatisfy((id, n) -> assertThat(n).as(id).isOne());
        assertThat(lines).filteredOn(f -> f.get("ruleId").asText().equals("NEPTUNE_CLUSTER_UNENCRYPTED"))
                .singleElement().satisfies(f -> assertThat(f.get("status").asText()).isEqualTo("FAILED"));
        assertThat(reversed.out()).isEqualTo(json.out());
        JsonNode records = Json.MAPPER.readTree(asff.out());
        Map<String, Integer> ids = new HashMap<>();
        records.forEach(r -> ids.merge(r.get("Id").asText(), 1, Integer::sum));
        assertThat(ids).allSatisfy((id, n) -> assertThat(n).as(id).isOne());
        assertThat(records).filteredOn(r -> r.get("GeneratorId").asText().equals("NEPTUNE_CLUSTER_UNENCRYPTED"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("RecordState").asText()).isEqualTo("ACTIVE");
                    assertThat(r.at("/Compliance/Status").asText()).isEqualTo("FAILED");
                });
    }

    @Test
    void scanOffline_sameClusterTwiceInOneFile_readOnce() throws IOException {
        Path file = clusters("clusters.json", demoCluster("graph-scratch"), demoCluster("graph-scratch"));

        Run run = run("scan", "--offline", file.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(run.err()).contains("cluster:graph-scratch is twice in " + file + " with the same facts: read once");
        assertThat(run.out()).contains("1 Neptune cluster,");
    }

    @Test
    void scanOffline_clusterWithAndWithoutArn_isOneCluster() throws IOException {
        ObjectNode withoutArn = demoCluster("graph-scratch");
        withoutArn.remove("DBClusterArn");
        Path file = clusters("clusters.json", demoCluster("graph-scratch"), withoutArn);

        Run run = run("scan", "--offline", file.toString(), "--region", "us-east-1");

        assertThat(run.err()).contains("cluster:graph-scratch is twice in " + file + " with the same facts");
        assertThat(run.out()).contains("1 Neptune cluster,");
    }

    @Test
    void scanOffline_keyEnabledInOneFilePendingDeletionInAnother_pendingDeletionWins() throws IOException {
        Path clusters = clusters("clusters.json", demoCluster("graph-prod"));
        Path enabled = key("enabled.json", CMK, "Enabled");
        Path pending = key("pending.json", CMK, "PendingDeletion");

        for (List<Path> order : List.of(List.of(clusters, enabled, pending), List.of(clusters, pending, enabled))) {
            List<String> args = new ArrayList<>(List.of("scan", "--format", "json", "--offline"));
            order.forEach(p -> args.add(p.toString()));
            Run run = run(args.toArray(String[]::new));

            assertThat(run.code()).as(run.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
            assertThat(ruleIds(run.out()))
                    .contains("KMS_KEY_DELETION_SCHEDULED_IN_USE", "NEPTUNE_CLUSTER_KEY_UNUSABLE");
            assertThat(run.err()).contains("with different facts: kept the worse record (KeyState PendingDeletion)")
                    .contains(enabled.toString()).contains(pending.toString());
        }
    }

    @Test
    void scanOffline_keyDescribedAndNotFound_deletedWins() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("export"));
        clusters("export/clusters-us-east-1.json", demoCluster("graph-prod"));
        key("export/key-us-east-1-" + CMK + ".json", CMK, "Enabled");
        Files.writeString(folder.resolve("key-us-east-1-" + CMK + ".error"), "\nAn error occurred (NotFoundException) "
                + "when calling the DescribeKey operation: Key 'arn:aws:kms:us-east-1:111122223333:key/" + CMK
                + "' does not exist\n");

        Run run = run("scan", "--format", "json", "--offline", folder.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(ruleIds(run.out())).contains("KMS_KEY_DELETED_IN_USE");
        assertThat(run.err()).contains("key " + CMK + " is described in ").contains("(KeyState Enabled) and not found "
                + "in ").contains("kept \"deleted\", the worse record");
    }

    @Test
    void scanOffline_keyDescribedAndAccessDenied_descriptionWins() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("export"));
        clusters("export/clusters-us-east-1.json", demoCluster("graph-prod"));
        key("export/key-us-east-1-" + CMK + ".json", CMK, "Enabled");
        Files.writeString(folder.resolve("key-us-east-1-" + CMK + ".error"), "An error occurred "
                + "(AccessDeniedException) when calling the DescribeKey operation: not authorized\n");

        Run run = run("scan", "--format", "json", "--offline", folder.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains(".error: ignored, the same export also describes key " + CMK);
    }

    @Test
    void scanOffline_sameClusterOnTwoKeys_unusableKeyWins() throws IOException {
        ObjectNode onLegacy = demoCluster("graph-prod");
        onLegacy.put("KmsKeyId", "arn:aws:kms:us-east-1:111122223333:key/" + LEGACY);
        Path a = clusters("a.json", demoCluster("graph-prod"));
        Path b = clusters("b.json", onLegacy);

        Run run = run("scan", "--format", "json", "--offline", a.toString(), b.toString(),
                key("cmk.json", CMK, "Enabled").toString(), key("legacy.json", LEGACY, "PendingDeletion").toString());

        assertThat(run.code()).as(run.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(lines(run.out())).anySatisfy(f -> {
            assertThat(f.get("ruleId").asText()).isEqualTo("NEPTUNE_CLUSTER_KEY_UNUSABLE");
            assertThat(f.get("resourceArn").asText()).isEqualTo(PROD_ARN);
        });
        assertThat(run.err()).contains("kept the worse record (encrypted with arn:aws:kms:us-east-1:111122223333:key/"
                + LEGACY);
    }

    @Test
    void scanOffline_sameClusterAvailableAndInaccessible_inaccessibleWins() throws IOException {
        ObjectNode lost = demoCluster("graph-prod");
        lost.put("Status", "inaccessible-encryption-credentials");

        Run run = run("scan", "--format", "json", "--offline", clusters("lost.json", lost).toString(),
                clusters("ok.json", demoCluster("graph-prod")).toString(), key("cmk.json", CMK, "Enabled").toString());

        assertThat(ruleIds(run.out())).contains("NEPTUNE_CLUSTER_INACCESSIBLE");
        assertThat(run.err()).contains("status inaccessible-encryption-credentials");
    }

    @Test
    void scanOffline_sameClusterExemptAndNot_notExemptWins() throws IOException {
        ObjectNode exempt = demoCluster("graph-sandbox");
        ObjectNode notExempt = demoCluster("graph-sandbox");
        notExempt.putArray("TagList");

        Run run = run("scan", "--format", "json", "--offline", clusters("exempt.json", exempt).toString(),
                clusters("plain.json", notExempt).toString());

        assertThat(run.code()).as(run.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(lines(run.out())).filteredOn(f -> f.get("ruleId").asText().equals("NEPTUNE_CLUSTER_UNENCRYPTED"))
                .singleElement().satisfies(f -> assertThat(f.path("suppressed").asBoolean()).isFalse());
    }

    @Test
    void scanOffline_rotationEnabledAndDisabled_disabledWins() throws IOException {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"requireKeyRotation\": true}");
        ObjectNode on = Json.MAPPER.createObjectNode().put("KeyRotationEnabled", true).put("KeyId", CMK);
        ObjectNode off = Json.MAPPER.createObjectNode().put("KeyRotationEnabled", false).put("KeyId", CMK);

        Run run = run("scan", "--format", "json", "--policy", policy.toString(), "--offline",
                clusters("clusters.json", demoCluster("graph-prod")).toString(),
                key("key.json", CMK, "Enabled").toString(), write("on.json", on).toString(),
                write("off.json", off).toString());

        assertThat(ruleIds(run.out())).contains("NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED");
        assertThat(run.err()).contains("the rotation status of key " + CMK + " is in both").contains("(rotation "
                + "disabled)");
    }

    @Test
    void scanOffline_twoAccountsOneRegion_twoInventories() throws IOException {
        // Another account: its own account id, and key ids of its own (KMS never issues one key id twice).
        String text = demo.toString().replace("111122223333", "444455556666");
        for (String id : List.of("1234abcd", "0987dcba", "7777aaaa", "5555eeee")) {
            text = text.replace(id + "-", new StringBuilder(id).reverse() + "-");
        }
        ObjectNode other = (ObjectNode) Json.MAPPER.readTree(text);
        Path mine = write("mine.json", demo);
        Path theirs = write("theirs.json", other);

        Run run = run("scan", "--format", "json", "--offline", mine.toString(), theirs.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(run.err()).contains("111122223333/us-east-1: 7 Neptune clusters")
                .contains("444455556666/us-east-1: 7 Neptune clusters").doesNotContain("is in both");
        List<JsonNode> lines = lines(run.out());
        assertThat(countBy(lines, "findingId")).allSatisfy((id, n) -> assertThat(n).as(id).isOne());
        assertThat(lines).allSatisfy(f -> assertThat(f.get("resourceArn").asText())
                .contains(f.get("account").asText()));
        assertThat(lines).anySatisfy(f -> assertThat(f.get("account").asText()).isEqualTo("444455556666"));
    }

    @Test
    void scanOffline_manyDuplicates_notesListedUpToTheLimitThenCounted() throws IOException {
        List<ObjectNode> all = new ArrayList<>();
        for (int i = 0; i < AccountExport.MAX_DUPLICATE_NOTES + 5; i++) {
            ObjectNode c = demoCluster("graph-scratch");
            c.put("DBClusterIdentifier", "graph-" + i);
            c.put("DBClusterArn", "arn:aws:rds:us-east-1:111122223333:cluster:graph-" + i);
            all.add(c);
        }
        Path a = clusters("a.json", all.toArray(ObjectNode[]::new));
        Path b = clusters("b.json", all.toArray(ObjectNode[]::new));

        Run run = run("scan", "--offline", a.toString(), b.toString());

        assertThat(run.err().lines().filter(l -> l.contains(" is in both ")))
                .hasSize(AccountExport.MAX_DUPLICATE_NOTES);
        assertThat(run.err()).contains("… and 5 more records read more than once");
    }

    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(Json.MAPPER.readTree(line));
            }
        }
        return lines;
    }

    private static List<String> ruleIds(String out) throws IOException {
        return lines(out).stream().map(f -> f.get("ruleId").asText()).toList();
    }

    private static Map<String, Integer> countBy(List<JsonNode> lines, String field) {
        Map<String, Integer> counts = new HashMap<>();
        lines.forEach(f -> counts.merge(f.get(field).asText(), 1, Integer::sum));
        return counts;
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
