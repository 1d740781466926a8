package dev.neptuneguard.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Dates;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.SnapshotFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fixture under {@code events/} parsed exactly as a Lambda receives it, against an expectation table
 * (events/README.md's "Expected outcome" column), plus hostile inputs built from the fixtures with Jackson.
 */
class EventParserTest {

    private static final String ACCOUNT = "111122223333";
    private static final String US = "us-east-1";
    private static final String EU = "eu-west-1";
    private static final String CMK_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String AWS_RDS_ARN =
            "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321";
    private static final String HSM_ARN = "arn:aws:kms:us-east-1:111122223333:key/7777aaaa-77aa-77aa-77aa-777777777777";
    private static final String LEGACY_ARN =
            "arn:aws:kms:us-east-1:111122223333:key/5555eeee-55ee-55ee-55ee-555555555555";
    private static final String EU_KEY_ARN =
            "arn:aws:kms:eu-west-1:111122223333:key/6666bbbb-66bb-66bb-66bb-666666666666";
    private static final String STORE = "cks-1234567890abcdef0";

    /** Where the outcome's {@code eventId} must come from. */
    enum IdFrom {
        /** {@code detail.eventID}: CloudTrail's id, stable across EventBridge retries. */
        CLOUDTRAIL,
        /** The envelope {@code id}: events that are not CloudTrail records. */
        ENVELOPE,
        /** No id at all: not an EventBridge event. */
        NONE
    }

    /**
     * One row of the expectation table.
     *
     * @param outcome a {@link ResourceTrigger.Kind}, {@link KeyTrigger.Kind} or {@link IgnoreReason}
     * @param identifier the cluster or snapshot identifier of a resource trigger
     * @param key {@code requestedKmsKeyId} of a resource trigger, {@code keyReference} of a key trigger
     */
    record Expect(String file, Enum<?> outcome, String identifier, String key, String region, IdFrom idFrom) {

        @Override
        public String toString() {
            return file + " -> " + outcome;
        }
    }

    private static Expect resource(String file, ResourceTrigger.Kind kind, String identifier, String requestedKey,
                                   String region) {
        return new Expect(file, kind, identifier, requestedKey, region, IdFrom.CLOUDTRAIL);
    }

    private static Expect key(String file, KeyTrigger.Kind kind, String keyReference, IdFrom idFrom) {
        return new Expect(file, kind, null, keyReference, US, idFrom);
    }

    private static Expect ignored(String file, IgnoreReason reason, IdFrom idFrom) {
        return new Expect(file, reason, null, null, null, idFrom);
    }

    static final List<Expect> EXPECTATIONS = List.of(
            resource("rds/create-db-cluster-neptune-unencrypted.json", ResourceTrigger.Kind.CLUSTER_CREATED,
                    "graph-scratch", null, US),
            resource("rds/create-db-cluster-neptune-default-key.json", ResourceTrigger.Kind.CLUSTER_CREATED,
                    "graph-analytics", null, US),
            resource("rds/create-db-cluster-neptune-cmk-alias.json", ResourceTrigger.Kind.CLUSTER_CREATED,
                    "graph-prod", "alias/neptune-prod", US),
            resource("rds/create-db-cluster-neptune-hsm.json", ResourceTrigger.Kind.CLUSTER_CREATED,
                    "graph-hsm", HSM_ARN, US),
            resource("rds/create-db-cluster-neptune-no-response.json", ResourceTrigger.Kind.CLUSTER_CREATED,
                    "graph-new", "alias/neptune-prod", US),
            ignored("rds/create-db-cluster-aurora-mysql.json", IgnoreReason.OTHER_ENGINE, IdFrom.CLOUDTRAIL),
            ignored("rds/create-db-cluster-docdb.json", IgnoreReason.OTHER_ENGINE, IdFrom.CLOUDTRAIL),
            ignored("rds/create-db-cluster-neptune-failed-access-denied.json", IgnoreReason.FAILED_CALL,
                    IdFrom.CLOUDTRAIL),
            resource("rds/restore-db-cluster-from-snapshot-neptune-no-kms.json",
                    ResourceTrigger.Kind.CLUSTER_RESTORED_FROM_SNAPSHOT, "graph-restored", null, US),
            resource("rds/restore-db-cluster-from-snapshot-neptune-cmk.json",
                    ResourceTrigger.Kind.CLUSTER_RESTORED_FROM_SNAPSHOT, "graph-prod-restored", CMK_ARN, US),
            resource("rds/restore-db-cluster-to-point-in-time-neptune.json",
                    ResourceTrigger.Kind.CLUSTER_RESTORED_TO_POINT_IN_TIME, "graph-analytics-pitr", null, US),
            ignored("rds/restore-db-cluster-to-point-in-time-aurora.json", IgnoreReason.OTHER_ENGINE,
                    IdFrom.CLOUDTRAIL),
            resource("rds/create-db-cluster-snapshot-neptune.json", ResourceTrigger.Kind.SNAPSHOT_CREATED,
                    "graph-analytics-manual-2026-11-20", null, US),
            resource("rds/copy-db-cluster-snapshot-neptune-cross-region.json", ResourceTrigger.Kind.SNAPSHOT_COPIED,
                    "graph-analytics-manual-2026-11-20-dr", EU_KEY_ARN, EU),
            resource("rds/copy-db-cluster-snapshot-neptune-unencrypted.json", ResourceTrigger.Kind.SNAPSHOT_COPIED,
                    "graph-scratch-copy", null, US),
            ignored("rds/delete-db-cluster-neptune.json", IgnoreReason.UNSUPPORTED_EVENT_NAME, IdFrom.CLOUDTRAIL),
            ignored("rds/create-db-instance-neptune.json", IgnoreReason.UNSUPPORTED_EVENT_NAME, IdFrom.CLOUDTRAIL),

            key("kms/disable-key-legacy.json", KeyTrigger.Kind.KEY_DISABLED, LEGACY_ARN, IdFrom.CLOUDTRAIL),
            key("kms/schedule-key-deletion-legacy.json", KeyTrigger.Kind.KEY_DELETION_SCHEDULED, LEGACY_ARN,
                    IdFrom.CLOUDTRAIL),
            key("kms/schedule-key-deletion-24h-pm.json", KeyTrigger.Kind.KEY_DELETION_SCHEDULED, LEGACY_ARN,
                    IdFrom.CLOUDTRAIL),
            key("kms/schedule-key-deletion-multi-region-replica.json", KeyTrigger.Kind.KEY_DELETION_SCHEDULED,
                    "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab", IdFrom.CLOUDTRAIL),
            key("kms/schedule-key-deletion-unused-key.json", KeyTrigger.Kind.KEY_DELETION_SCHEDULED,
                    "arn:aws:kms:us-east-1:111122223333:key/9999ffff-99ff-99ff-99ff-999999999999", IdFrom.CLOUDTRAIL),
            key("kms/cancel-key-deletion-legacy.json", KeyTrigger.Kind.KEY_DELETION_CANCELLED, LEGACY_ARN,
                    IdFrom.CLOUDTRAIL),
            key("kms/enable-key-legacy.json", KeyTrigger.Kind.KEY_ENABLED, LEGACY_ARN, IdFrom.CLOUDTRAIL),
            key("kms/delete-imported-key-material.json", KeyTrigger.Kind.KEY_MATERIAL_DELETED, LEGACY_ARN,
                    IdFrom.CLOUDTRAIL),
            key("kms/import-key-material.json", KeyTrigger.Kind.KEY_MATERIAL_IMPORTED, LEGACY_ARN, IdFrom.CLOUDTRAIL),
            key("kms/disconnect-custom-key-store.json", KeyTrigger.Kind.KEY_STORE_DISCONNECTED, null,
                    IdFrom.CLOUDTRAIL),
            key("kms/connect-custom-key-store.json", KeyTrigger.Kind.KEY_STORE_CONNECTED, null, IdFrom.CLOUDTRAIL),
            key("kms/revoke-grant-rds.json", KeyTrigger.Kind.GRANT_REVOKED, CMK_ARN, IdFrom.CLOUDTRAIL),
            key("kms/retire-grant.json", KeyTrigger.Kind.GRANT_RETIRED, CMK_ARN, IdFrom.CLOUDTRAIL),
            key("kms/retire-grant-rds-service.json", KeyTrigger.Kind.GRANT_RETIRED, CMK_ARN, IdFrom.CLOUDTRAIL),
            key("kms/put-key-policy-deny-rds.json", KeyTrigger.Kind.KEY_POLICY_CHANGED, CMK_ARN, IdFrom.CLOUDTRAIL),
            key("kms/put-key-policy-benign.json", KeyTrigger.Kind.KEY_POLICY_CHANGED, CMK_ARN, IdFrom.CLOUDTRAIL),
            ignored("kms/disable-key-failed.json", IgnoreReason.FAILED_CALL, IdFrom.CLOUDTRAIL),
            ignored("kms/schedule-key-deletion-failed-not-found.json", IgnoreReason.FAILED_CALL, IdFrom.CLOUDTRAIL),
            key("kms/kms-native-cmk-deletion.json", KeyTrigger.Kind.KEY_DELETED, LEGACY_ARN, IdFrom.ENVELOPE),
            key("kms/kms-native-imported-key-material-expiration.json", KeyTrigger.Kind.KEY_MATERIAL_EXPIRED,
                    LEGACY_ARN, IdFrom.ENVELOPE),
            ignored("kms/kms-native-cmk-rotation.json", IgnoreReason.UNSUPPORTED_DETAIL_TYPE, IdFrom.ENVELOPE),

            ignored("misc/ec2-run-instances.json", IgnoreReason.UNSUPPORTED_SOURCE, IdFrom.CLOUDTRAIL),
            ignored("misc/scheduler-reminder-input.json", IgnoreReason.NOT_AN_EVENT, IdFrom.NONE),
            ignored("misc/sweep-scheduled-event.json", IgnoreReason.UNSUPPORTED_DETAIL_TYPE, IdFrom.ENVELOPE));

    // --- fixture access ---------------------------------------------------------------------------------------

    private static Path eventsRoot() {
        URL url = EventParserTest.class.getClassLoader().getResource("events");
        assertThat(url).as("events/ on the test classpath (functions/pom.xml testResources)").isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String raw(String file) {
        try {
            return Files.readString(eventsRoot().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode tree(String file) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(raw(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> filesUnder(String... folders) {
        Set<String> files = new TreeSet<>();
        for (String folder : folders) {
            try (Stream<Path> walk = Files.walk(eventsRoot().resolve(folder))) {
                walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json"))
                        .forEach(p -> files.add(eventsRoot().relativize(p).toString().replace('\\', '/')));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    static Stream<Expect> expectations() {
        return EXPECTATIONS.stream();
    }

    static Stream<String> configFiles() {
        return filesUnder("config").stream();
    }

    // --- the table -----------------------------------------------------------------------------------------------

    @Test
    void fixtures_everyRdsKmsAndMiscFile_hasAnExpectation() {
        Set<String> onDisk = filesUnder("rds", "kms", "misc");
        Set<String> inTable = EXPECTATIONS.stream().map(Expect::file).collect(Collectors.toCollection(TreeSet::new));

        assertThat(inTable).hasSize(EXPECTATIONS.size());
        assertThat(onDisk).isEqualTo(inTable);
        assertThat(onDisk).hasSizeGreaterThanOrEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void parse_fixture_givesTheExpectedOutcome(Expect expect) {
        JsonNode source = tree(expect.file());
        JsonNode detail = source.get("detail");

        EventOutcome outcome = EventParser.parse(raw(expect.file()));

        String expectedId = switch (expect.idFrom()) {
            case CLOUDTRAIL -> detail.get("eventID").asText();
            case ENVELOPE -> source.get("id").asText();
            case NONE -> null;
        };
        assertThat(outcome.eventId()).isEqualTo(expectedId);
        if (expect.outcome() instanceof ResourceTrigger.Kind kind) {
            assertThat(outcome).isInstanceOf(ResourceTrigger.class);
            assertResourceTrigger((ResourceTrigger) outcome, kind, expect, detail);
        } else if (expect.outcome() instanceof KeyTrigger.Kind kind) {
            assertThat(outcome).isInstanceOf(KeyTrigger.class);
            assertKeyTrigger((KeyTrigger) outcome, kind, expect, source);
        } else {
            assertThat(outcome).isInstanceOf(Ignored.class);
            Ignored ignored = (Ignored) outcome;
            assertThat(ignored.reason()).isEqualTo(expect.outcome());
            assertThat(ignored.message()).isNotBlank();
        }
    }

    private static void assertResourceTrigger(ResourceTrigger t, ResourceTrigger.Kind kind, Expect expect,
                                              JsonNode detail) {
        assertThat(t.kind()).isEqualTo(kind);
        assertThat(t.eventName()).isEqualTo(kind.eventName());
        assertThat(t.identifier()).isEqualTo(expect.identifier());
        assertThat(t.requestedKmsKeyId()).isEqualTo(expect.key());
        assertThat(t.engine()).isEqualTo("neptune");
        assertThat(t.account()).isEqualTo(ACCOUNT);
        assertThat(t.region()).isEqualTo(expect.region());
        assertThat(t.eventTime()).isEqualTo(Instant.parse(detail.get("eventTime").asText()));
        assertThat(t.principal()).isNotBlank();
        String type = kind.isCluster() ? ":cluster:" : ":cluster-snapshot:";
        assertThat(t.arn()).isEqualTo("arn:aws:rds:" + expect.region() + ":" + ACCOUNT + type + expect.identifier());
        if (kind.isCluster()) {
            assertThat(t.snapshotFromEvent()).isNull();
            if (t.clusterFromEvent() != null) {
                assertThat(t.clusterFromEvent().identifier()).isEqualTo(expect.identifier());
                assertThat(t.clusterFromEvent().arn()).isEqualTo(t.arn());
                assertThat(t.clusterFromEvent().source()).isEqualTo(FactSource.EVENT);
                assertThat(t.clusterFromEvent().isNeptune()).isTrue();
            }
        } else {
            assertThat(t.clusterFromEvent()).isNull();
            assertThat(t.snapshotFromEvent()).isNotNull();
            assertThat(t.snapshotFromEvent().identifier()).isEqualTo(expect.identifier());
            assertThat(t.snapshotFromEvent().arn()).isEqualTo(t.arn());
            assertThat(t.snapshotFromEvent().source()).isEqualTo(FactSource.EVENT);
        }
    }

    private static void assertKeyTrigger(KeyTrigger t, KeyTrigger.Kind kind, Expect expect, JsonNode source) {
        assertThat(t.kind()).isEqualTo(kind);
        assertThat(t.eventName()).isEqualTo(kind.eventName());
        assertThat(t.keyReference()).isEqualTo(expect.key());
        assertThat(t.account()).isEqualTo(ACCOUNT);
        assertThat(t.region()).isEqualTo(expect.region());
        assertThat(t.principal()).isNotBlank();
        String time = source.get("detail").has("eventTime")
                ? source.get("detail").get("eventTime").asText()
                : source.get("time").asText();
        assertThat(t.eventTime()).isEqualTo(Instant.parse(time));
    }

    @ParameterizedTest
    @MethodSource("configFiles")
    void parse_configRuleInvocation_isNotAnEventBridgeEvent(String file) {
        EventOutcome outcome = EventParser.parse(raw(file));

        assertThat(outcome).isInstanceOfSatisfying(Ignored.class,
                i -> assertThat(i.reason()).isEqualTo(IgnoreReason.NOT_AN_EVENT));
    }

    // --- the cases the issue names ------------------------------------------------------------------------------

    @Test
    void parse_aliasInRequest_keepsAliasAsRequestedAndArnFromResponse() {
        ResourceTrigger t = (ResourceTrigger) EventParser.parse(raw("rds/create-db-cluster-neptune-cmk-alias.json"));

        assertThat(t.requestedKmsKeyId()).isEqualTo("alias/neptune-prod");
        ClusterFacts c = t.clusterFromEvent();
        assertThat(c.kmsKeyId()).isEqualTo(CMK_ARN);
        assertThat(c.encrypted()).isTrue();
        assertThat(c.status()).isEqualTo("creating");
        assertThat(c.resourceId()).isEqualTo("cluster-LBLRT7I2OUYRJJLEJNH7F6DK5V");
        assertThat(c.deletionProtection()).isTrue();
        assertThat(t.principal())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/graph-stack-deployer/AWSCloudFormation");
    }

    @Test
    void parse_restoreWithKmsKeyId_carriesTheRequestedKeyAndTheEncryptedCluster() {
        ResourceTrigger t = (ResourceTrigger) EventParser.parse(
                raw("rds/restore-db-cluster-from-snapshot-neptune-cmk.json"));

        assertThat(t.requestedKmsKeyId()).isEqualTo(CMK_ARN);
        assertThat(t.clusterFromEvent().encrypted()).isTrue();
        assertThat(t.clusterFromEvent().kmsKeyId()).isEqualTo(CMK_ARN);
    }

    @Test
    void parse_restoreWithoutKmsKeyId_hasNoRequestedKeyAndAnUnencryptedCluster() {
        ResourceTrigger t = (ResourceTrigger) EventParser.parse(
                raw("rds/restore-db-cluster-from-snapshot-neptune-no-kms.json"));

        assertThat(t.requestedKmsKeyId()).isNull();
        assertThat(t.clusterFromEvent().storageEncrypted()).isFalse();
        assertThat(t.clusterFromEvent().kmsKeyId()).isNull();
    }

    @Test
    void parse_unencryptedCreate_responseWithoutKmsKeyIdGivesNoKey() {
        ResourceTrigger t = (ResourceTrigger) EventParser.parse(raw("rds/create-db-cluster-neptune-unencrypted.json"));

        assertThat(t.clusterFromEvent().storageEncrypted()).isFalse();
        assertThat(t.clusterFromEvent().encrypted()).isFalse();
        assertThat(t.clusterFromEvent().kmsKeyId()).isNull();
    }

    @Test
    void parse_defaultKey_responseCarriesThePlainAwsRdsKeyArn() {
        ResourceTrigger t = (ResourceTrigger) EventParser.parse(raw("rds/create-db-cluster-neptune-default-key.json"));

        assertThat(t.requestedKmsKeyId()).isNull();
        assertThat(t.clusterFromEvent().kmsKeyId()).isEqualTo(AWS_RDS_ARN);
        assertThat(t.clusterFromEvent().encrypted()).isTrue();
    }

    @Test
    void parse_pointInTimeRestoreWithoutEngineInRequest_takesEngineFromResponse() {
        ObjectNode event = tree("rds/restore-db-cluster-to-point-in-time-neptune.json");
        assertThat(event.at("/detail/requestParameters").has("engine")).isFalse();

        ResourceTrigger t = (ResourceTrigger) EventParser.parse(event);

        assertThat(t.engine()).isEqualTo("neptune");
        assertThat(t.clusterFromEvent().kmsKeyId()).isEqualTo(AWS_RDS_ARN);
    }

    @Test
    void parse_pointInTimeRestoreOfAurora_isIgnoredByTheResponseEngine() {
        Ignored i = (Ignored) EventParser.parse(raw("rds/restore-db-cluster-to-point-in-time-aurora.json"));

        assertThat(i.reason()).isEqualTo(IgnoreReason.OTHER_ENGINE);
        assertThat(i.message()).contains("aurora-postgresql");
        assertThat(i.eventName()).isEqualTo("RestoreDBClusterToPointInTime");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rds/create-db-cluster-aurora-mysql.json", "rds/create-db-cluster-docdb.json"})
    void parse_otherEngine_isIgnoredNamingTheEngine(String file) {
        Ignored i = (Ignored) EventParser.parse(raw(file));

        assertThat(i.reason()).isEqualTo(IgnoreReason.OTHER_ENGINE);
        assertThat(i.message()).contains(tree(file).at("/detail/requestParameters/engine").asText())
                .contains("not neptune");
    }

    @Test
    void parse_snapshotWithJavaStyleDates_parsesSnapshotCreateTime() {
        ResourceTrigger t = (ResourceTrigger) EventParser.parse(raw("rds/create-db-cluster-snapshot-neptune.json"));

        SnapshotFacts s = t.snapshotFromEvent();
        assertThat(s.createTime()).isEqualTo(Instant.parse("2026-11-20T15:18:55Z"));
        assertThat(s.clusterIdentifier()).isEqualTo("graph-analytics");
        assertThat(s.snapshotType()).isEqualTo("manual");
        assertThat(s.status()).isEqualTo("creating");
        assertThat(s.kmsKeyId()).isEqualTo(AWS_RDS_ARN);
        assertThat(s.encrypted()).isTrue();
        assertThat(s.isNeptune()).isTrue();
    }

    @Test
    void parse_crossRegionCopy_isInTheTargetRegionWithTheTargetKey() {
        ResourceTrigger t = (ResourceTrigger) EventParser.parse(
                raw("rds/copy-db-cluster-snapshot-neptune-cross-region.json"));

        assertThat(t.region()).isEqualTo(EU);
        assertThat(t.arn()).isEqualTo(
                "arn:aws:rds:eu-west-1:111122223333:cluster-snapshot:graph-analytics-manual-2026-11-20-dr");
        assertThat(t.snapshotFromEvent().kmsKeyId()).isEqualTo(EU_KEY_ARN);
        assertThat(t.snapshotFromEvent().region()).isEqualTo(EU);
        assertThat(t.snapshotFromEvent().status()).isEqualTo("copying");
        assertThat(t.snapshotFromEvent().createTime()).isEqualTo(Instant.parse("2026-11-20T15:18:55Z"));
    }

    @Test
    void parse_unencryptedCopy_snapshotHasNoKey() {
        ResourceTrigger t = (ResourceTrigger) EventParser.parse(
                raw("rds/copy-db-cluster-snapshot-neptune-unencrypted.json"));

        assertThat(t.snapshotFromEvent().storageEncrypted()).isFalse();
        assertThat(t.snapshotFromEvent().kmsKeyId()).isNull();
        assertThat(t.snapshotFromEvent().createTime()).isEqualTo(Instant.parse("2026-11-19T22:00:03Z"));
    }

    @Test
    void parse_nullResponseElements_buildsTheTriggerFromTheRequest() {
        ResourceTrigger t = (ResourceTrigger) EventParser.parse(raw("rds/create-db-cluster-neptune-no-response.json"));

        assertThat(t.clusterFromEvent()).isNull();
        assertThat(t.engine()).isEqualTo("neptune");
        assertThat(t.arn()).isEqualTo("arn:aws:rds:us-east-1:111122223333:cluster:graph-new");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rds/create-db-cluster-neptune-failed-access-denied.json", "kms/disable-key-failed.json",
        "kms/schedule-key-deletion-failed-not-found.json"})
    void parse_failedCall_isIgnoredWithErrorCodeAndMessage(String file) {
        JsonNode detail = tree(file).get("detail");

        Ignored i = (Ignored) EventParser.parse(raw(file));

        assertThat(i.reason()).isEqualTo(IgnoreReason.FAILED_CALL);
        assertThat(i.eventName()).isEqualTo(detail.get("eventName").asText());
        assertThat(i.message()).contains(detail.get("errorCode").asText()).contains(detail.get("errorMessage").asText())
                .endsWith("nothing changed");
    }

    @Test
    void parse_failedCallOfAnotherEngine_isStillAFailedCall() {
        ObjectNode event = tree("rds/create-db-cluster-aurora-mysql.json");
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("errorCode", "DBClusterAlreadyExistsFault");
        detail.putNull("responseElements");

        Ignored i = (Ignored) EventParser.parse(event);

        assertThat(i.reason()).isEqualTo(IgnoreReason.FAILED_CALL);
    }

    // --- KMS specifics ------------------------------------------------------------------------------------------

    @Test
    void parse_scheduleKeyDeletionByAlias_usesResponseArnWindowAndDate() {
        KeyTrigger t = (KeyTrigger) EventParser.parse(raw("kms/schedule-key-deletion-legacy.json"));

        assertThat(t.keyReference()).isEqualTo(LEGACY_ARN);
        assertThat(t.pendingWindowInDays()).isEqualTo(7);
        assertThat(t.keyStateFromEvent()).isEqualTo("PendingDeletion");
        assertThat(t.deletionDateText()).isEqualTo("Nov 30, 2026, 5:10:02 PM");
        assertThat(Dates.parseLenient(t.deletionDateText())).isEqualTo(Instant.parse("2026-11-30T17:10:02Z"));
    }

    @Test
    void parse_scheduleKeyDeletion24hClockWithPm_takesWindowFromRequestAndReadsTheDate() {
        KeyTrigger t = (KeyTrigger) EventParser.parse(raw("kms/schedule-key-deletion-24h-pm.json"));

        assertThat(t.pendingWindowInDays()).isEqualTo(7);
        assertThat(Dates.parseLenient(t.deletionDateText())).isEqualTo(Instant.parse("2026-12-01T18:58:30Z"));
        assertThat(t.principal()).contains(":user/");
    }

    @Test
    void parse_scheduleDeletionOfMultiRegionPrimary_hasNoDateButTheReplicaState() {
        KeyTrigger t = (KeyTrigger) EventParser.parse(raw("kms/schedule-key-deletion-multi-region-replica.json"));

        assertThat(t.keyStateFromEvent()).isEqualTo("PendingReplicaDeletion");
        assertThat(t.deletionDateText()).isNull();
        assertThat(t.pendingWindowInDays()).isEqualTo(30);
    }

    @Test
    void parse_cancelKeyDeletionByAliasArn_usesTheKeyArnFromTheResponse() {
        JsonNode request = tree("kms/cancel-key-deletion-legacy.json").at("/detail/requestParameters");
        assertThat(request.get("keyId").asText()).contains(":alias/");

        KeyTrigger t = (KeyTrigger) EventParser.parse(raw("kms/cancel-key-deletion-legacy.json"));

        assertThat(t.keyReference()).isEqualTo(LEGACY_ARN);
        assertThat(t.kind().clearing()).isTrue();
    }

    @Test
    void parse_disableKeyWithoutResponse_takesTheKeyFromResources() {
        KeyTrigger t = (KeyTrigger) EventParser.parse(raw("kms/disable-key-legacy.json"));

        assertThat(t.keyReference()).isEqualTo(LEGACY_ARN);
        assertThat(t.kind().clearing()).isFalse();
    }

    @Test
    void parse_keyEventWithNothingButARequestAlias_keepsTheAliasForTheCoreToResolve() {
        ObjectNode event = tree("kms/put-key-policy-deny-rds.json");
        ((ObjectNode) event.get("detail")).remove("resources");

        KeyTrigger t = (KeyTrigger) EventParser.parse(event);

        assertThat(t.keyReference()).isEqualTo("alias/neptune-prod");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kms/disconnect-custom-key-store.json", "kms/connect-custom-key-store.json"})
    void parse_customKeyStoreEvent_namesTheStoreAndNoKey(String file) {
        KeyTrigger t = (KeyTrigger) EventParser.parse(raw(file));

        assertThat(t.customKeyStoreId()).isEqualTo(STORE);
        assertThat(t.keyReference()).isNull();
    }

    @Test
    void parse_storeEventWithoutStoreId_isMissingField() {
        ObjectNode event = tree("kms/disconnect-custom-key-store.json");
        ((ObjectNode) event.get("detail")).putNull("requestParameters");

        Ignored i = (Ignored) EventParser.parse(event);

        assertThat(i.reason()).isEqualTo(IgnoreReason.MISSING_FIELD);
        assertThat(i.message()).contains("custom key store");
    }

    @Test
    void parse_revokeGrant_carriesTheGrantId() {
        KeyTrigger t = (KeyTrigger) EventParser.parse(raw("kms/revoke-grant-rds.json"));

        assertThat(t.grantId()).isEqualTo("ae4fdef635290ce0de2b5c5e74fb996f5134ed623f0e0fb2841106172dcd0340");
    }

    @Test
    void parse_retireGrant_takesTheGrantIdFromAdditionalEventData() {
        KeyTrigger t = (KeyTrigger) EventParser.parse(raw("kms/retire-grant.json"));

        assertThat(t.grantId()).isEqualTo("42486f6a1c3b2c5e6965abfb5685dfc8dee5d021d024bddcde30b07fbfd6b3d5");
    }

    @Test
    void parse_putKeyPolicy_carriesThePolicyDocumentAsJson() throws IOException {
        KeyTrigger t = (KeyTrigger) EventParser.parse(raw("kms/put-key-policy-deny-rds.json"));

        JsonNode policy = Json.MAPPER.readTree(t.policyDocument());
        assertThat(policy.at("/Statement/1/Effect").asText()).isEqualTo("Deny");
        assertThat(policy.at("/Statement/1/Condition/StringEquals/kms:ViaService").asText())
                .isEqualTo("rds.us-east-1.amazonaws.com");
    }

    @Test
    void parse_nativeKeyDeletion_usesResourcesArnAndEnvelopeIdentity() {
        KeyTrigger t = (KeyTrigger) EventParser.parse(raw("kms/kms-native-cmk-deletion.json"));

        assertThat(t.keyReference()).isEqualTo(LEGACY_ARN);
        assertThat(t.principal()).isEqualTo("kms.amazonaws.com");
        assertThat(t.eventTime()).isEqualTo(Instant.parse("2026-11-30T17:10:04Z"));
    }

    @Test
    void parse_nativeKeyDeletionWithoutResources_buildsTheArnFromKeyId() {
        ObjectNode event = tree("kms/kms-native-cmk-deletion.json");
        event.putArray("resources");

        KeyTrigger t = (KeyTrigger) EventParser.parse(event);

        assertThat(t.keyReference()).isEqualTo(LEGACY_ARN);
    }

    @Test
    void parse_nativeKeyDeletionWithoutAnyKey_isMissingField() {
        ObjectNode event = tree("kms/kms-native-cmk-deletion.json");
        event.putArray("resources");
        event.putObject("detail");

        Ignored i = (Ignored) EventParser.parse(event);

        assertThat(i.reason()).isEqualTo(IgnoreReason.MISSING_FIELD);
        assertThat(i.eventId()).isEqualTo(event.get("id").asText());
    }

    // --- hostile and broken input -------------------------------------------------------------------------------

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "{", "not json", "{\"source\": \"aws.rds\",", "[]", "[{}]", "42", "\"text\"",
        "null", "true"})
    void parse_notAJsonObject_isMalformed(String text) {
        EventOutcome outcome = EventParser.parse(text);

        assertThat(outcome).isInstanceOfSatisfying(Ignored.class, i -> {
            assertThat(i.reason()).isEqualTo(IgnoreReason.MALFORMED_JSON);
            assertThat(i.eventId()).isNull();
            assertThat(i.message()).isNotBlank();
        });
    }

    @Test
    void parse_emptyObject_isNotAnEvent() {
        Ignored i = (Ignored) EventParser.parse(Json.MAPPER.createObjectNode());

        assertThat(i.reason()).isEqualTo(IgnoreReason.NOT_AN_EVENT);
    }

    @Test
    void parse_validEventWrappedInAnArray_isMalformed() {
        ArrayNode array = Json.MAPPER.createArrayNode().add(tree("rds/create-db-cluster-neptune-unencrypted.json"));

        Ignored i = (Ignored) EventParser.parse(array);

        assertThat(i.reason()).isEqualTo(IgnoreReason.MALFORMED_JSON);
    }

    static Stream<Arguments> envelopeDamage() {
        return Stream.of(
                Arguments.of("no detail", (Function<ObjectNode, JsonNode>) e -> e.without("detail")),
                Arguments.of("null detail", (Function<ObjectNode, JsonNode>) e -> e.putNull("detail")),
                Arguments.of("detail as a string, like Scheduler sends",
                        (Function<ObjectNode, JsonNode>) e -> e.put("detail", "{}")),
                Arguments.of("detail as an array", (Function<ObjectNode, JsonNode>) e -> e.set("detail",
                        Json.MAPPER.createArrayNode())),
                Arguments.of("no source", (Function<ObjectNode, JsonNode>) e -> e.without("source")),
                Arguments.of("no detail-type", (Function<ObjectNode, JsonNode>) e -> e.without("detail-type")),
                Arguments.of("empty detail-type", (Function<ObjectNode, JsonNode>) e -> e.put("detail-type", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopeDamage")
    void parse_envelopeWithoutItsParts_isNotAnEvent(String damage, Function<ObjectNode, JsonNode> apply) {
        JsonNode event = apply.apply(tree("rds/create-db-cluster-neptune-unencrypted.json"));

        Ignored i = (Ignored) EventParser.parse(event);

        assertThat(i.reason()).isEqualTo(IgnoreReason.NOT_AN_EVENT);
    }

    @Test
    void parse_clusterEventWithoutIdentifier_isMissingField() {
        ObjectNode event = tree("rds/create-db-cluster-neptune-unencrypted.json");
        ((ObjectNode) event.at("/detail/requestParameters")).remove("dBClusterIdentifier");
        ((ObjectNode) event.at("/detail/responseElements")).remove("dBClusterIdentifier");

        Ignored i = (Ignored) EventParser.parse(event);

        assertThat(i.reason()).isEqualTo(IgnoreReason.MISSING_FIELD);
        assertThat(i.eventId()).isEqualTo("b1e9f4fd-46b1-49d2-8494-86824233eb55");
    }

    @Test
    void parse_snapshotEventWithoutRequestOrResponse_isMissingField() {
        ObjectNode event = tree("rds/create-db-cluster-snapshot-neptune.json");
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.putNull("requestParameters");
        detail.putNull("responseElements");

        Ignored i = (Ignored) EventParser.parse(event);

        assertThat(i.reason()).isEqualTo(IgnoreReason.MISSING_FIELD);
        assertThat(i.message()).contains("snapshot identifier");
    }

    @Test
    void parse_upperCamelCaseKeys_areReadLikeCloudTrailCasing() {
        ObjectNode event = tree("rds/create-db-cluster-neptune-cmk-alias.json");
        ObjectNode request = (ObjectNode) event.at("/detail/requestParameters");
        request.set("DBClusterIdentifier", request.remove("dBClusterIdentifier"));
        request.set("KmsKeyId", request.remove("kmsKeyId"));

        ResourceTrigger t = (ResourceTrigger) EventParser.parse(event);

        assertThat(t.identifier()).isEqualTo("graph-prod");
        assertThat(t.requestedKmsKeyId()).isEqualTo("alias/neptune-prod");
    }

    @Test
    void parse_missingEventName_isIgnoredKeepingTheEventId() {
        ObjectNode event = tree("rds/create-db-cluster-neptune-unencrypted.json");
        ((ObjectNode) event.get("detail")).remove("eventName");

        Ignored i = (Ignored) EventParser.parse(event);

        assertThat(i.reason()).isEqualTo(IgnoreReason.MISSING_FIELD);
        assertThat(i.message()).contains("no eventName");
        assertThat(i.eventId()).isEqualTo("b1e9f4fd-46b1-49d2-8494-86824233eb55");
    }

    @Test
    void parse_missingCloudTrailEventId_fallsBackToTheEnvelopeId() {
        ObjectNode event = tree("rds/create-db-cluster-neptune-unencrypted.json");
        ((ObjectNode) event.get("detail")).remove("eventID");

        EventOutcome outcome = EventParser.parse(event);

        assertThat(outcome.eventId()).isEqualTo(event.get("id").asText());
    }

    @Test
    void parse_hugeIdentifier_isDroppedAsInvalid() {
        String huge = "g".repeat(2_000_000);
        ObjectNode event = tree("rds/create-db-cluster-neptune-unencrypted.json");
        ((ObjectNode) event.at("/detail/requestParameters")).put("dBClusterIdentifier", huge);
        ((ObjectNode) event.at("/detail/responseElements")).put("dBClusterIdentifier", huge);

        EventOutcome outcome = EventParser.parse(event.toString());

        assertThat(outcome).isInstanceOfSatisfying(Ignored.class, i -> {
            assertThat(i.reason()).isEqualTo(IgnoreReason.MISSING_FIELD);
            assertThat(i.message()).contains("invalid identifier (2000000 characters)");
        });
    }

    @Test
    void parse_hugeErrorMessage_keepsTheIgnoredMessageShort() {
        ObjectNode event = tree("rds/create-db-cluster-neptune-failed-access-denied.json");
        ((ObjectNode) event.get("detail")).put("errorMessage", "denied ".repeat(500_000));

        Ignored i = (Ignored) EventParser.parse(event.toString());

        assertThat(i.reason()).isEqualTo(IgnoreReason.FAILED_CALL);
        assertThat(i.message()).startsWith("CreateDBCluster failed with AccessDenied: denied denied")
                .hasSizeLessThanOrEqualTo(Ignored.MAX_MESSAGE_LENGTH);
    }

    @Test
    void parse_hugeEventName_keepsTheIgnoredShort() {
        ObjectNode event = tree("rds/create-db-cluster-neptune-unencrypted.json");
        ((ObjectNode) event.get("detail")).put("eventName", "X".repeat(1_000_000));

        Ignored i = (Ignored) EventParser.parse(event.toString());

        assertThat(i.reason()).isEqualTo(IgnoreReason.UNSUPPORTED_EVENT_NAME);
        assertThat(i.message()).hasSizeLessThanOrEqualTo(Ignored.MAX_MESSAGE_LENGTH);
        assertThat(i.eventName()).hasSizeLessThanOrEqualTo(Ignored.MAX_MESSAGE_LENGTH);
    }

    @Test
    void parse_stringBeyondJacksonsLimit_isMalformedNotACrash() {
        ObjectNode event = tree("rds/create-db-cluster-neptune-unencrypted.json");
        ((ObjectNode) event.at("/detail/requestParameters")).put("engineVersion", "1".repeat(20_000_001));

        Ignored i = (Ignored) EventParser.parse(event.toString());

        assertThat(i.reason()).isEqualTo(IgnoreReason.MALFORMED_JSON);
        assertThat(i.message()).hasSizeLessThanOrEqualTo(Ignored.MAX_MESSAGE_LENGTH);
    }

    @Test
    void parse_nestingBeyondJacksonsLimit_isMalformedNotACrash() {
        Ignored i = (Ignored) EventParser.parse("[".repeat(5_000));

        assertThat(i.reason()).isEqualTo(IgnoreReason.MALFORMED_JSON);
    }

    @Test
    void parse_sameEventTwice_givesEqualOutcomesForDeduplication() {
        String text = raw("rds/create-db-cluster-snapshot-neptune.json");

        assertThat(EventParser.parse(text)).isEqualTo(EventParser.parse(text));
    }

    @Test
    void fixtures_cloudTrailEventIds_areUniqueAcrossTheCorpus() {
        Map<String, Long> counts = EXPECTATIONS.stream()
                .filter(e -> e.idFrom() == IdFrom.CLOUDTRAIL)
                .map(e -> tree(e.file()).at("/detail/eventID").asText())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(counts).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
    }

    // --- the envelopes as AWS's own Java library reads them --------------------------------------------------------

    /**
     * Rebuilds the envelope from what aws-lambda-java-events' {@link ScheduledEvent} kept, and checks the parser
     * reaches the same outcome as from the raw file: nothing the parser needs is outside the documented envelope.
     */
    private static void assertSameOutcomeAsRawFile(ScheduledEvent event) {
        ObjectNode rebuilt = Json.MAPPER.createObjectNode();
        rebuilt.put("version", event.getVersion());
        rebuilt.put("id", event.getId());
        rebuilt.put("detail-type", event.getDetailType());
        rebuilt.put("source", event.getSource());
        rebuilt.put("account", event.getAccount());
        rebuilt.put("time", event.getTime().toString());
        rebuilt.put("region", event.getRegion());
        rebuilt.set("resources", Json.MAPPER.valueToTree(event.getResources()));
        rebuilt.set("detail", Json.MAPPER.valueToTree(event.getDetail()));
        String file = EXPECTATIONS.stream().map(Expect::file)
                .filter(f -> event.getId().equals(tree(f).path("id").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no fixture with id " + event.getId()));

        assertThat(EventParser.parse(rebuilt)).isEqualTo(EventParser.parse(raw(file)));
    }

    @ParameterizedTest
    @Events(folder = "events/rds", type = ScheduledEvent.class)
    void scheduledEvent_rdsFixture_deserializesAsCloudTrailEnvelope(ScheduledEvent event) {
        assertThat(event.getSource()).isEqualTo("aws.rds");
        assertThat(event.getDetailType()).isEqualTo(EventParser.CLOUDTRAIL_API_CALL);
        assertThat(event.getAccount()).isEqualTo(ACCOUNT);
        assertThat(event.getRegion()).isIn(US, EU);
        assertThat(event.getResources()).isEmpty();
        assertThat(event.getDetail()).containsKeys("eventID", "eventName", "eventTime", "requestParameters");
        assertThat(event.getDetail().get("eventSource")).isEqualTo("rds.amazonaws.com");
        assertThat(event.getDetail().get("awsRegion")).isEqualTo(event.getRegion());
        assertThat(event.getTime().toDate().toInstant())
                .isEqualTo(Instant.parse((String) event.getDetail().get("eventTime")));
        assertSameOutcomeAsRawFile(event);
    }

    @ParameterizedTest
    @Events(folder = "events/kms", type = ScheduledEvent.class)
    void scheduledEvent_kmsFixture_deserializesAsKmsEnvelope(ScheduledEvent event) {
        assertThat(event.getSource()).isEqualTo("aws.kms");
        assertThat(event.getDetailType()).isIn(EventParser.CLOUDTRAIL_API_CALL, "KMS CMK Deletion",
                "KMS CMK Rotation", "KMS Imported Key Material Expiration");
        assertThat(event.getAccount()).isEqualTo(ACCOUNT);
        assertThat(event.getRegion()).isEqualTo(US);
        if (EventParser.CLOUDTRAIL_API_CALL.equals(event.getDetailType())) {
            assertThat(event.getResources()).isEmpty();
            assertThat(event.getDetail().get("eventSource")).isEqualTo("kms.amazonaws.com");
        } else {
            assertThat(event.getResources()).singleElement().asString().startsWith("arn:aws:kms:us-east-1:");
            assertThat(event.getDetail()).containsKey("key-id");
        }
        assertSameOutcomeAsRawFile(event);
    }

    @ParameterizedTest
    @Event(value = "events/misc/sweep-scheduled-event.json", type = ScheduledEvent.class)
    void scheduledEvent_sweepSchedule_isAScheduledEventTheParserDoesNotHandle(ScheduledEvent event) {
        assertThat(event.getSource()).isEqualTo("aws.events");
        assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(event.getResources()).containsExactly(
                "arn:aws:events:us-east-1:111122223333:rule/neptune-guard-sweep");
        assertThat(event.getDetail()).isEmpty();
        assertSameOutcomeAsRawFile(event);
    }

    @Test
    void parse_twoEventsInOneInput_isMalformedNamingWhereTheSecondStarts() {
        String one = raw("rds/create-db-cluster-neptune-unencrypted.json").strip();

        EventOutcome outcome = EventParser.parse(one + "\n" + one);

        assertThat(outcome).isInstanceOfSatisfying(Ignored.class, i -> {
            assertThat(i.reason()).isEqualTo(IgnoreReason.MALFORMED_JSON);
            assertThat(i.message()).startsWith("more than one JSON document: another one starts at line ")
                    .endsWith("(one event per input)");
        });
    }

    @Test
    void parse_garbageAfterTheEvent_isMalformed() {
        EventOutcome outcome = EventParser.parse(raw("kms/disable-key-legacy.json") + " }x");

        assertThat(outcome).isInstanceOfSatisfying(Ignored.class, i -> {
            assertThat(i.reason()).isEqualTo(IgnoreReason.MALFORMED_JSON);
            assertThat(i.message()).startsWith("content after the event (which ends at line ");
        });
    }

    @Test
    void parse_emptyOrBlankInput_isMalformed() {
        for (String input : new String[] {null, "", " \n "}) {
            assertThat(EventParser.parse(input)).isInstanceOfSatisfying(Ignored.class, i -> {
                assertThat(i.reason()).isEqualTo(IgnoreReason.MALFORMED_JSON);
                assertThat(i.message()).startsWith("empty input");
            });
        }
    }

    @Test
    void parse_trailingWhiteSpace_isTheEventItself() {
        String text = raw("kms/disable-key-legacy.json");

        assertThat(EventParser.parse(text + "\n\n  \t")).isEqualTo(EventParser.parse(text))
                .isInstanceOf(KeyTrigger.class);
    }
}
