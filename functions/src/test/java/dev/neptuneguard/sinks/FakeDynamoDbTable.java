package dev.neptuneguard.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A WireMock extension that answers DynamoDB's JSON 1.0 protocol from an in-memory table, for the three calls the
 * ledger and first-sightings store make: conditional {@code PutItem} (with the real
 * {@code ConditionalCheckFailedException} error shape), {@code BatchGetItem} (returns only stored keys) and the
 * {@code UpdateItem}s of first sightings ({@code if_not_exists}, or conditional on a stored one). Stateful, so a
 * test can dispatch twice and see the second run skip.
 */
public final class FakeDynamoDbTable implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-dynamodb";

    public final Map<String, ObjectNode> items = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String target = event.getRequest().getHeader("X-Amz-Target");
        JsonNode body = read(event.getRequest().getBodyAsString());
        ResponseDefinition answer = switch (target) {
            case "DynamoDB_20120810.PutItem" -> putItem(body);
            case "DynamoDB_20120810.BatchGetItem" -> batchGetItem(body);
            case "DynamoDB_20120810.UpdateItem" -> updateItem(body);
            default -> error(400, "UnknownOperationException", "not emulated: " + target);
        };
        // A stub that delays the table's answer (a timeout fault) keeps its delay.
        Integer delay = event.getResponseDefinition().getFixedDelayMilliseconds();
        return delay == null ? answer : ResponseDefinitionBuilder.like(answer).withFixedDelay(delay).build();
    }

    private ResponseDefinition putItem(JsonNode body) {
        ObjectNode item = (ObjectNode) body.get("Item");
        String pk = item.at("/pk/S").asText();
        if ("attribute_not_exists(pk)".equals(body.path("ConditionExpression").asText()) && items.containsKey(pk)) {
            return error(400, "ConditionalCheckFailedException", "The conditional request failed");
        }
        items.put(pk, item);
        return ok(Json.MAPPER.createObjectNode());
    }

    private ResponseDefinition batchGetItem(JsonNode body) {
        ObjectNode responses = Json.MAPPER.createObjectNode();
        body.get("RequestItems").fields().forEachRemaining(table -> {
            ArrayNode found = responses.putArray(table.getKey());
            table.getValue().get("Keys").forEach(key -> {
                ObjectNode item = items.get(key.at("/pk/S").asText());
                if (item != null) {
                    found.addObject().set("pk", item.get("pk"));
                }
            });
        });
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("Responses", responses);
        out.putObject("UnprocessedKeys");
        return ok(out);
    }

    private ResponseDefinition updateItem(JsonNode body) {
        String pk = body.at("/Key/pk/S").asText();
        JsonNode values = body.get("ExpressionAttributeValues");
        if ("attribute_exists(firstSeenAt)".equals(body.path("ConditionExpression").asText())
                && !items.containsKey(pk)) {
            return error(400, "ConditionalCheckFailedException", "The conditional request failed");
        }
        ObjectNode item = items.computeIfAbsent(pk, k -> {
            ObjectNode created = Json.MAPPER.createObjectNode();
            created.set("pk", body.at("/Key/pk"));
            created.set("firstSeenAt", values.get(":now"));
            return created;
        });
        item.set("expiresAt", values.get(":expires"));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("Attributes", item);
        return ok(out);
    }

    private static ResponseDefinition ok(JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.0").withBody(body.toString()).build();
    }

    static ResponseDefinition error(int status, String type, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("__type", "com.amazonaws.dynamodb.v20120810#" + type);
        body.put("message", message);
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/x-amz-json-1.0").withBody(body.toString()).build();
    }

    private static JsonNode read(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
