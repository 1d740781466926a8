package dev.neptuneguard.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.events.EventOutcome;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.IgnoreReason;
import dev.neptuneguard.events.Ignored;
import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.json.FindingJson;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every KMS fixture in events/kms through the parser and the key guard, against the demo account. */
class RevocationFixturesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T17:10:30Z");

    private final RecordingReminders reminders = new RecordingReminders();

    private RevocationResult run(String fixture, Inventory inventory) {
        return run(EventParser.parse(Demo.event(fixture)), inventory);
    }

    private RevocationResult run(EventOutcome outcome, Inventory inventory) {
        assertThat(outcome).isInstanceOf(KeyTrigger.class);
        KeyRevocationGuard guard = new KeyRevocationGuard(inventory, new RevocationRules(), reminders,
                ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS), new Protection(ProtectionSettings.off(),
                new RecordingKeyActions(), Clock.fixed(NOW, ZoneOffset.UTC)), Clock.fixed(NOW, ZoneOffset.UTC));
        return guard.handle((KeyTrigger) outcome);
    }

    private static Finding only(RevocationResult r) {
        assertThat(r.ignored()).isNull();
        assertThat(r.findings()).hasSize(1);
        return r.findings().get(0);
    }

    @Test
    void disableKey_legacyKeyDisabled_criticalWithBlastRadiusAndRecoveryPath() {
        Finding f = only(run("kms/disable-key-legacy.json", Demo.account().legacy("Disabled").build()));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_DISABLED_IN_USE);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.resourceArn()).isEqualTo(Demo.LEGACY);
        assertThat(f.keyArn()).isEqualTo(Demo.LEGACY);
        assertThat(f.keyState()).isEqualTo("Disabled");
        assertThat(f.resourceName()).isEqualTo("alias/neptune-legacy");
        assertThat(f.affectedResources()).containsExactly(Demo.clusterArn("graph-legacy"),
                Demo.snapshotArn("rds:graph-legacy-2026-11-23-03-10"));
        assertThat(f.detail())
                .startsWith("DisableKey by arn:aws:sts::111122223333:assumed-role/KeyAdmin/grace at "
                        + "2026-11-21T14:02:36Z.")
                .contains("1 Neptune cluster and 1 cluster snapshot depend on it")
                .contains("graph-legacy (available, deletion protection off): recovery path: snapshot "
                        + "graph-legacy-pre-migration on key alias/neptune-prod");
        assertThat(f.remediation()).contains("aws kms enable-key --key-id " + Demo.LEGACY + " --region us-east-1");
    }

    @Test
    void scheduleKeyDeletion_legacyPending_deletionDateFromDescribeKeyAndFutureRemindersScheduled() {
        RevocationResult r = run("kms/schedule-key-deletion-legacy.json",
                Demo.account().legacy("PendingDeletion").build());
        Finding f = only(r);

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.deletionDate()).isEqualTo(Demo.LEGACY_DELETION);
        assertThat(f.detail()).contains("will be deleted on 2026-11-30T17:10:02Z (in 7 days)")
                .contains("1 Neptune cluster and 1 cluster snapshot become unrecoverable on 2026-11-30 unless the "
                        + "deletion is cancelled");
        assertThat(f.remediation()).contains("aws kms cancel-key-deletion --key-id " + Demo.LEGACY)
                .contains("aws kms enable-key --key-id " + Demo.LEGACY)
                .contains("--target-db-cluster-snapshot-identifier graph-legacy-2026-11-23-03-10-rekeyed");
        // T-7d is the event time itself, already past: only the three later reminders are scheduled.
        assertThat(r.remindersCreated()).isEqualTo(3);
        assertThat(reminders.live.keySet()).containsExactly("ng-5555eeee55ee55ee55ee555555555555-P3D",
                "ng-5555eeee55ee55ee55ee555555555555-P1D", "ng-5555eeee55ee55ee55ee555555555555-PT6H");
    }

    @Test
    void scheduleKeyDeletion_sameEventTwice_remindersCreatedOnce() {
        var inventory = Demo.account().legacy("PendingDeletion").build();
        run("kms/schedule-key-deletion-legacy.json", inventory);
        RevocationResult second = run("kms/schedule-key-deletion-legacy.json", inventory);

        assertThat(second.remindersCreated()).isZero();
        assertThat(reminders.live).hasSize(3);
    }

    @Test
    void scheduleKeyDeletion24hPm_keyNotReadable_dateFromEventTimePlusWindowNotFromText() {
        // DescribeKey refused: the date must come from eventTime + pendingWindowInDays, not "Dec 1, 2026 18:58:30 PM".
        var inventory = Demo.account().legacy(KeyFacts.unverifiable(Demo.LEGACY,
                "AccessDeniedException: not authorized")).build();

        Finding f = only(run("kms/schedule-key-deletion-24h-pm.json", inventory));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE);
        assertThat(f.deletionDate()).isEqualTo(Instant.parse("2026-12-01T18:58:30Z"));
        assertThat(f.detail()).contains("could not be re-read (AccessDeniedException: not authorized)");
    }

    @Test
    void scheduleKeyDeletionMultiRegion_keyNotInDemoAccount_ignoredAsNotInUse() {
        RevocationResult r = run("kms/schedule-key-deletion-multi-region-replica.json", Demo.account().build());

        assertThat(r.findings()).isEmpty();
        assertThat(r.ignored().reason()).isEqualTo(IgnoreReason.KEY_NOT_IN_USE);
        assertThat(r.ignored().message()).contains("mrk-1234abcd12ab34cd56ef1234567890ab");
        assertThat(r.remindersCreated()).isZero();
    }

    @Test
    void scheduleKeyDeletionMultiRegion_keyUsedByCluster_findingWithoutDateAndNoReminders() {
        String mrk = Demo.keyArn("mrk-1234abcd12ab34cd56ef1234567890ab");
        var inventory = Demo.account()
                .withKey(Demo.key("mrk-1234abcd12ab34cd56ef1234567890ab", "alias/neptune-global", "CUSTOMER",
                        "AWS_KMS", "PendingReplicaDeletion", null, null, 30))
                .withCluster(Demo.cluster("graph-global", mrk, "available", true)).build();

        RevocationResult r = run("kms/schedule-key-deletion-multi-region-replica.json", inventory);
        Finding f = only(r);

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE);
        assertThat(f.keyState()).isEqualTo("PendingReplicaDeletion");
        assertThat(f.deletionDate()).isNull();
        assertThat(f.detail()).contains("deletes it 30 days after its last replica key is deleted")
                .contains("1 Neptune cluster depends on it and becomes unrecoverable once it is deleted");
        assertThat(f.remediation()).contains("Also cancel the deletion of each replica key");
        assertThat(r.remindersCreated()).isZero();
    }

    @Test
    void scheduleKeyDeletion_unusedKey_ignoredAndNoReminders() {
        RevocationResult r = run("kms/schedule-key-deletion-unused-key.json", Demo.account()
                .withKey(Demo.key("9999ffff-99ff-99ff-99ff-999999999999", null, "CUSTOMER", "AWS_KMS",
                        "PendingDeletion", null, Instant.parse("2026-12-22T12:00:19Z"), 30)).build());

        assertThat(r.ignored().reason()).isEqualTo(IgnoreReason.KEY_NOT_IN_USE);
        assertThat(r.findings()).isEmpty();
        assertThat(reminders.live).isEmpty();
    }

    @Test
    void cancelKeyDeletion_keyLeftDisabled_criticalDisabledSayingEnableKeyAndRemindersDeleted() {
        var inventory = Demo.account().legacy("PendingDeletion").build();
        run("kms/schedule-key-deletion-legacy.json", inventory);
        assertThat(reminders.live).hasSize(3);

        RevocationResult r = run("kms/cancel-key-deletion-legacy.json", Demo.account().legacy("Disabled").build());
        Finding f = only(r);

        assertThat(r.remindersDeleted()).isEqualTo(3);
        assertThat(reminders.live).isEmpty();
        assertThat(reminders.cancelled).containsExactly(Demo.LEGACY);
        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_DISABLED_IN_USE);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.title()).isEqualTo("KMS key deletion cancelled; the key is still disabled — enable it: "
                + "alias/neptune-legacy");
        assertThat(f.detail()).startsWith("Deletion cancelled; the key is still disabled — enable it. The deletion "
                + "was cancelled by arn:aws:sts::111122223333:assumed-role/KeyAdmin/grace at 2026-11-25T09:31:50Z.")
                .contains("still needs 'aws kms enable-key'");
        assertThat(f.remediation()).contains("aws kms enable-key --key-id " + Demo.LEGACY);
    }

    @Test
    void cancelKeyDeletion_keyAlreadyEnabledAgain_riskCleared() {
        Finding f = only(run("kms/cancel-key-deletion-legacy.json", Demo.account().build()));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_RISK_CLEARED);
        assertThat(f.status()).isEqualTo(ComplianceStatus.PASSED);
    }

    @Test
    void enableKey_keyEnabled_riskClearedInformationalPassed() {
        Finding f = only(run("kms/enable-key-legacy.json", Demo.account().build()));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_RISK_CLEARED);
        assertThat(f.severity()).isEqualTo(Severity.INFORMATIONAL);
        assertThat(f.status()).isEqualTo(ComplianceStatus.PASSED);
        assertThat(f.keyState()).isEqualTo("Enabled");
        assertThat(f.detail()).contains("is Enabled again");
    }

    @Test
    void enableKey_keyStillPendingImport_noClearingButMaterialFinding() {
        Finding f = only(run("kms/enable-key-legacy.json", Demo.account().legacy("PendingImport").build()));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_MATERIAL_DELETED_IN_USE);
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
    }

    @Test
    void deleteImportedKeyMaterial_keyPendingImport_criticalWithReimportCommands() {
        Finding f = only(run("kms/delete-imported-key-material.json", Demo.account().legacy("PendingImport").build()));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_MATERIAL_DELETED_IN_USE);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.detail()).contains("is PendingImport");
        assertThat(f.remediation()).contains("aws kms get-parameters-for-import --key-id " + Demo.LEGACY)
                .contains("aws kms import-key-material --key-id " + Demo.LEGACY);
    }

    @Test
    void importKeyMaterial_keyEnabled_riskCleared() {
        Finding f = only(run("kms/import-key-material.json", Demo.account().build()));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_RISK_CLEARED);
    }

    @Test
    void disconnectCustomKeyStore_eventNamesNoKey_findingForTheStoreKeyNeptuneUses() {
        RevocationResult r = run("kms/disconnect-custom-key-store.json", Demo.account().hsm("Unavailable").build());
        Finding f = only(r);

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_STORE_DISCONNECTED_IN_USE);
        assertThat(f.resourceArn()).isEqualTo(Demo.HSM);
        assertThat(f.keyState()).isEqualTo("Unavailable");
        assertThat(f.affectedResources()).containsExactly(Demo.clusterArn("graph-hsm"));
        assertThat(f.detail()).startsWith("Custom key store cks-1234567890abcdef0 was disconnected by")
                .contains("Unavailable because its custom key store cks-1234567890abcdef0 is disconnected");
        assertThat(f.remediation()).contains("aws kms connect-custom-key-store --custom-key-store-id "
                + "cks-1234567890abcdef0 --region us-east-1");
    }

    @Test
    void disconnectCustomKeyStore_storeNeptuneDoesNotUse_ignoredAsNotInUse() throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(Demo.event("kms/disconnect-custom-key-store.json"));
        ((ObjectNode) event.at("/detail/requestParameters")).put("customKeyStoreId", "cks-0000000000other0");

        RevocationResult r = run(EventParser.parse(event), Demo.account().hsm("Unavailable").build());

        assertThat(r.ignored().reason()).isEqualTo(IgnoreReason.KEY_NOT_IN_USE);
        assertThat(r.ignored().message()).contains("cks-0000000000other0");
    }

    @Test
    void connectCustomKeyStore_keyUsableAgain_riskCleared() {
        Finding f = only(run("kms/connect-custom-key-store.json", Demo.account().build()));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_RISK_CLEARED);
        assertThat(f.resourceArn()).isEqualTo(Demo.HSM);
    }

    @Test
    void connectCustomKeyStore_keyStillUnavailable_staysFailedAndSaysConnectingTakesTime() {
        Finding f = only(run("kms/connect-custom-key-store.json", Demo.account().hsm("Unavailable").build()));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_STORE_DISCONNECTED_IN_USE);
        assertThat(f.detail()).contains("Connecting takes several minutes");
    }

    @Test
    void revokeGrant_cmkInUse_highWithHonestGranteeWording() {
        Finding f = only(run("kms/revoke-grant-rds.json", Demo.account().build()));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_GRANT_REVOKED_IN_USE);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.detail()).contains("ae4fdef635290ce0de2b5c5e74fb996f5134ed623f0e0fb2841106172dcd0340")
                .contains("If this was the RDS grant");
        assertThat(f.affectedResources()).containsExactly(Demo.clusterArn("graph-prod"),
                Demo.snapshotArn("rds:graph-prod-2026-11-23-03-10"), Demo.snapshotArn("graph-legacy-pre-migration"));
        assertThat(f.remediation()).contains("aws kms list-grants --key-id " + Demo.CMK)
                .contains("GranteePrincipal=='rds.us-east-1.amazonaws.com'");
    }

    @Test
    void retireGrant_grantIdOnlyInAdditionalEventData_highWithGrantId() {
        Finding f = only(run("kms/retire-grant.json", Demo.account().build()));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_GRANT_REVOKED_IN_USE);
        assertThat(f.detail()).contains("42486f6a1c3b2c5e6965abfb5685dfc8dee5d021d024bddcde30b07fbfd6b3d5")
                .contains("was retired by arn:aws:sts::111122223333:assumed-role/GrantRetirer/ops-bot");
    }

    @Test
    void retireGrant_byTheRdsServiceItself_ignoredAsNoRisk() {
        RevocationResult r = run("kms/retire-grant-rds-service.json", Demo.account().build());

        assertThat(r.ignored().reason()).isEqualTo(IgnoreReason.NO_RISK);
        assertThat(r.ignored().message()).contains("rds.amazonaws.com");
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void putKeyPolicy_denyThroughRds_high() {
        Finding f = only(run("kms/put-key-policy-deny-rds.json", Demo.account().build()));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_POLICY_CHANGED_IN_USE);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.detail()).contains("statement 'Block use through RDS' denies kms:Decrypt, kms:CreateGrant, "
                + "kms:GenerateDataKeyWithoutPlaintext");
        assertThat(f.remediation()).contains("aws kms get-key-policy --key-id " + Demo.CMK)
                .contains("aws kms put-key-policy --key-id " + Demo.CMK);
    }

    @Test
    void putKeyPolicy_benign_informationalPassedSayingWhatChanged() {
        Finding f = only(run("kms/put-key-policy-benign.json", Demo.account().build()));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_POLICY_CHANGED_IN_USE);
        assertThat(f.severity()).isEqualTo(Severity.INFORMATIONAL);
        assertThat(f.status()).isEqualTo(ComplianceStatus.PASSED);
        assertThat(f.detail()).contains("The new policy has 2 statements: Allow kms:* to "
                + "arn:aws:iam::111122223333:root; Allow kms:Describe*, kms:Get*, kms:List* to "
                + "arn:aws:iam::111122223333:role/SecurityAuditor.");
    }

    @Test
    void kmsCmkDeletion_keyStillReadsEnabled_stateWinsAndTheFindingSaysTheEventDisagreed() {
        RevocationResult r = run("kms/kms-native-cmk-deletion.json", Demo.account().build());
        Finding f = only(r);

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_RISK_CLEARED);
        assertThat(f.status()).isEqualTo(ComplianceStatus.PASSED);
        assertThat(f.keyState()).isEqualTo("Enabled");
        assertThat(f.detail()).contains("The event reported the key as deleted, but KMS describes it as Enabled now")
                .doesNotContain("can no longer be decrypted");
        assertThat(f.remediation()).doesNotContain("delete");
    }

    @Test
    void kmsCmkDeletion_keyReadsPendingDeletion_deletionScheduledNotDeleted() {
        Finding f = only(run("kms/kms-native-cmk-deletion.json", Demo.account().legacy("PendingDeletion").build()));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE);
        assertThat(f.keyState()).isEqualTo("PendingDeletion");
        assertThat(f.detail()).contains("describes it as PendingDeletion now");
    }

    @Test
    void kmsCmkDeletion_keyCannotBeReRead_unconfirmedWithoutDestructiveAdvice() {
        var inventory = Demo.account().legacy(KeyFacts.refused(Demo.LEGACY, "AccessDeniedException",
                "User is not authorized to perform: kms:DescribeKey")).build();

        Finding f = only(run("kms/kms-native-cmk-deletion.json", inventory));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_UNVERIFIABLE_IN_USE);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.detail()).contains("the deletion is not confirmed").contains("AccessDeniedException")
                .doesNotContain("can no longer be decrypted");
        assertThat(f.remediation()).contains("aws kms describe-key --key-id " + Demo.LEGACY)
                .contains("Only a NotFoundException answer means the key is gone")
                .doesNotContain("delete-db-cluster-snapshot").doesNotContain("cannot be brought back");
    }

    @Test
    void disableKey_keyNowNotFound_deletedConfirmedByKms() {
        Finding f = only(run("kms/disable-key-legacy.json", Demo.account().legacyDeleted().build()));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_DELETED_IN_USE);
        assertThat(f.detail()).startsWith("KMS reports the key as not found: NotFoundException");
    }

    @Test
    void disableKey_keyNotInTheData_trustsTheEventNeverDeleted() {
        var inventory = Demo.account().legacy(KeyFacts.notInData(Demo.LEGACY, "no describe-key output")).build();

        Finding f = only(run("kms/disable-key-legacy.json", inventory));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_DISABLED_IN_USE);
        assertThat(f.detail()).contains("based on the event alone");
    }

    @Test
    void kmsCmkDeletion_keyGone_postMortemWithRecoveryPathAndRemindersDeleted() {
        var inventory = Demo.account().legacyDeleted().build();
        reminders.schedule(ReminderPlan.plan(Demo.LEGACY, Demo.ACCOUNT, Demo.REGION,
                Instant.parse("2026-12-30T00:00:00Z"), ReminderSettings.offsets("P1D"), NOW));

        RevocationResult r = run("kms/kms-native-cmk-deletion.json", inventory);
        Finding f = only(r);

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_DELETED_IN_USE);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.resourceArn()).isEqualTo(Demo.LEGACY);
        assertThat(f.keyState()).isNull();
        assertThat(f.detail()).contains("can no longer be decrypted")
                .contains("Clusters with a recovery path: 1 of 1.");
        assertThat(f.remediation()).contains("aws neptune restore-db-cluster-from-snapshot --db-cluster-identifier "
                + "graph-legacy-restored --snapshot-identifier graph-legacy-pre-migration --engine neptune");
        assertThat(r.remindersDeleted()).isEqualTo(1);
    }

    @Test
    void importedKeyMaterialExpiration_keyPendingImport_materialDeletedFinding() {
        Finding f = only(run("kms/kms-native-imported-key-material-expiration.json",
                Demo.account().legacy("PendingImport").build()));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_MATERIAL_DELETED_IN_USE);
        assertThat(f.detail()).startsWith("The imported key material expired at 2026-12-31T00:00:07Z.");
    }

    @Test
    void failedCallsAndRotation_parser_droppedWithReason() {
        assertThat(((Ignored) EventParser.parse(Demo.event("kms/disable-key-failed.json"))).reason())
                .isEqualTo(IgnoreReason.FAILED_CALL);
        assertThat(((Ignored) EventParser.parse(Demo.event("kms/schedule-key-deletion-failed-not-found.json")))
                .reason()).isEqualTo(IgnoreReason.FAILED_CALL);
        assertThat(((Ignored) EventParser.parse(Demo.event("kms/kms-native-cmk-rotation.json"))).reason())
                .isEqualTo(IgnoreReason.UNSUPPORTED_DETAIL_TYPE);
    }

    static Stream<Path> kmsFixtures() throws IOException {
        return Files.list(Demo.EVENTS.resolve("kms")).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @ParameterizedTest
    @MethodSource("kmsFixtures")
    void everyKmsFixture_keysAtRisk_triggersGiveFindingsOrAReasonNeverACrash(Path file) throws IOException {
        var inventory = Demo.account().legacy("PendingDeletion").hsm("Unavailable").build();
        EventOutcome outcome = EventParser.parse(Files.readString(file));

        if (outcome instanceof Ignored ignored) {
            assertThat(ignored.reason()).isIn(IgnoreReason.FAILED_CALL, IgnoreReason.UNSUPPORTED_DETAIL_TYPE);
            return;
        }
        RevocationResult r = run(outcome, inventory);
        assertThat(r.findings().isEmpty()).isEqualTo(r.ignored() != null);
        if (r.ignored() != null) {
            assertThat(r.ignored().reason()).isIn(IgnoreReason.KEY_NOT_IN_USE, IgnoreReason.NO_RISK);
        }
        for (Finding f : r.findings()) {
            JsonNode json = FindingJson.toNode(f);
            assertThat(json.get("resourceType").asText()).isEqualTo("AWS::KMS::Key");
            assertThat(json.get("keyArn").asText()).startsWith("arn:aws:kms:us-east-1:111122223333:key/");
            assertThat(json.get("affectedResources")).isNotEmpty();
            assertThat(f.detail()).doesNotContain("null");
        }
    }

    @Test
    void everyFinding_manyDependants_listsTenAndPointsToAffectedResources() {
        Demo.Builder b = Demo.account().legacy("Disabled");
        for (int i = 0; i < 12; i++) {
            b.withCluster(Demo.cluster("graph-legacy-" + i, Demo.LEGACY, "available", false));
        }
        Finding f = only(run("kms/disable-key-legacy.json", b.build()));

        assertThat(f.affectedResources()).hasSize(14);
        assertThat(f.detail()).contains("13 Neptune clusters and 1 cluster snapshot depend on it")
                .contains("- … and 3 more (all in affectedResources)");
        assertThat(List.of(f.detail().split("\n")).stream().filter(l -> l.startsWith("- graph-legacy")).count())
                .isEqualTo(10);
    }
}
