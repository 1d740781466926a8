package dev.neptuneguard.iac;

import static dev.neptuneguard.iac.IacFixtures.evaluate;
import static dev.neptuneguard.iac.IacFixtures.find;
import static dev.neptuneguard.iac.IacFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.RuleId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudFormationReaderTest {

    private static final Policy ROTATION = new Policy(true, List.of(), Set.of(), true);

    @Test
    void yamlShortForms_keyDeclaredInTemplate_isCustomerManagedAndChecked() {
        List<IacFinding> f = evaluate("cfn/neptune-cmk-retained.yaml", ROTATION);
        assertThat(status(f, RuleId.NEPTUNE_CLUSTER_UNENCRYPTED, "ProdCluster")).isEqualTo(ComplianceStatus.PASSED);
        assertThat(status(f, RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY, "ProdCluster")).isEqualTo(ComplianceStatus.PASSED);
        assertThat(status(f, RuleId.NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED, "ProdCluster"))
                .isEqualTo(ComplianceStatus.PASSED);
        assertThat(status(f, RuleId.KMS_KEY_NOT_RETAINED_IN_CODE, "NeptuneKey")).isEqualTo(ComplianceStatus.PASSED);
        assertThat(status(f, RuleId.KMS_KEY_POLICY_BLOCKS_RDS_IN_CODE, "NeptuneKey"))
                .isEqualTo(ComplianceStatus.PASSED);
        IacFinding prod = find(f, RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY, "ProdCluster").orElseThrow();
        assertThat(prod.finding().resourceName()).isEqualTo("neptune-prod");
        assertThat(prod.codeType()).isEqualTo("AWS::Neptune::DBCluster");
        assertThat(prod.source().line()).isEqualTo(30);
        assertThat(prod.finding().detail()).contains("alias/neptune-prod");
    }

    @Test
    void parameterAndImportValue_areCannotVerify_neverAPass() {
        List<IacFinding> f = evaluate("cfn/neptune-cmk-retained.yaml", Policy.defaults());
        for (String cluster : List.of("ParamCluster", "ImportedCluster")) {
            IacFinding u = find(f, RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE, cluster).orElseThrow();
            assertThat(u.finding().status()).isEqualTo(ComplianceStatus.FAILED);
            assertThat(find(f, RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY, cluster)).isEmpty();
        }
        assertThat(find(f, RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE, "ParamCluster").orElseThrow().finding().detail())
                .contains("parameter SharedKeyArn").contains("default");
        assertThat(find(f, RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE, "ImportedCluster").orElseThrow().finding()
                .detail()).contains("shared-neptune-key-arn");
    }

    @Test
    void weakTemplate_defaultsAndAwsManagedAndFragileKey() {
        List<IacFinding> f = evaluate("cfn/neptune-weak.json", Policy.defaults());
        IacFinding unencrypted = find(f, RuleId.NEPTUNE_CLUSTER_UNENCRYPTED, "DefaultCluster").orElseThrow();
        assertThat(unencrypted.finding().status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(unencrypted.finding().detail()).contains("does not encrypt a Neptune cluster by default");
        assertThat(unencrypted.finding().remediation()).contains("StorageEncrypted: true");
        assertThat(unencrypted.source().line()).isEqualTo(5);
        assertThat(status(f, RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY, "AwsManagedCluster"))
                .isEqualTo(ComplianceStatus.FAILED);
        IacFinding noKey = find(f, RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY, "NoKeyCluster").orElseThrow();
        assertThat(noKey.finding().status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(noKey.finding().detail()).contains("default key aws/rds");
        assertThat(status(f, RuleId.NEPTUNE_CLUSTER_KEY_UNUSABLE, "FragileCluster"))
                .isEqualTo(ComplianceStatus.FAILED);
    }

    @Test
    void fragileKey_revocationRisks_nameTheBlastRadius() {
        List<IacFinding> f = evaluate("cfn/neptune-weak.json", Policy.defaults());
        IacFinding notRetained = find(f, RuleId.KMS_KEY_NOT_RETAINED_IN_CODE, "FragileKey").orElseThrow();
        assertThat(notRetained.finding().status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(notRetained.finding().detail()).contains("DeletionPolicy absent (Delete)").contains("7-day")
                .contains("AWS::Neptune::DBCluster FragileCluster").contains("AWS::NeptuneGraph::Graph Graph");
        assertThat(notRetained.finding().affectedResources()).containsExactly("FragileCluster", "Graph");
        assertThat(notRetained.finding().remediation()).contains("DeletionPolicy: Retain");
        assertThat(status(f, RuleId.KMS_KEY_DISABLED_IN_CODE, "FragileKey")).isEqualTo(ComplianceStatus.FAILED);
        IacFinding policy = find(f, RuleId.KMS_KEY_POLICY_BLOCKS_RDS_IN_CODE, "FragileKey").orElseThrow();
        assertThat(policy.finding().status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(policy.finding().detail()).contains("kms:CreateGrant");
    }

    @Test
    void allowlist_literalKeyOutsideTemplate_isJudgedByTheList(@TempDir Path dir) throws Exception {
        Policy policy = new Policy(true, List.of("arn:aws:kms:us-east-1:111122223333:key/0000abcd-12ab-34cd-56ef-"
                + "1234567890ab"), Set.of(), false);
        List<IacFinding> f = IacFixtures.evaluateText(dir, "t.yaml", """
                Resources:
                  C:
                    Type: AWS::Neptune::DBCluster
                    Properties:
                      StorageEncrypted: true
                      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
                """, policy);
        assertThat(status(f, RuleId.NEPTUNE_CLUSTER_KEY_NOT_ALLOWED, "C")).isEqualTo(ComplianceStatus.FAILED);
        assertThat(status(f, RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE, "C")).isEqualTo(ComplianceStatus.FAILED);
    }

    @Test
    void conditionChoosingBetweenKeys_isCannotVerify(@TempDir Path dir) throws Exception {
        List<IacFinding> f = IacFixtures.evaluateText(dir, "t.yaml", """
                Conditions:
                  Prod: !Equals [!Ref Env, prod]
                Parameters:
                  Env: {Type: String}
                Resources:
                  K:
                    Type: AWS::KMS::Key
                  C:
                    Type: AWS::Neptune::DBCluster
                    Properties:
                      StorageEncrypted: true
                      KmsKeyId: !If [Prod, !GetAtt K.Arn, alias/aws/rds]
                """, Policy.defaults());
        assertThat(find(f, RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE, "C").orElseThrow().finding().detail())
                .contains("condition Prod");
    }

    @Test
    void notATemplate_isAnInputError(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("x.yaml");
        Files.writeString(t, "just: [a, list\n");
        assertThatThrownBy(() -> IacFiles.read(t)).isInstanceOf(IacInputException.class).hasMessageContaining("x.yaml");
        Path other = dir.resolve("y.json");
        Files.writeString(other, "{\"foo\": 1}");
        assertThatThrownBy(() -> IacFiles.read(other)).isInstanceOf(IacInputException.class)
                .hasMessageContaining("neither a CloudFormation template");
    }

    @Test
    void exemptionTag_inTemplateTags_suppressesLikeScan(@TempDir Path dir) throws Exception {
        List<IacFinding> f = IacFixtures.evaluateText(dir, "t.yaml", """
                Resources:
                  C:
                    Type: AWS::Neptune::DBCluster
                    Properties:
                      Tags:
                        - Key: neptune-guard:exempt
                          Value: migration ticket 42; until=2026-04-01
                """, Policy.defaults());
        IacFinding u = find(f, RuleId.NEPTUNE_CLUSTER_UNENCRYPTED, "C").orElseThrow();
        assertThat(u.finding().suppressed()).isTrue();
        assertThat(u.finding().actionable()).isFalse();
        assertThat(IacEvaluator.actionable(f)).isEmpty();
    }
}
