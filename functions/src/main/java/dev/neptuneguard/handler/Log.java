package dev.neptuneguard.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * A small structured logger: one JSON object per line on stdout, which Lambda ships to CloudWatch Logs and Logs
 * Insights can query. The lines carry the fields Powertools for AWS Lambda (Java) writes, under its names — {@code
 * level}, {@code message}, {@code service}, {@code timestamp}, the invocation's Lambda context ({@code function_name},
 * {@code function_version}, {@code function_arn}, {@code function_memory_size}, {@code function_request_id}, {@code
 * cold_start}, {@code xray_trace_id}) and the CloudTrail {@code eventID} as {@code correlation_id} (also as {@code
 * eventId}) — and honour its settings {@code POWERTOOLS_SERVICE_NAME} and {@code POWERTOOLS_LOG_LEVEL}. Powertools'
 * own logging module stays out: with log4j it adds 4.1 MB to every jar, three of the four then break the 20 MB
 * budget, and it costs start-up time (bench/powertools.md). Never pass secrets in fields.
 */
public final class Log {

    /** Levels in the order {@code POWERTOOLS_LOG_LEVEL} uses; a line below the set level is not written. */
    enum Level { DEBUG, INFO, WARN, ERROR }

    private static final int MAX_EVENT_ID = 128;

    private final String service;
    private final PrintStream out;
    private final Clock clock;
    private final Level level;
    private volatile String eventId;
    private volatile Invocation invocation;

    /** A function's logger: standard output, the service and level from the Powertools settings when set. */
    public Log(String service) {
        this(serviceName(System.getenv(), service), System.out, Clock.systemUTC(),
                level(System.getenv("POWERTOOLS_LOG_LEVEL")));
    }

    Log(String service, PrintStream out, Clock clock) {
        this(service, out, clock, Level.INFO);
    }

    Log(String service, PrintStream out, Clock clock, Level level) {
        this.service = service;
        this.out = out;
        this.clock = clock;
        this.level = level;
    }

    /** {@code POWERTOOLS_SERVICE_NAME} when set, else the handler's own name. */
    static String serviceName(Map<String, String> env, String fallback) {
        String v = env.get("POWERTOOLS_SERVICE_NAME");
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    /** The level named by {@code POWERTOOLS_LOG_LEVEL} (any case); unset or unknown is INFO. */
    static Level level(String setting) {
        if (setting != null) {
            for (Level l : Level.values()) {
                if (l.name().equals(setting.trim().toUpperCase(Locale.ROOT))) {
                    return l;
                }
            }
        }
        return Level.INFO;
    }

    /**
     * Sets the event id attached to following lines ({@code null} clears it). Real ids are UUIDs; a forged
     * one is cut so that it cannot blow up every log line.
     */
    public void eventId(String id) {
        this.eventId = id == null || id.length() <= MAX_EVENT_ID ? id : id.substring(0, MAX_EVENT_ID) + "…";
    }

    /**
     * The Lambda invocation the following lines belong to ({@code context} {@code null}, as in priming and tests,
     * clears it). {@code coldStart}: the first invocation of this process.
     */
    public void invocation(Context context, boolean coldStart) {
        if (context == null) {
            this.invocation = null;
        } else {
            invocation(context.getFunctionName(), context.getFunctionVersion(), context.getInvokedFunctionArn(),
                    context.getMemoryLimitInMB(), context.getAwsRequestId(), coldStart);
        }
    }

    /** The invocation's fields as Lambda's context gives them (priming passes constants). */
    void invocation(String functionName, String functionVersion, String functionArn, int memoryMb, String requestId,
                    boolean coldStart) {
        this.invocation = new Invocation(functionName, functionVersion, functionArn, memoryMb, requestId, coldStart,
                traceId());
    }

    public void info(String message, Map<String, ?> fields) {
        write(Level.INFO, message, fields);
    }

    public void warn(String message, Map<String, ?> fields) {
        write(Level.WARN, message, fields);
    }

    public void error(String message, Map<String, ?> fields) {
        write(Level.ERROR, message, fields);
    }

    /** Writes a line that carries a whole JSON object under {@code key} (e.g. a finding). */
    public void info(String message, String key, JsonNode value) {
        if (!enabled(Level.INFO)) {
            return;
        }
        ObjectNode line = base(Level.INFO, message);
        line.set(key, value);
        emit(line);
    }

    private boolean enabled(Level l) {
        return l.compareTo(level) >= 0;
    }

    private void write(Level l, String message, Map<String, ?> fields) {
        if (!enabled(l)) {
            return;
        }
        ObjectNode line = base(l, message);
        if (fields != null) {
            fields.forEach((k, v) -> line.set(k, Json.MAPPER.valueToTree(v)));
        }
        emit(line);
    }

    private ObjectNode base(Level l, String message) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", l.name());
        line.put("service", service);
        line.put("message", message);
        Invocation i = invocation;
        if (i != null) {
            line.put("cold_start", i.coldStart());
            line.put("function_name", i.functionName());
            line.put("function_version", i.functionVersion());
            line.put("function_arn", i.functionArn());
            line.put("function_memory_size", i.memoryMb());
            line.put("function_request_id", i.requestId());
            if (i.traceId() != null) {
                line.put("xray_trace_id", i.traceId());
            }
        }
        if (eventId != null) {
            line.put("correlation_id", eventId);
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

    /** The X-Ray trace id of the current invocation: the Java runtime sets it as a property, older ones in the env. */
    private static String traceId() {
        String header = System.getProperty("com.amazonaws.xray.traceHeader", System.getenv("_X_AMZN_TRACE_ID"));
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            if (part.startsWith("Root=")) {
                return part.substring("Root=".length());
            }
        }
        return null;
    }

    private record Invocation(String functionName, String functionVersion, String functionArn, int memoryMb,
                              String requestId, boolean coldStart, String traceId) {
    }
}
