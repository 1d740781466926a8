package dev.neptuneguard.model;

/** Automatic rotation of a KMS key, as far as it can be known. */
public enum KeyRotation {
    ENABLED,
    DISABLED,
    /** The key cannot rotate automatically (imported material, custom key store). */
    NOT_SUPPORTED,
    /** The status was not asked for (no policy needs it), or the key itself was not described. */
    UNKNOWN,
    /** The status was asked for and could not be read, or an export has no record of it: "cannot verify". */
    UNREADABLE
}
