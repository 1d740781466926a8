package dev.neptuneguard.policy;

import dev.neptuneguard.model.KeyFacts;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The policy's allowlist, indexed once so that matching a key costs a few set look-ups whatever its size (an
 * account may list 100,000 keys). Entries may be a key ARN, a key id (any case), an alias name ({@code alias/x})
 * or an alias ARN; a key matches when any of its known forms equals an entry. An alias ARN only matches keys of
 * its own account and region.
 */
final class KeyAllowlist {

    /** How many entries a finding names before "and N more": the whole list would bloat every finding. */
    static final int NAMED = 3;

    private final List<String> entries;
    private final Set<String> exact = new HashSet<>();
    private final Set<String> lowerCase = new HashSet<>();
    private final Set<String> aliasNames = new HashSet<>();
    /** Alias names of alias ARN entries, for keys whose ARN is unknown. */
    private final Set<String> aliasArnNames = new HashSet<>();
    /** {@code account:region:alias/name} of alias ARN entries. */
    private final Set<String> scopedAliases = new HashSet<>();
    private final boolean needsAliases;
    private final String summary;

    KeyAllowlist(List<String> entries) {
        this.entries = List.copyOf(entries);
        boolean aliases = false;
        for (String entry : this.entries) {
            exact.add(entry);
            lowerCase.add(entry.toLowerCase(Locale.ROOT));
            int cut = entry.indexOf(":alias/");
            if (entry.startsWith("alias/")) {
                aliasNames.add(entry);
                aliases = true;
            } else if (cut >= 0) {
                String name = entry.substring(cut + 1);
                String[] p = entry.split(":", 6);
                if (!entry.startsWith("arn:")) {
                    aliasNames.add(name);
                } else {
                    aliasArnNames.add(name);
                    if (p.length == 6) {
                        scopedAliases.add(p[4] + ":" + p[3] + ":" + name);
                    }
                }
                aliases = true;
            }
        }
        this.needsAliases = aliases;
        this.summary = summarize(this.entries);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    boolean allows(KeyFacts key) {
        if (key.arn() != null && exact.contains(key.arn())
                || key.reference() != null && exact.contains(key.reference())
                || key.keyId() != null && lowerCase.contains(key.keyId().toLowerCase(Locale.ROOT))) {
            return true;
        }
        String[] arn = key.arn() == null ? null : key.arn().split(":", 6);
        for (String alias : key.aliases()) {
            if (aliasNames.contains(alias)) {
                return true;
            }
            if (arn == null ? aliasArnNames.contains(alias)
                    : arn.length == 6 && scopedAliases.contains(arn[4] + ":" + arn[3] + ":" + alias)) {
                return true;
            }
        }
        return false;
    }

    /** True when some entry is an alias, which can only be checked against a described key. */
    boolean needsAliases() {
        return needsAliases;
    }

    /**
     * The list for a finding's detail: every entry when there are at most {@value #NAMED} + 1, else the first
     * {@value #NAMED} and "and N more", so that a finding stays small whatever the list's size.
     */
    String summary() {
        return summary;
    }

    private static String summarize(List<String> entries) {
        if (entries.size() <= NAMED + 1) {
            return String.join(", ", entries);
        }
        return String.join(", ", entries.subList(0, NAMED)) + String.format(Locale.ROOT, " and %,d more",
                entries.size() - NAMED);
    }
}
