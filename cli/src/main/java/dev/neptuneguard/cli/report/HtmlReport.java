package dev.neptuneguard.cli.report;

import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.Severity;
import dev.neptuneguard.sinks.Countdown;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code --format html} report: one self-contained page (styles and script inline, no font, image or script
 * fetched; a Content-Security-Policy forbids any fetch) with the run's context, the failed findings counted by
 * severity and by rule with bar charts drawn in inline SVG, the key deletion countdowns, and a table of findings that
 * sorts on any column and filters by severity, rule and text; each row opens onto the finding's detail, blast radius
 * (the resources a key puts at risk) and remediation commands. Untrusted values only ever appear as escaped text or
 * attribute values ({@link Html}); the script reads them from the page, so no data is ever written into it.
 */
public final class HtmlReport implements FindingDocument {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    /** Bar colours per severity, most to least urgent. */
    private static final String[] COLOURS = {"#8b0000", "#d9480f", "#e8a400", "#1971c2", "#868e96"};

    @Override
    public void write(List<Finding> findings, ReportContext context, PrintWriter out) {
        List<Finding> rows = new ArrayList<>(Findings.latestPerId(findings));
        rows.sort(ReportOrder.FAILED_FIRST);
        StringBuilder h = new StringBuilder(8192 + rows.size() * 2048);
        head(h);
        h.append("<body>\n<header><h1>neptune-guard report</h1>\n");
        contextLine(h, context, rows);
        h.append("</header>\n<main>\n");
        summary(h, rows);
        deadlines(h, rows, context.time());
        table(h, rows, context.time());
        h.append("</main>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        out.print(h);
        out.flush();
    }

    private static void head(StringBuilder h) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>neptune-guard report</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n");
    }

    private static void contextLine(StringBuilder h, ReportContext c, List<Finding> rows) {
        List<String> accounts = c.accounts().isEmpty() ? distinct(rows, true) : c.accounts();
        List<String> regions = c.regions().isEmpty() ? distinct(rows, false) : c.regions();
        h.append("<dl class=\"context\">")
                .append("<dt>Source</dt><dd id=\"ctx-source\">").append(Html.text(c.source().label())).append("</dd>")
                .append("<dt>Accounts</dt><dd>").append(Html.text(String.join(", ", accounts))).append("</dd>")
                .append("<dt>Regions</dt><dd>").append(Html.text(String.join(", ", regions))).append("</dd>")
                .append("<dt>Evaluated at</dt><dd>").append(Html.text(WHEN.format(c.time()))).append(" (")
                .append(Html.text(c.timeBasis())).append(")</dd>");
        if (c.runId() != null) {
            h.append("<dt>Run</dt><dd>").append(Html.text(c.runId())).append("</dd>");
        }
        h.append("</dl>\n");
    }

    private static List<String> distinct(List<Finding> rows, boolean accounts) {
        return rows.stream().map(f -> accounts ? f.account() : f.region()).filter(v -> v != null)
                .distinct().sorted().toList();
    }

    private static void summary(StringBuilder h, List<Finding> rows) {
        Tally tally = Tally.of(rows);
        Map<String, Integer> byRule = new TreeMap<>();
        rows.stream().filter(Finding::actionable).forEach(f -> byRule.merge(f.ruleId().name(), 1, Integer::sum));
        int suppressed = tally.suppressed();
        int passed = tally.passed();
        int notApplicable = tally.notApplicable();
        h.append("<section id=\"summary\"><h2>Summary</h2>\n<div class=\"cards\">");
        for (Severity s : Severity.values()) {
            h.append("<div class=\"card sev-").append(s.name().toLowerCase(Locale.ROOT)).append("\" data-severity=\"")
                    .append(s.name()).append("\"><span class=\"n\">").append(tally.failed(s))
                    .append("</span><span class=\"l\">").append(s.name()).append("</span></div>");
        }
        h.append("<div class=\"card other\"><span class=\"n\" id=\"count-suppressed\">").append(suppressed)
                .append("</span><span class=\"l\">exempt</span></div>")
                .append("<div class=\"card other\"><span class=\"n\" id=\"count-passed\">").append(passed)
                .append("</span><span class=\"l\">passed shown</span></div>");
        if (notApplicable > 0) {
            h.append("<div class=\"card other\"><span class=\"n\">").append(notApplicable)
                    .append("</span><span class=\"l\">not applicable</span></div>");
        }
        h.append("</div>\n<div class=\"charts\">\n");
        Map<String, Integer> severityBars = new java.util.LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            severityBars.put(s.name(), tally.failed(s));
        }
        chart(h, "chart-severity", "Failed findings by severity", severityBars, true);
        chart(h, "chart-rule", "Failed findings by rule", byRule, false);
        h.append("</div></section>\n");
    }

    /** A horizontal bar chart in inline SVG: one labelled bar per entry, scaled to the largest count. */
    private static void chart(StringBuilder h, String id, String title, Map<String, Integer> bars, boolean severity) {
        int max = Math.max(1, bars.values().stream().mapToInt(Integer::intValue).max().orElse(1));
        int labelWidth = severity ? 120 : 330;
        int barWidth = 260;
        int rowHeight = 22;
        int height = Math.max(1, bars.size()) * rowHeight + 30;
        h.append("<figure><svg id=\"").append(id).append("\" class=\"chart\" role=\"img\" width=\"")
                .append(labelWidth + barWidth + 50).append("\" height=\"").append(height)
                .append("\" aria-label=\"").append(Html.text(title)).append("\">")
                .append("<text x=\"0\" y=\"16\" class=\"title\">").append(Html.text(title)).append("</text>");
        if (bars.isEmpty()) {
            h.append("<text x=\"0\" y=\"40\">none</text>");
        }
        int y = 28;
        for (Map.Entry<String, Integer> bar : bars.entrySet()) {
            int width = bar.getValue() == 0 ? 0 : Math.max(2, bar.getValue() * barWidth / max);
            String colour = severity ? COLOURS[Severity.valueOf(bar.getKey()).ordinal()] : ruleColour(bar.getKey());
            h.append("<g class=\"bar\" data-label=\"").append(Html.text(bar.getKey())).append("\" data-count=\"")
                    .append(bar.getValue()).append("\"><text x=\"0\" y=\"").append(y + 14).append("\">")
                    .append(Html.text(bar.getKey())).append("</text><rect x=\"").append(labelWidth).append("\" y=\"")
                    .append(y + 3).append("\" width=\"").append(width).append("\" height=\"14\" fill=\"")
                    .append(colour).append("\"></rect><text x=\"").append(labelWidth + width + 6).append("\" y=\"")
                    .append(y + 14).append("\">").append(bar.getValue()).append("</text></g>");
            y += rowHeight;
        }
        h.append("</svg></figure>\n");
    }

    private static String ruleColour(String rule) {
        try {
            return COLOURS[RuleId.valueOf(rule).defaultSeverity().ordinal()];
        } catch (IllegalArgumentException e) {
            return COLOURS[COLOURS.length - 1];
        }
    }

    /** Keys with a deletion date: when, how long from the evaluation time, and how many resources they take along. */
    private static void deadlines(StringBuilder h, List<Finding> rows, Instant now) {
        Map<String, Finding> byKey = new TreeMap<>();
        for (Finding f : rows) {
            if (f.keyArn() != null && f.deletionDate() != null) {
                byKey.merge(f.keyArn(), f, (a, b) -> a.affectedResources().size() >= b.affectedResources().size()
                        ? a : b);
            }
        }
        h.append("<section id=\"deadlines\"><h2>Key deletion countdowns</h2>\n");
        if (byKey.isEmpty()) {
            h.append("<p>No key in these findings is scheduled for deletion.</p></section>\n");
            return;
        }
        h.append("<table class=\"plain\"><thead><tr><th>Key</th><th>State</th><th>Deletion</th>"
                + "<th>Resources at risk</th></tr></thead><tbody>\n");
        for (Finding f : byKey.values()) {
            h.append("<tr class=\"deadline").append(f.deletionDate().isBefore(now) ? " past" : "")
                    .append("\"><td class=\"mono\">").append(Html.text(f.keyArn())).append("</td><td>")
                    .append(Html.text(f.keyState())).append("</td><td>").append(Html.text(countdown(f, now)))
                    .append("</td><td>").append(f.affectedResources().size()).append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    /** "2026-12-01 10:00 UTC (in 6 days)", or for a date already past, what it means. */
    static String countdown(Finding f, Instant now) {
        String when = Countdown.withDate(f.deletionDate(), now);
        if (!f.deletionDate().isAfter(now) && "PendingDeletion".equals(f.keyState())) {
            return "was due " + when + ": the key is probably deleted by now";
        }
        return when;
    }

    private static void table(StringBuilder h, List<Finding> rows, Instant now) {
        h.append("<section id=\"findings\"><h2>Findings</h2>\n<div class=\"filters\">")
                .append("<label>Severity <select id=\"filter-severity\"><option value=\"\">all</option>");
        for (Severity s : Severity.values()) {
            h.append("<option value=\"").append(s.name()).append("\">").append(s.name()).append("</option>");
        }
        h.append("</select></label> <label>Rule <select id=\"filter-rule\"><option value=\"\">all</option>");
        rows.stream().map(f -> f.ruleId().name()).distinct().sorted()
                .forEach(r -> h.append("<option value=\"").append(r).append("\">").append(r).append("</option>"));
        h.append("</select></label> <label>Text <input id=\"filter-text\" type=\"search\" "
                        + "placeholder=\"name, ARN, account, key…\"></label> <span id=\"shown\">")
                .append(rows.size()).append(" of ").append(rows.size()).append(" shown</span></div>\n")
                .append("<table id=\"findings-table\"><thead><tr>")
                .append("<th data-key=\"rank\">Severity</th><th data-key=\"status\">Status</th>")
                .append("<th data-key=\"rule\">Rule</th><th data-key=\"name\">Resource</th>")
                .append("<th data-key=\"account\">Account</th><th data-key=\"region\">Region</th>")
                .append("<th data-key=\"deletion\">Key deletion</th></tr></thead>\n");
        for (Finding f : rows) {
            row(h, f, now);
        }
        h.append("</table>\n");
        if (rows.isEmpty()) {
            h.append("<p>No findings.</p>\n");
        }
        h.append("</section>\n");
    }

    private static void row(StringBuilder h, Finding f, Instant now) {
        String label = label(f);
        String search = String.join(" ", nonNull(f.ruleId().name(), f.resourceName(), f.resourceArn(), f.account(),
                f.region(), f.title(), f.keyArn(), f.suppressionReason())).toLowerCase(Locale.ROOT);
        String deletion = f.deletionDate() == null ? "" : countdown(f, now);
        h.append("<tbody class=\"finding\" data-severity=\"").append(f.severity().name())
                .append("\" data-rank=\"").append(rank(f)).append("\" data-status=\"").append(label)
                .append("\" data-rule=\"").append(f.ruleId().name())
                .append("\" data-name=\"").append(Html.text(nonNull(f.resourceName()).get(0)))
                .append("\" data-account=\"").append(Html.text(nonNull(f.account()).get(0)))
                .append("\" data-region=\"").append(Html.text(nonNull(f.region()).get(0)))
                .append("\" data-deletion=\"").append(f.deletionDate() == null ? "~" : f.deletionDate().toString())
                .append("\" data-text=\"").append(Html.text(search)).append("\">\n<tr class=\"main\">")
                .append("<td><span class=\"badge sev-").append(f.severity().name().toLowerCase(Locale.ROOT))
                .append("\">").append(f.severity().name()).append("</span></td>")
                .append("<td>").append(label).append("</td>")
                .append("<td class=\"rule\">").append(f.ruleId().name()).append("</td>")
                .append("<td class=\"name\">").append(Html.text(f.resourceName())).append("</td>")
                .append("<td>").append(Html.text(f.account())).append("</td>")
                .append("<td>").append(Html.text(f.region())).append("</td>")
                .append("<td>").append(Html.text(deletion)).append("</td></tr>\n")
                .append("<tr class=\"detail\"><td colspan=\"7\"><details><summary>")
                .append(Html.text(f.title())).append("</summary>\n<dl>")
                .append("<dt>Resource</dt><dd class=\"mono\">").append(Html.text(f.resourceArn())).append("</dd>");
        if (f.keyArn() != null) {
            h.append("<dt>Key</dt><dd class=\"mono\">").append(Html.text(f.keyArn()));
            if (f.keyState() != null) {
                h.append(" (").append(Html.text(f.keyState())).append(")");
            }
            h.append("</dd>");
        }
        if (f.deletionDate() != null) {
            h.append("<dt>Deletion</dt><dd>").append(Html.text(deletion)).append("</dd>");
        }
        if (f.suppressed()) {
            h.append("<dt>Exempt</dt><dd>").append(Html.text(f.suppressionReason())).append("</dd>");
        }
        if (!f.affectedResources().isEmpty()) {
            h.append("<dt>Blast radius</dt><dd><ul class=\"mono\">");
            f.affectedResources().forEach(arn -> h.append("<li>").append(Html.text(arn)).append("</li>"));
            h.append("</ul></dd>");
        }
        h.append("<dt>Detail</dt><dd><pre>").append(Html.escape(FindingText.prose(f, f.detail())))
                .append("</pre></dd>");
        if (f.remediation() != null && !f.remediation().isBlank()) {
            h.append("<dt>Fix</dt><dd><pre class=\"fix\">").append(Html.escape(FindingText.prose(f, f.remediation())))
                    .append("</pre></dd>");
        }
        h.append("<dt>Finding id</dt><dd class=\"mono\">").append(Html.text(f.stableId())).append("</dd>")
                .append("</dl></details></td></tr>\n</tbody>\n");
    }

    private static List<String> nonNull(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v != null) {
                out.add(v);
            }
        }
        if (out.isEmpty()) {
            out.add("");
        }
        return out;
    }

    /** Sort rank: failed by severity first, then exempt, then passed and not applicable. */
    private static int rank(Finding f) {
        if (f.actionable()) {
            return f.severity().ordinal();
        }
        return f.suppressed() ? 10 + f.severity().ordinal() : 20 + f.severity().ordinal();
    }

    private static String label(Finding f) {
        if (f.status() != ComplianceStatus.FAILED) {
            return f.status().name();
        }
        return f.suppressed() ? "EXEMPT" : "FAILED";
    }

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#212529;\
            background:#f8f9fa}
            header{background:#1d3557;color:#fff;padding:12px 24px}
            header h1{margin:0 0 6px;font-size:22px}
            dl.context{display:flex;flex-wrap:wrap;gap:4px 18px;margin:0;font-size:13px}
            dl.context dt{font-weight:600;opacity:.8}dl.context dd{margin:0 0 0 -12px}
            main{padding:8px 24px 32px}
            h2{font-size:18px;margin:18px 0 8px}
            .cards{display:flex;gap:10px;flex-wrap:wrap}
            .card{background:#fff;border-radius:6px;padding:8px 14px;min-width:84px;border-left:6px solid #adb5bd;\
            box-shadow:0 1px 2px rgba(0,0,0,.1)}
            .card .n{display:block;font-size:24px;font-weight:700}.card .l{font-size:12px}
            .sev-critical{border-color:#8b0000}.sev-high{border-color:#d9480f}.sev-medium{border-color:#e8a400}
            .sev-low{border-color:#1971c2}.sev-informational{border-color:#868e96}
            .charts{display:flex;gap:24px;flex-wrap:wrap;margin-top:10px}
            figure{margin:0;background:#fff;padding:8px;border-radius:6px}
            svg.chart text{font-size:12px;fill:#212529}svg.chart text.title{font-weight:600}
            table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
            th,td{padding:6px 8px;border-bottom:1px solid #dee2e6;text-align:left;vertical-align:top}
            #findings-table th{cursor:pointer;user-select:none;background:#e9ecef;position:sticky;top:0}
            #findings-table th[aria-sort=ascending]::after{content:" \\25B2"}
            #findings-table th[aria-sort=descending]::after{content:" \\25BC"}
            tr.detail td{border-bottom:2px solid #ced4da;padding-top:0}
            details summary{cursor:pointer;color:#1d3557}
            details dl{display:grid;grid-template-columns:110px 1fr;gap:4px 10px;margin:6px 0}
            details dt{font-weight:600}details dd{margin:0}
            pre{white-space:pre-wrap;word-break:break-word;margin:0;font-size:12px}
            pre.fix{background:#f1f3f5;padding:6px;border-radius:4px}
            .mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
            .rule{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;\
            overflow-wrap:anywhere}
            .badge{display:inline-block;padding:1px 6px;border-radius:4px;color:#fff;font-size:11px;font-weight:700;\
            border:0}
            .badge.sev-critical{background:#8b0000}.badge.sev-high{background:#d9480f}
            .badge.sev-medium{background:#e8a400;color:#212529}.badge.sev-low{background:#1971c2}
            .badge.sev-informational{background:#868e96}
            .filters{display:flex;gap:14px;align-items:center;flex-wrap:wrap;margin:6px 0 10px;font-size:13px}
            tr.deadline.past td{color:#8b0000}
            """;

    private static final String SCRIPT = """
            (function () {
              var table = document.getElementById('findings-table');
              var groups = Array.prototype.slice.call(table.querySelectorAll('tbody.finding'));
              var severity = document.getElementById('filter-severity');
              var rule = document.getElementById('filter-rule');
              var text = document.getElementById('filter-text');
              var shown = document.getElementById('shown');
              function apply() {
                var s = severity.value, r = rule.value, t = text.value.trim().toLowerCase(), n = 0;
                groups.forEach(function (g) {
                  var ok = (!s || g.dataset.severity === s) && (!r || g.dataset.rule === r)
                      && (!t || g.dataset.text.indexOf(t) >= 0);
                  g.hidden = !ok;
                  if (ok) { n++; }
                });
                shown.textContent = n + ' of ' + groups.length + ' shown';
              }
              [severity, rule].forEach(function (e) { e.addEventListener('change', apply); });
              text.addEventListener('input', apply);
              table.querySelectorAll('th[data-key]').forEach(function (th) {
                th.addEventListener('click', function () {
                  var key = th.dataset.key;
                  var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
                  table.querySelectorAll('th').forEach(function (o) { o.removeAttribute('aria-sort'); });
                  th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
                  groups.sort(function (a, b) {
                    var x = a.dataset[key], y = b.dataset[key];
                    if (key === 'rank') { return dir * (Number(x) - Number(y)); }
                    return dir * (x < y ? -1 : x > y ? 1 : 0);
                  });
                  groups.forEach(function (g) { table.appendChild(g); });
                });
              });
              apply();
            })();
            """;
}
