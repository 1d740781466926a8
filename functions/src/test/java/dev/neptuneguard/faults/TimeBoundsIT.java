package dev.neptuneguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One hung service per client, with the clients built exactly as the Lambda functions build them (their own attempt
 * and call limits, retry backoff and default credentials chain; only the endpoint is a local stub that answers
 * after {@link #HANG}, longer than any attempt may wait). Each invocation must end, failed or degraded, well before
 * the Lambda timeout of the function that makes the call (NeptuneGuardStack: cluster and Security Hub exporter 60 s,
 * key 120 s, Config 300 s, Slack 30 s). The probes run side by side, each on its own stub, so the test takes as long as the slowest.
 * Writes {@code target/time-bounds.md}.
 */
class TimeBoundsIT {

    static final Path REPORT = Path.of("target", "time-bounds.md");
    static final Duration HANG = Duration.ofSeconds(7);
    private static final Map<String, String> PROPERTIES = Map.of("aws.region", "us-east-1",
            "aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE", "aws.secretAccessKey",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final Map<String, String> previous = new HashMap<>();

    /** A client's call hung in the scenario of a function with that Lambda timeout. */
    record Probe(String client, Scenario scenario, List<Call> hung, Duration lambdaTimeout) {
    }

    static final List<Probe> PROBES = List.of(
            new Probe("AwsClients: Neptune", Scenario.CLUSTER_EVENT, List.of(Call.DESCRIBE_DB_CLUSTERS),
                    Duration.ofSeconds(60)),
            new Probe("AwsClients: KMS (reads and protection)", Scenario.CLUSTER_EVENT, List.of(Call.DESCRIBE_KEY),
                    Duration.ofSeconds(60)),
            new Probe("SinkClients: SNS", Scenario.CLUSTER_EVENT, List.of(Call.PUBLISH), Duration.ofSeconds(60)),
            new Probe("SinkClients: DynamoDB", Scenario.CLUSTER_EVENT,
                    List.of(Call.BATCH_GET_ITEM, Call.PUT_ITEM, Call.UPDATE_ITEM), Duration.ofSeconds(60)),
            new Probe("SinkClients: SQS", Scenario.CLUSTER_EVENT, List.of(Call.SEND_MESSAGE_BATCH),
                    Duration.ofSeconds(60)),
            new Probe("SinkClients: Security Hub", Scenario.SECURITY_HUB_EXPORT,
                    List.of(Call.BATCH_IMPORT_FINDINGS), Duration.ofSeconds(60)),
            new Probe("SinkClients: Secrets Manager", Scenario.SLACK_NOTIFICATION, List.of(Call.GET_SECRET_VALUE),
                    Duration.ofSeconds(30)),
            new Probe("Slack webhook HttpClient", Scenario.SLACK_NOTIFICATION, List.of(Call.SLACK_WEBHOOK),
                    Duration.ofSeconds(30)),
            new Probe("KeyRuntime: Scheduler", Scenario.KEY_EVENT_REMINDERS, List.of(Call.CREATE_SCHEDULE),
                    Duration.ofSeconds(120)),
            new Probe("ConfigClients: Config", Scenario.CONFIG_OVERSIZED_CHANGE, List.of(Call.PUT_EVALUATIONS),
                    Duration.ofSeconds(300)));

    @BeforeAll
    static void defaultCredentialsChainAndRegion() {
        PROPERTIES.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
    }

    @AfterAll
    static void restore() {
        previous.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    @Test
    void everyClient_hungService_invocationEndsWellBeforeTheLambdaTimeout() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PROBES.size());
        List<Future<Observation>> running = new ArrayList<>();
        try {
            for (Probe p : PROBES) {
                running.add(pool.submit(() -> probe(p)));
            }
            List<Observation> observed = new ArrayList<>();
            for (Future<Observation> f : running) {
                observed.add(get(f));
            }
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, markdown(observed));

            SoftAssertions soft = new SoftAssertions();
            for (int i = 0; i < PROBES.size(); i++) {
                Probe p = PROBES.get(i);
                Observation o = observed.get(i);
                soft.assertThat(o.wireRequests()).as(p.client() + ": requests to the hung call").isPositive();
                soft.assertThat(o.millis()).as(p.client() + ": invocation ms").isGreaterThanOrEqualTo(2_000)
                        .isLessThan(p.lambdaTimeout().toMillis() * 6 / 10);
            }
            soft.assertAll();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Observation probe(Probe p) {
        FaultStage stage = FaultStage.start(true).timeoutDelay(HANG);
        try {
            // A good-day invocation first loads the classes, as in a warm Lambda; then a clean table, and the hang.
            stage.reset(p.scenario());
            stage.invoke(p.scenario(), null);
            stage.reset(p.scenario());
            p.hung().forEach(c -> stage.inject(c, Injected.TIMEOUT));
            return stage.invoke(p.scenario(), p.hung().get(0));
        } finally {
            stage.stop();
        }
    }

    private static Observation get(Future<Observation> f) throws InterruptedException, IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IOException("probe failed to run", e.getCause());
        }
    }

    private static String outcome(Observation o) {
        if (o.failed()) {
            return "fails: " + o.failureText();
        }
        return o.summary().contains("\"itemIdentifier\"") ? "messages back to the queue (batchItemFailures)"
                : "succeeds";
    }

    private static String markdown(List<Observation> observed) {
        StringBuilder md = new StringBuilder();
        md.append("Generated by `TimeBoundsIT`: production clients, each against a stub whose answer comes after ")
                .append(HANG.toSeconds()).append(" s, one invocation per client (all requests of the hung call hang).")
                .append("\n\n| Client | Hung call | Handler | Requests seen | Invocation ended after | Outcome | ")
                .append("Lambda timeout |\n|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < PROBES.size(); i++) {
            Probe p = PROBES.get(i);
            Observation o = observed.get(i);
            md.append("| ").append(p.client()).append(" | ")
                    .append(String.join(", ", p.hung().stream().map(Call::label).toList())).append(" | ")
                    .append(p.scenario().handler()).append(" | ").append(o.wireRequests()).append(" | ")
                    .append(String.format("%.1f s", o.millis() / 1000.0)).append(" | ")
                    .append(outcome(o)).append(" | ")
                    .append(p.lambdaTimeout().toSeconds()).append(" s |\n");
        }
        return md.toString();
    }
}
