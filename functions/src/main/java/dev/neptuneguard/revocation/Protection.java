package dev.neptuneguard.revocation;

import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.KeyFacts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Opt-in protection: when a key that at least one live Neptune cluster needs is scheduled for deletion or
 * disabled, cancel the deletion (and re-enable the key when it was in use until then), or re-enable it, and tag it
 * with what was done, when and why. Exempt: callers in the exempt list, keys tagged
 * {@code neptune-guard:allow-revocation=true}. Keys no live cluster uses are left alone.
 *
 * <p>Whether a key was Enabled before ScheduleKeyDeletion is not in the event, and KMS does not keep a key's
 * previous state. The key is re-enabled when a live cluster on it still has access (its status is not one of the
 * inaccessible-encryption-credentials states): such a key was serving Neptune until the deletion was scheduled.
 * When every live cluster had already lost access, the key was unusable before; only the deletion is cancelled
 * and the alert says that enabling it is a decision for people.
 *
 * <p>A failed KMS call does not stop the alert: the outcome says what failed, so people can do the rest by hand.
 */
public final class Protection {

    public static final String ALLOW_REVOCATION_TAG = "neptune-guard:allow-revocation";
    public static final String PROTECTED_AT_TAG = "neptune-guard:protected-at";
    public static final String PROTECTED_REASON_TAG = "neptune-guard:protected-reason";
    private static final int MAX_TAG_VALUE = 256;

    private final ProtectionSettings settings;
    private final KeyActions actions;
    private final Clock clock;

    public Protection(ProtectionSettings settings, KeyActions actions, Clock clock) {
        this.settings = settings;
        this.actions = actions;
        this.clock = clock;
    }

    /** Protection switched off: no KMS call is ever made (the CLI, tests, deployments without the opt-in). */
    public static Protection off() {
        return new Protection(ProtectionSettings.off(), NO_ACTIONS, Clock.systemUTC());
    }

    private static final KeyActions NO_ACTIONS = new KeyActions() {
        @Override
        public Map<String, String> tags(String keyArn) {
            throw new IllegalStateException("protection is off: no KMS call");
        }

        @Override
        public void cancelDeletion(String keyArn) {
            throw new IllegalStateException("protection is off: no KMS call");
        }

        @Override
        public void enable(String keyArn) {
            throw new IllegalStateException("protection is off: no KMS call");
        }

        @Override
        public void tag(String keyArn, Map<String, String> tags) {
            throw new IllegalStateException("protection is off: no KMS call");
        }
    };

    public ProtectionMode mode() {
        return settings.mode();
    }

    public ProtectionOutcome apply(KeyTrigger trigger, BlastRadius radius) {
        if (settings.mode() == ProtectionMode.OFF) {
            return ProtectionOutcome.of(ProtectionOutcome.Status.OFF, "");
        }
        boolean deletion = trigger.kind() == KeyTrigger.Kind.KEY_DELETION_SCHEDULED;
        if (!deletion && trigger.kind() != KeyTrigger.Kind.KEY_DISABLED) {
            return ProtectionOutcome.of(ProtectionOutcome.Status.NOT_APPLICABLE, "");
        }
        List<AffectedCluster> live = radius.liveClusters();
        List<GraphFacts> liveGraphs = radius.liveGraphs();
        KeyFacts key = radius.key();
        if (live.isEmpty() && liveGraphs.isEmpty() || key.arn() == null) {
            return ProtectionOutcome.of(ProtectionOutcome.Status.NOT_APPLICABLE, "");
        }
        String state = key.keyState();
        boolean stillAtRisk = deletion
                ? "PendingDeletion".equals(state) || "PendingReplicaDeletion".equals(state)
                : "Disabled".equals(state);
        if (!stillAtRisk) {
            return ProtectionOutcome.of(ProtectionOutcome.Status.NOT_APPLICABLE, "");
        }
        if (Principals.exempt(settings.exemptPrincipals(), trigger.principal())) {
            return ProtectionOutcome.of(ProtectionOutcome.Status.EXEMPT_PRINCIPAL, "Not protected: "
                    + trigger.principal() + " is an exempt principal (" + ProtectionSettings.EXEMPT_PRINCIPALS + ").");
        }
        Map<String, String> keyTags;
        try {
            keyTags = actions.tags(key.arn());
        } catch (SdkException e) {
            // Without the tags the opt-out is unknown: do not touch the key, but never hold back the alert.
            return new ProtectionOutcome(ProtectionOutcome.Status.FAILED, List.of(), "Protection failed: "
                    + "ListResourceTags was refused (" + why(e) + "), so whether the key is tagged "
                    + ALLOW_REVOCATION_TAG + "=true is unknown and nothing was changed. Do it by hand if the change "
                    + "was not intended (see remediation).");
        }
        if ("true".equalsIgnoreCase(keyTags.getOrDefault(ALLOW_REVOCATION_TAG, "").trim())) {
            return ProtectionOutcome.of(ProtectionOutcome.Status.EXEMPT_TAG, "Not protected: the key is tagged "
                    + ALLOW_REVOCATION_TAG + "=true.");
        }
        // A live graph has not failed (liveGraphs() leaves FAILED ones out), so it still had its key.
        boolean hadAccess = !liveGraphs.isEmpty() || live.stream()
                .anyMatch(c -> !c.lostKeyAccess());
        List<String> plan = new ArrayList<>();
        if (deletion) {
            plan.add("CancelKeyDeletion");
        }
        if (!deletion || hadAccess) {
            plan.add("EnableKey");
        }
        plan.add("TagResource");
        List<String> dependants = new ArrayList<>();
        live.forEach(c -> dependants.add(c.cluster().identifier()));
        liveGraphs.forEach(g -> dependants.add("graph " + (g.name() != null ? g.name() : g.id())));
        String names = dependants.stream().limit(5).collect(Collectors.joining(", "))
                + (dependants.size() > 5 ? " and " + (dependants.size() - 5) + " more" : "");
        String staysDisabled = deletion && !hadAccess ? " The key stays Disabled: every live cluster on it had "
                + "already lost access, so it was not in use; enable it yourself if that is wanted." : "";
        if (settings.mode() == ProtectionMode.DRY_RUN) {
            return new ProtectionOutcome(ProtectionOutcome.Status.WOULD_PROTECT, plan, "Dry run: protection would "
                    + "call " + String.join(", ", plan) + " on the key because " + who(live, liveGraphs) + ": " + names
                    + "." + staysDisabled);
        }
        List<String> done = new ArrayList<>();
        try {
            for (String step : plan) {
                switch (step) {
                    case "CancelKeyDeletion" -> actions.cancelDeletion(key.arn());
                    case "EnableKey" -> actions.enable(key.arn());
                    default -> actions.tag(key.arn(), tags(trigger, (liveGraphs.isEmpty() ? "clusters " : "resources ")
                            + names));
                }
                done.add(step);
            }
        } catch (SdkException e) {
            String failed = plan.get(done.size());
            return new ProtectionOutcome(ProtectionOutcome.Status.FAILED, done, "Protection failed: " + failed
                    + " was refused (" + why(e) + ")"
                    + (done.isEmpty() ? "" : " after " + String.join(", ", done) + " succeeded")
                    + ". Do the rest by hand (see remediation).");
        }
        return new ProtectionOutcome(ProtectionOutcome.Status.PROTECTED, done, "Protected: neptune-guard "
                + (deletion ? "cancelled the deletion" + (plan.contains("EnableKey") ? " and re-enabled the key"
                : "") : "re-enabled the key") + " and tagged it " + PROTECTED_AT_TAG + ", because "
                + who(live, liveGraphs) + ": " + names + "." + staysDisabled);
    }

    /** Who needs the key: "live Neptune clusters need it", "a live Neptune Analytics graph depends on it", … */
    private static String who(List<AffectedCluster> clusters, List<GraphFacts> graphs) {
        if (graphs.isEmpty()) {
            return "live Neptune clusters need it";
        }
        if (clusters.isEmpty()) {
            return graphs.size() == 1 ? "a live Neptune Analytics graph depends on it"
                    : "live Neptune Analytics graphs depend on it";
        }
        return "live Neptune clusters and Neptune Analytics graphs need it";
    }

    private static String why(SdkException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Tag values are kept to the characters every AWS tagging API accepts, and to 256 characters. */
    private Map<String, String> tags(KeyTrigger trigger, String names) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(PROTECTED_AT_TAG, clock.instant().toString());
        String reason = (trigger.eventName() + " by " + trigger.principal() + " undone: used by live Neptune "
                + names).replaceAll("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]", " ");
        tags.put(PROTECTED_REASON_TAG, reason.length() <= MAX_TAG_VALUE ? reason : reason.substring(0, MAX_TAG_VALUE));
        return tags;
    }
}
