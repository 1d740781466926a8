package dev.neptuneguard.sinks;

import dev.neptuneguard.model.Finding;
import java.time.Instant;
import java.util.List;

/**
 * The plain-text e-mail body of an alert: what happened, where, by when, which resources, the exact remediation
 * steps and console links, in that order, for a reader who acts from the e-mail alone. Pure: the same finding
 * and time give the same text (the CLI's {@code replay --render} prints it).
 */
public final class EmailMessageRenderer {

    private EmailMessageRenderer() {
    }

    /**
     * @param resourceCap how many affected resources to list before "… and N more"
     * @param textCap maximum characters of the detail and of the remediation
     */
    public static String render(Finding f, String eventId, Instant now, int resourceCap, int textCap) {
        StringBuilder b = new StringBuilder();
        b.append('[').append(f.severity()).append("] ").append(f.title()).append("\n\n");
        section(b, AlertPolicy.isAllClear(f) ? "What changed" : "What happened");
        b.append(Text.cap(f.detail(), textCap)).append("\n\n");
        section(b, "Where");
        b.append("  Account:  ").append(f.account()).append('\n');
        b.append("  Region:   ").append(f.region()).append('\n');
        b.append("  Resource: ").append(f.resourceArn()).append(" (").append(f.resourceType().awsType()).append(")\n");
        if (f.keyArn() != null && !f.keyArn().equals(f.resourceArn())) {
            b.append("  Key:      ").append(f.keyArn()).append('\n');
        }
        if (f.keyState() != null) {
            b.append("  Key state: ").append(f.keyState()).append('\n');
        }
        b.append('\n');
        section(b, "By when");
        b.append("  ").append(deadline(f, now)).append("\n\n");
        if (!f.affectedResources().isEmpty()) {
            section(b, "Affected resources (" + Text.count(f.affectedResources().size()) + ")");
            for (String line : Text.firstWithMore(f.affectedResources(), resourceCap)) {
                b.append("  - ").append(line).append('\n');
            }
            b.append('\n');
        }
        section(b, "What to do");
        String fix = f.remediation() == null || f.remediation().isBlank() ? "No action is needed." : f.remediation();
        for (String line : Text.cap(fix, textCap).split("\n")) {
            b.append("  ").append(line).append('\n');
        }
        b.append('\n');
        List<String> links = links(f);
        if (!links.isEmpty()) {
            section(b, "Open in the AWS console");
            links.forEach(l -> b.append("  ").append(l).append('\n'));
            b.append('\n');
        }
        b.append("--\n");
        b.append("Rule ").append(f.ruleId()).append(" | finding ").append(f.stableId()).append(" | event ")
                .append(eventId).append('\n');
        b.append("Sent by neptune-guard. To exempt a resource on purpose, tag it neptune-guard:exempt = "
                + "<reason>; until=YYYY-MM-DD.\n");
        return b.toString();
    }

    static String deadline(Finding f, Instant now) {
        if (f.deletionDate() != null) {
            return "Key deletion: " + Countdown.withDate(f.deletionDate(), now);
        }
        if (AlertPolicy.isAllClear(f)) {
            return "Nothing pending.";
        }
        return "No fixed date: the resource stays out of policy until it is fixed.";
    }

    static List<String> links(Finding f) {
        List<String> links = new java.util.ArrayList<>();
        String cluster = ConsoleLinks.cluster(f.resourceArn());
        if (cluster != null) {
            links.add("Cluster: " + cluster);
        }
        String key = ConsoleLinks.key(f.keyArn() != null ? f.keyArn() : f.resourceArn());
        if (key != null) {
            links.add("Key:     " + key);
        }
        return links;
    }

    private static void section(StringBuilder b, String heading) {
        b.append(heading).append('\n');
    }
}
