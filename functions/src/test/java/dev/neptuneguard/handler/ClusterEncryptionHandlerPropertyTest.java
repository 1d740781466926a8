package dev.neptuneguard.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.events.EventOutcome;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.GraphTrigger;
import dev.neptuneguard.events.IgnoreReason;
import dev.neptuneguard.events.ResourceTrigger;
import dev.neptuneguard.guard.ResourceNotVisibleException;
import dev.neptuneguard.hostile.DemoSlice;
import dev.neptuneguard.hostile.HostileInput;
import dev.neptuneguard.hostile.HostileInputs;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.policy.EncryptionRules;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile bytes through the whole Lambda entry point for RDS events. Whatever arrives, the handler either
 * evaluates it, or drops it with a named reason that is logged and counted in the {@code EventsDropped} EMF
 * metric under a {@code reason} dimension, and returns normally so that Lambda does not retry bad input. The
 * only exception allowed out is {@link ResourceNotVisibleException}, the deliberate retry for a resource
 * that is not visible yet, and only for an event naming a resource that can exist.
 */
class ClusterEncryptionHandlerPropertyTest {

    private static final Pattern RDS_IDENTIFIER = Pattern.compile("[A-Za-z0-9:_-]{1,255}");
    private static final Pattern GRAPH_ID = Pattern.compile("gs?-[a-z0-9]{10}");

    @Provide
    Arbitrary<HostileInput> anyEvent() {
        return HostileInputs.any();
    }

    @Property(tries = 1000)
    void handleRequest_hostileInput_evaluatesOrCountsNamedDrop(@ForAll("anyEvent") HostileInput input)
            throws IOException {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        ByteArrayOutputStream emf = new ByteArrayOutputStream();
        List<List<Finding>> delivered = new ArrayList<>();
        FindingReporter reporter = new FindingReporter(
                new Log("cluster-encryption", new PrintStream(logs, true, StandardCharsets.UTF_8), DemoSlice.CLOCK),
                new Metrics("NeptuneGuard", "cluster-encryption", new PrintStream(emf, true, StandardCharsets.UTF_8),
                        DemoSlice.CLOCK),
                (eventId, findings) -> delivered.add(findings));
        ClusterEncryptionHandler handler = new ClusterEncryptionHandler(DemoSlice::inventory,
                new EncryptionRules(Policy.defaults()), reporter, DemoSlice.CLOCK);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try {
            // The handler reads no Context field, and a null one proves it.
            handler.handleRequest(new ByteArrayInputStream(input.bytes()), out, null);
        } catch (ResourceNotVisibleException e) {
            EventOutcome parsed = EventParser.parse(new String(input.bytes(), StandardCharsets.UTF_8));
            if (parsed instanceof GraphTrigger graph) {
                assertThat(graph.id()).matches(GRAPH_ID);
            } else {
                assertThat(parsed).isInstanceOf(ResourceTrigger.class);
                assertThat(((ResourceTrigger) parsed).identifier()).matches(RDS_IDENTIFIER);
            }
            assertThat(delivered).isEmpty();
            assertThat(JsonLines.of(emf)).singleElement().satisfies(m -> {
                assertThat(m.path("EvaluationFailures").asDouble()).isEqualTo(1.0);
                assertThat(m.path("error").asText()).isEqualTo("ResourceNotVisibleException");
            });
            Statistics.label("handler").collect("retry: not visible");
            return;
        }

        JsonNode summary = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        List<JsonNode> metrics = JsonLines.of(emf);
        List<JsonNode> logLines = JsonLines.of(logs);
        if ("dropped".equals(summary.path("status").asText())) {
            String reason = summary.path("reason").asText();
            assertThat(IgnoreReason.valueOf(reason)).isNotNull();
            assertThat(metrics).filteredOn(m -> m.has("EventsDropped")).singleElement().satisfies(m -> {
                assertThat(m.path("EventsDropped").asDouble()).isEqualTo(1.0);
                assertThat(m.path("reason").asText()).isEqualTo(reason);
                assertThat(m.at("/_aws/CloudWatchMetrics/0/Dimensions/0").toString())
                        .isEqualTo("[\"service\",\"reason\"]");
            });
            assertThat(metrics).noneMatch(m -> m.has("EventsEvaluated"));
            assertThat(logLines).anySatisfy(l -> {
                assertThat(l.path("message").asText()).isEqualTo("event dropped");
                assertThat(l.path("reason").asText()).isEqualTo(reason);
                assertThat(l.path("why").asText()).isNotBlank();
            });
            assertThat(delivered).isEmpty();
            Statistics.label("handler").collect("dropped " + reason);
        } else {
            assertThat(summary.path("status").asText()).isEqualTo("evaluated");
            assertThat(metrics).filteredOn(m -> m.has("EventsEvaluated")).singleElement()
                    .satisfies(m -> assertThat(m.path("EventsEvaluated").asDouble()).isEqualTo(1.0));
            assertThat(metrics).noneMatch(m -> m.has("EventsDropped"));
            assertThat(delivered).singleElement().satisfies(findings -> assertThat(findings).isNotEmpty());
            Statistics.label("handler").collect("evaluated");
        }
        Statistics.label("handler").coverage(c -> {
            c.check("evaluated").count(n -> n > 0);
            c.check("dropped MALFORMED_JSON").count(n -> n > 0);
            c.checkPattern("dropped (?!MALFORMED_JSON).*").count(n -> n > 0);
        });
    }
}
