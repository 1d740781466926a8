package dev.neptuneguard.cli.offline;

import dev.neptuneguard.events.DetectionPatterns;
import java.util.List;
import software.amazon.event.ruler.Machine;

/**
 * Which of the stack's EventBridge rules an event matches, using EventBridge's own open-source matcher and
 * the same pattern definitions the CDK stack deploys ({@link DetectionPatterns}), so that {@code replay}
 * tells whether the deployed guard would receive the event at all.
 */
final class RuleMatcher {

    private final Machine machine = new Machine();

    RuleMatcher() {
        for (DetectionPatterns.Rule rule : DetectionPatterns.all()) {
            try {
                machine.addRule(rule.name(), rule.patternJson());
            } catch (Exception e) {
                throw new IllegalStateException("detection pattern " + rule.name() + " is invalid: " + e.getMessage(), e);
            }
        }
    }

    /** Names of the matching rules, sorted; empty when none matches or the text is not a JSON event. */
    List<String> matches(String eventJson) {
        try {
            return machine.rulesForJSONEvent(eventJson).stream().map(Object::toString).sorted().toList();
        } catch (Exception e) {
            return List.of();
        }
    }
}
