package dev.neptuneguard.cdk;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.sns.CfnSubscription;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.IConstruct;

/**
 * Every cdk-nag finding the stack acknowledges, with the reason an auditor would ask for, in one place. Each
 * acknowledgement is as narrow as cdk-nag allows: a rule id on one resource, and for IAM5 the exact wildcard
 * resource ({@code appliesTo}). A new wildcard or a new resource therefore shows up as an unacknowledged error.
 */
final class NagFindings {

    static final String LAMBDA_DLQ_REASON = "Failed asynchronous invocations go to the on-failure destination of"
            + " the 'live' alias that every trigger invokes (an SSE-encrypted SQS queue with a depth alarm). A"
            + " destination record carries the event plus the error and invocation context; also setting a"
            + " function-level DeadLetterConfig would put every failure in the queue twice.";

    static final String DEAD_LETTER_QUEUE_REASON = "This queue is itself the terminal dead-letter store (Lambda"
            + " on-failure destination, EventBridge target / SNS subscription dead-letter queue), kept 14 days with"
            + " an alarm at depth >= 1. A redrive policy would only move failed events one hop further; cdk-nag"
            + " recognises only SQS redrive and Lambda DeadLetterConfig as dead-letter uses.";

    static final String STAR_RESOURCE_REASON = "Resource '*' is granted only for actions that IAM cannot scope to"
            + " a resource: X-Ray trace upload (xray:PutTraceSegments, xray:PutTelemetryRecords) and, where"
            + " granted, kms:ListAliases and kms:ListKeys (resolve aliases, map a custom key store to its keys) and"
            + " config:PutEvaluations / config:GetResourceConfigHistory / config:ListDiscoveredResources."
            + " NeptuneGuardStackIT fails if any other"
            + " action is granted on '*'.";

    static final String STAR_RESOURCE_WITH_ACCOUNTS_REASON = "Resource '*' is granted only for actions that IAM"
            + " cannot scope to a resource, or that the hub cannot scope without the management account's id:"
            + " X-Ray trace upload, kms:ListAliases and kms:ListKeys, and for the organization hub's sweep"
            + " organizations:ListAccounts and organizations:DescribeAccount (read-only; they answer only in the"
            + " management account or a delegated administrator). NeptuneGuardStackIT and OrganizationHubIT fail if"
            + " any other action is granted on '*'.";

    static final String ASSUME_MEMBER_ROLE_REASON = "Organization mode: the hub function assumes the neptune-guard"
            + " member read role, by its fixed name, in whichever member account an event, a sweep or a Config"
            + " invocation is about. The account is the wildcard; the condition aws:ResourceOrgID limits it to"
            + " accounts of the hub's own organization, and each member role trusts only the hub's named roles.";

    static final String NEPTUNE_READ_REASON = "Read-only rds:DescribeDBClusters, rds:DescribeDBClusterSnapshots and"
            + " rds:ListTagsForResource (Neptune's management API authorizes as rds:) on the clusters and cluster"
            + " snapshots of this account and region only: the guard must see every cluster, whose names are not"
            + " known in advance. No write action is granted on these ARNs.";

    static final String KEY_READ_REASON = "Read-only kms:DescribeKey, kms:GetKeyRotationStatus and"
            + " kms:ListResourceTags on KMS keys of this region in any account: a Neptune cluster may be encrypted"
            + " with a key shared from another account, whose own key policy must also allow the call. No"
            + " cryptographic (no kms:Decrypt) and no write action is granted on these ARNs.";

    static final String SCHEDULES_REASON = "Reminder schedules are created at run time, one per key and offset,"
            + " with names derived from the key; the wildcard covers only schedules in the guard's own schedule"
            + " group neptune-guard-reminders, and only Create/Get/DeleteSchedule.";

    static final String PROTECTION_REASON = "Present only with protectionMode=on (opt-in): the guard must cancel"
            + " the deletion of, or re-enable, whichever customer key protects a live Neptune cluster. Limited to"
            + " keys of this account and region, to callers of this account (kms:CallerAccount), excluding keys"
            + " tagged neptune-guard:allow-revocation=true; kms:TagResource only for neptune-guard:* tag keys and"
            + " never the allow-revocation tag.";

    static final String SNS_ALIAS_ENDPOINT_REASON = "SNS accepts a qualified function ARN as the endpoint of a"
            + " lambda subscription. The Slack notifier is subscribed through its 'live' alias on purpose: SnapStart"
            + " applies only to published versions, and the alias carries the retry and on-failure settings.";

    static final String SNAPSTART_PUBLISH_REASON = "SnapStart needs a published version: GuardFunction always"
            + " publishes one (currentVersion, re-published whenever code or configuration changes) behind the 'live'"
            + " alias, and every trigger targets that alias, never $LATEST.";

    private NagFindings() {
    }

    /** Acknowledges the findings that every guard function has by construction. */
    static void acknowledgeGuardFunction(GuardFunction function) {
        NagSuppressions.addResourceSuppressions(function.function(),
                List.of(suppression("Serverless-LambdaDLQ", LAMBDA_DLQ_REASON)));
        acknowledgeDeadLetterQueue(function.deadLetters());
        Annotations.of(function.function())
                .acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish", SNAPSTART_PUBLISH_REASON);
    }

    static final String SQS_SOURCE_FAILURES_REASON = "An SQS event source cannot have an on-failure destination"
            + " (Lambda supports them for stream and Kafka sources only). A message whose findings keep failing"
            + " returns to the queue and, after the queue's maxReceiveCount, moves to the queue's own dead-letter"
            + " queue, which alarms at depth >= 1.";

    /** The Security Hub exporter's SQS event source: failures go to the queue's redrive dead-letter queue. */
    static void acknowledgeSqsEventSource(IConstruct mapping) {
        NagSuppressions.addResourceSuppressions(mapping, List.of(
                suppression("Serverless-LambdaEventSourceMappingDestination", SQS_SOURCE_FAILURES_REASON)));
    }

    static void acknowledgeDeadLetterQueue(IQueue queue) {
        NagSuppressions.addResourceSuppressions(queue, List.of(
                suppression("AwsSolutions-SQS3", DEAD_LETTER_QUEUE_REASON),
                suppression("Serverless-SQSRedrivePolicy", DEAD_LETTER_QUEUE_REASON)));
    }

    /**
     * Acknowledges IAM5 on one role's policy for exactly the wildcard resources the stack granted it. The
     * acknowledgement sits on the role's default policy, the only policy document the role has.
     */
    static void acknowledgeWildcards(IConstruct role, Wildcards wildcards) {
        IConstruct policy = role.getNode().findChild("DefaultPolicy");
        List<NagPackSuppression> suppressions = new ArrayList<>();
        suppressions.add(iam5(wildcards.listsAccounts() ? STAR_RESOURCE_WITH_ACCOUNTS_REASON : STAR_RESOURCE_REASON,
                "Resource::*"));
        if (wildcards.readsNeptuneAndKeys()) {
            suppressions.add(iam5(NEPTUNE_READ_REASON,
                    "Resource::arn:<AWS::Partition>:rds:<AWS::Region>:<AWS::AccountId>:cluster:*",
                    "Resource::arn:<AWS::Partition>:rds:<AWS::Region>:<AWS::AccountId>:cluster-snapshot:*"));
            suppressions.add(iam5(KEY_READ_REASON, "Resource::arn:<AWS::Partition>:kms:<AWS::Region>:*:key/*"));
        }
        if (wildcards.managesSchedules()) {
            suppressions.add(iam5(SCHEDULES_REASON, "Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>"
                    + ":<AWS::AccountId>:schedule/" + NeptuneGuardStack.SCHEDULE_GROUP_NAME + "/*"));
        }
        if (wildcards.protectsKeys()) {
            suppressions.add(iam5(PROTECTION_REASON,
                    "Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*"));
        }
        if (wildcards.assumesMemberRole() != null) {
            suppressions.add(iam5(ASSUME_MEMBER_ROLE_REASON,
                    "Resource::arn:<AWS::Partition>:iam::*:role/" + wildcards.assumesMemberRole()));
        }
        NagSuppressions.addResourceSuppressions(policy, suppressions, true);
    }

    static final String GRAPH_READ_REASON = "Read-only Neptune Analytics calls on this account's graphs and graph"
            + " snapshots in this region (neptune-graph:GetGraph, GetGraphSnapshot, ListTagsForResource): which graphs"
            + " exist, and so their ids, is not known when the stack is deployed. No query, import, export or data"
            + " action.";

    /** IAM5 on a role that reads Neptune Analytics graphs, for exactly the two graph wildcards. */
    static void acknowledgeGraphReads(IConstruct role) {
        NagSuppressions.addResourceSuppressions(role.getNode().findChild("DefaultPolicy"), List.of(iam5(
                GRAPH_READ_REASON,
                "Resource::arn:<AWS::Partition>:neptune-graph:<AWS::Region>:<AWS::AccountId>:graph/*",
                "Resource::arn:<AWS::Partition>:neptune-graph:<AWS::Region>:<AWS::AccountId>:graph-snapshot/*")),
                true);
    }

    static final String FORWARDING_DEAD_LETTER_QUEUE_REASON = "Organization mode, member account: this queue is"
            + " the terminal dead-letter store of the rules that forward detection events to the hub's bus (events"
            + " EventBridge could not deliver after its retries, e.g. while the hub's bus policy refuses them), kept"
            + " 14 days. A redrive policy would only move them one hop further; the hub's daily sweep reconciles what"
            + " they would have triggered.";

    static final String MEMBER_READ_REASON = "Organization mode, member read role: read-only describe calls the hub"
            + " makes in this account, in the member regions only (aws:RequestedRegion): rds:DescribeDBClusters,"
            + " rds:DescribeDBClusterSnapshots and rds:ListTagsForResource on this account's clusters and snapshots"
            + " (names not known in advance), neptune-graph:GetGraph, GetGraphSnapshot and ListTagsForResource on this"
            + " account's Neptune Analytics graphs and graph snapshots, kms:DescribeKey and kms:GetKeyRotationStatus on"
            + " keys of any account (a key may be shared), and, with protection, kms:ListResourceTags on this account's"
            + " keys. No write and no kms:Decrypt.";

    static final String MEMBER_STAR_REASON = "Organization mode, member read role: '*' only for actions without"
            + " resource-level permissions: kms:ListAliases, neptune-graph:ListGraphs and ListGraphSnapshots (in the"
            + " member regions only) and, with the Config rules, config:PutEvaluations,"
            + " config:GetResourceConfigHistory and config:ListDiscoveredResources, which the organization Config"
            + " rule's evaluations of this account need.";

    static final String MEMBER_FINDINGS_REASON = "Organization mode, member read role: findings about this account"
            + " are imported into this account's own Security Hub default product (the only account allowed to"
            + " import findings naming it), in whichever member region they are about; the region is the wildcard,"
            + " the account and product are fixed.";

    static final String MEMBER_PROTECTION_REASON = "Organization mode with protectionMode=on (opt-in), member read"
            + " role: the same key protection as a single account (cancel a deletion, re-enable, tag with"
            + " neptune-guard:* keys), on this account's keys in the member regions (aws:RequestedRegion), for callers"
            + " of this account (kms:CallerAccount), never on keys tagged neptune-guard:allow-revocation=true.";

    /** The member forwarding rules' dead-letter queue. */
    static void acknowledgeForwardingDeadLetterQueue(IQueue queue) {
        NagSuppressions.addResourceSuppressions(queue, List.of(
                suppression("AwsSolutions-SQS3", FORWARDING_DEAD_LETTER_QUEUE_REASON),
                suppression("Serverless-SQSRedrivePolicy", FORWARDING_DEAD_LETTER_QUEUE_REASON)));
    }

    /** IAM5 on the member read role's inline policy, for exactly the wildcard resources it has. */
    static void acknowledgeMemberReadRole(IConstruct role, GuardSettings settings) {
        List<String> reads = new ArrayList<>(List.of(
                "Resource::arn:<AWS::Partition>:rds:*:<AWS::AccountId>:cluster:*",
                "Resource::arn:<AWS::Partition>:rds:*:<AWS::AccountId>:cluster-snapshot:*",
                "Resource::arn:<AWS::Partition>:kms:*:*:key/*",
                "Resource::arn:<AWS::Partition>:neptune-graph:*:<AWS::AccountId>:graph/*",
                "Resource::arn:<AWS::Partition>:neptune-graph:*:<AWS::AccountId>:graph-snapshot/*"));
        String ownKeys = "Resource::arn:<AWS::Partition>:kms:*:<AWS::AccountId>:key/*";
        if (settings.protectionMode() == GuardSettings.ProtectionMode.DRY_RUN) {
            reads.add(ownKeys);
        }
        List<NagPackSuppression> suppressions = new ArrayList<>();
        suppressions.add(iam5(MEMBER_READ_REASON, reads.toArray(String[]::new)));
        suppressions.add(iam5(MEMBER_STAR_REASON, "Resource::*"));
        if (settings.securityHub()) {
            suppressions.add(iam5(MEMBER_FINDINGS_REASON, "Resource::arn:<AWS::Partition>:securityhub:*"
                    + ":<AWS::AccountId>:product/<AWS::AccountId>/default"));
        }
        if (settings.protectionMode() == GuardSettings.ProtectionMode.ON) {
            suppressions.add(iam5(MEMBER_PROTECTION_REASON, ownKeys));
        }
        NagSuppressions.addResourceSuppressions(role, suppressions, true);
    }

    static void acknowledgeAliasSubscription(CfnSubscription subscription) {
        Validations.of(subscription).acknowledge(Acknowledgment.builder()
                .id("CloudFormation-Validate::W3694").reason(SNS_ALIAS_ENDPOINT_REASON).build());
    }

    static final String RUNBOOK_REASON = "Opt-in re-encryption runbook (reencryptionRunbook=true): Automation runs it"
            + " on the cluster a person names at start, so cluster, instance, snapshot, parameter group and subnet"
            + " group names are wildcards within this account and region; creating calls are limited to the"
            + " runbook's own *-reenc and *-pre-reenc names, nothing can be deleted, and the KMS grant is allowed"
            + " only through RDS (kms:ViaService) with no kms:Decrypt.";

    static void acknowledgeRunbookRole(IConstruct role, String rds) {
        String r = rds.replace("arn:" + software.amazon.awscdk.Aws.PARTITION, "arn:<AWS::Partition>")
                .replace(software.amazon.awscdk.Aws.REGION, "<AWS::Region>")
                .replace(software.amazon.awscdk.Aws.ACCOUNT_ID, "<AWS::AccountId>");
        NagSuppressions.addResourceSuppressions(role, List.of(iam5(RUNBOOK_REASON, "Resource::" + r + "cluster:*",
                "Resource::" + r + "db:*", "Resource::" + r + "cluster-snapshot:*",
                "Resource::" + r + "cluster-snapshot:*-pre-reenc", "Resource::" + r + "cluster:*-reenc",
                "Resource::" + r + "cluster-pg:*", "Resource::" + r + "subgrp:*", "Resource::" + r + "db:*-reenc",
                "Resource::" + r + "pg:*", "Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*")),
                true);
    }

    private static NagPackSuppression suppression(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }

    private static NagPackSuppression iam5(String reason, String... appliesTo) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason).appliesTo(List.of(appliesTo))
                .build();
    }

    /**
     * Which wildcard resources a role was granted, beyond the X-Ray / list-only {@code *}.
     *
     * @param assumesMemberRole the member read role's name when the role may assume it (organization mode), or null
     * @param listsAccounts whether the role may list the organization's accounts (the hub's sweep)
     */
    record Wildcards(boolean readsNeptuneAndKeys, boolean managesSchedules, boolean protectsKeys,
                     String assumesMemberRole, boolean listsAccounts) {

        Wildcards(boolean readsNeptuneAndKeys, boolean managesSchedules, boolean protectsKeys) {
            this(readsNeptuneAndKeys, managesSchedules, protectsKeys, null, false);
        }
    }
}
