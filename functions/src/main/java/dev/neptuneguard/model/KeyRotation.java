package dev.neptuneguard.model;

/** Automatic rotation of a KMS key, as far as it can be known. */
public enum KeyRotation {
    ENABLED,
    DISABLED,
    /** The key cannot rotate automatically (imported material, custom key store). */
    NOT_SUPPORTED,
    /** Rotation status was not read (not asked for, or the call was refused). */
    UNKNOWN
}
