package dev.neptuneguard.moto;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.neptuneguard.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One of the repository's {@code events/} fixtures (on the test class path as {@code events/<source>/<file>}) with
 * its identifiers replaced by those of the state a test built, through the JSON tree: the event keeps every other
 * field exactly as AWS sends it, and no JSON is ever assembled from strings.
 */
public final class EventFixture {

    private final String name;
    private final ObjectNode root;

    private EventFixture(String name, ObjectNode root) {
        this.name = name;
        this.root = root;
    }

    /** Loads {@code events/<path>}, e.g. {@code kms/disable-key-legacy.json}. */
    public static EventFixture load(String path) {
        try (InputStream in = EventFixture.class.getResourceAsStream("/events/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture events/" + path + " on the class path");
            }
            return new EventFixture(path, (ObjectNode) Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read events/" + path, e);
        }
    }

    /** Sets the text at a JSON pointer whose parent exists, e.g. {@code /detail/requestParameters/keyId}. */
    public EventFixture set(String pointer, String value) {
        return set(pointer, value == null ? null : TextNode.valueOf(value));
    }

    /** Sets any JSON value ({@code null} writes JSON null) at a JSON pointer whose parent exists. */
    public EventFixture set(String pointer, JsonNode value) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        String field = p.last().getMatchingProperty();
        if (parent instanceof ObjectNode object) {
            object.set(field, value == null ? Json.MAPPER.nullNode() : value);
        } else if (parent instanceof ArrayNode array && p.last().mayMatchElement()) {
            array.set(p.last().getMatchingIndex(), value == null ? Json.MAPPER.nullNode() : value);
        } else {
            throw new IllegalArgumentException(name + " has no object or array at " + p.head());
        }
        return this;
    }

    /** Removes a field, e.g. the response elements of an event that should make the handler re-read state. */
    public EventFixture remove(String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        if (!(parent instanceof ObjectNode object)) {
            throw new IllegalArgumentException(name + " has no object at " + p.head());
        }
        object.remove(p.last().getMatchingProperty());
        return this;
    }

    /** The account in the envelope, {@code recipientAccountId} and the caller's {@code userIdentity.accountId}. */
    public EventFixture account(String account) {
        set("/account", account);
        JsonNode detail = root.path("detail");
        if (detail.has("recipientAccountId")) {
            set("/detail/recipientAccountId", account);
        }
        if (detail.path("userIdentity").has("accountId")) {
            set("/detail/userIdentity/accountId", account);
        }
        return this;
    }

    /** The envelope's {@code id} and CloudTrail's {@code eventID} (the delivery ledger's de-duplication key). */
    public EventFixture eventId(String eventId) {
        set("/id", eventId + "-envelope");
        if (root.path("detail").has("eventID")) {
            set("/detail/eventID", eventId);
        }
        return this;
    }

    public JsonNode tree() {
        return root.deepCopy();
    }

    public String json() {
        return root.toString();
    }

    public InputStream stream() {
        return new ByteArrayInputStream(json().getBytes(StandardCharsets.UTF_8));
    }
}
