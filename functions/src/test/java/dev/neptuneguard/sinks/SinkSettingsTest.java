package dev.neptuneguard.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neptuneguard.model.Severity;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkSettingsTest {

    private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/111122223333/neptune-guard-securityhub";

    @Test
    void fromEnvironment_onlyTable_defaults() {
        SinkSettings s = SinkSettings.fromEnvironment(Map.of("DELIVERY_TABLE_NAME", "deliveries"));

        assertThat(s.retention()).isEqualTo(Duration.ofDays(14));
        assertThat(s.topicArn()).isNull();
        assertThat(s.alertMinimum()).isEqualTo(Severity.LOW);
        assertThat(s.securityHub()).as("no queue, no Security Hub export").isFalse();
        assertThat(s.securityHubMinimum()).isEqualTo(Severity.INFORMATIONAL);
    }

    @Test
    void fromEnvironment_everything_read() {
        SinkSettings s = SinkSettings.fromEnvironment(Map.of("DELIVERY_TABLE_NAME", "deliveries",
                "DELIVERY_RETENTION_DAYS", "30", "ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:111122223333:alerts",
                "ALERT_MIN_SEVERITY", "high", "SECURITY_HUB_QUEUE_URL", QUEUE, "SECURITY_HUB_MIN_SEVERITY",
                "MEDIUM"));

        assertThat(s).isEqualTo(new SinkSettings("deliveries", Duration.ofDays(30),
                "arn:aws:sns:us-east-1:111122223333:alerts", Severity.HIGH, QUEUE, Severity.MEDIUM));
        assertThat(s.securityHub()).isTrue();
    }

    @Test
    void fromEnvironment_securityHubEnabledSwitch_overridesOrDemandsTheQueue() {
        assertThat(SinkSettings.fromEnvironment(Map.of("DELIVERY_TABLE_NAME", "t", "SECURITY_HUB_QUEUE_URL", QUEUE,
                "SECURITY_HUB_ENABLED", "false")).securityHub()).isFalse();
        assertThat(SinkSettings.fromEnvironment(Map.of("DELIVERY_TABLE_NAME", "t", "SECURITY_HUB_QUEUE_URL", QUEUE,
                "SECURITY_HUB_ENABLED", "TRUE")).securityHubQueueUrl()).isEqualTo(QUEUE);
        assertThatThrownBy(() -> SinkSettings.fromEnvironment(Map.of("DELIVERY_TABLE_NAME", "t",
                "SECURITY_HUB_ENABLED", "true"))).hasMessageStartingWith("SECURITY_HUB_QUEUE_URL is not set");
    }

    @Test
    void fromEnvironment_badValues_messageNamesTheVariable() {
        assertThatThrownBy(() -> SinkSettings.fromEnvironment(Map.of()))
                .hasMessageStartingWith("DELIVERY_TABLE_NAME is not set");
        assertThatThrownBy(() -> SinkSettings.fromEnvironment(Map.of("DELIVERY_TABLE_NAME", "t",
                "ALERT_MIN_SEVERITY", "urgent"))).hasMessageStartingWith("ALERT_MIN_SEVERITY: unknown severity");
        assertThatThrownBy(() -> SinkSettings.fromEnvironment(Map.of("DELIVERY_TABLE_NAME", "t",
                "DELIVERY_RETENTION_DAYS", "0"))).hasMessageStartingWith("DELIVERY_RETENTION_DAYS must be");
        assertThatThrownBy(() -> SinkSettings.fromEnvironment(Map.of("DELIVERY_TABLE_NAME", "t",
                "SECURITY_HUB_ENABLED", "yes"))).hasMessageStartingWith("SECURITY_HUB_ENABLED must be");
        assertThatThrownBy(() -> SinkSettings.fromEnvironment(Map.of("DELIVERY_TABLE_NAME", "t",
                "SECURITY_HUB_QUEUE_URL", "neptune-guard-securityhub")))
                .hasMessageStartingWith("SECURITY_HUB_QUEUE_URL must be the queue's URL");
    }
}
