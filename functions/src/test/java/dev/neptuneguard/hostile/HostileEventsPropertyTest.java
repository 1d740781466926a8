package dev.neptuneguard.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.events.EventOutcome;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.GraphTrigger;
import dev.neptuneguard.events.Ignored;
import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.events.ResourceTrigger;
import dev.neptuneguard.guard.EncryptionGuard;
import dev.neptuneguard.guard.ResourceNotVisibleException;
import dev.neptuneguard.guard.TriggerResult;
import dev.neptuneguard.json.FindingJson;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.policy.EncryptionRules;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile input against the event parser and the cluster/snapshot core: every events/ fixture, mutated
 * (fields removed, types swapped, nulls, huge strings, unicode, deep nesting, wrong envelopes, other services,
 * truncated text, random bytes). Parsing must never throw and must name why it drops an event; a trigger
 * must end in findings, a named drop, or the deliberate retry of a resource that is not visible yet.
 */
class HostileEventsPropertyTest {

    /** What the parser accepts as an RDS cluster or snapshot identifier; only such a name may be retried. */
    static final Pattern RDS_IDENTIFIER = Pattern.compile("[A-Za-z0-9:_-]{1,255}");

    /** Percent of cases that must still parse to a trigger; see the first property. */
    private static final double TRIGGER_SHARE_FLOOR = 7;

    @Provide
    Arbitrary<HostileInput> anyEvent() {
        return HostileInputs.any();
    }

    @Provide
    Arbitrary<HostileInput> rdsEvent() {
        return HostileInputs.any(HostileInputs.folder("rds"));
    }

    @Provide
    Arbitrary<HostileInput> mutatedTree() {
        return HostileInputs.mutatedTrees(EventCorpus.all());
    }

    @Property(tries = 1000)
    void parse_hostileText_returnsTriggerOrNamedDrop(@ForAll("anyEvent") HostileInput input) {
        EventOutcome outcome = EventParser.parse(input.text());

        assertNamed(outcome);
        input.labels().forEach(label -> Statistics.label("mutation").collect(label));
        Statistics.label("outcome").collect(label(outcome));
        Statistics.label("mutation").coverage(c -> {
            c.check("PRISTINE").count(n -> n > 0);
            for (Mutation m : Mutation.values()) {
                c.check(m.name()).count(n -> n >= 10);
            }
        });
        Statistics.label("outcome").coverage(c -> {
            // Mostly mutated, and only rds/ and kms/ hold EventBridge triggers (sns/, sqs/, config/ deliveries are
            // not events): about one case in ten is a trigger, so the floor leaves room for the random spread.
            c.checkPattern("trigger .*").percentage(p -> p >= TRIGGER_SHARE_FLOOR);
            c.check("dropped MALFORMED_JSON").count(n -> n > 0);
            c.check("dropped NOT_AN_EVENT").count(n -> n > 0);
            c.check("dropped UNSUPPORTED_SOURCE").count(n -> n > 0);
        });
    }

    @Property(tries = 500)
    void parse_hostileTree_returnsTriggerOrNamedDrop(@ForAll("mutatedTree") HostileInput input) {
        // The tree skips Jackson's reader, so NaN, infinities and nesting past the read limit reach the parser.
        EventOutcome outcome = EventParser.parse(input.tree());

        assertNamed(outcome);
        Statistics.label("outcome").collect(label(outcome));
        Statistics.label("outcome").coverage(c -> c.checkPattern("trigger .*")
                .percentage(p -> p >= TRIGGER_SHARE_FLOOR));
    }

    @Property(tries = 1000)
    void evaluate_hostileRdsEvent_findingsNamedDropOrRetryOfPlausibleName(@ForAll("rdsEvent") HostileInput input) {
        EventOutcome outcome = EventParser.parse(input.text());
        assertNamed(outcome);
        if (!(outcome instanceof ResourceTrigger trigger)) {
            Statistics.label("core").collect("not a trigger");
            return;
        }
        EncryptionGuard guard = new EncryptionGuard(DemoSlice.inventory(), new EncryptionRules(Policy.defaults()),
                DemoSlice.CLOCK);
        TriggerResult result;
        try {
            result = guard.evaluate(trigger);
        } catch (ResourceNotVisibleException e) {
            // A deliberate retry is only right for a resource the event does not describe (its name is checked above).
            assertThat(trigger.kind().isCluster() ? trigger.clusterFromEvent() : trigger.snapshotFromEvent()).isNull();
            Statistics.label("core").collect("retry: not visible");
            return;
        }
        if (result.isIgnored()) {
            assertNamed(result.outcome());
            Statistics.label("core").collect(label(result.outcome()));
        } else {
            assertThat(result.findings()).isNotEmpty();
            for (Finding f : result.findings()) {
                assertThat(f.ruleId()).isNotNull();
                assertThat(f.status()).isNotNull();
                assertThat(f.title()).isNotBlank();
                assertThat(f.detail()).isNotBlank();
                assertThat(FindingJson.toLine(f)).contains(f.ruleId().name());
            }
            Statistics.label("core").collect("evaluated");
        }
        Statistics.label("core").coverage(c -> {
            c.check("evaluated").percentage(p -> p >= 10);
            c.check("retry: not visible").count(n -> n > 0);
        });
    }

    /**
     * The parser's contract: a trigger naming a resource that can exist (or a key), or a drop with a reason and a
     * sentence of bounded length.
     */
    static void assertNamed(EventOutcome outcome) {
        assertThat(outcome).isNotNull();
        if (outcome instanceof Ignored ignored) {
            assertThat(ignored.reason()).isNotNull();
            assertThat(ignored.message()).isNotBlank().hasSizeLessThanOrEqualTo(Ignored.MAX_MESSAGE_LENGTH);
        } else if (outcome instanceof ResourceTrigger trigger) {
            assertThat(trigger.kind()).isNotNull();
            assertThat(trigger.identifier()).matches(RDS_IDENTIFIER);
        } else if (outcome instanceof KeyTrigger trigger) {
            assertThat(trigger.kind()).isNotNull();
            assertThat(trigger.keyReference() != null || trigger.customKeyStoreId() != null).isTrue();
        } else if (outcome instanceof GraphTrigger trigger) {
            assertThat(trigger.kind()).isNotNull();
            assertThat(trigger.id()).matches("gs?-[a-z0-9]{10}");
        }
    }

    static String label(EventOutcome outcome) {
        if (outcome instanceof Ignored ignored) {
            return "dropped " + ignored.reason();
        }
        if (outcome instanceof ResourceTrigger trigger) {
            return "trigger " + trigger.kind();
        }
        if (outcome instanceof GraphTrigger trigger) {
            return "trigger " + trigger.kind();
        }
        return "trigger " + ((KeyTrigger) outcome).kind();
    }
}
