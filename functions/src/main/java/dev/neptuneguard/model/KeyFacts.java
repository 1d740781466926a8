package dev.neptuneguard.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What neptune-guard knows about one KMS key, from {@code DescribeKey}, {@code GetKeyRotationStatus} and
 * {@code ListAliases}, or from an offline export of them. A key that could not be described is still represented,
 * with its {@link #evidence()} saying why and {@link #error()} the AWS error code and message, so that policy
 * reports "cannot verify" (or, only when KMS said so, "deleted") instead of passing silently.
 *
 * @param reference the identifier the key was asked for by (ARN, id or alias)
 * @param keyManager {@code AWS} or {@code CUSTOMER}; {@code null} when unknown
 * @param keyState the KMS {@code KeyState}, e.g. {@code Enabled}, {@code PendingDeletion}
 * @param origin {@code AWS_KMS}, {@code EXTERNAL}, {@code AWS_CLOUDHSM} or {@code EXTERNAL_KEY_STORE}
 * @param deletionDate when KMS deletes the key, to the second (the AWS CLI prints micro-, the SDK milliseconds)
 * @param error why the key could not be described ({@code AccessDeniedException: ...}); {@code null} if it was
 * @param evidence where the facts come from; {@link KeyEvidence#DESCRIBED} exactly when {@code error} is null
 * @param rotationError why {@link KeyRotation#UNREADABLE}: the error of {@code GetKeyRotationStatus}, or what an
 *        export lacks; {@code null} otherwise
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
        String error,
        KeyEvidence evidence,
        String rotationError) {

    /** Key states in which Neptune can no longer use the key. */
    public static final Set<String> UNUSABLE_STATES =
            Set.of("Disabled", "PendingDeletion", "PendingReplicaDeletion", "PendingImport", "Unavailable");

    /** A key id as KMS issues them: a UUID, or {@code mrk-} and 32 hex digits for a multi-Region key. */
    private static final Pattern KEY_ID =
            Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}");
    private static final Pattern KEY_ARN =
            Pattern.compile("arn:aws[a-z-]*:kms:([a-z]{2}(?:-[a-z]+)+-\\d+):(\\d{12}):key/(.+)");

    public KeyFacts {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        rotation = rotation == null ? KeyRotation.UNKNOWN : rotation;
        deletionDate = deletionDate == null ? null : deletionDate.truncatedTo(ChronoUnit.SECONDS);
        if (evidence == null) {
            evidence = error == null ? KeyEvidence.DESCRIBED : KeyEvidence.NOT_READABLE;
        }
        if (evidence == KeyEvidence.DESCRIBED && keyState == null) {
            // An answer without KeyState says nothing about usability: "cannot verify", never "unusable".
            evidence = KeyEvidence.NOT_READABLE;
            error = "the DescribeKey answer has no KeyState";
        } else if (evidence != KeyEvidence.DESCRIBED && error == null) {
            error = evidence == KeyEvidence.NOT_FOUND ? "NotFoundException" : "not described";
        } else if (evidence == KeyEvidence.DESCRIBED) {
            error = null;
        }
        if (rotation != KeyRotation.UNREADABLE) {
            rotationError = null;
        }
    }

    /** The facts of a described key, without the evidence and rotation columns (they follow from the rest). */
    public KeyFacts(String reference, String arn, String keyId, String account, String region, String keyManager,
                    String keyState, String origin, String customKeyStoreId, boolean multiRegion,
                    Instant deletionDate, Integer pendingDeletionWindowInDays, KeyRotation rotation,
                    List<String> aliases, String description, String error) {
        this(reference, arn, keyId, account, region, keyManager, keyState, origin, customKeyStoreId, multiRegion,
                deletionDate, pendingDeletionWindowInDays, rotation, aliases, description, error, null, null);
    }

    /** A key that could not be read; only the reference (and what a key ARN says) is known. */
    public static KeyFacts unverifiable(String reference, String error) {
        return undescribed(reference, KeyEvidence.NOT_READABLE, error);
    }

    /**
     * A key KMS refused to describe, classified: {@code NotFoundException} for a well-formed key id or key ARN is
     * {@link KeyEvidence#NOT_FOUND} (deleted); any other answer, and NotFound for an alias or a malformed id (a
     * typo, an emulator's placeholder), is {@link KeyEvidence#NOT_READABLE}.
     *
     * @param errorCode the AWS error code, e.g. {@code NotFoundException}; may be null
     * @param message the AWS error message; may be null
     */
    public static KeyFacts refused(String reference, String errorCode, String message) {
        String code = errorCode == null || errorCode.isBlank() ? "UnknownError" : errorCode;
        String text = code + (message == null || message.isBlank() ? "" : ": " + message);
        if ("NotFoundException".equals(code) && wellFormedKey(reference)) {
            return undescribed(reference, KeyEvidence.NOT_FOUND, text);
        }
        if ("NotFoundException".equals(code)) {
            text += " (" + reference + " is not a key id or key ARN, so this does not show that a key was deleted)";
        }
        return undescribed(reference, KeyEvidence.NOT_READABLE, text);
    }

    /** A key an offline export has no record of; {@code why} says what is missing and how to add it. */
    public static KeyFacts notInData(String reference, String why) {
        return undescribed(reference, KeyEvidence.NOT_IN_DATA, why);
    }

    private static KeyFacts undescribed(String reference, KeyEvidence evidence, String error) {
        Matcher m = reference == null ? null : KEY_ARN.matcher(reference);
        boolean arn = m != null && m.matches();
        String keyId = arn ? m.group(3) : reference != null && KEY_ID.matcher(reference).matches() ? reference : null;
        return new KeyFacts(reference, arn ? reference : null, keyId, arn ? m.group(2) : null,
                arn ? m.group(1) : null, null, null, null, null, false, null, null, KeyRotation.UNKNOWN, List.of(),
                null, error, evidence, null);
    }

    /** Whether {@code reference} is a key id or a key ARN that KMS could have issued (not an alias). */
    public static boolean wellFormedKey(String reference) {
        if (reference == null) {
            return false;
        }
        Matcher m = KEY_ARN.matcher(reference);
        return KEY_ID.matcher(m.matches() ? m.group(3) : reference).matches();
    }

    /** Whether the key was described; the key findings and usable/unusable verdicts need it. */
    public boolean verifiable() {
        return evidence == KeyEvidence.DESCRIBED;
    }

    /** Only when KMS itself answered NotFound for a well-formed key id or ARN. */
    public boolean deleted() {
        return evidence == KeyEvidence.NOT_FOUND;
    }

    /** Neither described nor known deleted: a key that "cannot be verified". */
    public boolean unverified() {
        return evidence == KeyEvidence.NOT_READABLE || evidence == KeyEvidence.NOT_IN_DATA;
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

    /** The same facts with the rotation status replaced. */
    public KeyFacts withRotation(KeyRotation newRotation, String newRotationError) {
        return new KeyFacts(reference, arn, keyId, account, region, keyManager, keyState, origin, customKeyStoreId,
                multiRegion, deletionDate, pendingDeletionWindowInDays, newRotation, aliases, description, error,
                evidence, newRotationError);
    }

    /** The same facts as asked for by another reference (an alias, the id); a key ARN also fills in the ARN. */
    public KeyFacts askedAs(String newReference) {
        Matcher m = newReference == null ? null : KEY_ARN.matcher(newReference);
        boolean isArn = m != null && m.matches();
        return new KeyFacts(newReference, arn == null && isArn ? newReference : arn, keyId,
                account == null && isArn ? m.group(2) : account, region == null && isArn ? m.group(1) : region,
                keyManager, keyState, origin, customKeyStoreId, multiRegion, deletionDate, pendingDeletionWindowInDays,
                rotation, aliases, description, error, evidence, rotationError);
    }

    /**
     * What would let the guard verify an undescribed key, for finding texts: another account's key is exported
     * from (or readable by) that account; otherwise the reader needs {@code kms:DescribeKey}.
     *
     * @param readerAccount the account whose data or credentials were used; may be null
     */
    public String howToVerify(String readerAccount) {
        String owner = account;
        if (owner != null && readerAccount != null && !owner.equals(readerAccount)) {
            return "the key belongs to account " + owner + ": export from that account, or allow kms:DescribeKey "
                    + "for the auditor in its key policy";
        }
        if (evidence == KeyEvidence.NOT_IN_DATA) {
            return "add the output of 'aws kms describe-key --key-id " + displayArn() + "' to the export (or its "
                    + ".error file if the call fails)";
        }
        return "allow kms:DescribeKey on " + displayArn() + " for the guard (key policy, IAM policy, SCP), or confirm "
                + "the key with its owner";
    }
}
