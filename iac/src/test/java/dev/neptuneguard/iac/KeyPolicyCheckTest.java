package dev.neptuneguard.iac;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.iac.DeclaredKey.Verdict;
import dev.neptuneguard.json.Json;
import org.junit.jupiter.api.Test;

/** The adapter from code to the core's KeyPolicyAnalysis: intrinsics, unknown account and region. */
class KeyPolicyCheckTest {

    private static final String ACCOUNT = KeyPolicyCheck.TEMPLATE_ACCOUNT;

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void check_noPolicy_defaultPolicyAllows() {
        assertThat(KeyPolicyCheck.check(null, ACCOUNT).verdict()).isEqualTo(Verdict.YES);
    }

    @Test
    void check_cdkDefaultRootStatementWithJoin_allows() throws Exception {
        JsonNode p = json("""
                {"Statement": [{"Action": "kms:*", "Effect": "Allow", "Resource": "*",
                  "Principal": {"AWS": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::",
                                                             {"Ref": "AWS::AccountId"}, ":root"]]}}}]}
                """);
        assertThat(KeyPolicyCheck.check(p, ACCOUNT).verdict()).isEqualTo(Verdict.YES);
    }

    @Test
    void check_rootOfAnotherAccountOnly_blocks() throws Exception {
        JsonNode p = json("""
                {"Statement": [{"Action": "kms:*", "Effect": "Allow", "Resource": "*",
                  "Principal": {"AWS": "arn:aws:iam::444455556666:root"}}]}
                """);
        assertThat(KeyPolicyCheck.check(p, ACCOUNT).verdict()).isEqualTo(Verdict.NO);
    }

    @Test
    void check_viaServiceRdsWithLiteralRegion_forAnyPrincipal_allows() throws Exception {
        JsonNode p = json("""
                {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Resource": "*",
                  "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                             "kms:CreateGrant", "kms:ListGrants", "kms:DescribeKey"],
                  "Condition": {"StringEquals": {"kms:ViaService": "rds.eu-west-1.amazonaws.com"}}}]}
                """);
        assertThat(KeyPolicyCheck.check(p, ACCOUNT).verdict()).isEqualTo(Verdict.YES);
    }

    @Test
    void check_unconditionalDenyOfCreateGrant_blocks() throws Exception {
        JsonNode p = json("""
                {"Statement": [
                  {"Effect": "Allow", "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}},
                   "Action": "kms:*", "Resource": "*"},
                  {"Sid": "NoGrants", "Effect": "Deny", "Principal": "*", "Action": "kms:CreateGrant",
                   "Resource": "*"}]}
                """);
        KeyPolicyCheck.Result r = KeyPolicyCheck.check(p, ACCOUNT);
        assertThat(r.verdict()).isEqualTo(Verdict.NO);
        assertThat(r.detail()).contains("'NoGrants'").contains("kms:CreateGrant");
    }

    @Test
    void check_terraformAccountUnknown_takesTheRootThePolicyNames() throws Exception {
        JsonNode p = json("""
                {"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                  "Action": "kms:*", "Resource": "*"}}
                """);
        assertThat(KeyPolicyCheck.check(p, null).verdict()).isEqualTo(Verdict.YES);
        assertThat(KeyPolicyCheck.check(p, "444455556666").verdict()).isEqualTo(Verdict.NO);
    }

    @Test
    void check_policyBuiltAtDeployTime_unknown() throws Exception {
        KeyPolicyCheck.Result r = KeyPolicyCheck.check(json("{\"Fn::If\": [\"C\", {}, {}]}"), ACCOUNT);
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.detail()).contains("deploy time");
    }
}
