package dev.neptuneguard.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What became of an invocation under a fault, read from what it did (never from what it was meant to do):
 * it failed (an exception escaped, so Lambda retries and then dead-letters it), it handed SQS messages back in a
 * partial batch response (SQS redelivers them, then moves them to the queue's dead-letter queue), it succeeded with
 * a key that could
 * not be verified, it succeeded in a degraded way that it logged and counted, or it succeeded as on a good day.
 */
enum Verdict {
    FAILS("fails"),
    RETURNED_TO_QUEUE("messages back to the queue"),
    UNVERIFIABLE("unverifiable finding"),
    DEGRADED("succeeds, degraded"),
    OK("succeeds");

    private static final List<String> TROUBLE = List.of("DeliveryFailures", "DeliveriesDropped",
            "DeliveryLedgerErrors", "SlackMessagesDropped", "SlackDeliveryFailures", "SecurityHubNotEnabled",
            "Protection{outcome=FAILED}");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static Verdict of(Observation o, Observation baseline) {
        if (o.failed()) {
            return FAILS;
        }
        if (o.summary().contains("\"itemIdentifier\"")) {
            return RETURNED_TO_QUEUE;
        }
        if (o.failedFindings().stream().anyMatch(r -> r.endsWith("_KEY_UNVERIFIABLE"))) {
            return UNVERIFIABLE;
        }
        boolean trouble = o.metrics().keySet().stream().anyMatch(k -> TROUBLE.stream().anyMatch(k::startsWith));
        if (trouble || !o.failedFindings().equals(baseline.failedFindings())) {
            return DEGRADED;
        }
        return OK;
    }

    /** The observation in words: the escaped exception, then what was delivered, dropped, counted. */
    static String describe(Observation o, Observation baseline) {
        List<String> parts = new ArrayList<>();
        if (o.failed()) {
            parts.add("escapes " + o.failureText());
        }
        int handedBack = o.summary().split("\"itemIdentifier\"", -1).length - 1;
        if (handedBack > 0) {
            parts.add("batchItemFailures: " + handedBack + " messages");
        }
        Set<String> findings = o.failedFindings();
        if (!findings.equals(baseline.failedFindings())) {
            parts.add(findings.isEmpty() ? "no FAILED finding (good day: " + baseline.failedFindings() + ")"
                    : "FAILED findings " + findings);
        }
        for (Map.Entry<String, Double> m : o.metrics().entrySet()) {
            String phrase = phrase(m.getKey(), m.getValue().intValue());
            if (phrase != null) {
                parts.add(phrase);
            }
        }
        return String.join("; ", parts);
    }

    private static String phrase(String key, int n) {
        String name = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
        String dim = key.contains("=") ? key.substring(key.indexOf('=') + 1, key.length() - 1) : "";
        if (n == 0 && !name.equals("Protection")) {
            return null;
        }
        return switch (name) {
            case "AlertsDelivered" -> dim + " delivered " + n;
            case "DeliveryFailures" -> dim + " failed " + n + " (retryable)";
            case "DeliveriesDropped" -> dim + " dropped " + n;
            case "DeliveryLedgerErrors" -> "ledger errors (" + dim + ") " + n;
            case "DuplicateDeliveriesSkipped" -> dim + " skipped " + n + " duplicates";
            case "Protection" -> "protection " + dim;
            case "RemindersCreated" -> "reminders created " + n;
            case "RemindersDeleted" -> "reminders deleted " + n;
            case "SlackMessagesPosted" -> "Slack posted " + n;
            case "SlackMessagesDropped" -> "Slack dropped " + n + " (" + dim + ")";
            case "SlackDeliveryFailures" -> "Slack failures counted " + n;
            case "SlackConfigurationErrors" -> "Slack configuration errors " + n;
            case "EvaluationFailures" -> "EvaluationFailures counted (" + dim + ")";
            case "ConfigEvaluations" -> "Config " + dim + " " + n;
            case "ConfigRuleFailures" -> "ConfigRuleFailures counted (" + dim + ")";
            case "SecurityHubNotEnabled" -> "SecurityHubNotEnabled " + n;
            default -> null;
        };
    }
}
