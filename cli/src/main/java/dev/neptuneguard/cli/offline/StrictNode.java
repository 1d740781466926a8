package dev.neptuneguard.cli.offline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.cli.InputException;
import dev.neptuneguard.json.Dates;
import dev.neptuneguard.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON object from a user's file with its place in it ({@code clusters.json}, {@code $.DBClusters[3]}), read by
 * the types the AWS CLI prints: a known key with a value of another type is an {@link InputException} naming the file,
 * the JSON path and what was expected ({@code clusters.json: $.DBClusters[3].StorageEncrypted: expected true or
 * false, found a string ("yes")}), never a silent "no value". Keys are looked up exactly, then in any casing; an
 * absent key, JSON {@code null} and a blank string all read as "no value" for scalars.
 */
record StrictNode(JsonNode node, String file, String path) {

    /** Wraps {@code node}, which must be an object, else the error says {@code expected}. */
    static StrictNode object(JsonNode node, String file, String path, String expected) {
        if (node == null || !node.isObject()) {
            throw new InputException(file + ": " + path + ": expected " + expected + ", found "
                    + JsonFiles.describe(node));
        }
        return new StrictNode(node, file, path);
    }

    String string(String key) {
        JsonNode v = Json.field(node, key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrong(key, "a string", v);
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }

    Boolean bool(String key) {
        JsonNode v = Json.field(node, key);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw wrong(key, "true or false", v);
        }
        return v.booleanValue();
    }

    Integer integer(String key) {
        JsonNode v = Json.field(node, key);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw wrong(key, "a whole number", v);
        }
        return v.intValue();
    }

    /** A date as the AWS CLI prints it (ISO-8601) or epoch seconds. */
    Instant instant(String key) {
        JsonNode v = Json.field(node, key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw wrong(key, "a date (ISO-8601 text or epoch seconds)", v);
        }
        if (v.isTextual() && v.asText().isBlank()) {
            return null;
        }
        Instant t = v.isTextual() ? Dates.parseLenient(v.asText()) : Json.instant(node, key);
        if (t == null) {
            throw wrong(key, "a date (ISO-8601 text or epoch seconds)", v);
        }
        return t;
    }

    /** A nested object; {@code null} when absent or JSON {@code null}. */
    StrictNode child(String key, String expected) {
        JsonNode v = Json.field(node, key);
        if (v == null) {
            return null;
        }
        return object(v, file, path + "." + key, expected);
    }

    /** The objects of an array; {@code null} when absent or JSON {@code null}; every element must be an object. */
    List<StrictNode> objects(String key, String expectedElement) {
        JsonNode v = Json.field(node, key);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw wrong(key, "an array of " + expectedElement + "s", v);
        }
        List<StrictNode> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(object(v.get(i), file, path + "." + key + "[" + i + "]", expectedElement));
        }
        return out;
    }

    /** The error for a value of the wrong type or form at {@code key}. */
    InputException wrong(String key, String expected, JsonNode found) {
        return new InputException(file + ": " + path + "." + key + ": expected " + expected + ", found "
                + JsonFiles.describe(found));
    }

    /** An error about this object as a whole. */
    InputException invalid(String what) {
        return new InputException(file + ": " + path + ": " + what);
    }
}
