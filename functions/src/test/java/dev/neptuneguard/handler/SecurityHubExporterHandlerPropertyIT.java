package dev.neptuneguard.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.neptuneguard.hostile.HostileInput;
import dev.neptuneguard.hostile.HostileInputs;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.sinks.LocalAws;
import dev.neptuneguard.sinks.SecurityHubExport;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile SQS deliveries through the Security Hub exporter, with Security Hub answered by a local stub that always
 * accepts. Whatever the batch holds (the events/sqs fixtures mutated, also inside their message bodies, or any other
 * fixture), the handler returns a partial batch response naming only messages of the batch, and every record is
 * imported, counted as dropped with a reason, or handed back for retry — none is lost without a trace.
 */
class SecurityHubExporterHandlerPropertyIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T09:30:05Z"), ZoneOffset.UTC);

    private static WireMockServer stub;
    private static SecurityHubExport export;

    @BeforeContainer
    static void start() {
        stub = LocalAws.start();
        stub.stubFor(post(urlEqualTo("/findings/import")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"FailedCount\":0,\"SuccessCount\":1,\"FailedFindings\":[]}")));
        export = new SecurityHubExport(LocalAws.securityHub(stub));
    }

    @AfterContainer
    static void stop() {
        stub.stop();
    }

    @Provide
    Arbitrary<HostileInput> sqsDelivery() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, HostileInputs.any(HostileInputs.folder("sqs"))),
                Tuple.of(1, HostileInputs.any()));
    }

    @Property(tries = 400)
    void handleRequest_hostileSqsDelivery_importsDropsOrHandsBackEveryRecord(@ForAll("sqsDelivery") HostileInput input)
            throws IOException {
        stub.resetRequests();
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(logs, true, StandardCharsets.UTF_8);
        SecurityHubExporterHandler handler = new SecurityHubExporterHandler(export,
                new Log(SecurityHubExporterHandler.SERVICE, out, CLOCK),
                new Metrics(SecurityHubExporterHandler.NAMESPACE, SecurityHubExporterHandler.SERVICE, out, CLOCK));
        ByteArrayOutputStream result = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream(input.bytes()), result, null);

        JsonNode failures = Json.MAPPER.readTree(result.toString(StandardCharsets.UTF_8)).get("batchItemFailures");
        List<String> handedBack = new ArrayList<>();
        failures.forEach(f -> handedBack.add(f.path("itemIdentifier").asText()));
        List<JsonNode> lines = JsonLines.of(logs);
        double imported = sum(lines, "AlertsDelivered");
        double dropped = sum(lines, "SecurityHubMessagesDropped") + sum(lines, "DeliveriesDropped");
        assertThat(imported + dropped + handedBack.size()).isEqualTo(recordsIn(input));
        assertThat(messageIdsIn(input)).containsAll(handedBack);
        assertThat(lines.stream().filter(l -> l.has("SecurityHubMessagesDropped")))
                .allSatisfy(d -> assertThat(d.path("reason").asText()).isNotBlank());
        for (LoggedRequest r : stub.findAll(postRequestedFor(urlEqualTo("/findings/import")))) {
            assertThat(Json.MAPPER.readTree(r.getBodyAsString()).get("Findings").size()).isBetween(1, 100);
        }
        lines.stream().filter(l -> l.has("SecurityHubMessagesDropped"))
                .forEach(d -> Statistics.label("exporter").collect("dropped " + d.path("reason").asText()));
        if (imported > 0) {
            Statistics.label("exporter").collect("imported");
        }
        Statistics.label("exporter").coverage(c -> {
            c.check("imported").count(n -> n > 0);
            c.check("dropped NotAFinding").count(n -> n > 0);
            c.check("dropped NotAnSqsEvent").count(n -> n > 0);
        });
    }

    private static double sum(List<JsonNode> lines, String metric) {
        return lines.stream().mapToDouble(l -> l.path(metric).asDouble()).sum();
    }

    /** How many records Lambda would hand over: the {@code Records} array's size, or 1 for anything else. */
    private static int recordsIn(HostileInput input) {
        JsonNode records = records(input);
        return records != null && records.isArray() ? records.size() : 1;
    }

    private static List<String> messageIdsIn(HostileInput input) {
        List<String> ids = new ArrayList<>();
        JsonNode records = records(input);
        if (records != null && records.isArray()) {
            records.forEach(r -> ids.add(Json.text(r, "messageId")));
        }
        return ids;
    }

    private static JsonNode records(HostileInput input) {
        try {
            return Json.field(Json.MAPPER.readTree(input.bytes()), "Records");
        } catch (IOException e) {
            return null;
        }
    }
}
