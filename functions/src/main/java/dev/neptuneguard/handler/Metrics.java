package dev.neptuneguard.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Counters published as CloudWatch Embedded Metric Format: one JSON log line per flush, which CloudWatch
 * turns into metrics without any API call. Unlike the Powertools/EMF library it starts no thread, so the CLI
 * can reuse handler code and still exit. Counts are per (metric name, dimension value) with one optional
 * dimension, e.g. {@code EventsDropped} by {@code reason}. Call {@link #flush()} in a {@code finally}.
 */
public final class Metrics {

    private final String namespace;
    private final String service;
    private final PrintStream out;
    private final Clock clock;
    private final Map<String, Map<String, Double>> counts = new LinkedHashMap<>();

    /** Powertools metrics (EMF) in a function; null when lines go to {@link #out} (tests, priming). */
    private final software.amazon.lambda.powertools.metrics.Metrics powertools;

    public Metrics(String namespace, String service) {
        this.namespace = namespace;
        this.service = service;
        this.out = null;
        this.clock = Clock.systemUTC();
        this.powertools = MetricsBuilder.builder().withNamespace(namespace).withService(service).build();
    }

    Metrics(String namespace, String service, PrintStream out, Clock clock) {
        this.namespace = namespace;
        this.service = service;
        this.out = out;
        this.clock = clock;
        this.powertools = null;
    }

    /** Publishes Powertools' {@code ColdStart} metric on the first invocation with a Lambda context. */
    public void coldStart(com.amazonaws.services.lambda.runtime.Context context) {
        if (powertools != null && context != null) {
            powertools.captureColdStartMetric(context);
        }
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
        if (powertools != null) {
            boolean plain = false;
            for (Map.Entry<String, Map<String, Double>> metric : counts.entrySet()) {
                for (Map.Entry<String, Double> entry : metric.getValue().entrySet()) {
                    String key = entry.getKey();
                    if (key.isEmpty()) {
                        powertools.addMetric(metric.getKey(), entry.getValue(), MetricUnit.COUNT);
                        plain = true;
                    } else {
                        int eq = key.indexOf('=');
                        powertools.flushSingleMetric(metric.getKey(), entry.getValue(), MetricUnit.COUNT, namespace,
                                DimensionSet.of(key.substring(0, eq), key.substring(eq + 1)));
                    }
                }
            }
            if (plain) {
                powertools.flush();
            }
            counts.clear();
            return;
        }
        for (Map.Entry<String, Map<String, Double>> metric : counts.entrySet()) {
            for (Map.Entry<String, Double> entry : metric.getValue().entrySet()) {
                out.println(emf(metric.getKey(), entry.getKey(), entry.getValue()));
            }
        }
        counts.clear();
    }

    private String emf(String name, String dimensionKey, double value) {
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
        if (!dimensionKey.isEmpty()) {
            int eq = dimensionKey.indexOf('=');
            dims.add(dimensionKey.substring(0, eq));
            line.put(dimensionKey.substring(0, eq), dimensionKey.substring(eq + 1));
        }
        directive.putArray("Metrics").addObject().put("Name", name).put("Unit", "Count");
        line.put(name, value);
        try {
            return Json.MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
