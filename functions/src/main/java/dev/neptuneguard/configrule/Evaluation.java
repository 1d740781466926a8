package dev.neptuneguard.configrule;

import java.time.Instant;
import java.util.Objects;

/**
 * One AWS Config evaluation, as {@code PutEvaluations} takes it. The annotation is cut to Config's limit
 * here, once, so no caller can produce a request Config rejects.
 *
 * @param resourceType the Config type, e.g. {@code AWS::RDS::DBCluster}
 * @param resourceId the id Config knows the resource by ({@code DbClusterResourceId} for clusters)
 * @param orderingTimestamp the time of the configuration this evaluation is about; Config keeps the latest
 */
public record Evaluation(
        String resourceType,
        String resourceId,
        ComplianceType complianceType,
        String annotation,
        Instant orderingTimestamp) {

    /** Config's limit on {@code Annotation}. */
    public static final int MAX_ANNOTATION = 256;

    public Evaluation {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(complianceType, "complianceType");
        Objects.requireNonNull(orderingTimestamp, "orderingTimestamp");
        annotation = Annotations.fit(annotation, MAX_ANNOTATION);
    }
}
