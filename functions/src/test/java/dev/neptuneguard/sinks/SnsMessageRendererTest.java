package dev.neptuneguard.sinks;

import static dev.neptuneguard.sinks.TestFindings.EVENT_ID;
import static dev.neptuneguard.sinks.TestFindings.KEY_ARN;
import static dev.neptuneguard.sinks.TestFindings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.FindingJsonReader;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import org.junit.jupiter.api.Test;

class SnsMessageRendererTest {

    @Test
    void render_keyDeletion_hasOneBodyPerProtocol() throws Exception {
        SnsMessage m = SnsMessageRenderer.render(TestFindings.keyDeletion(3), EVENT_ID, NOW);

        JsonNode bodies = Json.MAPPER.readTree(m.message());
        assertThat(bodies.fieldNames()).toIterable().containsExactly("default", "email", "sqs", "lambda", "https");
        assertThat(bodies.get("sqs").asText()).isEqualTo(bodies.get("lambda").asText());
        assertThat(bodies.get("default").asText())
                .startsWith("[CRITICAL] KMS key used by Neptune is scheduled for deletion: alias/graph-prod.")
                .contains("3 Neptune resources affected.", "(in 6 days)");
    }

    @Test
    void subject_titleThatWouldBeCutWithTheAccount_keepsTheWholeTitleAndLeavesTheAccountToTheAttributes() {
        Finding f = TestFindings.keyDeletion(3);
        Finding reminder = new Finding(f.ruleId(), f.severity(), f.status(), f.resourceType(), f.resourceArn(),
                f.resourceId(), f.resourceName(), f.account(), f.region(), f.title() + " — deleted in 6 days",
                f.detail(), f.remediation(), f.keyArn(), f.keyState(), f.deletionDate(),
                f.affectedResources(), false, null);

        String subject = SnsMessageRenderer.subject(reminder);

        assertThat(subject).startsWith("[CRITICAL] KMS key used by Neptune").endsWith("deleted in 6 days")
                .doesNotContain("111122223333");
        assertThat(SnsMessageRenderer.subject(f)).startsWith("[CRITICAL] 111122223333: ");
    }

    @Test
    void render_keyDeletion_subjectAndAttributesForFiltering() {
        SnsMessage m = SnsMessageRenderer.render(TestFindings.keyDeletion(3), EVENT_ID, NOW);

        assertThat(m.subject()).isEqualTo("[CRITICAL] 111122223333: KMS key used by Neptune is scheduled for deletion: "
                + "alias/graph-prod");
        assertThat(m.subject().length()).isLessThanOrEqualTo(100);
        assertThat(m.attributes()).containsEntry("severity", "CRITICAL")
                .containsEntry("ruleId", "KMS_KEY_DELETION_SCHEDULED_IN_USE")
                .containsEntry("account", "111122223333").containsEntry("region", "us-east-1")
                .containsEntry("resourceType", "AWS::KMS::Key").containsEntry("eventId", EVENT_ID);
    }

    @Test
    void render_keyDeletion_emailSaysWhatWhereByWhenAndHow() throws Exception {
        String email = body(SnsMessageRenderer.render(TestFindings.keyDeletion(3), EVENT_ID, NOW), "email");

        assertThat(email).contains("What happened\n3 Neptune clusters become unrecoverable",
                "Account:  111122223333", "Key state: PendingDeletion",
                "By when\n  Key deletion: 2026-11-29 13:00 UTC (in 6 days)",
                "Affected resources (3)\n  - arn:aws:rds:us-east-1:111122223333:cluster:graph-prod-0001",
                "What to do\n  Cancel the deletion", "  aws kms cancel-key-deletion --key-id " + KEY_ARN,
                "https://console.aws.amazon.com/kms/home?region=us-east-1#/kms/keys/",
                "Rule KMS_KEY_DELETION_SCHEDULED_IN_USE", "event " + EVENT_ID);
    }

    @Test
    void render_keyDeletion_jsonBodyIsTheFindingContract() throws Exception {
        Finding f = TestFindings.keyDeletion(3);
        JsonNode json = Json.MAPPER.readTree(body(SnsMessageRenderer.render(f, EVENT_ID, NOW), "sqs"));

        assertThat(json.get("ruleId").asText()).isEqualTo("KMS_KEY_DELETION_SCHEDULED_IN_USE");
        assertThat(json.get("deletionDate").asText()).isEqualTo("2026-11-29T13:00:00Z");
        assertThat(json.get("affectedResources")).hasSize(3);
        assertThat(json.has("affectedResourcesTotal")).isFalse();
        assertThat(FindingJsonReader.read(json).finding()).isEqualTo(f);
    }

    @Test
    void render_keyDeletion_chatbotNotificationHasTheRequiredSchema() throws Exception {
        JsonNode chat = Json.MAPPER.readTree(body(SnsMessageRenderer.render(TestFindings.keyDeletion(3), EVENT_ID,
                NOW), "https"));

        assertThat(chat.get("version").asText()).isEqualTo("1.0");
        assertThat(chat.get("source").asText()).isEqualTo("custom");
        JsonNode content = chat.get("content");
        assertThat(content.get("textType").asText()).isEqualTo("client-markdown");
        assertThat(content.get("title").asText()).startsWith(":red_circle: CRITICAL: KMS key used by Neptune");
        assertThat(content.get("description").asText()).contains("*Key deletion* 2026-11-29 13:00 UTC (in 6 days)",
                "*Affected resources (3)*");
        assertThat(content.get("nextSteps")).isNotEmpty();
        assertThat(content.get("nextSteps").get(0).asText()).startsWith("Cancel the deletion");
        JsonNode metadata = chat.get("metadata");
        assertThat(metadata.get("threadId").asText()).isEqualTo("neptune-guard/" + KEY_ARN);
        assertThat(metadata.get("summary").asText()).isNotBlank();
        assertThat(metadata.get("relatedResources").get(0).asText()).isEqualTo(KEY_ARN);
    }

    @Test
    void render_clusterFinding_threadsPerCluster() throws Exception {
        Finding f = TestFindings.unencryptedCluster("graph-dev");
        JsonNode chat = Json.MAPPER.readTree(body(SnsMessageRenderer.render(f, EVENT_ID, NOW), "https"));

        assertThat(chat.at("/metadata/threadId").asText()).isEqualTo("neptune-guard/" + f.resourceArn());
        assertThat(chat.at("/content/nextSteps").toString()).contains("Open the cluster in the Neptune console");
        assertThat(SnsMessageRenderer.render(f, EVENT_ID, NOW).attributes())
                .containsEntry("severity", "HIGH").containsEntry("resourceType", "AWS::RDS::DBCluster");
    }

    @Test
    void render_fiveThousandResources_cutToFitUnder256KiB() throws Exception {
        Finding f = TestFindings.keyDeletion(5000);

        SnsMessage uncut = SnsMessageRenderer.render(f, EVENT_ID, NOW, 5000, 20_000);
        SnsMessage m = SnsMessageRenderer.render(f, EVENT_ID, NOW);

        System.out.printf("SNS publication with 5,000 affected resources: %,d bytes uncut, %,d bytes sent%n",
                uncut.sizeBytes(), m.sizeBytes());
        assertThat(uncut.sizeBytes()).isGreaterThan(SnsMessageRenderer.MAX_BYTES);
        assertThat(m.sizeBytes()).isLessThanOrEqualTo(SnsMessageRenderer.MAX_BYTES);
        assertThat(body(m, "email")).contains("Affected resources (5,000)", "… and 4,900 more");
        JsonNode json = Json.MAPPER.readTree(body(m, "sqs"));
        assertThat(json.get("affectedResources")).hasSize(100);
        assertThat(json.get("affectedResourcesTotal").asInt()).isEqualTo(5000);
        assertThat(FindingJsonReader.read(json).affectedResourcesTotal()).isEqualTo(5000);
        assertThat(Json.MAPPER.readTree(body(m, "https")).at("/content/description").asText())
                .contains("… and 4,990 more");
    }

    @Test
    void render_hugeDetail_textCutToFit() {
        Finding base = TestFindings.keyDeletion(5000);
        Finding f = base.withDetail("x".repeat(400_000));

        SnsMessage m = SnsMessageRenderer.render(f, EVENT_ID, NOW);

        assertThat(m.sizeBytes()).isLessThanOrEqualTo(SnsMessageRenderer.MAX_BYTES);
    }

    @Test
    void shortText_clearedKey_saysNothingAboutDeletion() {
        String text = SnsMessageRenderer.shortText(TestFindings.keyCleared(), NOW);

        assertThat(text).startsWith("[INFORMATIONAL] KMS key used by Neptune is usable again")
                .doesNotContain("deletion");
        assertThat(text.length()).isLessThan(400);
    }

    private static String body(SnsMessage m, String protocol) throws Exception {
        return Json.MAPPER.readTree(m.message()).get(protocol).asText();
    }
}
