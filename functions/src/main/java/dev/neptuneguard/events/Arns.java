package dev.neptuneguard.events;

/** Builds and reads the ARNs neptune-guard needs, in the partition the region belongs to. */
public final class Arns {

    private Arns() {
    }

    /** {@code aws}, {@code aws-cn} or {@code aws-us-gov}, from the region name. */
    public static String partition(String region) {
        if (region == null) {
            return "aws";
        }
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    public static String rds(String region, String account, String type, String name) {
        if (region == null || account == null) {
            return null;
        }
        return "arn:" + partition(region) + ":rds:" + region + ":" + account + ":" + type + ":" + name;
    }

    public static String kmsKey(String region, String account, String keyId) {
        return "arn:" + partition(region) + ":kms:" + region + ":" + account + ":key/" + keyId;
    }

    /** The ARN's account field, or {@code null} when the text is not an ARN. */
    public static String account(String arn) {
        String[] parts = split(arn);
        return parts == null ? null : parts[4];
    }

    /** The ARN's region field, or {@code null} when the text is not an ARN. */
    public static String region(String arn) {
        String[] parts = split(arn);
        return parts == null ? null : parts[3];
    }

    private static String[] split(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts : null;
    }
}
