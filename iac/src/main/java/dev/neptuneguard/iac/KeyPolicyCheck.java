package dev.neptuneguard.iac;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.iac.DeclaredKey.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a key policy lets the account use the key through RDS, which is how Neptune uses it: RDS creates a grant
 * and asks for data keys on the cluster's behalf. The policy must allow {@code kms:CreateGrant}, {@code kms:Decrypt},
 * {@code kms:GenerateDataKey} and {@code kms:DescribeKey} to the account (its root principal, which delegates to IAM
 * policies, as the default key policy does) or to any principal of the account through RDS
 * ({@code kms:ViaService rds.*}, {@code kms:CallerAccount}); and no unconditional Deny may take one of them away.
 * No key policy at all means the default key policy, which allows.
 */
final class KeyPolicyCheck {

    static final List<String> RDS_ACTIONS = List.of("kms:CreateGrant", "kms:Decrypt", "kms:GenerateDataKey",
            "kms:DescribeKey");
    private static final Pattern ROOT = Pattern.compile(
            "(?i)^(arn:(?:\\$\\{[^}]+}|[^:]*):iam::(\\d{12}|\\$\\{AWS::AccountId}|\\$\\{[^}]+}):root|\\d{12}|\\$\\{AWS::AccountId})$");
    private static final Set<String> ACCOUNT_CONDITIONS = Set.of("kms:viaservice", "kms:calleraccount",
            "kms:grantisforawsresource", "aws:sourceaccount", "aws:principalaccount");

    record Result(Verdict verdict, String detail) {
    }

    private KeyPolicyCheck() {
    }

    /** {@code policy} is the policy document; {@code null} when the code declares none (the default applies). */
    static Result check(JsonNode policy) {
        if (policy == null || policy.isNull() || policy.isMissingNode()) {
            return new Result(Verdict.YES, "no key policy is declared, so KMS attaches the default key policy, "
                    + "which gives the account (its root principal) full access that IAM policies and RDS can use");
        }
        if (!policy.isObject() || Intrinsics.function(policy) != null) {
            return new Result(Verdict.UNKNOWN, "the key policy is built at deploy time (" + Intrinsics.text(policy)
                    + ")");
        }
        List<JsonNode> statements = new ArrayList<>();
        JsonNode s = policy.path("Statement");
        if (s.isArray()) {
            s.forEach(statements::add);
        } else if (s.isObject()) {
            statements.add(s);
        }
        Set<String> allowed = new HashSet<>();
        for (JsonNode st : statements) {
            if (!accountWide(st)) {
                continue;
            }
            List<String> actions = strings(st.path("Action"));
            for (String needed : RDS_ACTIONS) {
                boolean covered = actions.stream().anyMatch(a -> matches(a, needed));
                if (!covered) {
                    continue;
                }
                if ("Deny".equals(st.path("Effect").asText()) && st.path("Condition").isMissingNode()) {
                    return new Result(Verdict.NO, "statement " + sid(st) + " denies " + needed
                            + " to the account without a condition");
                }
                if ("Allow".equals(st.path("Effect").asText())) {
                    allowed.add(needed);
                }
            }
        }
        List<String> missing = RDS_ACTIONS.stream().filter(a -> !allowed.contains(a)).toList();
        if (missing.isEmpty()) {
            return new Result(Verdict.YES, "the key policy allows the account " + String.join(", ", RDS_ACTIONS));
        }
        return new Result(Verdict.NO, "no statement of the key policy allows " + String.join(", ", missing)
                + " to the account (its root principal) or to its principals through RDS (kms:ViaService "
                + "rds.<region>.amazonaws.com)");
    }

    /** The account itself, or any principal restricted to the account or to RDS by a condition. */
    private static boolean accountWide(JsonNode st) {
        JsonNode principal = st.path("Principal");
        List<String> names = principal.isObject() ? strings(principal.path("AWS")) : strings(principal);
        if (names.stream().anyMatch(n -> ROOT.matcher(n).matches())) {
            return true;
        }
        if (names.contains("*")) {
            if ("Deny".equals(st.path("Effect").asText())) {
                return true;
            }
            JsonNode condition = st.path("Condition");
            for (JsonNode operator : condition) {
                var fields = operator.fieldNames();
                while (fields.hasNext()) {
                    if (ACCOUNT_CONDITIONS.contains(fields.next().toLowerCase(Locale.ROOT))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String action) {
        String regex = "\\Q" + pattern.toLowerCase(Locale.ROOT).replace("*", "\\E.*\\Q") + "\\E";
        return action.toLowerCase(Locale.ROOT).matches(regex);
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(Intrinsics.text(n)));
        } else if (!node.isMissingNode() && !node.isNull()) {
            out.add(Intrinsics.text(node));
        }
        return out;
    }

    private static String sid(JsonNode st) {
        return st.hasNonNull("Sid") ? "'" + st.get("Sid").asText() + "'" : "(without Sid)";
    }
}
