package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.cli.report.OcsfSchema;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IacCommandTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    static final Path FIXTURES = Path.of("..", "iac", "src", "test", "resources", "iac");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return NeptuneGuardCli.run(CLOCK, new PrintWriter(out), new PrintWriter(err), args);
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                nodes.add(Json.MAPPER.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void json_cloudFormation_findingContractWithFileAndLine() throws IOException {
        int code = run("iac", "--format", "json", FIXTURES.resolve("cfn/neptune-weak.json").toString());
        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        JsonNode unencrypted = lines().stream()
                .filter(n -> n.path("ruleId").asText().equals("NEPTUNE_CLUSTER_UNENCRYPTED")).findFirst().orElseThrow();
        assertThat(unencrypted.path("resourceId").asText()).isEqualTo("DefaultCluster");
        assertThat(unencrypted.path("resourceName").asText()).isEqualTo("neptune-default");
        assertThat(unencrypted.path("resourceType").asText()).isEqualTo("AWS::Neptune::DBCluster");
        assertThat(unencrypted.path("file").asText()).endsWith("neptune-weak.json");
        assertThat(unencrypted.path("line").asInt()).isEqualTo(5);
        assertThat(unencrypted.path("status").asText()).isEqualTo("FAILED");
        assertThat(unencrypted.has("resourceArn")).isFalse();
        assertThat(lines()).allMatch(n -> n.path("status").asText().equals("FAILED"));
    }

    @Test
    void failOn_critical_onlyCriticalFindingsFail() {
        assertThat(run("iac", "--fail-on", "CRITICAL", FIXTURES.resolve("cfn/neptune-cmk-retained.yaml").toString()))
                .isEqualTo(NeptuneGuardCli.EXIT_OK);
        assertThat(run("iac", "--fail-on", "CRITICAL", FIXTURES.resolve("cfn/neptune-weak.json").toString()))
                .isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
    }

    @Test
    void terraformPlan_table_namesTheAddressAndTheTrap() {
        int code = run("iac", FIXTURES.resolve("terraform-seed-blog.plan.json").toString());
        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(out.toString()).contains("aws_neptune_cluster aws_neptune_cluster.default_encryption "
                + "(neptune-default)").contains("default for aws_neptune_cluster is false")
                .doesNotContain("aws_neptune_cluster.encrypted (neptune-prod)");
    }

    @Test
    void folder_skipsFilesThatAreNeitherTemplateNorPlan() throws IOException {
        Files.copy(FIXTURES.resolve("cfn/neptune-weak.json"), dir.resolve("Stack.template.json"));
        Files.writeString(dir.resolve("manifest.json"), "{\"version\": \"48.0.0\", \"artifacts\": {}}");
        Path modules = Files.createDirectories(dir.resolve("node_modules").resolve("pkg"));
        Files.copy(FIXTURES.resolve("cfn/neptune-weak.json"), modules.resolve("vendored.template.json"));
        int code = run("iac", "--format", "json", dir.toString());
        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(lines()).allMatch(n -> n.path("file").asText().endsWith("Stack.template.json"));
        assertThat(err.toString()).contains("1 file(s)");
    }

    @Test
    void badInput_exitTwo_withTheFileName() throws IOException {
        Path bad = dir.resolve("broken.yaml");
        Files.writeString(bad, "Resources: [unclosed\n");
        assertThat(run("iac", bad.toString())).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(err.toString()).contains("broken.yaml");
        assertThat(run("iac", dir.resolve("missing").toString())).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThat(run("iac", empty.toString())).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
    }

    @Test
    void output_writesTheFile() throws IOException {
        Path report = dir.resolve("report.sarif");
        int code = run("iac", "--format", "sarif", "--output", report.toString(),
                FIXTURES.resolve("cfn/neptune-weak.json").toString());
        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(Json.MAPPER.readTree(report.toFile()).path("version").asText()).isEqualTo("2.1.0");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void ocsf_recordsPassTheSchemaAndNameTheCodeResource() throws IOException {
        int code = run("iac", "--format", "ocsf", FIXTURES.resolve("cfn/neptune-weak.json").toString());
        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        JsonNode records = Json.MAPPER.readTree(out.toString());
        assertThat(records.size()).isGreaterThan(0);
        OcsfSchema schema = OcsfSchema.load();
        for (JsonNode r : records) {
            assertThat(schema.problems(r)).as(r.toString()).isEmpty();
            JsonNode subject = r.path("resources").path(0);
            assertThat(subject.path("uid").asText()).isNotBlank().doesNotStartWith("arn:");
            assertThat(subject.path("type").asText()).startsWith("AWS::");
            assertThat(subject.path("data").path("file").asText()).endsWith("neptune-weak.json");
            assertThat(r.path("unmapped").path("source").asText()).isEqualTo("iac");
        }
    }

    @Test
    void html_isOneSelfContainedPage() {
        int code = run("iac", "--format", "html", FIXTURES.resolve("cfn/neptune-weak.json").toString());
        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(out.toString()).startsWith("<!DOCTYPE html>").contains("NEPTUNE_CLUSTER")
                .doesNotContain("<script src=").doesNotContain("<link ");
    }
}
