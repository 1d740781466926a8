package dev.neptuneguard.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks an OCSF record against the vendored attribute list of the Compliance Finding class
 * ({@code src/test/resources/ocsf/compliance_finding-1.8.0.json}, with its sources): every required attribute present,
 * no attribute the class or object does not define, no deprecated one, types (integers, epoch-millisecond
 * timestamps, RFC 3339 datetimes, strings, arrays, objects), enum ids, the captions of their siblings, the entities'
 * at-least-one constraint, the profiles an attribute needs, and the class's fixed values.
 */
public final class OcsfSchema {

    public static final String RESOURCE = "/ocsf/compliance_finding-1.8.0.json";
    /** 2001-09-09 in epoch milliseconds: a timestamp below this is in seconds, not milliseconds. */
    private static final long MIN_MILLIS = 1_000_000_000_000L;

    private final JsonNode schema;

    private OcsfSchema(JsonNode schema) {
        this.schema = schema;
    }

    public static OcsfSchema load() {
        try (InputStream in = OcsfSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return new OcsfSchema(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String version() {
        return schema.get("version").asText();
    }

    /** The attribute's requirement level in the class ("$.name") or in an object ("object.name"). */
    public String requirement(String object, String attribute) {
        JsonNode attrs = object == null ? schema.get("attributes") : schema.get("objects").get(object);
        JsonNode a = attrs.get(attribute);
        return a == null ? null : a.get("requirement").asText();
    }

    /** Every problem of the record; empty when it conforms. */
    public List<String> problems(JsonNode record) {
        List<String> problems = new ArrayList<>();
        if (record == null || !record.isObject()) {
            problems.add("$: not a JSON object");
            return problems;
        }
        List<String> profiles = new ArrayList<>();
        JsonNode declared = record.path("metadata").path("profiles");
        declared.forEach(p -> profiles.add(p.asText()));
        checkObject(record, schema.get("attributes"), "$", profiles, problems);
        JsonNode cls = schema.get("class");
        if (record.path("class_uid").asInt() != cls.get("uid").asInt()) {
            problems.add("$.class_uid: not " + cls.get("uid").asInt());
        }
        if (record.path("category_uid").asInt() != cls.get("category_uid").asInt()) {
            problems.add("$.category_uid: not " + cls.get("category_uid").asInt());
        }
        long typeUid = record.path("class_uid").asLong() * 100 + record.path("activity_id").asLong();
        if (record.path("type_uid").asLong() != typeUid) {
            problems.add("$.type_uid: " + record.path("type_uid") + " is not class_uid * 100 + activity_id = "
                    + typeUid);
        }
        if (!version().equals(record.path("metadata").path("version").asText())) {
            problems.add("$.metadata.version: " + record.path("metadata").path("version") + " is not " + version());
        }
        return problems;
    }

    private void checkObject(JsonNode node, JsonNode attrs, String path, List<String> profiles,
                             List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> a = it.next();
            if (a.getKey().startsWith("_")) {
                continue;
            }
            String requirement = a.getValue().get("requirement").asText();
            JsonNode value = node.get(a.getKey());
            if ("required".equals(requirement) && (value == null || value.isNull())) {
                problems.add(path + "." + a.getKey() + ": required, missing");
            }
        }
        JsonNode atLeastOne = attrs.get("_at_least_one");
        if (atLeastOne != null) {
            boolean any = false;
            for (JsonNode name : atLeastOne) {
                any |= node.hasNonNull(name.asText());
            }
            if (!any) {
                problems.add(path + ": needs at least one of " + atLeastOne);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String at = path + "." + field.getKey();
            JsonNode def = attrs.get(field.getKey());
            if (def == null || field.getKey().startsWith("_")) {
                problems.add(at + ": not an attribute of this class or object");
                continue;
            }
            if (def.has("deprecated")) {
                problems.add(at + ": deprecated since " + def.get("deprecated").asText());
            }
            if (def.has("profile") && !profiles.contains(def.get("profile").asText())) {
                problems.add(at + ": belongs to the " + def.get("profile").asText()
                        + " profile, which metadata.profiles does not declare");
            }
            JsonNode value = field.getValue();
            if (def.path("array").asBoolean()) {
                if (!value.isArray()) {
                    problems.add(at + ": not an array");
                    continue;
                }
                for (int i = 0; i < value.size(); i++) {
                    checkValue(value.get(i), def, at + "[" + i + "]", profiles, problems);
                }
            } else {
                checkValue(value, def, at, profiles, problems);
                checkEnum(node, value, def, at, problems);
            }
        }
    }

    private void checkValue(JsonNode value, JsonNode def, String at, List<String> profiles, List<String> problems) {
        String type = def.get("type").asText();
        switch (type) {
            case "integer_t" -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                    problems.add(at + ": not an integer");
                }
            }
            case "long_t" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(at + ": not a long integer");
                }
            }
            case "timestamp_t" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(at + ": not an epoch-millisecond timestamp");
                } else if (value.asLong() < MIN_MILLIS) {
                    problems.add(at + ": " + value.asLong() + " is in seconds, not milliseconds");
                }
            }
            case "datetime_t" -> {
                try {
                    OffsetDateTime.parse(value.asText());
                } catch (DateTimeParseException e) {
                    problems.add(at + ": not an RFC 3339 date-time: " + value);
                }
                if (!value.isTextual()) {
                    problems.add(at + ": not a string");
                }
            }
            case "string_t" -> {
                if (!value.isTextual()) {
                    problems.add(at + ": not a string");
                }
            }
            case "json_t" -> {
            }
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(at + ": not an object");
                    return;
                }
                JsonNode object = schema.get("objects").get(def.get("object").asText());
                if (object == null) {
                    problems.add(at + ": object " + def.get("object").asText() + " is not in the vendored list");
                } else {
                    checkObject(value, object, at, profiles, problems);
                }
            }
            default -> problems.add(at + ": unknown type " + type + " in the vendored list");
        }
    }

    private static void checkEnum(JsonNode owner, JsonNode value, JsonNode def, String at, List<String> problems) {
        JsonNode values = def.get("enum");
        if (values == null || !value.isIntegralNumber()) {
            return;
        }
        JsonNode caption = values.get(value.asText());
        if (caption == null) {
            problems.add(at + ": " + value + " is not one of " + values);
            return;
        }
        JsonNode sibling = def.get("sibling");
        if (sibling != null && owner.has(sibling.asText()) && !value.asText().equals("99")
                && !caption.asText().equals(owner.get(sibling.asText()).asText())) {
            problems.add(at + ": " + sibling.asText() + " is " + owner.get(sibling.asText()) + ", not the caption "
                    + caption);
        }
    }
}
