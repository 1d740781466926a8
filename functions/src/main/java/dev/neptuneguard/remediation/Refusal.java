package dev.neptuneguard.remediation;

/**
 * A precondition the plan does not meet; the tool will not execute a plan with any.
 *
 * @param check a stable name, e.g. {@code key-enabled}, {@code usable-by-rds}, {@code policy}
 * @param reason what is wrong and how to fix it, one sentence ending with a period
 */
public record Refusal(String check, String reason) {
}
