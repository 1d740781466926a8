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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} evaluates an event only against the data of its own account and region: a cluster of the same name
 * elsewhere never stands in for it. Without such data a cluster or snapshot event is judged by what the event itself
 * says (and the output says so); a key event or an AWS Config invocation is exit code 2.
 */
class ReplayScopeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final Path EVENTS = Path.of("..", "events");
    private static final String US = "us-east-1";
    private static final String EU = "eu-west-1";

    @TempDir
    Path dir;

    private ObjectNode demo;

    @BeforeEach
    void loadDemo() throws IOException {
        try (InputStream in = BundledResources.demoAccount()) {
            demo = (ObjectNode) Json.MAPPER.readTree(in);
        }
    }

    /** The demo's healthy graph-prod cluster under another name, in a region: {@code describe-db-clusters} output. */
    private ObjectNode healthyCluster(String name, String region) {
        ObjectNode c = (ObjectNode) demo.get("outputs").get(0).get("DBClusters").get(0).deepCopy();
        assertThat(c.get("DBClusterIdentifier").asText()).isEqualTo("graph-prod");
        c.put("DBClusterIdentifier", name);
        c.put("DBClusterArn", "arn:aws:rds:" + region + ":111122223333:cluster:" + name);
        c.put("KmsKeyId", c.get("KmsKeyId").asText().replace(US, region));
        return c;
    }

    private Path clusters(String file, ObjectNode... clusters) throws IOException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("DBClusters");
        for (ObjectNode c : clusters) {
            list.add(c);
        }
        Path path = dir.resolve(file);
        Json.MAPPER.writeValue(path.toFile(), out);
        return path;
    }

    /** A fixture moved to another region (envelope, CloudTrail record and the ARNs in it) and account. */
    private Path eventIn(String fixture, String region, String account) throws IOException {
        String text = Files.readString(EVENTS.resolve(fixture));
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(text.replace(":" + US + ":", ":" + region + ":")
                .replace(":111122223333:", ":" + account + ":"));
        event.put("region", region);
        event.put("account", account);
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("awsRegion", region);
        if (detail.has("recipientAccountId")) {
            detail.put("recipientAccountId", account);
        }
        Path path = dir.resolve(region + "-" + fixture.replace('/', '-'));
        Json.MAPPER.writeValue(path.toFile(), event);
        return path;
    }

    @Test
    void replay_eventFromARegionTheDataDoesNotCover_judgedByTheEventNotBySameNamedCluster() throws IOException {
        Path export = clusters("clusters.json", healthyCluster("graph-scratch", US));
        Path event = eventIn("rds/create-db-cluster-neptune-unencrypted.json", EU, "111122223333");

        Run run = run("replay", "--format", "json", event.toString(), "--offline", export.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(run.out()).contains("NEPTUNE_CLUSTER_UNENCRYPTED")
                .contains("arn:aws:rds:eu-west-1:111122223333:cluster:graph-scratch");
        assertThat(run.err()).contains("the data has no state for account 111122223333 in region eu-west-1 (the data "
                + "covers 111122223333/us-east-1): evaluated from the event's own response elements");
    }

    @Test
    void replay_eventOfTheCoveredRegion_usesThatRegionsClusterNotTheFirst() throws IOException {
        ObjectNode unencryptedEu = healthyCluster("graph-scratch", EU);
        unencryptedEu.put("StorageEncrypted", false);
        unencryptedEu.remove("KmsKeyId");
        Path export = clusters("clusters.json", healthyCluster("graph-scratch", US), unencryptedEu);
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(eventIn(
                "rds/create-db-cluster-neptune-unencrypted.json", EU, "111122223333").toFile());
        // The event claims encryption: the export's state of the cluster in eu-west-1 must win, not the event.
        ((ObjectNode) event.at("/detail/responseElements")).put("storageEncrypted", true);
        Path file = dir.resolve("claims-encrypted.json");
        Json.MAPPER.writeValue(file.toFile(), event);

        Run run = run("replay", "--format", "json", file.toString(), "--offline", export.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(run.out()).contains("NEPTUNE_CLUSTER_UNENCRYPTED")
                .contains("arn:aws:rds:eu-west-1:111122223333:cluster:graph-scratch");
        assertThat(run.err()).doesNotContain("the data has no state");
    }

    @Test
    void replay_eventOfAnotherAccount_notJudgedByThisAccountsCluster() throws IOException {
        Path export = clusters("clusters.json", healthyCluster("graph-scratch", US));
        Path event = eventIn("rds/create-db-cluster-neptune-unencrypted.json", US, "444455556666");

        Run run = run("replay", "--format", "json", event.toString(), "--offline", export.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(run.out()).contains("NEPTUNE_CLUSTER_UNENCRYPTED")
                .contains("arn:aws:rds:us-east-1:444455556666:cluster:graph-scratch");
        assertThat(run.err()).contains("the data has no state for account 444455556666 in region us-east-1");
    }

    @Test
    void replay_uncoveredEventWithoutResponseElements_exitsTwo() throws IOException {
        Path export = clusters("clusters.json", healthyCluster("graph-sandbox", US));
        Path event = eventIn("rds/create-db-cluster-neptune-no-response.json", EU, "111122223333");

        Run run = run("replay", event.toString(), "--offline", export.toString());

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(run.err()).contains("the data has no state for account 111122223333 in region eu-west-1")
                .contains("and the event does not describe")
                .contains("replay it with --offline and an export of that account and region (export-commands "
                        + "--region eu-west-1), or with --live");
    }

    @Test
    void replay_keyEventOfAnUncoveredRegion_exitsTwo() throws IOException {
        Path export = clusters("clusters.json", healthyCluster("graph-legacy", US));
        Path event = eventIn("kms/disable-key-legacy.json", EU, "111122223333");

        Run run = run("replay", event.toString(), "--offline", export.toString());

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(run.err()).startsWith("neptune-guard: " + event + ": the data has no state for account "
                + "111122223333 in region eu-west-1 (the data covers 111122223333/us-east-1): a key event is judged "
                + "by the clusters and snapshots of its own account and region");
    }

    @Test
    void replay_keyEventOfAnEmptyButExportedRegion_isEvaluatedAsUnused() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("export"));
        Json.MAPPER.writeValue(folder.resolve("clusters-us-east-1.json").toFile(),
                Json.MAPPER.createObjectNode().set("DBClusters", Json.MAPPER.createArrayNode().add(
                        healthyCluster("graph-legacy", US))));
        Files.writeString(folder.resolve("clusters-eu-west-1.json"), "{\"DBClusters\": []}");
        Files.writeString(folder.resolve("snapshots-eu-west-1.json"), "{\"DBClusterSnapshots\": []}");
        Path event = eventIn("kms/disable-key-legacy.json", EU, "111122223333");

        Run run = run("replay", event.toString(), "--offline", folder.toString());

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("ignored (KEY_NOT_IN_USE)").contains("eu-west-1");
    }

    @Test
    void replay_configChangeOfAnUncoveredRegion_judgedByTheItemAndSaysSo() throws IOException {
        Path export = clusters("clusters.json", healthyCluster("graph-prod", US));
        Path file = configIn("config/change-neptune-cluster-default-key.json", EU);

        Run run = run("replay", file.toString(), "--offline", export.toString());

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        // Whether the key is aws/rds is not decided by its alias text: without the region's keys it cannot be verified.
        assertThat(run.out()).contains("NON_COMPLIANT AWS::RDS::DBCluster")
                .contains("NEPTUNE_CLUSTER_KEY_UNVERIFIABLE (LOW), key arn:aws:kms:eu-west-1:")
                .contains("the data has no state for account 111122223333 in region eu-west-1 (the data covers "
                        + "111122223333/us-east-1): evaluated from the configuration item alone");
    }

    @Test
    void replay_periodicConfigInvocationOfAnUncoveredRegion_exitsTwo() throws IOException {
        Path export = clusters("clusters.json", healthyCluster("graph-prod", US));
        Path file = configIn("config/scheduled-notification.json", EU);

        Run run = run("replay", file.toString(), "--offline", export.toString());

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(run.err()).contains("in region eu-west-1").contains("a periodic AWS Config invocation evaluates "
                + "every resource of its own account and region");
    }

    /** An AWS Config invocation moved to another region (its rule's ARN and its configuration item). */
    private Path configIn(String fixture, String region) throws IOException {
        String text = Files.readString(EVENTS.resolve(fixture));
        JsonNode invocation = Json.MAPPER.readTree(text.replace(US, region));
        Path file = dir.resolve(region + "-" + fixture.replace('/', '-'));
        Json.MAPPER.writeValue(file.toFile(), invocation);
        return file;
    }

    @Test
    void replay_bundledDemoEvent_stillEvaluatedAgainstTheDemoAccount() {
        Run run = run("replay", EVENTS.resolve("kms/disable-key-legacy.json").toString());

        assertThat(run.code()).as(run.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(run.out()).contains("graph-legacy").doesNotContain("the data has no state");
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
