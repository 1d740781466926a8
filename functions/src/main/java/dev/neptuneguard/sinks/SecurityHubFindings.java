package dev.neptuneguard.sinks;

import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Identifiers;
import dev.neptuneguard.model.RuleId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Which Security Hub findings a {@link Finding} becomes, and their ids — without the Security Hub SDK, so that the
 * guard functions (whose jar has no Security Hub module) can name them when they queue a finding for export, and
 * the exporter ({@link AsffMapper}) imports exactly those.
 */
public final class SecurityHubFindings {

    public static final String ID_PREFIX = "neptune-guard/";
    /**
     * Security Hub's limit for a finding's {@code Id} and a resource's {@code Resources[].Id}: "Maximum length: 512"
     * in the AWS Security Hub User Guide, ASFF attributes (securityhub-findings-format-attributes, required
     * attributes {@code Id} and {@code Resources} / {@code Id}), which also asks for URI-unreserved characters.
     */
    public static final int MAX_ID = 512;
    /** Hex digits of the SHA-256 that stands for a cut identifier: 80 bits, so two cut ids never meet. */
    private static final int HASH_DIGITS = 20;

    /** Rules whose risk a {@code KMS_KEY_RISK_CLEARED} notice ends (the key is usable again). */
    static final List<RuleId> CLEARED_BY_KEY_USABLE = List.of(RuleId.KMS_KEY_DISABLED_IN_USE,
            RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE, RuleId.KMS_KEY_MATERIAL_DELETED_IN_USE,
            RuleId.KMS_KEY_STORE_DISCONNECTED_IN_USE);

    private SecurityHubFindings() {
    }

    /**
     * {@code neptune-guard/<ruleId>/<resourceArn>}: stable per (rule, resource), so an import updates, not adds.
     * An id longer than {@link #MAX_ID} or holding control characters is {@link #fit fitted}: still stable and
     * unique, and every id that fits is exactly as before.
     */
    public static String id(Finding f) {
        return fit(ID_PREFIX + f.ruleId().name() + "/" + f.resourceArn(), MAX_ID);
    }

    /**
     * {@code value} when it has at most {@code max} characters and no control character; otherwise its start (control
     * characters as {@code _}) and {@code ~} and the first {@value #HASH_DIGITS} hex digits of the SHA-256 of the
     * whole value, {@code max} characters in all. The same value always gives the same result, and different
     * values give different results (the hash is of the whole value).
     */
    public static String fit(String value, int max) {
        if (value == null || value.length() <= max && !Identifiers.hasControls(value)) {
            return value;
        }
        String hash = sha256(value).substring(0, HASH_DIGITS);
        int keep = Math.max(0, Math.min(value.length(), max - HASH_DIGITS - 1));
        StringBuilder b = new StringBuilder(max);
        for (int i = 0; i < keep; i++) {
            char c = value.charAt(i);
            b.append(Identifiers.isControl(c) ? '_' : c);
        }
        // A cut through a surrogate pair would leave half a character.
        if (b.length() > 0 && Character.isHighSurrogate(b.charAt(b.length() - 1))) {
            b.setLength(b.length() - 1);
        }
        return b.append('~').append(hash).toString();
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The findings to import for {@code f}: itself, except that the all-clear notice becomes PASSED updates of the
     * key-usability findings it ends (it is a notice, not a check of its own).
     */
    public static List<Finding> expand(Finding f) {
        if (!AlertPolicy.isAllClear(f)) {
            return List.of(f);
        }
        List<Finding> closing = new ArrayList<>();
        for (RuleId rule : CLEARED_BY_KEY_USABLE) {
            String name = f.resourceName() != null ? f.resourceName() : Text.shortName(f.resourceArn());
            closing.add(new Finding(rule, rule.defaultSeverity(), ComplianceStatus.PASSED, f.resourceType(),
                    f.resourceArn(), f.resourceId(), f.resourceName(), f.account(), f.region(),
                    rule.title() + ": " + name, f.detail(), "", f.keyArn(), f.keyState(), null,
                    f.affectedResources(), false, null));
        }
        return closing;
    }

    /**
     * The first sightings a message for {@code f} carries: for a finding, those of its own id (new ones stored as
     * {@code now}); for the all-clear, only those of the findings it ends that were raised before — an empty map
     * when there is nothing to resolve.
     */
    public static Map<String, Instant> sightings(FirstSightings memory, Finding f, Instant now) {
        return AlertPolicy.isAllClear(f) ? memory.raised(ids(f), now) : memory.firstSeen(ids(f), now);
    }

    /**
     * Whether the Security Hub finding {@code part} of {@link #expand}({@code f}) is to be imported for a message
     * carrying {@code firstSeen}: always for a finding, and for the all-clear only the findings raised before.
     */
    public static boolean imported(Finding f, Finding part, Map<String, Instant> firstSeen) {
        return !AlertPolicy.isAllClear(f) || firstSeen.containsKey(id(part));
    }

    /** The ids of {@link #expand}'s findings, in order. */
    public static List<String> ids(Finding f) {
        return expand(f).stream().map(SecurityHubFindings::id).toList();
    }
}
