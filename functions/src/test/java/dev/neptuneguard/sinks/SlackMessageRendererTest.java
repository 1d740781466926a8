package dev.neptuneguard.sinks;

import static dev.neptuneguard.sinks.TestFindings.EVENT_ID;
import static dev.neptuneguard.sinks.TestFindings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackMessageRendererTest {

    @Test
    void render_oneAffectedResource_headerFieldsLinksAndFallback() throws Exception {
        JsonNode msg = json(SlackMessageRenderer.render(TestFindings.keyDeletion(1), EVENT_ID, NOW));

        assertThat(msg.get("text").asText()).isEqualTo("CRITICAL: 111122223333: KMS key used by Neptune is scheduled for deletion: "
                + "alias/graph-prod — 1 Neptune resource affected, key deletion in 6 days");
        JsonNode blocks = msg.get("blocks");
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).at("/text/type").asText()).isEqualTo("plain_text");
        assertThat(blocks.get(0).at("/text/text").asText()).contains("CRITICAL");
        String all = blocks.toString();
        assertThat(all).contains("*Account*\\n111122223333", "*Region*\\nus-east-1", "*Key*\\n<https://console.aws"
                        + ".amazon.com/kms/home?region=us-east-1#/kms/keys/" + TestFindings.KEY_ID + "|",
                "*Deletion date*\\n2026-11-29 13:00 UTC (in 6 days)", "*Affected resources (1)*",
                "graph-prod-0001", "*Remediation*", "aws kms cancel-key-deletion");
        assertThat(all).doesNotContain("more\"", "blockId");
    }

    @Test
    void render_clusterFinding_linksToTheClusterConsoleAndEscapesPlaceholders() throws Exception {
        JsonNode msg = json(SlackMessageRenderer.render(TestFindings.unencryptedCluster("graph-dev"), EVENT_ID, NOW));

        String all = msg.get("blocks").toString();
        assertThat(all).contains("<https://console.aws.amazon.com/neptune/home?region=us-east-1#database:id=graph-dev;"
                + "is-cluster=true|Open cluster graph-dev in the Neptune console>");
        assertThat(all).contains("&lt;your-customer-managed-key-arn&gt;").doesNotContain("<your-customer");
    }

    @Test
    void render_backtickInResourceName_codeSpanNotEndedEarly() throws Exception {
        JsonNode msg = json(SlackMessageRenderer.render(TestFindings.unencryptedCluster("graph`*pwned*`x"), EVENT_ID,
                NOW));

        String resource = null;
        for (JsonNode block : msg.get("blocks")) {
            for (JsonNode field : block.path("fields")) {
                if (field.get("text").asText().startsWith("*Resource*")) {
                    resource = field.get("text").asText();
                }
            }
        }
        assertThat(resource).isEqualTo("*Resource*\n`graph\u02cb*pwned*\u02cbx` (AWS::RDS::DBCluster)");
        String remediation = null;
        for (JsonNode block : msg.get("blocks")) {
            String text = block.at("/text/text").asText();
            if (text.startsWith("*Remediation*\n```")) {
                remediation = text;
            }
        }
        assertThat(remediation).endsWith("```");
        String body = remediation.substring("*Remediation*\n```".length(), remediation.length() - 3);
        assertThat(body).doesNotContain("`").contains("\n1. aws neptune create-db-cluster-snapshot "
                + "--db-cluster-identifier 'graph\u02cb*pwned*\u02cbx'");
    }

    @Test
    void render_fiveThousandAffectedResources_staysWithinBlockKitLimits() throws Exception {
        SlackMessage message = SlackMessageRenderer.render(TestFindings.keyDeletion(5000), EVENT_ID, NOW);
        JsonNode msg = json(message);

        assertThat(msg.get("blocks").size()).isLessThanOrEqualTo(SlackMessageRenderer.MAX_BLOCKS);
        assertSectionLimits(msg.get("blocks"));
        assertThat(msg.get("blocks").toString()).contains("*Affected resources (5,000)*", "+4,990 more");
        System.out.printf("Slack payload with 5,000 affected resources: %,d bytes, %d blocks%n",
                message.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, msg.get("blocks").size());
    }

    @Test
    void render_listCutUpstream_countsFromTheTotal() throws Exception {
        Finding cut = TestFindings.keyDeletion(100);
        SlackMessage message = SlackMessageRenderer.render(List.of(new SlackMessageRenderer.Item(cut, 5000)),
                EVENT_ID, NOW);

        assertThat(json(message).get("blocks").toString()).contains("*Affected resources (5,000)*", "+4,990 more");
        assertThat(message.text()).contains("5,000 Neptune resources affected");
    }

    @Test
    void render_sixtyFindings_capsAt50BlocksAndSaysHowManyMore() throws Exception {
        List<SlackMessageRenderer.Item> items = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            items.add(SlackMessageRenderer.Item.of(TestFindings.unencryptedCluster("graph-" + i)));
        }

        JsonNode blocks = json(SlackMessageRenderer.render(items, EVENT_ID, NOW)).get("blocks");

        assertThat(blocks.size()).isLessThanOrEqualTo(SlackMessageRenderer.MAX_BLOCKS);
        JsonNode last = blocks.get(blocks.size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("context");
        assertThat(last.toString()).containsPattern(":heavy_plus_sign: \\d+ more findings");
        assertSectionLimits(blocks);
    }

    @Test
    void render_longDetailAndRemediation_sectionsCutAt3000() throws Exception {
        Finding f = TestFindings.unencryptedCluster("graph-dev").withDetail("d".repeat(10_000));

        JsonNode blocks = json(SlackMessageRenderer.render(f, EVENT_ID, NOW)).get("blocks");

        assertSectionLimits(blocks);
    }

    private static void assertSectionLimits(JsonNode blocks) {
        for (JsonNode b : blocks) {
            if (b.has("text")) {
                int max = "header".equals(b.get("type").asText()) ? 150 : SlackMessageRenderer.MAX_SECTION_TEXT;
                assertThat(b.at("/text/text").asText().length()).isLessThanOrEqualTo(max);
            }
            if (b.has("fields")) {
                assertThat(b.get("fields").size()).isLessThanOrEqualTo(10);
                b.get("fields").forEach(x -> assertThat(x.get("text").asText().length()).isLessThanOrEqualTo(2000));
            }
        }
    }

    private static JsonNode json(SlackMessage m) throws Exception {
        return Json.MAPPER.readTree(m.toJson());
    }
}
