package dev.neptuneguard.remediation;

import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.revocation.KeyPolicyAnalysis;

/**
 * The key a cluster is to be moved onto: the guard's own {@link KeyFacts} (state, manager, origin, rotation,
 * aliases), what only a re-encryption needs besides ({@code KeySpec}, {@code KeyUsage}), and the verdict of the
 * project's key-policy analysis on whether RDS may use the key.
 *
 * @param keySpec e.g. {@code SYMMETRIC_DEFAULT}; {@code null} when the key could not be described
 * @param policy the analysis of the key policy; {@code null} when it could not be read ({@link #policyError()})
 */
public record TargetKey(KeyFacts facts, String keySpec, String keyUsage, KeyPolicyAnalysis.Verdict policy,
                        String policyError) {

    /** The identifier to pass as {@code KmsKeyId}: the key ARN when known, else what the user gave. */
    public String kmsKeyId() {
        return facts.displayArn();
    }
}
