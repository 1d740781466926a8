package dev.neptuneguard.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * A small structured logger: one JSON object per line on stdout, which Lambda ships to CloudWatch Logs and
 * Logs Insights can query. Chosen over Powertools logging (log4j) because it adds no start-up cost and no
 * jar weight; the fields follow Powertools' names ({@code level}, {@code message}, {@code service},
 * {@code timestamp}). The CloudTrail {@code eventID} of the event being handled is attached to every line.
 * Never pass secrets in fields.
 */
public final class Log {

    private static final int MAX_EVENT_ID = 128;

    private final String service;
    private final PrintStream out;
    private final Clock clock;
    private volatile String eventId;

    public Log(String service) {
        this(service, System.out, Clock.systemUTC());
    }

    Log(String service, PrintStream out, Clock clock) {
        this.service = service;
        this.out = out;
        this.clock = clock;
    }

    /**
     * Sets the event id attached to following lines ({@code null} clears it). Real ids are UUIDs; a forged
     * one is cut so that it cannot blow up every log line.
     */
    public void eventId(String id) {
        this.eventId = id == null || id.length() <= MAX_EVENT_ID ? id : id.substring(0, MAX_EVENT_ID) + "…";
    }

    public void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields);
    }

    public void warn(String message, Map<String, ?> fields) {
        write("WARN", message, fields);
    }

    public void error(String message, Map<String, ?> fields) {
        write("ERROR", message, fields);
    }

    /** Writes a line that carries a whole JSON object under {@code key} (e.g. a finding). */
    public void info(String message, String key, JsonNode value) {
        ObjectNode line = base("INFO", message);
        line.set(key, value);
        emit(line);
    }

    private void write(String level, String message, Map<String, ?> fields) {
        ObjectNode line = base(level, message);
        if (fields != null) {
            fields.forEach((k, v) -> line.set(k, Json.MAPPER.valueToTree(v)));
        }
        emit(line);
    }

    private ObjectNode base(String level, String message) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level);
        line.put("service", service);
        line.put("message", message);
        if (eventId != null) {
            line.put("eventId", eventId);
        }
        return line;
    }

    private void emit(ObjectNode line) {
        try {
            out.println(Json.MAPPER.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            out.println("{\"level\":\"ERROR\",\"message\":\"log line could not be serialized\"}");
        }
    }
}
