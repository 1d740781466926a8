package dev.neptuneguard.remediation;

import java.util.ArrayList;
import java.util.List;

/** A plan as the lines a person reads: what, which path and why, numbered steps with their calls, refusals. */
public final class PlanText {

    private PlanText() {
    }

    public static List<String> lines(Plan plan) {
        List<String> out = new ArrayList<>();
        String what = plan.subject() == Plan.Subject.CLUSTER ? "cluster " : "cluster snapshot ";
        out.add("Re-encrypt " + what + plan.source() + " (" + plan.region() + ") onto key " + plan.keyArn());
        out.add("Path: " + pathName(plan.path()) + ". " + plan.why());
        ClusterConfiguration c = plan.cluster();
        if (c != null) {
            out.add("Read: " + c.instances().size() + " instance(s) "
                    + String.join(", ", c.instances().stream().map(i -> i.identifier() + " " + i.instanceClass()
                    + (i.writer() ? " writer" : " tier " + i.promotionTier())).toList())
                    + "; " + c.roles().size() + " role(s); " + c.tags().size() + " tag(s)"
                    + (c.serverless() ? "; serverless v2 " + ParameterText.of(c.serverlessMin()) + "-"
                    + ParameterText.of(c.serverlessMax()) + " NCUs" : "") + ".");
        }
        out.add("Steps (each waits until its resource is available):");
        for (Step s : plan.steps()) {
            out.add(String.format("%2d. %s", s.number(), s.call()));
            if (!s.preserves().isEmpty()) {
                out.add("    carries over: " + s.preserves());
            }
        }
        out.add("Creates: " + String.join("; ", plan.creates()) + ". Nothing is deleted; the old "
                + (plan.subject() == Plan.Subject.CLUSTER ? "cluster" : "snapshot") + " stays until a person removes it.");
        if (!plan.notCarriedOver().isEmpty()) {
            out.add("Not carried over:");
            plan.notCarriedOver().forEach(n -> out.add("  - " + n));
        }
        if (plan.subject() == Plan.Subject.CLUSTER) {
            out.add("Then --cutover renames " + plan.source() + " aside and " + plan.target() + " to "
                    + plan.source() + ", and the instances likewise. " + Cutover.WARNING);
        }
        if (plan.runnable()) {
            out.add("Preconditions: all met.");
        } else {
            out.add("REFUSED: " + plan.refusals().size() + " precondition(s) not met:");
            plan.refusals().forEach(r -> out.add("  - [" + r.check() + "] " + r.reason()));
        }
        return out;
    }

    static String pathName(Plan.Path path) {
        return switch (path) {
            case SNAPSHOT_RESTORE -> "snapshot, then RestoreDBClusterFromSnapshot with KmsKeyId";
            case POINT_IN_TIME_RESTORE -> "RestoreDBClusterToPointInTime with KmsKeyId";
            case SNAPSHOT_COPY -> "CopyDBClusterSnapshot with KmsKeyId";
            case RESTORE_THEN_SNAPSHOT -> "RestoreDBClusterFromSnapshot with KmsKeyId, then CreateDBClusterSnapshot";
        };
    }
}
