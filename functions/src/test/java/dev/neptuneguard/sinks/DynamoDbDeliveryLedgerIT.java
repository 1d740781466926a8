package dev.neptuneguard.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.neptuneguard.sinks.TestFindings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.neptuneguard.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DynamoDbDeliveryLedgerIT {

    static final String TABLE = "neptune-guard-deliveries";

    private WireMockServer wm;
    private DynamoDbDeliveryLedger ledger;

    @BeforeEach
    void start() {
        wm = LocalAws.start();
        ledger = new DynamoDbDeliveryLedger(LocalAws.dynamoDb(wm), TABLE, DynamoDbDeliveryLedger.DEFAULT_RETENTION);
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @Test
    void record_newDelivery_conditionalPutWithTtl() throws Exception {
        wm.stubFor(target("PutItem").willReturn(json(200, "{}")));
        DeliveryKey key = new DeliveryKey("event-1", "KMS_KEY_DISABLED_IN_USE/arn:aws:kms:us-east-1:1:key/k", "sns");

        boolean recorded = ledger.record(key, NOW);

        assertThat(recorded).isTrue();
        JsonNode body = body("PutItem").get(0);
        assertThat(body.get("TableName").asText()).isEqualTo(TABLE);
        assertThat(body.get("ConditionExpression").asText()).isEqualTo("attribute_not_exists(pk)");
        assertThat(body.at("/Item/pk/S").asText()).isEqualTo("event-1#" + key.findingId() + "#sns");
        assertThat(body.at("/Item/expiresAt/N").asLong()).isEqualTo(NOW.plus(Duration.ofDays(14)).getEpochSecond());
    }

    @Test
    void record_alreadyRecorded_conditionalCheckFailedMeansFalse() {
        wm.stubFor(target("PutItem").willReturn(json(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                + "ConditionalCheckFailedException\",\"message\":\"The conditional request failed\"}")));

        boolean recorded = ledger.record(new DeliveryKey("event-1", "R/arn", "sns"), NOW);

        assertThat(recorded).isFalse();
        wm.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void delivered_150Keys_twoConsistentBatchGetsAndOnlyStoredKeysReturned() throws Exception {
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.putObject("Responses").putArray(TABLE).addObject().putObject("pk").put("S", "event-1#R/arn-7#sns");
        response.putObject("UnprocessedKeys");
        wm.stubFor(target("BatchGetItem").willReturn(json(200, response.toString())));
        List<DeliveryKey> keys = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            keys.add(new DeliveryKey("event-1", "R/arn-" + i, "sns"));
        }

        Set<DeliveryKey> delivered = ledger.delivered(keys);

        assertThat(delivered).containsExactly(keys.get(7));
        List<JsonNode> bodies = body("BatchGetItem");
        assertThat(bodies).extracting(b -> b.at("/RequestItems/" + TABLE + "/Keys").size()).containsExactly(100, 50);
        assertThat(bodies.get(0).at("/RequestItems/" + TABLE + "/ConsistentRead").asBoolean()).isTrue();
    }

    @Test
    void firstSeen_existingAndNewIds_storedValueWinsOverNow() throws Exception {
        FakeDynamoDbTable table = new FakeDynamoDbTable();
        WireMockServer stateful = new WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort().extensions(table));
        stateful.start();
        try {
            stateful.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withTransformers(FakeDynamoDbTable.NAME)));
            DynamoDbFirstSightings sightings = new DynamoDbFirstSightings(LocalAws.dynamoDb(stateful), TABLE);
            Instant earlier = NOW.minus(Duration.ofDays(5));

            sightings.firstSeen(List.of("neptune-guard/A/arn"), earlier);
            Map<String, Instant> seen = sightings.firstSeen(List.of("neptune-guard/A/arn", "neptune-guard/B/arn"), NOW);

            assertThat(seen).containsEntry("neptune-guard/A/arn", earlier).containsEntry("neptune-guard/B/arn", NOW);
            assertThat(table.items.get("first-seen#neptune-guard/A/arn").at("/expiresAt/N").asLong())
                    .isEqualTo(NOW.plus(Duration.ofDays(90)).getEpochSecond());
            JsonNode update = Json.MAPPER.readTree(stateful.findAll(postRequestedFor(urlEqualTo("/"))).get(0)
                    .getBodyAsString());
            assertThat(update.get("UpdateExpression").asText()).contains("if_not_exists(firstSeenAt, :now)");
            assertThat(update.get("ReturnValues").asText()).isEqualTo("ALL_NEW");
        } finally {
            stateful.stop();
        }
    }

    private static MappingBuilder target(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("DynamoDB_20120810." + operation));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.0").withBody(body);
    }

    private List<JsonNode> body(String operation) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (var r : wm.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810." + operation)))) {
            assertThat(r.getHeader("Content-Type")).startsWith("application/x-amz-json-1.0");
            out.add(Json.MAPPER.readTree(r.getBodyAsString()));
        }
        return out;
    }
}
