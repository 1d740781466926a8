package dev.neptuneguard.revocation;

import java.util.List;

/**
 * What protection did (or would do) for one key event.
 *
 * @param steps the KMS calls made ({@link Status#PROTECTED}), planned ({@link Status#WOULD_PROTECT}) or made
 *        before one failed ({@link Status#FAILED})
 * @param message one sentence for people, empty when protection did not apply
 */
public record ProtectionOutcome(Status status, List<String> steps, String message) {

    /** Outcomes; the names are the {@code outcome} dimension of the protection metric. */
    public enum Status {
        /** Protection is off. */
        OFF,
        /** Not a disable / deletion, no live cluster uses the key, or the key is already usable again. */
        NOT_APPLICABLE,
        /** The caller is in the exempt principal list. */
        EXEMPT_PRINCIPAL,
        /** The key is tagged {@code neptune-guard:allow-revocation=true}. */
        EXEMPT_TAG,
        /** Dry run: nothing changed. */
        WOULD_PROTECT,
        /** The key was made usable again and tagged. */
        PROTECTED,
        /** A KMS call failed; {@link #steps()} lists what succeeded before. */
        FAILED
    }

    public ProtectionOutcome {
        steps = List.copyOf(steps);
    }

    static ProtectionOutcome of(Status status, String message) {
        return new ProtectionOutcome(status, List.of(), message);
    }

    /** True when the alert should mention protection. */
    public boolean worthSaying() {
        return status != Status.OFF && status != Status.NOT_APPLICABLE;
    }
}
