package dev.neptuneguard.sinks;

import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.RuleId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which Security Hub findings a {@link Finding} becomes, and their ids — without the Security Hub SDK, so that the
 * guard functions (whose jar has no Security Hub module) can name them when they queue a finding for export, and
 * the exporter ({@link AsffMapper}) imports exactly those.
 */
public final class SecurityHubFindings {

    public static final String ID_PREFIX = "neptune-guard/";

    /** Rules whose risk a {@code KMS_KEY_RISK_CLEARED} notice ends (the key is usable again). */
    static final List<RuleId> CLEARED_BY_KEY_USABLE = List.of(RuleId.KMS_KEY_DISABLED_IN_USE,
            RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE, RuleId.KMS_KEY_MATERIAL_DELETED_IN_USE,
            RuleId.KMS_KEY_STORE_DISCONNECTED_IN_USE);

    private SecurityHubFindings() {
    }

    /** {@code neptune-guard/<ruleId>/<resourceArn>}: stable per (rule, resource), so an import updates, not adds. */
    public static String id(Finding f) {
        return ID_PREFIX + f.ruleId().name() + "/" + f.resourceArn();
    }

    /**
     * The findings to import for {@code f}: itself, except that the all-clear notice becomes PASSED updates of the
     * key-usability findings it ends (it is a notice, not a check of its own).
     */
    public static List<Finding> expand(Finding f) {
        if (!AlertPolicy.isAllClear(f)) {
            return List.of(f);
        }
        List<Finding> closing = new ArrayList<>();
        for (RuleId rule : CLEARED_BY_KEY_USABLE) {
            String name = f.resourceName() != null ? f.resourceName() : Text.shortName(f.resourceArn());
            closing.add(new Finding(rule, rule.defaultSeverity(), ComplianceStatus.PASSED, f.resourceType(),
                    f.resourceArn(), f.resourceId(), f.resourceName(), f.account(), f.region(),
                    rule.title() + ": " + name, f.detail(), "", f.keyArn(), f.keyState(), null,
                    f.affectedResources(), false, null));
        }
        return closing;
    }

    /**
     * The first sightings a message for {@code f} carries: for a finding, those of its own id (new ones stored as
     * {@code now}); for the all-clear, only those of the findings it ends that were raised before — an empty map
     * when there is nothing to resolve.
     */
    public static Map<String, Instant> sightings(FirstSightings memory, Finding f, Instant now) {
        return AlertPolicy.isAllClear(f) ? memory.raised(ids(f), now) : memory.firstSeen(ids(f), now);
    }

    /**
     * Whether the Security Hub finding {@code part} of {@link #expand}({@code f}) is to be imported for a message
     * carrying {@code firstSeen}: always for a finding, and for the all-clear only the findings raised before.
     */
    public static boolean imported(Finding f, Finding part, Map<String, Instant> firstSeen) {
        return !AlertPolicy.isAllClear(f) || firstSeen.containsKey(id(part));
    }

    /** The ids of {@link #expand}'s findings, in order. */
    public static List<String> ids(Finding f) {
        return expand(f).stream().map(SecurityHubFindings::id).toList();
    }
}
