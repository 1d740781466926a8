package dev.neptuneguard.iac;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.iac.DeclaredKey.Verdict;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.revocation.KeyPolicyAnalysis;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a key policy in code lets the account use the key through RDS, decided by the core's
 * {@link KeyPolicyAnalysis} (the same analysis the guard runs on a {@code PutKeyPolicy} event). Code differs from an
 * event in two ways, handled here: CloudFormation values may be intrinsics, which are written out as text
 * ({@code {"Ref": "AWS::AccountId"}} becomes {@code ${AWS::AccountId}}, the partition becomes {@code aws}); and the
 * account and region are not known before deployment: a template's own account is {@code ${AWS::AccountId}}, a
 * plan's is the one its ARNs name, and the RDS endpoint is the one the policy's {@code kms:ViaService} names. No key
 * policy at all means the default key policy, which gives the account full access.
 */
final class KeyPolicyCheck {

    static final String TEMPLATE_ACCOUNT = "${AWS::AccountId}";
    private static final Pattern VIA_RDS = Pattern.compile("rds\\.([^.\"]+)\\.amazonaws\\.com");
    private static final Pattern ROOT = Pattern.compile("arn:[^:\"]+:iam::(\\d{12}):root");

    record Result(Verdict verdict, String detail) {
    }

    private KeyPolicyCheck() {
    }

    /**
     * @param policy the policy document; {@code null} when the code declares none (the default applies)
     * @param account the account the key will live in ({@link #TEMPLATE_ACCOUNT} for a template); {@code null} when
     *        unknown, then the account whose root the policy names is taken
     */
    static Result check(JsonNode policy, String account) {
        if (policy == null || policy.isNull() || policy.isMissingNode()) {
            return new Result(Verdict.YES, "no key policy is declared, so KMS attaches the default key policy, "
                    + "which gives the account (its root principal) full access that IAM policies and RDS can use");
        }
        if (!policy.isObject() || Intrinsics.function(policy) != null) {
            return new Result(Verdict.UNKNOWN, "the key policy is built at deploy time (" + Intrinsics.text(policy)
                    + ")");
        }
        String text;
        try {
            text = Json.MAPPER.writeValueAsString(written(policy)).replace("${AWS::Partition}", "aws");
        } catch (JsonProcessingException e) {
            return new Result(Verdict.UNKNOWN, "the key policy cannot be read");
        }
        String owner = account;
        if (owner == null) {
            Matcher root = ROOT.matcher(text);
            owner = root.find() ? root.group(1) : null;
        }
        Matcher via = VIA_RDS.matcher(text);
        String region = via.find() ? via.group(1) : TEMPLATE_ACCOUNT.equals(account) ? "${AWS::Region}" : null;
        KeyPolicyAnalysis.Verdict verdict = KeyPolicyAnalysis.analyse(text, owner, region);
        if (!verdict.readable()) {
            return new Result(Verdict.UNKNOWN, "the key policy cannot be read");
        }
        if (verdict.blocksNeptune()) {
            return new Result(Verdict.NO, "the key policy does not let the account use the key through RDS: "
                    + verdict.reason());
        }
        return new Result(Verdict.YES, "the key policy lets the account use the key through RDS");
    }

    /** The policy with every intrinsic written out as text, so that the analysis sees strings. */
    private static JsonNode written(JsonNode node) {
        if (Intrinsics.function(node) != null) {
            return JsonNodeFactory.instance.textNode(Intrinsics.text(node));
        }
        if (node.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> o.set(e.getKey(), written(e.getValue())));
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> a.add(written(n)));
            return a;
        }
        return node;
    }
}
