package dev.neptuneguard.iac.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.iac.CloudFormationReader;
import dev.neptuneguard.iac.IacEvaluator;
import dev.neptuneguard.iac.IacFinding;
import dev.neptuneguard.iac.IacModel;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.Severity;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnDeletionPolicy;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.IResolvable;
import software.amazon.awscdk.Reference;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.TokenizedStringFragments;
import software.amazon.awscdk.Tokenization;
import software.amazon.awscdk.services.kms.CfnAlias;
import software.amazon.awscdk.services.kms.CfnKey;
import software.amazon.awscdk.services.neptune.CfnDBCluster;
import software.amazon.awscdk.services.neptunegraph.CfnGraph;
import software.constructs.IConstruct;

/**
 * A CDK Aspect that stops a weak Neptune cluster at synth time: {@code Aspects.of(app).add(new
 * NeptuneEncryptionAspect(policy))}. For each stack it reads the Neptune clusters ({@code CfnDBCluster}, also when
 * an L2 construct made them), Neptune Analytics graphs ({@code CfnGraph}), KMS keys ({@code CfnKey}) and aliases,
 * resolves their properties into the template CloudFormation will receive, and evaluates it with the same
 * evaluator and policy as {@code neptune-guard iac}: a key reference to a key of the same stack is that customer
 * managed key (and the key itself is checked: rotation when required, Retain policies, enabled, key policy), also
 * when the key is in another stack of the app (the construct tree says which); a parameter or an import is "cannot
 * verify". Each failed finding becomes an error (or, when
 * configured, a warning) annotation on the construct, which makes {@code cdk synth} fail (errors) or report it.
 */
public final class NeptuneEncryptionAspect implements IAspect {

    /** How a failed finding is reported. */
    public enum Level { ERROR, WARNING }

    private final IacEvaluator evaluator;
    private final Level level;
    private final Severity minimum;

    /** Errors for every failed finding of {@code policy}. */
    public NeptuneEncryptionAspect(Policy policy) {
        this(policy, Level.ERROR, Severity.LOW, Clock.systemUTC());
    }

    /**
     * @param level errors (synth fails) or warnings
     * @param minimum findings below this severity are not reported
     */
    public NeptuneEncryptionAspect(Policy policy, Level level, Severity minimum) {
        this(policy, level, minimum, Clock.systemUTC());
    }

    NeptuneEncryptionAspect(Policy policy, Level level, Severity minimum, Clock clock) {
        this.evaluator = new IacEvaluator(Objects.requireNonNull(policy, "policy"), clock);
        this.level = Objects.requireNonNull(level, "level");
        this.minimum = Objects.requireNonNull(minimum, "minimum");
    }

    @Override
    public void visit(@NotNull IConstruct node) {
        if (!(node instanceof Stack stack)) {
            return;
        }
        ObjectNode template = Json.MAPPER.createObjectNode();
        ObjectNode resources = template.putObject("Resources");
        Map<String, IConstruct> constructs = new HashMap<>();
        for (IConstruct c : stack.getNode().findAll()) {
            if (!(c instanceof CfnResource r) || Stack.of(r) != stack) {
                continue;
            }
            ObjectNode properties = properties(stack, r);
            if (properties == null) {
                continue;
            }
            String id = String.valueOf(stack.resolve(r.getLogicalId()));
            ObjectNode resource = resources.putObject(id);
            resource.put("Type", r.getCfnResourceType());
            resource.set("Properties", properties);
            policy(resource, "DeletionPolicy", r.getCfnOptions().getDeletionPolicy());
            policy(resource, "UpdateReplacePolicy", r.getCfnOptions().getUpdateReplacePolicy());
            constructs.put(id, r);
        }
        if (resources.isEmpty()) {
            return;
        }
        addKeysOfOtherStacks(stack, resources, constructs);
        IacModel model = new CloudFormationReader(template, Map.of(), stack.getNode().getPath()).read();
        for (IacFinding f : IacEvaluator.actionable(evaluator.evaluate(model))) {
            Finding finding = f.finding();
            if (!finding.severity().isAtLeast(minimum)) {
                continue;
            }
            IConstruct target = constructs.getOrDefault(finding.resourceId(), stack);
            String message = "[" + finding.ruleId() + "] " + finding.severity() + ": " + finding.detail()
                    + (finding.remediation() == null || finding.remediation().isBlank() ? ""
                    : " Fix: " + finding.remediation());
            if (level == Level.ERROR) {
                Annotations.of(target).addError(message);
            } else {
                Annotations.of(target).addWarningV2("neptune-guard:" + finding.ruleId(), message);
            }
        }
    }

    /**
     * A cluster or graph of this stack whose key is a key of another stack of the app: in the template it becomes an
     * import, known only at deploy time; the construct tree knows which key it is. That key is added to this stack's
     * view under a name of its own ({@code <stack><logical id>}), and the reference points at it, so the key is
     * resolved and checked (and its findings are annotated on the key, in its own stack).
     */
    private static void addKeysOfOtherStacks(Stack stack, ObjectNode resources, Map<String, IConstruct> constructs) {
        Map<String, String> added = new HashMap<>();
        for (Map.Entry<String, IConstruct> e : Map.copyOf(constructs).entrySet()) {
            String keyProperty = e.getValue() instanceof CfnDBCluster c ? c.getKmsKeyId()
                    : e.getValue() instanceof CfnGraph g ? g.getKmsKeyIdentifier() : null;
            CfnKey key = keyOf(keyProperty);
            if (key == null || Stack.of(key) == stack) {
                continue;
            }
            Stack owner = Stack.of(key);
            String id = added.computeIfAbsent(key.getNode().getPath(), path -> {
                String name = (owner.getStackName() + owner.resolve(key.getLogicalId())).replaceAll("[^A-Za-z0-9]", "");
                ObjectNode resource = resources.putObject(name);
                resource.put("Type", key.getCfnResourceType());
                resource.set("Properties", properties(owner, key));
                policy(resource, "DeletionPolicy", key.getCfnOptions().getDeletionPolicy());
                policy(resource, "UpdateReplacePolicy", key.getCfnOptions().getUpdateReplacePolicy());
                constructs.put(name, key);
                return name;
            });
            ObjectNode properties = (ObjectNode) resources.path(e.getKey()).path("Properties");
            String property = e.getValue() instanceof CfnDBCluster ? "KmsKeyId" : "KmsKeyIdentifier";
            ObjectNode getAtt = Json.MAPPER.createObjectNode();
            getAtt.putArray("Fn::GetAtt").add(id).add("Arn");
            properties.set(property, getAtt);
        }
    }

    /** The CfnKey a token stands for (its ARN, id or a reference to it), or {@code null}. */
    private static CfnKey keyOf(String value) {
        if (value == null || !Token.isUnresolved(value)) {
            return null;
        }
        TokenizedStringFragments fragments = Tokenization.reverseString(value);
        if (fragments.getLength().intValue() != 1 || fragments.getFirstToken() == null) {
            return null;
        }
        IResolvable token = fragments.getFirstToken();
        if (token instanceof Reference reference && reference.getTarget() instanceof CfnKey key) {
            return key;
        }
        return null;
    }

    /** The properties the evaluator reads, resolved as CloudFormation will see them; null for other types. */
    private static ObjectNode properties(Stack stack, CfnResource r) {
        Map<String, Object> p = new HashMap<>();
        if (r instanceof CfnDBCluster c) {
            p.put("StorageEncrypted", c.getStorageEncrypted());
            p.put("KmsKeyId", c.getKmsKeyId());
            p.put("DBClusterIdentifier", c.getDbClusterIdentifier());
            p.put("SnapshotIdentifier", c.getSnapshotIdentifier());
            p.put("SourceDBClusterIdentifier", c.getSourceDbClusterIdentifier());
            p.put("Tags", c.getTags().renderTags());
        } else if (r instanceof CfnKey k) {
            p.put("Enabled", k.getEnabled());
            p.put("EnableKeyRotation", k.getEnableKeyRotation());
            p.put("PendingWindowInDays", k.getPendingWindowInDays());
            p.put("KeyPolicy", k.getKeyPolicy());
            p.put("Origin", k.getOrigin());
        } else if (r instanceof CfnAlias a) {
            p.put("AliasName", a.getAliasName());
            p.put("TargetKeyId", a.getTargetKeyId());
        } else if (r instanceof CfnGraph g) {
            p.put("GraphName", g.getGraphName());
            p.put("KmsKeyIdentifier", g.getKmsKeyIdentifier());
        } else {
            return null;
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        p.forEach((name, value) -> {
            if (value != null) {
                JsonNode resolved = Json.MAPPER.valueToTree(stack.resolve(value));
                if (resolved != null && !resolved.isNull()) {
                    out.set(name, resolved);
                }
            }
        });
        return out;
    }

    private static void policy(ObjectNode resource, String name, CfnDeletionPolicy policy) {
        if (policy != null) {
            resource.put(name, switch (policy) {
                case RETAIN -> "Retain";
                case RETAIN_EXCEPT_ON_CREATE -> "RetainExceptOnCreate";
                case SNAPSHOT -> "Snapshot";
                default -> "Delete";
            });
        }
    }
}
