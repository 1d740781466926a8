package dev.neptuneguard.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The IAM statements of the guard functions, one method per need, so that every permission the product holds
 * is listed in one file an auditor can read. Reads are describe/list calls only; writes name the guard's own
 * resources. Resource {@code *} appears only on actions that have no resource-level permissions in IAM
 * ({@link #STAR_ONLY_ACTIONS}); the stack tests enforce that. There is no {@code kms:Decrypt} on customer keys:
 * the only decrypt right is on the guard's own key, usable only through SNS for the alert topic and through
 * DynamoDB for the delivery table, which is what SSE on those resources requires of their callers.
 */
public final class GuardPermissions {

    /**
     * Actions the guard grants on {@code *} only: listing calls, X-Ray, Config's evaluation APIs and (organization
     * mode, the sweep) the organization's account list.
     */
    public static final List<String> STAR_ONLY_ACTIONS = List.of(
            "kms:ListAliases", "kms:ListKeys",
            "xray:PutTraceSegments", "xray:PutTelemetryRecords",
            "config:PutEvaluations", "config:GetResourceConfigHistory", "config:ListDiscoveredResources",
            "organizations:ListAccounts", "organizations:DescribeAccount",
            "neptune-graph:ListGraphs", "neptune-graph:ListGraphSnapshots");

    /**
     * Neptune Analytics reads: the two list calls (granted on {@code *}: they name no graph), then the calls on one
     * graph or graph snapshot. Read-only; no query, import, export or data action.
     */
    public static final List<String> GRAPH_READ_ACTIONS = List.of(
            "neptune-graph:ListGraphs", "neptune-graph:ListGraphSnapshots",
            "neptune-graph:GetGraph", "neptune-graph:GetGraphSnapshot", "neptune-graph:ListTagsForResource");

    /** What the member read role allows besides the Config, Security Hub and protection extras. */
    public static final List<String> MEMBER_READ_ACTIONS = List.of(
            "rds:DescribeDBClusters", "rds:DescribeDBClusterSnapshots", "rds:ListTagsForResource",
            "kms:DescribeKey", "kms:GetKeyRotationStatus", "kms:ListAliases");

    /** Key changes that protection mode {@code on} may make, and nothing else. */
    public static final List<String> PROTECTION_ACTIONS = List.of(
            "kms:CancelKeyDeletion", "kms:EnableKey", "kms:TagResource");

    /** The region a request is sent to: the member read role's permissions hold in the member regions only. */
    public static final String REQUESTED_REGION = "aws:RequestedRegion";

    /** Keys tagged with this (value {@code true}) may be revoked: protection leaves them alone (issue 3). */
    public static final String ALLOW_REVOCATION_TAG = "neptune-guard:allow-revocation";

    private GuardPermissions() {
    }

    /** Describe Neptune clusters and snapshots (Neptune's management API authorizes as {@code rds:}). */
    public static PolicyStatement readNeptune() {
        return PolicyStatement.Builder.create()
                .sid("ReadNeptuneClustersAndSnapshots")
                .actions(List.of("rds:DescribeDBClusters", "rds:DescribeDBClusterSnapshots",
                        "rds:ListTagsForResource"))
                .resources(List.of(rdsArn("cluster:*"), rdsArn("cluster-snapshot:*")))
                .build();
    }

    /**
     * Describe the keys that clusters use. Any account: a cluster may use a key shared from another account,
     * whose own key policy then decides; the region is fixed because RDS only uses keys of its own region.
     */
    public static PolicyStatement readKeys() {
        return PolicyStatement.Builder.create()
                .sid("ReadKeyState")
                .actions(List.of("kms:DescribeKey", "kms:GetKeyRotationStatus", "kms:ListResourceTags"))
                .resources(List.of("arn:" + Aws.PARTITION + ":kms:" + Aws.REGION + ":*:key/*"))
                .build();
    }

    /** List Neptune Analytics graphs and graph snapshots: the list calls name no resource, so only {@code *}. */
    public static PolicyStatement listGraphs() {
        return PolicyStatement.Builder.create()
                .sid("ListNeptuneAnalyticsGraphs")
                .actions(GRAPH_READ_ACTIONS.subList(0, 2))
                .resources(List.of("*"))
                .build();
    }

    /** Read one Neptune Analytics graph or graph snapshot and its tags, in the stack's account and region. */
    public static PolicyStatement readGraphs() {
        return readGraphs(Aws.REGION, null);
    }

    /** Like {@link #readGraphs()}, in any of {@code regions} of this account (the member read role). */
    public static PolicyStatement readMemberGraphs(List<String> regions) {
        return readGraphs("*", regions);
    }

    private static PolicyStatement readGraphs(String region, List<String> regions) {
        String prefix = "arn:" + Aws.PARTITION + ":neptune-graph:" + region + ":" + Aws.ACCOUNT_ID + ":";
        PolicyStatement.Builder b = PolicyStatement.Builder.create()
                .sid("ReadNeptuneAnalyticsGraphs")
                .actions(GRAPH_READ_ACTIONS.subList(2, GRAPH_READ_ACTIONS.size()))
                .resources(List.of(prefix + "graph/*", prefix + "graph-snapshot/*"));
        if (regions != null) {
            b.conditions(Map.of("StringEquals", Map.of(REQUESTED_REGION, regions)));
        }
        return b.build();
    }

    /** List graphs in the member regions only. */
    public static PolicyStatement listMemberGraphs(List<String> regions) {
        return PolicyStatement.Builder.create()
                .sid("ListNeptuneAnalyticsGraphs")
                .actions(GRAPH_READ_ACTIONS.subList(0, 2))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of(REQUESTED_REGION, regions)))
                .build();
    }

    /** Resolve aliases and map a custom key store to its keys: these list calls exist only on {@code *}. */
    public static PolicyStatement listKeys() {
        return PolicyStatement.Builder.create()
                .sid("ListKeysAndAliases")
                .actions(List.of("kms:ListAliases", "kms:ListKeys"))
                .resources(List.of("*"))
                .build();
    }

    public static PolicyStatement publishAlerts(String topicArn) {
        return PolicyStatement.Builder.create()
                .sid("PublishAlerts")
                .actions(List.of("sns:Publish"))
                .resources(List.of(topicArn))
                .build();
    }

    /** SSE-KMS on the alert topic: publishers need a data key, through SNS, for this topic only. */
    public static PolicyStatement useGuardKeyForTopic(String keyArn, String topicArn) {
        return PolicyStatement.Builder.create()
                .sid("UseGuardKeyForAlertTopic")
                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                .resources(List.of(keyArn))
                .conditions(Map.of("StringEquals", Map.of(
                        "kms:ViaService", "sns." + Aws.REGION + ".amazonaws.com",
                        "kms:EncryptionContext:aws:sns:topicArn", topicArn)))
                .build();
    }

    /** The delivery ledger: conditional puts, batch reads of what was delivered, first-sighting updates. */
    public static PolicyStatement recordDeliveries(String tableArn) {
        return PolicyStatement.Builder.create()
                .sid("RecordDeliveries")
                .actions(List.of("dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:PutItem",
                        "dynamodb:UpdateItem"))
                .resources(List.of(tableArn))
                .build();
    }

    /** Findings for Security Hub are queued for the exporter; nothing else may be sent there. */
    public static PolicyStatement queueFindings(String queueArn) {
        return PolicyStatement.Builder.create()
                .sid("QueueSecurityHubFindings")
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(queueArn))
                .build();
    }

    /** Findings go to the account's own default product only. */
    public static PolicyStatement importFindings() {
        return PolicyStatement.Builder.create()
                .sid("ImportSecurityHubFindings")
                .actions(List.of("securityhub:BatchImportFindings"))
                .resources(List.of("arn:" + Aws.PARTITION + ":securityhub:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                        + ":product/" + Aws.ACCOUNT_ID + "/default"))
                .build();
    }

    public static PolicyStatement putEvaluations() {
        return PolicyStatement.Builder.create()
                .sid("ReportConfigEvaluations")
                // ListDiscoveredResources: the ids Config records snapshots under, once per scheduled run.
                .actions(List.of("config:PutEvaluations", "config:GetResourceConfigHistory",
                        "config:ListDiscoveredResources"))
                .resources(List.of("*"))
                .build();
    }

    /** Create, read and delete reminder schedules, in the guard's schedule group only. */
    public static PolicyStatement manageReminders(String groupName, List<String> actions) {
        return PolicyStatement.Builder.create()
                .sid("ManageReminderSchedules")
                .actions(actions)
                .resources(List.of("arn:" + Aws.PARTITION + ":scheduler:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                        + ":schedule/" + groupName + "/*"))
                .build();
    }

    /** A schedule runs as the scheduler role; creating one passes that role, and only that role, to Scheduler. */
    public static PolicyStatement passSchedulerRole(String roleArn) {
        return PolicyStatement.Builder.create()
                .sid("PassSchedulerRole")
                .actions(List.of("iam:PassRole"))
                .resources(List.of(roleArn))
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "scheduler.amazonaws.com")))
                .build();
    }

    /**
     * Protection mode {@code on}: cancel a deletion or re-enable a key of this account and region, unless the key
     * is tagged {@value #ALLOW_REVOCATION_TAG}=true.
     */
    public static PolicyStatement protectKeys() {
        return PolicyStatement.Builder.create()
                .sid("ProtectKeysInUse")
                .actions(List.of("kms:CancelKeyDeletion", "kms:EnableKey"))
                .resources(List.of(ownKeys(Aws.REGION)))
                .conditions(Map.of(
                        "StringEquals", Map.of("kms:CallerAccount", Aws.ACCOUNT_ID),
                        "StringNotEqualsIgnoreCase", Map.of("aws:ResourceTag/" + ALLOW_REVOCATION_TAG, "true")))
                .build();
    }

    /**
     * {@link #protectKeys()} for the member read role: the same actions and conditions on this account's keys, in
     * the member regions ({@code aws:RequestedRegion}, which keeps the policy small for many regions).
     */
    public static PolicyStatement protectKeys(List<String> regions) {
        return PolicyStatement.Builder.create()
                .sid("ProtectKeysInUse")
                .actions(List.of("kms:CancelKeyDeletion", "kms:EnableKey"))
                .resources(List.of(ownKeys("*")))
                .conditions(ordered(
                        "StringEquals", ordered("kms:CallerAccount", Aws.ACCOUNT_ID, REQUESTED_REGION, regions),
                        "StringNotEqualsIgnoreCase", Map.of("aws:ResourceTag/" + ALLOW_REVOCATION_TAG, "true")))
                .build();
    }

    /** Protection mode {@code on}: record on the key what was done; only the guard's own tag keys. */
    public static PolicyStatement tagProtectedKeys() {
        return PolicyStatement.Builder.create()
                .sid("TagProtectedKeys")
                .actions(List.of("kms:TagResource"))
                .resources(List.of(ownKeys(Aws.REGION)))
                .conditions(Map.of(
                        "StringEquals", Map.of("kms:CallerAccount", Aws.ACCOUNT_ID),
                        "ForAllValues:StringLike", Map.of("aws:TagKeys", List.of("neptune-guard:*")),
                        "ForAllValues:StringNotEquals", Map.of("aws:TagKeys", List.of(ALLOW_REVOCATION_TAG))))
                .build();
    }

    /** {@link #tagProtectedKeys()} for the member read role, in the member regions (see {@link #protectKeys(List)}). */
    public static PolicyStatement tagProtectedKeys(List<String> regions) {
        return PolicyStatement.Builder.create()
                .sid("TagProtectedKeys")
                .actions(List.of("kms:TagResource"))
                .resources(List.of(ownKeys("*")))
                .conditions(ordered(
                        "StringEquals", ordered("kms:CallerAccount", Aws.ACCOUNT_ID, REQUESTED_REGION, regions),
                        "ForAllValues:StringLike", Map.of("aws:TagKeys", List.of("neptune-guard:*")),
                        "ForAllValues:StringNotEquals", Map.of("aws:TagKeys", List.of(ALLOW_REVOCATION_TAG))))
                .build();
    }

    /** Deny publishing to the alert topic for everyone but the guard's roles and CloudWatch alarms. */
    public static PolicyStatement denyForeignPublishers(String topicArn, List<String> publisherRoleArns) {
        return PolicyStatement.Builder.create()
                .sid("OnlyTheGuardPublishes")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topicArn))
                .conditions(Map.of(
                        "ArnNotEquals", Map.of("aws:PrincipalArn", publisherRoleArns),
                        "StringNotEquals", Map.of("aws:PrincipalServiceName", "cloudwatch.amazonaws.com")))
                .build();
    }

    private static String rdsArn(String resource) {
        return rdsArn(Aws.REGION, resource);
    }

    private static String rdsArn(String region, String resource) {
        return "arn:" + Aws.PARTITION + ":rds:" + region + ":" + Aws.ACCOUNT_ID + ":" + resource;
    }

    private static String ownKeys(String region) {
        return "arn:" + Aws.PARTITION + ":kms:" + region + ":" + Aws.ACCOUNT_ID + ":key/*";
    }

    /** A map in the order given: what is rendered from it does not vary from one synth to the next. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    // Organization mode: the hub functions' side.

    /**
     * Assume the member read role in any account of the organization, and only there: {@code aws:ResourceOrgID}
     * is the organization of the account that owns the role.
     */
    public static PolicyStatement assumeMemberRole(String memberRoleName, String organizationId) {
        return PolicyStatement.Builder.create()
                .sid("AssumeMemberReadRole")
                .actions(List.of("sts:AssumeRole"))
                .resources(List.of("arn:" + Aws.PARTITION + ":iam::*:role/" + memberRoleName))
                .conditions(Map.of("StringEquals", Map.of("aws:ResourceOrgID", organizationId)))
                .build();
    }

    /** The sweep lists the organization's accounts and names them (read-only; the hub is a delegated admin). */
    public static PolicyStatement readOrganizationAccounts() {
        return PolicyStatement.Builder.create()
                .sid("ListOrganizationAccounts")
                .actions(List.of("organizations:ListAccounts", "organizations:DescribeAccount"))
                .resources(List.of("*"))
                .build();
    }

    // Organization mode: the member read role, one per member account, used in every member region.

    /** Describe the Neptune clusters and snapshots of this account, in the member regions. */
    public static PolicyStatement readMemberNeptune(List<String> regions) {
        return PolicyStatement.Builder.create()
                .sid("ReadNeptuneClustersAndSnapshots")
                .actions(MEMBER_READ_ACTIONS.subList(0, 3))
                .resources(List.of(rdsArn("*", "cluster:*"), rdsArn("*", "cluster-snapshot:*")))
                .conditions(Map.of("StringEquals", Map.of(REQUESTED_REGION, regions)))
                .build();
    }

    /** Describe the keys clusters use (any account: a key may be shared), and their rotation, in the member regions. */
    public static PolicyStatement readMemberKeys(List<String> regions) {
        return PolicyStatement.Builder.create()
                .sid("ReadKeyState")
                .actions(List.of("kms:DescribeKey", "kms:GetKeyRotationStatus"))
                .resources(List.of("arn:" + Aws.PARTITION + ":kms:*:*:key/*"))
                .conditions(Map.of("StringEquals", Map.of(REQUESTED_REGION, regions)))
                .build();
    }

    /** Name keys by their aliases: a list call that exists only on {@code *}. */
    public static PolicyStatement listAliases() {
        return PolicyStatement.Builder.create()
                .sid("ListAliases")
                .actions(List.of("kms:ListAliases"))
                .resources(List.of("*"))
                .build();
    }

    /**
     * Protection (dry run or on) reads a key's tags before it acts ({@value #ALLOW_REVOCATION_TAG}); only the
     * keys of this account, the only ones it may act on.
     */
    public static PolicyStatement readKeyTags(List<String> regions) {
        return PolicyStatement.Builder.create()
                .sid("ReadKeyTagsForProtection")
                .actions(List.of("kms:ListResourceTags"))
                .resources(List.of(ownKeys("*")))
                .conditions(Map.of("StringEquals", Map.of(REQUESTED_REGION, regions)))
                .build();
    }

    /**
     * Findings about a member account go to that account's own default product, in any region: Security Hub
     * accepts a finding on the default product only from the account it names ({@code AwsAccountId}).
     */
    public static PolicyStatement importMemberFindings() {
        return PolicyStatement.Builder.create()
                .sid("ImportSecurityHubFindings")
                .actions(List.of("securityhub:BatchImportFindings"))
                .resources(List.of("arn:" + Aws.PARTITION + ":securityhub:*:" + Aws.ACCOUNT_ID + ":product/"
                        + Aws.ACCOUNT_ID + "/default"))
                .build();
    }
}
