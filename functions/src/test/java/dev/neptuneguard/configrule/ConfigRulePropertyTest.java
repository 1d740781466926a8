package dev.neptuneguard.configrule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.events.Ignored;
import dev.neptuneguard.hostile.HostileInput;
import dev.neptuneguard.hostile.HostileInputs;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile input against the AWS Config rule core: the events/config invocations mutated (also inside their
 * {@code invokingEvent}, {@code ruleParameters} and {@code configuration} JSON strings), plus every other
 * fixture. An invocation is either evaluated into well-formed evaluations (one per changed item), refused as
 * not a usable invocation ({@link InvalidInvocationException}: dropped, not retried), or refused for its rule
 * parameters ({@link RuleParametersException}: a deployment mistake, retried on purpose). Nothing else may
 * come out.
 */
class ConfigRulePropertyTest {

    /** The bound the event parser keeps its drop messages to ({@code Ignored.MAX_MESSAGE_LENGTH}). */
    private static final int MAX_MESSAGE = Ignored.MAX_MESSAGE_LENGTH;

    @Provide
    Arbitrary<HostileInput> configInvocation() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, HostileInputs.any(HostileInputs.folder("config"))),
                Tuple.of(1, HostileInputs.any()));
    }

    @Property(tries = 1000)
    void evaluate_hostileInvocation_wellFormedEvaluationsOrNamedRefusal(
            @ForAll("configInvocation") HostileInput input) {
        RuleResult result;
        ConfigInvocation invocation;
        try {
            invocation = ConfigInvocation.parse(input.bytes());
            RuleSettings settings = RuleSettings.resolve(Map.of(), invocation.ruleParameters());
            result = new ConfigRule(new RecordingConfigApi(), DemoAccount.CLOCK)
                    .evaluate(invocation, settings, DemoAccount.inventory());
        } catch (InvalidInvocationException e) {
            // The message is logged with the drop: like an event's, it must not grow with the input.
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThanOrEqualTo(MAX_MESSAGE);
            Statistics.label("config").collect("dropped: not a usable invocation");
            return;
        } catch (RuleParametersException e) {
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThanOrEqualTo(MAX_MESSAGE);
            Statistics.label("config").collect("refused: rule parameters");
            return;
        }

        if (invocation.messageType() != MessageType.SCHEDULED) {
            assertThat(result.evaluations()).hasSize(1);
        }
        for (Evaluation e : result.evaluations()) {
            assertThat(e.resourceType()).isNotBlank();
            assertThat(e.resourceId()).isNotBlank();
            assertThat(e.complianceType()).isNotNull();
            assertThat(e.orderingTimestamp()).isNotNull();
            if (e.annotation() != null) {
                assertThat(e.annotation()).hasSizeLessThanOrEqualTo(Evaluation.MAX_ANNOTATION);
            }
        }
        result.evaluations().forEach(e -> Statistics.label("config").collect(e.complianceType().name()));
        Statistics.label("config").coverage(c -> {
            c.check("dropped: not a usable invocation").count(n -> n > 0);
            c.check("NON_COMPLIANT").count(n -> n > 0);
            c.check("COMPLIANT").count(n -> n > 0);
            c.check("NOT_APPLICABLE").count(n -> n > 0);
        });
    }
}
