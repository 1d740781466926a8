package dev.neptuneguard.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/** Each function deploys the jar of its group ({@link LambdaArtifacts}): three packages, not one. */
class LambdaArtifactsIT {

    @TempDir
    Path dir;

    @Test
    void stack_fourArtifacts_eachFunctionDeploysTheJarOfItsGroup() throws Exception {
        App app = App.Builder.create().context(Map.of(GuardSettings.SLACK_WEBHOOK_SECRET_NAME,
                "neptune-guard/slack-webhook")).build();
        LambdaArtifacts code = new LambdaArtifacts(asset("guard"), asset("sweep"), asset("config"),
                asset("delivery"));
        Template template = Template.fromStack(new NeptuneGuardStack(app, "NeptuneGuard",
                new NeptuneGuardStackProps(code, GuardSettings.fromContext(app.getNode()::tryGetContext), null)));

        Map<String, String> packageOf = new TreeMap<>();
        TestStacks.resources(template, "AWS::Lambda::Function").values().forEach(f -> packageOf.put(
                f.at("/Properties/Handler").asText(), key(f.at("/Properties/Code/S3Key"))));

        String guard = packageOf.get(NeptuneGuardStack.REMINDER_HANDLER);
        assertThat(packageOf.get("dev.neptuneguard.handler.ClusterEncryptionHandler")).isEqualTo(guard);
        assertThat(packageOf.get("dev.neptuneguard.handler.KeyRevocationHandler")).isEqualTo(guard);
        assertThat(packageOf.get(NeptuneGuardStack.SWEEP_HANDLER)).isNotEqualTo(guard);
        assertThat(new HashSet<>(packageOf.values())).as("four packages: %s", packageOf).hasSize(4)
                .contains(packageOf.get(NeptuneGuardStack.CONFIG_RULE_HANDLER),
                        packageOf.get(NeptuneGuardStack.SLACK_NOTIFIER_HANDLER));
    }

    @Test
    void forHandler_eachHandler_thePackageOfItsGroup() {
        Code guard = Code.fromAsset("src/test/resources/stub-code");
        Code sweep = Code.fromInline("sweep");
        LambdaArtifacts code = new LambdaArtifacts(guard, sweep, Code.fromInline("config"),
                Code.fromInline("delivery"));

        assertThat(code.forHandler("dev.neptuneguard.handler.SecurityHubExporterHandler")).isSameAs(code.delivery());
        assertThat(code.forHandler(NeptuneGuardStack.SLACK_NOTIFIER_HANDLER)).isSameAs(code.delivery());
        assertThat(code.forHandler(NeptuneGuardStack.CONFIG_RULE_HANDLER)).isSameAs(code.config());
        assertThat(code.forHandler(NeptuneGuardStack.SWEEP_HANDLER)).isSameAs(sweep);
        assertThat(code.forHandler(NeptuneGuardStack.REMINDER_HANDLER)).isSameAs(guard);
    }

    /** A stand-in asset whose content (and so hash) differs per group. */
    private Code asset(String group) throws Exception {
        Path d = Files.createDirectories(dir.resolve(group));
        Files.writeString(d.resolve("README.txt"), "stand-in for functions-*-" + group + ".jar\n");
        return Code.fromAsset(d.toString());
    }

    private static String key(JsonNode s3Key) {
        return s3Key.isTextual() ? s3Key.asText() : s3Key.toString();
    }
}
