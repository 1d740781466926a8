package dev.neptuneguard.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import org.junit.jupiter.api.Test;

class KeyPolicyAnalysisTest {

    private static final String ACCOUNT = "111122223333";
    private static final String REGION = "us-east-1";
    private static final String ROOT = "arn:aws:iam::111122223333:root";

    private static ObjectNode statement(String sid, String effect, String principal, String... actions) {
        ObjectNode st = Json.MAPPER.createObjectNode();
        st.put("Sid", sid);
        st.put("Effect", effect);
        if ("*".equals(principal)) {
            st.put("Principal", "*");
        } else {
            st.putObject("Principal").put("AWS", principal);
        }
        if (actions.length == 1) {
            st.put("Action", actions[0]);
        } else {
            ArrayNode a = st.putArray("Action");
            for (String action : actions) {
                a.add(action);
            }
        }
        st.put("Resource", "*");
        return st;
    }

    private static ObjectNode rootAllowsAll() {
        return statement("Enable IAM User Permissions", "Allow", ROOT, "kms:*");
    }

    private static String policy(ObjectNode... statements) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("Version", "2012-10-17");
        ArrayNode st = p.putArray("Statement");
        for (ObjectNode s : statements) {
            st.add(s);
        }
        return p.toString();
    }

    private static KeyPolicyAnalysis.Verdict analyse(ObjectNode... statements) {
        return KeyPolicyAnalysis.analyse(policy(statements), ACCOUNT, REGION);
    }

    @Test
    void analyse_defaultRootPolicy_doesNotBlock() {
        KeyPolicyAnalysis.Verdict v = analyse(rootAllowsAll());

        assertThat(v.readable()).isTrue();
        assertThat(v.blocksNeptune()).isFalse();
        assertThat(v.summary()).isEqualTo("The new policy has 1 statement: Allow kms:* to " + ROOT + ".");
    }

    @Test
    void analyse_unconditionalDenyDecryptToEveryone_blocks() {
        KeyPolicyAnalysis.Verdict v = analyse(rootAllowsAll(), statement("NoDecrypt", "Deny", "*", "kms:Decrypt"));

        assertThat(v.blocksNeptune()).isTrue();
        assertThat(v.reason()).isEqualTo("statement 'NoDecrypt' denies kms:Decrypt to the account");
    }

    @Test
    void analyse_denyCreateGrantViaRdsWildcard_blocks() {
        ObjectNode deny = statement("NoRdsGrants", "Deny", "*", "kms:Create*");
        deny.putObject("Condition").putObject("StringLike").put("kms:ViaService", "rds.*.amazonaws.com");

        KeyPolicyAnalysis.Verdict v = analyse(rootAllowsAll(), deny);

        assertThat(v.blocksNeptune()).isTrue();
        assertThat(v.reason()).contains("denies kms:CreateGrant for calls made through RDS");
    }

    @Test
    void analyse_denyEverythingExceptThroughRds_doesNotBlockRds() {
        ObjectNode deny = statement("OnlyViaRds", "Deny", "*", "kms:Decrypt");
        deny.putObject("Condition").putObject("StringNotEquals").put("kms:ViaService", "rds.us-east-1.amazonaws.com");

        assertThat(analyse(rootAllowsAll(), deny).blocksNeptune()).isFalse();
    }

    @Test
    void analyse_denyExceptThroughS3_blocksRdsToo() {
        ObjectNode deny = statement("OnlyViaS3", "Deny", "*", "kms:Decrypt");
        deny.putObject("Condition").putObject("StringNotEquals").put("kms:ViaService", "s3.us-east-1.amazonaws.com");

        assertThat(analyse(rootAllowsAll(), deny).blocksNeptune()).isTrue();
    }

    @Test
    void analyse_denyForOneRole_doesNotBlockTheAccount() {
        KeyPolicyAnalysis.Verdict v = analyse(rootAllowsAll(),
                statement("NoIntern", "Deny", "arn:aws:iam::111122223333:role/Intern", "kms:*"));

        assertThat(v.blocksNeptune()).isFalse();
        assertThat(v.summary()).contains("Deny kms:* to arn:aws:iam::111122223333:role/Intern");
    }

    @Test
    void analyse_noStatementAllowsTheAccount_blocks() {
        KeyPolicyAnalysis.Verdict v = analyse(statement("OtherAccount", "Allow", "arn:aws:iam::444455556666:root",
                "kms:*"));

        assertThat(v.blocksNeptune()).isTrue();
        assertThat(v.reason()).contains("no statement allows kms:Decrypt to the account or through RDS");
    }

    @Test
    void analyse_keyUserRoleWithGrantForAwsResource_allowsRdsUse() {
        ObjectNode use = statement("Allow use of the key", "Allow", "arn:aws:iam::111122223333:role/NeptuneAdmin",
                "kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey");
        ObjectNode grants = statement("Allow attachment of persistent resources", "Allow",
                "arn:aws:iam::111122223333:role/NeptuneAdmin", "kms:CreateGrant");
        grants.putObject("Condition").putObject("Bool").put("kms:GrantIsForAWSResource", "true");

        assertThat(analyse(use, grants).blocksNeptune()).isFalse();
    }

    @Test
    void analyse_denyWithNotActionThatLeavesOnlyDescribe_blocks() {
        ObjectNode deny = Json.MAPPER.createObjectNode();
        deny.put("Sid", "ReadOnly");
        deny.put("Effect", "Deny");
        deny.put("Principal", "*");
        deny.putArray("NotAction").add("kms:Describe*").add("kms:List*");
        deny.put("Resource", "*");

        KeyPolicyAnalysis.Verdict v = analyse(rootAllowsAll(), deny);

        assertThat(v.blocksNeptune()).isTrue();
        assertThat(v.summary()).contains("Deny everything except kms:Describe*, kms:List* to *");
    }

    @Test
    void analyse_denyWithConditionNotEvaluated_doesNotBlockButSaysSo() {
        ObjectNode deny = statement("OfficeOnly", "Deny", "*", "kms:*");
        deny.putObject("Condition").putObject("NotIpAddress").put("aws:SourceIp", "192.0.2.0/24");

        KeyPolicyAnalysis.Verdict v = analyse(rootAllowsAll(), deny);

        assertThat(v.blocksNeptune()).isFalse();
        assertThat(v.summary()).contains("Conditional Deny statement(s) 'OfficeOnly' use conditions neptune-guard does "
                + "not evaluate");
    }

    @Test
    void analyse_singleStatementObjectInsteadOfArray_read() {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.set("Statement", statement("NoDecrypt", "Deny", "*", "kms:Decrypt"));

        assertThat(KeyPolicyAnalysis.analyse(p.toString(), ACCOUNT, REGION).blocksNeptune()).isTrue();
    }

    @Test
    void analyse_notJsonOrMissing_unreadable() {
        assertThat(KeyPolicyAnalysis.analyse("{not json", ACCOUNT, REGION).readable()).isFalse();
        assertThat(KeyPolicyAnalysis.analyse(null, ACCOUNT, REGION).readable()).isFalse();
    }

    @Test
    void glob_iamWildcards_caseInsensitive() {
        assertThat(KeyPolicyAnalysis.glob("kms:*", "kms:Decrypt")).isTrue();
        assertThat(KeyPolicyAnalysis.glob("KMS:decrypt", "kms:Decrypt")).isTrue();
        assertThat(KeyPolicyAnalysis.glob("kms:Re*", "kms:Decrypt")).isFalse();
        assertThat(KeyPolicyAnalysis.glob("kms:Decryp?", "kms:Decrypt")).isTrue();
        assertThat(KeyPolicyAnalysis.glob("*", "kms:CreateGrant")).isTrue();
    }
}
