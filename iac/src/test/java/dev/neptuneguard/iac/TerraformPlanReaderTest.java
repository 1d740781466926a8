package dev.neptuneguard.iac;

import static dev.neptuneguard.iac.IacFixtures.evaluate;
import static dev.neptuneguard.iac.IacFixtures.find;
import static dev.neptuneguard.iac.IacFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.RuleId;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed blog's Terraform remediation, planned by Terraform 1.11.4 with the AWS provider 5.100.0. */
class TerraformPlanReaderTest {

    private static final String PLAN = "terraform-seed-blog.plan.json";

    @Test
    void seedBlogCluster_keyFromConfigurationReferences_passes() {
        List<IacFinding> f = evaluate(PLAN, new Policy(true, List.of(), Set.of(), true));
        String cluster = "aws_neptune_cluster.encrypted";
        assertThat(status(f, RuleId.NEPTUNE_CLUSTER_UNENCRYPTED, cluster)).isEqualTo(ComplianceStatus.PASSED);
        assertThat(status(f, RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY, cluster)).isEqualTo(ComplianceStatus.PASSED);
        assertThat(status(f, RuleId.NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED, cluster)).isEqualTo(ComplianceStatus.PASSED);
        IacFinding cmk = find(f, RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY, cluster).orElseThrow();
        assertThat(cmk.finding().resourceName()).isEqualTo("neptune-prod");
        assertThat(cmk.codeType()).isEqualTo("aws_neptune_cluster");
        assertThat(cmk.finding().detail()).contains("aws_kms_key.neptune").contains("alias/neptune-prod");
        assertThat(status(f, RuleId.NEPTUNE_SNAPSHOT_AWS_MANAGED_KEY, "aws_neptune_cluster_snapshot.encrypted"))
                .isEqualTo(ComplianceStatus.PASSED);
    }

    @Test
    void providerDefault_storageEncryptedFalse_evenWithKmsKeyArn() {
        List<IacFinding> f = evaluate(PLAN, Policy.defaults());
        IacFinding d = find(f, RuleId.NEPTUNE_CLUSTER_UNENCRYPTED, "aws_neptune_cluster.default_encryption")
                .orElseThrow();
        assertThat(d.finding().status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(d.finding().detail()).contains("default for aws_neptune_cluster is false")
                .contains("even though kms_key_arn is set");
        assertThat(d.finding().remediation()).contains("storage_encrypted = true");
    }

    @Test
    void awsManagedAliasArn_failsWherePresenceChecksPass() {
        List<IacFinding> f = evaluate(PLAN, Policy.defaults());
        assertThat(status(f, RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY, "aws_neptune_cluster.aws_managed"))
                .isEqualTo(ComplianceStatus.FAILED);
    }

    @Test
    void moduleKey_disabledWithPolicyWithoutRds_resolvedInsideTheModule() {
        List<IacFinding> f = evaluate(PLAN, Policy.defaults());
        String key = "module.graphdb.aws_kms_key.this";
        IacFinding disabled = find(f, RuleId.KMS_KEY_DISABLED_IN_CODE, key).orElseThrow();
        assertThat(disabled.finding().status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(disabled.finding().affectedResources()).containsExactly("module.graphdb.aws_neptune_cluster.this");
        assertThat(status(f, RuleId.KMS_KEY_POLICY_BLOCKS_RDS_IN_CODE, key)).isEqualTo(ComplianceStatus.FAILED);
        assertThat(status(f, RuleId.NEPTUNE_CLUSTER_KEY_UNUSABLE, "module.graphdb.aws_neptune_cluster.this"))
                .isEqualTo(ComplianceStatus.FAILED);
    }

    @Test
    void retention_planWithoutDelete_isNotDecidable_defaultPolicyAllows() {
        List<IacFinding> f = evaluate(PLAN, Policy.defaults());
        IacFinding r = find(f, RuleId.KMS_KEY_NOT_RETAINED_IN_CODE, "aws_kms_key.neptune").orElseThrow();
        assertThat(r.finding().status()).isEqualTo(ComplianceStatus.NOT_APPLICABLE);
        assertThat(r.finding().detail()).contains("prevent_destroy");
        assertThat(status(f, RuleId.KMS_KEY_POLICY_BLOCKS_RDS_IN_CODE, "aws_kms_key.neptune"))
                .isEqualTo(ComplianceStatus.PASSED);
    }

    @Test
    void planReplacingTheKey_isNotRetained_withBlastRadius() {
        List<IacFinding> f = evaluate("terraform-key-replaced.plan.json", Policy.defaults());
        IacFinding r = find(f, RuleId.KMS_KEY_NOT_RETAINED_IN_CODE, "aws_kms_key.neptune").orElseThrow();
        assertThat(r.finding().status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(r.finding().detail()).contains("[delete, create]").contains("replaces the key").contains("7-day")
                .contains("aws_neptune_cluster aws_neptune_cluster.prod");
        assertThat(r.finding().remediation()).contains("prevent_destroy");
        assertThat(status(f, RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY, "aws_neptune_cluster.prod"))
                .isEqualTo(ComplianceStatus.PASSED);
    }

    @Test
    void dataSourceAlias_awsRds_isAwsManaged_otherDataSources_cannotVerify(@TempDir Path dir) throws Exception {
        List<IacFinding> f = IacFixtures.evaluateText(dir, "plan.json", """
                {"format_version": "1.2", "terraform_version": "1.11.4",
                 "resource_changes": [
                  {"address": "aws_neptune_cluster.a", "mode": "managed", "type": "aws_neptune_cluster", "name": "a",
                   "change": {"actions": ["create"], "after": {"storage_encrypted": true},
                              "after_unknown": {"kms_key_arn": true}}},
                  {"address": "aws_neptune_cluster.b", "mode": "managed", "type": "aws_neptune_cluster", "name": "b",
                   "change": {"actions": ["create"], "after": {"storage_encrypted": true},
                              "after_unknown": {"kms_key_arn": true}}}],
                 "configuration": {"root_module": {"resources": [
                  {"address": "aws_neptune_cluster.a", "mode": "managed", "type": "aws_neptune_cluster", "name": "a",
                   "expressions": {"kms_key_arn": {"references": ["data.aws_kms_alias.rds.target_key_arn",
                                                                   "data.aws_kms_alias.rds"]}}},
                  {"address": "aws_neptune_cluster.b", "mode": "managed", "type": "aws_neptune_cluster", "name": "b",
                   "expressions": {"kms_key_arn": {"references": ["data.aws_kms_key.shared.arn",
                                                                   "data.aws_kms_key.shared"]}}},
                  {"address": "data.aws_kms_alias.rds", "mode": "data", "type": "aws_kms_alias", "name": "rds",
                   "expressions": {"name": {"constant_value": "alias/aws/rds"}}},
                  {"address": "data.aws_kms_key.shared", "mode": "data", "type": "aws_kms_key", "name": "shared",
                   "expressions": {"key_id": {"constant_value": "alias/shared-neptune"}}}]}}}
                """, Policy.defaults());
        assertThat(status(f, RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY, "aws_neptune_cluster.a"))
                .isEqualTo(ComplianceStatus.FAILED);
        IacFinding b = find(f, RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE, "aws_neptune_cluster.b").orElseThrow();
        assertThat(b.finding().status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(b.finding().detail()).contains("data.aws_kms_key.shared").contains("alias/shared-neptune");
    }

    @Test
    void restoredFromSnapshot_keepsTheSnapshotsKey_cannotVerify(@TempDir Path dir) throws Exception {
        List<IacFinding> f = IacFixtures.evaluateText(dir, "plan.json", """
                {"format_version": "1.2", "resource_changes": [
                  {"address": "aws_neptune_cluster.r", "mode": "managed", "type": "aws_neptune_cluster", "name": "r",
                   "change": {"actions": ["create"], "after": {"storage_encrypted": true,
                      "kms_key_arn": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                      "snapshot_identifier": "old-unencrypted-snap"}, "after_unknown": {}}}]}
                """, Policy.defaults());
        assertThat(find(f, RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE, "aws_neptune_cluster.r").orElseThrow()
                .finding().detail()).contains("old-unencrypted-snap").contains("15240");
    }

    @Test
    void forEachModulesAndCount_resolveToTheirOwnInstance(@TempDir Path dir) throws Exception {
        List<IacFinding> f = IacFixtures.evaluateText(dir, "plan.json", """
                {"format_version": "1.2", "resource_changes": [
                  {"address": "module.db[\\"prod\\"].aws_kms_key.this", "module_address": "module.db[\\"prod\\"]",
                   "mode": "managed", "type": "aws_kms_key", "name": "this",
                   "change": {"actions": ["create"], "after": {"is_enabled": true}, "after_unknown": {"arn": true}}},
                  {"address": "module.db[\\"dev\\"].aws_kms_key.this", "module_address": "module.db[\\"dev\\"]",
                   "mode": "managed", "type": "aws_kms_key", "name": "this",
                   "change": {"actions": ["create"], "after": {"is_enabled": false}, "after_unknown": {"arn": true}}},
                  {"address": "module.db[\\"prod\\"].aws_neptune_cluster.this", "module_address": "module.db[\\"prod\\"]",
                   "mode": "managed", "type": "aws_neptune_cluster", "name": "this",
                   "change": {"actions": ["create"], "after": {"storage_encrypted": true},
                              "after_unknown": {"kms_key_arn": true}}},
                  {"address": "module.db[\\"dev\\"].aws_neptune_cluster.this", "module_address": "module.db[\\"dev\\"]",
                   "mode": "managed", "type": "aws_neptune_cluster", "name": "this",
                   "change": {"actions": ["create"], "after": {"storage_encrypted": true},
                              "after_unknown": {"kms_key_arn": true}}},
                  {"address": "aws_kms_key.k[0]", "mode": "managed", "type": "aws_kms_key", "name": "k", "index": 0,
                   "change": {"actions": ["create"], "after": {"is_enabled": false}, "after_unknown": {"arn": true}}},
                  {"address": "aws_kms_key.k[1]", "mode": "managed", "type": "aws_kms_key", "name": "k", "index": 1,
                   "change": {"actions": ["create"], "after": {"is_enabled": true}, "after_unknown": {"arn": true}}},
                  {"address": "aws_neptune_cluster.c[1]", "mode": "managed", "type": "aws_neptune_cluster", "name": "c",
                   "index": 1, "change": {"actions": ["create"], "after": {"storage_encrypted": true},
                   "after_unknown": {"kms_key_arn": true}}}],
                 "configuration": {"root_module": {
                   "resources": [
                     {"address": "aws_neptune_cluster.c", "mode": "managed", "type": "aws_neptune_cluster", "name": "c",
                      "expressions": {"kms_key_arn": {"references": ["aws_kms_key.k[count.index].arn", "aws_kms_key.k",
                                                                      "count.index"]}}}],
                   "module_calls": {"db": {"source": "./db", "module": {"resources": [
                     {"address": "aws_neptune_cluster.this", "mode": "managed", "type": "aws_neptune_cluster",
                      "name": "this", "expressions": {"kms_key_arn": {"references": ["aws_kms_key.this.arn",
                                                                                     "aws_kms_key.this"]}}}]}}}}}}
                """, Policy.defaults());
        assertThat(status(f, RuleId.NEPTUNE_CLUSTER_KEY_UNUSABLE, "module.db[\"prod\"].aws_neptune_cluster.this"))
                .isEqualTo(ComplianceStatus.PASSED);
        assertThat(status(f, RuleId.NEPTUNE_CLUSTER_KEY_UNUSABLE, "module.db[\"dev\"].aws_neptune_cluster.this"))
                .isEqualTo(ComplianceStatus.FAILED);
        assertThat(status(f, RuleId.NEPTUNE_CLUSTER_KEY_UNUSABLE, "aws_neptune_cluster.c[1]"))
                .isEqualTo(ComplianceStatus.PASSED);
        assertThat(find(f, RuleId.KMS_KEY_DISABLED_IN_CODE, "module.db[\"dev\"].aws_kms_key.this").orElseThrow()
                .finding().affectedResources()).containsExactly("module.db[\"dev\"].aws_neptune_cluster.this");
        assertThat(find(f, RuleId.KMS_KEY_DISABLED_IN_CODE, "aws_kms_key.k[0]")).isEmpty();
    }
}
