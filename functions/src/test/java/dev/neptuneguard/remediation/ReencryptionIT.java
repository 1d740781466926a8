package dev.neptuneguard.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.model.Policy;
import dev.neptuneguard.policy.EncryptionRules;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plan, execution, waits, resume, failure report, cut-over and verification through the production SDK clients
 * against the stateful Neptune stub ({@link FakeNeptune}): every created resource is {@code creating} for two
 * describes before it is {@code available}, which moto does not model.
 */
class ReencryptionIT {

    private static final Instant START = Instant.parse("2026-12-06T09:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    private StubAccount account;
    private ManualClock clock;
    private final List<String> journal = new ArrayList<>();

    @BeforeEach
    void start() {
        account = new StubAccount();
        clock = new ManualClock(START);
    }

    @AfterEach
    void stop() {
        account.close();
    }

    private NeptuneReader reader() {
        return new NeptuneReader(account.clients, false);
    }

    private Plan plan(String cluster) {
        NeptuneReader reader = reader();
        ClusterConfiguration c = reader.cluster(cluster).orElseThrow();
        return new Planner(new EncryptionRules(Policy.defaults())).cluster(c,
                reader.key(StubAccount.KEY_ARN, c.account(), "us-east-1"), TODAY);
    }

    private Executor executor(Consumer<String> lines) {
        return new Executor(new SdkNeptuneOperations(account.clients, reader()), clock, clock::sleep,
                Duration.ofSeconds(30), Duration.ofMinutes(30), lines);
    }

    @Test
    void execute_unencryptedClusterWithTwoInstances_waitsForEachResourceAndMatchesTheOld() {
        account.graphCluster("graph");
        ClusterConfiguration old = reader().cluster("graph").orElseThrow();
        Plan plan = plan("graph");

        Executor.Result result = executor(journal::add).run(plan);

        assertThat(result.succeeded()).isTrue();
        assertThat(plan.path()).isEqualTo(Plan.Path.SNAPSHOT_RESTORE);
        assertThat(journal).hasSize(plan.steps().size()).allMatch(l -> l.contains(": created")
                || l.contains(": modified") || l.contains(": role added"));
        // the line is written when the step is done: two polls of 30 s after the call
        assertThat(journal.get(0)).isEqualTo("2026-12-06T09:01:00Z step 1/6 CreateDBClusterSnapshot "
                + "graph-pre-reenc: created, available after 60 s");
        // two "creating" answers per resource, so the executor had to poll; the clock moved 30 s per poll
        assertThat(clock.sleeps).isGreaterThanOrEqualTo(2 * plan.steps().size());
        FakeNeptune n = account.neptune;
        assertThat(Map.of("CreateDBClusterSnapshot", n.calls("CreateDBClusterSnapshot"),
                "RestoreDBClusterFromSnapshot", n.calls("RestoreDBClusterFromSnapshot"),
                "ModifyDBCluster", n.calls("ModifyDBCluster"), "AddRoleToDBCluster", n.calls("AddRoleToDBCluster"),
                "CreateDBInstance", n.calls("CreateDBInstance"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "CreateDBClusterSnapshot", 1, "RestoreDBClusterFromSnapshot", 1, "ModifyDBCluster", 1,
                "AddRoleToDBCluster", 1, "CreateDBInstance", 2));
        ClusterConfiguration now = reader().cluster("graph-reenc").orElseThrow();
        assertThat(Verification.diff(old, now, StubAccount.KEY_ARN)).isEmpty();
        assertThat(now.writer().identifier()).isEqualTo("graph-1-reenc");
        assertThat(n.clusters).containsKey("graph");
    }

    @Test
    void execute_clusterOnAwsRdsKey_restoresToPointInTimeWithoutSnapshot() {
        FakeNeptune.Cluster c = account.graphCluster("ledger");
        c.encrypted = true;
        c.kmsKeyId = StubAccount.AWS_RDS_KEY_ARN;
        ClusterConfiguration old = reader().cluster("ledger").orElseThrow();
        Plan plan = plan("ledger");

        Executor.Result result = executor(journal::add).run(plan);

        assertThat(plan.path()).isEqualTo(Plan.Path.POINT_IN_TIME_RESTORE);
        assertThat(result.succeeded()).isTrue();
        assertThat(account.neptune.calls("RestoreDBClusterToPointInTime")).isEqualTo(1);
        assertThat(account.neptune.calls("CreateDBClusterSnapshot")).isZero();
        assertThat(Verification.diff(old, reader().cluster("ledger-reenc").orElseThrow(), StubAccount.KEY_ARN))
                .isEmpty();
    }

    static IntStream interruptedAfter() {
        return IntStream.rangeClosed(1, 5);
    }

    @ParameterizedTest(name = "interrupted after step {0}")
    @MethodSource("interruptedAfter")
    void execute_interruptedAfterAStep_resumeFinishesWithoutRepeatingAnyCall(int step) {
        account.graphCluster("graph");
        Plan plan = plan("graph");
        interrupted(() -> executor(journalInterruptedAt(step)).run(plan));
        int writesBefore = account.neptune.writes();

        Executor.Result result = executor(journal::add).run(plan("graph"));

        assertThat(result.succeeded()).isTrue();
        assertThat(journal.subList(0, step)).allMatch(l -> l.contains("already"));
        assertThat(journal.subList(step, journal.size())).noneMatch(l -> l.contains("already"));
        // 1 snapshot + 1 restore + 1 modify + 1 role + 2 instances, each made once across both runs
        assertThat(account.neptune.writes()).isEqualTo(6);
        assertThat(writesBefore).isEqualTo(step == 5 ? 5 : step);
    }

    @Test
    void execute_instanceCreationFails_stopsAndSaysWhatExistsAndHowToUndo() {
        account.graphCluster("graph");
        account.neptune.failOnce.put("CreateDBInstance", "InsufficientDBInstanceCapacity");
        Plan plan = plan("graph");

        Executor.Result result = executor(journal::add).run(plan);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.failedStep()).isEqualTo(5);
        assertThat(result.error()).contains("InsufficientDBInstanceCapacity");
        assertThat(result.existing()).containsExactly("cluster snapshot graph-pre-reenc (available)",
                "cluster graph-reenc (available)");
        assertThat(result.undo()).contains(
                "aws neptune delete-db-cluster --db-cluster-identifier graph-reenc --skip-final-snapshot "
                        + "--region us-east-1",
                "aws neptune delete-db-cluster-snapshot --db-cluster-snapshot-identifier graph-pre-reenc "
                        + "--region us-east-1");
        assertThat(journal.get(journal.size() - 1)).contains("step 5/6 CreateDBInstance graph-1-reenc: FAILED");
        assertThat(account.neptune.calls.keySet()).noneMatch(a -> a.startsWith("Delete"));

        Executor.Result resumed = executor(journal::add).run(plan);

        assertThat(resumed.succeeded()).isTrue();
        assertThat(account.neptune.calls("CreateDBClusterSnapshot")).isEqualTo(1);
    }

    @Test
    void execute_resourceNeverAvailable_waitIsBoundedAndTheRunStops() {
        account.graphCluster("graph");
        account.neptune.pollsUntilAvailable = 1_000;
        Plan plan = plan("graph");

        Executor.Result result = new Executor(new SdkNeptuneOperations(account.clients, reader()), clock,
                clock::sleep, Duration.ofMinutes(1), Duration.ofMinutes(5), journal::add).run(plan);

        assertThat(result.failedStep()).isEqualTo(1);
        assertThat(result.error()).isEqualTo("snapshot graph-pre-reenc is still creating after 5 min 0 s; run the "
                + "same command again to keep waiting (nothing is repeated)");
        assertThat(clock.sleeps).isEqualTo(5);
    }

    /** A journal that stops the run (as a killed process would) once it has received its n-th line. */
    private static Consumer<String> journalInterruptedAt(int n) {
        List<String> lines = new ArrayList<>();
        return line -> {
            lines.add(line);
            if (lines.size() == n) {
                throw new IllegalStateException("interrupted");
            }
        };
    }

    /** Runs until the journal interrupts it (the executor reports the interruption as a failed step instead). */
    private static void interrupted(Runnable run) {
        try {
            run.run();
        } catch (IllegalStateException e) {
            assertThat(e).hasMessage("interrupted");
        }
    }

    private Cutover cutover(Executor executor, Consumer<String> lines) {
        return new Cutover(new SdkNeptuneOperations(account.clients, reader()), executor, clock, lines);
    }

    @Test
    void cutover_afterExecution_clusterAndInstancesTakeTheOldNamesAndMatchTheOld() {
        account.graphCluster("graph");
        ClusterConfiguration old = reader().cluster("graph").orElseThrow();
        Executor executor = executor(journal::add);
        executor.run(plan("graph"));

        Cutover.Result result = cutover(executor, journal::add).run("graph", StubAccount.KEY_ARN);

        assertThat(result.actions()).containsExactly(
                "tagged graph-1-reenc neptune-guard:reencrypt-of=graph-1",
                "tagged graph-2-reenc neptune-guard:reencrypt-of=graph-2",
                "tagged graph-reenc neptune-guard:reencrypt-cutover-day=20261206",
                "renamed graph to graph-pre-20261206",
                "renamed instance graph-1 to graph-1-pre-20261206",
                "renamed instance graph-2 to graph-2-pre-20261206",
                "renamed graph-reenc to graph",
                "renamed instance graph-1-reenc to graph-1",
                "renamed instance graph-2-reenc to graph-2");
        assertThat(result.setAside()).isEqualTo("graph-pre-20261206");
        assertThat(result.instancesSetAside()).containsExactly(Map.entry("graph-1", "graph-1-pre-20261206"),
                Map.entry("graph-2", "graph-2-pre-20261206"));
        ClusterConfiguration now = reader().cluster("graph").orElseThrow();
        assertThat(now.kmsKeyId()).isEqualTo(StubAccount.KEY_ARN);
        assertThat(now.instances()).extracting(ClusterConfiguration.Instance::identifier)
                .containsExactly("graph-1", "graph-2");
        assertThat(now.writer().identifier()).isEqualTo("graph-1");
        // the old configuration (read before) and the new one compare instance by final name
        assertThat(Verification.diff(old, now, StubAccount.KEY_ARN, java.util.function.UnaryOperator.identity()))
                .isEmpty();
        ClusterConfiguration aside = reader().cluster("graph-pre-20261206").orElseThrow();
        assertThat(aside.storageEncrypted()).isFalse();
        assertThat(aside.instances()).extracting(ClusterConfiguration.Instance::identifier)
                .containsExactly("graph-1-pre-20261206", "graph-2-pre-20261206");
        assertThat(Verification.diff(aside, now, StubAccount.KEY_ARN, n -> n.replace("-pre-20261206", "")))
                .isEmpty();
        assertThat(account.neptune.calls("ModifyDBCluster")).isEqualTo(3);
        assertThat(account.neptune.calls("ModifyDBInstance")).isEqualTo(4);

        Cutover.Result again = cutover(executor, journal::add).run("graph", StubAccount.KEY_ARN);

        assertThat(again.actions()).isEmpty();
        assertThat(again.setAside()).isEqualTo("graph-pre-20261206");
        assertThat(account.neptune.calls("ModifyDBCluster")).isEqualTo(3);
        assertThat(account.neptune.calls("ModifyDBInstance")).isEqualTo(4);
        assertThat(account.neptune.calls("AddTagsToResource")).isEqualTo(3);
    }

    static IntStream cutoverInterruptedAfter() {
        return IntStream.rangeClosed(1, 7);
    }

    /**
     * Interrupted after the tags (1) and after each of the six renames (2-7), while the renamed resource is still
     * {@code renaming}; resumed a day later: the set-aside names keep the first day, each rename is made once.
     */
    @ParameterizedTest(name = "interrupted after cut-over action {0}, resumed the next day")
    @MethodSource("cutoverInterruptedAfter")
    void cutover_interruptedAfterEachRename_resumedNextDayFinishesUnderTheFirstDaysNames(int action) {
        account.graphCluster("graph");
        ClusterConfiguration old = reader().cluster("graph").orElseThrow();
        Executor executor = executor(journal::add);
        executor.run(plan("graph"));
        interrupted(() -> cutover(executor, journalInterruptedAt(action)).run("graph", StubAccount.KEY_ARN));
        clock.sleep(Duration.ofDays(1));

        Cutover.Result result = cutover(executor, journal::add).run("graph", StubAccount.KEY_ARN);

        assertThat(result.setAside()).isEqualTo("graph-pre-20261206");
        assertThat(result.actions()).hasSize(7 - action).noneMatch(a -> a.contains("20261207"));
        assertThat(account.neptune.clusters).containsOnlyKeys("graph", "graph-pre-20261206");
        assertThat(account.neptune.instances).containsOnlyKeys("graph-1", "graph-2", "graph-1-pre-20261206",
                "graph-2-pre-20261206");
        assertThat(account.neptune.calls("ModifyDBCluster")).isEqualTo(3);
        assertThat(account.neptune.calls("ModifyDBInstance")).isEqualTo(4);
        assertThat(account.neptune.calls("AddTagsToResource")).isEqualTo(3);
        ClusterConfiguration now = reader().cluster("graph").orElseThrow();
        assertThat(now.kmsKeyId()).isEqualTo(StubAccount.KEY_ARN);
        assertThat(Verification.diff(old, now, StubAccount.KEY_ARN, java.util.function.UnaryOperator.identity()))
                .isEmpty();
    }

    @Test
    void cutover_oldClusterRenamedByHandWithoutTheDayTag_refusedWithWhatToDo() {
        account.graphCluster("graph");
        Executor executor = executor(journal::add);
        executor.run(plan("graph"));
        new SdkNeptuneOperations(account.clients, reader()).rename("graph", "graph-pre-20261206");
        int writes = account.neptune.writes();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cutover(executor, journal::add)
                .run("graph", StubAccount.KEY_ARN)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("there is no cluster graph to set aside")
                .hasMessageContaining("finish the renames by hand");
        assertThat(account.neptune.writes()).isEqualTo(writes);
    }

    @Test
    void verification_newClusterDiffers_namesEachDifference() {
        account.graphCluster("graph");
        ClusterConfiguration old = reader().cluster("graph").orElseThrow();
        executor(journal::add).run(plan("graph"));
        account.neptune.clusters.get("graph-reenc").retention = 1;
        account.neptune.clusters.get("graph-reenc").tags.remove("team");
        account.neptune.instances.get("graph-2-reenc").instanceClass = "db.r6g.large";

        List<String> diff = Verification.diff(old, reader().cluster("graph-reenc").orElseThrow(),
                StubAccount.KEY_ARN);

        assertThat(diff).containsExactly("backup retention period: 1, was 7",
                "tags: {cost-center=4711}, was {team=graph,cost-center=4711}",
                "instance graph-2-reenc class: db.r6g.large, was db.r6g.xlarge");
    }
}
