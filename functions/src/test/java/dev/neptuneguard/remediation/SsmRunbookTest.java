package dev.neptuneguard.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.SnapshotFacts;
import dev.neptuneguard.policy.EncryptionRules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.neptune.model.AddRoleToDbClusterRequest;
import software.amazon.awssdk.services.neptune.model.CopyDbClusterSnapshotRequest;
import software.amazon.awssdk.services.neptune.model.CreateDbClusterSnapshotRequest;
import software.amazon.awssdk.services.neptune.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.neptune.model.DescribeDbClusterSnapshotsRequest;
import software.amazon.awssdk.services.neptune.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.neptune.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.neptune.model.ModifyDbClusterRequest;
import software.amazon.awssdk.services.neptune.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.neptune.model.RestoreDbClusterFromSnapshotRequest;
import software.amazon.awssdk.services.neptune.model.RestoreDbClusterToPointInTimeRequest;

/**
 * The runbook uses documented Automation actions only, each with the inputs the Systems Manager user guide marks as
 * required; every API input is a member of that Neptune operation's request as the SDK's service model defines it
 * (so a misspelt parameter cannot reach Automation); the cut-over waits for an approval.
 */
class SsmRunbookTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    /** Neptune's operations, as named in the API, with the SDK's model of their request. */
    private static final Map<String, SdkPojo> REQUESTS = Map.ofEntries(
            Map.entry("CreateDBClusterSnapshot", CreateDbClusterSnapshotRequest.builder().build()),
            Map.entry("CopyDBClusterSnapshot", CopyDbClusterSnapshotRequest.builder().build()),
            Map.entry("RestoreDBClusterFromSnapshot", RestoreDbClusterFromSnapshotRequest.builder().build()),
            Map.entry("RestoreDBClusterToPointInTime", RestoreDbClusterToPointInTimeRequest.builder().build()),
            Map.entry("ModifyDBCluster", ModifyDbClusterRequest.builder().build()),
            Map.entry("AddRoleToDBCluster", AddRoleToDbClusterRequest.builder().build()),
            Map.entry("CreateDBInstance", CreateDbInstanceRequest.builder().build()),
            Map.entry("DescribeDBClusters", DescribeDbClustersRequest.builder().build()),
            Map.entry("DescribeDBInstances", DescribeDbInstancesRequest.builder().build()),
            Map.entry("DescribeDBClusterSnapshots", DescribeDbClusterSnapshotsRequest.builder().build()),
            Map.entry("ModifyDBInstance", ModifyDbInstanceRequest.builder().build()));
    private static final Set<String> ACTION_INPUTS = Set.of("Service", "Api", "PropertySelector", "DesiredValues");

    private final Planner planner = new Planner(new EncryptionRules(Policy.defaults()));

    private List<JsonNode> runbooks() {
        TargetKey key = Fixtures.usable(Fixtures.CMK.replace("644160558196", "111122223333"), "111122223333");
        TargetKey provisionedKey = Fixtures.usable(Fixtures.CMK, "644160558196");
        SnapshotFacts plain = new SnapshotFacts("arn:aws:rds:us-east-1:111122223333:cluster-snapshot:graph-before",
                "graph-before", "graph", "111122223333", "us-east-1", "neptune", "available", "manual", false, null,
                null, Map.of(), true, dev.neptuneguard.model.FactSource.LIVE);
        SnapshotFacts encrypted = new SnapshotFacts(plain.arn(), plain.identifier(), "graph", plain.account(),
                plain.region(), "neptune", "available", "manual", true, StubAccount.AWS_RDS_KEY_ARN, null, Map.of(),
                true, dev.neptuneguard.model.FactSource.LIVE);
        List<JsonNode> out = new ArrayList<>();
        out.add(SsmRunbook.render(planner.cluster(Fixtures.cluster("serverless-v2"), key, TODAY), "20261206"));
        out.add(SsmRunbook.render(planner.cluster(Fixtures.cluster("provisioned"), provisionedKey, TODAY), "20261206"));
        out.add(SsmRunbook.render(planner.snapshot(plain, key, TODAY), "20261206"));
        out.add(SsmRunbook.render(planner.snapshot(encrypted, key, TODAY), "20261206"));
        out.add(SsmRunbook.generic());
        return out;
    }

    @Test
    void render_everyStep_usesADocumentedActionWithItsRequiredInputs() {
        for (JsonNode doc : runbooks()) {
            assertThat(doc.path("schemaVersion").asText()).isEqualTo("0.3");
            assertThat(doc.path("assumeRole").asText()).isEqualTo("{{ AutomationAssumeRole }}");
            Set<String> names = new HashSet<>();
            for (JsonNode step : doc.path("mainSteps")) {
                String action = step.path("action").asText();
                assertThat(SsmRunbook.REQUIRED_INPUTS).as(step.toString()).containsKey(action);
                JsonNode inputs = step.path("inputs");
                for (String required : SsmRunbook.REQUIRED_INPUTS.get(action)) {
                    assertThat(inputs.has(required)).as(action + " needs " + required + ": " + step).isTrue();
                }
                assertThat(names.add(step.path("name").asText())).as("unique step name").isTrue();
                assertThat(step.path("name").asText()).matches("[A-Za-z0-9_]{1,128}");
                if (!action.equals("aws:approve")) {
                    assertThat(inputs.path("Service").asText()).isEqualTo("neptune");
                    assertApiInputs(inputs);
                }
                if (action.equals("aws:waitForAwsResourceProperty")) {
                    assertThat(step.path("timeoutSeconds").asInt()).isPositive();
                }
            }
        }
    }

    private static void assertApiInputs(JsonNode inputs) {
        String api = inputs.path("Api").asText();
        assertThat(REQUESTS).as("a Neptune API").containsKey(api);
        Set<String> members = new HashSet<>();
        for (SdkField<?> f : REQUESTS.get(api).sdkFields()) {
            members.add(f.memberName());
        }
        List<String> given = new ArrayList<>();
        inputs.fieldNames().forEachRemaining(given::add);
        given.removeAll(ACTION_INPUTS);
        assertThat(members).as(api + " request members").containsAll(given);
    }

    @Test
    void render_clusterPlan_approvalBeforeTheRenamesAndTheKeyAssertedLast() {
        JsonNode doc = runbooks().get(0);
        List<String> actions = StreamSupport.stream(doc.path("mainSteps").spliterator(), false)
                .map(s -> s.path("name").asText() + " " + s.path("action").asText()).toList();

        assertThat(actions.get(0)).isEqualTo("CheckSourceAvailable aws:assertAwsResourceProperty");
        int approve = actions.indexOf("ApproveCutover aws:approve");
        assertThat(approve).isPositive();
        assertThat(actions.subList(approve + 1, actions.size())).containsExactly(
                "RenameOldAside aws:executeAwsApi", "RenameOldAsideWait aws:waitForAwsResourceProperty",
                "RenameOldInstance1Aside aws:executeAwsApi",
                "RenameOldInstance1AsideWait aws:waitForAwsResourceProperty",
                "RenameOldInstance2Aside aws:executeAwsApi",
                "RenameOldInstance2AsideWait aws:waitForAwsResourceProperty",
                "RenameNewToName aws:executeAwsApi", "RenameNewToNameWait aws:waitForAwsResourceProperty",
                "RenameNewInstance1ToName aws:executeAwsApi",
                "RenameNewInstance1ToNameWait aws:waitForAwsResourceProperty",
                "RenameNewInstance2ToName aws:executeAwsApi",
                "RenameNewInstance2ToNameWait aws:waitForAwsResourceProperty",
                "VerifyKey aws:assertAwsResourceProperty");
        // the writer first: the old one aside, then the new writer takes its name and endpoint
        JsonNode oldWriter = doc.at("/mainSteps/" + (approve + 3) + "/inputs");
        assertThat(oldWriter.path("Api").asText()).isEqualTo("ModifyDBInstance");
        assertThat(oldWriter.path("DBInstanceIdentifier").asText()).isEqualTo("graph-serverless-writer");
        assertThat(oldWriter.path("NewDBInstanceIdentifier").asText())
                .isEqualTo("graph-serverless-writer-pre-20261206");
        assertThat(oldWriter.path("ApplyImmediately").asBoolean()).isTrue();
        JsonNode newWriter = doc.at("/mainSteps/" + (approve + 9) + "/inputs");
        assertThat(newWriter.path("DBInstanceIdentifier").asText()).isEqualTo("graph-serverless-writer-reenc");
        assertThat(newWriter.path("NewDBInstanceIdentifier").asText()).isEqualTo("graph-serverless-writer");
        assertThat(doc.at("/mainSteps/" + (approve + 10) + "/inputs/DBInstanceIdentifier").asText())
                .isEqualTo("graph-serverless-writer");
        assertThat(doc.at("/mainSteps/" + approve + "/inputs/Approvers").asText()).isEqualTo("{{ Approvers }}");
        assertThat(doc.at("/mainSteps/" + approve + "/inputs/Message").asText()).contains("NOT on the new cluster");
        assertThat(doc.at("/parameters/SetAsideName/default").asText()).isEqualTo("graph-serverless-pre-20261206");
        assertThat(doc.at("/mainSteps/" + (approve + 1) + "/inputs/NewDBClusterIdentifier").asText())
                .isEqualTo("{{ SetAsideName }}");
        JsonNode verify = doc.path("mainSteps").get(actions.size() - 1);
        assertThat(verify.at("/inputs/PropertySelector").asText()).isEqualTo("$.DBClusters[0].KmsKeyId");
        assertThat(verify.path("isEnd").asBoolean()).isTrue();
    }

    @Test
    void generic_carriesWhatItsActionsCanAndItsDescriptionNamesEverythingItLeavesOut() {
        JsonNode doc = SsmRunbook.generic();
        List<JsonNode> steps = StreamSupport.stream(doc.path("mainSteps").spliterator(), false).toList();
        JsonNode modify = steps.stream().filter(st -> st.path("name").asText().equals("Backups")).findFirst()
                .orElseThrow().path("inputs");
        JsonNode writer = steps.stream().filter(st -> st.path("name").asText().equals("Writer")).findFirst()
                .orElseThrow().path("inputs");

        assertThat(modify.path("PreferredMaintenanceWindow").asText()).isEqualTo("{{ ReadCluster.MaintenanceWindow }}");
        assertThat(writer.path("PromotionTier").asText()).isEqualTo("{{ ReadWriter.PromotionTier }}");
        assertThat(writer.path("DBParameterGroupName").asText()).isEqualTo("{{ ReadWriter.ParameterGroup }}");
        assertThat(doc.path("description").asText()).contains("NOT carried over", "reader instances", "IAM roles",
                "tags", "CloudWatch log exports", "serverless v2 capacity", "does not rename the instances",
                "--format ssm-automation");
        assertThat(steps).noneMatch(st -> st.path("inputs").path("Api").asText().equals("ModifyDBInstance"));
    }
}
