package dev.neptuneguard.cdk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.events.DetectionPatterns;
import dev.neptuneguard.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.Rule;
import software.constructs.Construct;

/**
 * One EventBridge rule per detection pattern ({@link DetectionPatterns}, the one definition the CLI's
 * {@code replay} uses too), on one event bus, each with the target a caller chooses: the guard's functions on the
 * default bus of a single account and on the hub's organization bus, the hub's bus on a member account's default
 * bus. A rule's description starts with the pattern's name, which the truth tests read back.
 *
 * <p>Like every part of the single-account stack, the rules are added to the scope they are given, not to a
 * construct of their own: their construct ids are part of the logical ids (and of the permission and dead-letter
 * policy ids CDK derives from them) that deployed stacks already have.
 */
final class DetectionRules {

    private final List<Rule> rules = new ArrayList<>();

    /**
     * @param scope where the rules are built
     * @param bus the event bus the rules listen on, or null for the account's default bus
     * @param descriptionSuffix appended to each rule's description (empty for none)
     * @param targets the target of the rule of each detection pattern
     */
    DetectionRules(Construct scope, IEventBus bus, String descriptionSuffix,
                   Function<DetectionPatterns.Rule, IRuleTarget> targets) {
        for (DetectionPatterns.Rule rule : DetectionPatterns.all()) {
            rules.add(Rule.Builder.create(scope, PascalCase.of(rule.name()) + "Rule")
                    .description(rule.name() + ": " + rule.summary() + descriptionSuffix)
                    .eventBus(bus)
                    .eventPattern(eventPattern(rule.pattern()))
                    .targets(List.of(targets.apply(rule)))
                    .build());
        }
    }

    List<Rule> rules() {
        return List.copyOf(rules);
    }

    /**
     * Builds an L2 {@link EventPattern} from a pattern JSON. Only the keys the guard uses are accepted, so that a
     * pattern the L2 type cannot carry fails at synth instead of being deployed without a filter.
     */
    static EventPattern eventPattern(JsonNode pattern) {
        EventPattern.Builder builder = EventPattern.builder();
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "source" -> builder.source(strings(field.getKey(), field.getValue()));
                case "detail-type" -> builder.detailType(strings(field.getKey(), field.getValue()));
                case "detail" -> builder.detail(Json.MAPPER.convertValue(field.getValue(),
                        new TypeReference<LinkedHashMap<String, Object>>() { }));
                default -> throw new IllegalArgumentException("event pattern key '" + field.getKey()
                        + "' is not supported by the stack; use source, detail-type and detail");
            }
        }
        return builder.build();
    }

    private static List<String> strings(String key, JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException("event pattern '" + key + "' must list plain strings: " + array);
            }
            values.add(item.asText());
        }
        return values;
    }
}
