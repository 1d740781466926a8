package dev.neptuneguard.model;

/**
 * What is known about a KMS key, and from where. Only {@link #NOT_FOUND} means the key is gone: KMS itself
 * answered {@code NotFoundException} for a well-formed key id or key ARN. A key that is {@link #NOT_READABLE} or
 * {@link #NOT_IN_DATA} may be perfectly healthy (a key in another account, a key policy or SCP that denies the
 * reader, an export taken without it): it "cannot be verified", and nothing destructive may be advised for it.
 */
public enum KeyEvidence {
    /** A {@code DescribeKey} answer with a {@code KeyState}. */
    DESCRIBED,
    /** KMS answered {@code NotFoundException} for a well-formed key id or key ARN: the key was deleted. */
    NOT_FOUND,
    /** KMS refused or failed ({@code AccessDeniedException}, throttling, an alias it does not know, ...). */
    NOT_READABLE,
    /** An offline export with no record of the key at all. */
    NOT_IN_DATA;

    /** Whether the key's facts are known (it was described). */
    public boolean described() {
        return this == DESCRIBED;
    }
}
