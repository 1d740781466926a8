package dev.neptuneguard.configrule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS Config calls the rule needs, behind an interface so the core can be tested without HTTP.
 * Implemented over the SDK by {@link AwsConfigApi}. AWS faults escape as exceptions (Lambda retries).
 */
public interface ConfigApi {

    /**
     * The latest recorded configuration item of a resource ({@code GetResourceConfigHistory}, limit 1), in the
     * API's JSON shape ({@code arn}, {@code accountId}, {@code configuration} as a JSON string); empty when
     * Config has no item for it.
     */
    Optional<JsonNode> latestConfigurationItem(String resourceType, String resourceId);

    /** Resource ids by resource name for one type, as Config records them ({@code ListDiscoveredResources}). */
    Map<String, String> resourceIdsByName(String resourceType);

    /**
     * Sends evaluations in batches of at most 100.
     *
     * @return the number of {@code PutEvaluations} calls made
     * @throws EvaluationsRejectedException when Config reports any {@code FailedEvaluations}
     */
    int putEvaluations(String resultToken, List<Evaluation> evaluations, boolean testMode);
}
