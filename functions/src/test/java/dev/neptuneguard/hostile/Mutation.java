package dev.neptuneguard.hostile;

import java.util.Arrays;
import java.util.List;

/**
 * The ways a hostile-input case is derived from a fixture. Tree mutations edit the parsed event and can be
 * stacked; text mutations work on the serialized bytes and come last, since their result is no longer JSON.
 */
public enum Mutation {
    /** A field removed at any depth (the envelope's {@code detail}, a nested {@code engine}, ...). */
    REMOVE_FIELD(true),
    /** A value replaced by one of another JSON type: string, number, boolean, object, array or null. */
    SWAP_TYPE(true),
    /** A value set to JSON {@code null}. */
    SET_NULL(true),
    /** A value or a field name of 100,000 characters, a 20,000-digit number, or a 10,000-element array. */
    HUGE_STRING(true),
    /** RTL overrides, emoji, NUL, lone and reversed surrogates, zero-width and combining characters. */
    UNICODE(true),
    /** Objects and arrays nested around 1,000 deep, near and past Jackson's read limit. */
    DEEP_NESTING(true),
    /** {@code detail} as a string or array, {@code detail-type} or {@code source} missing or swapped, wrappers. */
    WRONG_ENVELOPE(true),
    /** The event turned into another service's call, or another call of the watched services. */
    OTHER_SERVICE(true),
    /** A subtree replaced by a subtree of another fixture (a KMS record inside an RDS envelope, ...). */
    SPLICE(true),
    /** The JSON text cut at a random offset. */
    TRUNCATE(false),
    /** Random bytes, JSON-like token soup, other text encodings. */
    RANDOM_BYTES(false),
    /** A few bytes of the UTF-8 text replaced by random bytes (often invalid UTF-8). */
    BYTE_FLIP(false);

    private final boolean onTree;

    Mutation(boolean onTree) {
        this.onTree = onTree;
    }

    public boolean onTree() {
        return onTree;
    }

    public static List<Mutation> treeMutations() {
        return Arrays.stream(values()).filter(Mutation::onTree).toList();
    }
}
