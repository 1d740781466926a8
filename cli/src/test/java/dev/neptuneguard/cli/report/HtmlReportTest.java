package dev.neptuneguard.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.RuleId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final ReportContext CONTEXT = new ReportContext(ReportContext.Source.LIVE, NOW, null,
            List.of("111122223333"), List.of("us-east-1"), "scan-1");
    private static final String HOSTILE = "<script>window.pwned=1</script><img src=x onerror=alert(1)>\"'&";

    private static String render(List<Finding> findings) {
        StringWriter out = new StringWriter();
        new HtmlReport().write(findings, CONTEXT, new PrintWriter(out));
        return out.toString();
    }

    private static Finding hostile() {
        RuleId rule = RuleId.NEPTUNE_CLUSTER_UNENCRYPTED;
        String arn = "arn:aws:rds:us-east-1:111122223333:cluster:" + HOSTILE;
        return new Finding(rule, rule.defaultSeverity(), ComplianceStatus.FAILED, ResourceType.CLUSTER, arn, null,
                HOSTILE, "111122223333", "us-east-1", rule.title() + ": " + HOSTILE, "Detail " + HOSTILE,
                "aws neptune create-db-cluster-snapshot --db-cluster-identifier '" + HOSTILE + "'", null, null, null,
                List.of(), true, "exempt because " + HOSTILE);
    }

    @Test
    void write_hostileNames_areEscapedEverywhere() {
        String html = render(List.of(hostile()));

        assertThat(html).doesNotContain("<script>window.pwned").doesNotContain("<img src=x")
                .doesNotContain("onerror=alert(1)>")
                .contains("&lt;script&gt;window.pwned=1&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
                        + "&quot;&#39;&amp;");
        // The only script element is the page's own, and no data is written into it.
        assertThat(count(html, "<script")).isEqualTo(1);
        String script = html.substring(html.indexOf("<script>"), html.indexOf("</script>"));
        assertThat(script).doesNotContain("pwned").doesNotContain("111122223333");
    }

    @Test
    void write_controlCharacters_areShownEscaped() {
        RuleId rule = RuleId.NEPTUNE_CLUSTER_UNENCRYPTED;
        String name = "graph\u202Eevil\u001B[31m";
        Finding f = new Finding(rule, rule.defaultSeverity(), ComplianceStatus.FAILED, ResourceType.CLUSTER,
                "arn:aws:rds:us-east-1:111122223333:cluster:" + name, null, name, "111122223333", "us-east-1",
                rule.title(), "d", "r", null, null, null, List.of(), false, null);

        String html = render(List.of(f));

        assertThat(html).doesNotContain("\u202E").doesNotContain("\u001B").contains("graph\\u202Eevil\\x1B[31m");
    }

    @Test
    void write_isSelfContained() {
        String html = render(List.of(OcsfDocumentTest.keyDeletion(), hostile()));

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">");
        // Nothing that could make the browser fetch: no src/href attributes, no CSS url() or @import, no link tags.
        // An attribute named src or href in any tag (attribute values are always double-quoted here).
        Pattern fetching = Pattern.compile("<[a-z]+(\\s+[a-z-]+=\"[^\"]*\")*\\s+(src|href)\\s*=",
                Pattern.CASE_INSENSITIVE);
        assertThat(fetching.matcher(html).find()).isFalse();
        assertThat(html).doesNotContain("url(").doesNotContain("@import").doesNotContain("<link")
                .doesNotContain("<iframe").doesNotContain("<object");
    }

    @Test
    void write_summaryChartsTableAndCountdown() {
        Finding unencrypted = OcsfDocumentTest.cluster(RuleId.NEPTUNE_CLUSTER_UNENCRYPTED, ComplianceStatus.FAILED,
                "graph-scratch");
        Finding passed = OcsfDocumentTest.cluster(RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY, ComplianceStatus.PASSED,
                "graph-prod");

        String html = render(List.of(unencrypted, OcsfDocumentTest.keyDeletion(), passed));

        assertThat(html).contains("<div class=\"card sev-critical\" data-severity=\"CRITICAL\"><span class=\"n\">1")
                .contains("<div class=\"card sev-high\" data-severity=\"HIGH\"><span class=\"n\">1")
                .contains("<span class=\"n\" id=\"count-passed\">1</span>")
                .contains("<svg id=\"chart-severity\"").contains("<svg id=\"chart-rule\"")
                .contains("data-label=\"KMS_KEY_DELETION_SCHEDULED_IN_USE\" data-count=\"1\"")
                .contains("3 of 3 shown")
                // Deadline counted from the report's time, not the wall clock.
                .contains("2026-11-30 17:10 UTC (in 7 days)")
                .contains("<dt>Blast radius</dt>")
                .contains("arn:aws:rds:us-east-1:111122223333:cluster-snapshot:graph-legacy-snap")
                .contains("aws kms cancel-key-deletion --key-id");
        assertThat(count(html, "<tbody class=\"finding\"")).isEqualTo(3);
        // Failed first, most severe first.
        assertThat(html.indexOf("alias/neptune-legacy")).isLessThan(html.indexOf("graph-scratch"));
        assertThat(html.indexOf("graph-scratch")).isLessThan(html.indexOf("graph-prod"));
    }

    @Test
    void countdown_pastDeletionStillPending_saysTheKeyIsProbablyGone() {
        Finding f = OcsfDocumentTest.keyDeletion();

        assertThat(HtmlReport.countdown(f, Instant.parse("2026-12-05T12:00:00Z")))
                .isEqualTo("was due 2026-11-30 17:10 UTC (4 days ago): the key is probably deleted by now");
        assertThat(HtmlReport.countdown(f, NOW)).isEqualTo("2026-11-30 17:10 UTC (in 7 days)");
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
