package dev.neptuneguard.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.events.EventOutcome;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.IgnoreReason;
import dev.neptuneguard.events.Ignored;
import dev.neptuneguard.events.ResourceTrigger;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The inputs the hostile-input properties found crashing or misleading the parser, kept as plain examples so
 * they stay fixed whatever seed the properties draw; and checks that the generators really produce what
 * the properties claim to cover.
 */
class HostileRegressionTest {

    private static final String DEFAULT_KEY = "rds/create-db-cluster-neptune-default-key.json";
    private static final String NO_RESPONSE = "rds/create-db-cluster-neptune-no-response.json";

    @Test
    void corpus_everyFixtureUnderEvents_isLoaded() throws IOException {
        assertThat(EventCorpus.folders()).contains("config", "kms", "misc", "rds");
        for (String folder : EventCorpus.folders()) {
            assertThat(HostileInputs.folder(folder)).as(folder).isNotEmpty();
        }
        try (Stream<Path> files = Files.walk(EventCorpus.root())) {
            assertThat(EventCorpus.all()).hasSize((int) files.filter(f -> f.toString().endsWith(".json")).count());
        }
    }

    @ParameterizedTest
    @EnumSource(Mutation.class)
    void mutate_eachMutation_changesTheEvent(Mutation mutation) {
        EventCorpus.Fixture fixture = fixture(DEFAULT_KEY);
        String original = Mutator.write(fixture.tree());
        for (long seed = 0; seed < 20; seed++) {
            HostileInput input = mutation.onTree()
                    ? HostileInputs.mutate(fixture, List.of(mutation), null, seed)
                    : HostileInputs.mutate(fixture, List.of(), mutation, seed);
            assertThat(input.text()).as("seed %d: %s", seed, input.steps()).isNotEqualTo(original);
            assertThat(input.steps()).hasSize(1);
        }
    }

    @Test
    void mutate_sameSeed_sameInput() {
        EventCorpus.Fixture fixture = fixture(DEFAULT_KEY);
        List<Mutation> all = Mutation.treeMutations();

        HostileInput first = HostileInputs.mutate(fixture, all, Mutation.BYTE_FLIP, 42L);
        HostileInput second = HostileInputs.mutate(fixture, all, Mutation.BYTE_FLIP, 42L);

        assertThat(second.bytes()).isEqualTo(first.bytes());
        assertThat(second.steps()).isEqualTo(first.steps());
    }

    static Stream<Arguments> timesNoInstantCanHold() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return Stream.of(
                Arguments.of("envelope time 1e20", nodes.numberNode(1e20)),
                Arguments.of("envelope time -1e20", nodes.numberNode(-1e20)),
                Arguments.of("envelope time Long.MAX_VALUE", nodes.numberNode(Long.MAX_VALUE)),
                Arguments.of("envelope time of 20 digits as text", nodes.textNode("99999999999999999999")),
                Arguments.of("envelope time NaN", DoubleNode.valueOf(Double.NaN)),
                Arguments.of("envelope time +Infinity", DoubleNode.valueOf(Double.POSITIVE_INFINITY)),
                Arguments.of("envelope time 1e400, read back as an infinite double",
                        DecimalNode.valueOf(new BigDecimal("1e400"))),
                Arguments.of("envelope time -1e400, read back as an infinite double",
                        DecimalNode.valueOf(new BigDecimal("-1e400"))));
    }

    /**
     * Found by SWAP_TYPE / HUGE_STRING on {@code time}: first Instant.ofEpochSecond overflowed, then (after exact
     * decimals came in) {@code 1e400}, which Jackson reads as an infinite double, had no decimal value.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("timesNoInstantCanHold")
    void parse_timeNoInstantCanHold_readsAsNoTime(String name, JsonNode time) {
        ObjectNode event = copy(DEFAULT_KEY);
        event.set("time", time);
        ((ObjectNode) event.get("detail")).set("eventTime", time);

        EventOutcome fromTree = EventParser.parse(event);
        EventOutcome fromText = EventParser.parse(Mutator.write(event));

        assertThat(fromTree).isInstanceOfSatisfying(ResourceTrigger.class, t -> assertThat(t.eventTime()).isNull());
        assertThat(fromText).isInstanceOfSatisfying(ResourceTrigger.class, t -> assertThat(t.eventTime()).isNull());
    }

    static Stream<Arguments> identifiersNoResourceCanHave() {
        return Stream.of(
                Arguments.of("right-to-left override", "\u202Egraph-prod"),
                Arguments.of("NUL", "graph-prod\u0000"),
                Arguments.of("full-width letters", "\uFF4E\uFF45\uFF50\uFF54\uFF55\uFF4E\uFF45"),
                Arguments.of("shell text", "$(reboot); rm -rf / #"),
                Arguments.of("emoji", "graph-\uD83D\uDD25"));
    }

    /**
     * Found by UNICODE on {@code dBClusterIdentifier}: such names became triggers, so the guard either retried
     * them (no response elements) or put them into remediation commands (response elements).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("identifiersNoResourceCanHave")
    void parse_identifierNoResourceCanHave_dropsAsMissingField(String name, String identifier) {
        for (String file : List.of(DEFAULT_KEY, NO_RESPONSE)) {
            ObjectNode event = copy(file);
            ((ObjectNode) event.at("/detail/requestParameters")).put("dBClusterIdentifier", identifier);

            EventOutcome outcome = EventParser.parse(Mutator.write(event));

            assertThat(outcome).as(file).isInstanceOfSatisfying(Ignored.class, ignored -> {
                assertThat(ignored.reason()).isEqualTo(IgnoreReason.MISSING_FIELD);
                assertThat(ignored.message()).isEqualTo("CreateDBCluster names an invalid identifier ("
                        + identifier.length() + " characters)");
            });
        }
    }

    @Test
    void parse_mixedCaseIdentifier_staysATrigger() {
        ObjectNode event = copy(NO_RESPONSE);
        ((ObjectNode) event.at("/detail/requestParameters")).put("dBClusterIdentifier", "Graph-New-2");

        assertThat(EventParser.parse(Mutator.write(event))).isInstanceOfSatisfying(ResourceTrigger.class,
                t -> assertThat(t.identifier()).isEqualTo("Graph-New-2"));
    }

    /** Jackson's read limit (nesting 1,000) throws a JsonProcessingException, which must become a drop. */
    @Test
    void parse_nestingPastJacksonLimit_isMalformedJson() {
        ObjectNode event = copy(DEFAULT_KEY);
        ArrayNode chain = JsonNodeFactory.instance.arrayNode();
        ArrayNode inner = chain;
        for (int i = 0; i < 1_500; i++) {
            inner = inner.addArray();
        }
        ((ObjectNode) event.get("detail")).set("requestParameters", chain);

        EventOutcome outcome = EventParser.parse(Mutator.write(event));

        assertThat(outcome).isInstanceOfSatisfying(Ignored.class, ignored -> {
            assertThat(ignored.reason()).isEqualTo(IgnoreReason.MALFORMED_JSON);
            assertThat(ignored.message()).contains("nesting depth");
        });
    }

    @Test
    void parse_nestingPastJacksonLimitAsTree_isStillParsed() {
        ObjectNode event = copy(DEFAULT_KEY);
        ObjectNode inner = (ObjectNode) event.get("detail");
        for (int i = 0; i < 1_500; i++) {
            inner = inner.putObject("n");
        }

        assertThat(EventParser.parse(event)).isInstanceOf(ResourceTrigger.class);
    }

    private static EventCorpus.Fixture fixture(String name) {
        return EventCorpus.all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static ObjectNode copy(String name) {
        return (ObjectNode) fixture(name).tree().deepCopy();
    }
}
