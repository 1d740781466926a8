package dev.neptuneguard.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Neptune Analytics CloudTrail records ({@code source: aws.neptune-graph}). {@code CreateGraph},
 * {@code CreateGraphUsingImportTask}, {@code RestoreGraphFromSnapshot} and {@code CreateGraphSnapshot} become
 * {@link GraphTrigger}s; failed calls and other calls are ignored with a reason. The graph's id comes from the response
 * ({@code id}; {@code graphId} for an import task, whose response describes the task, not the graph).
 */
final class GraphEventParser {

    /** {@code g-} or {@code gs-} and ten lower-case letters or digits, as the API reference gives the patterns. */
    private static final Pattern GRAPH_ID = Pattern.compile("g-[a-z0-9]{10}");
    private static final Pattern SNAPSHOT_ID = Pattern.compile("gs-[a-z0-9]{10}");

    private GraphEventParser() {
    }

    static EventOutcome parse(EventParser.Envelope env) {
        String name = env.eventName();
        String eventId = env.cloudTrailEventId();
        if (name == null) {
            return new Ignored(IgnoreReason.MISSING_FIELD, "the CloudTrail record has no eventName", eventId, null);
        }
        GraphTrigger.Kind kind = GraphTrigger.Kind.ofEventName(name);
        if (kind == null) {
            return new Ignored(IgnoreReason.UNSUPPORTED_EVENT_NAME, "Neptune Analytics call " + name
                    + " is not a trigger", eventId, name);
        }
        Ignored failed = env.failedCall();
        if (failed != null) {
            return failed;
        }
        JsonNode request = env.request();
        JsonNode response = env.response();
        String account = env.accountOrRecipient();
        String region = env.regionOrAws();
        String id = kind == GraphTrigger.Kind.GRAPH_CREATED_BY_IMPORT ? Json.text(response, "graphId")
                : Json.text(response, "id");
        if (id == null) {
            return new Ignored(IgnoreReason.MISSING_FIELD, name + " names no " + (kind.isGraph() ? "graph" : "graph "
                    + "snapshot") + " id in its response", eventId, name);
        }
        if (!(kind.isGraph() ? GRAPH_ID : SNAPSHOT_ID).matcher(id).matches()) {
            // Not an id Neptune Analytics could have made: reading it would only fail and be retried.
            return new Ignored(IgnoreReason.MISSING_FIELD, name + " names an invalid " + (kind.isGraph() ? "graph"
                    : "graph snapshot") + " id (" + id.length() + " characters)", eventId, name);
        }
        String arn = kind == GraphTrigger.Kind.GRAPH_CREATED_BY_IMPORT ? null : Json.text(response, "arn");
        if (arn == null && account != null && region != null) {
            arn = "arn:" + Arns.partition(region) + ":neptune-graph:" + region + ":" + account + ":"
                    + (kind.isGraph() ? "graph/" : "graph-snapshot/") + id;
        }
        GraphFacts graph = null;
        GraphSnapshotFacts snapshot = null;
        if (kind == GraphTrigger.Kind.GRAPH_CREATED || kind == GraphTrigger.Kind.GRAPH_RESTORED_FROM_SNAPSHOT) {
            graph = new GraphFacts(arn, id, Json.text(response, "name"), account, region, Json.text(response, "status"),
                    Json.text(response, "statusReason"), Json.text(response, "kmsKeyIdentifier"),
                    Boolean.TRUE.equals(Json.bool(response, "deletionProtection")), Map.of(), false, FactSource.EVENT);
        } else if (kind == GraphTrigger.Kind.GRAPH_SNAPSHOT_CREATED) {
            snapshot = new GraphSnapshotFacts(arn, id, Json.text(response, "name"), Json.text(response,
                    "sourceGraphId"), account, region, Json.text(response, "status"),
                    Json.text(response, "kmsKeyIdentifier"), Json.instant(response, "snapshotCreateTime"), Map.of(),
                    false, FactSource.EVENT);
        }
        return new GraphTrigger(kind, eventId, name, env.eventTime(), account, region, env.principal(), id, arn,
                Json.text(request, "kmsKeyIdentifier"), graph, snapshot);
    }
}
