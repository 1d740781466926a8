package dev.neptuneguard.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The encryption policy, one type for every shell. The setting names are the same everywhere: Lambda
 * environment, CDK context, AWS Config rule parameters and the CLI's {@code --policy FILE}.
 *
 * @param requireCustomerManagedKey fail keys whose {@code KeyManager} is {@code AWS} (default true)
 * @param allowedKeyArns when not empty, only these keys are allowed (key ARN, key id, alias name or alias ARN)
 * @param requiredKeyOrigins when not empty, the key's origin must be one of these ("CMK or higher")
 * @param requireKeyRotation fail keys without automatic rotation (default false)
 */
public record Policy(
        boolean requireCustomerManagedKey,
        List<String> allowedKeyArns,
        Set<String> requiredKeyOrigins,
        boolean requireKeyRotation) {

    public static final String REQUIRE_CUSTOMER_MANAGED_KEY = "requireCustomerManagedKey";
    public static final String ALLOWED_KEY_ARNS = "allowedKeyArns";
    public static final String REQUIRED_KEY_ORIGINS = "requiredKeyOrigins";
    public static final String REQUIRE_KEY_ROTATION = "requireKeyRotation";
    /** The managed rule {@code neptune-cluster-encrypted}'s parameter, accepted as a synonym of allowedKeyArns. */
    public static final String MANAGED_RULE_KMS_KEY_ARNS = "KmsKeyArns";

    private static final Set<String> ORIGINS = Set.of("AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE");

    public Policy {
        // Set semantics, first occurrence kept: a list given twice (allowedKeyArns and KmsKeyArns) stays linear.
        allowedKeyArns = allowedKeyArns == null ? List.of() : List.copyOf(new LinkedHashSet<>(allowedKeyArns));
        requiredKeyOrigins = requiredKeyOrigins == null ? Set.of() : Set.copyOf(requiredKeyOrigins);
    }

    /** The default policy: a customer managed key is required, any one, rotation not required. */
    public static Policy defaults() {
        return new Policy(true, List.of(), Set.of(), false);
    }

    /**
     * Reads a policy from string settings (environment variables, Config rule parameters, CDK context) under the
     * canonical names. Lists are comma-separated or a JSON array of strings; absent or blank settings keep their
     * defaults. Other names are ignored so that a map can hold other settings too: where people write the
     * names (a policy file, rule parameters), {@link PolicySchema} checks them first.
     *
     * @throws InvalidPolicyException naming the setting when a value is invalid
     */
    public static Policy fromSettings(Map<String, String> settings) {
        Policy defaults = defaults();
        boolean requireCmk = bool(settings, REQUIRE_CUSTOMER_MANAGED_KEY, defaults.requireCustomerManagedKey());
        boolean requireRotation = bool(settings, REQUIRE_KEY_ROTATION, defaults.requireKeyRotation());
        Set<String> allowed = new LinkedHashSet<>();
        for (String name : List.of(ALLOWED_KEY_ARNS, MANAGED_RULE_KMS_KEY_ARNS)) {
            for (String entry : PolicySchema.list(name, settings.get(name))) {
                String problem = PolicySchema.keyReferenceProblem(entry);
                if (problem != null) {
                    throw InvalidPolicyException.value(name, problem);
                }
                allowed.add(entry);
            }
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : PolicySchema.list(REQUIRED_KEY_ORIGINS, settings.get(REQUIRED_KEY_ORIGINS))) {
            String upper = origin.toUpperCase(Locale.ROOT);
            if (!ORIGINS.contains(upper)) {
                throw InvalidPolicyException.value(REQUIRED_KEY_ORIGINS, "unknown origin '" + origin
                        + "'; expected any of AWS_KMS, EXTERNAL, AWS_CLOUDHSM, EXTERNAL_KEY_STORE");
            }
            origins.add(upper);
        }
        return new Policy(requireCmk, List.copyOf(allowed), origins, requireRotation);
    }

    /** The policy as string settings, the inverse of {@link #fromSettings(Map)}. */
    public Map<String, String> toSettings() {
        return Map.of(
                REQUIRE_CUSTOMER_MANAGED_KEY, Boolean.toString(requireCustomerManagedKey),
                ALLOWED_KEY_ARNS, String.join(",", allowedKeyArns),
                REQUIRED_KEY_ORIGINS, String.join(",", requiredKeyOrigins),
                REQUIRE_KEY_ROTATION, Boolean.toString(requireKeyRotation));
    }

    private static boolean bool(Map<String, String> settings, String name, boolean fallback) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw InvalidPolicyException.value(name, "'" + value + "' is not true or false");
        };
    }
}
