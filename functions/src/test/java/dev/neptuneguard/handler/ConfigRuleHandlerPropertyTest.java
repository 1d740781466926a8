package dev.neptuneguard.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.configrule.ConfigApi;
import dev.neptuneguard.configrule.DemoAccount;
import dev.neptuneguard.configrule.Evaluation;
import dev.neptuneguard.configrule.InvalidInvocationException;
import dev.neptuneguard.configrule.RuleParametersException;
import dev.neptuneguard.hostile.HostileInput;
import dev.neptuneguard.hostile.HostileInputs;
import dev.neptuneguard.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile bytes through the AWS Config rule's Lambda entry point. An input that is not a usable invocation is
 * logged and counted ({@code EventsDropped}, {@code reason=INVALID_INVOCATION}) and the handler returns
 * normally, so Lambda does not retry it; a usable one ends in exactly one {@code PutEvaluations} call. The
 * only exception allowed out is {@link RuleParametersException} (a deployment mistake, counted as
 * {@code ConfigRuleFailures} and retried on purpose so that it reaches the dead-letter alarm).
 */
class ConfigRuleHandlerPropertyTest {

    @Provide
    Arbitrary<HostileInput> configInvocation() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, HostileInputs.any(HostileInputs.folder("config"))),
                Tuple.of(1, HostileInputs.any()));
    }

    @Property(tries = 1000)
    void handleRequest_hostileInput_sendsEvaluationsOrCountsNamedDrop(@ForAll("configInvocation") HostileInput input)
            throws IOException {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        ByteArrayOutputStream emf = new ByteArrayOutputStream();
        InMemoryConfig config = new InMemoryConfig();
        PrintStream logStream = new PrintStream(logs, true, StandardCharsets.UTF_8);
        PrintStream emfStream = new PrintStream(emf, true, StandardCharsets.UTF_8);
        ConfigRuleHandler handler = new ConfigRuleHandler(config, (account, policy) -> DemoAccount.inventory(),
                Map.of(), DemoAccount.CLOCK, new Log(ConfigRuleHandler.SERVICE, logStream, DemoAccount.CLOCK),
                new Metrics("NeptuneGuard", ConfigRuleHandler.SERVICE, emfStream, DemoAccount.CLOCK));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try {
            handler.handleRequest(new ByteArrayInputStream(input.bytes()), out, null);
        } catch (RuleParametersException e) {
            assertThat(config.puts).isEmpty();
            assertThat(JsonLines.of(emf)).singleElement().satisfies(m -> {
                assertThat(m.path("ConfigRuleFailures").asDouble()).isEqualTo(1.0);
                assertThat(m.path("reason").asText()).isEqualTo("RuleParametersException");
            });
            Statistics.label("config handler").collect("failed: rule parameters");
            return;
        }

        JsonNode summary = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        List<JsonNode> metrics = JsonLines.of(emf);
        List<JsonNode> logLines = JsonLines.of(logs);
        if (summary.has("dropped")) {
            assertThat(summary.path("dropped").asText()).isNotBlank()
                    .hasSizeLessThanOrEqualTo(InvalidInvocationException.MAX_MESSAGE);
            assertThat(metrics).filteredOn(m -> m.has("EventsDropped")).singleElement().satisfies(m -> {
                assertThat(m.path("EventsDropped").asDouble()).isEqualTo(1.0);
                assertThat(m.path("reason").asText()).isEqualTo("INVALID_INVOCATION");
                assertThat(m.at("/_aws/CloudWatchMetrics/0/Dimensions/0").toString())
                        .isEqualTo("[\"service\",\"reason\"]");
            });
            assertThat(logLines).anySatisfy(l -> assertThat(l.path("level").asText()).isEqualTo("WARN"));
            assertThat(config.puts).isEmpty();
            Statistics.label("config handler").collect("dropped INVALID_INVOCATION");
        } else {
            assertThat(summary.path("putEvaluationsCalls").asInt()).isEqualTo(1);
            assertThat(config.puts).hasSize(1);
            assertThat(metrics).noneMatch(m -> m.has("EventsDropped"));
            long sent = config.puts.get(0).size();
            assertThat(summary.path("COMPLIANT").asLong() + summary.path("NON_COMPLIANT").asLong()
                    + summary.path("NOT_APPLICABLE").asLong()).isEqualTo(sent);
            Statistics.label("config handler").collect("evaluated " + summary.path("messageType").asText());
        }
        Statistics.label("config handler").coverage(c -> {
            c.check("dropped INVALID_INVOCATION").count(n -> n > 0);
            c.checkPattern("evaluated .*").percentage(p -> p >= 10);
        });
    }

    /** AWS Config without HTTP: no history, no recorded ids, and it keeps what was put. */
    private static final class InMemoryConfig implements ConfigApi {

        final List<List<Evaluation>> puts = new ArrayList<>();

        @Override
        public Optional<JsonNode> latestConfigurationItem(String resourceType, String resourceId) {
            return Optional.empty();
        }

        @Override
        public Map<String, String> resourceIdsByName(String resourceType) {
            return Map.of();
        }

        @Override
        public int putEvaluations(String resultToken, List<Evaluation> evaluations, boolean testMode) {
            puts.add(List.copyOf(evaluations));
            return 1;
        }
    }
}
