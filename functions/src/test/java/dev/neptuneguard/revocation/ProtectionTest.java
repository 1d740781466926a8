package dev.neptuneguard.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Severity;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtectionTest {

    private static final Instant NOW = Instant.parse("2026-11-23T17:10:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String GRACE_ROLE = "arn:aws:iam::111122223333:role/security/KeyAdmin";

    private final RecordingKeyActions actions = new RecordingKeyActions();
    private final RecordingReminders reminders = new RecordingReminders();

    private RevocationResult handle(ProtectionMode mode, List<String> exempt, String fixture, Inventory inventory) {
        KeyRevocationGuard guard = new KeyRevocationGuard(inventory, new RevocationRules(), reminders,
                ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS),
                new Protection(new ProtectionSettings(mode, exempt), actions, CLOCK), CLOCK);
        return guard.handle((KeyTrigger) EventParser.parse(Demo.event(fixture)));
    }

    private RevocationResult scheduleDeletion(ProtectionMode mode, List<String> exempt) {
        return handle(mode, exempt, "kms/schedule-key-deletion-legacy.json",
                Demo.account().legacy("PendingDeletion").build());
    }

    @Test
    void off_scheduledDeletion_noKmsCallAndRemindersScheduled() {
        RevocationResult r = scheduleDeletion(ProtectionMode.OFF, List.of());

        assertThat(actions.calls).isEmpty();
        assertThat(r.protection().status()).isEqualTo(ProtectionOutcome.Status.OFF);
        assertThat(r.findings().get(0).detail()).doesNotContain("Protect").doesNotContain("Dry run");
        assertThat(r.remindersCreated()).isEqualTo(3);
    }

    @Test
    void dryRun_scheduledDeletion_readsTagsOnlyAndSaysWhatItWouldDo() {
        RevocationResult r = scheduleDeletion(ProtectionMode.DRY_RUN, List.of());

        assertThat(actions.calls).containsExactly("ListResourceTags");
        assertThat(r.protection().status()).isEqualTo(ProtectionOutcome.Status.WOULD_PROTECT);
        assertThat(r.protection().steps()).containsExactly("CancelKeyDeletion", "EnableKey", "TagResource");
        Finding f = r.findings().get(0);
        assertThat(f.detail()).startsWith("Dry run: protection would call CancelKeyDeletion, EnableKey, TagResource on "
                + "the key because live Neptune clusters need it: graph-legacy.");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.deletionDate()).isEqualTo(Demo.LEGACY_DELETION);
        assertThat(r.remindersCreated()).isEqualTo(3);
    }

    @Test
    void on_scheduledDeletionOfKeyInUse_cancelsEnablesTagsAndAlertsProtected() {
        RevocationResult r = scheduleDeletion(ProtectionMode.ON, List.of());

        assertThat(actions.calls).containsExactly("ListResourceTags", "CancelKeyDeletion", "EnableKey", "TagResource");
        assertThat(actions.tags.get(Demo.LEGACY)).containsEntry(Protection.PROTECTED_AT_TAG, NOW.toString())
                .containsEntry(Protection.PROTECTED_REASON_TAG, "ScheduleKeyDeletion by arn:aws:sts::111122223333:"
                        + "assumed-role/KeyAdmin/grace undone: used by live Neptune clusters graph-legacy");
        assertThat(r.protection().status()).isEqualTo(ProtectionOutcome.Status.PROTECTED);
        Finding f = r.findings().get(0);
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.title()).endsWith("(protected)");
        assertThat(f.keyState()).isEqualTo("Enabled");
        assertThat(f.deletionDate()).isNull();
        assertThat(f.detail()).startsWith("Protected: neptune-guard cancelled the deletion and re-enabled the key");
        assertThat(f.remediation()).contains("TagKey=neptune-guard:allow-revocation,TagValue=true");
        assertThat(r.remindersCreated()).isZero();
        assertThat(reminders.live).isEmpty();
    }

    @Test
    void on_disableKeyInUse_reEnablesAndTags() {
        RevocationResult r = handle(ProtectionMode.ON, List.of(), "kms/disable-key-legacy.json",
                Demo.account().legacy("Disabled").build());

        assertThat(actions.calls).containsExactly("ListResourceTags", "EnableKey", "TagResource");
        assertThat(r.findings().get(0).detail()).startsWith("Protected: neptune-guard re-enabled the key");
    }

    @Test
    void on_everyLiveClusterAlreadyCutOff_cancelsButLeavesKeyDisabled() {
        RevocationResult r = handle(ProtectionMode.ON, List.of(), "kms/schedule-key-deletion-legacy.json",
                Demo.account().legacy("PendingDeletion").replaceCluster(Demo.cluster("graph-legacy", Demo.LEGACY,
                        "inaccessible-encryption-credentials", false)).build());

        assertThat(actions.calls).containsExactly("ListResourceTags", "CancelKeyDeletion", "TagResource");
        assertThat(r.findings().get(0).keyState()).isEqualTo("Disabled");
        assertThat(r.findings().get(0).detail()).contains("The key stays Disabled");
    }

    @Test
    void on_callerIsExemptRoleWithPath_nothingDone() {
        RevocationResult r = scheduleDeletion(ProtectionMode.ON, List.of(GRACE_ROLE));

        assertThat(actions.calls).isEmpty();
        assertThat(r.protection().status()).isEqualTo(ProtectionOutcome.Status.EXEMPT_PRINCIPAL);
        assertThat(r.findings().get(0).detail()).startsWith("Not protected: arn:aws:sts::111122223333:assumed-role/"
                + "KeyAdmin/grace is an exempt principal");
        assertThat(r.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.remindersCreated()).isEqualTo(3);
    }

    @Test
    void on_keyTaggedAllowRevocation_nothingChanged() {
        actions.tagged(Demo.LEGACY, Protection.ALLOW_REVOCATION_TAG, "TRUE");

        RevocationResult r = scheduleDeletion(ProtectionMode.ON, List.of());

        assertThat(actions.calls).containsExactly("ListResourceTags");
        assertThat(r.protection().status()).isEqualTo(ProtectionOutcome.Status.EXEMPT_TAG);
        assertThat(r.findings().get(0).detail()).startsWith("Not protected: the key is tagged "
                + "neptune-guard:allow-revocation=true.");
    }

    @Test
    void on_onlyDeletingClusterUsesKey_nothingDone() {
        RevocationResult r = handle(ProtectionMode.ON, List.of(), "kms/schedule-key-deletion-legacy.json",
                Demo.account().legacy("PendingDeletion").replaceCluster(Demo.cluster("graph-legacy", Demo.LEGACY,
                        "deleting", false)).build());

        assertThat(actions.calls).isEmpty();
        assertThat(r.protection().status()).isEqualTo(ProtectionOutcome.Status.NOT_APPLICABLE);
        assertThat(r.findings()).hasSize(1);
    }

    @Test
    void on_keyAlreadyCancelledWhenEventArrives_nothingDone() {
        RevocationResult r = handle(ProtectionMode.ON, List.of(), "kms/schedule-key-deletion-legacy.json",
                Demo.account().legacy("Disabled").build());

        assertThat(actions.calls).isEmpty();
        assertThat(r.protection().status()).isEqualTo(ProtectionOutcome.Status.NOT_APPLICABLE);
    }

    @Test
    void on_otherEventKinds_neverProtect() {
        handle(ProtectionMode.ON, List.of(), "kms/delete-imported-key-material.json",
                Demo.account().legacy("PendingImport").build());
        handle(ProtectionMode.ON, List.of(), "kms/put-key-policy-deny-rds.json", Demo.account().build());

        assertThat(actions.calls).isEmpty();
    }

    @Test
    void on_enableKeyRefused_failedOutcomeAlertStillCarriesFinding() {
        actions.refusing("EnableKey");

        RevocationResult r = scheduleDeletion(ProtectionMode.ON, List.of());

        assertThat(r.protection().status()).isEqualTo(ProtectionOutcome.Status.FAILED);
        assertThat(r.protection().steps()).containsExactly("CancelKeyDeletion");
        Finding f = r.findings().get(0);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.detail()).startsWith("Protection failed: EnableKey was refused (AccessDeniedException: User is "
                + "not authorized to perform EnableKey)").contains("after CancelKeyDeletion succeeded");
        assertThat(f.remediation()).contains("aws kms enable-key --key-id " + Demo.LEGACY);
    }

    @Test
    void exemptPrincipals_matching_exactUserRoleAndSession() {
        String session = "arn:aws:sts::111122223333:assumed-role/KeyAdmin/grace";

        assertThat(Principals.exempt(List.of(GRACE_ROLE), session)).isTrue();
        assertThat(Principals.exempt(List.of("arn:aws:iam::111122223333:role/KeyAdmin"), session)).isTrue();
        assertThat(Principals.exempt(List.of("arn:aws:sts::111122223333:assumed-role/KeyAdmin"), session)).isTrue();
        assertThat(Principals.exempt(List.of("arn:aws:sts::111122223333:assumed-role/KeyAdmin/bob"), session))
                .isFalse();
        assertThat(Principals.exempt(List.of("arn:aws:iam::444455556666:role/KeyAdmin"), session)).isFalse();
        assertThat(Principals.exempt(List.of("arn:aws:iam::111122223333:role/KeyAdmins"), session)).isFalse();
        assertThat(Principals.exempt(List.of("arn:aws:iam::111122223333:user/hank"),
                "arn:aws:iam::111122223333:user/hank")).isTrue();
        assertThat(Principals.exempt(List.of(GRACE_ROLE), null)).isFalse();
    }

    @Test
    void on_reasonTagFromHostileText_onlyTagSafeCharactersAndAtMost256() throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(Demo.event("kms/disable-key-legacy.json"));
        ((ObjectNode) event.at("/detail/userIdentity"))
                .put("arn", "arn:aws:iam::111122223333:user/" + "x(y)!".repeat(80));
        KeyRevocationGuard guard = new KeyRevocationGuard(Demo.account().legacy("Disabled").build(),
                new RevocationRules(), reminders, List.of(), new Protection(new ProtectionSettings(ProtectionMode.ON,
                List.of()), actions, CLOCK), CLOCK);

        guard.handle((KeyTrigger) EventParser.parse(event));

        String reason = actions.tags.get(Demo.LEGACY).get(Protection.PROTECTED_REASON_TAG);
        assertThat(reason).hasSize(256).matches("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    }
}
