package dev.neptuneguard.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.neptuneguard.sinks.TestFindings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** First sightings in the delivery table, against a stateful stub of DynamoDB's JSON 1.0 protocol. */
class DynamoDbFirstSightingsIT {

    private static final String DISABLED = "neptune-guard/KMS_KEY_DISABLED_IN_USE/arn:aws:kms:us-east-1:1:key/k";
    private static final String IMPORT = "neptune-guard/KMS_KEY_MATERIAL_DELETED_IN_USE/arn:aws:kms:us-east-1:1:key/k";

    private final FakeDynamoDbTable table = new FakeDynamoDbTable();
    private WireMockServer wm;
    private DynamoDbFirstSightings sightings;

    @BeforeEach
    void start() {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(table));
        wm.start();
        wm.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withTransformers(FakeDynamoDbTable.NAME)));
        sightings = new DynamoDbFirstSightings(LocalAws.dynamoDb(wm), "neptune-guard-deliveries");
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @Test
    void raised_onlyIdsImportedBefore_withTheirFirstSightingAndNothingStoredForTheOthers() throws IOException {
        Instant earlier = NOW.minus(Duration.ofDays(2));
        sightings.firstSeen(List.of(DISABLED), earlier);

        var raised = sightings.raised(List.of(DISABLED, IMPORT), NOW);

        assertThat(raised).containsOnlyKeys(DISABLED).containsEntry(DISABLED, earlier);
        assertThat(table.items).containsOnlyKeys("first-seen#" + DISABLED);
        assertThat(table.items.get("first-seen#" + DISABLED).at("/expiresAt/N").asLong())
                .as("an all-clear updates the finding, so its memory lasts 90 more days")
                .isEqualTo(NOW.plus(Duration.ofDays(90)).getEpochSecond());
        List<JsonNode> conditional = new ArrayList<>();
        for (var r : wm.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.UpdateItem")))) {
            JsonNode body = Json.MAPPER.readTree(r.getBodyAsString());
            if (body.has("ConditionExpression")) {
                conditional.add(body);
            }
        }
        assertThat(conditional).hasSize(2).allSatisfy(b -> assertThat(b.get("ConditionExpression").asText())
                .isEqualTo("attribute_exists(firstSeenAt)"));
    }
}
