package dev.neptuneguard.inventory;

import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Neptune Analytics read calls of one region ({@code ListGraphs}, {@code GetGraph}, {@code ListGraphSnapshots},
 * {@code GetGraphSnapshot}). Kept behind an interface so that the artifacts whose functions never read graphs (the
 * AWS Config rule) leave the SDK module out: {@link #ABSENT} then stands in and says so.
 */
public interface GraphApi {

    /** Every graph of the region; empty where Neptune Analytics is not offered. */
    List<GraphFacts> graphs();

    /** One graph by id or ARN; empty when it does not exist (yet). */
    Optional<GraphFacts> graph(String idOrArn);

    /** Every graph snapshot of the region. */
    List<GraphSnapshotFacts> graphSnapshots();

    /** One graph snapshot by id or ARN; empty when it does not exist (yet). */
    Optional<GraphSnapshotFacts> graphSnapshot(String idOrArn);

    /** Tags of a graph or graph snapshot ({@code ListTagsForResource}); empty when it has none. */
    Map<String, String> tags(String arn);

    /** Why graphs were not read at all (not in this artifact, or the region has no Neptune Analytics endpoint). */
    default Optional<String> unavailable() {
        return Optional.empty();
    }

    /** Stands in where the Neptune Analytics SDK module is not on the class path. */
    GraphApi ABSENT = new GraphApi() {
        @Override
        public List<GraphFacts> graphs() {
            return List.of();
        }

        @Override
        public Optional<GraphFacts> graph(String idOrArn) {
            return Optional.empty();
        }

        @Override
        public List<GraphSnapshotFacts> graphSnapshots() {
            return List.of();
        }

        @Override
        public Optional<GraphSnapshotFacts> graphSnapshot(String idOrArn) {
            return Optional.empty();
        }

        @Override
        public Map<String, String> tags(String arn) {
            return Map.of();
        }

        @Override
        public Optional<String> unavailable() {
            return Optional.of("this artifact does not include the Neptune Analytics SDK module");
        }
    };
}
