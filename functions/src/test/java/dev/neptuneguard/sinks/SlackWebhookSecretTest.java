package dev.neptuneguard.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SlackWebhookSecretTest {

    @Test
    void parse_plainUrl_accepted() {
        assertThat(SlackWebhookSecret.parse(" https://hooks.slack.com/services/T0/B0/abc \n", "s").toString())
                .isEqualTo("https://hooks.slack.com/services/T0/B0/abc");
    }

    @Test
    void parse_jsonWithUrlField_accepted() {
        assertThat(SlackWebhookSecret.parse("{\"webhookUrl\":\"https://hooks.slack.com/services/T0/B0/abc\"}", "s")
                .getPath()).isEqualTo("/services/T0/B0/abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.slack.com/services/T0/B0/abc", "https://hooks.slack.com.evil.example/x",
            "https://evil.example/hooks.slack.com/x", "https://user@hooks.slack.com/services/x",
            "https://hooks.slack.com:8443/services/x", "https://hooks.slack.com/", "not a url", ""})
    void parse_notASlackWebhook_rejectedWithoutEchoingTheValue(String value) {
        assertThatThrownBy(() -> SlackWebhookSecret.parse(value, "neptune-guard/slack"))
                .isInstanceOf(SlackConfigurationException.class)
                .hasMessageContaining("neptune-guard/slack")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("evil", "user@", "8443"));
    }
}
