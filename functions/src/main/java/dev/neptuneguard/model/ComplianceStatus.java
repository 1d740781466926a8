package dev.neptuneguard.model;

/** Outcome of one rule on one resource: the ASFF {@code Compliance.Status} values neptune-guard uses. */
public enum ComplianceStatus {
    FAILED, PASSED, NOT_APPLICABLE
}
