package dev.neptuneguard.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.RuleId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RevocationRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T18:00:00Z");
    private final RevocationRules rules = new RevocationRules();

    private static KeyTrigger trigger(KeyTrigger.Kind kind, Instant time, String stateFromEvent, String dateText,
                                      Integer window) {
        return new KeyTrigger(kind, "evt-1", kind.eventName(), time, Demo.ACCOUNT, Demo.REGION,
                "arn:aws:iam::111122223333:user/hank", Demo.LEGACY, null, stateFromEvent, dateText, window, null, null);
    }

    private static BlastRadius radius(KeyFacts key) {
        KeyUsage usage = KeyUsage.read(Demo.account().legacy(key).build());
        return usage.radius(usage.key(Demo.LEGACY));
    }

    /** The three deletionDate styles CloudTrail writes; read leniently only when nothing better is known. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Nov 30, 2026, 5:10:02 PM|2026-11-30T17:10:02Z",
            "Dec 1, 2026 18:58:30 PM|2026-12-01T18:58:30Z",
            "Dec 22, 2026 12:00:19 PM|2026-12-22T12:00:19Z"})
    void deletionDate_noDescribeKeyNoWindow_eventTextReadLeniently(String text, String expected) {
        KeyFacts unreadable = KeyFacts.unverifiable(Demo.LEGACY, "AccessDeniedException: no");

        Instant date = RevocationRules.deletionDate(unreadable, trigger(KeyTrigger.Kind.KEY_DELETION_SCHEDULED,
                NOW, "PendingDeletion", text, null));

        assertThat(date).isEqualTo(Instant.parse(expected));
    }

    @Test
    void deletionDate_describeKeyHasDate_describeKeyWins() {
        Instant date = RevocationRules.deletionDate(Demo.legacy("PendingDeletion"), trigger(
                KeyTrigger.Kind.KEY_DELETION_SCHEDULED, NOW, "PendingDeletion", "Jan 1, 2019 12:00:00 AM", 30));

        assertThat(date).isEqualTo(Demo.LEGACY_DELETION);
    }

    @Test
    void deletionDate_unreadableKeyWithWindow_eventTimePlusWindowNotText() {
        Instant date = RevocationRules.deletionDate(KeyFacts.unverifiable(Demo.LEGACY, "AccessDeniedException: no"),
                trigger(KeyTrigger.Kind.KEY_DELETION_SCHEDULED, NOW, "PendingDeletion", "Jan 1, 2019 12:00:00 AM", 7));

        assertThat(date).isEqualTo(NOW.plusSeconds(7 * 86_400));
    }

    @Test
    void deletionDate_pendingReplicaDeletion_unknown() {
        Instant date = RevocationRules.deletionDate(KeyFacts.unverifiable(Demo.LEGACY, "AccessDeniedException: no"),
                trigger(KeyTrigger.Kind.KEY_DELETION_SCHEDULED, NOW, "PendingReplicaDeletion", null, 30));

        assertThat(date).isNull();
    }

    @Test
    void deletionDate_keyEnabledAgain_none() {
        assertThat(RevocationRules.deletionDate(Demo.legacy("Enabled"), trigger(KeyTrigger.Kind.KEY_DELETION_SCHEDULED,
                NOW, "PendingDeletion", "Nov 30, 2026, 5:10:02 PM", 7))).isNull();
    }

    @Test
    void evaluate_lateDisableEventKeyEnabledAgain_riskClearedNotAlert() {
        List<Finding> findings = rules.evaluate(trigger(KeyTrigger.Kind.KEY_DISABLED, NOW, null, null, null),
                radius(Demo.legacy("Enabled")), NOW);

        assertThat(findings).extracting(Finding::ruleId).containsExactly(RuleId.KMS_KEY_RISK_CLEARED);
        assertThat(findings.get(0).status()).isEqualTo(ComplianceStatus.PASSED);
    }

    @Test
    void evaluate_disableEventButKeyNowPendingDeletion_liveStateRuleWins() {
        List<Finding> findings = rules.evaluate(trigger(KeyTrigger.Kind.KEY_DISABLED, NOW, null, null, null),
                radius(Demo.legacy("PendingDeletion")), NOW);

        assertThat(findings).extracting(Finding::ruleId).containsExactly(RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE);
        assertThat(findings.get(0).detail()).startsWith("DisableKey by arn:aws:iam::111122223333:user/hank at");
    }

    @Test
    void evaluate_clearingEventKeyUnreadable_nothingClaimed() {
        List<Finding> findings = rules.evaluate(trigger(KeyTrigger.Kind.KEY_ENABLED, NOW, null, null, null),
                radius(KeyFacts.unverifiable(Demo.LEGACY, "AccessDeniedException: no")), NOW);

        assertThat(findings).isEmpty();
    }

    @Test
    void evaluateState_eachUnusableState_itsRule() {
        assertThat(rules.evaluateState(radius(Demo.legacy("Disabled")), NOW).map(Finding::ruleId))
                .contains(RuleId.KMS_KEY_DISABLED_IN_USE);
        assertThat(rules.evaluateState(radius(Demo.legacy("PendingDeletion")), NOW).map(Finding::ruleId))
                .contains(RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE);
        assertThat(rules.evaluateState(radius(Demo.legacy("PendingImport")), NOW).map(Finding::ruleId))
                .contains(RuleId.KMS_KEY_MATERIAL_DELETED_IN_USE);
        assertThat(rules.evaluateState(radius(Demo.legacy("Unavailable")), NOW).map(Finding::ruleId))
                .contains(RuleId.KMS_KEY_STORE_DISCONNECTED_IN_USE);
        assertThat(rules.evaluateState(radius(Demo.legacy("Enabled")), NOW)).isEmpty();
    }

    @Test
    void evaluateState_keyNotFound_deletedInUse() {
        Optional<Finding> f = rules.evaluateState(radius(KeyFacts.refused(Demo.LEGACY, "NotFoundException",
                "Key '" + Demo.LEGACY + "' does not exist")), NOW);

        assertThat(f.map(Finding::ruleId)).contains(RuleId.KMS_KEY_DELETED_IN_USE);
        assertThat(f.get().detail()).startsWith("KMS reports the key as not found (NotFoundException: Key '"
                + Demo.LEGACY + "' does not exist): it has been deleted.");
    }

    @Test
    void evaluateState_keyNotInTheData_noFindingHere() {
        assertThat(rules.evaluateState(radius(KeyFacts.notInData(Demo.LEGACY, "no describe-key file")), NOW))
                .isEmpty();
    }

    @Test
    void evaluateState_notFoundForAMalformedId_noFindingHere() {
        assertThat(rules.evaluateState(radius(KeyFacts.refused("default_kms_key_id", "NotFoundException",
                "Invalid keyId default_kms_key_id")), NOW)).isEmpty();
    }

    @Test
    void evaluateState_accessDenied_noFindingHere() {
        assertThat(rules.evaluateState(radius(KeyFacts.unverifiable(Demo.LEGACY, "AccessDeniedException: no")), NOW))
                .isEmpty();
    }

    @Test
    void evaluateState_clusterAlreadyRecoverable_remediationSaysStartIt() {
        KeyUsage usage = KeyUsage.read(Demo.account().legacy("Disabled").replaceCluster(Demo.cluster("graph-legacy",
                Demo.LEGACY, "inaccessible-encryption-credentials-recoverable", false)).build());

        Finding f = rules.evaluateState(usage.radius(usage.key(Demo.LEGACY)), NOW).orElseThrow();

        assertThat(f.detail()).contains("1 of the clusters already lost access to the key.");
        assertThat(f.remediation()).contains("aws neptune start-db-cluster --db-cluster-identifier graph-legacy "
                + "--region us-east-1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-11-23T17:10:02Z|false|deleted in 7 days|Reminder: key alias/neptune-legacy will be deleted in 7 days",
            "2026-11-27T17:10:02Z|false|deleted in 3 days|Reminder: key alias/neptune-legacy will be deleted in 3 days",
            "2026-11-29T17:10:02Z|false|deleted in 1 day|Reminder: key alias/neptune-legacy will be deleted in 1 day",
            "2026-11-30T11:10:02Z|true|deleted in 6 hours, last reminder|Reminder (last): key alias/neptune-legacy "
                    + "will be deleted in 6 hours"})
    void reminder_countdown_escalatingWording(String now, boolean last, String titleEnd, String detailStart) {
        Finding f = rules.reminder(radius(Demo.legacy("PendingDeletion")), last, Instant.parse(now));

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE);
        assertThat(f.title()).endsWith(titleEnd);
        assertThat(f.detail()).startsWith(detailStart + " (2026-11-30T17:10:02Z) and is still used by Neptune.");
        assertThat(f.deletionDate()).isEqualTo(Demo.LEGACY_DELETION);
    }

    @Test
    void evaluateState_deletionDateAlreadyPast_saysItWasDueAndProbablyDeletedNeverNow() {
        Instant fiveDaysLater = Demo.LEGACY_DELETION.plus(Duration.ofDays(5));

        Finding f = rules.evaluateState(radius(Demo.legacy("PendingDeletion")), fiveDaysLater).orElseThrow();

        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE);
        assertThat(f.detail()).contains("reads PendingDeletion, but its deletion was due on 2026-11-30T17:10:02Z "
                        + "(5 days ago): the key is probably deleted by now")
                .contains("check with aws kms describe-key")
                .contains("if the deletion is still pending, cancel it at once")
                .doesNotContain("(now)").doesNotContain("become unrecoverable on");
    }

    @Test
    void timeLeft_ago_words() {
        assertThat(TimeLeft.ago(Duration.ofMinutes(12))).isEqualTo("12 minutes ago");
        assertThat(TimeLeft.ago(Duration.ofMinutes(90))).isEqualTo("1 hour ago");
        assertThat(TimeLeft.ago(Duration.ofHours(5))).isEqualTo("5 hours ago");
        assertThat(TimeLeft.ago(Duration.ofHours(30))).isEqualTo("1 day ago");
        assertThat(TimeLeft.ago(Duration.ofDays(6))).isEqualTo("6 days ago");
    }

    @Test
    void timeLeft_boundaries_words() {
        assertThat(TimeLeft.words(Duration.ofMinutes(-5))).isEqualTo("now");
        assertThat(TimeLeft.words(Duration.ofMinutes(1))).isEqualTo("in 1 minute");
        assertThat(TimeLeft.words(Duration.ofMinutes(75))).isEqualTo("in 1 hour");
        assertThat(TimeLeft.words(Duration.ofHours(23))).isEqualTo("in 23 hours");
        assertThat(TimeLeft.words(Duration.ofHours(30))).isEqualTo("in 1 day");
        assertThat(TimeLeft.words(Duration.ofDays(7).minusSeconds(20))).isEqualTo("in 7 days");
    }
}
