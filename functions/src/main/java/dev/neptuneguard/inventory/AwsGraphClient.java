package dev.neptuneguard.inventory;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.neptunegraph.NeptuneGraphClient;

/**
 * Builds the Neptune Analytics client with the same HTTP client, credentials, timeouts, retries and call counter as
 * the other read-side clients. The only class besides {@link AwsGraphApi} that links against the SDK module, and only
 * loaded when the module is on the class path.
 */
final class AwsGraphClient {

    private AwsGraphClient() {
    }

    static GraphApi build(Region region, AwsCredentialsProvider credentials, SdkHttpClient http,
                          ClientOverrideConfiguration config, URI endpointOverride) {
        var builder = NeptuneGraphClient.builder().region(region).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(config);
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return new AwsGraphApi(builder.build(), region.id(), endpointOverride != null);
    }
}
