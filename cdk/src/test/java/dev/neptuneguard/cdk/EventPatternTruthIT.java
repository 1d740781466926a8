package dev.neptuneguard.cdk;

import static dev.neptuneguard.cdk.TestStacks.resources;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.events.EventOutcome;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.GraphTrigger;
import dev.neptuneguard.events.IgnoreReason;
import dev.neptuneguard.events.Ignored;
import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.events.ResourceTrigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;
import software.amazon.event.ruler.Machine;

/**
 * EventBridge's own matcher (event-ruler), fed with the patterns of the <em>synthesized templates</em>, against
 * every EventBridge fixture in {@code events/rds}, {@code events/kms}, {@code events/neptune-graph} and
 * {@code events/misc}
 * ({@code events/config} holds Config invocations, which no rule sees). Each file must match exactly the rules
 * in {@link #EXPECTED}, on each bus the guard listens on: the default bus of a single account, the hub's
 * organization bus, and a member account's default bus (whose rules forward to the hub); and what the rule lets
 * through, the parser must turn into a trigger, except the rows marked "matched, dropped in code" (the engine is
 * not in the request, so no pattern can filter it).
 */
class EventPatternTruthIT {

    private static final Path EVENTS = Path.of("..", "events");
    private static final String CREATES = "RDS_NEPTUNE_CLUSTER_CREATES";
    private static final String RESTORES_AND_SNAPSHOTS = "RDS_CLUSTER_RESTORES_AND_SNAPSHOTS";
    private static final String KMS = "KMS_KEY_CHANGES";
    private static final String KMS_NATIVE = "KMS_NATIVE_EVENTS";
    private static final String GRAPHS = "NEPTUNE_GRAPH_CREATES";

    /** What each fixture does at the rules and then in the parser. */
    private static final Map<String, Expect> EXPECTED = new LinkedHashMap<>();

    static {
        trigger("rds/create-db-cluster-neptune-unencrypted.json", CREATES);
        trigger("rds/create-db-cluster-neptune-default-key.json", CREATES);
        trigger("rds/create-db-cluster-neptune-cmk-alias.json", CREATES);
        trigger("rds/create-db-cluster-neptune-hsm.json", CREATES);
        trigger("rds/create-db-cluster-neptune-no-response.json", CREATES);
        trigger("rds/restore-db-cluster-from-snapshot-neptune-no-kms.json", CREATES);
        trigger("rds/restore-db-cluster-from-snapshot-neptune-cmk.json", CREATES);
        trigger("rds/restore-db-cluster-to-point-in-time-neptune.json", RESTORES_AND_SNAPSHOTS);
        trigger("rds/create-db-cluster-snapshot-neptune.json", RESTORES_AND_SNAPSHOTS);
        trigger("rds/copy-db-cluster-snapshot-neptune-cross-region.json", RESTORES_AND_SNAPSHOTS);
        trigger("rds/copy-db-cluster-snapshot-neptune-unencrypted.json", RESTORES_AND_SNAPSHOTS);
        // matched, dropped in code: the request names no engine; the response says aurora-postgresql
        EXPECTED.put("rds/restore-db-cluster-to-point-in-time-aurora.json",
                new Expect(Set.of(RESTORES_AND_SNAPSHOTS), Outcome.DROPPED_IN_CODE));
        none("rds/create-db-cluster-aurora-mysql.json");
        none("rds/create-db-cluster-docdb.json");
        none("rds/create-db-cluster-neptune-failed-access-denied.json");
        none("rds/delete-db-cluster-neptune.json");
        none("rds/create-db-instance-neptune.json");

        for (String name : List.of("disable-key-legacy", "schedule-key-deletion-legacy", "schedule-key-deletion-24h-pm",
                "schedule-key-deletion-multi-region-replica", "schedule-key-deletion-unused-key",
                "cancel-key-deletion-legacy", "enable-key-legacy", "delete-imported-key-material",
                "import-key-material", "disconnect-custom-key-store", "connect-custom-key-store", "revoke-grant-rds",
                "retire-grant", "retire-grant-rds-service", "put-key-policy-deny-rds", "put-key-policy-benign")) {
            trigger("kms/" + name + ".json", KMS);
        }
        trigger("kms/kms-native-cmk-deletion.json", KMS_NATIVE);
        trigger("kms/kms-native-imported-key-material-expiration.json", KMS_NATIVE);
        none("kms/kms-native-cmk-rotation.json");
        none("kms/disable-key-failed.json");
        none("kms/schedule-key-deletion-failed-not-found.json");

        trigger("neptune-graph/create-graph-aws-owned-key.json", GRAPHS);
        trigger("neptune-graph/create-graph-using-import-task-cmk.json", GRAPHS);
        trigger("neptune-graph/restore-graph-from-snapshot-legacy-key.json", GRAPHS);
        trigger("neptune-graph/create-graph-snapshot.json", GRAPHS);
        none("neptune-graph/create-graph-failed-access-denied.json");

        none("misc/ec2-run-instances.json");
        none("misc/scheduler-reminder-input.json");
        none("misc/sweep-scheduled-event.json");
    }

    private static final String SINGLE_ACCOUNT = "single account, default bus";
    private static final String HUB = "hub, organization bus";
    private static final String MEMBER = "member account, default bus";
    private static final Map<String, Machine> MACHINES = new LinkedHashMap<>();
    private static final Map<String, Set<String>> DEPLOYED_RULES = new LinkedHashMap<>();

    @BeforeAll
    static void loadPatternsFromTheTemplates() throws Exception {
        load(SINGLE_ACCOUNT, Template.fromStack(TestStacks.stack(Map.of())), bus -> bus.isMissingNode());
        load(HUB, Template.fromStack(TestStacks.hub(Map.of())), bus -> !bus.isMissingNode());
        load(MEMBER, Template.fromStack(TestStacks.member(Map.of())), bus -> bus.isMissingNode());
    }

    /** The rules with a pattern whose EventBusName passes {@code onBus}, named as their description starts. */
    private static void load(String source, Template template, Predicate<JsonNode> onBus) throws Exception {
        Machine machine = new Machine();
        Set<String> names = new TreeSet<>();
        for (JsonNode rule : resources(template, "AWS::Events::Rule").values()) {
            JsonNode pattern = rule.at("/Properties/EventPattern");
            if (pattern.isMissingNode() || !onBus.test(rule.at("/Properties/EventBusName"))) {
                continue;
            }
            String description = rule.at("/Properties/Description").asText();
            String name = description.substring(0, description.indexOf(':'));
            machine.addRule(name, TestStacks.MAPPER.writeValueAsString(pattern));
            names.add(name);
        }
        MACHINES.put(source, machine);
        DEPLOYED_RULES.put(source, names);
    }

    static Stream<Arguments> busesAndFixtures() throws IOException {
        List<String> fixtures = fixtures().toList();
        return Stream.of(SINGLE_ACCOUNT, HUB, MEMBER)
                .flatMap(source -> fixtures.stream().map(fixture -> Arguments.of(source, fixture)));
    }

    static Stream<String> fixtures() throws IOException {
        return Stream.of("rds", "kms", "neptune-graph", "misc").flatMap(dir -> {
            try (Stream<Path> files = Files.list(EVENTS.resolve(dir))) {
                return files.filter(f -> f.toString().endsWith(".json")).map(f -> dir + "/" + f.getFileName())
                        .sorted().toList().stream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void expectations_coverEveryFixtureAndOnlyExistingOnes() throws IOException {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(fixtures().toList());
    }

    @Test
    void templates_eachBus_carriesEveryRuleTheExpectationsName() {
        Set<String> named = new TreeSet<>();
        EXPECTED.values().forEach(e -> named.addAll(e.rules()));

        assertThat(DEPLOYED_RULES).containsOnlyKeys(SINGLE_ACCOUNT, HUB, MEMBER);
        DEPLOYED_RULES.forEach((source, rules) -> assertThat(rules).as(source).isEqualTo(named));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("busesAndFixtures")
    void fixture_synthesizedPatterns_matchExactlyTheExpectedRules(String source, String fixture) throws Exception {
        Expect expect = EXPECTED.get(fixture);
        String event = Files.readString(EVENTS.resolve(fixture));

        List<String> matched = MACHINES.get(source).rulesForJSONEvent(event);

        assertThat(new TreeSet<>(matched)).as(source + ": " + fixture).isEqualTo(new TreeSet<>(expect.rules()));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void fixture_parser_agreesWithThePatterns(String fixture) throws Exception {
        Expect expect = EXPECTED.get(fixture);

        EventOutcome outcome = EventParser.parse(Files.readString(EVENTS.resolve(fixture)));

        switch (expect.outcome()) {
            case TRIGGER -> assertThat(outcome).as(fixture).isInstanceOfAny(ResourceTrigger.class, KeyTrigger.class,
                    GraphTrigger.class);
            case DROPPED_IN_CODE -> assertThat(outcome).as(fixture).isInstanceOfSatisfying(Ignored.class,
                    ignored -> assertThat(ignored.reason()).isEqualTo(IgnoreReason.OTHER_ENGINE));
            case NONE -> assertThat(outcome).as(fixture).isInstanceOf(Ignored.class);
            default -> throw new IllegalStateException(expect.outcome().name());
        }
    }

    private static void trigger(String fixture, String rule) {
        EXPECTED.put(fixture, new Expect(Set.of(rule), Outcome.TRIGGER));
    }

    private static void none(String fixture) {
        EXPECTED.put(fixture, new Expect(Set.of(), Outcome.NONE));
    }

    /** What happens to one fixture. */
    private record Expect(Set<String> rules, Outcome outcome) {
    }

    private enum Outcome {
        /** Matched by the rules and turned into a trigger by the parser. */
        TRIGGER,
        /** Matched by a rule (no pattern can tell), then ignored by the parser for another engine. */
        DROPPED_IN_CODE,
        /** Matched by no rule (and ignored by the parser too). */
        NONE
    }
}
