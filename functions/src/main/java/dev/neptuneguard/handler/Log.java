package dev.neptuneguard.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.logging.argument.StructuredArguments;

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
    /** Powertools logging (log4j JSON layout) in a function; null when lines go to {@link #out} (tests, priming). */
    private final Logger powertools;

    public Log(String service) {
        this.service = service;
        this.out = null;
        this.clock = Clock.systemUTC();
        this.powertools = LoggerFactory.getLogger("dev.neptuneguard." + service);
    }

    Log(String service, PrintStream out, Clock clock) {
        this.service = service;
        this.out = out;
        this.clock = clock;
        this.powertools = null;
    }

    /** Adds the Lambda context's fields (function name, request id, cold start) to the following lines. */
    public void context(com.amazonaws.services.lambda.runtime.Context context) {
        if (powertools != null && context != null) {
            PowertoolsLogging.initializeLogging(context);
        }
    }

    /**
     * Sets the event id attached to following lines ({@code null} clears it). Real ids are UUIDs; a forged
     * one is cut so that it cannot blow up every log line.
     */
    public void eventId(String id) {
        this.eventId = id == null || id.length() <= MAX_EVENT_ID ? id : id.substring(0, MAX_EVENT_ID) + "…";
        if (powertools != null) {
            if (eventId == null) {
                MDC.remove("correlation_id");
            } else {
                MDC.put("correlation_id", eventId);
            }
        }
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
        if (powertools != null) {
            powertools.info(message, StructuredArguments.json(key, value.toString()));
            return;
        }
        ObjectNode line = base("INFO", message);
        line.set(key, value);
        emit(line);
    }

    private void write(String level, String message, Map<String, ?> fields) {
        if (powertools != null) {
            Object args = fields == null || fields.isEmpty() ? null : StructuredArguments.entries(fields);
            switch (level) {
                case "WARN" -> powertools.warn(message, args);
                case "ERROR" -> powertools.error(message, args);
                default -> powertools.info(message, args);
            }
            return;
        }
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
