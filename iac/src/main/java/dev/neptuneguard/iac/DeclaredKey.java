package dev.neptuneguard.iac;

import java.util.List;

/**
 * A KMS key declared in code ({@code AWS::KMS::Key}, {@code aws_kms_key}), with what decides whether Neptune can
 * keep using it: enabled, rotation, what happens to it when the stack or plan removes it, and its key policy.
 *
 * @param enabled {@code false} only when the code disables it
 * @param rotation {@code null} when the code does not say (both tools default to off)
 * @param pendingWindowDays days between scheduling and deletion ({@code PendingWindowInDays} /
 *        {@code deletion_window_in_days}); {@code null} when unknown
 * @param origin {@code AWS_KMS} unless the code imports key material ({@code EXTERNAL})
 * @param retention whether removing the stack / applying the plan keeps the key
 * @param retentionDetail what the code says about retention, for the finding's text
 * @param policy whether the key policy lets the account use the key through RDS
 * @param policyDetail why, for the finding's text
 * @param aliases alias names declared for the key in the same code
 */
public record DeclaredKey(
        String address,
        String type,
        String name,
        boolean enabled,
        Boolean rotation,
        Integer pendingWindowDays,
        String origin,
        Verdict retention,
        String retentionDetail,
        Verdict policy,
        String policyDetail,
        List<String> aliases,
        IacSource source) {

    /** Three-valued answer: code can say yes, no, or leave it to deploy time. */
    public enum Verdict { YES, NO, UNKNOWN }

    public DeclaredKey {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        origin = origin == null ? "AWS_KMS" : origin;
    }

    public DeclaredKey withAliases(List<String> newAliases) {
        return new DeclaredKey(address, type, name, enabled, rotation, pendingWindowDays, origin, retention,
                retentionDetail, policy, policyDetail, newAliases, source);
    }
}
