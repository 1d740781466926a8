package dev.neptuneguard.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What one handler invocation did, as seen from outside: whether an exception escaped (Lambda would retry it), its
 * result document, the log lines and EMF counters it wrote, how many requests of the faulted call reached the stub,
 * how many attempts the SDK counted for it, and how long the invocation took.
 *
 * @param calls SDK calls of the faulted operation ({@code CallCounter}); {@code null} for Slack
 * @param sdkAttempts attempts the SDK made for them, retries included; {@code null} for Slack
 */
record Observation(Throwable failure, String summary, List<JsonNode> lines, int wireRequests, Integer calls,
                   Integer sdkAttempts, long millis) {

    Observation {
        lines = List.copyOf(lines);
    }

    boolean failed() {
        return failure != null;
    }

    /** The EMF counters written, as {@code Name} or {@code Name{dimension=value}}, summed. */
    Map<String, Double> metrics() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (JsonNode line : lines) {
            JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
            if (directive.isMissingNode()) {
                continue;
            }
            String name = directive.at("/Metrics/0/Name").asText();
            JsonNode dims = directive.at("/Dimensions/0");
            String key = name;
            if (dims.size() > 1) {
                String dimension = dims.get(1).asText();
                key = name + "{" + dimension + "=" + line.path(dimension).asText() + "}";
            }
            out.merge(key, line.path(name).asDouble(), Double::sum);
        }
        return out;
    }

    double metric(String key) {
        return metrics().getOrDefault(key, 0.0);
    }

    /** Rule ids of the FAILED findings the handler logged. */
    Set<String> failedFindings() {
        Set<String> out = new TreeSet<>();
        for (JsonNode line : lines) {
            if ("finding".equals(line.path("message").asText())) {
                out.add(line.at("/finding/ruleId").asText());
            }
        }
        return out;
    }

    /** Log lines at a level, by message. */
    List<String> messages(String level) {
        List<String> out = new ArrayList<>();
        for (JsonNode line : lines) {
            if (level.equals(line.path("level").asText())) {
                out.add(line.path("message").asText());
            }
        }
        return out;
    }

    /** The escaped exception, shortly: its type and, for an AWS error, the code. */
    String failureText() {
        if (failure == null) {
            return "";
        }
        String type = failure.getClass().getSimpleName();
        if (failure instanceof AwsServiceException ase && ase.awsErrorDetails() != null
                && ase.awsErrorDetails().errorCode() != null) {
            return type + " " + ase.awsErrorDetails().errorCode();
        }
        Throwable cause = failure.getCause();
        return cause == null || cause == failure ? type : type + " (" + cause.getClass().getSimpleName() + ")";
    }
}
