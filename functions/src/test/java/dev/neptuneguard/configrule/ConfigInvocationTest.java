package dev.neptuneguard.configrule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigInvocationTest {

    static Stream<String> configFixtures() throws IOException {
        try (Stream<Path> files = Files.list(DemoAccount.CONFIG_EVENTS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("configFixtures")
    void parse_everyConfigFixture_givesATypedInvocation(String file) {
        ConfigInvocation invocation = ConfigInvocation.parse(DemoAccount.event(file));

        assertThat(invocation.version()).isEqualTo("1.0");
        assertThat(invocation.accountId()).isEqualTo(DemoAccount.ACCOUNT);
        assertThat(invocation.resultToken()).isNotBlank();
        assertThat(invocation.configRuleName()).isEqualTo("neptune-guard-cluster-encryption");
        assertThat(invocation.notificationCreationTime()).isAfter(Instant.parse("2026-11-01T00:00:00Z"));
        MessageType expected = file.startsWith("scheduled") ? MessageType.SCHEDULED
                : file.startsWith("oversized") ? MessageType.OVERSIZED_CONFIGURATION_ITEM_CHANGE
                : MessageType.CONFIGURATION_ITEM_CHANGE;
        assertThat(invocation.messageType()).isEqualTo(expected);
        assertThat(invocation.configurationItem() != null).isEqualTo(expected == MessageType.CONFIGURATION_ITEM_CHANGE);
        assertThat(invocation.configurationItemSummary() != null)
                .isEqualTo(expected == MessageType.OVERSIZED_CONFIGURATION_ITEM_CHANGE);
    }

    @Test
    void parse_scheduledFixture_readsKmsKeyArnsAndTestMode() {
        ConfigInvocation invocation = ConfigInvocation.parse(DemoAccount.event("scheduled-notification.json"));

        assertThat(invocation.testMode()).isTrue();
        assertThat(invocation.evaluationMode()).isEqualTo("DETECTIVE");
        assertThat(invocation.ruleParameters()).containsOnlyKeys("KmsKeyArns");
        assertThat(invocation.ruleParameters().get("KmsKeyArns")).isEqualTo(DemoAccount.CMK + "," + DemoAccount.HSM);
    }

    @Test
    void parse_eventWithoutEvaluationMode_isAccepted() {
        ConfigInvocation invocation = ConfigInvocation.parse(DemoAccount.event("oversized-neptune-cluster.json"));

        assertThat(invocation.evaluationMode()).isNull();
        assertThat(invocation.testMode()).isFalse();
        assertThat(invocation.eventLeftScope()).isFalse();
    }

    @Test
    void parse_leftScopeFixture_readsTheFlag() {
        assertThat(ConfigInvocation.parse(DemoAccount.event("change-neptune-cluster-left-scope.json")).eventLeftScope())
                .isTrue();
    }

    @Test
    void parse_invokingEventGivenAsAnObject_isAccepted() throws IOException {
        ObjectNode event = (ObjectNode) DemoAccount.eventNode("change-neptune-cluster-default-key.json");
        event.set("invokingEvent", Json.MAPPER.readTree(event.get("invokingEvent").asText()));

        ConfigInvocation invocation = ConfigInvocation.parse(event);

        assertThat(invocation.configurationItem().get("resourceId").asText())
                .isEqualTo("cluster-ABCDEFGHIJKLMNOPQRSTUVWXY2");
    }

    @ParameterizedTest(name = "ruleParameters {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ABSENT
            BLANK
            EMPTY_OBJECT
            NULL
            """)
    void parse_missingOrEmptyRuleParameters_givesNoParameters(String shape) {
        ObjectNode event = (ObjectNode) DemoAccount.eventNode("change-neptune-cluster-default-key.json");
        switch (shape) {
            case "ABSENT" -> event.remove("ruleParameters");
            case "BLANK" -> event.put("ruleParameters", "");
            case "EMPTY_OBJECT" -> event.put("ruleParameters", "{}");
            default -> event.putNull("ruleParameters");
        }

        assertThat(ConfigInvocation.parse(event).ruleParameters()).isEmpty();
    }

    @Test
    void parse_ruleParametersAsObjectWithListsAndBooleans_readsThemAsStrings() {
        ObjectNode event = (ObjectNode) DemoAccount.eventNode("change-neptune-cluster-default-key.json");
        ObjectNode params = event.putObject("ruleParameters");
        params.putArray("KmsKeyArns").add(DemoAccount.CMK).add(DemoAccount.HSM);
        params.put("requireKeyRotation", true);

        ConfigInvocation invocation = ConfigInvocation.parse(event);

        assertThat(invocation.ruleParameters()).containsEntry("KmsKeyArns", DemoAccount.CMK + "," + DemoAccount.HSM)
                .containsEntry("requireKeyRotation", "true");
    }

    @Test
    void parse_ruleParametersThatAreNotJson_failsNamingThem() {
        ObjectNode event = (ObjectNode) DemoAccount.eventNode("change-neptune-cluster-default-key.json");
        event.put("ruleParameters", "{KmsKeyArns: arn");

        assertThatThrownBy(() -> ConfigInvocation.parse(event)).isInstanceOf(RuleParametersException.class)
                .hasMessageContaining("ruleParameters");
    }

    @Test
    void parse_ruleParameterWithAnObjectValue_fails() {
        ObjectNode event = (ObjectNode) DemoAccount.eventNode("change-neptune-cluster-default-key.json");
        event.putObject("ruleParameters").putObject("KmsKeyArns").put("a", "b");

        assertThatThrownBy(() -> ConfigInvocation.parse(event)).isInstanceOf(RuleParametersException.class)
                .hasMessageContaining("KmsKeyArns");
    }

    @Test
    void parse_inputsThatAreNotConfigInvocations_failAsInvalid() {
        ObjectNode withoutInvokingEvent = (ObjectNode) DemoAccount.eventNode("scheduled-notification.json");
        withoutInvokingEvent.remove("invokingEvent");
        for (String input : List.of("", "not json", "[1,2]", readMisc("sweep-scheduled-event.json"),
                withoutInvokingEvent.toString())) {
            assertThatThrownBy(() -> ConfigInvocation.parse(input)).as(input)
                    .isInstanceOf(InvalidInvocationException.class);
        }
    }

    /** An invokingEvent string holding only a message type. */
    private static String invokingEvent(String messageType) {
        return Json.MAPPER.createObjectNode().put("messageType", messageType).toString();
    }

    private static String readMisc(String file) {
        try {
            return Files.readString(Path.of("..", "events", "misc", file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void parse_unknownMessageType_failsNamingIt() {
        ObjectNode event = (ObjectNode) DemoAccount.eventNode("scheduled-notification.json");
        event.put("invokingEvent", invokingEvent("ConfigurationSnapshotDeliveryCompleted"));

        assertThatThrownBy(() -> ConfigInvocation.parse(event)).isInstanceOf(InvalidInvocationException.class)
                .hasMessageContaining("ConfigurationSnapshotDeliveryCompleted");
    }

    @Test
    void parse_withoutResultToken_failsAsInvalid() {
        ObjectNode event = (ObjectNode) DemoAccount.eventNode("scheduled-notification.json");
        event.remove("resultToken");

        assertThatThrownBy(() -> ConfigInvocation.parse(event)).isInstanceOf(InvalidInvocationException.class)
                .hasMessageContaining("resultToken");
    }

    @Test
    void parse_changeNotificationWithoutItem_failsAsInvalid() {
        ObjectNode event = (ObjectNode) DemoAccount.eventNode("scheduled-notification.json");
        event.put("invokingEvent", invokingEvent("ConfigurationItemChangeNotification"));

        assertThatThrownBy(() -> ConfigInvocation.parse(event)).isInstanceOf(InvalidInvocationException.class)
                .hasMessageContaining("configurationItem");
    }

    @Test
    void parse_invokingEventThatIsNotJson_failsAsInvalid() {
        ObjectNode event = (ObjectNode) DemoAccount.eventNode("scheduled-notification.json");
        event.put("invokingEvent", "{\"messageType\":");

        assertThatThrownBy(() -> ConfigInvocation.parse(event)).isInstanceOf(InvalidInvocationException.class)
                .hasMessageContaining("invokingEvent");
    }

    @Test
    void parse_bytesAndNode_giveTheSameInvocation() {
        String text = DemoAccount.event("change-neptune-snapshot-default-key.json");
        JsonNode node = DemoAccount.eventNode("change-neptune-snapshot-default-key.json");

        assertThat(ConfigInvocation.parse(text.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(ConfigInvocation.parse(node));
    }
}
