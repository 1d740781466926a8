package dev.neptuneguard.revocation;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Protection settings, read once from the environment.
 *
 * @param exemptPrincipals IAM principals (break-glass roles, key administrators) whose disable / deletion is
 *        never undone: user or role ARNs, or assumed-role ARNs with or without the session name
 */
public record ProtectionSettings(ProtectionMode mode, List<String> exemptPrincipals) {

    /** The setting (and environment variable) name, as in {@code cdk.json}. */
    public static final String EXEMPT_PRINCIPALS = "protectionExemptPrincipals";

    public ProtectionSettings {
        exemptPrincipals = List.copyOf(exemptPrincipals);
    }

    public static ProtectionSettings off() {
        return new ProtectionSettings(ProtectionMode.OFF, List.of());
    }

    /** @throws IllegalArgumentException naming the variable when a value is invalid */
    public static ProtectionSettings fromEnv(Map<String, String> env) {
        ProtectionMode mode = ProtectionMode.parse(env.get(ProtectionMode.ENV));
        String list = env.getOrDefault(EXEMPT_PRINCIPALS, "");
        List<String> principals = Arrays.stream(list.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
        for (String p : principals) {
            if (!p.startsWith("arn:")) {
                throw new IllegalArgumentException(EXEMPT_PRINCIPALS + ": '" + p + "' is not an IAM principal ARN");
            }
        }
        return new ProtectionSettings(mode, principals);
    }
}
