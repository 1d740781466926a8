package dev.neptuneguard.events;

import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import java.time.Instant;

/**
 * A Neptune Analytics graph was created (empty or by an import task) or restored from a snapshot, or a graph
 * snapshot was taken. The event is a trigger, not the truth: the core re-reads the graph or snapshot
 * ({@code GetGraph} / {@code GetGraphSnapshot}) and falls back to what the event's response describes only when it is
 * not visible yet.
 *
 * @param id the graph id ({@code g-…}) or snapshot id ({@code gs-…})
 * @param requestedKmsKeyIdentifier the {@code kmsKeyIdentifier} the caller passed, if any
 * @param graphFromEvent the graph as the response describes it ({@code CreateGraph}, {@code RestoreGraphFromSnapshot}),
 *        or {@code null}
 * @param snapshotFromEvent the snapshot as {@code CreateGraphSnapshot}'s response describes it, or {@code null}
 */
public record GraphTrigger(
        Kind kind,
        String eventId,
        String eventName,
        Instant eventTime,
        String account,
        String region,
        String principal,
        String id,
        String arn,
        String requestedKmsKeyIdentifier,
        GraphFacts graphFromEvent,
        GraphSnapshotFacts snapshotFromEvent) implements EventOutcome {

    /** The CloudTrail calls ({@code eventSource: neptune-graph.amazonaws.com}) that make a graph or graph snapshot. */
    public enum Kind {
        GRAPH_CREATED("CreateGraph", true),
        GRAPH_CREATED_BY_IMPORT("CreateGraphUsingImportTask", true),
        GRAPH_RESTORED_FROM_SNAPSHOT("RestoreGraphFromSnapshot", true),
        GRAPH_SNAPSHOT_CREATED("CreateGraphSnapshot", false);

        private final String eventName;
        private final boolean graph;

        Kind(String eventName, boolean graph) {
            this.eventName = eventName;
            this.graph = graph;
        }

        public String eventName() {
            return eventName;
        }

        /** True for a graph, false for a graph snapshot. */
        public boolean isGraph() {
            return graph;
        }

        static Kind ofEventName(String name) {
            for (Kind k : values()) {
                if (k.eventName.equals(name)) {
                    return k;
                }
            }
            return null;
        }
    }
}
