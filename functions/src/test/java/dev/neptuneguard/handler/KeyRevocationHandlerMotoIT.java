package dev.neptuneguard.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.moto.EventFixture;
import dev.neptuneguard.moto.MotoExtension;
import dev.neptuneguard.moto.MotoServer;
import dev.neptuneguard.moto.MotoStack;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.neptune.NeptuneClient;
import software.amazon.awssdk.services.neptune.model.DBCluster;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.RecordState;

/**
 * The key-revocation and reminder functions end to end on moto: keys, aliases, clusters and snapshots built through
 * the SDK, the key changed through the SDK (so moto holds the state AWS would), then the repository's KMS event
 * fixtures with that key's identifiers. Checks the blast radius in the alert, the reminders in EventBridge
 * Scheduler, and what opt-in protection really did to the key.
 */
@ExtendWith(MotoExtension.class)
class KeyRevocationHandlerMotoIT {

    /** How CloudTrail writes dates inside KMS response elements ({@code Nov 30, 2026, 5:10:02 PM}). */
    private static final DateTimeFormatter CLOUDTRAIL_DATE =
            DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);

    private MotoServer moto;
    private MotoStack stack;
    private NeptuneClient neptune;
    private KmsClient kms;
    private String keyArn;
    private DBCluster primary;
    private DBCluster replica;

    @BeforeEach
    void deploy(MotoServer server) {
        moto = server;
        stack = MotoStack.deploy(moto);
        neptune = moto.client(NeptuneClient.builder()).build();
        kms = moto.client(KmsClient.builder()).build();
        keyArn = kms.createKey(b -> b.description("graph legacy")).keyMetadata().arn();
        kms.createAlias(b -> b.aliasName("alias/neptune-legacy").targetKeyId(keyArn));
        primary = cluster("graph-legacy", keyArn);
        replica = cluster("graph-legacy-2", keyArn);
        neptune.createDBClusterSnapshot(b -> b.dbClusterIdentifier("graph-legacy")
                .dbClusterSnapshotIdentifier("graph-legacy-before-upgrade"));
        String otherKey = kms.createKey(b -> b.description("unrelated")).keyMetadata().arn();
        cluster("graph-other", otherKey);
    }

    @Test
    void disableKey_keyUsedByTwoClusters_alertNamesTheBlastRadiusFromMoto() {
        kms.disableKey(b -> b.keyId(keyArn));
        DeployedFunctions functions = functions(Map.of());

        JsonNode result = DeployedFunctions.invoke(functions.keyRevocation(),
                keyEvent("kms/disable-key-legacy.json", "evt-disable"));

        assertThat(result.path("status").asText()).isEqualTo("evaluated");
        assertThat(stack.alerts()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("KMS_KEY_DISABLED_IN_USE");
            assertThat(a.attributes()).containsEntry("severity", "CRITICAL").containsEntry("eventId", "evt-disable")
                    .containsEntry("resourceType", "AWS::KMS::Key");
            assertThat(a.finding().path("keyState").asText()).isEqualTo("Disabled");
            List<String> affected = texts(a.finding().path("affectedResources"));
            assertThat(affected).contains(primary.dbClusterArn(), replica.dbClusterArn(),
                    snapshotArn("graph-legacy-before-upgrade"));
            assertThat(affected).noneMatch(arn -> arn.contains("graph-other"));
        });
    }

    @Test
    void scheduleKeyDeletion_pendingSevenDays_alertAndOneReminderPerOffsetStillAhead() throws IOException {
        Instant deletionDate = kms.scheduleKeyDeletion(b -> b.keyId(keyArn).pendingWindowInDays(7)).deletionDate();
        DeployedFunctions functions = functions(Map.of());

        JsonNode result = DeployedFunctions.invoke(functions.keyRevocation(), scheduleEvent(deletionDate, "evt-sched"));

        assertThat(result.path("remindersCreated").asInt()).isEqualTo(3);
        assertThat(stack.alerts()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("KMS_KEY_DELETION_SCHEDULED_IN_USE");
            assertThat(a.finding().path("deletionDate").asText())
                    .isEqualTo(deletionDate.truncatedTo(ChronoUnit.SECONDS).toString());
        });
        List<GetScheduleResponse> schedules = stack.schedules();
        assertThat(schedules).hasSize(3);
        for (GetScheduleResponse s : schedules) {
            JsonNode input = Json.MAPPER.readTree(s.target().input());
            Duration offset = Duration.parse(input.path("offset").asText());
            assertThat(s.scheduleExpression()).isEqualTo("at(" + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
                    .withZone(ZoneOffset.UTC).format(deletionDate.minus(offset)) + ")");
            assertThat(s.target().arn()).isEqualTo(MotoStack.REMINDER_TARGET);
            assertThat(s.target().roleArn()).isEqualTo(MotoStack.REMINDER_ROLE);
            assertThat(input.path("keyArn").asText()).isEqualTo(keyArn);
        }
        assertThat(schedules).extracting(s -> offsetOf(s)).containsExactlyInAnyOrder("P3D", "P1D", "PT6H");
    }

    @Test
    void reminderFires_keyStillPendingDeletion_remindsWithTheTimeLeft() throws IOException {
        Instant deletionDate = kms.scheduleKeyDeletion(b -> b.keyId(keyArn).pendingWindowInDays(7)).deletionDate();
        DeployedFunctions functions = functions(Map.of());
        DeployedFunctions.invoke(functions.keyRevocation(), scheduleEvent(deletionDate, "evt-sched"));
        stack.alerts();

        DeployedFunctions.invoke(functions.reminder(), reminderInput("P3D"));

        assertThat(stack.alerts()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("KMS_KEY_DELETION_SCHEDULED_IN_USE");
            assertThat(a.finding().path("title").asText()).contains("— deleted in ");
            assertThat(a.finding().path("detail").asText()).startsWith("Reminder: key ");
            assertThat(a.subject()).contains("deleted in");
        });
    }

    /**
     * Reminder schedules are named by key and offset, the same on every deletion cycle: a reminder of the second
     * cycle must still be delivered, not taken for the first cycle's reminder of the same name.
     */
    @Test
    void reminderFires_secondDeletionCycleOfTheKey_remindsAgain() {
        DeployedFunctions functions = functions(Map.of());
        Instant first = kms.scheduleKeyDeletion(b -> b.keyId(keyArn).pendingWindowInDays(7)).deletionDate();
        DeployedFunctions.invoke(functions.keyRevocation(), scheduleEvent(first, "evt-sched-1"));
        DeployedFunctions.invoke(functions.reminder(), reminderInput("P3D"));
        assertThat(stack.alerts()).hasSize(2);
        kms.cancelKeyDeletion(b -> b.keyId(keyArn));
        DeployedFunctions.invoke(functions.keyRevocation(), keyEvent("kms/cancel-key-deletion-legacy.json", "evt-c"));
        kms.enableKey(b -> b.keyId(keyArn));
        Instant second = kms.scheduleKeyDeletion(b -> b.keyId(keyArn).pendingWindowInDays(8)).deletionDate();
        DeployedFunctions.invoke(functions.keyRevocation(), scheduleEvent(second, 8, "evt-sched-2"));
        stack.alerts();

        JsonNode result = DeployedFunctions.invoke(functions.reminder(), reminderInput("P3D"));

        assertThat(result.path("findings").asInt()).isEqualTo(1);
        assertThat(stack.alerts()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("KMS_KEY_DELETION_SCHEDULED_IN_USE");
            assertThat(a.finding().path("deletionDate").asText())
                    .isEqualTo(second.truncatedTo(ChronoUnit.SECONDS).toString());
        });
    }

    @Test
    void cancelKeyDeletion_afterSchedule_deletesTheRemindersAndSaysTheKeyIsStillDisabled() {
        Instant deletionDate = kms.scheduleKeyDeletion(b -> b.keyId(keyArn).pendingWindowInDays(7)).deletionDate();
        DeployedFunctions functions = functions(Map.of());
        DeployedFunctions.invoke(functions.keyRevocation(), scheduleEvent(deletionDate, "evt-sched"));
        assertThat(stack.schedules()).hasSize(3);
        kms.cancelKeyDeletion(b -> b.keyId(keyArn));

        JsonNode result = DeployedFunctions.invoke(functions.keyRevocation(),
                keyEvent("kms/cancel-key-deletion-legacy.json", "evt-cancel"));

        assertThat(result.path("remindersDeleted").asInt()).isEqualTo(3);
        assertThat(stack.schedules()).isEmpty();
        assertThat(kms.describeKey(b -> b.keyId(keyArn)).keyMetadata().keyState())
                .as("AWS leaves a key Disabled after CancelKeyDeletion").isEqualTo(KeyState.DISABLED);
        assertThat(stack.alerts()).filteredOn(a -> a.attributes().get("eventId").equals("evt-cancel"))
                .singleElement().satisfies(a -> {
                    assertThat(a.subject()).isEqualTo("[CRITICAL] KMS key deletion cancelled; the key is still "
                            + "disabled - enable it: alias/neptune-legacy");
                    assertThat(a.finding().path("detail").asText())
                            .startsWith("Deletion cancelled; the key is still disabled — enable it.");
                    assertThat(a.finding().path("keyState").asText()).isEqualTo("Disabled");
                });
    }

    @Test
    void enableKey_afterDisable_allClearOnSns() {
        kms.disableKey(b -> b.keyId(keyArn));
        DeployedFunctions functions = functions(Map.of());
        DeployedFunctions.invoke(functions.keyRevocation(), keyEvent("kms/disable-key-legacy.json", "evt-disable"));
        stack.alerts();
        kms.enableKey(b -> b.keyId(keyArn));

        DeployedFunctions.invoke(functions.keyRevocation(), keyEvent("kms/enable-key-legacy.json", "evt-enable"));

        assertThat(stack.alerts()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("KMS_KEY_RISK_CLEARED");
            assertThat(a.attributes()).containsEntry("status", "PASSED").containsEntry("eventId", "evt-enable");
        });
    }

    @Test
    void enableKey_afterDisable_securityHubResolvesOnlyTheFindingRaised() {
        kms.disableKey(b -> b.keyId(keyArn));
        DeployedFunctions functions = functions(Map.of());
        DeployedFunctions.invoke(functions.keyRevocation(), keyEvent("kms/disable-key-legacy.json", "evt-disable"));
        exportToSecurityHub(functions);
        kms.enableKey(b -> b.keyId(keyArn));

        DeployedFunctions.invoke(functions.keyRevocation(), keyEvent("kms/enable-key-legacy.json", "evt-enable"));
        exportToSecurityHub(functions);

        List<AwsSecurityFinding> onTheKey = stack.securityHubFindings().stream()
                .filter(f -> f.id().endsWith("/" + keyArn)).toList();
        assertThat(onTheKey).singleElement().satisfies(f -> {
            assertThat(f.generatorId()).isEqualTo("KMS_KEY_DISABLED_IN_USE");
            assertThat(f.recordState()).isEqualTo(RecordState.ARCHIVED);
            assertThat(f.compliance().statusAsString()).isEqualTo("PASSED");
        });
    }

    @Test
    void scheduleKeyDeletion_protectionOn_cancelsInKmsAndReEnablesTheKey() {
        Instant deletionDate = kms.scheduleKeyDeletion(b -> b.keyId(keyArn).pendingWindowInDays(7)).deletionDate();
        DeployedFunctions functions = functions(Map.of("protectionMode", "on"));

        JsonNode result = DeployedFunctions.invoke(functions.keyRevocation(), scheduleEvent(deletionDate, "evt-p"));

        assertThat(result.path("protection").asText()).isEqualTo("PROTECTED");
        assertThat(result.path("remindersCreated").asInt()).isZero();
        var key = kms.describeKey(b -> b.keyId(keyArn)).keyMetadata();
        assertThat(key.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(key.deletionDate()).isNull();
        assertThat(tags()).containsKeys("neptune-guard:protected-at", "neptune-guard:protected-reason");
        assertThat(stack.schedules()).isEmpty();
        assertThat(stack.alerts()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("KMS_KEY_DELETION_SCHEDULED_IN_USE");
            assertThat(a.attributes()).containsEntry("severity", "HIGH");
            assertThat(a.finding().path("title").asText()).endsWith("(protected)");
            assertThat(a.finding().path("keyState").asText()).isEqualTo("Enabled");
        });
    }

    @Test
    void disableKey_protectionOnButKeyTaggedAllowRevocation_leavesTheKeyDisabled() {
        kms.tagResource(b -> b.keyId(keyArn).tags(Tag.builder().tagKey("neptune-guard:allow-revocation")
                .tagValue("true").build()));
        kms.disableKey(b -> b.keyId(keyArn));
        DeployedFunctions functions = functions(Map.of("protectionMode", "on"));

        JsonNode result = DeployedFunctions.invoke(functions.keyRevocation(),
                keyEvent("kms/disable-key-legacy.json", "evt-allowed"));

        assertThat(result.path("protection").asText()).isEqualTo("EXEMPT_TAG");
        assertThat(kms.describeKey(b -> b.keyId(keyArn)).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);
        assertThat(stack.alerts()).extracting(MotoStack.Alert::ruleId).containsExactly("KMS_KEY_DISABLED_IN_USE");
    }

    /** Runs the exporter function on what the key function queued for Security Hub, as the queue would. */
    private void exportToSecurityHub(DeployedFunctions functions) {
        String batch = stack.exportBatchEvent();
        assertThat(batch).as("findings queued for Security Hub").isNotNull();
        JsonNode result = DeployedFunctions.invoke(functions.securityHubExporter(), batch);
        assertThat(result.path("batchItemFailures")).as(result.toString()).isEmpty();
    }

    private DeployedFunctions functions(Map<String, String> settings) {
        return new DeployedFunctions(stack.environment(settings));
    }

    private DBCluster cluster(String name, String key) {
        return neptune.createDBCluster(b -> b.dbClusterIdentifier(name).engine("neptune").storageEncrypted(true)
                .kmsKeyId(key)).dbCluster();
    }

    private String snapshotArn(String name) {
        return "arn:aws:rds:us-east-1:" + MotoServer.ACCOUNT + ":cluster-snapshot:" + name;
    }

    private Map<String, String> tags() {
        return kms.listResourceTags(b -> b.keyId(keyArn)).tags().stream()
                .collect(Collectors.toMap(Tag::tagKey, Tag::tagValue));
    }

    /**
     * A KMS fixture for this test's key: the key named in the request the way the fixture names it (key ARN, key
     * id, or alias ARN), the key ARN in the response and the resources, the caller's account moto's.
     */
    private String keyEvent(String fixture, String eventId) {
        return keyFixture(fixture, eventId).json();
    }

    private EventFixture keyFixture(String fixture, String eventId) {
        EventFixture e = EventFixture.load(fixture).account(MotoServer.ACCOUNT).eventId(eventId);
        String asked = e.tree().at("/detail/requestParameters/keyId").asText();
        String keyId = keyArn.substring(keyArn.indexOf(":key/") + 5);
        e.set("/detail/requestParameters/keyId", asked.contains(":alias/")
                ? "arn:aws:kms:us-east-1:" + MotoServer.ACCOUNT + ":alias/neptune-legacy"
                : asked.startsWith("alias/") ? "alias/neptune-legacy" : asked.startsWith("arn:") ? keyArn : keyId);
        if (e.tree().at("/detail/responseElements/keyId").isTextual()) {
            e.set("/detail/responseElements/keyId", keyArn);
        }
        e.set("/detail/resources/0/ARN", keyArn).set("/detail/resources/0/accountId", MotoServer.ACCOUNT);
        return e;
    }

    private String scheduleEvent(Instant deletionDate, String eventId) {
        return scheduleEvent(deletionDate, 7, eventId);
    }

    private String scheduleEvent(Instant deletionDate, int days, String eventId) {
        return keyFixture("kms/schedule-key-deletion-legacy.json", eventId)
                .set("/detail/eventTime", deletionDate.minus(Duration.ofDays(days)).toString())
                .set("/detail/responseElements/deletionDate", CLOUDTRAIL_DATE.format(deletionDate))
                .set("/detail/responseElements/pendingWindowInDays", IntNode.valueOf(days))
                .set("/detail/requestParameters/pendingWindowInDays", IntNode.valueOf(days)).json();
    }

    /** The input Scheduler hands the reminder function when the schedule of {@code offset} fires. */
    private String reminderInput(String offset) {
        return stack.schedules().stream().filter(s -> offsetOf(s).equals(offset)).findFirst().orElseThrow()
                .target().input();
    }

    private static String offsetOf(GetScheduleResponse s) {
        try {
            return Json.MAPPER.readTree(s.target().input()).path("offset").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
