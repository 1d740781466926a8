package dev.neptuneguard.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.neptuneguard.iac.IacEvaluator;
import dev.neptuneguard.iac.IacFiles;
import dev.neptuneguard.iac.IacFinding;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Policy;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SARIF log, validated against the SARIF 2.1.0 (rtm.5) JSON schema vendored in {@code test/resources/sarif}. */
class SarifReportTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    private static final Path FIXTURES = Path.of("..", "iac", "src", "test", "resources", "iac");
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = SarifReportTest.class.getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(Json.MAPPER.readTree(in));
        }
    }

    private static List<IacFinding> findings(String... files) {
        List<IacFinding> all = new ArrayList<>();
        for (String f : files) {
            all.addAll(new IacEvaluator(Policy.defaults(), CLOCK).evaluate(IacFiles.read(FIXTURES.resolve(f))));
        }
        return all;
    }

    @Test
    void render_allFixtures_validAgainstTheSchema() {
        ObjectNode log = SarifReport.render(findings("cfn/neptune-weak.json", "cfn/neptune-cmk-retained.yaml",
                "terraform-seed-blog.plan.json"), "0.1.0");
        Set<ValidationMessage> errors = schema.validate(log);
        assertThat(errors).isEmpty();
        assertThat(log.path("runs").get(0).path("results").size()).isGreaterThan(10);
    }

    @Test
    void schema_rejectsABrokenLog_soTheValidationIsReal() {
        ObjectNode log = SarifReport.render(findings("cfn/neptune-weak.json"), "0.1.0");
        ((ObjectNode) log.path("runs").get(0).path("results").get(0)).putObject("message").put("txt", "wrong");
        log.put("version", "2.0.0");
        assertThat(schema.validate(log)).isNotEmpty();
    }

    @Test
    void result_hasRuleHelpLevelLocationAndLogicalResource() {
        List<IacFinding> failed = findings("cfn/neptune-weak.json").stream()
                .filter(f -> f.finding().status() == ComplianceStatus.FAILED).toList();
        JsonNode run = SarifReport.render(failed, "0.1.0").path("runs").get(0);
        JsonNode result = null;
        for (JsonNode r : run.path("results")) {
            if (r.path("ruleId").asText().equals("KMS_KEY_NOT_RETAINED_IN_CODE")) {
                result = r;
            }
        }
        assertThat(result).isNotNull();
        assertThat(result.path("level").asText()).isEqualTo("error");
        JsonNode location = result.path("locations").get(0);
        assertThat(location.path("physicalLocation").path("artifactLocation").path("uri").asText())
                .isEqualTo("../iac/src/test/resources/iac/cfn/neptune-weak.json");
        assertThat(location.path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(24);
        assertThat(location.path("logicalLocations").get(0).path("fullyQualifiedName").asText())
                .isEqualTo("AWS::KMS::Key/FragileKey");
        assertThat(result.path("message").path("text").asText()).contains("Remediation: Add DeletionPolicy: Retain");
        JsonNode rule = run.path("tool").path("driver").path("rules").get(result.path("ruleIndex").asInt());
        assertThat(rule.path("id").asText()).isEqualTo("KMS_KEY_NOT_RETAINED_IN_CODE");
        assertThat(rule.path("help").path("text").asText()).contains("DeletionPolicy");
        assertThat(rule.path("properties").path("security-severity").asText()).isEqualTo("8.0");
    }

    @Test
    void terraformPlan_noLine_regionOmitted() {
        JsonNode results = SarifReport.render(findings("terraform-seed-blog.plan.json"), "0.1.0").path("runs").get(0)
                .path("results");
        assertThat(results.get(0).path("locations").get(0).path("physicalLocation").has("region")).isFalse();
    }
}
