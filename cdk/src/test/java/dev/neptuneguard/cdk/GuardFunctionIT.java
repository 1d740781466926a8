package dev.neptuneguard.cdk;

import static dev.neptuneguard.cdk.TestStacks.actions;
import static dev.neptuneguard.cdk.TestStacks.identityStatements;
import static dev.neptuneguard.cdk.TestStacks.resources;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.sns.Topic;

/** One GuardFunction on its own: what every guard function gets before the stack grants it anything. */
class GuardFunctionIT {

    private static Template template;

    @BeforeAll
    static void synthesize() {
        Stack stack = new Stack(new App(), "Probe");
        Topic topic = Topic.Builder.create(stack, "Alarms").build();
        new GuardFunction(stack, "Probe", new GuardFunction.Props("dev.neptuneguard.handler.ProbeHandler",
                "answers probes", Code.fromAsset("src/test/resources/stub-code"), Map.of("probeSetting", "42"),
                Duration.seconds(42), topic));
        template = Template.fromStack(stack);
    }

    @Test
    void function_settings_areTheDefaultsPlusTheProps() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "dev.neptuneguard.handler.ProbeHandler",
                "Description", "neptune-guard ProbeHandler: answers probes",
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "MemorySize", 1024,
                "Timeout", 42,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "TracingConfig", Map.of("Mode", "Active"),
                "Environment", Map.of("Variables", Map.of(
                        "probeSetting", "42",
                        "POWERTOOLS_SERVICE_NAME", "probe",
                        "POWERTOOLS_METRICS_NAMESPACE", "NeptuneGuard",
                        "POWERTOOLS_LOG_LEVEL", "INFO")))));
    }

    @Test
    void serviceName_isTheHandlersNameInKebabCase_asTheHandlersLogIt() {
        assertThat(GuardFunction.serviceName("dev.neptuneguard.handler.ClusterEncryptionHandler"))
                .isEqualTo("cluster-encryption");
        assertThat(GuardFunction.serviceName("dev.neptuneguard.handler.SecurityHubExporterHandler"))
                .isEqualTo("security-hub-exporter");
        assertThat(GuardFunction.serviceName("dev.neptuneguard.handler.SweepHandler")).isEqualTo("sweep");
    }

    @Test
    void role_beforeAnyGrant_canOnlyLogTraceAndDeadLetter() {
        List<String> granted = identityStatements(template).stream().flatMap(s -> actions(s.statement()).stream())
                .sorted().toList();

        assertThat(granted).containsExactly("logs:CreateLogStream", "logs:PutLogEvents", "sqs:GetQueueAttributes",
                "sqs:GetQueueUrl", "sqs:SendMessage", "xray:PutTelemetryRecords", "xray:PutTraceSegments");
        for (TestStacks.OwnedStatement s : identityStatements(template)) {
            if (actions(s.statement()).contains("sqs:SendMessage")) {
                String queue = resources(template, "AWS::SQS::Queue").keySet().iterator().next();
                assertThat(s.statement().at("/Resource/Fn::GetAtt/0").asText()).isEqualTo(queue);
            }
        }
        template.allResourcesProperties("AWS::IAM::Role", Match.objectLike(Map.of(
                "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(
                        Match.objectLike(Map.of("Principal", Map.of("Service", "lambda.amazonaws.com")))))))));
    }

    @Test
    void alias_live_carriesRetriesAgeAndOnFailureQueue() {
        template.hasResourceProperties("AWS::Lambda::Alias", Match.objectLike(Map.of("Name", "live")));
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Match.objectLike(Map.of(
                "MaximumRetryAttempts", 2,
                "MaximumEventAgeInSeconds", 3600,
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", Match.anyValue())))));
        template.resourceCountIs("AWS::Lambda::Version", 1);
    }

    @Test
    void deadLetters_queueAndAlarms_areEncryptedAndWatched() {
        template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "SqsManagedSseEnabled", true, "MessageRetentionPeriod", 1_209_600));
        Map<String, JsonNode> alarms = resources(template, "AWS::CloudWatch::Alarm");
        assertThat(alarms.values()).extracting(a -> a.at("/Properties/MetricName").asText())
                .containsExactlyInAnyOrder("Errors", "ApproximateNumberOfMessagesVisible");
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 365));
    }
}
