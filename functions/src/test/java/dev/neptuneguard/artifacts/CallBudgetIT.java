package dev.neptuneguard.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The AWS-calls-per-event budgets of issue 8 (G4), end to end: the production handler in a fresh JVM with its
 * deployable jar, against {@link LocalCloud} made into an account of N Neptune clusters ({@link ScaledAccount}),
 * every request counted at the stub, delivery (SNS, the Security Hub queue, the DynamoDB ledger) included. A key
 * revocation reads the account in pages of 100, so its cost is 2 × ceil(N/100) listings plus a constant that does not
 * depend on N; a cluster creation reads one cluster, whatever the account's size. The benchmark reports the same
 * figures ({@code bench/results.md}); this test keeps them from regressing.
 */
class CallBudgetIT {

    /** Calls of a key event besides the listings: key, aliases, delivery. */
    static final int KEY_EVENT_CONSTANT_BUDGET = 10;
    /** Calls of a cluster creation event: the cluster, its tags, its key, delivery. */
    static final int CLUSTER_EVENT_BUDGET = 12;

    private static final Path EVENTS = Path.of(System.getProperty("events.directory", "../events"));
    /** The listings that grow with pages: Neptune's, and Neptune Analytics' (REST: counted by method and path). */
    private static final List<String> LISTINGS = List.of("DescribeDBClusters", "DescribeDBClusterSnapshots",
            "GET /graphs", "GET /snapshots");

    @Test
    void disableKey_accountsOf1To10000Clusters_callsGrowWithListingPagesOnly() throws Exception {
        List<Integer> constants = new ArrayList<>();
        for (int clusters : List.of(1, 1_000, 10_000)) {
            try (LocalCloud cloud = new LocalCloud()) {
                int pages = ScaledAccount.stub(cloud, clusters);

                Map<String, Integer> calls = run(cloud, PerformanceBench.Function.KEY_REVOCATION);

                assertThat(calls.get("DescribeDBClusters")).as("cluster pages, %s", calls).isEqualTo(pages)
                        .isEqualTo((clusters + 99) / 100);
                assertThat(calls.get("DescribeDBClusterSnapshots")).as("snapshot pages").isEqualTo(pages);
                assertThat(calls.get("GET /graphs")).as("one ListGraphs page: the account has no graphs").isEqualTo(1);
                assertThat(calls.get("GET /snapshots")).as("one ListGraphSnapshots page").isEqualTo(1);
                assertThat(calls.get("DescribeKey")).as("one DescribeKey per distinct key").isEqualTo(1);
                assertThat(calls.getOrDefault("ListAliases", 0)).isLessThanOrEqualTo(1);
                assertThat(calls.get("Publish")).as("one alert").isEqualTo(1);
                int constant = total(calls) - ScaledAccount.sum(calls, LISTINGS);
                assertThat(constant).as("calls besides the listings, %s", calls)
                        .isLessThanOrEqualTo(KEY_EVENT_CONSTANT_BUDGET);
                constants.add(constant);
            }
        }
        assertThat(constants).as("the constant part at 1, 1,000 and 10,000 clusters").containsOnly(constants.get(0));
    }

    @Test
    void createCluster_accountsOf1And10000Clusters_sameCallsWithinBudget() throws Exception {
        List<Map<String, Integer>> runs = new ArrayList<>();
        for (int clusters : List.of(1, 10_000)) {
            try (LocalCloud cloud = new LocalCloud()) {
                ScaledAccount.stub(cloud, clusters);

                Map<String, Integer> calls = run(cloud, PerformanceBench.Function.CLUSTER_ENCRYPTION);

                assertThat(calls.get("DescribeDBClusters")).as("the one cluster, by name: %s", calls).isEqualTo(1);
                assertThat(calls).doesNotContainKey("DescribeDBClusterSnapshots");
                assertThat(total(calls)).as("%s", calls).isLessThanOrEqualTo(CLUSTER_EVENT_BUDGET);
                runs.add(calls);
            }
        }
        assertThat(runs.get(1)).as("calls do not depend on the account's size").isEqualTo(runs.get(0));
    }

    private static Map<String, Integer> run(LocalCloud cloud, PerformanceBench.Function f) throws Exception {
        FreshJvm.Run run = FreshJvm.run(f.artifact.jar(), f.className(), EVENTS.resolve(f.event), cloud.endpoint(),
                f.env);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return ScaledAccount.calls(cloud);
    }

    private static int total(Map<String, Integer> calls) {
        return calls.values().stream().mapToInt(Integer::intValue).sum();
    }
}
