package dev.neptuneguard.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.model.Policy;
import dev.neptuneguard.policy.EncryptionRules;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plans from the AWS CLI's describe-db-clusters / describe-db-instances shapes, provisioned and serverless v2. */
class PlannerTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    private final Planner planner = new Planner(new EncryptionRules(Policy.defaults()));

    @Test
    void fromAwsCli_realProvisionedSample_readsTheWholeConfiguration() {
        ClusterConfiguration c = Fixtures.cluster("provisioned");

        assertThat(c.identifier()).isEqualTo("test-rds-cluster-param-group");
        assertThat(c.account()).isEqualTo("644160558196");
        assertThat(c.region()).isEqualTo("us-east-1");
        assertThat(c.storageEncrypted()).isTrue();
        assertThat(c.clusterParameterGroup()).isEqualTo("default.neptune1");
        assertThat(c.securityGroupIds()).containsExactly("sg-6c7fa917");
        assertThat(c.logExports()).containsExactly("audit");
        assertThat(c.port()).isEqualTo(8182);
        assertThat(c.backupRetentionPeriod()).isEqualTo(1);
        assertThat(c.serverless()).isFalse();
        assertThat(c.instances()).singleElement().satisfies(i -> {
            assertThat(i.identifier()).isEqualTo("test-rds-cluster-param-group-instance-1");
            assertThat(i.writer()).isTrue();
            assertThat(i.instanceClass()).isEqualTo("db.r5.large");
            assertThat(i.promotionTier()).isEqualTo(1);
            assertThat(i.parameterGroup()).isEqualTo("default.neptune1");
        });
    }

    @Test
    void cluster_encryptedOnAnotherKey_restoresToPointInTimeWithTheNewKeyAndNoSnapshot() {
        Plan plan = planner.cluster(Fixtures.cluster("provisioned"), Fixtures.usable(
                Fixtures.CMK.replace("0d3c1f7e", "1d3c1f7e"), "644160558196"), TODAY);

        assertThat(plan.runnable()).as(plan.refusals().toString()).isTrue();
        assertThat(plan.path()).isEqualTo(Plan.Path.POINT_IN_TIME_RESTORE);
        assertThat(plan.why()).contains("encrypted (with arn:aws:kms:us-east-1:644160558196:key/b10f842a",
                "different KmsKeyId");
        assertThat(plan.steps()).extracting(s -> s.action().api()).containsExactly("RestoreDBClusterToPointInTime",
                "ModifyDBCluster", "CreateDBInstance");
        Step restore = plan.steps().get(0);
        assertThat(restore.parameters()).containsEntry("DBClusterIdentifier", "test-rds-cluster-param-group-reenc")
                .containsEntry("SourceDBClusterIdentifier", "test-rds-cluster-param-group")
                .containsEntry("RestoreType", "full-copy").containsEntry("UseLatestRestorableTime", true)
                .containsEntry("KmsKeyId", plan.keyArn()).containsEntry("Port", 8182)
                .containsEntry("DBSubnetGroupName", "default").containsEntry("VpcSecurityGroupIds", List.of("sg-6c7fa917"))
                .containsEntry("DBClusterParameterGroupName", "default.neptune1")
                .containsEntry("EnableCloudwatchLogsExports", List.of("audit"))
                .containsEntry("EnableIAMDatabaseAuthentication", false).containsEntry("DeletionProtection", false)
                .doesNotContainKeys("CopyTagsToSnapshot", "Tags", "ServerlessV2ScalingConfiguration");
        assertThat(plan.steps().get(1).call()).isEqualTo("ModifyDBCluster "
                + "DBClusterIdentifier=test-rds-cluster-param-group-reenc BackupRetentionPeriod=1 "
                + "PreferredBackupWindow=05:42-06:12 PreferredMaintenanceWindow=sat:09:57-sat:10:27 "
                + "CopyTagsToSnapshot=false ApplyImmediately=true");
        assertThat(plan.steps().get(2).parameters()).containsEntry("DBInstanceIdentifier",
                "test-rds-cluster-param-group-instance-1-reenc").containsEntry("DBInstanceClass", "db.r5.large")
                .containsEntry("PromotionTier", 1).containsEntry("DBParameterGroupName", "default.neptune1")
                .containsEntry("AvailabilityZone", "us-east-1d").doesNotContainKey("MonitoringInterval");
        assertThat(plan.creates()).containsExactly("cluster test-rds-cluster-param-group-reenc",
                "instance test-rds-cluster-param-group-instance-1-reenc");
    }

    @Test
    void cluster_unencryptedServerlessV2_snapshotThenRestoreCarryingCapacityRolesAndTags() {
        ClusterConfiguration c = Fixtures.cluster("serverless-v2");

        Plan plan = planner.cluster(c, Fixtures.usable(Fixtures.CMK.replace("644160558196", "111122223333"),
                "111122223333"), TODAY);

        assertThat(plan.runnable()).as(plan.refusals().toString()).isTrue();
        assertThat(plan.path()).isEqualTo(Plan.Path.SNAPSHOT_RESTORE);
        assertThat(plan.why()).contains("not encrypted", "rejects a point-in-time restore");
        assertThat(plan.steps()).extracting(Step::call).containsExactly(
                "CreateDBClusterSnapshot DBClusterIdentifier=graph-serverless "
                        + "DBClusterSnapshotIdentifier=graph-serverless-pre-reenc",
                "RestoreDBClusterFromSnapshot DBClusterIdentifier=graph-serverless-reenc "
                        + "SnapshotIdentifier=graph-serverless-pre-reenc Engine=neptune EngineVersion=1.3.2.1 KmsKeyId="
                        + plan.keyArn() + " Port=8182 DBSubnetGroupName=graph-private "
                        + "VpcSecurityGroupIds=[sg-0a1b2c3d4e5f67890] DBClusterParameterGroupName=graph-serverless-params "
                        + "EnableIAMDatabaseAuthentication=true EnableCloudwatchLogsExports=[audit,slowquery] "
                        + "DeletionProtection=true ServerlessV2ScalingConfiguration={MinCapacity=1,MaxCapacity=128} "
                        + "StorageType=standard Tags=[team=graph] CopyTagsToSnapshot=true",
                "ModifyDBCluster DBClusterIdentifier=graph-serverless-reenc BackupRetentionPeriod=7 "
                        + "PreferredBackupWindow=04:00-04:30 PreferredMaintenanceWindow=sun:06:00-sun:06:30 "
                        + "ApplyImmediately=true",
                "AddRoleToDBCluster DBClusterIdentifier=graph-serverless-reenc "
                        + "RoleArn=arn:aws:iam::111122223333:role/NeptuneLoadFromS3",
                "CreateDBInstance DBInstanceIdentifier=graph-serverless-writer-reenc "
                        + "DBClusterIdentifier=graph-serverless-reenc Engine=neptune DBInstanceClass=db.serverless "
                        + "PromotionTier=0 DBParameterGroupName=default.neptune1.3 AvailabilityZone=us-east-1a "
                        + "AutoMinorVersionUpgrade=true PreferredMaintenanceWindow=sun:07:00-sun:07:30 Tags=[team=graph]",
                "CreateDBInstance DBInstanceIdentifier=graph-serverless-reader-reenc "
                        + "DBClusterIdentifier=graph-serverless-reenc Engine=neptune DBInstanceClass=db.serverless "
                        + "PromotionTier=1 DBParameterGroupName=default.neptune1.3 AvailabilityZone=us-east-1b "
                        + "AutoMinorVersionUpgrade=true PreferredMaintenanceWindow=sun:07:00-sun:07:30 Tags=[team=graph]");
        assertThat(plan.notCarriedOver()).contains("tag aws:cloudformation:stack-name (aws: tags are AWS's own)");
        assertThat(PlanText.lines(plan)).contains("Path: snapshot, then RestoreDBClusterFromSnapshot with KmsKeyId. "
                + plan.why(), "Preconditions: all met.").anyMatch(l -> l.contains("serverless v2 1-128 NCUs"));
    }

    @Test
    void names_longOrForeignIdentifiers_fitNeptunesRulesAndStayStable() {
        String longName = "g".repeat(60);

        assertThat(Names.newCluster(longName)).hasSize(63).endsWith("-reenc").isEqualTo(Names.newCluster(longName));
        assertThat(Names.newCluster("graph")).isEqualTo("graph-reenc");
        assertThat(Names.copiedSnapshot("rds:graph-2026-12-01-05-42")).matches("rds-graph-2026-12-01-05-42-[0-9a-f]{6}-reenc")
                .doesNotContain("--");
        assertThat(Names.setAside("graph", "20261206")).isEqualTo("graph-pre-20261206");
        assertThat(Names.newCluster("g".repeat(60))).isNotEqualTo(Names.newCluster("g".repeat(61)));
    }
}
