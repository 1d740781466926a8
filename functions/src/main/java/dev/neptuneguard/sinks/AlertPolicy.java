package dev.neptuneguard.sinks;

import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.Severity;

/**
 * Which findings are alerts for people (SNS, Slack): FAILED, not exempt, at or above the sink's minimum severity;
 * plus the all-clear {@code KMS_KEY_RISK_CLEARED} notice, whatever the threshold, because it closes an alert the
 * same people received. PASSED results of other rules, NOT_APPLICABLE results and suppressed (exempt) findings
 * never alert: they are state for Security Hub and the CLI, not news.
 */
public final class AlertPolicy {

    private AlertPolicy() {
    }

    public static boolean alerts(Finding f, Severity minimum) {
        if (isAllClear(f)) {
            return true;
        }
        return f.actionable() && f.severity().isAtLeast(minimum);
    }

    /**
     * Which findings go to Security Hub: every result at or above the minimum severity, whatever its status —
     * FAILED ones become ACTIVE, PASSED / NOT_APPLICABLE / exempt ones ARCHIVED, because Security Hub is the
     * record of state, not an alert channel — plus the all-clear notice, which archives the key findings it ends.
     */
    public static boolean forSecurityHub(Finding f, Severity minimum) {
        return isAllClear(f) || f.severity().isAtLeast(minimum);
    }

    /** The PASSED notice that a key used by Neptune is usable again. */
    public static boolean isAllClear(Finding f) {
        return f.ruleId() == RuleId.KMS_KEY_RISK_CLEARED && f.status() == ComplianceStatus.PASSED && !f.suppressed();
    }
}
