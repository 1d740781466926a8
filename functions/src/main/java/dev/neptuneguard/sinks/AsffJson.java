package dev.neptuneguard.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Writes an SDK model object (an ASFF {@code AwsSecurityFinding}) as the JSON Security Hub documents, using the
 * model's own member names ({@code SchemaVersion}, {@code Resources[].Details.AwsRdsDbCluster}). The CLI's
 * {@code --format asff} prints this, so its output can be fed to {@code aws securityhub batch-import-findings}.
 * Unset members and untouched empty lists are omitted.
 */
public final class AsffJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AsffJson() {
    }

    public static ObjectNode toNode(SdkPojo pojo) {
        ObjectNode node = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            JsonNode json = value(value);
            if (json != null) {
                node.set(field.locationName(), json);
            }
        }
        return node;
    }

    private static JsonNode value(Object value) {
        if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
            return null;
        }
        if (value instanceof SdkPojo p) {
            return toNode(p);
        }
        if (value instanceof Collection<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> {
                JsonNode n = value(item);
                array.add(n == null ? NODES.nullNode() : n);
            });
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), value(v)));
            return object;
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Instant t) {
            return NODES.textNode(t.toString());
        }
        return NODES.textNode(String.valueOf(value));
    }
}
