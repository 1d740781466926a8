package dev.neptuneguard.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.config.CfnConfigRule;
import software.amazon.awscdk.services.lambda.CfnPermission;
import software.constructs.Construct;

/**
 * The AWS Config custom rules of the account: one function, two rules (one per resource type, so that Config's
 * compliance view lists clusters and snapshots apart, like the managed rules they replace), each change-triggered
 * (including oversized items) and periodic (daily). Config may invoke only the function's alias, and only for
 * this account.
 *
 * <p>Like every part of the single-account stack, these resources are added to the scope they are given (see
 * {@link AlertDelivery} for why).
 */
final class ConfigRules {

    /** Rule name → the one resource type it evaluates. */
    static final Map<String, String> RULES = new LinkedHashMap<>();

    static {
        RULES.put(NeptuneGuardStack.CLUSTER_CONFIG_RULE_NAME, "AWS::RDS::DBCluster");
        RULES.put(NeptuneGuardStack.SNAPSHOT_CONFIG_RULE_NAME, "AWS::RDS::DBClusterSnapshot");
    }

    /** The message types a rule is triggered by: configuration changes, oversized ones, and the schedule. */
    static final List<String> TRIGGERS = List.of("ConfigurationItemChangeNotification",
            "OversizedConfigurationItemChangeNotification", "ScheduledNotification");
    static final String FREQUENCY = "TwentyFour_Hours";

    private final GuardFunction function;

    ConfigRules(Construct scope, GuardFunctions functions, GuardSettings settings) {
        this.function = functions.add("ConfigRule", NeptuneGuardStack.CONFIG_RULE_HANDLER,
                "AWS Config custom rule: evaluates Neptune cluster and snapshot encryption",
                settings.functionEnvironment(), Duration.minutes(5));
        GuardFunctions.grantRead(function);
        function.allow(GuardPermissions.putEvaluations());

        CfnPermission permission = CfnPermission.Builder.create(scope, "ConfigInvokePermission")
                .action("lambda:InvokeFunction")
                .functionName(function.alias().getFunctionArn())
                .principal("config.amazonaws.com")
                .sourceAccount(Aws.ACCOUNT_ID)
                .build();
        for (Map.Entry<String, String> rule : RULES.entrySet()) {
            CfnConfigRule configRule = CfnConfigRule.Builder.create(scope,
                            PascalCase.of(rule.getKey().replace('-', '_')))
                    .configRuleName(rule.getKey())
                    .description("neptune-guard: Neptune " + rule.getValue() + " encryption at rest meets the"
                            + " policy (customer managed key, allowed keys and origins, rotation)")
                    .scope(CfnConfigRule.ScopeProperty.builder()
                            .complianceResourceTypes(List.of(rule.getValue())).build())
                    // A scheduled invocation does not say which type it is for: the parameter keeps each rule's
                    // periodic run to its own type (the handler evaluates both types when it is absent).
                    .inputParameters(Map.of("resourceTypes", rule.getValue()))
                    .source(CfnConfigRule.SourceProperty.builder()
                            .owner("CUSTOM_LAMBDA")
                            .sourceIdentifier(function.alias().getFunctionArn())
                            .sourceDetails(List.of(
                                    sourceDetail(TRIGGERS.get(0)),
                                    sourceDetail(TRIGGERS.get(1)),
                                    CfnConfigRule.SourceDetailProperty.builder()
                                            .eventSource("aws.config")
                                            .messageType(TRIGGERS.get(2))
                                            .maximumExecutionFrequency(FREQUENCY)
                                            .build()))
                            .build())
                    .build();
            configRule.getNode().addDependency(permission);
        }
    }

    /** The Config rule function, which the organization rules invoke too. */
    GuardFunction function() {
        return function;
    }

    private static CfnConfigRule.SourceDetailProperty sourceDetail(String messageType) {
        return CfnConfigRule.SourceDetailProperty.builder().eventSource("aws.config").messageType(messageType).build();
    }
}
