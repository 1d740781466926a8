package dev.neptuneguard.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.sinks.AsffMapper;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --format asff} document: a JSON array of the AWS Security Finding Format findings the Security Hub
 * sink would import for the same findings, built by the same {@link AsffMapper} (notices expanded, one finding per
 * id, {@code CreatedAt} = {@code UpdatedAt} = the run's time since the CLI keeps no first-sighting record, the
 * run's id in {@code ProductFields}). One finding per line, so that the file is both one JSON document for
 * {@code aws securityhub batch-import-findings --findings file://FILE} (100 findings per call at most) and easy to
 * split into batches.
 */
public final class AsffDocument implements FindingDocument {

    /** The document, for the run's context: {@code CreatedAt}/{@code UpdatedAt} = its time, its run id recorded. */
    @Override
    public void write(List<Finding> findings, ReportContext context, PrintWriter out) {
        write(findings, context.time(), context.runId(), out);
    }

    public static List<ObjectNode> findings(List<Finding> findings, Instant now, String runId) {
        Map<String, Finding> byId = new LinkedHashMap<>();
        for (Finding f : findings) {
            for (Finding part : AsffMapper.expand(f)) {
                byId.put(AsffMapper.findingId(part), part);
            }
        }
        List<ObjectNode> out = new ArrayList<>(byId.size());
        byId.values().forEach(f -> out.add(AsffMapper.toJson(AsffMapper.toAsff(f, now, now, runId))));
        return out;
    }

    public static void write(List<Finding> findings, Instant now, String runId, PrintWriter out) {
        List<ObjectNode> nodes = findings(findings, now, runId);
        if (nodes.isEmpty()) {
            out.println("[]");
            return;
        }
        out.println("[");
        for (int i = 0; i < nodes.size(); i++) {
            try {
                out.print(Json.MAPPER.writeValueAsString(nodes.get(i)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write an ASFF finding", e);
            }
            out.println(i + 1 < nodes.size() ? "," : "");
        }
        out.println("]");
    }
}
