package dev.neptuneguard.sinks;

import static dev.neptuneguard.sinks.TestFindings.EVENT_ID;
import static dev.neptuneguard.sinks.TestFindings.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.FindingJson;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

class SecurityHubMessageTest {

    private final DeliveryContext context = new DeliveryContext(EVENT_ID, "ScheduleKeyDeletion", NOW);

    @Test
    void parse_writtenMessage_readsBackTheSameMessage() {
        Finding f = TestFindings.keyDeletion(3);
        Map<String, Instant> seen = Map.of(SecurityHubFindings.id(f), NOW.minus(Duration.ofDays(2)));
        SecurityHubMessage m = SecurityHubMessage.of(f, context, seen);

        SecurityHubMessage read = SecurityHubMessage.parse(m.toJson());

        assertThat(read).isEqualTo(m);
        assertThat(read.createdAt(SecurityHubFindings.id(f))).isEqualTo(NOW.minus(Duration.ofDays(2)));
        assertThat(read.createdAt("neptune-guard/OTHER/arn")).as("unknown id: first seen now").isEqualTo(NOW);
    }

    @Test
    void toJson_10000AffectedClusters_fitsAndTheAsffFindingIsUnchanged() {
        Finding f = TestFindings.keyDeletion(10_000);
        String id = SecurityHubFindings.id(f);
        Instant created = NOW.minus(Duration.ofDays(1));

        String body = SecurityHubMessage.of(f, context, Map.of(id, created)).toJson();
        SecurityHubMessage read = SecurityHubMessage.parse(body);

        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SecurityHubMessage.MAX_BYTES);
        assertThat(read.finding().affectedResources()).hasSize(200);
        assertThat(read.affectedTotal()).isEqualTo(10_000);
        AwsSecurityFinding direct = AsffMapper.toAsff(f, created, NOW, EVENT_ID);
        AwsSecurityFinding queued = AsffMapper.toAsff(read.finding(), read.affectedTotal(), read.createdAt(id),
                read.observedAt(), read.eventId());
        assertThat(queued).isEqualTo(direct);
        assertThat(queued.productFields()).containsEntry("neptune-guard/AffectedResourceCount", "10000");
    }

    @Test
    void toJson_hugeTexts_cutToFit() {
        Finding f = TestFindings.keyDeletion(3).withDetail("€".repeat(200_000));

        String body = SecurityHubMessage.of(f, context, Map.of()).toJson();

        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SecurityHubMessage.MAX_BYTES);
        assertThat(SecurityHubMessage.parse(body).finding().detail()).hasSize(20_000).endsWith("…");
    }

    @Test
    void parse_notAQueuedFinding_clearError() {
        String finding = FindingJson.toLine(TestFindings.unencryptedCluster("graph-dev"));
        ObjectNode noEvent = (ObjectNode) Json.MAPPER.valueToTree(Map.of("version", 1, "observedAt",
                NOW.toString()));
        ObjectNode badTime = (ObjectNode) Json.MAPPER.valueToTree(Map.of("version", 1, "eventId", EVENT_ID,
                "observedAt", "yesterday"));
        ObjectNode noFinding = (ObjectNode) Json.MAPPER.valueToTree(Map.of("version", 1, "eventId", EVENT_ID,
                "observedAt", NOW.toString()));

        assertThatThrownBy(() -> SecurityHubMessage.parse("{\"version\":1,")).hasMessage("message body is not JSON");
        assertThatThrownBy(() -> SecurityHubMessage.parse("[]")).hasMessage("message body is not a JSON object");
        assertThatThrownBy(() -> SecurityHubMessage.parse(finding)).hasMessageStartingWith("unsupported message "
                + "version");
        assertThatThrownBy(() -> SecurityHubMessage.parse(noEvent.toString())).hasMessage("message has no eventId");
        assertThatThrownBy(() -> SecurityHubMessage.parse(badTime.toString()))
                .hasMessageStartingWith("observedAt is not an ISO-8601 instant");
        assertThatThrownBy(() -> SecurityHubMessage.parse(noFinding.toString()))
                .hasMessage("finding JSON must be an object");
        assertThatThrownBy(() -> SecurityHubMessage.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ids_allClear_namesTheFourFindingsItArchives() {
        List<String> ids = SecurityHubFindings.ids(TestFindings.keyCleared());

        assertThat(ids).hasSize(4).contains(SecurityHubFindings.id(TestFindings.keyDeletion(1)));
        assertThat(ids).allMatch(i -> i.startsWith("neptune-guard/KMS_KEY_") && i.endsWith(TestFindings.KEY_ARN));
    }
}
