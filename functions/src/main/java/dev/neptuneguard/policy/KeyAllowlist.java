package dev.neptuneguard.policy;

import dev.neptuneguard.model.KeyFacts;
import java.util.List;

/**
 * Matches a key against the policy's allowlist. Entries may be a key ARN, a key id, an alias name
 * ({@code alias/x}) or an alias ARN; a key matches when any of its known forms equals an entry.
 */
final class KeyAllowlist {

    private KeyAllowlist() {
    }

    static boolean allows(List<String> allowlist, KeyFacts key) {
        for (String entry : allowlist) {
            if (matches(entry, key)) {
                return true;
            }
        }
        return false;
    }

    /** True when some entry is an alias, which can only be checked against a described key. */
    static boolean needsAliases(List<String> allowlist) {
        return allowlist.stream().anyMatch(e -> e.startsWith("alias/") || e.contains(":alias/"));
    }

    private static boolean matches(String entry, KeyFacts key) {
        if (entry.equals(key.arn()) || entry.equalsIgnoreCase(key.keyId()) || entry.equals(key.reference())) {
            return true;
        }
        String aliasName = entry.contains(":alias/") ? entry.substring(entry.indexOf(":alias/") + 1) : entry;
        if (!aliasName.startsWith("alias/")) {
            return false;
        }
        if (entry.startsWith("arn:") && key.arn() != null && !sameAccountAndRegion(entry, key.arn())) {
            return false;
        }
        return key.aliases().contains(aliasName);
    }

    private static boolean sameAccountAndRegion(String aliasArn, String keyArn) {
        String[] a = aliasArn.split(":", 6);
        String[] k = keyArn.split(":", 6);
        return a.length == 6 && k.length == 6 && a[3].equals(k[3]) && a[4].equals(k[4]);
    }
}
