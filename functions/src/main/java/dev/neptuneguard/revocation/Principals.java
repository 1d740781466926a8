package dev.neptuneguard.revocation;

import java.util.List;

/**
 * Matches the caller of a CloudTrail event against a list of exempt principals. CloudTrail names a role's caller
 * by its session ({@code arn:aws:sts::111122223333:assumed-role/KeyAdmin/grace}); the list names roles
 * ({@code arn:aws:iam::111122223333:role/ops/KeyAdmin}). Role names are unique in an account whatever their path,
 * so account plus role name identify the role.
 */
final class Principals {

    private Principals() {
    }

    static boolean exempt(List<String> exemptList, String principal) {
        if (principal == null) {
            return false;
        }
        for (String entry : exemptList) {
            if (entry.equals(principal) || sameRole(entry, principal)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameRole(String entry, String principal) {
        Role caller = Role.of(principal);
        if (caller == null) {
            return false;
        }
        Role listed = Role.of(entry);
        if (listed == null || !listed.account.equals(caller.account) || !listed.name.equals(caller.name)) {
            return false;
        }
        // An entry with a session name exempts only that session.
        return listed.session == null || listed.session.equals(caller.session);
    }

    /** The role behind an IAM role ARN or an STS assumed-role ARN. */
    private record Role(String account, String name, String session) {

        static Role of(String arn) {
            String[] parts = arn.split(":", 6);
            if (parts.length != 6 || !"arn".equals(parts[0])) {
                return null;
            }
            String resource = parts[5];
            if ("iam".equals(parts[2]) && resource.startsWith("role/")) {
                String path = resource.substring(5);
                return new Role(parts[4], path.substring(path.lastIndexOf('/') + 1), null);
            }
            if ("sts".equals(parts[2]) && resource.startsWith("assumed-role/")) {
                String[] rest = resource.substring(13).split("/", 2);
                return new Role(parts[4], rest[0], rest.length > 1 ? rest[1] : null);
            }
            return null;
        }
    }
}
