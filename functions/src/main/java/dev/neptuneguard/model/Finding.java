package dev.neptuneguard.model;

import java.time.Instant;
import java.util.List;

/**
 * One rule's result on one resource. Every shell (Lambda, Config rule, sweep, CLI) produces the same
 * {@code Finding} for the same facts, and every sink renders it; the JSON form is a public contract
 * (see {@code FindingJson}).
 *
 * @param resourceId the id AWS Config uses for the resource ({@code DbClusterResourceId}); may be null
 * @param resourceName the human name (cluster or snapshot identifier, key alias)
 * @param keyArn the key involved, when a key is involved
 * @param deletionDate when the key will be deleted, when known
 * @param affectedResources ARNs of the resources a key finding puts at risk
 * @param suppressionReason why the finding is exempt ({@code neptune-guard:exempt} tag); null when not
 */
public record Finding(
        RuleId ruleId,
        Severity severity,
        ComplianceStatus status,
        ResourceType resourceType,
        String resourceArn,
        String resourceId,
        String resourceName,
        String account,
        String region,
        String title,
        String detail,
        String remediation,
        String keyArn,
        String keyState,
        Instant deletionDate,
        List<String> affectedResources,
        boolean suppressed,
        String suppressionReason) {

    public Finding {
        affectedResources = affectedResources == null ? List.of() : List.copyOf(affectedResources);
    }

    /** True for a FAILED finding that is not exempt: the ones that alert and fail a scan. */
    public boolean actionable() {
        return status == ComplianceStatus.FAILED && !suppressed;
    }

    /** A stable id per (rule, resource), used for de-duplication and as the Security Hub finding id suffix. */
    public String stableId() {
        return ruleId.name() + "/" + resourceArn;
    }

    public Finding suppress(String reason) {
        return new Finding(ruleId, severity, status, resourceType, resourceArn, resourceId, resourceName, account,
                region, title, detail, remediation, keyArn, keyState, deletionDate, affectedResources, true, reason);
    }

    public Finding withDetail(String newDetail) {
        return new Finding(ruleId, severity, status, resourceType, resourceArn, resourceId, resourceName, account,
                region, title, newDetail, remediation, keyArn, keyState, deletionDate, affectedResources, suppressed,
                suppressionReason);
    }
}
