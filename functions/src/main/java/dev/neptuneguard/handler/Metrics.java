package dev.neptuneguard.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters published as CloudWatch Embedded Metric Format: one JSON log line per flush, which CloudWatch
 * turns into metrics without any API call. Unlike the Powertools/EMF library it starts no thread, so the CLI
 * can reuse handler code and still exit. Counts are per (metric name, dimension value) with one optional
 * dimension, e.g. {@code EventsDropped} by {@code reason}. Call {@link #flush()} in a {@code finally}. Like Powertools
 * metrics it reads {@code POWERTOOLS_SERVICE_NAME} and {@code POWERTOOLS_METRICS_NAMESPACE} and publishes a
 * {@code ColdStart} metric on a process's first invocation; Powertools' module itself stays out (1.0 MB in every jar,
 * over the 20 MB budget for the sweep and delivery jars: bench/powertools.md).
 */
public final class Metrics {

    private final String namespace;
    private final String service;
    private final PrintStream out;
    private final Clock clock;
    private final Map<String, Map<String, Double>> counts = new LinkedHashMap<>();

    /** A function's metrics on standard output; {@code POWERTOOLS_SERVICE_NAME} overrides {@code service}. */
    public Metrics(String namespace, String service) {
        this(namespace, Log.serviceName(System.getenv(), service), System.out, Clock.systemUTC());
    }

    /** {@code POWERTOOLS_METRICS_NAMESPACE}, else the older {@code METRICS_NAMESPACE}, else {@code NeptuneGuard}. */
    static String namespace(Map<String, String> env) {
        for (String name : new String[] {"POWERTOOLS_METRICS_NAMESPACE", "METRICS_NAMESPACE"}) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return "NeptuneGuard";
    }

    /**
     * Writes the {@code ColdStart} metric (1, by {@code service} and {@code function_name}) at once, as Powertools does
     * on the first invocation of a process; the caller decides which invocation that is.
     */
    public synchronized void coldStart(String functionName) {
        out.println(emf("ColdStart", Map.of("function_name", functionName == null ? "" : functionName), 1));
    }

    Metrics(String namespace, String service, PrintStream out, Clock clock) {
        this.namespace = namespace;
        this.service = service;
        this.out = out;
        this.clock = clock;
    }

    /** Adds {@code value} to a metric without extra dimension. */
    public synchronized void count(String name, double value) {
        count(name, null, null, value);
    }

    /** Adds {@code value} to a metric under one dimension ({@code reason=MALFORMED_JSON}). */
    public synchronized void count(String name, String dimension, String dimensionValue, double value) {
        String key = dimension == null ? "" : dimension + "=" + dimensionValue;
        counts.computeIfAbsent(name, n -> new LinkedHashMap<>()).merge(key, value, Double::sum);
    }

    /** The current value of a counter, for tests and summaries. */
    public synchronized double value(String name, String dimension, String dimensionValue) {
        String key = dimension == null ? "" : dimension + "=" + dimensionValue;
        return counts.getOrDefault(name, Map.of()).getOrDefault(key, 0.0);
    }

    /** Writes one EMF line per (dimension set) and resets the counters. */
    public synchronized void flush() {
        for (Map.Entry<String, Map<String, Double>> metric : counts.entrySet()) {
            for (Map.Entry<String, Double> entry : metric.getValue().entrySet()) {
                String key = entry.getKey();
                int eq = key.indexOf('=');
                out.println(emf(metric.getKey(), key.isEmpty() ? Map.of()
                        : Map.of(key.substring(0, eq), key.substring(eq + 1)), entry.getValue()));
            }
        }
        counts.clear();
    }

    private String emf(String name, Map<String, String> dimensions, double value) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ArrayNode metrics = aws.putArray("CloudWatchMetrics");
        ObjectNode directive = metrics.addObject();
        directive.put("Namespace", namespace);
        ArrayNode dimensionSets = directive.putArray("Dimensions");
        ArrayNode dims = dimensionSets.addArray();
        dims.add("service");
        line.put("service", service);
        dimensions.forEach((k, v) -> {
            dims.add(k);
            line.put(k, v);
        });
        directive.putArray("Metrics").addObject().put("Name", name).put("Unit", "Count");
        line.put(name, value);
        try {
            return Json.MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
