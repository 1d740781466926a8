package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The machine-readable outputs of a live scan, read back the way their consumers read them: JSON lines against
 * the finding contract, CSV through an RFC 4180 parser and compared cell by cell with the JSON of the same scan.
 */
class OutputFormatsIT {

    /** The finding JSON contract (DESIGN.md section 4), plus the optional names the contract allows. */
    static final Set<String> REQUIRED = Set.of("ruleId", "severity", "status", "resourceType", "resourceArn",
            "account", "region", "title", "detail", "remediation", "findingId");
    static final List<String> CONTRACT = List.of("ruleId", "severity", "status", "resourceType", "resourceArn",
            "resourceId", "resourceName", "account", "region", "title", "detail", "remediation", "keyArn", "keyState",
            "deletionDate", "affectedResources", "suppressed", "suppressionReason", "findingId");
    /** The JSON lines add the time the dates were judged as of, after the contract's fields. */
    static final List<String> JSON_FIELDS = Stream.concat(CONTRACT.stream(),
            Stream.of("asOf", "asOfSource")).toList();
    static final String ACCOUNT = AwsStub.ACCOUNT;
    static final String EXEMPT_REASON = "=HYPERLINK(\"https://example.com\"), \"sandbox\" data only";

    private AwsStub stub;

    @BeforeEach
    void start() {
        stub = new AwsStub();
        stub.region("us-east-1",
                List.of(QueryXml.cluster("us-east-1", ACCOUNT, "graph-prod", LiveScanIT.CMK, "available"),
                        QueryXml.cluster("us-east-1", ACCOUNT, "graph-scratch", null, "available"),
                        QueryXml.cluster("us-east-1", ACCOUNT, "graph-sandbox", null, "available")),
                List.of(QueryXml.snapshot("us-east-1", ACCOUNT, "graph-prod-2026-11-01", "graph-prod",
                        LiveScanIT.CMK)));
        stub.key("us-east-1", LiveScanIT.CMK, false);
        stub.tags("us-east-1", "arn:aws:rds:us-east-1:644160558196:cluster:graph-sandbox",
                Map.of("neptune-guard:exempt", EXEMPT_REASON + "; until=2099-12-31"));
        stub.region("us-west-2",
                List.of(QueryXml.cluster("us-west-2", ACCOUNT, "graph-analytics", LiveScanIT.RDS_KEY, "available")),
                List.of());
        stub.key("us-west-2", LiveScanIT.RDS_KEY, true);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private String scan(String format) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NeptuneGuardCli.run(LiveScanIT.context(false), new PrintWriter(out), new PrintWriter(err), "scan",
                "--region", "us-east-1", "--region", "us-west-2", "--endpoint-url", stub.url(), "--include-passed",
                "--format", format);
        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        return out.toString();
    }

    private static List<JsonNode> jsonLines(String text) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            lines.add(Json.MAPPER.readTree(line));
        }
        return lines;
    }

    @Test
    void json_everyLineIsOneFindingInTheContract() throws IOException {
        List<JsonNode> lines = jsonLines(scan("json"));

        assertThat(lines).hasSizeGreaterThan(10);
        for (JsonNode f : lines) {
            List<String> names = new ArrayList<>();
            f.fieldNames().forEachRemaining(names::add);
            assertThat(names).as(f.toString()).containsAll(REQUIRED).contains("asOf", "asOfSource")
                    .isSubsetOf(JSON_FIELDS);
            assertThat(names).as("contract order").isSortedAccordingTo(
                    (a, b) -> Integer.compare(JSON_FIELDS.indexOf(a), JSON_FIELDS.indexOf(b)));
            assertThat(f.get("severity").asText()).isIn("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL");
            assertThat(f.get("status").asText()).isIn("FAILED", "PASSED", "NOT_APPLICABLE");
            assertThat(f.get("findingId").asText()).isEqualTo(f.get("ruleId").asText() + "/"
                    + f.get("resourceArn").asText());
            assertThat(f.get("account").asText()).isEqualTo(ACCOUNT);
            assertThat(f.get("resourceArn").asText()).contains(":" + f.get("region").asText() + ":" + ACCOUNT + ":");
        }
        assertThat(lines).anySatisfy(f -> {
            assertThat(f.get("ruleId").asText()).isEqualTo("NEPTUNE_CLUSTER_AWS_MANAGED_KEY");
            assertThat(f.get("status").asText()).isEqualTo("FAILED");
            assertThat(f.get("region").asText()).isEqualTo("us-west-2");
            assertThat(f.get("keyArn").asText()).isEqualTo(LiveScanIT.RDS_KEY);
            assertThat(f.get("keyState").asText()).isEqualTo("Enabled");
        });
        assertThat(lines).anySatisfy(f -> {
            assertThat(f.get("resourceName").asText()).isEqualTo("graph-sandbox");
            assertThat(f.get("status").asText()).isEqualTo("FAILED");
            assertThat(f.get("suppressed").asBoolean()).isTrue();
            assertThat(f.get("suppressionReason").asText()).isEqualTo(EXEMPT_REASON + " (until 2099-12-31)");
        });
    }

    @Test
    void csv_parsesBackToTheSameValuesAsTheJsonOfTheSameScan() throws IOException {
        List<JsonNode> json = jsonLines(scan("json"));
        String csv = scan("csv");

        List<List<String>> rows = Rfc4180.parse(csv);
        assertThat(csv).endsWith("\r\n");
        assertThat(rows.get(0)).isEqualTo(CONTRACT);
        assertThat(rows).hasSize(json.size() + 1);
        for (int i = 0; i < json.size(); i++) {
            JsonNode f = json.get(i);
            List<String> row = rows.get(i + 1);
            assertThat(row).hasSize(CONTRACT.size());
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < CONTRACT.size(); c++) {
                cells.put(CONTRACT.get(c), row.get(c));
            }
            for (String column : CONTRACT) {
                assertThat(cells.get(column)).as(column + " of " + f.get("findingId"))
                        .isEqualTo(expectedCell(f, column));
            }
        }
        assertThat(rows).anySatisfy(row -> assertThat(row.get(CONTRACT.indexOf("remediation"))).contains("\n2. Wait"));
        assertThat(rows).anySatisfy(row -> assertThat(row.get(CONTRACT.indexOf("suppressionReason")))
                .isEqualTo("'" + EXEMPT_REASON + " (until 2099-12-31)"));
    }

    @Test
    void demo_wholeDocumentFormats_areUsageErrors() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = NeptuneGuardCli.run(LiveScanIT.CLOCK, new PrintWriter(out), new PrintWriter(err), "demo",
                "--format", "csv");

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(err.toString()).contains("--format csv is not available for demo: use table, json, ocsf or html");
        assertThat(out.toString()).isEmpty();
    }

    /** What a CSV cell must hold for a JSON field: text, ARNs joined by a space, false for absent suppressed. */
    private static String expectedCell(JsonNode f, String column) {
        JsonNode v = f.get(column);
        if (v == null) {
            return "suppressed".equals(column) ? "false" : "";
        }
        String text;
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(i.asText()));
            text = String.join(" ", items);
        } else {
            text = v.asText();
        }
        return !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes, CR/LF allowed inside quotes. */
    static final class Rfc4180 {

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            Iterator<Integer> chars = text.chars().iterator();
            boolean quoted = false;
            boolean fieldStart = true;
            while (chars.hasNext()) {
                char c = (char) chars.next().intValue();
                if (quoted) {
                    if (c == '"') {
                        if (!chars.hasNext()) {
                            quoted = false;
                            continue;
                        }
                        char next = (char) chars.next().intValue();
                        if (next == '"') {
                            field.append('"');
                            continue;
                        }
                        quoted = false;
                        c = next;
                    } else {
                        field.append(c);
                        continue;
                    }
                }
                if (c == '"' && fieldStart) {
                    quoted = true;
                    fieldStart = false;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                    fieldStart = true;
                } else if (c == '\r') {
                    char next = chars.hasNext() ? (char) chars.next().intValue() : 0;
                    if (next != '\n') {
                        throw new IllegalArgumentException("a bare CR outside quotes");
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    fieldStart = true;
                } else if (c == '\n' || c == '"') {
                    throw new IllegalArgumentException("a bare " + (c == '"' ? "quote" : "LF") + " outside quotes");
                } else {
                    field.append(c);
                    fieldStart = false;
                }
            }
            if (quoted) {
                throw new IllegalArgumentException("an unterminated quoted field");
            }
            if (!row.isEmpty() || field.length() > 0) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
