package dev.neptuneguard.cdk;

import static dev.neptuneguard.cdk.TestStacks.actions;
import static dev.neptuneguard.cdk.TestStacks.list;
import static dev.neptuneguard.cdk.TestStacks.literal;
import static dev.neptuneguard.cdk.TestStacks.resources;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.regioninfo.RegionInfo;

/**
 * The member template (what the stack set and {@code cdk deploy NeptuneGuardMember} deploy): the read role's
 * exact permissions and trust, the condition that creates it once per account, the forwarding rules and the
 * forwarding role's one permission.
 */
class MemberStackIT {

    private static final String HUB_BUS = "arn:<Ref>:events:eu-central-1:111122223333:event-bus/neptune-guard-hub";

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = Template.fromStack(TestStacks.member(Map.of()));
    }

    @Test
    void readRole_defaults_allowsExactlyTheReadConfigAndSecurityHubActions() {
        Map<String, List<String>> statements = readRoleStatements(template);

        assertThat(statements).containsExactly(
                Map.entry("ReadNeptuneClustersAndSnapshots", List.of(
                        "rds:DescribeDBClusters", "rds:DescribeDBClusterSnapshots", "rds:ListTagsForResource")),
                Map.entry("ReadKeyState", List.of("kms:DescribeKey", "kms:GetKeyRotationStatus")),
                Map.entry("ListAliases", List.of("kms:ListAliases")),
                Map.entry("ListNeptuneAnalyticsGraphs", List.of(
                        "neptune-graph:ListGraphs", "neptune-graph:ListGraphSnapshots")),
                Map.entry("ReadNeptuneAnalyticsGraphs", List.of(
                        "neptune-graph:GetGraph", "neptune-graph:GetGraphSnapshot",
                        "neptune-graph:ListTagsForResource")),
                Map.entry("ReportConfigEvaluations", List.of(
                        "config:PutEvaluations", "config:GetResourceConfigHistory",
                        "config:ListDiscoveredResources")),
                Map.entry("ImportSecurityHubFindings", List.of("securityhub:BatchImportFindings")));
        assertThat(statements.values().stream().flatMap(List::stream))
                .noneMatch(a -> a.equals("kms:Decrypt") || a.endsWith(":*"));
    }

    @Test
    void readRole_resources_areTheAccountsOwnInTheMemberRegionsOnly() {
        Map<String, List<String>> resources = readRoleResources(template);
        JsonNode inMemberRegions = TestStacks.MAPPER.valueToTree(Map.of("StringEquals",
                Map.of("aws:RequestedRegion", List.of("us-east-1", "eu-west-1"))));

        assertThat(resources.get("ReadNeptuneClustersAndSnapshots")).containsExactly(
                "arn:<Ref>:rds:*:<Ref>:cluster:*", "arn:<Ref>:rds:*:<Ref>:cluster-snapshot:*");
        assertThat(readRoleStatement(template, "ReadNeptuneClustersAndSnapshots").path("Condition"))
                .isEqualTo(inMemberRegions);
        assertThat(resources.get("ReadKeyState")).containsExactly("arn:<Ref>:kms:*:*:key/*");
        assertThat(readRoleStatement(template, "ReadKeyState").path("Condition")).isEqualTo(inMemberRegions);
        JsonNode accountId = TestStacks.MAPPER.valueToTree(Map.of("Ref", "AWS::AccountId"));
        assertThat(readRoleStatement(template, "ReadNeptuneClustersAndSnapshots").at("/Resource/0/Fn::Join/1"))
                .contains(accountId);
        assertThat(resources.get("ListAliases")).containsExactly("*");
        assertThat(resources.get("ReportConfigEvaluations")).containsExactly("*");
        assertThat(resources.get("ImportSecurityHubFindings")).containsExactly(
                "arn:<Ref>:securityhub:*:<Ref>:product/<Ref>/default");
        JsonNode securityHub = readRoleStatement(template, "ImportSecurityHubFindings").path("Resource");
        assertThat(securityHub.toString()).contains("\"Ref\":\"AWS::AccountId\"").doesNotContain("AWS::Region");
    }

    @Test
    void readRole_trust_isExactlyTheHubMemberReadersWithinTheOrganization() {
        JsonNode role = readRole(template);
        JsonNode statements = role.at("/Properties/AssumeRolePolicyDocument/Statement");

        assertThat(statements).hasSize(1);
        JsonNode trust = statements.get(0);
        assertThat(actions(trust)).containsExactly("sts:AssumeRole");
        assertThat(trust.path("Effect").asText()).isEqualTo("Allow");
        assertThat(list(trust.at("/Principal/AWS")).stream().map(TestStacks::literal).toList()).containsExactly(
                "arn:<Ref>:iam::111122223333:role/neptune-guard-hub-reminder-eu-central-1",
                "arn:<Ref>:iam::111122223333:role/neptune-guard-hub-cluster-encryption-eu-central-1",
                "arn:<Ref>:iam::111122223333:role/neptune-guard-hub-key-revocation-eu-central-1",
                "arn:<Ref>:iam::111122223333:role/neptune-guard-hub-sweep-eu-central-1",
                "arn:<Ref>:iam::111122223333:role/neptune-guard-hub-config-rule-eu-central-1",
                "arn:<Ref>:iam::111122223333:role/neptune-guard-hub-security-hub-export-eu-central-1");
        assertThat(trust.path("Condition")).isEqualTo(TestStacks.MAPPER.valueToTree(
                Map.of("StringEquals", Map.of("aws:PrincipalOrgID", "o-exampleorgid1"))));
        assertThat(trust.path("Principal").size()).as("no service or account principal").isEqualTo(1);
    }

    @Test
    void readRole_nameAndCondition_oncePerAccountInTheFirstMemberRegion() {
        JsonNode role = readRole(template);

        assertThat(role.at("/Properties/RoleName").asText()).isEqualTo("neptune-guard-member-read");
        assertThat(role.path("Condition").asText()).isEqualTo(MemberStack.READ_ROLE_REGION_CONDITION);
        JsonNode condition = TestStacks.MAPPER.valueToTree(template.toJSON())
                .at("/Conditions/" + MemberStack.READ_ROLE_REGION_CONDITION);
        assertThat(condition).isEqualTo(TestStacks.MAPPER.valueToTree(
                Map.of("Fn::Equals", List.of(Map.of("Ref", "AWS::Region"), "us-east-1"))));
        template.resourceCountIs("AWS::IAM::Role", 2);
    }

    @Test
    void readRole_protectionOn_addsTheSingleAccountProtectionPerMemberRegion() {
        Template protecting = Template.fromStack(TestStacks.member(Map.of(
                GuardSettings.PROTECTION_MODE, "on", GuardSettings.SECURITY_HUB, false,
                GuardSettings.CONFIG_RULE, false, OrganizationSettings.MEMBER_ROLE_NAME, "audit-neptune-reader")));
        Map<String, List<String>> statements = readRoleStatements(protecting);
        Map<String, List<String>> resources = readRoleResources(protecting);

        assertThat(statements).containsExactly(
                Map.entry("ReadNeptuneClustersAndSnapshots", List.of(
                        "rds:DescribeDBClusters", "rds:DescribeDBClusterSnapshots", "rds:ListTagsForResource")),
                Map.entry("ReadKeyState", List.of("kms:DescribeKey", "kms:GetKeyRotationStatus")),
                Map.entry("ListAliases", List.of("kms:ListAliases")),
                Map.entry("ListNeptuneAnalyticsGraphs", List.of(
                        "neptune-graph:ListGraphs", "neptune-graph:ListGraphSnapshots")),
                Map.entry("ReadNeptuneAnalyticsGraphs", List.of(
                        "neptune-graph:GetGraph", "neptune-graph:GetGraphSnapshot",
                        "neptune-graph:ListTagsForResource")),
                Map.entry("ReadKeyTagsForProtection", List.of("kms:ListResourceTags")),
                Map.entry("ProtectKeysInUse", List.of("kms:CancelKeyDeletion", "kms:EnableKey")),
                Map.entry("TagProtectedKeys", List.of("kms:TagResource")));
        List<String> ownKeys = List.of("arn:<Ref>:kms:*:<Ref>:key/*");
        assertThat(resources.get("ReadKeyTagsForProtection")).isEqualTo(ownKeys);
        assertThat(resources.get("ProtectKeysInUse")).isEqualTo(ownKeys);
        assertThat(resources.get("TagProtectedKeys")).isEqualTo(ownKeys);
        List<String> regions = List.of("us-east-1", "eu-west-1");
        assertThat(readRoleStatement(protecting, "ReadKeyTagsForProtection").path("Condition"))
                .isEqualTo(TestStacks.MAPPER.valueToTree(Map.of("StringEquals",
                        Map.of("aws:RequestedRegion", regions))));
        Map<String, Object> callerAccount = Map.of("kms:CallerAccount", Map.of("Ref", "AWS::AccountId"),
                "aws:RequestedRegion", regions);
        assertThat(readRoleStatement(protecting, "ProtectKeysInUse").path("Condition"))
                .isEqualTo(TestStacks.MAPPER.valueToTree(Map.of(
                        "StringEquals", callerAccount,
                        "StringNotEqualsIgnoreCase",
                        Map.of("aws:ResourceTag/neptune-guard:allow-revocation", "true"))));
        assertThat(readRoleStatement(protecting, "TagProtectedKeys").path("Condition"))
                .isEqualTo(TestStacks.MAPPER.valueToTree(Map.of(
                        "StringEquals", callerAccount,
                        "ForAllValues:StringLike", Map.of("aws:TagKeys", List.of("neptune-guard:*")),
                        "ForAllValues:StringNotEquals", Map.of("aws:TagKeys",
                                List.of("neptune-guard:allow-revocation")))));
        JsonNode role = readRole(protecting);
        assertThat(role.at("/Properties/RoleName").asText()).isEqualTo("audit-neptune-reader");
        assertThat(list(role.at("/Properties/AssumeRolePolicyDocument/Statement/0/Principal/AWS"))).hasSize(4);
    }

    @Test
    void readRole_everyRegionOfThePartitionWithProtection_fitsIamsPolicySizeLimits() throws Exception {
        List<String> everyRegion = RegionInfo.getRegions().stream()
                .filter(r -> r.getPartition().equals("aws")).map(RegionInfo::getName).toList();
        JsonNode role = readRole(Template.fromStack(TestStacks.member(Map.of(
                OrganizationSettings.MEMBER_REGIONS, String.join(",", everyRegion),
                GuardSettings.PROTECTION_MODE, "on"))));

        String policy = TestStacks.MAPPER.writeValueAsString(
                deployed(role.at("/Properties/Policies/0/PolicyDocument")));
        String trust = TestStacks.MAPPER.writeValueAsString(deployed(role.at("/Properties/AssumeRolePolicyDocument")));

        assertThat(policy).contains("\"" + everyRegion.get(everyRegion.size() - 1) + "\"")
                .contains("kms:CancelKeyDeletion");
        // IAM: inline policies of a role at most 10,240 characters in all; a trust policy at most 2,048 by default
        assertThat(policy.length()).isLessThanOrEqualTo(10_240);
        assertThat(trust.length()).isLessThanOrEqualTo(2_048);
    }

    @Test
    void forwarding_everyRule_sendsToTheHubBusAsTheForwardingRoleWithADeadLetterQueue() {
        Map<String, JsonNode> rules = resources(template, "AWS::Events::Rule");
        String roleId = forwardingRoleId();
        String queueId = resources(template, "AWS::SQS::Queue").keySet().iterator().next();

        assertThat(rules).hasSize(5);
        for (JsonNode rule : rules.values()) {
            assertThat(rule.at("/Properties/EventBusName").isMissingNode()).as("default bus").isTrue();
            JsonNode targets = rule.at("/Properties/Targets");
            assertThat(targets).hasSize(1);
            assertThat(literal(targets.get(0).path("Arn"))).isEqualTo(HUB_BUS);
            assertThat(targets.get(0).at("/RoleArn/Fn::GetAtt/0").asText()).isEqualTo(roleId);
            assertThat(targets.get(0).at("/DeadLetterConfig/Arn/Fn::GetAtt/0").asText()).isEqualTo(queueId);
        }
    }

    @Test
    void forwardingRole_mayOnlyPutEventsOnExactlyTheHubBus() {
        String roleId = forwardingRoleId();
        List<TestStacks.OwnedStatement> statements = TestStacks.identityStatements(template).stream()
                .filter(s -> s.roleId().equals(roleId)).toList();

        assertThat(statements).hasSize(1);
        JsonNode statement = statements.get(0).statement();
        assertThat(actions(statement)).containsExactly("events:PutEvents");
        assertThat(list(statement.path("Resource")).stream().map(TestStacks::literal).toList())
                .containsExactly(HUB_BUS);
        JsonNode trust = resources(template, "AWS::IAM::Role").get(roleId)
                .at("/Properties/AssumeRolePolicyDocument/Statement/0");
        assertThat(trust.at("/Principal/Service").asText()).isEqualTo("events.amazonaws.com");
        assertThat(trust.path("Condition")).isEqualTo(TestStacks.MAPPER.valueToTree(
                Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")))));
    }

    @Test
    void forwarding_everyResource_isSkippedInTheHubAccountsOwnRegion() {
        JsonNode json = TestStacks.MAPPER.valueToTree(template.toJSON());
        int conditioned = 0;
        Iterator<Map.Entry<String, JsonNode>> resources = json.path("Resources").fields();
        while (resources.hasNext()) {
            Map.Entry<String, JsonNode> entry = resources.next();
            if (entry.getKey().startsWith("Forwarding")) {
                assertThat(entry.getValue().path("Condition").asText()).as(entry.getKey())
                        .isEqualTo(MemberStack.FORWARDS_CONDITION);
                conditioned++;
            }
        }
        assertThat(conditioned).isEqualTo(json.path("Resources").size() - 1);
        Map<String, Object> hubAccount = Map.of("Fn::Equals",
                List.of(Map.of("Ref", "AWS::AccountId"), "111122223333"));
        Map<String, Object> hubRegion = Map.of("Fn::Equals", List.of(Map.of("Ref", "AWS::Region"), "eu-central-1"));
        assertThat(json.at("/Conditions/" + MemberStack.FORWARDS_CONDITION)).isEqualTo(TestStacks.MAPPER.valueToTree(
                Map.of("Fn::Not", List.of(Map.of("Fn::And", List.of(hubAccount, hubRegion))))));
    }

    @Test
    void template_needsNoBootstrap() {
        JsonNode json = TestStacks.MAPPER.valueToTree(template.toJSON());

        assertThat(json.has("Parameters")).isFalse();
        assertThat(json.has("Rules")).isFalse();
    }

    /** The policy as IAM would store it in account 123456789012 of partition aws: joins and references resolved. */
    private static JsonNode deployed(JsonNode node) {
        if (node.isObject() && node.has("Fn::Join")) {
            StringBuilder out = new StringBuilder();
            for (JsonNode part : node.at("/Fn::Join/1")) {
                out.append(deployed(part).asText());
            }
            return TestStacks.MAPPER.getNodeFactory().textNode(out.toString());
        }
        if (node.isObject() && node.has("Ref")) {
            return TestStacks.MAPPER.getNodeFactory().textNode(switch (node.path("Ref").asText()) {
                case "AWS::Partition" -> "aws";
                case "AWS::AccountId" -> "123456789012";
                default -> throw new AssertionError("unexpected reference " + node);
            });
        }
        if (node.isObject()) {
            ObjectNode out = TestStacks.MAPPER.createObjectNode();
            node.fields().forEachRemaining(field -> out.set(field.getKey(), deployed(field.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = TestStacks.MAPPER.createArrayNode();
            node.forEach(item -> out.add(deployed(item)));
            return out;
        }
        return node;
    }

    private static String forwardingRoleId() {
        return resources(template, "AWS::IAM::Role").entrySet().stream()
                .filter(e -> e.getValue().at("/Properties/RoleName").isMissingNode())
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static JsonNode readRole(Template member) {
        return resources(member, "AWS::IAM::Role").values().stream()
                .filter(r -> !r.at("/Properties/RoleName").isMissingNode()).findFirst().orElseThrow();
    }

    private static JsonNode readRoleStatement(Template member, String sid) {
        for (JsonNode statement : readRole(member).at("/Properties/Policies/0/PolicyDocument/Statement")) {
            if (statement.path("Sid").asText().equals(sid)) {
                return statement;
            }
        }
        throw new AssertionError("no statement " + sid);
    }

    /** Sid → actions, in policy order; there is exactly one inline policy. */
    private static Map<String, List<String>> readRoleStatements(Template member) {
        JsonNode policies = readRole(member).at("/Properties/Policies");
        assertThat(policies).hasSize(1);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode statement : policies.get(0).at("/PolicyDocument/Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            out.put(statement.path("Sid").asText(), actions(statement));
        }
        return out;
    }

    private static Map<String, List<String>> readRoleResources(Template member) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode statement : readRole(member).at("/Properties/Policies/0/PolicyDocument/Statement")) {
            List<String> resources = new ArrayList<>();
            list(statement.path("Resource")).forEach(r -> resources.add(literal(r)));
            out.put(statement.path("Sid").asText(), resources);
        }
        return out;
    }
}
