package dev.neptuneguard.configrule;

import java.util.List;

/**
 * What one invocation produced: the evaluations to send, and the resources a scheduled run could not name
 * with a Config resource id (logged and counted by the handler, never silently lost).
 */
public record RuleResult(MessageType messageType, List<Evaluation> evaluations, List<String> unidentified) {

    public RuleResult {
        evaluations = List.copyOf(evaluations);
        unidentified = List.copyOf(unidentified);
    }

    public long count(ComplianceType type) {
        return evaluations.stream().filter(e -> e.complianceType() == type).count();
    }
}
