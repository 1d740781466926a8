package dev.neptuneguard.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.policy.EncryptionRules;
import dev.neptuneguard.revocation.Demo;
import dev.neptuneguard.revocation.KeyRevocationGuard;
import dev.neptuneguard.revocation.Protection;
import dev.neptuneguard.revocation.RecordingReminders;
import dev.neptuneguard.revocation.ReminderSettings;
import dev.neptuneguard.revocation.RevocationRules;
import dev.neptuneguard.revocation.RevocationSweep;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Log hygiene: every evaluated event leaves exactly one INFO line {@code "event evaluated"} with its eventID and
 * counts, whether it found something or every rule passed; a dropped event leaves its "event dropped" line instead.
 */
class EventLogTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T17:10:30Z"), ZoneOffset.UTC);

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    private FindingReporter reporter() {
        PrintStream out = new PrintStream(logs, true, StandardCharsets.UTF_8);
        return new FindingReporter(new Log("test", out, CLOCK), new Metrics("NeptuneGuard", "test", out, CLOCK),
                (id, findings) -> { });
    }

    private ClusterEncryptionHandler clusterHandler(StaticInventory inventory) {
        return new ClusterEncryptionHandler(() -> inventory, new EncryptionRules(Policy.defaults()), reporter(), CLOCK);
    }

    private static void invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String input)
            throws IOException {
        handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), null);
    }

    private List<JsonNode> lines(String message) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : logs.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                JsonNode n = Json.MAPPER.readTree(line);
                if (message.equals(n.path("message").asText())) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** The default-key creation event, re-pointed at graph-prod (a cluster on its customer managed key). */
    private static String compliantClusterEvent() throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(Demo.event("rds/create-db-cluster-neptune-default-key.json"));
        ((ObjectNode) event.get("detail").get("requestParameters")).put("dBClusterIdentifier", "graph-prod");
        return event.toString();
    }

    @Test
    void clusterEvent_everyRulePassed_oneInfoLineWithEventIdAndZeroFailed() throws IOException {
        String event = compliantClusterEvent();
        String eventId = Json.MAPPER.readTree(event).at("/detail/eventID").asText();

        invoke(clusterHandler(Demo.account().build()), event);

        assertThat(lines("event evaluated")).singleElement().satisfies(line -> {
            assertThat(line.get("level").asText()).isEqualTo("INFO");
            assertThat(line.get("eventId").asText()).isEqualTo(eventId);
            assertThat(line.get("failed").asLong()).isZero();
            assertThat(line.get("passed").asLong()).isPositive();
        });
        assertThat(lines("finding")).isEmpty();
    }

    @Test
    void clusterEvent_withFailedRule_oneEvaluatedLineBesideTheFindingLines() throws IOException {
        invoke(clusterHandler(Demo.account().build()), Demo.event("rds/create-db-cluster-neptune-default-key.json"));

        assertThat(lines("event evaluated")).singleElement().satisfies(line ->
                assertThat(line.get("failed").asLong()).isEqualTo(lines("finding").size()).isPositive());
    }

    @Test
    void droppedEvent_noEvaluatedLine() throws IOException {
        invoke(clusterHandler(Demo.account().build()), Demo.event("rds/create-db-cluster-aurora-mysql.json"));

        assertThat(lines("event evaluated")).isEmpty();
        assertThat(lines("event dropped")).hasSize(1);
    }

    @Test
    void keyEventNothingAtRisk_oneEvaluatedLine() throws IOException {
        KeyRevocationGuard guard = new KeyRevocationGuard(Demo.account().build(), new RevocationRules(),
                new RecordingReminders(), ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS), Protection.off(),
                CLOCK);

        invoke(new KeyRevocationHandler(() -> guard, reporter()), Demo.event("kms/put-key-policy-benign.json"));

        assertThat(lines("event evaluated")).singleElement().satisfies(line -> {
            assertThat(line.get("eventId").asText()).isNotBlank();
            assertThat(line.get("failed").asLong()).isZero();
        });
    }

    @Test
    void sweepAllKeysEnabled_oneEvaluatedLine() throws IOException {
        RevocationSweep sweep = new RevocationSweep(Demo.account().build(), new RevocationRules(),
                new RecordingReminders(), ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS), CLOCK);

        invoke(new SweepHandler(() -> sweep, reporter()), Demo.event("misc/sweep-scheduled-event.json"));

        assertThat(lines("event evaluated")).singleElement().satisfies(line -> {
            assertThat(line.get("eventId").asText()).isNotBlank();
            assertThat(line.get("results").asLong()).isZero();
        });
    }
}
