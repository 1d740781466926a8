package dev.neptuneguard.iac;

import static dev.neptuneguard.iac.IacFixtures.evaluate;
import static dev.neptuneguard.iac.IacFixtures.find;
import static dev.neptuneguard.iac.IacFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.RuleId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

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
}
