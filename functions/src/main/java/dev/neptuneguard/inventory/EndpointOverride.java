package dev.neptuneguard.inventory;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;

/**
 * The test and compatibility hook {@code NEPTUNE_GUARD_ENDPOINT_URL}: when set, every AWS SDK client a function
 * builds (Neptune, KMS, Config, SNS, SQS, DynamoDB, Security Hub, Secrets Manager, Scheduler) sends its requests
 * to this one endpoint instead of the service's regional one, like the AWS CLI's {@code --endpoint-url}. It exists
 * so that a deployable jar can be run unchanged in a fresh JVM against a local stub (the artifact tests and the
 * cold-start benchmark do exactly that) or against an AWS-compatible emulator. Unset, nothing changes: the SDK
 * picks the regional endpoint as usual. Never set it in a real deployment.
 *
 * <p>The Slack webhook is a secret URL, so it follows the hook only to a loopback address ({@link #loopback}):
 * a mistaken or malicious setting cannot send the webhook token to another host.
 */
public final class EndpointOverride {

    public static final String ENV = "NEPTUNE_GUARD_ENDPOINT_URL";

    private EndpointOverride() {
    }

    /** The override from the process environment, or {@code null} when {@code NEPTUNE_GUARD_ENDPOINT_URL} is unset. */
    public static URI fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The override from {@code env} (a function's environment), or {@code null} when the variable is unset. */
    public static URI fromEnvironment(Map<String, String> env) {
        return parse(env.get(ENV));
    }

    /**
     * @return {@code null} for an absent or blank value
     * @throws IllegalStateException naming the variable when the value is not an absolute http(s) URL with a host
     */
    public static URI parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String problem = ENV + " must be an http(s) URL such as http://127.0.0.1:8080, not '" + value.trim() + "'";
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(problem, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalStateException(problem);
        }
        return uri;
    }

    /** The override, only when it points at this machine (127.0.0.0/8, ::1, localhost); otherwise {@code null}. */
    public static URI loopback(URI override) {
        if (override == null) {
            return null;
        }
        String host = override.getHost();
        if ("localhost".equalsIgnoreCase(host)) {
            return override;
        }
        if (!host.matches("[0-9.]+") && !host.startsWith("[")) {
            return null;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress() ? override : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
