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
    private static final Map<String, SdkPojo> REQUESTS = Map.of(
            "CreateDBClusterSnapshot", CreateDbClusterSnapshotRequest.builder().build(),
            "CopyDBClusterSnapshot", CopyDbClusterSnapshotRequest.builder().build(),
            "RestoreDBClusterFromSnapshot", RestoreDbClusterFromSnapshotRequest.builder().build(),
            "RestoreDBClusterToPointInTime", RestoreDbClusterToPointInTimeRequest.builder().build(),
            "ModifyDBCluster", ModifyDbClusterRequest.builder().build(),
            "AddRoleToDBCluster", AddRoleToDbClusterRequest.builder().build(),
            "CreateDBInstance", CreateDbInstanceRequest.builder().build(),
            "DescribeDBClusters", DescribeDbClustersRequest.builder().build(),
            "DescribeDBInstances", DescribeDbInstancesRequest.builder().build(),
            "DescribeDBClusterSnapshots", DescribeDbClusterSnapshotsRequest.builder().build());
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
        out.add(SsmRunbook.render(planner.cluster(Fixtures.cluster("serverless-v2"), key, TODAY), "g-pre-20261206"));
        out.add(SsmRunbook.render(planner.cluster(Fixtures.cluster("provisioned"), provisionedKey, TODAY), "p"));
        out.add(SsmRunbook.render(planner.snapshot(plain, key, TODAY), "x"));
        out.add(SsmRunbook.render(planner.snapshot(encrypted, key, TODAY), "x"));
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
                "RenameNewToName aws:executeAwsApi", "RenameNewToNameWait aws:waitForAwsResourceProperty",
                "VerifyKey aws:assertAwsResourceProperty");
        assertThat(doc.at("/mainSteps/" + approve + "/inputs/Approvers").asText()).isEqualTo("{{ Approvers }}");
        assertThat(doc.at("/mainSteps/" + approve + "/inputs/Message").asText()).contains("NOT on the new cluster");
        assertThat(doc.at("/parameters/SetAsideName/default").asText()).isEqualTo("g-pre-20261206");
        assertThat(doc.at("/mainSteps/" + (approve + 1) + "/inputs/NewDBClusterIdentifier").asText())
                .isEqualTo("{{ SetAsideName }}");
        JsonNode verify = doc.path("mainSteps").get(actions.size() - 1);
        assertThat(verify.at("/inputs/PropertySelector").asText()).isEqualTo("$.DBClusters[0].KmsKeyId");
        assertThat(verify.path("isEnd").asBoolean()).isTrue();
    }
}
