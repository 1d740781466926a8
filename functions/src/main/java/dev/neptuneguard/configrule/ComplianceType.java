package dev.neptuneguard.configrule;

/**
 * The compliance values a custom rule may send to {@code PutEvaluations}. Config also has
 * {@code INSUFFICIENT_DATA}, but it rejects that value from rules, so it is not offered here.
 */
public enum ComplianceType {
    COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE
}
