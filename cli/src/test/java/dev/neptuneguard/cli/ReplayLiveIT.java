package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code replay --live}: the event is parsed as the Lambda parses it, the state read from the (stubbed) account. */
class ReplayLiveIT {

    private static final Path EVENT = Path.of("..", "events", "rds", "create-db-cluster-neptune-default-key.json");
    private static final String EVENT_ACCOUNT = "111122223333";
    private static final String RDS_KEY = "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321";

    private AwsStub stub;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        stub = new AwsStub();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private int run(String... args) {
        return NeptuneGuardCli.run(LiveScanIT.context(false), new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void replay_live_readsTheClusterAndItsKeyFromTheAccount() {
        stub.region("us-east-1", List.of(QueryXml.cluster("us-east-1", EVENT_ACCOUNT, "graph-analytics", RDS_KEY,
                "creating")), List.of());
        stub.key("us-east-1", RDS_KEY, true);

        int code = run("replay", EVENT.toString(), "--live", "--endpoint-url", stub.url());

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(out.toString())
                .contains("CreateDBCluster → CLUSTER_CREATED graph-analytics (engine neptune)")
                .contains("MEDIUM        NEPTUNE_CLUSTER_AWS_MANAGED_KEY          graph-analytics")
                .contains("key:       " + RDS_KEY + " (Enabled)")
                .containsPattern("read live from us-east-1: \\d+ AWS calls \\(read-only\\)");
        assertThat(stub.attempts("us-east-1", "DescribeDBClusters")).isEqualTo(1);
        assertThat(stub.attempts("us-east-1", "DescribeKey")).isEqualTo(1);
        assertThat(stub.requests()).allSatisfy(r -> assertThat(AwsStub.operation(r)).isIn(LiveScanIT.READ_ONLY));
        assertThat(stub.requests()).extracting(AwsStub::region).containsOnly("us-east-1");
    }

    @Test
    void replay_liveAccessDenied_explainsAndExitsThree() {
        stub.refuse("us-east-1", 403, "AccessDenied", "User: arn:aws:iam::111122223333:user/dev is not authorized to "
                + "perform: rds:DescribeDBClusters");

        int code = run("replay", EVENT.toString(), "--live", "--endpoint-url", stub.url());

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INCOMPLETE);
        assertThat(err.toString()).contains("neptune-guard: us-east-1: not evaluated, AccessDenied: User: "
                + "arn:aws:iam::111122223333:user/dev is not authorized to perform: rds:DescribeDBClusters");
    }

    @Test
    void replay_liveOptionsWithoutLive_exitTwo() {
        assertThat(run("replay", EVENT.toString(), "--live", "--offline", "x.json")).isEqualTo(2);
        assertThat(run("replay", EVENT.toString(), "--profile", "prod")).isEqualTo(2);
        assertThat(err.toString()).contains("either --live or --offline").contains("are for --live");
        assertThat(stub.requests()).isEmpty();
    }
}
