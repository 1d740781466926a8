package dev.neptuneguard.iac;

/**
 * What a {@code KmsKeyId} / {@code kms_key_arn} in code resolves to. The key is resolved, never judged by the
 * presence of the property: a literal {@code alias/aws/rds} is the AWS managed key, a reference to a key declared in
 * the same template or plan is that key, and a value only known at deploy time is "cannot verify".
 *
 * @param kind how the reference resolved
 * @param keyAddress the declared key's logical id or Terraform address ({@link Kind#DECLARED} only)
 * @param text the reference as written, for messages ({@code {"Fn::ImportValue": "shared-key"}}, an ARN)
 * @param why for {@link Kind#UNRESOLVED}: why the key cannot be known before deployment
 */
public record KeyReference(Kind kind, String keyAddress, String text, String why) {

    /** The alias of the AWS managed key Neptune (through RDS) uses by default. */
    public static final String AWS_RDS_ALIAS = "alias/aws/rds";

    public enum Kind {
        /** No key given: with encryption on, Neptune uses the account's default {@code aws/rds} key. */
        DEFAULT,
        /** {@code alias/aws/rds} written out, as a name or an alias ARN. */
        AWS_MANAGED,
        /** A key declared in the same template (an {@code AWS::KMS::Key}) or plan ({@code aws_kms_key}). */
        DECLARED,
        /** A literal key id or ARN of a key outside the template or plan. */
        LITERAL,
        /** A parameter, an import, a condition, a value known only after apply. */
        UNRESOLVED
    }

    public static KeyReference none() {
        return new KeyReference(Kind.DEFAULT, null, null, null);
    }

    public static KeyReference declared(String keyAddress, String text) {
        return new KeyReference(Kind.DECLARED, keyAddress, text, null);
    }

    public static KeyReference unresolved(String text, String why) {
        return new KeyReference(Kind.UNRESOLVED, null, text, why);
    }

    /** A literal: the AWS managed alias (name or alias ARN) or some other key. */
    public static KeyReference literal(String text) {
        return isAwsManagedAlias(text) ? new KeyReference(Kind.AWS_MANAGED, null, text, null)
                : new KeyReference(Kind.LITERAL, null, text, null);
    }

    /** {@code alias/aws/rds} or {@code arn:<partition>:kms:<region>:<account>:alias/aws/rds}. */
    public static boolean isAwsManagedAlias(String text) {
        return text != null && (text.equals(AWS_RDS_ALIAS)
                || text.startsWith("arn:") && text.contains(":kms:") && text.endsWith(":" + AWS_RDS_ALIAS));
    }
}
