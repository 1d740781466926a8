package dev.neptuneguard.artifacts;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.neptuneguard.artifacts.LocalCloud.called;
import static dev.neptuneguard.artifacts.LocalCloud.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.sinks.SecurityHubMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every handler, run by its production constructor in a fresh JVM with nothing but its deployable jar (and the
 * launcher) on the class path, against one local stub of all the services ({@link LocalCloud}): proof that no
 * handler needs a class its jar leaves out (a {@link NoClassDefFoundError} would fail the run), and that the
 * production wiring (environment, clients, sinks) works end to end. The last test shows the check has teeth: a
 * handler started from a jar without its SDK module fails with a missing class.
 */
class HandlerIsolationIT {

    private static final Path EVENTS = Path.of(System.getProperty("events.directory", "../events"));
    private static final Map<String, String> GUARD_ENV = Map.of("DELIVERY_TABLE_NAME", LocalCloud.TABLE,
            "ALERT_TOPIC_ARN", LocalCloud.TOPIC, "SECURITY_HUB_QUEUE_URL", LocalCloud.QUEUE,
            "REMINDER_TARGET_ARN", "arn:aws:lambda:us-east-1:111122223333:function:neptune-guard-reminder:live",
            "REMINDER_ROLE_ARN", "arn:aws:iam::111122223333:role/neptune-guard-scheduler");

    private static LocalCloud cloud;

    @BeforeAll
    static void startStub() {
        cloud = new LocalCloud();
    }

    @AfterAll
    static void stopStub() {
        cloud.close();
    }

    @BeforeEach
    void forget() {
        cloud.forget();
    }

    @Test
    void guardJar_clusterEncryptionHandler_evaluatesAlertsAndQueuesForSecurityHub() throws Exception {
        FreshJvm.Run run = run(Artifact.GUARD, "ClusterEncryptionHandler",
                "rds/create-db-cluster-neptune-unencrypted.json", GUARD_ENV);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output().get("status").asText()).isEqualTo("evaluated");
        assertThat(run.output().get("failed").asInt()).isPositive();
        assertThat(cloud.count(queryAction("DescribeDBClusters"))).isPositive();
        assertThat(cloud.count(queryAction("Publish"))).isPositive();
        assertThat(cloud.count(called("AmazonSQS.SendMessageBatch"))).isEqualTo(1);
        assertThat(cloud.count(postRequestedFor(urlEqualTo("/findings/import")))).as("no direct import").isZero();
        assertThat(cloud.queue.bodies()).isNotEmpty().allSatisfy(body -> assertThat(SecurityHubMessage.parse(body)
                .eventId()).isEqualTo("b1e9f4fd-46b1-49d2-8494-86824233eb55"));
    }

    @Test
    void guardJar_keyRevocationHandler_findsTheBlastRadiusAndDelivers() throws Exception {
        FreshJvm.Run run = run(Artifact.GUARD, "KeyRevocationHandler", "kms/disable-key-legacy.json", GUARD_ENV);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(cloud.count(called("TrentService.DescribeKey"))).isPositive();
        assertThat(cloud.count(queryAction("DescribeDBClusters"))).isPositive();
        assertThat(cloud.count(called("AmazonSQS.SendMessageBatch"))).isEqualTo(1);
        assertThat(cloud.queue.bodies()).anySatisfy(body -> assertThat(SecurityHubMessage.parse(body).finding()
                .affectedResources()).contains("arn:aws:rds:us-east-1:111122223333:cluster:graph-legacy"));
    }

    @Test
    void guardJar_reminderHandler_keyNoLongerPendingDeletion_cancelsItsReminders() throws Exception {
        FreshJvm.Run run = run(Artifact.GUARD, "ReminderHandler", "misc/scheduler-reminder-input.json", GUARD_ENV);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(cloud.count(called("TrentService.DescribeKey"))).isPositive();
        assertThat(cloud.count(deleteRequestedFor(urlPathMatching("/schedules/.+")))).isPositive();
    }

    @Test
    void guardJar_sweepHandler_sweepsTheAccount() throws Exception {
        FreshJvm.Run run = run(Artifact.GUARD, "SweepHandler", "misc/sweep-scheduled-event.json", GUARD_ENV);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output().get("status").asText()).isEqualTo("swept");
        assertThat(run.output().get("clusters").asInt()).isEqualTo(1);
        assertThat(cloud.count(queryAction("DescribeDBClusterSnapshots"))).isPositive();
    }

    @Test
    void configJar_configRuleHandler_putsEvaluations() throws Exception {
        FreshJvm.Run run = run(Artifact.CONFIG, "ConfigRuleHandler",
                "config/change-neptune-cluster-unencrypted-kmskeyid-null.json", Map.of());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output().get("putEvaluationsCalls").asInt()).isEqualTo(1);
        assertThat(run.output().get("NON_COMPLIANT").asInt()).isPositive();
        assertThat(cloud.count(called("StarlingDoveService.PutEvaluations"))).isEqualTo(1);
    }

    @Test
    void deliveryJar_slackNotifierHandler_readsTheSecretAndPosts() throws Exception {
        FreshJvm.Run run = run(Artifact.DELIVERY, "SlackNotifierHandler", "sns/slack-notifier-key-deletion.json",
                Map.of("SLACK_WEBHOOK_SECRET_NAME", LocalCloud.SECRET));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output().get("posted").asInt()).isEqualTo(1);
        assertThat(cloud.count(called("secretsmanager.GetSecretValue"))).isEqualTo(1);
        assertThat(cloud.count(postRequestedFor(urlEqualTo(LocalCloud.HOOK_PATH)))).isEqualTo(1);
        assertThat(run.logs()).doesNotContain("XyZsecretTOKENvalue0123");
    }

    @Test
    void deliveryJar_securityHubExporterHandler_importsTheBatch() throws Exception {
        FreshJvm.Run run = run(Artifact.DELIVERY, "SecurityHubExporterHandler", "sqs/securityhub-export-batch.json",
                Map.of());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output().get("batchItemFailures")).isEmpty();
        assertThat(cloud.count(postRequestedFor(urlEqualTo("/findings/import")))).isEqualTo(1);
        JsonNode imported = Json.MAPPER.readTree(cloud.server.findAll(postRequestedFor(urlEqualTo(
                "/findings/import"))).get(0).getBodyAsString());
        assertThat(imported.get("Findings")).hasSize(5);
    }

    @Test
    void guardJar_securityHubExporterHandler_failsWithAMissingClass() throws Exception {
        FreshJvm.Run run = run(Artifact.GUARD, "SecurityHubExporterHandler", "sqs/securityhub-export-batch.json",
                Map.of());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.linkageError()).isTrue();
        assertThat(run.result().get("errors").toString()).contains("NoClassDefFoundError",
                "software/amazon/awssdk/services/securityhub/");
    }

    private static FreshJvm.Run run(Artifact artifact, String handler, String event, Map<String, String> env)
            throws Exception {
        FreshJvm.Run run = FreshJvm.run(artifact.jar(), "dev.neptuneguard.handler." + handler, EVENTS.resolve(event),
                cloud.endpoint(), env);
        assertThat(run.result()).as("the launcher's result line; %s", run).isNotNull();
        System.out.println(artifact.classifier + " " + run.result().path("handler").asText() + ": first event "
                + run.result().path("firstEventHandledMs") + " ms after JVM start");
        assertThat(run.linkageError() && run.exitCode() != 2).as("exit status 2 for a missing class").isFalse();
        if (run.exitCode() == 0) {
            assertThat(unstructured(run.logs())).as("log lines that are not JSON (a library writing to stderr)")
                    .isEmpty();
        }
        return run;
    }

    /** The lines of a function's output that are not one JSON object each, as CloudWatch Logs would show them. */
    static List<String> unstructured(String logs) {
        return logs.lines().filter(line -> !line.isBlank()).filter(line -> {
            try {
                return !Json.MAPPER.readTree(line).isObject();
            } catch (IOException notJson) {
                return true;
            }
        }).toList();
    }
}
