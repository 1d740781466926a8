package dev.neptuneguard.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.FactSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Neptune Analytics CloudTrail records, from the fixtures in {@code events/neptune-graph}. */
class GraphEventParserTest {

    private static final Path EVENTS = Path.of("..", "events", "neptune-graph");

    private static String fixture(String name) throws IOException {
        return Files.readString(EVENTS.resolve(name));
    }

    private static ObjectNode tree(String name) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(fixture(name));
    }

    @Test
    void parse_createGraphWithoutKey_graphTriggerOnTheAwsOwnedKey() throws IOException {
        GraphTrigger t = (GraphTrigger) EventParser.parse(fixture("create-graph-aws-owned-key.json"));

        assertThat(t.kind()).isEqualTo(GraphTrigger.Kind.GRAPH_CREATED);
        assertThat(t.id()).isEqualTo("g-fr4ud00001");
        assertThat(t.arn()).isEqualTo("arn:aws:neptune-graph:us-east-1:111122223333:graph/g-fr4ud00001");
        assertThat(t.account()).isEqualTo("111122223333");
        assertThat(t.region()).isEqualTo("us-east-1");
        assertThat(t.requestedKmsKeyIdentifier()).isNull();
        assertThat(t.principal()).isEqualTo("arn:aws:sts::111122223333:assumed-role/GraphDataScience/maya");
        assertThat(t.eventId()).isEqualTo("3f1c9a52-7d1e-4c6b-9a0e-5b2f7e8d4c11");
        assertThat(t.graphFromEvent().awsOwnedKey()).isTrue();
        assertThat(t.graphFromEvent().name()).isEqualTo("fraud-rings");
        assertThat(t.graphFromEvent().source()).isEqualTo(FactSource.EVENT);
        assertThat(t.snapshotFromEvent()).isNull();
    }

    /**
     * The CreateGraph example of the Neptune Analytics user guide ("Understanding Neptune Analytics log file
     * entries") differs from the fixture in two places: {@code userIdentity} carries {@code invokedBy: "AWS
     * Internal"} next to the role's ARN, and {@code requestParameters} a {@code clientToken}. Neither changes the
     * trigger: the principal stays the role's ARN, and the key still comes from the response.
     */
    @Test
    void parse_createGraphWithTheDocumentedExamplesExtras_sameTrigger() throws IOException {
        ObjectNode event = tree("create-graph-aws-owned-key.json");
        ObjectNode detail = (ObjectNode) event.get("detail");
        ((ObjectNode) detail.get("userIdentity")).put("invokedBy", "AWS Internal");
        ((ObjectNode) detail.get("requestParameters")).put("clientToken", "bobtoken");

        GraphTrigger t = (GraphTrigger) EventParser.parse(event.toString());

        assertThat(t.kind()).isEqualTo(GraphTrigger.Kind.GRAPH_CREATED);
        assertThat(t.id()).isEqualTo("g-fr4ud00001");
        assertThat(t.principal()).isEqualTo("arn:aws:sts::111122223333:assumed-role/GraphDataScience/maya");
        assertThat(t.requestedKmsKeyIdentifier()).isNull();
        assertThat(t.graphFromEvent().awsOwnedKey()).isTrue();
    }

    @Test
    void parse_importTask_graphIdFromTheTaskResponseAndNoGraphFacts() throws IOException {
        GraphTrigger t = (GraphTrigger) EventParser.parse(fixture("create-graph-using-import-task-cmk.json"));

        assertThat(t.kind()).isEqualTo(GraphTrigger.Kind.GRAPH_CREATED_BY_IMPORT);
        assertThat(t.id()).isEqualTo("g-supp1y0001");
        assertThat(t.arn()).isEqualTo("arn:aws:neptune-graph:us-east-1:111122223333:graph/g-supp1y0001");
        assertThat(t.requestedKmsKeyIdentifier())
                .isEqualTo("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThat(t.graphFromEvent()).isNull();
    }

    @Test
    void parse_restore_keepsTheSnapshotsKey() throws IOException {
        GraphTrigger t = (GraphTrigger) EventParser.parse(fixture("restore-graph-from-snapshot-legacy-key.json"));

        assertThat(t.kind()).isEqualTo(GraphTrigger.Kind.GRAPH_RESTORED_FROM_SNAPSHOT);
        assertThat(t.graphFromEvent().customerKey())
                .isEqualTo("arn:aws:kms:us-east-1:111122223333:key/5555eeee-55ee-55ee-55ee-555555555555");
    }

    @Test
    void parse_createGraphSnapshot_snapshotTrigger() throws IOException {
        GraphTrigger t = (GraphTrigger) EventParser.parse(fixture("create-graph-snapshot.json"));

        assertThat(t.kind()).isEqualTo(GraphTrigger.Kind.GRAPH_SNAPSHOT_CREATED);
        assertThat(t.kind().isGraph()).isFalse();
        assertThat(t.id()).isEqualTo("gs-fr4udn1ght");
        assertThat(t.snapshotFromEvent().sourceGraphId()).isEqualTo("g-fr4ud00001");
        assertThat(t.snapshotFromEvent().awsOwnedKey()).isTrue();
    }

    @Test
    void parse_failedCall_droppedWithTheErrorCode() throws IOException {
        Ignored i = (Ignored) EventParser.parse(fixture("create-graph-failed-access-denied.json"));

        assertThat(i.reason()).isEqualTo(IgnoreReason.FAILED_CALL);
        assertThat(i.message()).contains("CreateGraph failed with AccessDeniedException");
    }

    @Test
    void parse_otherNeptuneAnalyticsCall_droppedAsNotATrigger() throws IOException {
        ObjectNode event = tree("create-graph-aws-owned-key.json");
        ((ObjectNode) event.get("detail")).put("eventName", "DeleteGraph");

        Ignored i = (Ignored) EventParser.parse(event);

        assertThat(i.reason()).isEqualTo(IgnoreReason.UNSUPPORTED_EVENT_NAME);
    }

    @Test
    void parse_responseWithoutId_droppedAsMissingField() throws IOException {
        ObjectNode event = tree("create-graph-aws-owned-key.json");
        ((ObjectNode) event.get("detail")).putNull("responseElements");

        Ignored i = (Ignored) EventParser.parse(event);

        assertThat(i.reason()).isEqualTo(IgnoreReason.MISSING_FIELD);
        assertThat(i.message()).contains("names no graph id");
    }

    @Test
    void parse_idThatIsNoGraphId_droppedWithoutEchoingIt() throws IOException {
        ObjectNode event = tree("create-graph-aws-owned-key.json");
        ((ObjectNode) event.at("/detail/responseElements")).put("id", "g-../../etc/passwd");

        Ignored i = (Ignored) EventParser.parse(event);

        assertThat(i.reason()).isEqualTo(IgnoreReason.MISSING_FIELD);
        assertThat(i.message()).contains("invalid graph id").doesNotContain("passwd");
    }

    @Test
    void rule_eventNames_coverEveryGraphTriggerExactlyOnce() {
        List<String> names = new ArrayList<>();
        DetectionPatterns.NEPTUNE_GRAPH_CREATES.pattern().path("detail").path("eventName")
                .forEach(n -> names.add(n.asText()));

        assertThat(names).containsExactlyInAnyOrderElementsOf(Arrays.stream(GraphTrigger.Kind.values())
                .map(GraphTrigger.Kind::eventName).toList());
        assertThat(DetectionPatterns.NEPTUNE_GRAPH_CREATES.handler())
                .isEqualTo(DetectionPatterns.CLUSTER_ENCRYPTION_HANDLER);
    }
}
