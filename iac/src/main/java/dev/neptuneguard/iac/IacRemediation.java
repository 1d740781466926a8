package dev.neptuneguard.iac;

import dev.neptuneguard.model.RuleId;

/**
 * Remediation texts for code: what to write in the template or the Terraform configuration, instead of the live
 * snapshot-and-restore commands a deployed cluster needs. A Neptune cluster's key cannot change in place, so changing
 * it in code replaces the cluster: the texts say so.
 */
final class IacRemediation {

    private IacRemediation() {
    }

    static String forStore(RuleId rule, DeclaredStore s, IacModel model) {
        boolean tf = model.terraform();
        String encrypt = tf ? "set storage_encrypted = true and kms_key_arn = aws_kms_key.<name>.arn (a customer "
                + "managed key declared with enable_key_rotation = true and lifecycle { prevent_destroy = true })"
                : "set StorageEncrypted: true and KmsKeyId: !GetAtt <Key>.Arn (an AWS::KMS::Key with "
                + "EnableKeyRotation: true, DeletionPolicy: Retain and UpdateReplacePolicy: Retain)";
        String replaces = " Changing the encryption or the key of an existing cluster replaces it: deploy the change "
                + "as a new cluster restored from a snapshot, then move clients.";
        String verify = tf ? " Prefer a key declared in the same configuration, so that the plan shows it."
                : " Prefer a key declared in the same template (Ref or Fn::GetAtt), so that it can be checked before "
                + "deployment; a parameter or an import can only be checked after deployment (neptune-guard scan).";
        return switch (rule) {
            case NEPTUNE_CLUSTER_UNENCRYPTED, NEPTUNE_SNAPSHOT_UNENCRYPTED,
                 NEPTUNE_CLUSTER_AWS_MANAGED_KEY, NEPTUNE_SNAPSHOT_AWS_MANAGED_KEY ->
                    "In " + s.address() + ", " + encrypt + "." + replaces;
            case NEPTUNE_CLUSTER_KEY_UNVERIFIABLE, NEPTUNE_SNAPSHOT_KEY_UNVERIFIABLE ->
                    "The key of " + s.address() + " is only known at deploy time." + verify;
            case NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED -> tf
                    ? "Set enable_key_rotation = true on the key of " + s.address() + "."
                    : "Set EnableKeyRotation: true on the key of " + s.address() + ".";
            case NEPTUNE_CLUSTER_KEY_UNUSABLE, NEPTUNE_SNAPSHOT_KEY_UNUSABLE -> tf
                    ? "Remove is_enabled = false from the key of " + s.address() + " (or set it to true)."
                    : "Remove Enabled: false from the key of " + s.address() + " (or set it to true).";
            default -> "Use a key that the policy allows in " + s.address() + ": " + encrypt + "." + replaces;
        };
    }

    static String retainKey(DeclaredKey key, IacModel model) {
        return model.terraform()
                ? "Add lifecycle { prevent_destroy = true } to " + key.address() + ", and do not apply a plan that "
                + "deletes or replaces it while Neptune resources use it; keep deletion_window_in_days at 30."
                : "Add DeletionPolicy: Retain and UpdateReplacePolicy: Retain to " + key.address() + " (in the CDK: "
                + "removalPolicy: RemovalPolicy.RETAIN); keep PendingWindowInDays at 30 so that a mistaken deletion "
                + "can still be cancelled.";
    }

    static String enableKey(DeclaredKey key, IacModel model) {
        return model.terraform() ? "Set is_enabled = true on " + key.address() + "."
                : "Set Enabled: true on " + key.address() + " (or remove the property).";
    }

    static String keyPolicy(DeclaredKey key, IacModel model) {
        return "Give " + key.address() + " a key policy that lets the account use the key: keep the default "
                + "statement that allows the account root principal kms:* (IAM policies then decide), or allow "
                + "kms:CreateGrant, kms:Decrypt, kms:GenerateDataKey*, kms:Encrypt, kms:ReEncrypt* and kms:DescribeKey "
                + "to the account's principals with the condition kms:ViaService = rds.<region>.amazonaws.com"
                + (model.terraform() ? " (the policy argument)." : " (the KeyPolicy property).");
    }
}
