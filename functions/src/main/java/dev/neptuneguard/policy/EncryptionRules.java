package dev.neptuneguard.policy;

import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.KeyRotation;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.SnapshotFacts;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The encryption-at-rest rules for Neptune clusters and cluster snapshots: pure functions from facts and
 * policy to findings. Every applicable rule yields one result: FAILED, PASSED (so that earlier findings
 * can be resolved) or NOT_APPLICABLE with a reason. Rules that need the key are skipped for unencrypted
 * resources; a key that cannot be described yields "cannot verify", never a silent pass.
 */
public final class EncryptionRules {

    /** Cluster statuses in which Neptune has lost access to the key. */
    public static final Set<String> INACCESSIBLE_STATUSES =
            Set.of("inaccessible-encryption-credentials", "inaccessible-encryption-credentials-recoverable");

    private final Policy policy;
    private final KeyAllowlist allowlist;

    public EncryptionRules(Policy policy) {
        this.policy = policy;
        this.allowlist = new KeyAllowlist(policy.allowedKeyArns());
    }

    public Policy policy() {
        return policy;
    }

    /**
     * Evaluates a cluster.
     *
     * @param key the cluster's key, or {@code null} when the cluster is not encrypted
     * @param today the day exemption expiry is judged on
     */
    public List<Finding> evaluateCluster(ClusterFacts cluster, KeyFacts key, LocalDate today) {
        Subject s = Subject.of(cluster);
        List<Finding> out = new ArrayList<>();
        String status = cluster.status() == null ? "" : cluster.status();
        if (INACCESSIBLE_STATUSES.contains(status)) {
            out.add(failed(RuleId.NEPTUNE_CLUSTER_INACCESSIBLE, s, key,
                    "Cluster " + s.name() + " is in status " + status + ": Neptune can no longer use its key"
                            + (key == null ? "" : " " + key.displayArn()) + ".",
                    Remediation.recoverInaccessible(s, key, status)));
        } else if (status.isBlank()) {
            // Unknown is not "has access": never a pass that would resolve an earlier finding.
            out.add(result(RuleId.NEPTUNE_CLUSTER_INACCESSIBLE, ComplianceStatus.NOT_APPLICABLE, s, key,
                    "The status of cluster " + s.name() + " is unknown (the data has no Status), so whether Neptune "
                            + "can still use its key cannot be told.", ""));
        } else {
            out.add(passed(RuleId.NEPTUNE_CLUSTER_INACCESSIBLE, s, key,
                    "Cluster " + s.name() + " has access to its key (status " + status + ")."));
        }
        evaluateCommon(s, key, out, Rules.CLUSTER, today);
        if (s.encrypted() && key != null && key.verifiable()) {
            evaluateOrigin(s, key, out, RuleId.NEPTUNE_CLUSTER_KEY_ORIGIN_BELOW_POLICY);
            evaluateRotation(s, key, out);
        }
        return applyExemptions(s, out, today);
    }

    /** Evaluates a cluster snapshot; {@code key} is {@code null} when the snapshot is not encrypted. */
    public List<Finding> evaluateSnapshot(SnapshotFacts snapshot, KeyFacts key, LocalDate today) {
        Subject s = Subject.of(snapshot);
        List<Finding> out = new ArrayList<>();
        evaluateCommon(s, key, out, Rules.SNAPSHOT, today);
        return applyExemptions(s, out, today);
    }

    /**
     * Evaluates a Neptune Analytics graph. A graph is always encrypted: on a key AWS owns (no key identifier, which
     * cannot be described) or on the KMS key it names, which is judged by what KMS says of it, like a cluster's.
     *
     * @param key the graph's customer key as described, or {@code null} when the graph is on the AWS owned key
     */
    public List<Finding> evaluateGraph(GraphFacts graph, KeyFacts key, LocalDate today) {
        Subject s = Subject.of(graph);
        List<Finding> out = new ArrayList<>();
        String status = graph.status() == null ? "" : graph.status();
        String reason = graph.statusReason() == null || graph.statusReason().isBlank() ? ""
                : " (status reason: " + graph.statusReason() + ")";
        RuleId failure = RuleId.NEPTUNE_GRAPH_INACCESSIBLE;
        boolean keyBroken = key != null && (key.deleted() || key.verifiable() && !key.usable());
        if (status.isBlank()) {
            out.add(result(failure, ComplianceStatus.NOT_APPLICABLE, s, key, "The status of graph " + s.name()
                    + " is unknown (the data has no status), so whether it has failed cannot be told.", ""));
        } else if (!GRAPH_FAILED.equalsIgnoreCase(status)) {
            out.add(passed(failure, s, key, "Graph " + s.name() + " has not failed (status " + status + ")."));
        } else if (graph.awsOwnedKey() || !keyBroken) {
            String why = graph.awsOwnedKey() ? "its key is owned by AWS, which no account can disable or delete"
                    : key == null || !key.verifiable() ? "its key could not be verified"
                    : "KMS reports its key " + key.displayArn() + " as " + key.keyState();
            out.add(result(failure, ComplianceStatus.NOT_APPLICABLE, s, key, "Graph " + s.name() + " is in status "
                    + status + reason + ", but " + why + ": the failure is not shown to come from its key.", ""));
        } else {
            String state = key.deleted() ? "deleted (KMS answers NotFound)" : key.keyState();
            out.add(failed(failure, s, key, "Graph " + s.name() + " is in status " + status + reason + " and its key "
                    + key.displayArn() + " is " + state + ": Neptune Analytics can no longer use the key that holds "
                    + "the graph's data.", key.deleted() ? Remediation.afterKeyDeletion(s, key)
                    : Remediation.restoreKey(key) + "\nThen check the graph: aws neptune-graph get-graph "
                    + "--graph-identifier " + Shell.quote(s.resourceId()) + Remediation.regionFlag(s.region())));
        }
        if (graph.awsOwnedKey()) {
            evaluateAwsOwned(s, out, Rules.GRAPH);
            if (!policy.requiredKeyOrigins().isEmpty()) {
                out.add(failed(RuleId.NEPTUNE_GRAPH_KEY_ORIGIN_BELOW_POLICY, s, null, "Graph " + s.name()
                        + " is on a key that AWS owns, whose origin nobody can choose or verify; policy requires "
                        + String.join(", ", policy.requiredKeyOrigins().stream().sorted().toList()) + ".",
                        reencrypt(s, "Move to a key of a required origin.")));
            }
        } else {
            evaluateCommon(s, key, out, Rules.GRAPH, today);
            if (key != null && key.verifiable()) {
                evaluateOrigin(s, key, out, RuleId.NEPTUNE_GRAPH_KEY_ORIGIN_BELOW_POLICY);
            }
        }
        return applyExemptions(s, out, today);
    }

    /** Evaluates a Neptune Analytics graph snapshot; {@code key} is {@code null} on the AWS owned key. */
    public List<Finding> evaluateGraphSnapshot(GraphSnapshotFacts snapshot, KeyFacts key, LocalDate today) {
        Subject s = Subject.of(snapshot);
        List<Finding> out = new ArrayList<>();
        if (snapshot.awsOwnedKey()) {
            evaluateAwsOwned(s, out, Rules.GRAPH_SNAPSHOT);
        } else {
            evaluateCommon(s, key, out, Rules.GRAPH_SNAPSHOT, today);
        }
        return applyExemptions(s, out, today);
    }

    /** The status of a failed Neptune Analytics graph (the documented statuses have no key-specific one). */
    static final String GRAPH_FAILED = "FAILED";

    /**
     * A graph or graph snapshot on the AWS owned key: it is never described (it cannot be), it can never become
     * unusable through anything the account does, and it is not a customer managed key.
     */
    private void evaluateAwsOwned(Subject s, List<Finding> out, Rules rules) {
        out.add(result(rules.unverifiable(), ComplianceStatus.NOT_APPLICABLE, s, null, s.kind() + " " + s.name()
                + " is on a key that AWS owns: such a key cannot be described, so there is nothing to verify.", ""));
        if (policy.requireCustomerManagedKey()) {
            out.add(failed(rules.awsManaged(), s, null, s.kind() + " " + s.name() + " is encrypted with a key that AWS "
                    + "owns (no kmsKeyIdentifier was given at creation): you cannot restrict it with a key policy, see "
                    + "its use in CloudTrail, or revoke it.", reencrypt(s, "Move to a customer managed key.")));
        }
        if (!allowlist.isEmpty()) {
            out.add(failed(rules.notAllowed(), s, null, s.kind() + " " + s.name() + " is on a key that AWS owns, which "
                    + "is not on the allowed key list (" + allowlist.summary() + ").",
                    reencrypt(s, "Move to an allowed key.")));
        }
        out.add(passed(rules.unusable(), s, null, s.kind() + " " + s.name() + " is on a key that AWS owns, which no "
                + "one in the account can disable or delete."));
    }

    /** The re-encryption path for the subject's kind of resource. */
    private String reencrypt(Subject s, String why) {
        return switch (s.type()) {
            case CLUSTER -> Remediation.reencryptCluster(s, policy, why);
            case GRAPH -> Remediation.reencryptGraph(s, policy, why);
            case GRAPH_SNAPSHOT -> Remediation.reencryptGraphSnapshot(s, policy, why);
            default -> Remediation.reencryptSnapshot(s, policy, why);
        };
    }

    private record Rules(RuleId unencrypted, RuleId awsManaged, RuleId notAllowed, RuleId unusable, RuleId unverifiable) {
        static final Rules CLUSTER = new Rules(RuleId.NEPTUNE_CLUSTER_UNENCRYPTED, RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY,
                RuleId.NEPTUNE_CLUSTER_KEY_NOT_ALLOWED, RuleId.NEPTUNE_CLUSTER_KEY_UNUSABLE,
                RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE);
        static final Rules SNAPSHOT = new Rules(RuleId.NEPTUNE_SNAPSHOT_UNENCRYPTED,
                RuleId.NEPTUNE_SNAPSHOT_AWS_MANAGED_KEY, RuleId.NEPTUNE_SNAPSHOT_KEY_NOT_ALLOWED,
                RuleId.NEPTUNE_SNAPSHOT_KEY_UNUSABLE, RuleId.NEPTUNE_SNAPSHOT_KEY_UNVERIFIABLE);
        /** Graphs are always encrypted: no "unencrypted" rule; "AWS managed" is "not a customer managed key". */
        static final Rules GRAPH = new Rules(null, RuleId.NEPTUNE_GRAPH_AWS_OWNED_KEY,
                RuleId.NEPTUNE_GRAPH_KEY_NOT_ALLOWED, RuleId.NEPTUNE_GRAPH_KEY_UNUSABLE,
                RuleId.NEPTUNE_GRAPH_KEY_UNVERIFIABLE);
        static final Rules GRAPH_SNAPSHOT = new Rules(null, RuleId.NEPTUNE_GRAPH_SNAPSHOT_AWS_OWNED_KEY,
                RuleId.NEPTUNE_GRAPH_SNAPSHOT_KEY_NOT_ALLOWED, RuleId.NEPTUNE_GRAPH_SNAPSHOT_KEY_UNUSABLE,
                RuleId.NEPTUNE_GRAPH_SNAPSHOT_KEY_UNVERIFIABLE);
    }

    private void evaluateCommon(Subject s, KeyFacts key, List<Finding> out, Rules rules, LocalDate today) {
        if (!s.encrypted()) {
            String fix = reencrypt(s, s.type() == ResourceType.CLUSTER ? "Encrypt the data with a customer managed key."
                    : "Encrypt the snapshot with a customer managed key.");
            out.add(failed(rules.unencrypted(), s, null,
                    s.kind() + " " + s.name() + " stores its data unencrypted (StorageEncrypted is false or absent).",
                    fix));
            return;
        }
        if (rules.unencrypted() != null) {
            out.add(passed(rules.unencrypted(), s, key, s.kind() + " " + s.name() + " is encrypted at rest."));
        }
        if (key != null && key.deleted()) {
            out.add(passed(rules.unverifiable(), s, key, "KMS answered for key " + key.displayArn() + ": "
                    + key.error() + "."));
            out.add(failed(rules.unusable(), s, key, deletedKey(s, key), Remediation.afterKeyDeletion(s, key)));
            evaluateAllowlist(s, key, out, rules);
            return;
        }
        if (key == null || !key.verifiable()) {
            String error = key == null ? "no key facts were available" : key.error();
            out.add(failed(rules.unverifiable(), s, key,
                    "Cannot verify the key " + s.kmsKeyId() + " of " + s.kind().toLowerCase() + " " + s.name() + ": "
                            + error + ". Its key manager, state and origin are unknown, so it is not counted as "
                            + "compliant; nothing shows that the key was deleted.",
                    Remediation.unverifiable(s, key)));
            evaluateAllowlist(s, key, out, rules);
            return;
        }
        out.add(passed(rules.unverifiable(), s, key, "Key " + key.displayArn() + " was described."));
        if (policy.requireCustomerManagedKey()) {
            if (key.awsManaged()) {
                String why = s.kind() + " " + s.name() + " uses the AWS managed key " + describe(key)
                        + ": its key policy cannot be restricted and its use cannot be audited or revoked by you.";
                out.add(failed(rules.awsManaged(), s, key, why, reencrypt(s, "Move to a customer managed key.")));
            } else {
                out.add(passed(rules.awsManaged(), s, key, s.kind() + " " + s.name()
                        + " uses the customer managed key " + describe(key) + "."));
            }
        }
        evaluateAllowlist(s, key, out, rules);
        if (key.usable()) {
            out.add(passed(rules.unusable(), s, key, "Key " + describe(key) + " is " + key.keyState() + "."));
        } else {
            String when = key.deletionDate() == null ? ""
                    : key.deletionDate().isBefore(today.atStartOfDay(ZoneOffset.UTC).toInstant())
                    ? " Its deletion was due on " + key.deletionDate()
                    + ": the key is probably deleted by now — check with aws kms describe-key."
                    : " It will be deleted on " + key.deletionDate() + ".";
            String consequence = switch (s.type()) {
                case CLUSTER -> " Neptune will move the cluster to a terminal state "
                        + "(inaccessible-encryption-credentials) once its cached data key expires; it can then only be "
                        + "restored from a backup on another key.";
                case GRAPH -> " Neptune Analytics cannot read the graph's data without its key: the graph is lost with "
                        + "the key unless a snapshot on another key exists.";
                default -> " The snapshot cannot be restored while the key is unusable, and is lost if the key is "
                        + "deleted.";
            };
            String state = key.keyState() == null ? "in an unknown state" : key.keyState();
            out.add(failed(rules.unusable(), s, key, s.kind() + " " + s.name() + " depends on key " + describe(key)
                    + " which is " + state + "." + when + consequence, Remediation.restoreKey(key)));
        }
    }

    private void evaluateAllowlist(Subject s, KeyFacts key, List<Finding> out, Rules rules) {
        if (allowlist.isEmpty()) {
            return;
        }
        KeyFacts k = key != null ? key : KeyFacts.unverifiable(s.kmsKeyId(), "not described");
        if (allowlist.allows(k)) {
            out.add(passed(rules.notAllowed(), s, key, "Key " + describe(k) + " is on the allowed key list."));
        } else if (!k.verifiable() && allowlist.needsAliases()) {
            // The allowlist names aliases that only DescribeKey/ListAliases can confirm: the unverifiable
            // finding already says the key could not be checked.
            return;
        } else {
            String fix = reencrypt(s, "Move to an allowed key.");
            out.add(failed(rules.notAllowed(), s, key, s.kind() + " " + s.name() + " uses key " + describe(k)
                    + ", which is not on the allowed key list (" + allowlist.summary() + ").", fix));
        }
    }

    private void evaluateOrigin(Subject s, KeyFacts key, List<Finding> out, RuleId rule) {
        if (policy.requiredKeyOrigins().isEmpty()) {
            return;
        }
        String required = String.join(", ", policy.requiredKeyOrigins().stream().sorted().toList());
        // The policy's set is immutable and rejects contains(null); an unknown origin cannot meet the policy.
        if (key.origin() != null && policy.requiredKeyOrigins().contains(key.origin())) {
            out.add(passed(rule, s, key, "Key " + describe(key) + " has origin " + key.origin() + " (required: "
                    + required + ")."));
        } else {
            out.add(failed(rule, s, key, s.kind() + " " + s.name() + " uses key " + describe(key) + " with origin "
                    + (key.origin() == null ? "unknown" : key.origin()) + "; policy requires " + required + ".",
                    reencrypt(s, "Move to a key with origin " + required + ".")));
        }
    }

    private void evaluateRotation(Subject s, KeyFacts key, List<Finding> out) {
        if (!policy.requireKeyRotation()) {
            return;
        }
        RuleId rule = RuleId.NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED;
        KeyRotation rotation = key.awsManaged() ? KeyRotation.ENABLED : key.rotation();
        switch (rotation) {
            case ENABLED -> out.add(passed(rule, s, key, "Key " + describe(key) + " rotates automatically."));
            case DISABLED -> out.add(failed(rule, s, key, "Cluster " + s.name() + " uses key " + describe(key)
                    + " whose automatic rotation is off.", Remediation.enableRotation(key)));
            case NOT_SUPPORTED -> out.add(result(rule, ComplianceStatus.NOT_APPLICABLE, s, key, "Key "
                    + describe(key) + " has origin " + key.origin() + ", which KMS cannot rotate automatically; "
                    + "rotate it manually (new key, re-encrypt by snapshot and restore).", ""));
            case UNKNOWN, UNREADABLE -> out.add(failed(rule, s, key, "Cannot verify the automatic rotation of key "
                    + describe(key) + " used by cluster " + s.name() + ": " + (key.rotationError() != null
                    ? key.rotationError() : "its rotation status was not read") + ". The policy requires rotation, so "
                    + "an unknown status is not counted as compliant.", Remediation.verifyRotation(key, s)));
            default -> throw new IllegalStateException("unhandled rotation " + rotation);
        }
    }

    private List<Finding> applyExemptions(Subject s, List<Finding> findings, LocalDate today) {
        Optional<Exemption> exemption = Exemption.fromTags(s.tags());
        if (exemption.isEmpty()) {
            return findings;
        }
        Exemption e = exemption.get();
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (f.status() != ComplianceStatus.FAILED) {
                out.add(f);
            } else if (e.activeOn(today)) {
                out.add(f.suppress(e.describe()));
            } else {
                out.add(f.withDetail(f.detail() + " " + e.whyInactive()));
            }
        }
        return out;
    }

    /** The unusable-key text for a key KMS reports as not found; a resource that still looks healthy says so. */
    private static String deletedKey(Subject s, KeyFacts key) {
        StringBuilder d = new StringBuilder(s.kind()).append(' ').append(s.name()).append(" depends on key ")
                .append(key.displayArn()).append(", which KMS reports as not found (").append(key.error())
                .append("): the key was deleted.");
        if (s.type() == ResourceType.CLUSTER) {
            d.append(" Neptune can never decrypt the cluster again; it ends in the terminal "
                    + "inaccessible-encryption-credentials state and can only be restored from a backup on another "
                    + "key.");
            if (!INACCESSIBLE_STATUSES.contains(s.status() == null ? "" : s.status())) {
                d.append(" Yet the cluster reads status ").append(s.status() == null ? "unknown" : s.status())
                        .append(": either the data predates the deletion (a stale export) or the key was deleted "
                                + "minutes ago and Neptune has not noticed yet. Confirm with aws kms describe-key.");
            }
        } else if (s.type() == ResourceType.GRAPH) {
            d.append(" Neptune Analytics can never read the graph's data again; only a snapshot on another key or the "
                    + "source data can bring it back.");
        } else {
            d.append(" The snapshot can never be restored or copied.");
        }
        return d.toString();
    }

    private static String describe(KeyFacts key) {
        String alias = key.primaryAlias();
        return alias == null ? key.displayArn() : key.displayArn() + " (" + alias + ")";
    }

    private static Finding failed(RuleId rule, Subject s, KeyFacts key, String detail, String remediation) {
        return result(rule, ComplianceStatus.FAILED, s, key, detail, remediation);
    }

    private static Finding passed(RuleId rule, Subject s, KeyFacts key, String detail) {
        return result(rule, ComplianceStatus.PASSED, s, key, detail, "");
    }

    private static Finding result(RuleId rule, ComplianceStatus status, Subject s, KeyFacts key, String detail,
                                  String remediation) {
        String note = s.source() == FactSource.EVENT
                ? " (Evaluated from the CloudTrail event's response: the resource was not yet visible to Describe.)"
                : "";
        String keyArn = key != null ? key.displayArn() : s.encrypted() ? s.kmsKeyId() : null;
        return new Finding(rule, rule.defaultSeverity(), status, s.type(), s.arn(), s.resourceId(), s.name(),
                s.account(), s.region(), rule.title() + ": " + s.name(), detail + note, remediation,
                keyArn, key != null ? key.keyState() : null, key != null ? key.deletionDate() : null,
                List.of(), false, null);
    }
}
