package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of the demo opened in headless Chromium (Debian's {@code chromium}, driven over the DevTools
 * protocol, see {@link Chromium}): the table shows one row per failed finding of the demo, the severity, rule and
 * text filters show exactly the matching rows, sorting reorders them, a hostile resource name runs no script, and a
 * screenshot is saved as {@code target/html-report-demo.png}. Without chromium the test is skipped with the reason,
 * unless {@code CI=true}, where a missing browser fails it ({@code .ci/run} installs it).
 */
class HtmlReportChromiumIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    static final Path SCREENSHOT = Path.of("target", "html-report-demo.png");
    private static final String HOSTILE = "<img src=x onerror=window.__xss=1><script>window.__xss=2</script>";
    private static final String VISIBLE = "#findings-table tbody.finding:not([hidden])";

    @TempDir
    static Path dir;

    private static Chromium browser;

    @BeforeAll
    static void startChromium() throws Exception {
        Optional<Path> binary = Chromium.find();
        if (binary.isEmpty()) {
            String reason = "chromium is not installed (apt-get install -y chromium)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(reason + ": required with CI=true");
            }
            Assumptions.abort(reason);
        }
        browser = Chromium.start(binary.get(), dir.resolve("profile"));
    }

    @AfterAll
    static void stopChromium() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NeptuneGuardCli.run(CLOCK, new PrintWriter(out), new PrintWriter(err), args);
        assertThat(code).as(err.toString()).isIn(0, 1);
        return out.toString();
    }

    /** The demo's failed findings, each once, as the json format prints them. */
    private static List<JsonNode> demoFindings() throws IOException {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (String line : cli("demo", "--format", "json").split("\n")) {
            if (!line.isBlank()) {
                JsonNode f = Json.MAPPER.readTree(line);
                byId.put(f.get("findingId").asText(), f);
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static int visible() throws Exception {
        return browser.page().eval("document.querySelectorAll('" + VISIBLE + "').length").asInt();
    }

    private static void filter(String severity, String rule, String text) throws Exception {
        browser.page().eval("(function(){"
                + "var s=document.getElementById('filter-severity'); s.value='" + severity + "';"
                + "s.dispatchEvent(new Event('change'));"
                + "var r=document.getElementById('filter-rule'); r.value='" + rule + "';"
                + "r.dispatchEvent(new Event('change'));"
                + "var t=document.getElementById('filter-text'); t.value='" + text + "';"
                + "t.dispatchEvent(new Event('input')); return true;})()");
    }

    private static List<String> visibleNames() throws Exception {
        JsonNode names = browser.page().eval("Array.from(document.querySelectorAll('" + VISIBLE
                + " td.name')).map(function(e){return e.textContent;})");
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void demoReport_rendersEveryFindingFiltersSortsAndIsScreenshot() throws Exception {
        List<JsonNode> findings = demoFindings();
        Path report = dir.resolve("report.html");
        cli("demo", "--format", "html", "--output", report.toString());

        browser.page().open(report.toUri());

        assertThat(visible()).isEqualTo(findings.size()).isGreaterThan(10);
        assertThat(visibleNames()).containsExactlyInAnyOrderElementsOf(
                findings.stream().map(f -> f.get("resourceName").asText()).toList());
        assertThat(browser.page().eval("document.getElementById('shown').textContent").asText())
                .isEqualTo(findings.size() + " of " + findings.size() + " shown");

        filter("CRITICAL", "", "");
        long critical = findings.stream().filter(f -> f.get("severity").asText().equals("CRITICAL")).count();
        assertThat(visible()).isEqualTo(critical).isPositive();
        assertThat(browser.page().eval("document.getElementById('shown').textContent").asText())
                .isEqualTo(critical + " of " + findings.size() + " shown");

        filter("", "NEPTUNE_CLUSTER_UNENCRYPTED", "");
        assertThat(visibleNames()).containsExactlyInAnyOrderElementsOf(findings.stream()
                .filter(f -> f.get("ruleId").asText().equals("NEPTUNE_CLUSTER_UNENCRYPTED"))
                .map(f -> f.get("resourceName").asText()).toList());

        filter("", "", "GRAPH-SCRATCH");
        assertThat(visibleNames()).containsExactlyInAnyOrderElementsOf(findings.stream()
                .filter(f -> f.get("resourceArn").asText().contains("graph-scratch"))
                .map(f -> f.get("resourceName").asText()).toList()).hasSizeGreaterThan(1);

        filter("HIGH", "", "no-such-resource");
        assertThat(visible()).isZero();

        filter("", "", "");
        browser.page().eval("document.querySelector('#findings-table th[data-key=name]').click()");
        List<String> ascending = visibleNames();
        assertThat(ascending).isSorted().hasSize(findings.size());
        browser.page().eval("document.querySelector('#findings-table th[data-key=name]').click()");
        List<String> descending = new ArrayList<>(ascending);
        Collections.reverse(descending);
        assertThat(visibleNames()).containsExactlyElementsOf(descending);
        browser.page().eval("document.querySelector('#findings-table th[data-key=rank]').click()");
        assertThat(browser.page().eval("document.querySelector('" + VISIBLE + "').dataset.severity").asText())
                .isEqualTo("CRITICAL");

        // The first row (the most severe) opened onto its detail: blast radius and the remediation commands.
        String detail = browser.page().eval("(function(){var d=document.querySelector('" + VISIBLE
                + " details'); d.open=true; return d.innerText;})()").asText();
        String firstName = browser.page().eval("document.querySelector('" + VISIBLE + " td.name').textContent")
                .asText();
        JsonNode first = findings.stream().filter(f -> f.get("resourceName").asText().equals(firstName))
                .findFirst().orElseThrow();
        String fixStart = first.get("remediation").asText().lines().findFirst().orElseThrow();
        assertThat(detail).contains("Fix").contains(fixStart);
        if (first.has("affectedResources")) {
            assertThat(detail).contains("Blast radius").contains(first.get("affectedResources").get(0).asText());
        }

        byte[] png = browser.page().screenshot(1280, 1500);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(png.length).isGreaterThan(20_000);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, png);
    }

    @Test
    void hostileExemptionText_isShownAsTextAndRunsNoScript() throws Exception {
        // Identifiers in an export are checked at load; a tag value is anyone's text, shown in the report.
        Path bundle = DemoBundle.load().editClusters(c -> {
            if (c.get("DBClusterIdentifier").asText().equals("graph-scratch")) {
                c.putArray("TagList").addObject().put("Key", "neptune-guard:exempt").put("Value", HOSTILE);
            }
        }).write(dir.resolve("hostile.json"));
        Path report = dir.resolve("hostile.html");
        cli("scan", "--offline", bundle.toString(), "--format", "html", "--output", report.toString());

        browser.page().open(report.toUri());

        assertThat(browser.page().eval("typeof window.__xss").asText()).isEqualTo("undefined");
        assertThat(browser.page().eval("document.querySelectorAll('img').length").asInt()).isZero();
        assertThat(browser.page().eval("document.querySelectorAll('script').length").asInt()).isEqualTo(1);
        filter("", "", "onerror");
        assertThat(visibleNames()).containsExactly("graph-scratch");
        assertThat(browser.page().eval("document.querySelector('" + VISIBLE + " details dl').textContent").asText())
                .contains("Exempt" + HOSTILE);
    }
}
