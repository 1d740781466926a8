package dev.neptuneguard.configrule;

import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.ResourceType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Folds the findings for one resource into one Config evaluation. Any actionable failure makes the resource
 * {@code NON_COMPLIANT}; failures that are all exempt ({@code neptune-guard:exempt}) leave it
 * {@code COMPLIANT}, with the annotation saying so and why. The annotation starts with the worst rule id
 * and the key, which survive truncation to Config's 256 characters.
 */
public final class Verdicts {

    /** Most urgent first; among equals, the rule declared first. */
    private static final Comparator<Finding> WORST_FIRST = Comparator
            .comparing((Finding f) -> f.severity().ordinal())
            .thenComparing(f -> f.ruleId().ordinal());

    private Verdicts() {
    }

    public static Evaluation of(ResourceType type, String resourceId, List<Finding> findings, Instant ordering) {
        List<Finding> actionable = findings.stream().filter(Finding::actionable).sorted(WORST_FIRST).toList();
        if (!actionable.isEmpty()) {
            Finding worst = actionable.get(0);
            StringBuilder text = new StringBuilder(head(worst)).append(": ").append(worst.ruleId().title()).append('.');
            if (actionable.size() > 1) {
                text.append(" Also failed: ").append(String.join(", ",
                        actionable.subList(1, actionable.size()).stream().map(f -> f.ruleId().name()).toList()))
                        .append('.');
            }
            return new Evaluation(type.awsType(), resourceId, ComplianceType.NON_COMPLIANT, text.toString(), ordering);
        }
        List<Finding> exempt = findings.stream()
                .filter(f -> f.status() == ComplianceStatus.FAILED && f.suppressed())
                .sorted(WORST_FIRST).toList();
        if (!exempt.isEmpty()) {
            Finding worst = exempt.get(0);
            String text = head(worst) + ": exempt (tag neptune-guard:exempt): " + worst.suppressionReason() + ".";
            return new Evaluation(type.awsType(), resourceId, ComplianceType.COMPLIANT, text, ordering);
        }
        long passed = findings.stream().filter(f -> f.status() == ComplianceStatus.PASSED).count();
        String key = findings.stream().map(Finding::keyArn).filter(k -> k != null).findFirst().orElse("none");
        String text = "Compliant: key " + key + "; " + passed + " neptune-guard rule" + (passed == 1 ? "" : "s")
                + " passed.";
        return new Evaluation(type.awsType(), resourceId, ComplianceType.COMPLIANT, text, ordering);
    }

    public static Evaluation notApplicable(String awsType, String resourceId, String why, Instant ordering) {
        return new Evaluation(awsType, resourceId, ComplianceType.NOT_APPLICABLE, why, ordering);
    }

    private static String head(Finding f) {
        String key = f.keyArn() != null ? f.keyArn() : "none";
        return f.ruleId().name() + " (" + f.severity() + "), key " + key;
    }
}
