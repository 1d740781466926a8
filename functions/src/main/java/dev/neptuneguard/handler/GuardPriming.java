package dev.neptuneguard.handler;

import dev.neptuneguard.events.EventOutcome;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.ResourceTrigger;
import dev.neptuneguard.guard.EncryptionGuard;
import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.inventory.AwsInventory;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.json.FindingJson;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.policy.EncryptionRules;
import dev.neptuneguard.revocation.KeyRevocationGuard;
import dev.neptuneguard.revocation.KmsKeyActions;
import dev.neptuneguard.revocation.Protection;
import dev.neptuneguard.revocation.ProtectionSettings;
import dev.neptuneguard.revocation.ReminderSettings;
import dev.neptuneguard.revocation.Reminders;
import dev.neptuneguard.revocation.RevocationRules;
import dev.neptuneguard.revocation.RevocationSweep;
import dev.neptuneguard.revocation.SchedulerReminders;
import dev.neptuneguard.sinks.SinkSettings;
import dev.neptuneguard.sinks.Sinks;
import dev.neptuneguard.sinks.SnsMessageRenderer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Priming of the guard jar's handlers (RDS and Neptune Analytics events, KMS events, reminders, sweep): each runs its
 * real {@code handleRequest} on bundled sample events over {@link AwsInventory} and, when delivery is configured, over
 * the real sinks (SNS, the Security Hub queue, the DynamoDB ledger), all on in-memory clients. Uses only SDK modules
 * the guard jar holds; the Neptune Analytics path (ListGraphs, GetGraph, ListGraphSnapshots, GetGraphSnapshot) runs
 * where the jar carries that module, and is skipped by {@code AwsClients} where it does not.
 */
final class GuardPriming {

    private GuardPriming() {
    }

    static ClusterEncryptionHandler clusterEncryptionHandler(Priming.Session s) {
        Guard g = new Guard(s, "cluster-encryption");
        return new ClusterEncryptionHandler(g::inventory, new EncryptionRules(Runtime.get().policy()), g.reporter,
                s.clock);
    }

    static KeyRevocationHandler keyRevocationHandler(Priming.Session s) {
        Guard g = new Guard(s, "key-revocation");
        return new KeyRevocationHandler(g::keyGuard, g.reporter);
    }

    static ReminderHandler reminderHandler(Priming.Session s) {
        Guard g = new Guard(s, "reminder");
        return new ReminderHandler(g::keyGuard, g.reporter);
    }

    static SweepHandler sweepHandler(Priming.Session s) {
        Guard g = new Guard(s, "sweep");
        return new SweepHandler(g::sweep, g.reporter);
    }

    static void clusterEncryption(Priming.Session s) {
        ClusterEncryptionHandler handler = clusterEncryptionHandler(s);
        for (String event : List.of("rds/create-db-cluster-neptune-unencrypted.json",
                "rds/create-db-cluster-snapshot-neptune.json", "neptune-graph/create-graph-aws-owned-key.json",
                "neptune-graph/create-graph-snapshot.json")) {
            s.step("handle " + event, () -> handler.handleRequest(
                    new ByteArrayInputStream(Priming.Session.event(event)), s.output(), null));
        }
        renderings(s);
    }

    static void keyRevocation(Priming.Session s) {
        KeyRevocationHandler handler = keyRevocationHandler(s);
        for (String event : List.of("kms/disable-key-legacy.json", "kms/schedule-key-deletion-legacy.json")) {
            s.step("handle " + event, () -> handler.handleRequest(
                    new ByteArrayInputStream(Priming.Session.event(event)), s.output(), null));
        }
        renderings(s);
    }

    static void reminder(Priming.Session s) {
        ReminderHandler handler = reminderHandler(s);
        s.step("handle misc/scheduler-reminder-input.json", () -> handler.handleRequest(
                new ByteArrayInputStream(Priming.Session.event("misc/scheduler-reminder-input.json")), s.output(),
                null));
    }

    static void sweep(Priming.Session s) {
        SweepHandler handler = sweepHandler(s);
        s.step("handle misc/sweep-scheduled-event.json", () -> handler.handleRequest(
                new ByteArrayInputStream(Priming.Session.event("misc/sweep-scheduled-event.json")), s.output(),
                null));
    }

    /** The payloads a finding turns into, beyond what the handled events already rendered. */
    private static void renderings(Priming.Session s) {
        s.step("render finding and SNS payloads", () -> {
            Guard g = new Guard(s, "render");
            EventOutcome outcome = EventParser.parse(new String(Priming.Session.event(
                    "rds/create-db-cluster-neptune-unencrypted.json"), StandardCharsets.UTF_8));
            if (outcome instanceof ResourceTrigger resource) {
                List<Finding> findings = new EncryptionGuard(g.inventory(),
                        new EncryptionRules(Runtime.get().policy()), s.clock).evaluate(resource).findings();
                for (Finding f : findings) {
                    FindingJson.toLine(f);
                    SnsMessageRenderer.render(f, "priming", s.clock.instant());
                }
            }
        });
    }

    /**
     * The function's environment over placeholders for the reminder target: the handler's constructor (KeyRuntime)
     * has already validated the real settings, and the in-memory Scheduler does not care where a reminder points.
     */
    private static Map<String, String> settings() {
        Map<String, String> env = new HashMap<>(Map.of(
                ReminderSettings.TARGET_ARN, "arn:aws:lambda:us-east-1:111122223333:function:neptune-guard-priming",
                ReminderSettings.ROLE_ARN, "arn:aws:iam::111122223333:role/neptune-guard-priming"));
        env.putAll(System.getenv());
        return env;
    }

    /** The collaborators of the guard handlers, on in-memory clients. */
    private static final class Guard {

        private final Priming.Session s;
        private final AwsClients clients;
        private final FindingReporter reporter;
        private final ReminderSettings reminderSettings = ReminderSettings.fromEnv(settings());
        private final ProtectionSettings protectionSettings = ProtectionSettings.fromEnv(settings());

        Guard(Priming.Session s, String service) {
            this.s = s;
            this.clients = AwsClients.builder().region(s.region()).credentialsProvider(s.credentials())
                    .httpClient(s.http).build();
            s.closeLater(clients::close);
            Log log = s.log(service);
            Metrics metrics = s.metrics(service);
            SinkSettings settings = Runtime.get().sinkSettings();
            BiConsumer<String, List<Finding>> delivery = settings == null ? (id, findings) -> { }
                    : Runtime.deliver(Sinks.dispatcher(settings,
                            settings.topicArn() == null ? null : s.client(SnsClient.builder()),
                            settings.securityHub() ? s.client(SqsClient.builder()) : null,
                            s.client(DynamoDbClient.builder())), log, metrics);
            this.reporter = new FindingReporter(log, metrics, delivery);
        }

        Inventory inventory() {
            return new AwsInventory(clients, null, Runtime.get().policy().requireKeyRotation());
        }

        private Reminders reminders() {
            return new SchedulerReminders(s.client(SchedulerClient.builder()), reminderSettings);
        }

        KeyRevocationGuard keyGuard() {
            return new KeyRevocationGuard(inventory(), new RevocationRules(), reminders(), reminderSettings.offsets(),
                    new Protection(protectionSettings, new KmsKeyActions(clients.kms()), s.clock), s.clock);
        }

        RevocationSweep sweep() {
            return new RevocationSweep(inventory(), new RevocationRules(), reminders(), reminderSettings.offsets(),
                    s.clock);
        }
    }
}
