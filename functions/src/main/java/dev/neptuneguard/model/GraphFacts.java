package dev.neptuneguard.model;

import java.util.Map;

/**
 * What neptune-guard knows about one Neptune Analytics graph: the encryption-relevant subset of
 * {@code ListGraphs} / {@code GetGraph}. A graph is always encrypted at rest; without a customer key it is on a key
 * that AWS owns, which no account can describe, restrict or audit.
 *
 * @param id the graph id ({@code g-} and ten characters)
 * @param status {@code AVAILABLE}, {@code FAILED}, ...; {@code null} when the source did not say
 * @param statusReason why the graph is in its status, as {@code GetGraph} says (shown, never interpreted)
 * @param kmsKeyIdentifier the customer key's ARN; {@code null}, blank or {@value #AWS_OWNED_KEY} for the AWS owned key
 */
public record GraphFacts(
        String arn,
        String id,
        String name,
        String account,
        String region,
        String status,
        String statusReason,
        String kmsKeyIdentifier,
        boolean deletionProtection,
        Map<String, String> tags,
        boolean tagsKnown,
        FactSource source) {

    /**
     * The value Neptune Analytics reports in {@code kmsKeyIdentifier} for a graph created without a KMS key. It is
     * not a key reference: it cannot be described, so it is recognised here, before any key is looked up.
     */
    public static final String AWS_OWNED_KEY = "AWS_OWNED_KEY";

    public GraphFacts {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** Whether the graph is on the AWS owned key: no key identifier, or Neptune Analytics' own marker for it. */
    public boolean awsOwnedKey() {
        return awsOwned(kmsKeyIdentifier);
    }

    /** The customer key to describe, or {@code null} for the AWS owned key. */
    public String customerKey() {
        return awsOwnedKey() ? null : kmsKeyIdentifier.trim();
    }

    public GraphFacts withTags(Map<String, String> newTags) {
        return new GraphFacts(arn, id, name, account, region, status, statusReason, kmsKeyIdentifier,
                deletionProtection, newTags, true, source);
    }

    static boolean awsOwned(String kmsKeyIdentifier) {
        return kmsKeyIdentifier == null || kmsKeyIdentifier.isBlank()
                || AWS_OWNED_KEY.equalsIgnoreCase(kmsKeyIdentifier.trim());
    }
}
