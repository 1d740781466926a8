package dev.neptuneguard.configrule;

import dev.neptuneguard.model.InvalidPolicyException;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.PolicySchema;
import dev.neptuneguard.model.ResourceType;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one rule invocation evaluates with: the encryption {@link Policy} and the resource types in scope.
 * Defaults come from the function's environment (validated once at start-up); the rule's parameters
 * override them setting by setting, so one deployment can carry several rules with different policies.
 * The allow-list is one setting whichever name gives it: a rule's {@code KmsKeyArns} (the managed rule
 * {@code neptune-cluster-encrypted}'s parameter) or {@code allowedKeyArns} replaces the environment's list
 * rather than adding to it.
 *
 * @param resourceTypes the types a scheduled run evaluates and a change notification may concern
 */
public record RuleSettings(Policy policy, Set<ResourceType> resourceTypes) {

    /** Rule parameter / variable limiting the types evaluated, e.g. {@code AWS::RDS::DBCluster}. */
    public static final String RESOURCE_TYPES = "resourceTypes";

    /**
     * The rule's parameters: the policy's settings and {@code resourceTypes}, names matched case-insensitively
     * (Config users type {@code kmsKeyArns} too); an unknown name fails the invocation with a suggestion.
     */
    private static final PolicySchema SCHEMA = PolicySchema.policy(Map.of())
            .with(new PolicySchema.Setting(RESOURCE_TYPES, PolicySchema.Kind.TYPE_LIST));
    private static final List<String> POLICY_SETTINGS = SCHEMA.names();

    public RuleSettings {
        resourceTypes = resourceTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(resourceTypes));
    }

    /**
     * The settings this rule reads from an environment, under the names used everywhere else
     * ({@code allowedKeyArns}, ...); other variables are ignored.
     */
    public static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> out = new HashMap<>();
        for (String name : POLICY_SETTINGS) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                out.put(name, value);
            }
        }
        return out;
    }

    /**
     * Merges defaults and rule parameters (parameters win) and validates the result.
     *
     * @throws RuleParametersException naming the setting when a value is invalid
     */
    public static RuleSettings resolve(Map<String, String> defaults, Map<String, String> ruleParameters) {
        Map<String, String> parameters;
        try {
            parameters = SCHEMA.read(ruleParameters);
        } catch (InvalidPolicyException e) {
            throw new RuleParametersException("invalid rule parameter: " + e.getMessage(), e);
        }
        Map<String, String> merged = new HashMap<>(defaults);
        boolean overridesAllowlist = parameters.keySet().stream().anyMatch(RuleSettings::isAllowlistName);
        if (overridesAllowlist) {
            merged.keySet().removeIf(RuleSettings::isAllowlistName);
        }
        merged.putAll(parameters);
        Policy policy;
        try {
            policy = Policy.fromSettings(merged);
        } catch (IllegalArgumentException e) {
            throw new RuleParametersException("invalid rule parameter or default: " + e.getMessage(), e);
        }
        return new RuleSettings(policy, resourceTypes(merged.get(RESOURCE_TYPES)));
    }

    /** True when a resource of this type is evaluated by the rule. */
    public boolean covers(ResourceType type) {
        return resourceTypes.contains(type);
    }

    private static Set<ResourceType> resourceTypes(String value) {
        if (value == null || value.isBlank()) {
            return EnumSet.of(ResourceType.CLUSTER, ResourceType.SNAPSHOT);
        }
        Set<ResourceType> types = EnumSet.noneOf(ResourceType.class);
        List<String> parts;
        try {
            parts = PolicySchema.list(RESOURCE_TYPES, value);
        } catch (InvalidPolicyException e) {
            throw new RuleParametersException(e.getMessage(), e);
        }
        for (String part : parts) {
            if (ResourceType.CLUSTER.awsType().equalsIgnoreCase(part)) {
                types.add(ResourceType.CLUSTER);
            } else if (ResourceType.SNAPSHOT.awsType().equalsIgnoreCase(part)) {
                types.add(ResourceType.SNAPSHOT);
            } else {
                throw new RuleParametersException(RESOURCE_TYPES + ": unknown resource type '" + part + "'; expected "
                        + ResourceType.CLUSTER.awsType() + " and/or " + ResourceType.SNAPSHOT.awsType());
            }
        }
        if (types.isEmpty()) {
            throw new RuleParametersException(RESOURCE_TYPES + ": no resource type given");
        }
        return types;
    }

    private static boolean isAllowlistName(String name) {
        return Policy.ALLOWED_KEY_ARNS.equalsIgnoreCase(name)
                || Policy.MANAGED_RULE_KMS_KEY_ARNS.equalsIgnoreCase(name);
    }
}
