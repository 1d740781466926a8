package dev.neptuneguard.sinks;

import dev.neptuneguard.events.Arns;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * AWS console addresses for the resources a finding names, in the console of the ARN's partition (commercial,
 * China, GovCloud), so a reader goes from the alert to the resource in one click.
 */
public final class ConsoleLinks {

    private ConsoleLinks() {
    }

    /** The Neptune console page of a cluster, or {@code null} when the ARN is not a cluster ARN. */
    public static String cluster(String clusterArn) {
        if (clusterArn == null || !clusterArn.contains(":cluster:")) {
            return null;
        }
        String region = Arns.region(clusterArn);
        String name = clusterArn.substring(clusterArn.indexOf(":cluster:") + ":cluster:".length());
        return host(region) + "/neptune/home?region=" + region + "#database:id=" + encode(name) + ";is-cluster=true";
    }

    /** The KMS console page of a key, or {@code null} when the ARN is not a key ARN. */
    public static String key(String keyArn) {
        if (keyArn == null || !keyArn.startsWith("arn:") || !keyArn.contains(":key/")) {
            return null;
        }
        String region = Arns.region(keyArn);
        String keyId = keyArn.substring(keyArn.indexOf(":key/") + ":key/".length());
        return host(region) + "/kms/home?region=" + region + "#/kms/keys/" + encode(keyId);
    }

    private static String host(String region) {
        return switch (Arns.partition(region)) {
            case "aws-cn" -> "https://console.amazonaws.cn";
            case "aws-us-gov" -> "https://console.amazonaws-us-gov.com";
            default -> "https://console.aws.amazon.com";
        };
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }
}
