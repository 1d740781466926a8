package dev.neptuneguard.cdk;

import static dev.neptuneguard.cdk.TestStacks.actions;
import static dev.neptuneguard.cdk.TestStacks.aliasId;
import static dev.neptuneguard.cdk.TestStacks.deadLetterQueueId;
import static dev.neptuneguard.cdk.TestStacks.functionId;
import static dev.neptuneguard.cdk.TestStacks.identityStatements;
import static dev.neptuneguard.cdk.TestStacks.list;
import static dev.neptuneguard.cdk.TestStacks.literal;
import static dev.neptuneguard.cdk.TestStacks.resources;
import static dev.neptuneguard.cdk.TestStacks.roleId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.neptuneguard.events.DetectionPatterns;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.regioninfo.RegionInfo;

/**
 * The hub of an organization (the organization of CI's second synth, hub region eu-central-1, Slack on so that a
 * function that must not reach members exists): the organization bus and its policy, the rules on it, the member
 * stack set, the organization Config rules, the hub roles' names and grants, the organization variables.
 */
class OrganizationHubIT {

    private static final String ORG = "o-exampleorgid1";
    private static final String HUB_ACCOUNT = "111122223333";
    private static final String REGION = TestStacks.HUB_REGION;

    private static NeptuneGuardStack hub;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        hub = TestStacks.hub(Map.of(GuardSettings.SLACK_WEBHOOK_SECRET_NAME, "neptune-guard/slack-webhook"));
        template = Template.fromStack(hub);
    }

    @Test
    void stack_isPinnedToTheHubAccountAndRegion() {
        assertThat(hub.getAccount()).isEqualTo(HUB_ACCOUNT);
        assertThat(hub.getRegion()).isEqualTo(REGION);
    }

    @Test
    void bus_policy_allowsPutEventsOnlyFromTheOrganization() {
        template.resourceCountIs("AWS::Events::EventBus", 1);
        template.hasResourceProperties("AWS::Events::EventBus", Map.of("Name", "neptune-guard-hub"));
        String busId = resources(template, "AWS::Events::EventBus").keySet().iterator().next();

        template.resourceCountIs("AWS::Events::EventBusPolicy", 1);
        JsonNode policy = resources(template, "AWS::Events::EventBusPolicy").values().iterator().next();
        assertThat(policy.at("/Properties/EventBusName/Ref").asText()).isEqualTo(busId);
        JsonNode statement = policy.at("/Properties/Statement");
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.path("Principal")).isEqualTo(TestStacks.MAPPER.valueToTree(Map.of("AWS", "*")));
        assertThat(actions(statement)).containsExactly("events:PutEvents");
        assertThat(statement.at("/Resource/Fn::GetAtt/0").asText()).isEqualTo(busId);
        assertThat(statement.path("Condition")).isEqualTo(TestStacks.MAPPER.valueToTree(
                Map.of("StringEquals", Map.of("aws:PrincipalOrgID", ORG))));
    }

    @Test
    void busRules_eachDetectionPattern_feedsTheSameFunctionAsTheDefaultBus() {
        Map<String, JsonNode> onBus = new TreeMap<>();
        Map<String, JsonNode> onDefault = new TreeMap<>();
        for (JsonNode rule : resources(template, "AWS::Events::Rule").values()) {
            if (rule.at("/Properties/EventPattern").isMissingNode()) {
                continue;
            }
            String description = rule.at("/Properties/Description").asText();
            String name = description.substring(0, description.indexOf(':'));
            (rule.at("/Properties/EventBusName").isMissingNode() ? onDefault : onBus).put(name, rule);
        }
        List<String> names = DetectionPatterns.all().stream().map(DetectionPatterns.Rule::name).sorted().toList();
        assertThat(onBus.keySet()).containsExactlyElementsOf(names);
        assertThat(onDefault.keySet()).containsExactlyElementsOf(names);

        for (DetectionPatterns.Rule pattern : DetectionPatterns.all()) {
            JsonNode busRule = onBus.get(pattern.name());
            assertThat(busRule.at("/Properties/EventBusName/Ref").asText()).startsWith("OrganizationBus");
            assertThat(busRule.at("/Properties/EventPattern")).as(pattern.name())
                    .isEqualTo(onDefault.get(pattern.name()).at("/Properties/EventPattern"));
            JsonNode target = busRule.at("/Properties/Targets/0");
            assertThat(target.at("/Arn/Ref").asText()).isEqualTo(aliasId(template, pattern.handler()));
            assertThat(target.at("/DeadLetterConfig/Arn/Fn::GetAtt/0").asText())
                    .isEqualTo(deadLetterQueueId(template, pattern.handler()));
            assertThat(target.at("/RetryPolicy/MaximumRetryAttempts").asInt())
                    .isEqualTo(NeptuneGuardStack.TARGET_RETRY_ATTEMPTS);
        }
    }

    @Test
    void stackSet_deploysTheMemberTemplateToTheOusAndRegionsAsDelegatedAdmin() {
        template.resourceCountIs("AWS::CloudFormation::StackSet", 1);
        template.hasResourceProperties("AWS::CloudFormation::StackSet", Match.objectEquals(Map.ofEntries(
                Map.entry("StackSetName", "neptune-guard-member"),
                Map.entry("Description", Match.stringLikeRegexp(
                        ".*hub bus in account 111122223333 \\(eu-central-1\\).*")),
                Map.entry("PermissionModel", "SERVICE_MANAGED"),
                Map.entry("AutoDeployment", Map.of("Enabled", true, "RetainStacksOnAccountRemoval", false)),
                Map.entry("CallAs", "DELEGATED_ADMIN"),
                Map.entry("Capabilities", List.of("CAPABILITY_NAMED_IAM")),
                Map.entry("ManagedExecution", Map.of("Active", true)),
                Map.entry("OperationPreferences", Map.of(
                        "RegionConcurrencyType", "PARALLEL",
                        "MaxConcurrentPercentage", 25,
                        "FailureTolerancePercentage", 10,
                        "ConcurrencyMode", "SOFT_FAILURE_TOLERANCE")),
                Map.entry("StackInstancesGroup", List.of(Map.of(
                        "DeploymentTargets", Map.of("OrganizationalUnitIds", List.of("ou-ab12-cdefghij")),
                        "Regions", List.of("us-east-1", "eu-west-1")))),
                Map.entry("Tags", List.of(Map.of("Key", "application", "Value", "neptune-guard"))),
                Map.entry("TemplateBody", Match.anyValue()))));
    }

    @Test
    void stackSet_templateBody_isTheMemberStackWithoutBootstrapOrPathMetadata() throws Exception {
        JsonNode stackSet = resources(template, "AWS::CloudFormation::StackSet").values().iterator().next();
        String body = stackSet.at("/Properties/TemplateBody").asText();
        JsonNode member = TestStacks.MAPPER.valueToTree(Template.fromStack(TestStacks.member(
                Map.of(GuardSettings.SLACK_WEBHOOK_SECRET_NAME, "neptune-guard/slack-webhook"))).toJSON());

        JsonNode parsed = TestStacks.MAPPER.readTree(body);

        assertThat(parsed).isEqualTo(member);
        assertThat(parsed.has("Parameters")).as("no BootstrapVersion parameter").isFalse();
        assertThat(parsed.has("Rules")).as("no CheckBootstrapVersion rule").isFalse();
        assertThat(body).doesNotContain("aws:cdk:path").doesNotContain("CDKMetadata").doesNotContain("cdk-hnb659fds");
        assertThat(body).as("keys sorted, so the body cannot change between synths")
                .isEqualTo(TestStacks.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                        .writeValueAsString(TestStacks.MAPPER.convertValue(parsed, Object.class)));
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(
                MemberTemplate.MAX_TEMPLATE_BODY_BYTES);
    }

    @Test
    void stackSet_templateBody_largestMemberTemplateOfThePartitionFits() {
        List<String> everyRegion = RegionInfo.getRegions().stream()
                .filter(r -> r.getPartition().equals("aws")).map(RegionInfo::getName).toList();
        NeptuneGuardStack largest = TestStacks.hub(Map.of(
                OrganizationSettings.MEMBER_REGIONS, String.join(",", everyRegion),
                OrganizationSettings.MEMBER_ORGANIZATIONAL_UNIT_IDS, "ou-ab12-cdefghij,ou-ab12-klmnopqr,r-ab12",
                GuardSettings.PROTECTION_MODE, "on"));

        String body = largest.memberStackSet().templateBody();

        assertThat(everyRegion).hasSizeGreaterThan(25);
        assertThat(body).contains("ProtectKeysInUse");
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(
                MemberTemplate.MAX_TEMPLATE_BODY_BYTES);
    }

    @Test
    void requireFits_oneByteOverTheLimit_failsSayingWhy() {
        String fits = "x".repeat(MemberTemplate.MAX_TEMPLATE_BODY_BYTES);

        assertThat(MemberTemplate.requireFits(fits)).isSameAs(fits);
        assertThatThrownBy(() -> MemberTemplate.requireFits(fits + "x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("51201 bytes, more than the 51200 bytes a stack set's TemplateBody may have");
    }

    @Test
    void stackSet_dependsOnTheHubRolesMembersTrustAndOnTheBus() {
        JsonNode stackSet = resources(template, "AWS::CloudFormation::StackSet").values().iterator().next();
        List<String> dependsOn = TestStacks.texts(stackSet.path("DependsOn"));

        for (String handler : HubRoles.MEMBER_READERS) {
            assertThat(dependsOn).as(handler).contains(roleId(template, handler));
        }
        assertThat(dependsOn).contains(resources(template, "AWS::Events::EventBus").keySet().iterator().next());
    }

    @Test
    void roles_everyFunction_hasItsFixedHubRoleName() {
        assertThat(hub.functions()).hasSize(7);
        for (String handler : hub.functions().keySet()) {
            JsonNode role = resources(template, "AWS::IAM::Role").get(roleId(template, handler));
            String expected = "neptune-guard-hub-" + HubRoles.shortName(handler) + "-" + REGION;

            assertThat(role.at("/Properties/RoleName").asText()).as(handler).isEqualTo(expected)
                    .hasSizeLessThanOrEqualTo(64);
        }
    }

    @Test
    void functions_every_getsTheOrganizationVariables() {
        for (String handler : hub.functions().keySet()) {
            JsonNode variables = resources(template, "AWS::Lambda::Function").get(functionId(template, handler))
                    .at("/Properties/Environment/Variables");

            assertThat(variables.path("ORGANIZATION_ID").asText()).as(handler).isEqualTo(ORG);
            assertThat(variables.path("MEMBER_ROLE_NAME").asText()).as(handler).isEqualTo("neptune-guard-member-read");
            assertThat(variables.path("MEMBER_REGIONS").asText()).as(handler).isEqualTo("us-east-1,eu-west-1");
            assertThat(variables.path("HUB_ACCOUNT_ID").asText()).as(handler).matches("\\d{12}");
        }
    }

    @Test
    void sweep_organizationMode_fifteenMinutesAndThirtyTwoPairsAtOnce() {
        JsonNode sweep = resources(template, "AWS::Lambda::Function").get(functionId(template,
                NeptuneGuardStack.SWEEP_HANDLER));

        assertThat(sweep.at("/Properties/Timeout").asInt()).isEqualTo(900);
        assertThat(sweep.at("/Properties/Environment/Variables/SWEEP_PARALLELISM").asText()).isEqualTo("32");
    }

    @Test
    void assumeRole_onlyMemberReaders_mayAssumeTheMemberRoleInTheOrganization() {
        List<String> assumers = new ArrayList<>();
        for (TestStacks.OwnedStatement owned : identityStatements(template)) {
            if (!actions(owned.statement()).contains("sts:AssumeRole")) {
                continue;
            }
            assumers.add(owned.roleId());
            assertThat(actions(owned.statement())).containsExactly("sts:AssumeRole");
            assertThat(list(owned.statement().path("Resource")).stream().map(TestStacks::literal).toList())
                    .containsExactly("arn:<Ref>:iam::*:role/neptune-guard-member-read");
            assertThat(owned.statement().path("Condition")).isEqualTo(TestStacks.MAPPER.valueToTree(
                    Map.of("StringEquals", Map.of("aws:ResourceOrgID", ORG))));
        }
        assertThat(assumers).containsExactlyInAnyOrderElementsOf(
                HubRoles.MEMBER_READERS.stream().map(h -> roleId(template, h)).toList());
        assertThat(assumers).doesNotContain(roleId(template, NeptuneGuardStack.SLACK_NOTIFIER_HANDLER));
    }

    @Test
    void organizations_onlyTheSweep_listsAndDescribesAccounts() {
        List<String> owners = new ArrayList<>();
        for (TestStacks.OwnedStatement owned : identityStatements(template)) {
            if (actions(owned.statement()).stream().anyMatch(a -> a.startsWith("organizations:"))) {
                owners.add(owned.roleId());
                assertThat(actions(owned.statement()))
                        .containsExactly("organizations:ListAccounts", "organizations:DescribeAccount");
                assertThat(owned.statement().path("Resource").asText()).isEqualTo("*");
            }
        }
        assertThat(owners).containsExactly(roleId(template, NeptuneGuardStack.SWEEP_HANDLER));
    }

    @Test
    void starResources_onlyActionsWithoutResourceLevelPermissions() {
        for (TestStacks.OwnedStatement owned : identityStatements(template)) {
            boolean star = list(owned.statement().path("Resource")).stream().anyMatch(r -> "*".equals(literal(r)));
            if (star) {
                assertThat(GuardPermissions.STAR_ONLY_ACTIONS).as(owned.toString())
                        .containsAll(actions(owned.statement()));
            }
        }
    }

    @Test
    void organizationConfigRules_invokeTheHubConfigFunctionForEveryAccountButTheHub() {
        template.resourceCountIs("AWS::Config::OrganizationConfigRule", 2);
        String alias = aliasId(template, NeptuneGuardStack.CONFIG_RULE_HANDLER);
        Map<String, String> types = Map.of(
                "neptune-guard-org-cluster-encryption", "AWS::RDS::DBCluster",
                "neptune-guard-org-snapshot-encryption", "AWS::RDS::DBClusterSnapshot");
        String permission = null;
        for (Map.Entry<String, JsonNode> entry : resources(template, "AWS::Lambda::Permission").entrySet()) {
            JsonNode properties = entry.getValue().path("Properties");
            if (properties.path("Principal").asText().equals("config.amazonaws.com")
                    && properties.path("SourceAccount").isMissingNode()) {
                permission = entry.getKey();
                assertThat(properties.at("/FunctionName/Ref").asText()).isEqualTo(alias);
                assertThat(properties.path("Action").asText()).isEqualTo("lambda:InvokeFunction");
            }
        }
        assertThat(permission).as("organization-wide invoke permission").isNotNull();

        for (Map.Entry<String, String> type : types.entrySet()) {
            template.hasResource("AWS::Config::OrganizationConfigRule", Map.of(
                    "DependsOn", List.of(permission),
                    "Properties", Match.objectEquals(Map.of(
                            "OrganizationConfigRuleName", type.getKey(),
                            "ExcludedAccounts", List.of(HUB_ACCOUNT),
                            "OrganizationCustomRuleMetadata", Match.objectEquals(Map.of(
                                    "Description", Match.anyValue(),
                                    "LambdaFunctionArn", Map.of("Ref", alias),
                                    "OrganizationConfigRuleTriggerTypes", List.of(
                                            "ConfigurationItemChangeNotification",
                                            "OversizedConfigurationItemChangeNotification",
                                            "ScheduledNotification"),
                                    "MaximumExecutionFrequency", "TwentyFour_Hours",
                                    "ResourceTypesScope", List.of(type.getValue()),
                                    "InputParameters", "{\"resourceTypes\":\"" + type.getValue() + "\"}"))))));
        }
        template.resourceCountIs("AWS::Config::ConfigRule", 2);
    }

    @Test
    void options_selfAndNoConfigRule_callAsSelfAndNoOrganizationRules() {
        Template self = Template.fromStack(TestStacks.hub(Map.of(
                OrganizationSettings.STACK_SET_CALL_AS, "SELF",
                GuardSettings.CONFIG_RULE, false)));

        self.hasResourceProperties("AWS::CloudFormation::StackSet", Match.objectLike(Map.of("CallAs", "SELF")));
        self.resourceCountIs("AWS::Config::OrganizationConfigRule", 0);
        self.resourceCountIs("AWS::Config::ConfigRule", 0);
    }
}
