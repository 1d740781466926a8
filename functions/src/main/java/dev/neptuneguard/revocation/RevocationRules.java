package dev.neptuneguard.revocation;

import dev.neptuneguard.events.Arns;
import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.json.Dates;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key-revocation rules: pure functions from a key event, the key as it is now, and its blast radius to
 * findings about the key. The live key state decides the state rule (an event may be late or replayed: a
 * DisableKey event for a key that is Enabled again clears instead of alerting); the event adds who and when, and
 * decides the rules that have no key state (grant revoked, key policy changed, key deleted). Findings name every
 * affected cluster and snapshot, when they become unrecoverable, whether each cluster has a way back, and the
 * exact commands to fix it. The caller decides that a key nobody uses gets no finding at all.
 */
public final class RevocationRules {

    /** At most this many clusters and snapshots are listed in a finding's text; all are in affectedResources. */
    static final int MAX_LISTED = 10;

    /** What a CancelKeyDeletion that leaves the key Disabled (as KMS always does) means for its users. */
    static final String CANCELLED_STILL_DISABLED = "deletion cancelled; the key is still disabled — enable it";

    /**
     * Findings for one key event. {@code radius.key()} is the key as described now, and its state wins over the
     * event's claim: only KMS answering NotFound makes a key "deleted"; a deletion event for a key that KMS still
     * describes is reported by the key's state, saying that the event disagreed; a deletion event for a key that
     * cannot be re-read is reported as unconfirmed, without destructive advice.
     */
    public List<Finding> evaluate(KeyTrigger trigger, BlastRadius radius, Instant now) {
        KeyFacts key = radius.key();
        List<Finding> out = new ArrayList<>();
        switch (trigger.kind()) {
            case GRANT_REVOKED, GRANT_RETIRED -> out.add(grantRevoked(trigger, radius));
            case KEY_POLICY_CHANGED -> out.add(policyChanged(trigger, radius));
            default -> {
                // the state rules below cover it
            }
        }
        boolean deletionEvent = trigger.kind() == KeyTrigger.Kind.KEY_DELETED;
        boolean stateEvent = deletionEvent || stateRule(trigger.kind()) != null;
        if (key.deleted()) {
            out.add(deleted(radius, (deletionEvent ? "The key was deleted (" + trigger.eventName() + " at "
                    + trigger.eventTime() + ") and KMS confirms it: " : "KMS reports the key as not found: ")
                    + key.error() + ".", trigger));
        } else if (key.usable()) {
            if (trigger.kind().clearing() || stateEvent) {
                out.add(cleared(trigger, radius, disagreement(trigger, key)));
            }
        } else if (key.verifiable()) {
            RuleId rule = stateRule(key.keyState());
            if (rule != null) {
                out.add(state(rule, radius, context(trigger) + disagreement(trigger, key), deletionDate(key, trigger),
                        now, trigger));
            }
        } else if (deletionEvent) {
            out.add(unconfirmedDeletion(trigger, radius));
        } else if (stateEvent) {
            // The key could not be re-read (access denied, throttled into an error): trust the event.
            out.add(state(stateRule(trigger.kind()), radius, context(trigger) + " The key could not be re-read ("
                    + key.error() + "), so this is based on the event alone.", deletionDate(key, trigger), now,
                    trigger));
        }
        return out;
    }

    /** For a deletion event about a key KMS still describes: the event lost to the state, and the text says so. */
    private static String disagreement(KeyTrigger t, KeyFacts key) {
        if (t.kind() != KeyTrigger.Kind.KEY_DELETED) {
            return "";
        }
        return " The event reported the key as deleted, but KMS describes it as " + key.keyState() + " now; the key's "
                + "current state wins (the event may be replayed, late, or about another key).";
    }

    /**
     * The finding for a key found in a bad state without an event (the reconciliation sweep): the state rule for
     * an unusable key, {@link RuleId#KMS_KEY_DELETED_IN_USE} for a key KMS no longer knows; empty for a usable key
     * or one that could not be described for another reason.
     */
    public Optional<Finding> evaluateState(BlastRadius radius, Instant now) {
        KeyFacts key = radius.key();
        if (!key.verifiable()) {
            return key.deleted()
                    ? Optional.of(deleted(radius, "KMS reports the key as not found (" + key.error() + "): it has been "
                    + "deleted.", null))
                    : Optional.empty();
        }
        RuleId rule = stateRule(key.keyState());
        if (rule == null) {
            return Optional.empty();
        }
        return Optional.of(state(rule, radius, "Found by the reconciliation sweep at "
                + now.truncatedTo(ChronoUnit.SECONDS) + ".",
                key.deletionDate(), now, null));
    }

    /**
     * A countdown reminder for a key still pending deletion: the deletion finding again, with the time left in
     * its title and first sentence. {@code last} marks the final reminder.
     */
    public Finding reminder(BlastRadius radius, boolean last, Instant now) {
        KeyFacts key = radius.key();
        Instant date = key.deletionDate();
        String when = date == null ? "soon" : TimeLeft.words(Duration.between(now, date));
        String lead = "Reminder" + (last ? " (last)" : "") + ": key " + KeyText.name(key) + " will be deleted " + when
                + (date == null ? "" : " (" + date + ")") + " and is still used by Neptune.";
        Finding f = state(RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE, radius, lead, date, now, null);
        String title = f.title() + " — deleted " + when + (last ? ", last reminder" : "");
        return new Finding(f.ruleId(), f.severity(), f.status(), f.resourceType(), f.resourceArn(), f.resourceId(),
                f.resourceName(), f.account(), f.region(), title, f.detail(), f.remediation(), f.keyArn(),
                f.keyState(), f.deletionDate(), f.affectedResources(), false, null);
    }

    /**
     * When the key will be deleted: DescribeKey's {@code DeletionDate}; else the event time plus the pending window;
     * the event's own {@code deletionDate} text (several formats exist) only as a last resort, read leniently.
     * Unknown for {@code PendingReplicaDeletion}: the waiting period starts when the last replica is gone.
     */
    public static Instant deletionDate(KeyFacts key, KeyTrigger trigger) {
        if (key.deletionDate() != null) {
            return key.deletionDate();
        }
        if (key.verifiable() && !"PendingDeletion".equals(key.keyState())) {
            return null;
        }
        if (trigger == null || trigger.kind() != KeyTrigger.Kind.KEY_DELETION_SCHEDULED
                || "PendingReplicaDeletion".equals(trigger.keyStateFromEvent())) {
            return null;
        }
        if (trigger.eventTime() != null && trigger.pendingWindowInDays() != null) {
            return trigger.eventTime().plus(Duration.ofDays(trigger.pendingWindowInDays()));
        }
        return Dates.parseLenient(trigger.deletionDateText());
    }

    /** The rule for an unusable key state; {@code null} for a usable (or unknown) state. */
    static RuleId stateRule(String keyState) {
        if (keyState == null) {
            return null;
        }
        return switch (keyState) {
            case "Disabled" -> RuleId.KMS_KEY_DISABLED_IN_USE;
            case "PendingDeletion", "PendingReplicaDeletion" -> RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE;
            case "PendingImport" -> RuleId.KMS_KEY_MATERIAL_DELETED_IN_USE;
            case "Unavailable" -> RuleId.KMS_KEY_STORE_DISCONNECTED_IN_USE;
            default -> null;
        };
    }

    /** The state rule an event announces; {@code null} for events that are not about the key's state. */
    static RuleId stateRule(KeyTrigger.Kind kind) {
        return switch (kind) {
            case KEY_DISABLED -> RuleId.KMS_KEY_DISABLED_IN_USE;
            case KEY_DELETION_SCHEDULED -> RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE;
            case KEY_MATERIAL_DELETED, KEY_MATERIAL_EXPIRED -> RuleId.KMS_KEY_MATERIAL_DELETED_IN_USE;
            case KEY_STORE_DISCONNECTED -> RuleId.KMS_KEY_STORE_DISCONNECTED_IN_USE;
            default -> null;
        };
    }

    private static String context(KeyTrigger t) {
        String what = switch (t.kind()) {
            case KEY_DELETION_CANCELLED -> "The deletion was cancelled";
            case KEY_ENABLED -> "The key was enabled";
            case KEY_MATERIAL_IMPORTED -> "Key material was imported";
            case KEY_STORE_CONNECTED -> "Custom key store " + t.customKeyStoreId() + " was asked to connect";
            case KEY_STORE_DISCONNECTED -> "Custom key store " + t.customKeyStoreId() + " was disconnected";
            case KEY_MATERIAL_EXPIRED -> "The imported key material expired";
            default -> t.eventName();
        };
        String by = t.principal() == null || t.kind() == KeyTrigger.Kind.KEY_MATERIAL_EXPIRED ? ""
                : " by " + t.principal();
        return what + by + (t.eventTime() == null ? "" : " at " + t.eventTime()) + ".";
    }

    private Finding state(RuleId rule, BlastRadius r, String context, Instant date, Instant now, KeyTrigger t) {
        KeyFacts key = r.key();
        String state = key.keyState() != null ? key.keyState() : expectedState(rule);
        boolean cancelledStillDisabled = t != null && t.kind() == KeyTrigger.Kind.KEY_DELETION_CANCELLED
                && "Disabled".equals(state);
        StringBuilder d = new StringBuilder(cancelledStillDisabled ? capitalized(CANCELLED_STILL_DISABLED) + ". " : "")
                .append(context).append(' ');
        if (cancelledStillDisabled) {
            d.append("CancelKeyDeletion leaves a key Disabled: key ").append(KeyText.full(key))
                    .append(" still needs 'aws kms enable-key'. ");
        } else if (t != null && t.kind() == KeyTrigger.Kind.KEY_STORE_CONNECTED && "Unavailable".equals(state)) {
            d.append("Connecting takes several minutes; key ").append(KeyText.full(key))
                    .append(" is still Unavailable. The next sweep or event will confirm. ");
        }
        d.append(stateSentence(key, state, date, now)).append(' ');
        if (rule == RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE && date != null && date.isBefore(now)) {
            d.append("If KMS has deleted it, ").append(r.counted()).append(agree(r, " is", " are"))
                    .append(" lost with it; if the deletion is still pending, cancel it at once.");
        } else if (rule == RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE && date != null) {
            d.append(capitalized(r.counted())).append(agree(r, " becomes", " become")).append(" unrecoverable on ")
                    .append(date.atZone(ZoneOffset.UTC).toLocalDate())
                    .append(" unless the deletion is cancelled: once the key is gone Neptune can never decrypt them, "
                            + "and snapshots on this key are lost with it.");
        } else if (rule == RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE) {
            d.append(capitalized(r.counted()))
                    .append(agree(r, " depends on it and becomes", " depend on it and become"))
                    .append(" unrecoverable once it is deleted.");
        } else {
            d.append(capitalized(r.counted())).append(agree(r, " depends", " depend")).append(" on it. While the key "
                    + "is unusable Neptune cannot "
                    + "read them: a cluster moves to inaccessible-encryption-credentials-recoverable once its cached "
                    + "data key expires, and to the terminal inaccessible-encryption-credentials state if access is "
                    + "not restored in time; snapshots on this key cannot be restored or copied.");
        }
        d.append(listing(r));
        Finding f = finding(rule, rule.defaultSeverity(), ComplianceStatus.FAILED, r, t, d.toString(),
                Fixes.forState(rule, key, r), date);
        if (!cancelledStillDisabled) {
            return f;
        }
        // The event cancelled a deletion: "was disabled" would misreport it; say what happened and what is left.
        return new Finding(f.ruleId(), f.severity(), f.status(), f.resourceType(), f.resourceArn(), f.resourceId(),
                f.resourceName(), f.account(), f.region(), "KMS key " + CANCELLED_STILL_DISABLED + ": "
                + KeyText.name(key), f.detail(), f.remediation(), f.keyArn(), f.keyState(), f.deletionDate(),
                f.affectedResources(), false, null);
    }

    private static String stateSentence(KeyFacts key, String state, Instant date, Instant now) {
        String k = "Key " + KeyText.full(key);
        return switch (state == null ? "" : state) {
            case "Disabled" -> k + " is Disabled.";
            case "PendingDeletion" -> date == null ? k + " is PendingDeletion; its deletion date is unknown."
                    : date.isBefore(now) ? k + " reads PendingDeletion, but its deletion was due on " + date + " ("
                    + TimeLeft.ago(Duration.between(date, now)) + "): the key is probably deleted by now (this data "
                    + "predates it) — check with aws kms describe-key."
                    : k + " is PendingDeletion and will be deleted on " + date + " ("
                    + TimeLeft.words(Duration.between(now, date)) + ").";
            case "PendingReplicaDeletion" -> k + " is a multi-Region primary key in PendingReplicaDeletion: KMS "
                    + "deletes it " + (key.pendingDeletionWindowInDays() == null ? "a waiting period"
                    : key.pendingDeletionWindowInDays() + " days") + " after its last replica key is deleted, so the "
                    + "deletion date is not fixed yet.";
            case "PendingImport" -> k + " is PendingImport: its imported key material was deleted or has expired.";
            case "Unavailable" -> k + " is Unavailable because its custom key store "
                    + (key.customKeyStoreId() == null ? "" : key.customKeyStoreId() + " ") + "is disconnected.";
            default -> k + " is " + state + ".";
        };
    }

    private static String expectedState(RuleId rule) {
        return switch (rule) {
            case KMS_KEY_DISABLED_IN_USE -> "Disabled";
            case KMS_KEY_DELETION_SCHEDULED_IN_USE -> "PendingDeletion";
            case KMS_KEY_MATERIAL_DELETED_IN_USE -> "PendingImport";
            case KMS_KEY_STORE_DISCONNECTED_IN_USE -> "Unavailable";
            default -> null;
        };
    }

    private Finding deleted(BlastRadius r, String context, KeyTrigger t) {
        long withPath = r.clusters().stream().filter(AffectedCluster::hasRecoveryPath).count();
        String d = context + " " + capitalized(r.counted()) + agree(r, " was", " were") + " encrypted with key "
                + KeyText.full(r.key()) + " and can no longer be decrypted: the clusters end in the terminal "
                + "inaccessible-encryption-credentials state and the snapshots can never be restored. Clusters with a "
                + "recovery path: " + withPath + " of " + r.clusters().size() + "." + listing(r);
        return finding(RuleId.KMS_KEY_DELETED_IN_USE, RuleId.KMS_KEY_DELETED_IN_USE.defaultSeverity(),
                ComplianceStatus.FAILED, r, t, d, Fixes.afterDeletion(r), null);
    }

    private Finding grantRevoked(KeyTrigger t, BlastRadius r) {
        String verb = t.kind() == KeyTrigger.Kind.GRANT_RETIRED ? "retired" : "revoked";
        String d = "Grant " + (t.grantId() == null ? "(id not logged)" : t.grantId()) + " on key "
                + KeyText.full(r.key()) + " was " + verb + " by " + t.principal() + " at " + t.eventTime() + ". "
                + "CloudTrail does not record the grantee of a " + verb + " grant and the grant no longer exists, so "
                + "neptune-guard cannot tell whether it was a grant RDS holds for one of these clusters. If this was "
                + "the RDS grant, Neptune loses access to the key for that cluster just as if the key were disabled. "
                + capitalized(r.counted()) + agree(r, " uses", " use") + " this key." + listing(r);
        return finding(RuleId.KMS_KEY_GRANT_REVOKED_IN_USE, Severity.HIGH, ComplianceStatus.FAILED, r, t, d,
                Fixes.grant(r), null);
    }

    private Finding policyChanged(KeyTrigger t, BlastRadius r) {
        KeyFacts key = r.key();
        String region = key.region() != null ? key.region() : t.region();
        String account = key.account() != null ? key.account() : t.account();
        KeyPolicyAnalysis.Verdict v = KeyPolicyAnalysis.analyse(t.policyDocument(), account, region);
        String lead = "The key policy of " + KeyText.full(key) + " was replaced by " + t.principal() + " at "
                + t.eventTime() + ". ";
        if (!v.readable()) {
            return finding(RuleId.KMS_KEY_POLICY_CHANGED_IN_USE, Severity.LOW, ComplianceStatus.FAILED, r, t,
                    lead + v.summary() + " Check that it still lets RDS use the key: " + capitalized(r.counted())
                            + agree(r, " depends", " depend") + " on it." + listing(r),
                    Fixes.policy(key, region, null), null);
        }
        if (v.blocksNeptune()) {
            return finding(RuleId.KMS_KEY_POLICY_CHANGED_IN_USE, Severity.HIGH, ComplianceStatus.FAILED, r, t,
                    lead + "It cuts Neptune off: " + v.reason() + ". " + capitalized(r.counted())
                            + agree(r, " depends", " depend") + " on this key; RDS cannot create grants or decrypt "
                            + "data keys for them. " + v.summary() + listing(r), Fixes.policy(key, region, v.reason()),
                    null);
        }
        return finding(RuleId.KMS_KEY_POLICY_CHANGED_IN_USE, Severity.INFORMATIONAL, ComplianceStatus.PASSED, r, t,
                lead + v.summary() + " It still lets the account use the key through RDS, so the "
                        + r.counted() + agree(r, " that depends on it is", " that depend on it are") + " not affected.",
                "No action needed.", null);
    }

    private Finding cleared(KeyTrigger t, BlastRadius r, String note) {
        String d = context(t) + note + " Key " + KeyText.full(r.key()) + " is " + r.key().keyState()
                + (note.isEmpty() ? " again" : "") + ": the " + r.counted()
                + agree(r, " that uses it", " that use it") + " can reach it.";
        return finding(RuleId.KMS_KEY_RISK_CLEARED, Severity.INFORMATIONAL, ComplianceStatus.PASSED, r, t, d,
                "No action needed.", null);
    }

    /**
     * A deletion event for a key that cannot be re-read (access denied, another account's key): the event alone
     * does not prove the deletion, so no deletion finding and no destructive advice, only what to check.
     */
    private Finding unconfirmedDeletion(KeyTrigger t, BlastRadius r) {
        KeyFacts key = r.key();
        String region = key.region() != null ? " --region " + key.region()
                : t.region() != null ? " --region " + t.region() : "";
        String d = context(t) + " The event reports key " + KeyText.full(key) + " as deleted, but the key could not "
                + "be re-read (" + key.error() + "), so the deletion is not confirmed. " + capitalized(r.counted())
                + agree(r, " depends", " depend") + " on it: if it is gone, Neptune can never decrypt "
                + agree(r, "it", "them") + "." + listing(r);
        String fix = "Confirm the key's state: aws kms describe-key --key-id " + key.displayArn() + region
                + "\nOnly a NotFoundException answer means the key is gone (then restore each cluster from a backup on "
                + "another key). If the call is refused, " + key.howToVerify(t.account()) + ".";
        return finding(RuleId.KMS_KEY_UNVERIFIABLE_IN_USE, RuleId.KMS_KEY_UNVERIFIABLE_IN_USE.defaultSeverity(),
                ComplianceStatus.FAILED, r, t, d, fix, null);
    }

    /**
     * A key event in an account the guard cannot read: the blast radius is unknown, so the finding says what the
     * event did, why the account could not be read, and how to make it readable; never "not in use".
     */
    public Finding unreachable(KeyTrigger t, KeyFacts key, String why) {
        String what = t.kind() == KeyTrigger.Kind.KEY_DELETED ? "reports key " + KeyText.full(key) + " as deleted"
                : "changes key " + KeyText.full(key);
        String d = context(t) + " The event " + what + " in account " + t.account() + ", but the guard cannot read "
                + "that account (" + why + "): which Neptune clusters and snapshots depend on the key, and the key's "
                + "state, are unknown.";
        String fix = "Make the account readable: deploy the member stack there (its read role), or check that the "
                + "role trusts this guard. Then check the key and its users:\n"
                + "aws kms describe-key --key-id " + key.displayArn() + (t.region() == null ? "" : " --region "
                + t.region()) + "\nneptune-guard scan --region " + (t.region() == null ? "<region>" : t.region())
                + " (with credentials for account " + t.account() + ")";
        BlastRadius unknown = new BlastRadius(key, List.of(), List.of());
        return finding(RuleId.KMS_KEY_UNVERIFIABLE_IN_USE, RuleId.KMS_KEY_UNVERIFIABLE_IN_USE.defaultSeverity(),
                ComplianceStatus.FAILED, unknown, t, d, fix, null);
    }

    private static String listing(BlastRadius r) {
        StringBuilder b = new StringBuilder();
        if (!r.clusters().isEmpty()) {
            b.append("\nClusters:");
            r.clusters().stream().limit(MAX_LISTED).forEach(c -> b.append("\n- ").append(c.describe()));
            more(b, r.clusters().size());
        }
        if (!r.snapshots().isEmpty()) {
            b.append("\nSnapshots on this key:");
            r.snapshots().stream().limit(MAX_LISTED).forEach(s -> b.append("\n- ").append(s.identifier()).append(" (")
                    .append(s.snapshotType() == null ? "type unknown" : s.snapshotType()).append(", ")
                    .append(s.status() == null ? "status unknown" : s.status()).append(')'));
            more(b, r.snapshots().size());
        }
        if (!r.graphs().isEmpty()) {
            b.append("\nNeptune Analytics graphs:");
            r.graphs().stream().limit(MAX_LISTED).forEach(g -> b.append("\n- ").append(g.name() != null ? g.name()
                    : g.id()).append(" (").append(g.id()).append(", ").append(g.status() == null ? "status unknown"
                    : g.status()).append(')'));
            more(b, r.graphs().size());
        }
        if (!r.graphSnapshots().isEmpty()) {
            b.append("\nGraph snapshots on this key:");
            r.graphSnapshots().stream().limit(MAX_LISTED).forEach(s -> b.append("\n- ").append(s.name() != null
                    ? s.name() : s.id()).append(" (").append(s.id()).append(", ").append(s.status() == null
                    ? "status unknown" : s.status()).append(')'));
            more(b, r.graphSnapshots().size());
        }
        long terminal = r.clusters().stream()
                .filter(AffectedCluster::lostKeyAccess).count();
        if (terminal > 0) {
            b.append("\n").append(terminal).append(" of the clusters already lost access to the key.");
        }
        return b.toString();
    }

    private static void more(StringBuilder b, int size) {
        if (size > MAX_LISTED) {
            b.append("\n- … and ").append(size - MAX_LISTED).append(" more (all in affectedResources)");
        }
    }

    private static Finding finding(RuleId rule, Severity severity, ComplianceStatus status, BlastRadius r,
                                   KeyTrigger t, String detail, String remediation, Instant deletionDate) {
        KeyFacts key = r.key();
        String arn = key.displayArn();
        String account = key.account() != null ? key.account() : Arns.account(arn);
        String region = key.region() != null ? key.region() : Arns.region(arn);
        if (account == null && t != null) {
            account = t.account();
        }
        if (region == null && t != null) {
            region = t.region();
        }
        return new Finding(rule, severity, status, ResourceType.KEY, arn, key.keyId(), KeyText.name(key), account,
                region, rule.title() + ": " + KeyText.name(key), detail, remediation, arn, key.keyState(),
                deletionDate, r.affectedArns(), false, null);
    }

    private static String agree(BlastRadius r, String singular, String plural) {
        return r.size() == 1 ? singular : plural;
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
