package dev.neptuneguard.iac;

import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.KeyRotation;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.SnapshotFacts;
import dev.neptuneguard.policy.EncryptionRules;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one IaC evaluator: what a template or plan declares, turned into the core's facts ({@link ClusterFacts},
 * {@link SnapshotFacts}, {@link KeyFacts}) and evaluated by the core's {@link EncryptionRules} with the same policy
 * and rule ids as a live scan. On top, the key-revocation risks that only code shows: a key Neptune uses that the
 * stack or plan deletes, that is declared disabled, or whose policy does not let RDS use it, each with the resources
 * in the code that depend on it (the blast radius). The core's rule about a cluster's live status does not apply to
 * code and is left out; remediation texts say what to change in the code.
 */
public final class IacEvaluator {

    private final EncryptionRules rules;
    private final Clock clock;

    public IacEvaluator(Policy policy, Clock clock) {
        this.rules = new EncryptionRules(policy);
        this.clock = clock;
    }

    public List<IacFinding> evaluate(IacModel model) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<IacFinding> out = new ArrayList<>();
        Map<String, List<DeclaredStore>> dependants = new LinkedHashMap<>();
        for (DeclaredStore store : model.stores()) {
            if (store.key().kind() == KeyReference.Kind.DECLARED && !Boolean.FALSE.equals(store.encrypted())) {
                dependants.computeIfAbsent(store.key().keyAddress(), k -> new ArrayList<>()).add(store);
            }
            if (store.kind() == null) {
                continue;
            }
            KeyFacts key = Boolean.TRUE.equals(store.encrypted()) ? keyFacts(store.key(), model) : null;
            List<Finding> findings = store.kind() == ResourceType.CLUSTER
                    ? rules.evaluateCluster(clusterFacts(store), key, today)
                    : rules.evaluateSnapshot(snapshotFacts(store), key, today);
            for (Finding f : findings) {
                if (f.ruleId() == RuleId.NEPTUNE_CLUSTER_INACCESSIBLE) {
                    continue;
                }
                out.add(new IacFinding(forCode(f, store, model), store.type(), store.source()));
            }
        }
        dependants.forEach((address, stores) -> {
            DeclaredKey key = model.keys().get(address);
            if (key != null) {
                keyRisks(key, stores, model, out);
            }
        });
        return out;
    }

    private static ClusterFacts clusterFacts(DeclaredStore s) {
        return new ClusterFacts(null, s.displayName(), s.address(), null, null, "neptune", null, s.encrypted(),
                keyText(s.key()), false, s.tags(), true, FactSource.OFFLINE);
    }

    private static SnapshotFacts snapshotFacts(DeclaredStore s) {
        return new SnapshotFacts(null, s.displayName(), s.restoredFrom(), null, null, "neptune", null, "manual",
                s.encrypted(), keyText(s.key()), null, s.tags(), true, FactSource.OFFLINE);
    }

    private static String keyText(KeyReference ref) {
        return switch (ref.kind()) {
            case DEFAULT -> KeyReference.AWS_RDS_ALIAS;
            case DECLARED -> ref.keyAddress();
            default -> ref.text();
        };
    }

    /** The key facts code establishes: a declared key as it will be created, the AWS managed key, or "not in data". */
    static KeyFacts keyFacts(KeyReference ref, IacModel model) {
        switch (ref.kind()) {
            case DEFAULT:
            case AWS_MANAGED:
                return new KeyFacts(ref.kind() == KeyReference.Kind.DEFAULT ? KeyReference.AWS_RDS_ALIAS : ref.text(),
                        null, null, null, null, "AWS", "Enabled", "AWS_KMS", null, false, null, null,
                        KeyRotation.ENABLED, List.of(KeyReference.AWS_RDS_ALIAS), "Default key that protects my RDS "
                        + "database volumes when no other key is defined", null);
            case DECLARED: {
                DeclaredKey k = model.keys().get(ref.keyAddress());
                KeyRotation rotation = !"AWS_KMS".equals(k.origin()) ? KeyRotation.NOT_SUPPORTED
                        : Boolean.TRUE.equals(k.rotation()) ? KeyRotation.ENABLED : KeyRotation.DISABLED;
                return new KeyFacts(k.address(), null, null, null, null, "CUSTOMER",
                        k.enabled() ? "Enabled" : "Disabled", k.origin(), null, false, null, k.pendingWindowDays(),
                        rotation, k.aliases(), null, null);
            }
            case LITERAL:
                return KeyFacts.notInData(ref.text(), "the key is not declared in this "
                        + (model.terraform() ? "plan" : "template") + "; scan the account "
                        + "(neptune-guard scan) to verify it");
            default:
                return KeyFacts.notInData(ref.text() == null ? "(inherited)" : ref.text(), ref.why());
        }
    }

    /** The core's finding, about the code: the address as id, and a remediation for the code. */
    private static Finding forCode(Finding f, DeclaredStore s, IacModel model) {
        String remediation = f.status() == ComplianceStatus.FAILED ? IacRemediation.forStore(f.ruleId(), s, model)
                : f.remediation();
        String detail = s.encryptionNote() != null && f.ruleId().name().endsWith("_UNENCRYPTED")
                && f.status() == ComplianceStatus.FAILED ? f.detail() + " (" + s.encryptionNote() + ".)" : f.detail();
        if (s.key().kind() == KeyReference.Kind.DEFAULT && Boolean.TRUE.equals(s.encrypted())
                && f.ruleId().name().endsWith("_AWS_MANAGED_KEY")) {
            detail += " No key is given, so Neptune uses the account's default key aws/rds.";
        }
        return new Finding(f.ruleId(), f.severity(), f.status(), f.resourceType(), null, s.address(), s.name(),
                null, null, f.title(), detail, remediation, f.keyArn(), f.keyState(), f.deletionDate(),
                f.affectedResources(), f.suppressed(), f.suppressionReason());
    }

    private static void keyRisks(DeclaredKey key, List<DeclaredStore> stores, IacModel model, List<IacFinding> out) {
        List<String> affected = stores.stream().map(DeclaredStore::address).toList();
        String radius = " Blast radius in this " + (model.terraform() ? "plan" : "template") + ": "
                + String.join(", ", stores.stream().map(s -> s.type() + " " + s.address()).toList()) + ".";
        String name = key.aliases().isEmpty() ? key.address() : key.address() + " (" + key.aliases().get(0) + ")";
        switch (key.retention()) {
            case YES -> out.add(keyFinding(RuleId.KMS_KEY_NOT_RETAINED_IN_CODE, ComplianceStatus.PASSED, key,
                    affected, "Key " + name + " is kept when its stack deletes or replaces it (" + key.retentionDetail()
                            + ").", ""));
            case NO -> out.add(keyFinding(RuleId.KMS_KEY_NOT_RETAINED_IN_CODE, ComplianceStatus.FAILED, key, affected,
                    "Key " + name + " is deleted with its " + (model.terraform() ? "plan" : "stack") + " ("
                            + key.retentionDetail() + "): KMS deletes it after the "
                            + (key.pendingWindowDays() == null ? "pending" : key.pendingWindowDays() + "-day")
                            + " waiting period and every resource encrypted with it becomes unrecoverable, backups "
                            + "included." + radius, IacRemediation.retainKey(key, model)));
            default -> out.add(keyFinding(RuleId.KMS_KEY_NOT_RETAINED_IN_CODE, ComplianceStatus.NOT_APPLICABLE, key,
                    affected, "Whether key " + name + " survives removal cannot be read from the code: "
                            + key.retentionDetail() + "." + radius, ""));
        }
        if (key.enabled()) {
            out.add(keyFinding(RuleId.KMS_KEY_DISABLED_IN_CODE, ComplianceStatus.PASSED, key, affected,
                    "Key " + name + " is enabled.", ""));
        } else {
            out.add(keyFinding(RuleId.KMS_KEY_DISABLED_IN_CODE, ComplianceStatus.FAILED, key, affected,
                    "Key " + name + " is declared disabled: Neptune cannot create or open the resources encrypted "
                            + "with it; a running cluster moves to inaccessible-encryption-credentials." + radius,
                    IacRemediation.enableKey(key, model)));
        }
        switch (key.policy()) {
            case YES -> out.add(keyFinding(RuleId.KMS_KEY_POLICY_BLOCKS_RDS_IN_CODE, ComplianceStatus.PASSED, key,
                    affected, "Key " + name + ": " + key.policyDetail() + ".", ""));
            case NO -> out.add(keyFinding(RuleId.KMS_KEY_POLICY_BLOCKS_RDS_IN_CODE, ComplianceStatus.FAILED, key,
                    affected, "Key " + name + ": " + key.policyDetail() + ". Neptune uses the key through RDS grants "
                            + "and cannot create or keep the resources encrypted with it." + radius,
                    IacRemediation.keyPolicy(key, model)));
            default -> out.add(keyFinding(RuleId.KMS_KEY_POLICY_BLOCKS_RDS_IN_CODE, ComplianceStatus.NOT_APPLICABLE,
                    key, affected, "Key " + name + ": " + key.policyDetail() + "; check it after deployment.", ""));
        }
    }

    private static IacFinding keyFinding(RuleId rule, ComplianceStatus status, DeclaredKey key, List<String> affected,
                                         String detail, String remediation) {
        Finding f = new Finding(rule, rule.defaultSeverity(), status, ResourceType.KEY, null, key.address(),
                key.aliases().isEmpty() ? key.name() : key.aliases().get(0), null, null,
                rule.title() + ": " + key.address(), detail, remediation, key.address(), key.enabled() ? "Enabled"
                : "Disabled", null, affected, false, null);
        return new IacFinding(f, key.type(), key.source());
    }

    /** Findings that fail and are not exempt, for exit codes and the Aspect. */
    public static List<IacFinding> actionable(List<IacFinding> findings) {
        return findings.stream().filter(f -> f.finding().actionable()).toList();
    }
}
