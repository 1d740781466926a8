package dev.neptuneguard.cdk;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.remediation.SsmRunbook;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.ssm.CfnDocument;
import software.constructs.Construct;

/**
 * The opt-in re-encryption runbook ({@code reencryptionRunbook=true}): an {@code AWS::SSM::Document} of type
 * Automation with the core's generic runbook ({@link SsmRunbook#generic()}), startable from the console with the
 * cluster, the key and the approvers, and the role Automation assumes for it. The role may describe Neptune
 * resources, snapshot a cluster to a {@code *-pre-reenc} snapshot, restore only into a {@code *-reenc} cluster,
 * create only {@code *-reenc} instances, modify (back up, rename) clusters of this account and region, and let RDS
 * create a grant on a key (only through RDS). It cannot delete anything and has no {@code kms:Decrypt}.
 */
final class ReencryptionRunbook {

    private final CfnDocument document;
    private final Role role;

    ReencryptionRunbook(Construct scope) {
        String rds = "arn:" + Aws.PARTITION + ":rds:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":";
        role = Role.Builder.create(scope, "ReencryptionRunbookRole")
                .description("neptune-guard re-encryption runbook: assumed by Systems Manager Automation")
                .assumedBy(new ServicePrincipal("ssm.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                        "ArnLike", Map.of("aws:SourceArn", "arn:" + Aws.PARTITION + ":ssm:" + Aws.REGION + ":"
                                + Aws.ACCOUNT_ID + ":automation-execution/*"))))
                .inlinePolicies(Map.of("reencrypt", PolicyDocument.Builder.create().statements(List.of(
                        allow(List.of("rds:DescribeDBClusters", "rds:DescribeDBInstances",
                                "rds:DescribeDBClusterSnapshots"), List.of(rds + "cluster:*", rds + "db:*",
                                rds + "cluster-snapshot:*")),
                        allow(List.of("rds:CreateDBClusterSnapshot"), List.of(rds + "cluster:*",
                                rds + "cluster-snapshot:*-pre-reenc")),
                        allow(List.of("rds:RestoreDBClusterFromSnapshot"), List.of(rds + "cluster:*-reenc",
                                rds + "cluster-snapshot:*-pre-reenc", rds + "cluster-pg:*", rds + "subgrp:*")),
                        allow(List.of("rds:ModifyDBCluster"), List.of(rds + "cluster:*")),
                        allow(List.of("rds:CreateDBInstance"), List.of(rds + "db:*-reenc", rds + "cluster:*-reenc",
                                rds + "pg:*", rds + "subgrp:*")),
                        PolicyStatement.Builder.create().effect(Effect.ALLOW)
                                .actions(List.of("kms:CreateGrant", "kms:DescribeKey"))
                                .resources(List.of("arn:" + Aws.PARTITION + ":kms:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                                        + ":key/*"))
                                .conditions(Map.of("StringEquals", Map.of("kms:ViaService",
                                        "rds." + Aws.REGION + ".amazonaws.com")))
                                .build())).build()))
                .build();
        document = CfnDocument.Builder.create(scope, "ReencryptionRunbook")
                .documentType("Automation")
                .documentFormat("JSON")
                .content(Json.MAPPER.convertValue(SsmRunbook.generic(), new TypeReference<Map<String, Object>>() {
                }))
                .build();
        CfnOutput.Builder.create(scope, "ReencryptionRunbookName").value(document.getRef())
                .description("Start with: aws ssm start-automation-execution --document-name <this> --parameters "
                        + "AutomationAssumeRole=<ReencryptionRunbookRoleArn>,ClusterIdentifier=...,KmsKeyId=...,"
                        + "SetAsideName=...,Approvers=...").build();
        CfnOutput.Builder.create(scope, "ReencryptionRunbookRoleArn").value(role.getRoleArn()).build();
        NagFindings.acknowledgeRunbookRole(role, rds);
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources).build();
    }

    CfnDocument document() {
        return document;
    }

    Role role() {
        return role;
    }
}
