package dev.neptuneguard.inventory;

import dev.neptuneguard.model.KeyFacts;

/** Whether a key reference (id, ARN, alias name, alias ARN) names a given described key. */
public final class KeyReferences {

    private KeyReferences() {
    }

    public static boolean refersTo(String reference, KeyFacts key) {
        if (reference == null) {
            return false;
        }
        if (reference.equals(key.arn()) || reference.equalsIgnoreCase(key.keyId()) || reference.equals(key.reference())) {
            return true;
        }
        String alias = aliasName(reference);
        return alias != null && key.aliases().contains(alias);
    }

    /** {@code alias/x} for an alias name or alias ARN; {@code null} for anything else. */
    public static String aliasName(String reference) {
        if (reference.startsWith("alias/")) {
            return reference;
        }
        int i = reference.indexOf(":alias/");
        return reference.startsWith("arn:") && i > 0 ? reference.substring(i + 1) : null;
    }
}
