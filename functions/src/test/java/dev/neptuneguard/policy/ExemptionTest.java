package dev.neptuneguard.policy;

import static dev.neptuneguard.policy.TestFacts.AWS_RDS_ARN;
import static dev.neptuneguard.policy.TestFacts.awsRds;
import static dev.neptuneguard.policy.TestFacts.cluster;
import static dev.neptuneguard.policy.TestFacts.only;
import static dev.neptuneguard.policy.TestFacts.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.RuleId;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExemptionTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final EncryptionRules RULES = new EncryptionRules(Policy.defaults());

    private static List<Finding> evaluateTagged(String tagValue) {
        return RULES.evaluateCluster(
                cluster("graph-analytics", true, AWS_RDS_ARN, "available", Map.of(Exemption.TAG, tagValue)),
                awsRds().build(), TODAY);
    }

    @Test
    void fromTags_reasonOnly_neverExpires() {
        Exemption e = Exemption.fromTags(Map.of(Exemption.TAG, "  analytics sandbox, no customer data  "))
                .orElseThrow();

        assertThat(e.reason()).isEqualTo("analytics sandbox, no customer data");
        assertThat(e.until()).isNull();
        assertThat(e.activeOn(LocalDate.of(2099, 1, 1))).isTrue();
        assertThat(e.describe()).isEqualTo("analytics sandbox, no customer data");
    }

    @ParameterizedTest(name = "until {0} judged on 2026-11-23 -> active {1}")
    @CsvSource({
        "2026-12-31, true",
        "2026-11-24, true",
        "2026-11-23, true",
        "2026-11-22, false",
        "2025-01-01, false",
    })
    void activeOn_untilDate_lastDayIsStillExempt(String until, boolean active) {
        Exemption e = Exemption.fromTags(Map.of(Exemption.TAG, "migration to CMK planned; until=" + until))
                .orElseThrow();

        assertThat(e.reason()).isEqualTo("migration to CMK planned");
        assertThat(e.until()).isEqualTo(LocalDate.parse(until));
        assertThat(e.activeOn(TODAY)).isEqualTo(active);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void fromTags_blankValue_isNoExemption(String value) {
        assertThat(Exemption.fromTags(Map.of(Exemption.TAG, value))).isEmpty();
    }

    @Test
    void fromTags_noTag_isNoExemption() {
        assertThat(Exemption.fromTags(Map.of("neptune-guard:exempted", "typo in the key"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ticket OPS-12;until=2026-12-31",
        "ticket OPS-12; until=2026-12-31",
        "ticket OPS-12 ;   until=2026-12-31   ",
        "ticket OPS-12;  until=   2026-12-31",
        "ticket OPS-12; until = 2026-12-31",
        "ticket OPS-12; UNTIL=2026-12-31",
    })
    void fromTags_untilWithExtraSpaces_readsTheDate(String value) {
        Exemption e = Exemption.fromTags(Map.of(Exemption.TAG, value)).orElseThrow();

        assertThat(e.reason()).isEqualTo("ticket OPS-12");
        assertThat(e.until()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(e.invalidUntil()).isNull();
    }

    @Test
    void fromTags_semicolonsInsideTheReason_keepsThemInTheReason() {
        Exemption e = Exemption.fromTags(Map.of(Exemption.TAG,
                "legacy graph; owner alice; see OPS-12; until=2026-12-31")).orElseThrow();

        assertThat(e.reason()).isEqualTo("legacy graph; owner alice; see OPS-12");
        assertThat(e.until()).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void fromTags_semicolonsWithoutUntil_wholeValueIsTheReason() {
        Exemption e = Exemption.fromTags(Map.of(Exemption.TAG, "legacy graph; owner alice")).orElseThrow();

        assertThat(e.reason()).isEqualTo("legacy graph; owner alice");
        assertThat(e.until()).isNull();
    }

    @Test
    void fromTags_untilWithoutReason_saysNoReasonGiven() {
        Exemption e = Exemption.fromTags(Map.of(Exemption.TAG, "; until=2026-12-31")).orElseThrow();

        assertThat(e.reason()).isEqualTo("no reason given");
        assertThat(e.describe()).isEqualTo("no reason given (until 2026-12-31)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"31/12/2026", "2026-13-01", "2026-02-30", "tomorrow", ""})
    void fromTags_invalidUntil_isInactiveAndSaysWhy(String date) {
        Exemption e = Exemption.fromTags(Map.of(Exemption.TAG, "pending review; until=" + date)).orElseThrow();

        assertThat(e.until()).isNull();
        assertThat(e.invalidUntil()).isEqualTo(date);
        assertThat(e.activeOn(TODAY)).isFalse();
        assertThat(e.whyInactive()).contains("unreadable date 'until=" + date + "'").contains("YYYY-MM-DD");
    }

    @Test
    void evaluateCluster_exemptWithoutExpiry_keepsFailedAndMarksSuppressed() {
        List<Finding> findings = evaluateTagged("analytics sandbox");

        Finding f = only(findings, RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY);
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.suppressed()).isTrue();
        assertThat(f.suppressionReason()).isEqualTo("analytics sandbox");
        assertThat(f.actionable()).isFalse();
    }

    @Test
    void evaluateCluster_exemptUntilToday_isStillSuppressedWithTheDate() {
        Finding f = only(evaluateTagged("migration planned; until=2026-11-23"), RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY);

        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.suppressed()).isTrue();
        assertThat(f.suppressionReason()).isEqualTo("migration planned (until 2026-11-23)");
    }

    @Test
    void evaluateCluster_exemptUntilFuture_isSuppressed() {
        Finding f = only(evaluateTagged("migration planned; until=2027-03-31"), RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY);

        assertThat(f.suppressed()).isTrue();
        assertThat(f.suppressionReason()).isEqualTo("migration planned (until 2027-03-31)");
    }

    @Test
    void evaluateCluster_exemptionExpired_isNotSuppressedAndDetailSaysExpired() {
        Finding f = only(evaluateTagged("migration planned; until=2026-11-22"), RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY);

        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.suppressed()).isFalse();
        assertThat(f.suppressionReason()).isNull();
        assertThat(f.actionable()).isTrue();
        assertThat(f.detail()).endsWith("The neptune-guard:exempt tag expired on 2026-11-22.");
    }

    @Test
    void evaluateCluster_exemptionDateUnreadable_isNotSuppressedAndDetailSaysWhy() {
        Finding f = only(evaluateTagged("migration planned; until=next spring"),
                RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY);

        assertThat(f.suppressed()).isFalse();
        assertThat(f.detail()).contains("unreadable date 'until=next spring'");
    }

    @Test
    void evaluateCluster_exempt_leavesPassedResultsUntouched() {
        List<Finding> findings = evaluateTagged("analytics sandbox");

        Finding passed = only(findings, RuleId.NEPTUNE_CLUSTER_UNENCRYPTED);
        assertThat(passed.status()).isEqualTo(ComplianceStatus.PASSED);
        assertThat(passed.suppressed()).isFalse();
        assertThat(passed.suppressionReason()).isNull();
    }

    @Test
    void evaluateSnapshot_exempt_marksSnapshotFindingsSuppressed() {
        List<Finding> findings = RULES.evaluateSnapshot(
                snapshot("graph-analytics-snap", false, null,
                        Map.of(Exemption.TAG, "throwaway copy; until=2026-12-01")),
                null, TODAY);

        Finding f = only(findings, RuleId.NEPTUNE_SNAPSHOT_UNENCRYPTED);
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.suppressed()).isTrue();
        assertThat(f.suppressionReason()).isEqualTo("throwaway copy (until 2026-12-01)");
    }

    @Test
    void fromTags_emptyTags_isEmpty() {
        assertThat(Exemption.fromTags(Map.of())).isEqualTo(Optional.empty());
    }
}
