package dev.neptuneguard.configrule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ConfigurationItem;
import software.amazon.awssdk.services.config.model.GetResourceConfigHistoryResponse;
import software.amazon.awssdk.services.config.model.PutEvaluationsResponse;
import software.amazon.awssdk.services.config.model.ResourceIdentifier;
import software.amazon.awssdk.services.config.model.ResourceNotDiscoveredException;

/**
 * {@link ConfigApi} over the AWS SDK {@link ConfigClient}. PutEvaluations goes out in batches of 100 (the
 * API's limit); every batch is sent even when an earlier one had failures, then any failure is raised, so
 * one bad evaluation does not hold back the others.
 */
public final class AwsConfigApi implements ConfigApi {

    /** {@code PutEvaluations} accepts at most this many evaluations per call. */
    public static final int BATCH_SIZE = 100;

    private final ConfigClient client;

    public AwsConfigApi(ConfigClient client) {
        this.client = client;
    }

    @Override
    public Optional<JsonNode> latestConfigurationItem(String resourceType, String resourceId) {
        GetResourceConfigHistoryResponse response;
        try {
            response = client.getResourceConfigHistory(r -> r
                    .resourceType(resourceType)
                    .resourceId(resourceId)
                    .limit(1));
        } catch (ResourceNotDiscoveredException e) {
            // Config has no history for it (never recorded, or gone): the caller reads the resource live.
            return Optional.empty();
        }
        if (!response.hasConfigurationItems() || response.configurationItems().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(toJson(response.configurationItems().get(0)));
    }

    @Override
    public Map<String, String> resourceIdsByName(String resourceType) {
        Map<String, String> ids = new HashMap<>();
        for (ResourceIdentifier id : client.listDiscoveredResourcesPaginator(r -> r
                .resourceType(resourceType)
                .limit(100)).resourceIdentifiers()) {
            if (id.resourceName() != null && id.resourceId() != null) {
                ids.put(id.resourceName(), id.resourceId());
            }
        }
        return ids;
    }

    @Override
    public int putEvaluations(String resultToken, List<Evaluation> evaluations, boolean testMode) {
        List<String> failed = new ArrayList<>();
        int calls = 0;
        for (int from = 0; from < evaluations.size(); from += BATCH_SIZE) {
            List<Evaluation> batch = evaluations.subList(from, Math.min(from + BATCH_SIZE, evaluations.size()));
            PutEvaluationsResponse response = client.putEvaluations(r -> r
                    .resultToken(resultToken)
                    .testMode(testMode)
                    .evaluations(batch.stream().map(AwsConfigApi::toSdk).toList()));
            calls++;
            if (response.hasFailedEvaluations()) {
                response.failedEvaluations().forEach(e -> failed.add(e.complianceResourceId()));
            }
        }
        if (!failed.isEmpty()) {
            throw new EvaluationsRejectedException(failed, evaluations.size());
        }
        return calls;
    }

    private static software.amazon.awssdk.services.config.model.Evaluation toSdk(Evaluation e) {
        return software.amazon.awssdk.services.config.model.Evaluation.builder()
                .complianceResourceType(e.resourceType())
                .complianceResourceId(e.resourceId())
                .complianceType(e.complianceType().name())
                .annotation(e.annotation())
                .orderingTimestamp(e.orderingTimestamp())
                .build();
    }

    /** The item in the API's own JSON names, so that one parser reads event and history items alike. */
    static JsonNode toJson(ConfigurationItem item) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("version", item.version());
        node.put("accountId", item.accountId());
        if (item.configurationItemCaptureTime() != null) {
            node.put("configurationItemCaptureTime", item.configurationItemCaptureTime().toString());
        }
        node.put("configurationItemStatus", item.configurationItemStatusAsString());
        node.put("arn", item.arn());
        node.put("resourceType", item.resourceTypeAsString());
        node.put("resourceId", item.resourceId());
        node.put("resourceName", item.resourceName());
        node.put("awsRegion", item.awsRegion());
        if (item.hasTags()) {
            ObjectNode tags = node.putObject("tags");
            item.tags().forEach(tags::put);
        }
        node.put("configuration", item.configuration());
        return node;
    }
}
