package dev.neptuneguard.configrule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.RuleId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictsTest {

    private static final Instant AT = Instant.parse("2026-11-20T14:31:22.508Z");
    private static final String ID = "cluster-ABCDEFGHIJKLMNOPQRSTUVWXY2";

    private static Finding finding(RuleId rule, ComplianceStatus status, String key) {
        return new Finding(rule, rule.defaultSeverity(), status, rule.resourceType(),
                DemoAccount.clusterArn("graph-analytics"), ID, "graph-analytics", DemoAccount.ACCOUNT,
                DemoAccount.REGION, rule.title(), "detail", "", key, "Enabled", null, List.of(), false, null);
    }

    @Test
    void of_failures_namesTheMostSevereRuleFirst() {
        List<Finding> findings = List.of(
                finding(RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY, ComplianceStatus.FAILED, DemoAccount.LEGACY),
                finding(RuleId.NEPTUNE_CLUSTER_KEY_UNUSABLE, ComplianceStatus.FAILED, DemoAccount.LEGACY),
                finding(RuleId.NEPTUNE_CLUSTER_UNENCRYPTED, ComplianceStatus.PASSED, DemoAccount.LEGACY));

        Evaluation e = Verdicts.of(ResourceType.CLUSTER, ID, findings, AT);

        assertThat(e.complianceType()).isEqualTo(ComplianceType.NON_COMPLIANT);
        assertThat(e.resourceType()).isEqualTo("AWS::RDS::DBCluster");
        assertThat(e.resourceId()).isEqualTo(ID);
        assertThat(e.orderingTimestamp()).isEqualTo(AT);
        assertThat(e.annotation()).isEqualTo("NEPTUNE_CLUSTER_KEY_UNUSABLE (CRITICAL), key " + DemoAccount.LEGACY
                + ": Neptune cluster key is not usable. Also failed: NEPTUNE_CLUSTER_AWS_MANAGED_KEY.");
    }

    @Test
    void of_allFailuresExempt_isCompliantAndSaysWhy() {
        List<Finding> findings = List.of(
                finding(RuleId.NEPTUNE_CLUSTER_UNENCRYPTED, ComplianceStatus.FAILED, null).suppress("load test data"),
                finding(RuleId.NEPTUNE_CLUSTER_INACCESSIBLE, ComplianceStatus.PASSED, null));

        Evaluation e = Verdicts.of(ResourceType.CLUSTER, ID, findings, AT);

        assertThat(e.complianceType()).isEqualTo(ComplianceType.COMPLIANT);
        assertThat(e.annotation()).isEqualTo(
                "NEPTUNE_CLUSTER_UNENCRYPTED (HIGH), key none: exempt (tag neptune-guard:exempt): load test data.");
    }

    @Test
    void of_oneExemptAndOneActionableFailure_isNonCompliant() {
        List<Finding> findings = List.of(
                finding(RuleId.NEPTUNE_CLUSTER_KEY_UNUSABLE, ComplianceStatus.FAILED, DemoAccount.LEGACY)
                        .suppress("x"),
                finding(RuleId.NEPTUNE_CLUSTER_KEY_NOT_ALLOWED, ComplianceStatus.FAILED, DemoAccount.LEGACY));

        Evaluation e = Verdicts.of(ResourceType.CLUSTER, ID, findings, AT);

        assertThat(e.complianceType()).isEqualTo(ComplianceType.NON_COMPLIANT);
        assertThat(e.annotation()).startsWith("NEPTUNE_CLUSTER_KEY_NOT_ALLOWED (MEDIUM)");
    }

    @Test
    void of_onlyPassesAndNotApplicable_isCompliantNamingTheKey() {
        List<Finding> findings = List.of(
                finding(RuleId.NEPTUNE_CLUSTER_UNENCRYPTED, ComplianceStatus.PASSED, DemoAccount.CMK),
                finding(RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY, ComplianceStatus.PASSED, DemoAccount.CMK),
                finding(RuleId.NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED, ComplianceStatus.NOT_APPLICABLE,
                        DemoAccount.CMK));

        Evaluation e = Verdicts.of(ResourceType.CLUSTER, ID, findings, AT);

        assertThat(e.complianceType()).isEqualTo(ComplianceType.COMPLIANT);
        assertThat(e.annotation()).isEqualTo("Compliant: key " + DemoAccount.CMK + "; 2 neptune-guard rules passed.");
    }

    @Test
    void of_longAnnotation_isCutTo256KeepingRuleAndKey() {
        String longAlias = "arn:aws:kms:us-east-1:111122223333:alias/" + "k".repeat(120);
        List<Finding> findings = List.of(
                finding(RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE, ComplianceStatus.FAILED, longAlias),
                finding(RuleId.NEPTUNE_CLUSTER_KEY_NOT_ALLOWED, ComplianceStatus.FAILED, longAlias),
                finding(RuleId.NEPTUNE_CLUSTER_KEY_ORIGIN_BELOW_POLICY, ComplianceStatus.FAILED, longAlias),
                finding(RuleId.NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED, ComplianceStatus.FAILED, longAlias));

        Evaluation e = Verdicts.of(ResourceType.CLUSTER, ID, findings, AT);

        assertThat(e.annotation()).hasSize(Evaluation.MAX_ANNOTATION).endsWith("…")
                .startsWith("NEPTUNE_CLUSTER_KEY_NOT_ALLOWED (MEDIUM), key " + longAlias);
    }

    @Test
    void of_snapshot_usesTheSnapshotType() {
        RuleId rule = RuleId.NEPTUNE_SNAPSHOT_UNENCRYPTED;
        Finding f = new Finding(rule, rule.defaultSeverity(), ComplianceStatus.FAILED, ResourceType.SNAPSHOT,
                "arn:s", "snap", "snap", DemoAccount.ACCOUNT, DemoAccount.REGION, "t", "d", "", null, null, null,
                List.of(), false, null);

        Evaluation e = Verdicts.of(ResourceType.SNAPSHOT, "arn:s", List.of(f), AT);

        assertThat(e.resourceType()).isEqualTo("AWS::RDS::DBClusterSnapshot");
        assertThat(e.complianceType()).isEqualTo(ComplianceType.NON_COMPLIANT);
    }

    @Test
    void fit_shortText_isKeptWithWhitespaceCollapsed() {
        assertThat(Annotations.fit("  two\n lines ", 256)).isEqualTo("two lines");
        assertThat(Annotations.fit("", 256)).isNull();
        assertThat(Annotations.fit(null, 256)).isNull();
    }

    @Test
    void fit_cutInsideASurrogatePair_doesNotSplitIt() {
        String text = "a".repeat(254) + "\uD83D\uDD11" + "tail";

        String fitted = Annotations.fit(text, 256);

        assertThat(fitted).hasSizeLessThanOrEqualTo(256).isEqualTo("a".repeat(254) + "…");
        assertThat(fitted.chars().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
    }

    @Test
    void evaluation_annotationOverTheLimit_isCutByTheRecord() {
        Evaluation e = new Evaluation("AWS::RDS::DBCluster", ID, ComplianceType.NOT_APPLICABLE, "x".repeat(300), AT);

        assertThat(e.annotation()).hasSize(256);
    }
}
