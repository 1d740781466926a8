package dev.neptuneguard.model;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What neptune-guard knows about one KMS key, from {@code DescribeKey}, {@code GetKeyRotationStatus} and
 * {@code ListAliases}. A key that could not be described is still represented, with {@link #error()} set,
 * so that policy reports "cannot verify" instead of passing silently.
 *
 * @param reference the identifier the key was asked for by (ARN, id or alias)
 * @param keyManager {@code AWS} or {@code CUSTOMER}; {@code null} when unknown
 * @param keyState the KMS {@code KeyState}, e.g. {@code Enabled}, {@code PendingDeletion}
 * @param origin {@code AWS_KMS}, {@code EXTERNAL}, {@code AWS_CLOUDHSM} or {@code EXTERNAL_KEY_STORE}
 * @param error why the key could not be described ({@code AccessDeniedException: ...}); {@code null} if it was
 */
public record KeyFacts(
        String reference,
        String arn,
        String keyId,
        String account,
        String region,
        String keyManager,
        String keyState,
        String origin,
        String customKeyStoreId,
        boolean multiRegion,
        Instant deletionDate,
        Integer pendingDeletionWindowInDays,
        KeyRotation rotation,
        List<String> aliases,
        String description,
        String error) {

    /** Key states in which Neptune can no longer use the key. */
    public static final Set<String> UNUSABLE_STATES =
            Set.of("Disabled", "PendingDeletion", "PendingReplicaDeletion", "PendingImport", "Unavailable");

    public KeyFacts {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        rotation = rotation == null ? KeyRotation.UNKNOWN : rotation;
    }

    /** A key that could not be described; only the reference (and the ARN, if the reference is one) is known. */
    public static KeyFacts unverifiable(String reference, String error) {
        String arn = reference != null && reference.startsWith("arn:") && reference.contains(":key/") ? reference : null;
        String keyId = arn != null ? arn.substring(arn.indexOf(":key/") + 5) : null;
        return new KeyFacts(reference, arn, keyId, null, null, null, null, null, null, false, null, null,
                KeyRotation.UNKNOWN, List.of(), null, error);
    }

    public boolean verifiable() {
        return error == null;
    }

    public boolean awsManaged() {
        return "AWS".equals(keyManager);
    }

    /** True when the key was described and is in a state Neptune can use; an unknown state is not usable. */
    public boolean usable() {
        return verifiable() && keyState != null && !UNUSABLE_STATES.contains(keyState);
    }

    /** The best identifier to show: the ARN when known, else the reference. */
    public String displayArn() {
        return arn != null ? arn : reference;
    }

    /** First alias name, for display; {@code null} when the key has none. */
    public String primaryAlias() {
        return aliases.isEmpty() ? null : aliases.get(0);
    }
}
