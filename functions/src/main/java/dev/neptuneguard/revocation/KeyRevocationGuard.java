package dev.neptuneguard.revocation;

import dev.neptuneguard.events.IgnoreReason;
import dev.neptuneguard.events.Ignored;
import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.Severity;
import dev.neptuneguard.policy.Shell;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The key half of the guard: from a KMS key event (or a countdown reminder) to findings, with reminders and
 * opt-in protection as side effects. It re-reads the key and lists the Neptune resources once per event through
 * the {@link Inventory}; the pure {@link RevocationRules} decide. A key no Neptune resource uses gives no finding
 * but an {@link Ignored} with {@link IgnoreReason#KEY_NOT_IN_USE}.
 */
public final class KeyRevocationGuard {

    private final Inventory inventory;
    private final RevocationRules rules;
    private final Reminders reminders;
    private final List<Duration> offsets;
    private final Protection protection;
    private final Clock clock;

    public KeyRevocationGuard(Inventory inventory, RevocationRules rules, Reminders reminders, List<Duration> offsets,
                              Protection protection, Clock clock) {
        this.inventory = inventory;
        this.rules = rules;
        this.reminders = reminders;
        this.offsets = List.copyOf(offsets);
        this.protection = protection;
        this.clock = clock;
    }

    public RevocationResult handle(KeyTrigger trigger) {
        Instant now = clock.instant();
        KeyUsage usage = KeyUsage.read(inventory);
        if (trigger.keyReference() == null) {
            return store(trigger, usage, now);
        }
        KeyFacts key = usage.key(trigger.keyReference());
        String keyArn = key.arn() != null ? key.arn() : keyArnOf(trigger.keyReference());
        int deleted = 0;
        if (keyArn != null && (trigger.kind() == KeyTrigger.Kind.KEY_DELETION_CANCELLED
                || trigger.kind() == KeyTrigger.Kind.KEY_DELETED)) {
            deleted = reminders.cancel(keyArn);
        }
        BlastRadius radius = usage.radius(key);
        if (!radius.inUse() && inventory.unreachable().isPresent()) {
            return unreachable(trigger, key, inventory.unreachable().get(), deleted);
        }
        if (!radius.inUse()) {
            return RevocationResult.ignored(notInUse(trigger, "key " + KeyText.full(key) + " is used by no Neptune "
                    + "cluster or snapshot in " + usage.region()
                    + (key.verifiable() ? "" : " (the key could not be described: " + key.error() + ")")), deleted);
        }
        if (trigger.kind() == KeyTrigger.Kind.GRANT_RETIRED && awsService(trigger.principal())) {
            return RevocationResult.ignored(new Ignored(IgnoreReason.NO_RISK, "grant retired by the AWS service "
                    + trigger.principal() + " itself (housekeeping when a resource goes away)", trigger.eventId(),
                    trigger.eventName()), deleted);
        }
        List<Finding> findings = rules.evaluate(trigger, radius, now);
        ProtectionOutcome outcome = protection.apply(trigger, radius);
        findings = annotate(findings, outcome, key);
        int created = 0;
        SdkException remindersFailed = null;
        if (trigger.kind() == KeyTrigger.Kind.KEY_DELETION_SCHEDULED && keyArn != null
                && outcome.status() != ProtectionOutcome.Status.PROTECTED && "PendingDeletion".equals(key.keyState())) {
            Instant date = RevocationRules.deletionDate(key, trigger);
            if (date != null) {
                try {
                    created = reminders.schedule(ReminderPlan.plan(keyArn, accountOf(key, trigger),
                            regionOf(key, trigger), date, offsets, now));
                } catch (SdkException e) {
                    remindersFailed = e;
                }
            }
        }
        RevocationResult result = new RevocationResult(findings, null, outcome, created, deleted, "");
        if (remindersFailed != null) {
            throw new RemindersFailedException(result, remindersFailed);
        }
        return result;
    }

    /**
     * A countdown reminder fired: re-alert with the time left while the key is still pending deletion and still
     * used; otherwise delete the key's remaining reminders and stop.
     */
    public RevocationResult remind(Reminder reminder) {
        Instant now = clock.instant();
        KeyUsage usage = KeyUsage.read(inventory);
        KeyFacts key = usage.key(reminder.keyArn());
        BlastRadius radius = usage.radius(key);
        boolean pending = "PendingDeletion".equals(key.keyState()) || "PendingReplicaDeletion".equals(key.keyState());
        if (pending && radius.inUse()) {
            Instant date = key.deletionDate() != null ? key.deletionDate() : reminder.deletionDate();
            boolean last = ReminderPlan.isLast(reminder.offset(), date, offsets, now);
            return new RevocationResult(List.of(rules.reminder(radius, last, now)), null,
                    ProtectionOutcome.of(ProtectionOutcome.Status.OFF, ""), 0, 0, "");
        }
        int deleted = reminders.cancel(reminder.keyArn());
        String why = !pending
                ? "key " + KeyText.full(key) + " is " + (key.verifiable() ? key.keyState() : "not readable ("
                + key.error() + ")") + ", no longer pending deletion"
                : "key " + KeyText.full(key) + " is no longer used by any Neptune cluster or snapshot";
        return new RevocationResult(List.of(), null, ProtectionOutcome.of(ProtectionOutcome.Status.OFF, ""), 0,
                deleted, why + "; reminders stopped");
    }

    private RevocationResult store(KeyTrigger trigger, KeyUsage usage, Instant now) {
        List<KeyFacts> keys = usage.keysInStore(trigger.customKeyStoreId());
        if (keys.isEmpty()) {
            return RevocationResult.ignored(notInUse(trigger, "no key in custom key store "
                    + trigger.customKeyStoreId() + " is used by a Neptune cluster or snapshot in " + usage.region()),
                    0);
        }
        List<Finding> findings = new ArrayList<>();
        for (KeyFacts key : keys) {
            findings.addAll(rules.evaluate(trigger, usage.radius(key), now));
        }
        return new RevocationResult(findings, null, ProtectionOutcome.of(ProtectionOutcome.Status.OFF, ""), 0, 0,
                "");
    }

    /**
     * The event's account cannot be read (organization mode, its role cannot be assumed): which Neptune resources
     * use the key is unknown, so a risky change is reported as "cannot verify" — never dropped as "not in use" —
     * and a change that only restores access needs no alert.
     */
    private RevocationResult unreachable(KeyTrigger trigger, KeyFacts key, String why, int remindersDeleted) {
        if (trigger.kind().clearing()) {
            return RevocationResult.ignored(new Ignored(IgnoreReason.NO_RISK, trigger.eventName() + " only restores "
                    + "access; account " + trigger.account() + " cannot be read (" + why + ")", trigger.eventId(),
                    trigger.eventName()), remindersDeleted);
        }
        return new RevocationResult(List.of(rules.unreachable(trigger, key, why)), null,
                ProtectionOutcome.of(ProtectionOutcome.Status.OFF, ""), 0, remindersDeleted, "");
    }

    private static Ignored notInUse(KeyTrigger trigger, String message) {
        return new Ignored(IgnoreReason.KEY_NOT_IN_USE, message, trigger.eventId(), trigger.eventName());
    }

    /**
     * Puts what protection did in front of the disable / deletion finding. A protected key's finding stays FAILED
     * (someone tried, and should be asked why) but drops to HIGH, carries the key's state after protection and no
     * deletion date, and its remediation says how to let an intended change through.
     */
    private static List<Finding> annotate(List<Finding> findings, ProtectionOutcome outcome, KeyFacts key) {
        if (!outcome.worthSaying()) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            boolean target = f.status() == ComplianceStatus.FAILED
                    && (f.ruleId() == RuleId.KMS_KEY_DISABLED_IN_USE
                    || f.ruleId() == RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE);
            if (!target) {
                out.add(f);
                continue;
            }
            if (outcome.status() != ProtectionOutcome.Status.PROTECTED) {
                out.add(f.withDetail(outcome.message() + "\n" + f.detail()));
                continue;
            }
            // The risk is undone: the finding now reports an attempt that people should review, not a countdown.
            boolean enabled = outcome.steps().contains("EnableKey");
            String remediation = (enabled ? "Nothing to undo: the key is Enabled again."
                    : "The key is Disabled but no longer pending deletion.")
                    + " If the change was intended, move the listed resources to another key first, then tag the "
                    + "key so neptune-guard lets it go, and repeat the change (or make it as an exempt principal):\n"
                    + "aws kms tag-resource --key-id " + Shell.quote(key.displayArn()) + " --tags TagKey="
                    + Protection.ALLOW_REVOCATION_TAG + ",TagValue=true"
                    + (key.region() == null ? "" : " --region " + Shell.quote(key.region()));
            out.add(new Finding(f.ruleId(), Severity.HIGH, f.status(), f.resourceType(), f.resourceArn(),
                    f.resourceId(), f.resourceName(), f.account(), f.region(), f.title() + " (protected)",
                    outcome.message() + "\nWhat was undone: " + f.detail(), remediation, f.keyArn(),
                    enabled ? "Enabled" : "Disabled", null, f.affectedResources(), f.suppressed(),
                    f.suppressionReason()));
        }
        return out;
    }

    /** Service principals appear as {@code rds.amazonaws.com} (CloudTrail {@code invokedBy}), never as ARNs. */
    private static boolean awsService(String principal) {
        return principal != null && !principal.startsWith("arn:") && principal.endsWith(".amazonaws.com");
    }

    private static String keyArnOf(String reference) {
        return reference.startsWith("arn:") && reference.contains(":key/") ? reference : null;
    }

    private String accountOf(KeyFacts key, KeyTrigger trigger) {
        return key.account() != null ? key.account() : trigger.account() != null ? trigger.account()
                : inventory.account();
    }

    private String regionOf(KeyFacts key, KeyTrigger trigger) {
        return key.region() != null ? key.region() : trigger.region() != null ? trigger.region() : inventory.region();
    }
}
