package dev.neptuneguard.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The opt-in re-encryption runbook: absent by default; with {@code reencryptionRunbook=true} an Automation document
 * of the core's generic runbook and a role Automation alone may assume, which can create only the runbook's own
 * names, delete nothing and decrypt nothing; the template passes cfn-lint. cdk-nag covers it in {@link CdkNagIT}'s
 * "all options" variants.
 */
class ReencryptionRunbookIT {

    private static Template withRunbook;
    private static Template defaults;

    @TempDir
    static Path dir;

    @BeforeAll
    static void synthesize() {
        withRunbook = Template.fromStack(TestStacks.stack(Map.of(GuardSettings.REENCRYPTION_RUNBOOK, true)));
        defaults = Template.fromStack(TestStacks.stack(Map.of()));
    }

    @Test
    void runbook_default_notDeployed() {
        defaults.resourceCountIs("AWS::SSM::Document", 0);
    }

    @Test
    void runbook_enabled_automationDocumentOfTheGenericRunbook() {
        withRunbook.resourceCountIs("AWS::SSM::Document", 1);
        withRunbook.hasResourceProperties("AWS::SSM::Document", Match.objectLike(Map.of(
                "DocumentType", "Automation", "DocumentFormat", "JSON",
                "Content", Match.objectLike(Map.of("schemaVersion", "0.3",
                        "assumeRole", "{{ AutomationAssumeRole }}")))));
        JsonNode content = TestStacks.resources(withRunbook, "AWS::SSM::Document").values().iterator().next()
                .path("Properties").path("Content");
        List<String> actions = new ArrayList<>();
        content.path("mainSteps").forEach(s -> actions.add(s.path("action").asText()));
        assertThat(actions).contains("aws:approve").allMatch(a -> List.of("aws:executeAwsApi",
                "aws:waitForAwsResourceProperty", "aws:assertAwsResourceProperty", "aws:approve").contains(a));
    }

    @Test
    void runbookRole_leastPrivilege_onlySsmAssumesNoDeleteNoDecrypt() {
        Map<String, JsonNode> roles = TestStacks.resources(withRunbook, "AWS::IAM::Role");
        JsonNode role = roles.entrySet().stream().filter(e -> e.getKey().startsWith("ReencryptionRunbookRole"))
                .findFirst().orElseThrow().getValue().path("Properties");
        assertThat(role.at("/AssumeRolePolicyDocument/Statement/0/Principal/Service").asText())
                .isEqualTo("ssm.amazonaws.com");
        assertThat(role.at("/AssumeRolePolicyDocument/Statement/0/Condition/StringEquals").has("aws:SourceAccount"))
                .isTrue();
        String policy = role.path("Policies").toString();
        assertThat(policy).doesNotContain("Delete", "kms:Decrypt", "\"*\"", "rds:*", "iam:PassRole")
                .contains("rds:RestoreDBClusterFromSnapshot", "cluster:*-reenc", "cluster-snapshot:*-pre-reenc",
                        "kms:ViaService");
    }

    @Test
    void template_withRunbook_passesCfnLint() throws Exception {
        Path file = dir.resolve("neptune-guard-runbook.template.json");
        Files.writeString(file, TestStacks.MAPPER.writeValueAsString(withRunbook.toJSON()));
        Process p;
        try {
            p = new ProcessBuilder("cfn-lint", "--format", "parseable", file.toString()).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            assumeTrue(false, "cfn-lint is not on the PATH (" + e.getMessage() + ")");
            return;
        }
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // exit status bit 2 = errors; warnings (bit 4) are judged by .ci/cfn-lint's accepted list
        assertThat(p.exitValue() & 2).as(out).isZero();
        assertThat(out.lines().filter(l -> l.contains("Reencryption"))).as(out).isEmpty();
    }
}
