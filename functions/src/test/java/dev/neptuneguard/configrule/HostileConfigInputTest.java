package dev.neptuneguard.configrule;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shapes the hostile-input properties found in Config rule invocations, kept as plain examples: refusals are
 * logged with their message, so the message must stay short whatever the invocation holds.
 */
class HostileConfigInputTest {

    private static final String HUGE = "x".repeat(100_000);

    @Test
    void parse_hugeMessageType_refusedWithShortMessage() throws Exception {
        ObjectNode invocation = (ObjectNode) DemoAccount.eventNode("scheduled-notification.json");
        ObjectNode invoking = (ObjectNode) Json.MAPPER.readTree(invocation.get("invokingEvent").asText());
        invoking.put("messageType", HUGE);
        invocation.put("invokingEvent", invoking.toString());

        assertThatThrownBy(() -> ConfigInvocation.parse(invocation.toString()))
                .isInstanceOf(InvalidInvocationException.class)
                .hasMessageStartingWith("unsupported invokingEvent.messageType 'xxx")
                .message().hasSizeLessThanOrEqualTo(InvalidInvocationException.MAX_MESSAGE);
    }

    @Test
    void resolve_hugeKeyArn_refusedWithShortMessage() {
        assertThatThrownBy(() -> RuleSettings.resolve(Map.of(), Map.of("KmsKeyArns", HUGE)))
                .isInstanceOf(RuleParametersException.class)
                .hasMessageStartingWith("invalid rule parameter or default: KmsKeyArns: 'xxx")
                .hasMessageEndingWith("…")
                .message().hasSizeLessThanOrEqualTo(RuleParametersException.MAX_MESSAGE);
    }

    @Test
    void resolve_hugeResourceType_refusedWithShortMessage() {
        assertThatThrownBy(() -> RuleSettings.resolve(Map.of(), Map.of(RuleSettings.RESOURCE_TYPES, HUGE)))
                .isInstanceOf(RuleParametersException.class)
                .hasMessageStartingWith(RuleSettings.RESOURCE_TYPES + ": unknown resource type")
                .message().hasSizeLessThanOrEqualTo(RuleParametersException.MAX_MESSAGE);
    }
}
