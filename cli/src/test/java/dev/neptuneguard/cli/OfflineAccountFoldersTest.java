package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --offline} over a folder of per-account export folders ({@code export/<account>/}, as the README's
 * organization loop writes them): each account is read, reported in its own sections, and a key that one account's
 * cluster uses and the owner's export describes is known; an empty account folder stops the scan.
 */
class OfflineAccountFoldersTest {

    private static final String OWNER = "111122223333";
    private static final String MEMBER = "444455556666";
    private static final String OWNER_KEY = "arn:aws:kms:us-east-1:111122223333:key/0a6c1f3e-1111-4c5d-9e8f-000000000001";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int scan(String... args) {
        return NeptuneGuardCli.run(LiveScanIT.CLOCK, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void scanOffline_folderOfAccountFolders_eachAccountInItsOwnSectionsWithKeysSharedAcrossAccounts()
            throws IOException {
        Path export = dir.resolve("export");
        // The owner's cluster and the member's cluster both use the owner's key; only the owner's export describes it.
        writeAccount(export.resolve(OWNER), OWNER, "graph-owner", OWNER_KEY, true);
        writeAccount(export.resolve(MEMBER), MEMBER, "graph-member", OWNER_KEY, false);
        writeAccount(export.resolve(MEMBER), MEMBER, "graph-plain", null, false);
        Files.createDirectories(export.resolve(".cache"));

        int code = scan("scan", "--offline", export.toString());

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        String report = out.toString();
        assertThat(report).contains("Account " + OWNER + ", region us-east-1 (offline export)")
                .contains("Account " + MEMBER + ", region us-east-1 (offline export)")
                .contains("graph-plain").doesNotContain("UNVERIFIABLE")
                .contains(OWNER + "/us-east-1: 1 Neptune cluster, 0 snapshots, 1 key; skipped 0 clusters and 0 "
                        + "snapshots of other engines; 0 failed")
                .containsPattern("Scanned 1 region of 2 accounts \\(offline export\\) in \\d+\\.\\d s: 3 clusters, "
                        + "0 snapshots, \\d+ keys?; 1 HIGH failed");
        assertThat(report.indexOf("graph-plain")).as("the member's finding is in the member's section")
                .isGreaterThan(report.indexOf("Account " + MEMBER));
        assertThat(err.toString()).contains("neptune-guard: note: " + export + ": 2 export folders (" + OWNER + ", "
                + MEMBER + ")").contains(export.resolve(".cache") + ": skipped (a hidden folder)");
    }

    @Test
    void scanOffline_emptyAccountFolder_exitTwoNamingIt() throws IOException {
        Path export = dir.resolve("export");
        writeAccount(export.resolve(OWNER), OWNER, "graph-owner", OWNER_KEY, true);
        Files.createDirectories(export.resolve(MEMBER));

        int code = scan("scan", "--offline", export.toString());

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(err.toString()).contains(export.resolve(MEMBER).toString());
        assertThat(out.toString()).isEmpty();
    }

    /** The files export-commands writes for one cluster (appended to the account's cluster file when it exists). */
    private static void writeAccount(Path folder, String account, String cluster, String keyArn, boolean describeKey)
            throws IOException {
        Files.createDirectories(folder);
        Path clustersFile = folder.resolve("clusters-us-east-1.json");
        ObjectNode clusters = Files.exists(clustersFile)
                ? (ObjectNode) Json.MAPPER.readTree(clustersFile.toFile()) : Json.MAPPER.createObjectNode();
        ArrayNode list = clusters.has("DBClusters") ? (ArrayNode) clusters.get("DBClusters")
                : clusters.putArray("DBClusters");
        ObjectNode c = list.addObject().put("DBClusterIdentifier", cluster).put("Status", "available")
                .put("Engine", "neptune").put("StorageEncrypted", keyArn != null)
                .put("DBClusterArn", "arn:aws:rds:us-east-1:" + account + ":cluster:" + cluster)
                .put("DbClusterResourceId", "cluster-" + cluster.toUpperCase(java.util.Locale.ROOT));
        if (keyArn != null) {
            c.put("KmsKeyId", keyArn);
        }
        c.putArray("TagList");
        Files.writeString(clustersFile, clusters.toPrettyString(), StandardCharsets.UTF_8);
        ObjectNode snapshots = Json.MAPPER.createObjectNode();
        snapshots.putArray("DBClusterSnapshots");
        Files.writeString(folder.resolve("snapshots-us-east-1.json"), snapshots.toPrettyString(),
                StandardCharsets.UTF_8);
        if (describeKey) {
            ObjectNode key = (ObjectNode) AwsStub.readJson(AwsStub.fixture("kms/describe-key-cmk.json"));
            ((ObjectNode) key.get("KeyMetadata")).put("Arn", keyArn).put("AWSAccountId", account)
                    .put("KeyId", keyArn.substring(keyArn.indexOf(":key/") + 5));
            Files.writeString(folder.resolve("key-us-east-1-" + keyArn.substring(keyArn.indexOf(":key/") + 5)
                    + ".json"), key.toPrettyString(), StandardCharsets.UTF_8);
        }
    }
}
