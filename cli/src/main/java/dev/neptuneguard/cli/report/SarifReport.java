package dev.neptuneguard.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.iac.IacFinding;
import dev.neptuneguard.iac.IacRuleHelp;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IaC findings as one SARIF 2.1.0 log, the format GitHub code scanning imports
 * ({@code github/codeql-action/upload-sarif}): one run, the rules that fired with their help text and remediation,
 * and one result per finding located at its file (relative to the repository root, {@code %SRCROOT%}) and, when
 * known, its line; the resource is a logical location. Levels: CRITICAL and HIGH are {@code error}, MEDIUM
 * {@code warning}, LOW and INFORMATIONAL {@code note}; GitHub's {@code security-severity} property carries the
 * numeric severity. Exempt findings are results with an external suppression; passed results (with
 * {@code --include-passed}) have kind {@code pass}.
 */
public final class SarifReport {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0-rtm.5.json";
    private static final String INFORMATION_URI = "https://github.com/neptune-guard/neptune-guard";

    private SarifReport() {
    }

    public static ObjectNode render(List<IacFinding> findings, String toolVersion) {
        ObjectNode log = Json.MAPPER.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "neptune-guard");
        driver.put("version", toolVersion);
        driver.put("informationUri", INFORMATION_URI);
        Map<RuleId, Integer> index = new LinkedHashMap<>();
        ArrayNode rules = driver.putArray("rules");
        List<RuleId> fired = new ArrayList<>();
        findings.forEach(f -> {
            if (!fired.contains(f.finding().ruleId())) {
                fired.add(f.finding().ruleId());
            }
        });
        for (RuleId rule : fired) {
            index.put(rule, rules.size());
            rules.add(rule(rule));
        }
        ArrayNode results = run.putArray("results");
        for (IacFinding f : findings) {
            results.add(result(f, index.get(f.finding().ruleId())));
        }
        run.put("columnKind", "utf16CodeUnits");
        return log;
    }

    private static ObjectNode rule(RuleId rule) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("id", rule.name());
        r.put("name", camel(rule.name()));
        r.putObject("shortDescription").put("text", rule.title());
        String help = IacRuleHelp.help(rule);
        r.putObject("fullDescription").put("text", help);
        ObjectNode h = r.putObject("help");
        h.put("text", help);
        h.put("markdown", "**" + rule.title() + "**\n\n" + help);
        r.putObject("defaultConfiguration").put("level", level(rule.defaultSeverity()));
        ObjectNode props = r.putObject("properties");
        props.putArray("tags").add("security").add("encryption").add("neptune");
        props.put("security-severity", securitySeverity(rule.defaultSeverity()));
        return r;
    }

    private static ObjectNode result(IacFinding iac, int ruleIndex) {
        Finding f = iac.finding();
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("ruleId", f.ruleId().name());
        r.put("ruleIndex", ruleIndex);
        if (f.status() == ComplianceStatus.FAILED) {
            r.put("level", level(f.severity()));
        } else {
            r.put("kind", f.status() == ComplianceStatus.PASSED ? "pass" : "notApplicable");
            r.put("level", "none");
        }
        String remediation = f.remediation() == null || f.remediation().isBlank() ? ""
                : " Remediation: " + f.remediation();
        r.putObject("message").put("text", f.detail() + remediation);
        ObjectNode location = r.putArray("locations").addObject();
        ObjectNode physical = location.putObject("physicalLocation");
        ObjectNode artifact = physical.putObject("artifactLocation");
        String uri = uri(iac.source().file());
        artifact.put("uri", uri);
        if (!uri.startsWith("file:")) {
            artifact.put("uriBaseId", "%SRCROOT%");
        }
        if (iac.source().line() != null) {
            physical.putObject("region").put("startLine", iac.source().line());
        }
        ObjectNode logical = location.putArray("logicalLocations").addObject();
        logical.put("name", f.resourceId());
        logical.put("fullyQualifiedName", iac.codeType() + "/" + f.resourceId());
        logical.put("kind", "resource");
        r.putObject("partialFingerprints").put("neptuneGuardFindingId/v1", iac.stableId());
        if (f.suppressed()) {
            ObjectNode s = r.putArray("suppressions").addObject();
            s.put("kind", "external");
            s.put("justification", f.suppressionReason());
        }
        ObjectNode props = r.putObject("properties");
        props.put("severity", f.severity().name());
        props.put("status", f.status().name());
        props.put("resourceType", iac.codeType());
        if (f.resourceName() != null) {
            props.put("resourceName", f.resourceName());
        }
        if (!f.affectedResources().isEmpty()) {
            ArrayNode a = props.putArray("affectedResources");
            f.affectedResources().forEach(a::add);
        }
        return r;
    }

    /** A path as a URI reference: relative paths with forward slashes, percent-encoded; absolute as file URIs. */
    static String uri(String file) {
        java.nio.file.Path p = java.nio.file.Path.of(file).normalize();
        if (p.isAbsolute()) {
            return p.toUri().toString();
        }
        StringBuilder b = new StringBuilder();
        for (java.nio.file.Path part : p) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(java.net.URLEncoder.encode(part.toString(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        return b.toString();
    }

    static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            default -> "note";
        };
    }

    private static String securitySeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            default -> "0.0";
        };
    }

    private static String camel(String upperSnake) {
        StringBuilder b = new StringBuilder();
        for (String part : upperSnake.toLowerCase(Locale.ROOT).split("_")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }
}
