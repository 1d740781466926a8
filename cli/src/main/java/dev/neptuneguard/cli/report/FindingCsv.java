package dev.neptuneguard.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.FindingJson;
import dev.neptuneguard.model.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Findings as RFC 4180 CSV: a header row with the finding JSON contract's fields in its order, one row per finding,
 * CRLF line ends, and a field quoted (quotes doubled) when it holds a comma, a quote, CR or LF. Cells are taken from
 * {@link FindingJson} so the two formats cannot drift apart: {@code affectedResources} is the ARNs joined by a
 * single space, {@code suppressed} is {@code true}/{@code false}, absent fields are empty. A cell that a spreadsheet
 * would run as a formula (first character {@code = + - @}, tab or CR; a {@code neptune-guard:exempt} tag value is
 * anyone's text) gets a leading apostrophe, as OWASP advises for CSV exports.
 */
public final class FindingCsv {

    public static final List<String> COLUMNS = List.of("ruleId", "severity", "status", "resourceType", "resourceArn",
            "resourceId", "resourceName", "account", "region", "title", "detail", "remediation", "keyArn", "keyState",
            "deletionDate", "affectedResources", "suppressed", "suppressionReason", "findingId");
    public static final String LINE_END = "\r\n";

    private FindingCsv() {
    }

    public static String header() {
        return String.join(",", COLUMNS) + LINE_END;
    }

    public static String row(Finding f) {
        ObjectNode node = FindingJson.toNode(f);
        List<String> cells = new ArrayList<>(COLUMNS.size());
        for (String column : COLUMNS) {
            cells.add(cell(text(node.get(column), column)));
        }
        return String.join(",", cells) + LINE_END;
    }

    private static String text(JsonNode value, String column) {
        if (value == null || value.isNull()) {
            return "suppressed".equals(column) ? "false" : "";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            return String.join(" ", items);
        }
        return value.asText();
    }

    public static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
