package dev.neptuneguard.remediation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Deterministic names for what a re-encryption creates, so that a re-run after an interruption finds what the first
 * run made instead of making it twice. Names follow Neptune's rules for identifiers (1 to 63 letters, digits and
 * hyphens, a letter first, no trailing or doubled hyphen): other characters become hyphens, and a name that would be
 * too long keeps its start and ends in 6 hex digits of its SHA-256, so it stays unique and stable.
 */
public final class Names {

    static final int MAX = 63;
    /** Suffix of the new cluster, its instances and a copied snapshot. */
    public static final String SUFFIX = "-reenc";

    private Names() {
    }

    public static String newCluster(String cluster) {
        return fit(cluster, SUFFIX);
    }

    public static String snapshotOf(String cluster) {
        return fit(cluster, "-pre-reenc");
    }

    public static String newInstance(String instance) {
        return fit(instance, SUFFIX);
    }

    public static String copiedSnapshot(String snapshot) {
        return fit(snapshot, SUFFIX);
    }

    public static String temporaryCluster(String snapshot) {
        return fit(snapshot, "-reenc-tmp");
    }

    /** The old cluster's name after the cut-over, e.g. {@code graph-pre-20261206}. */
    public static String setAside(String cluster, String yyyymmdd) {
        return fit(cluster, "-pre-" + yyyymmdd);
    }

    static String fit(String base, String suffix) {
        String clean = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-+|-+$", "");
        if (clean.isEmpty() || !Character.isLetter(clean.charAt(0))) {
            clean = "n" + clean;
        }
        String name = clean + suffix;
        if (name.length() <= MAX && clean.equals(base.toLowerCase(Locale.ROOT))) {
            return name;
        }
        String hash = sha256(base).substring(0, 6);
        int room = MAX - suffix.length() - hash.length() - 1;
        String head = clean.length() > room ? clean.substring(0, room).replaceAll("-+$", "") : clean;
        return head + "-" + hash + suffix;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
