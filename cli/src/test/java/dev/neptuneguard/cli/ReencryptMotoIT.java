package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.moto.MotoExtension;
import dev.neptuneguard.moto.MotoServer;
import dev.neptuneguard.policy.EncryptionRules;
import dev.neptuneguard.remediation.ClusterConfiguration;
import dev.neptuneguard.remediation.Cutover;
import dev.neptuneguard.remediation.Executor;
import dev.neptuneguard.remediation.NeptuneReader;
import dev.neptuneguard.remediation.Plan;
import dev.neptuneguard.remediation.Planner;
import dev.neptuneguard.remediation.SdkNeptuneOperations;
import dev.neptuneguard.remediation.Verification;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.neptune.NeptuneClient;
import software.amazon.awssdk.services.neptune.model.DBCluster;

/**
 * {@code neptune-guard reencrypt} end to end against moto: a cluster with two instances, a custom cluster and
 * instance parameter group, a bulk-load role, backups, log exports and tags is planned, executed, cut over and
 * verified; an execution interrupted after each step is resumed to the end; every precondition moto can model is
 * refused with its reason (an AWS managed key cannot exist in moto: that refusal is proven on the stub, in
 * {@code PreconditionsTest}). moto makes a new resource available at once, so the waits are proven on the stateful
 * stub ({@code ReencryptionIT}).
 */
@ExtendWith(MotoExtension.class)
class ReencryptMotoIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T09:00:00Z"), ZoneOffset.UTC);
    private static final String ROLE = "arn:aws:iam::" + MotoServer.ACCOUNT + ":role/NeptuneLoadFromS3";

    @TempDir
    Path dir;

    private MotoServer moto;
    private NeptuneClient neptune;
    private KmsClient kms;
    private String key;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void world(MotoServer server) {
        moto = server;
        neptune = moto.client(NeptuneClient.builder()).build();
        kms = moto.client(KmsClient.builder()).build();
        key = kms.createKey(r -> r.description("neptune graph data")).keyMetadata().arn();
        neptune.createDBClusterParameterGroup(r -> r.dbClusterParameterGroupName("graph-cluster-params")
                .dbParameterGroupFamily("neptune1.3").description("graph cluster settings"));
        neptune.createDBParameterGroup(r -> r.dbParameterGroupName("graph-instance-params")
                .dbParameterGroupFamily("neptune1.3").description("graph instance settings"));
        // moto refuses IAM database authentication on create ("not supported by Multi-AZ DB clusters"), so the
        // cluster here has it off; the stub's cases carry it over.
        neptune.createDBCluster(r -> r.dbClusterIdentifier("graph").engine("neptune")
                .dbClusterParameterGroupName("graph-cluster-params").backupRetentionPeriod(7)
                .preferredBackupWindow("05:42-06:12").enableCloudwatchLogsExports("audit").copyTagsToSnapshot(true)
                .tags(t -> t.key("team").value("graph"), t -> t.key("cost-center").value("4711")));
        neptune.createDBInstance(r -> r.dbInstanceIdentifier("graph-1").dbClusterIdentifier("graph")
                .engine("neptune").dbInstanceClass("db.r6g.large").promotionTier(0)
                .dbParameterGroupName("graph-instance-params"));
        neptune.createDBInstance(r -> r.dbInstanceIdentifier("graph-2").dbClusterIdentifier("graph")
                .engine("neptune").dbInstanceClass("db.r6g.xlarge").promotionTier(2)
                .dbParameterGroupName("graph-instance-params").tags(t -> t.key("role").value("reader")));
        neptune.addRoleToDBCluster(r -> r.dbClusterIdentifier("graph").roleArn(ROLE));
        neptune.describeDBClusters(r -> r.dbClusterIdentifier("graph")); // moto: creating → available
    }

    private Run run(String... args) {
        return run(CLOCK, args);
    }

    private Run run(Clock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(clock, false, Map.of(), profile -> moto.credentials(),
                Duration.ofMillis(10));
        List<String> all = new ArrayList<>(List.of("reencrypt"));
        all.addAll(List.of(args));
        all.addAll(List.of("--region", "us-east-1", "--endpoint-url", moto.endpoint().toString(),
                "--poll-interval", "0"));
        int code = NeptuneGuardCli.run(context, new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private List<String> clusterNames() {
        return neptune.describeDBClusters().dbClusters().stream().map(DBCluster::dbClusterIdentifier).sorted()
                .toList();
    }

    @Test
    void reencrypt_dryRun_printsThePlanAndChangesNothing() {
        Run run = run("graph", "--key", key);

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Path: snapshot, then RestoreDBClusterFromSnapshot with KmsKeyId.",
                " 1. CreateDBClusterSnapshot DBClusterIdentifier=graph DBClusterSnapshotIdentifier=graph-pre-reenc",
                " 2. RestoreDBClusterFromSnapshot DBClusterIdentifier=graph-reenc SnapshotIdentifier=graph-pre-reenc "
                        + "Engine=neptune",
                "KmsKeyId=" + key, "DBClusterParameterGroupName=graph-cluster-params",
                "Tags=[team=graph,cost-center=4711]", "AddRoleToDBCluster DBClusterIdentifier=graph-reenc RoleArn="
                        + ROLE,
                "CreateDBInstance DBInstanceIdentifier=graph-1-reenc DBClusterIdentifier=graph-reenc Engine=neptune "
                        + "DBInstanceClass=db.r6g.large PromotionTier=0 DBParameterGroupName=graph-instance-params",
                "Preconditions: all met.", "Dry run: nothing was changed.");
        assertThat(clusterNames()).containsExactly("graph");
    }

    @Test
    void reencrypt_executeThenCutover_newClusterOnTheKeyUnderTheOldNameAndVerified() {
        Run executed = run("graph", "--key", key, "--execute");

        assertThat(executed.code()).as(executed.toString()).isZero();
        assertThat(executed.err()).contains("step 1/6 CreateDBClusterSnapshot graph-pre-reenc: created",
                "step 6/6 CreateDBInstance graph-2-reenc: created");
        assertThat(executed.out()).contains("Executed: 6 step(s) done.", "Verified: graph-reenc is encrypted with "
                + key);

        Run cut = run("graph", "--key", key, "--cutover");

        assertThat(cut.code()).as(cut.toString()).isZero();
        assertThat(cut.out()).contains("Writes made to the old cluster after the snapshot",
                "renamed graph to graph-pre-20261206", "renamed instance graph-1 to graph-1-pre-20261206",
                "renamed instance graph-2 to graph-2-pre-20261206", "renamed graph-reenc to graph",
                "renamed instance graph-1-reenc to graph-1", "renamed instance graph-2-reenc to graph-2",
                "Verified: graph is encrypted with " + key + " and matches graph's configuration.");
        assertThat(clusterNames()).containsExactly("graph", "graph-pre-20261206");
        assertThat(members("graph")).containsExactly("graph-1", "graph-2");
        assertThat(members("graph-pre-20261206")).containsExactly("graph-1-pre-20261206", "graph-2-pre-20261206");
        DBCluster now = neptune.describeDBClusters(r -> r.dbClusterIdentifier("graph")).dbClusters().get(0);
        assertThat(now.storageEncrypted()).isTrue();
        assertThat(now.kmsKeyId()).isEqualTo(key);
        assertThat(neptune.describeDBClusters(r -> r.dbClusterIdentifier("graph-pre-20261206")).dbClusters().get(0)
                .storageEncrypted()).isFalse();

        Run again = run("graph", "--key", key, "--cutover");

        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("The cut-over is done: nothing left to rename.",
                "Verified: graph matches graph-pre-20261206's configuration.");
    }

    private List<String> members(String cluster) {
        return neptune.describeDBClusters(r -> r.dbClusterIdentifier(cluster)).dbClusters().get(0).dbClusterMembers()
                .stream().map(m -> m.dbInstanceIdentifier()).sorted().toList();
    }

    static IntStream cutoverActions() {
        return IntStream.rangeClosed(1, 6);
    }

    /**
     * The cut-over interrupted after its tags (1) and after each rename but the last (2-6); the second run comes a
     * day later and still finds the old cluster and instances under the first day's names, and verifies.
     */
    @ParameterizedTest(name = "cut-over interrupted after journal line {0}, resumed the next day")
    @MethodSource("cutoverActions")
    void reencrypt_cutoverInterruptedThenResumedNextDay_finishesAndVerifiesAgainstTheSetAsideCluster(int line) {
        assertThat(run("graph", "--key", key, "--execute").code()).isZero();
        try (AwsClients clients = AwsClients.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint())
                .credentialsProvider(moto.credentials()).build()) {
            NeptuneReader reader = new NeptuneReader(clients, false);
            SdkNeptuneOperations operations = new SdkNeptuneOperations(clients, reader);
            Executor waiter = new Executor(operations, CLOCK, d -> { }, Duration.ZERO, Duration.ofMinutes(1),
                    l -> { });
            List<String> lines = new ArrayList<>();
            try {
                new Cutover(operations, waiter, CLOCK, l -> {
                    lines.add(l);
                    if (lines.size() == line) {
                        throw new IllegalStateException("interrupted");
                    }
                }).run("graph", key);
            } catch (IllegalStateException e) {
                assertThat(e).hasMessage("interrupted");
            }
        }

        Run run = run(Clock.offset(CLOCK, Duration.ofDays(1)), "graph", "--key", key, "--cutover");

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Verified: graph", "graph-pre-20261206").doesNotContain("20261207");
        assertThat(clusterNames()).containsExactly("graph", "graph-pre-20261206");
        assertThat(members("graph")).containsExactly("graph-1", "graph-2");
        assertThat(members("graph-pre-20261206")).containsExactly("graph-1-pre-20261206", "graph-2-pre-20261206");
        assertThat(neptune.describeDBClusters(r -> r.dbClusterIdentifier("graph")).dbClusters().get(0).kmsKeyId())
                .isEqualTo(key);
    }

    @Test
    void reencrypt_cutoverBeforeExecute_refusedAsAUsageErrorAndNothingCreated() {
        Run run = run("graph", "--key", key, "--cutover");

        assertThat(run.code()).as(run.toString()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(run.err()).contains("there is no graph-reenc to cut over to: run with --execute first");
        assertThat(clusterNames()).containsExactly("graph");
    }

    static IntStream steps() {
        return IntStream.rangeClosed(1, 6);
    }

    @ParameterizedTest(name = "interrupted after step {0}")
    @MethodSource("steps")
    void execute_interruptedAfterEachStep_resumeFinishesAndMatches(int step) {
        try (AwsClients clients = AwsClients.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint())
                .credentialsProvider(moto.credentials()).build()) {
            NeptuneReader reader = new NeptuneReader(clients, false);
            ClusterConfiguration old = reader.cluster("graph").orElseThrow();
            Planner planner = new Planner(new EncryptionRules(Policy.defaults()));
            LocalDate today = LocalDate.of(2026, 12, 6);
            Plan plan = planner.cluster(old, reader.key(key, MotoServer.ACCOUNT, "us-east-1"), today);
            List<String> lines = new ArrayList<>();
            Executor interrupted = new Executor(new SdkNeptuneOperations(clients, reader), CLOCK, d -> { },
                    Duration.ZERO, Duration.ofMinutes(1), line -> {
                        lines.add(line);
                        if (lines.size() == step) {
                            throw new IllegalStateException("interrupted after step " + step);
                        }
                    });
            try {
                interrupted.run(plan);
            } catch (IllegalStateException e) {
                assertThat(e).hasMessage("interrupted after step " + step);
            }

            Run resumed = run("graph", "--key", key, "--execute");

            assertThat(resumed.code()).as(resumed.toString()).isZero();
            // the steps done before the interruption are found, not made again (moto would refuse a second create)
            assertThat(resumed.err().lines().filter(l -> l.startsWith("journal:")).limit(step))
                    .hasSize(step).allMatch(l -> l.contains("already"));
            assertThat(Verification.diff(old, reader.cluster("graph-reenc").orElseThrow(), key)).isEmpty();
            assertThat(clusterNames()).containsExactly("graph", "graph-reenc");
        }
    }

    static List<String> refusals() {
        return List.of("disabled", "pending-deletion", "other-region", "policy-denies-rds", "not-allowed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void reencrypt_keyThatMustNotBeUsed_refusedWithItsReasonAndNothingChanged(String problem) throws Exception {
        String target = key;
        List<String> extra = new ArrayList<>();
        String expected;
        switch (problem) {
            case "disabled" -> {
                kms.disableKey(r -> r.keyId(key));
                expected = "[key-enabled] Key " + key + " is Disabled, not Enabled";
            }
            case "pending-deletion" -> {
                kms.scheduleKeyDeletion(r -> r.keyId(key).pendingWindowInDays(7));
                expected = "[key-pending-deletion] Key " + key + " is scheduled for deletion";
            }
            case "other-region" -> {
                target = moto.client(KmsClient.builder(), Region.EU_WEST_1).build().createKey(r -> { })
                        .keyMetadata().arn();
                expected = "[same-region] Key " + target + " is in eu-west-1 but cluster graph is in us-east-1";
            }
            case "policy-denies-rds" -> {
                ObjectNode policy = Json.MAPPER.createObjectNode().put("Version", "2012-10-17");
                ObjectNode allow = policy.putArray("Statement").addObject().put("Sid", "Root").put("Effect", "Allow");
                allow.putObject("Principal").put("AWS", "arn:aws:iam::" + MotoServer.ACCOUNT + ":root");
                allow.put("Action", "kms:*").put("Resource", "*");
                ObjectNode deny = ((com.fasterxml.jackson.databind.node.ArrayNode) policy.get("Statement"))
                        .addObject().put("Sid", "NoRds").put("Effect", "Deny").put("Principal", "*")
                        .put("Action", "kms:CreateGrant").put("Resource", "*");
                deny.putObject("Condition").putObject("StringEquals")
                        .put("kms:ViaService", "rds.us-east-1.amazonaws.com");
                kms.putKeyPolicy(r -> r.keyId(key).policyName("default").policy(policy.toString()));
                expected = "[usable-by-rds] Key " + key + " cannot be used by RDS: statement 'NoRds' denies "
                        + "kms:CreateGrant for calls made through RDS";
            }
            case "not-allowed" -> {
                String other = kms.createKey(r -> { }).keyMetadata().arn();
                Path policy = dir.resolve("policy.json");
                ObjectNode p = Json.MAPPER.createObjectNode();
                p.putArray("allowedKeyArns").add(other);
                Files.writeString(policy, p.toString());
                extra.addAll(List.of("--policy", policy.toString()));
                expected = "[policy] The guard would flag the result (NEPTUNE_CLUSTER_KEY_NOT_ALLOWED)";
            }
            default -> throw new IllegalArgumentException(problem);
        }
        List<String> args = new ArrayList<>(List.of("graph", "--key", target, "--execute"));
        args.addAll(extra);

        Run run = run(args.toArray(String[]::new));

        assertThat(run.code()).as(run.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(run.out()).contains("REFUSED: 1 precondition(s) not met:", expected);
        assertThat(run.err()).doesNotContain("journal:");
        assertThat(clusterNames()).containsExactly("graph");
    }

    @Test
    void reencrypt_clusterNotAvailable_refused() {
        neptune.stopDBCluster(r -> r.dbClusterIdentifier("graph"));

        Run run = run("graph", "--key", key, "--execute");

        assertThat(run.code()).as(run.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(run.out()).contains("[cluster-available] Cluster graph is stopped, not available");
    }

    @Test
    void reencrypt_snapshots_encryptedOneCopiedUnencryptedOneRestoredAndSnapshotted() {
        neptune.createDBClusterSnapshot(r -> r.dbClusterIdentifier("graph").dbClusterSnapshotIdentifier("graph-plain"));

        Run run = run("graph-plain", "--snapshot", "--key", key, "--execute");

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Path: RestoreDBClusterFromSnapshot with KmsKeyId, then CreateDBClusterSnapshot",
                "cluster graph-plain-reenc-tmp (temporary: delete it once the new snapshot is available)");
        var made = neptune.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier("graph-plain-reenc"))
                .dbClusterSnapshots().get(0);
        assertThat(made.storageEncrypted()).isTrue();
        assertThat(made.kmsKeyId()).isEqualTo(key);

        Run copy = run("graph-plain-reenc", "--snapshot", "--key", kms.createKey(r -> { }).keyMetadata().arn(),
                "--execute");

        assertThat(copy.code()).as(copy.toString()).isZero();
        assertThat(copy.out()).contains("Path: CopyDBClusterSnapshot with KmsKeyId.");
        assertThat(neptune.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier("graph-plain-reenc-reenc"))
                .dbClusterSnapshots().get(0).storageEncrypted()).isTrue();
    }

    @Test
    void reencrypt_formatSsmAutomation_isARunbookOfTheSamePlan() throws Exception {
        Run run = run("graph", "--key", key, "--format", "ssm-automation");

        assertThat(run.code()).as(run.toString()).isZero();
        JsonNode doc = Json.MAPPER.readTree(run.out());
        assertThat(doc.path("schemaVersion").asText()).isEqualTo("0.3");
        assertThat(doc.path("parameters").path("SetAsideName").path("default").asText())
                .isEqualTo("graph-pre-20261206");
        assertThat(doc.path("mainSteps").findValuesAsText("Api")).contains("CreateDBClusterSnapshot",
                "RestoreDBClusterFromSnapshot", "ModifyDBCluster", "AddRoleToDBCluster", "CreateDBInstance");
        assertThat(clusterNames()).containsExactly("graph");
    }
}
