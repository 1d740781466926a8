package dev.neptuneguard.inventory;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The read-side clients aimed at a local wire stub: static credentials, us-east-1, a 5 ms retry backoff. */
final class StubClients {

    private StubClients() {
    }

    static AwsClients at(String baseUrl) {
        return AwsClients.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(baseUrl))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .retryBackoff(Duration.ofMillis(5))
                .build();
    }
}
