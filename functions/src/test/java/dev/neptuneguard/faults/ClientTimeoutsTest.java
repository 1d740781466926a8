package dev.neptuneguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.faults.ProductionClients.Limits;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkClient;

/**
 * Every SDK client the product builds carries a limit per attempt and a limit per call (retries included) and the
 * standard three attempts, so that no AWS call can hang an invocation until the Lambda timeout; the Slack client is
 * bounded by its request timeout, connect timeout and attempts. Read from the built clients' own configuration.
 */
class ClientTimeoutsTest {

    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");
    private static String previousRegion;

    @BeforeAll
    static void region() {
        previousRegion = System.setProperty("aws.region", "us-east-1");
    }

    @AfterAll
    static void restore() {
        if (previousRegion == null) {
            System.clearProperty("aws.region");
        } else {
            System.setProperty("aws.region", previousRegion);
        }
    }

    static Stream<Arguments> clients() {
        return ProductionClients.sdkClients(NOWHERE).entrySet().stream()
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void overrideConfiguration_productionClient_hasAttemptAndCallTimeoutsAndThreeAttempts(String name,
                                                                                         SdkClient client) {
        Limits limits = ProductionClients.limits(client);

        assertThat(limits.attempt()).as(name + " attempt timeout").isPresent();
        assertThat(limits.call()).as(name + " call timeout").isPresent();
        assertThat(limits.attempt().get()).as(name).isLessThan(limits.call().get());
        assertThat(limits.maxAttempts()).as(name + " attempts").isEqualTo(3);
        assertThat(limits.call().get()).as(name + " call timeout").isLessThanOrEqualTo(Duration.ofSeconds(20));
        client.close();
    }

    @Test
    void readSideClients_limits_threeSecondsPerAttemptTenPerCall() {
        Map<String, SdkClient> clients = ProductionClients.sdkClients(NOWHERE);
        for (String name : new String[] {"AwsClients: Neptune", "AwsClients: KMS (reads and protection)",
                "ConfigClients: Config", "KeyRuntime: Scheduler"}) {
            Limits limits = ProductionClients.limits(clients.get(name));
            assertThat(limits.attempt()).as(name).contains(Duration.ofSeconds(3));
            assertThat(limits.call()).as(name).contains(Duration.ofSeconds(10));
        }
        clients.values().forEach(SdkClient::close);
    }

    @Test
    void slackWebhookClient_production_boundedWellInsideTheNotifiersThirtySeconds() {
        Limits limits = ProductionClients.limits(ProductionClients.slack());

        assertThat(limits.attempt()).contains(Duration.ofSeconds(5));
        assertThat(limits.maxAttempts()).isEqualTo(3);
        assertThat(dev.neptuneguard.sinks.SlackStubClients.limits(ProductionClients.slack()).connectTimeout())
                .contains(Duration.ofSeconds(3));
        // 3 attempts of 5 s plus 0.5 s and 1 s of backoff: 16.5 s, inside the Slack notifier's 30 s timeout.
        assertThat(limits.worstCase(ProductionClients.SLACK_BACKOFF_TOTAL)).isEqualTo(Duration.ofMillis(16_500));
    }
}
