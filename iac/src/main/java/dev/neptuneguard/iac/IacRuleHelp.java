package dev.neptuneguard.iac;

import dev.neptuneguard.model.RuleId;

/**
 * What each rule the IaC evaluator reports means for code, and how to fix it in general: the rule-level help of a
 * SARIF report (each finding carries its own, concrete remediation as well).
 */
public final class IacRuleHelp {

    private IacRuleHelp() {
    }

    public static String help(RuleId rule) {
        return switch (rule) {
            case NEPTUNE_CLUSTER_UNENCRYPTED, NEPTUNE_SNAPSHOT_UNENCRYPTED -> "Neptune stores the data unencrypted. "
                    + "Neither CloudFormation (StorageEncrypted) nor the Terraform AWS provider (storage_encrypted, "
                    + "default false even when kms_key_arn is set) encrypts by default. Fix: StorageEncrypted: true / "
                    + "storage_encrypted = true with a customer managed key declared in the same code.";
            case NEPTUNE_CLUSTER_AWS_MANAGED_KEY, NEPTUNE_SNAPSHOT_AWS_MANAGED_KEY -> "The data is encrypted with the "
                    + "AWS managed key aws/rds: written as alias/aws/rds (or its ARN), or implied by encryption without "
                    + "a key. Its key policy cannot be restricted and its use cannot be revoked by you. Fix: KmsKeyId / "
                    + "kms_key_arn referring to an AWS::KMS::Key / aws_kms_key.";
            case NEPTUNE_CLUSTER_KEY_NOT_ALLOWED, NEPTUNE_SNAPSHOT_KEY_NOT_ALLOWED -> "The key is not on the policy's "
                    + "allowedKeyArns list. Fix: use an allowed key.";
            case NEPTUNE_CLUSTER_KEY_ORIGIN_BELOW_POLICY -> "The key's origin is below the policy's requiredKeyOrigins "
                    + "(for example AWS_KMS where AWS_CLOUDHSM is required). Fix: a key from the required origin.";
            case NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED -> "The policy requires automatic rotation and the key does not "
                    + "rotate (EnableKeyRotation / enable_key_rotation default to false). Fix: turn rotation on.";
            case NEPTUNE_CLUSTER_KEY_UNUSABLE, NEPTUNE_SNAPSHOT_KEY_UNUSABLE -> "The key the resource uses is declared "
                    + "disabled: Neptune cannot use it. Fix: enable the key.";
            case NEPTUNE_CLUSTER_KEY_UNVERIFIABLE, NEPTUNE_SNAPSHOT_KEY_UNVERIFIABLE -> "The key is a parameter, an "
                    + "import, a condition, a snapshot's key or a value known only after apply: it cannot be checked "
                    + "before deployment and is never counted as compliant. Fix: refer to a key declared in the same "
                    + "code, or verify the deployed resource with neptune-guard scan.";
            case KMS_KEY_NOT_RETAINED_IN_CODE -> "A key Neptune uses is deleted when its stack is deleted or replaced "
                    + "(no DeletionPolicy / UpdateReplacePolicy Retain), or a Terraform plan deletes or replaces it. "
                    + "Everything encrypted with it, backups included, is lost after the pending window. Fix: "
                    + "DeletionPolicy and UpdateReplacePolicy Retain (CDK: RemovalPolicy.RETAIN) / "
                    + "lifecycle { prevent_destroy = true }.";
            case KMS_KEY_DISABLED_IN_CODE -> "A key Neptune uses is declared disabled (Enabled: false / is_enabled = "
                    + "false). Fix: enable it.";
            case KMS_KEY_POLICY_BLOCKS_RDS_IN_CODE -> "The key policy does not let the account use the key through "
                    + "RDS (kms:Decrypt, kms:CreateGrant, kms:GenerateDataKeyWithoutPlaintext), so Neptune cannot use "
                    + "it. Fix: keep the default statement for the account root, or allow those actions with "
                    + "kms:ViaService rds.<region>.amazonaws.com.";
            default -> rule.title() + ".";
        };
    }
}
