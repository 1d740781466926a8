package dev.neptuneguard.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;

class AwsClientsTest {

    @Test
    void build_withoutRegion_failsNamingTheRegion() {
        assertThatThrownBy(() -> AwsClients.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("region");
    }

    @Test
    void build_production_bothClientsTimeOutRetryStandardAndCount() {
        try (AwsClients clients = AwsClients.builder().region(Region.EU_WEST_1).build()) {
            for (SdkServiceClientConfiguration config : new SdkServiceClientConfiguration[] {
                    clients.neptune().serviceClientConfiguration(), clients.kms().serviceClientConfiguration()}) {
                ClientOverrideConfiguration override = config.overrideConfiguration();
                assertThat(override.apiCallTimeout()).contains(Duration.ofSeconds(10));
                assertThat(override.apiCallAttemptTimeout()).contains(Duration.ofSeconds(3));
                assertThat(override.retryStrategy()).get().isInstanceOf(StandardRetryStrategy.class);
                assertThat(override.executionInterceptors()).contains(clients.counter());
                assertThat(config.endpointOverride()).isEmpty();
            }
            assertThat(clients.region()).isEqualTo(Region.EU_WEST_1);
        }
    }

    @Test
    void build_endpointOverride_appliesToBothClients() {
        URI endpoint = URI.create("http://localhost:4566");
        try (AwsClients clients = AwsClients.builder().region(Region.US_EAST_1).endpointOverride(endpoint).build()) {
            assertThat(clients.neptune().serviceClientConfiguration().endpointOverride()).contains(endpoint);
            assertThat(clients.kms().serviceClientConfiguration().endpointOverride()).contains(endpoint);
        }
    }
}
