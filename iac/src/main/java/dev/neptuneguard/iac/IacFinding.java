package dev.neptuneguard.iac;

import dev.neptuneguard.model.Finding;

/**
 * A core {@link Finding} about a resource in code, with where it is declared. The finding's {@code resourceId} is the
 * logical id or Terraform address and {@code resourceName} the physical name when the code gives one;
 * {@code codeType} is the CloudFormation or Terraform type, which replaces the finding contract's
 * {@code resourceType} in every IaC output.
 */
public record IacFinding(Finding finding, String codeType, IacSource source) {

    /** Stable per rule, file and resource: the SARIF fingerprint and the de-duplication key. */
    public String stableId() {
        return finding.ruleId().name() + "/" + source.file() + "#" + finding.resourceId();
    }
}
