package dev.neptuneguard.revocation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a key policy (the JSON document CloudTrail logs as an escaped string in PutKeyPolicy) and decides whether
 * it cuts Neptune off: a Deny that covers what RDS needs ({@code kms:Decrypt}, {@code kms:CreateGrant},
 * {@code kms:GenerateDataKeyWithoutPlaintext}) for the whole account or for calls made through RDS, or no Allow
 * left for the account (root, account id, one of its principals) or for use through RDS. Deny conditions on keys
 * other than {@code kms:ViaService}, {@code kms:CallerAccount} and {@code kms:GrantIsForAWSResource} are not
 * evaluated; the summary says so. Pure: no AWS call, the old policy is not known (CloudTrail logs only the new one).
 */
public final class KeyPolicyAnalysis {

    /** What RDS does with a cluster's key on the account's behalf. */
    static final List<String> NEEDED_ACTIONS =
            List.of("kms:Decrypt", "kms:CreateGrant", "kms:GenerateDataKeyWithoutPlaintext");

    private static final int MAX_STATEMENTS_SHOWN = 6;

    /**
     * @param readable false when the policy text was missing or not JSON (then nothing else is known)
     * @param blocksNeptune true when the policy denies, or no longer allows, use of the key through RDS
     * @param reason why it blocks (empty when it does not)
     * @param summary the statements of the new policy in plain words
     */
    public record Verdict(boolean readable, boolean blocksNeptune, String reason, String summary) {
    }

    private KeyPolicyAnalysis() {
    }

    public static Verdict analyse(String policyText, String account, String region) {
        JsonNode policy;
        try {
            policy = policyText == null ? null : Json.MAPPER.readTree(policyText);
        } catch (JsonProcessingException e) {
            policy = null;
        }
        if (policy == null || !policy.isObject()) {
            return new Verdict(false, false, "", "The new policy could not be read from the event.");
        }
        List<JsonNode> statements = statements(policy);
        String rdsService = "rds." + (region == null ? "*" : region) + ".amazonaws.com";
        List<String> reasons = new ArrayList<>();
        List<String> notEvaluated = new ArrayList<>();
        for (JsonNode st : statements) {
            if (!"Deny".equalsIgnoreCase(Json.text(st, "Effect"))) {
                continue;
            }
            List<String> denied = NEEDED_ACTIONS.stream().filter(a -> coversAction(st, a)).toList();
            if (denied.isEmpty() || !principalCoversAccount(st, account, true)) {
                continue;
            }
            Applies applies = denyConditionApplies(Json.field(st, "Condition"), account, rdsService);
            String name = label(st);
            if (applies == Applies.YES) {
                reasons.add("statement " + name + " denies " + String.join(", ", denied)
                        + (Json.field(st, "Condition") == null ? " to the account" : " for calls made through RDS"));
            } else if (applies == Applies.UNKNOWN) {
                notEvaluated.add(name);
            }
        }
        for (String action : NEEDED_ACTIONS) {
            boolean allowed = statements.stream().anyMatch(st -> "Allow".equalsIgnoreCase(Json.text(st, "Effect"))
                    && coversAction(st, action)
                    && (principalCoversAccount(st, account, false) || mentionsRds(Json.field(st, "Condition"),
                    rdsService)));
            if (!allowed) {
                reasons.add("no statement allows " + action + " to the account or through RDS");
            }
        }
        StringBuilder summary = new StringBuilder("The new policy has ").append(statements.size())
                .append(statements.size() == 1 ? " statement: " : " statements: ");
        for (int i = 0; i < statements.size() && i < MAX_STATEMENTS_SHOWN; i++) {
            summary.append(i == 0 ? "" : "; ").append(describe(statements.get(i)));
        }
        if (statements.size() > MAX_STATEMENTS_SHOWN) {
            summary.append("; and ").append(statements.size() - MAX_STATEMENTS_SHOWN).append(" more");
        }
        summary.append('.');
        if (!notEvaluated.isEmpty()) {
            summary.append(" Conditional Deny statement(s) ").append(String.join(", ", notEvaluated))
                    .append(" use conditions neptune-guard does not evaluate; check them by hand.");
        }
        return new Verdict(true, !reasons.isEmpty(), String.join("; ", reasons), summary.toString());
    }

    private enum Applies { YES, NO, UNKNOWN }

    private static List<JsonNode> statements(JsonNode policy) {
        JsonNode st = Json.field(policy, "Statement");
        List<JsonNode> out = new ArrayList<>();
        if (st == null) {
            return out;
        }
        if (st.isArray()) {
            st.forEach(s -> {
                if (s.isObject()) {
                    out.add(s);
                }
            });
        } else if (st.isObject()) {
            out.add(st);
        }
        return out;
    }

    static boolean coversAction(JsonNode statement, String action) {
        JsonNode notAction = Json.field(statement, "NotAction");
        if (notAction != null) {
            return values(notAction).stream().noneMatch(p -> glob(p, action));
        }
        return values(Json.field(statement, "Action")).stream().anyMatch(p -> glob(p, action));
    }

    /**
     * Whether the statement's principal includes the account's own principals. For a Deny only the wildcard, the
     * account root or the account id count (a Deny for one role leaves the rest of the account, and RDS, alone);
     * for an Allow any IAM principal of the account counts as well.
     */
    private static boolean principalCoversAccount(JsonNode statement, String account, boolean deny) {
        JsonNode notPrincipal = Json.field(statement, "NotPrincipal");
        if (notPrincipal != null) {
            return values(Json.field(notPrincipal, "AWS")).stream().noneMatch(p -> isAccountWide(p, account));
        }
        JsonNode principal = Json.field(statement, "Principal");
        if (principal == null) {
            return false;
        }
        if (principal.isTextual()) {
            return "*".equals(principal.asText());
        }
        for (String p : values(Json.field(principal, "AWS"))) {
            if ("*".equals(p) || isAccountWide(p, account)
                    || !deny && account != null && p.startsWith("arn:") && account.equals(accountOf(p))) {
                return true;
            }
        }
        return values(Json.field(principal, "Service")).stream().anyMatch(s -> s.startsWith("rds."));
    }

    private static boolean isAccountWide(String p, String account) {
        return account != null
                && (p.equals(account) || p.matches("arn:[^:]+:iam::" + Pattern.quote(account) + ":root"));
    }

    private static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts[4] : null;
    }

    private static Applies denyConditionApplies(JsonNode condition, String account, String rdsService) {
        if (condition == null || !condition.isObject() || condition.isEmpty()) {
            return Applies.YES;
        }
        Applies result = Applies.YES;
        Iterator<Map.Entry<String, JsonNode>> operators = condition.fields();
        while (operators.hasNext()) {
            Map.Entry<String, JsonNode> op = operators.next();
            String operator = op.getKey().toLowerCase(Locale.ROOT);
            boolean negated = operator.contains("not");
            Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields();
            while (keys.hasNext()) {
                Map.Entry<String, JsonNode> entry = keys.next();
                String key = entry.getKey().toLowerCase(Locale.ROOT);
                List<String> vals = values(entry.getValue());
                Boolean holds = switch (key) {
                    case "kms:viaservice" -> vals.stream().anyMatch(v -> glob(v, rdsService)) != negated;
                    case "kms:calleraccount" -> account == null ? null : vals.contains(account) != negated;
                    case "kms:grantisforawsresource" -> operator.startsWith("bool") ? vals.contains("true") : null;
                    default -> null;
                };
                if (Boolean.FALSE.equals(holds)) {
                    return Applies.NO;
                }
                if (holds == null) {
                    result = Applies.UNKNOWN;
                }
            }
        }
        return result;
    }

    private static boolean mentionsRds(JsonNode condition, String rdsService) {
        if (condition == null || !condition.isObject()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext();) {
            Map.Entry<String, JsonNode> op = ops.next();
            if (op.getKey().toLowerCase(Locale.ROOT).contains("not")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext();) {
                Map.Entry<String, JsonNode> e = keys.next();
                String key = e.getKey().toLowerCase(Locale.ROOT);
                if (key.equals("kms:viaservice") && values(e.getValue()).stream().anyMatch(v -> glob(v, rdsService))
                        || key.equals("kms:grantisforawsresource") && values(e.getValue()).contains("true")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String describe(JsonNode st) {
        String effect = Json.text(st, "Effect");
        JsonNode notAction = Json.field(st, "NotAction");
        String actions = notAction != null ? "everything except " + String.join(", ", values(notAction))
                : String.join(", ", values(Json.field(st, "Action")));
        String to;
        JsonNode principal = Json.field(st, "Principal");
        if (Json.field(st, "NotPrincipal") != null) {
            to = "everyone except " + String.join(", ", principals(Json.field(st, "NotPrincipal")));
        } else if (principal != null && principal.isTextual()) {
            to = principal.asText();
        } else {
            to = String.join(", ", principals(principal));
        }
        String conditional = Json.field(st, "Condition") == null ? "" : " (with conditions)";
        return (effect == null ? "?" : effect) + " " + actions + " to " + (to.isEmpty() ? "nobody" : to) + conditional;
    }

    private static List<String> principals(JsonNode principal) {
        List<String> out = new ArrayList<>();
        if (principal == null || !principal.isObject()) {
            return out;
        }
        principal.fields().forEachRemaining(e -> out.addAll(values(e.getValue())));
        return out;
    }

    private static String label(JsonNode st) {
        String sid = Json.text(st, "Sid");
        return sid == null ? "(no Sid)" : "'" + sid + "'";
    }

    private static List<String> values(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> {
                if (n.isValueNode()) {
                    out.add(n.asText());
                }
            });
        } else if (node.isValueNode()) {
            out.add(node.asText());
        }
        return out;
    }

    /** IAM-style wildcard match ({@code *}, {@code ?}), case-insensitive as IAM matches action names. */
    static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            switch (ch) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(value).matches();
    }
}
