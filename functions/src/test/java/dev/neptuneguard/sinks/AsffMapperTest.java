package dev.neptuneguard.sinks;

import static dev.neptuneguard.sinks.TestFindings.EVENT_ID;
import static dev.neptuneguard.sinks.TestFindings.KEY_ARN;
import static dev.neptuneguard.sinks.TestFindings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.RuleId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.RecordState;

class AsffMapperTest {

    private static final Instant FIRST_SEEN = NOW.minus(Duration.ofDays(3));

    @Test
    void toJson_unencryptedCluster_hasEveryRequiredAsffField() {
        Finding f = TestFindings.unencryptedCluster("graph-dev");

        JsonNode json = AsffMapper.toJson(AsffMapper.toAsff(f, FIRST_SEEN, NOW, EVENT_ID));

        assertThat(json.fieldNames()).toIterable().contains("SchemaVersion", "Id", "ProductArn", "GeneratorId",
                "AwsAccountId", "Types", "CreatedAt", "UpdatedAt", "Severity", "Title", "Description", "Resources",
                "FindingProviderFields", "Compliance", "RecordState", "Remediation", "ProductFields");
        assertThat(json.get("SchemaVersion").asText()).isEqualTo("2018-10-08");
        assertThat(json.get("Id").asText()).isEqualTo("neptune-guard/NEPTUNE_CLUSTER_UNENCRYPTED/" + f.resourceArn());
        assertThat(json.get("ProductArn").asText())
                .isEqualTo("arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default");
        assertThat(json.get("GeneratorId").asText()).isEqualTo("NEPTUNE_CLUSTER_UNENCRYPTED");
        assertThat(json.get("CreatedAt").asText()).isEqualTo("2026-11-20T10:00:00.000Z");
        assertThat(json.get("UpdatedAt").asText()).isEqualTo("2026-11-23T10:00:00.000Z");
        assertThat(json.at("/Severity/Label").asText()).isEqualTo("HIGH");
        assertThat(json.at("/FindingProviderFields/Severity/Label").asText()).isEqualTo("HIGH");
        assertThat(json.at("/Types/0").asText())
                .isEqualTo("Software and Configuration Checks/AWS Security Best Practices/Encryption at rest");
        assertThat(json.at("/Compliance/Status").asText()).isEqualTo("FAILED");
        assertThat(json.get("RecordState").asText()).isEqualTo("ACTIVE");
        assertThat(json.at("/Description").asText().length()).isBetween(1, 1024);
        assertThat(json.at("/Remediation/Recommendation/Text").asText().length()).isBetween(1, 512);
    }

    @Test
    void toJson_unencryptedCluster_describesTheClusterInAwsRdsDbClusterDetails() {
        JsonNode resource = AsffMapper.toJson(AsffMapper.toAsff(TestFindings.unencryptedCluster("graph-dev"),
                FIRST_SEEN, NOW, EVENT_ID)).get("Resources").get(0);

        assertThat(resource.get("Type").asText()).isEqualTo("AwsRdsDbCluster");
        assertThat(resource.get("Partition").asText()).isEqualTo("aws");
        JsonNode details = resource.at("/Details/AwsRdsDbCluster");
        assertThat(details.get("DbClusterIdentifier").asText()).isEqualTo("graph-dev");
        assertThat(details.get("DbClusterResourceId").asText()).isEqualTo("cluster-ABCDEFGHIJKLMNOPQRSTUVWXY0");
        assertThat(details.get("StorageEncrypted").asBoolean()).isFalse();
        assertThat(details.get("Engine").asText()).isEqualTo("neptune");
    }

    @Test
    void toAsff_awsManagedKeyResults_failedIsActivePassedIsArchived() {
        List<Finding> results = TestFindings.awsManagedKeyCluster("graph-prod");
        Finding failed = results.stream().filter(f -> f.ruleId() == RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY)
                .findFirst().orElseThrow();
        Finding passed = results.stream().filter(f -> f.status() == ComplianceStatus.PASSED).findFirst().orElseThrow();

        AwsSecurityFinding active = AsffMapper.toAsff(failed, FIRST_SEEN, NOW, EVENT_ID);
        AwsSecurityFinding archived = AsffMapper.toAsff(passed, FIRST_SEEN, NOW, EVENT_ID);

        assertThat(active.recordState()).isEqualTo(RecordState.ACTIVE);
        assertThat(active.resources()).extracting(r -> r.type()).containsExactly("AwsRdsDbCluster", "AwsKmsKey");
        assertThat(active.resources().get(0).details().awsRdsDbCluster().kmsKeyId()).isEqualTo(KEY_ARN);
        assertThat(active.resources().get(1).details().awsKmsKey().keyId()).isEqualTo(TestFindings.KEY_ID);
        assertThat(archived.recordState()).isEqualTo(RecordState.ARCHIVED);
        assertThat(archived.compliance().statusAsString()).isEqualTo("PASSED");
        assertThat(archived.severity().labelAsString()).isEqualTo("INFORMATIONAL");
    }

    @Test
    void toAsff_keyDeletionWith5000Clusters_32ResourcesRestInProductFields() {
        AwsSecurityFinding asff = AsffMapper.toAsff(TestFindings.keyDeletion(5000), FIRST_SEEN, NOW, EVENT_ID);

        assertThat(asff.resources()).hasSize(32);
        assertThat(asff.resources().get(0).type()).isEqualTo("AwsKmsKey");
        assertThat(asff.resources().get(0).details().awsKmsKey().keyState()).isEqualTo("PendingDeletion");
        assertThat(asff.resources().subList(1, 32)).allMatch(r -> r.type().equals("AwsRdsDbCluster")
                && r.details().awsRdsDbCluster().kmsKeyId().equals(KEY_ARN));
        assertThat(asff.productFields()).containsEntry("neptune-guard/AffectedResourceCount", "5000")
                .containsEntry("neptune-guard/EventId", EVENT_ID)
                .containsEntry("neptune-guard/DeletionDate", "2026-11-29T13:00:00Z");
        String rest = asff.productFields().get("neptune-guard/AffectedResourcesNotInResources");
        assertThat(rest).startsWith(TestFindings.clusterArn("graph-prod-0032") + ",").endsWith("more");
        assertThat(rest.length()).isLessThanOrEqualTo(2000);
        assertThat(asff.types()).contains("Effects/Data Destruction");
        assertThat(asff.remediation().recommendation().text().length()).isLessThanOrEqualTo(512);
    }

    @Test
    void toAsff_suppressedFinding_archivedWithTheReason() {
        Finding f = TestFindings.unencryptedCluster("graph-lab").suppress("lab data only; until=2027-01-31");

        AwsSecurityFinding asff = AsffMapper.toAsff(f, FIRST_SEEN, NOW, EVENT_ID);

        assertThat(asff.recordState()).isEqualTo(RecordState.ARCHIVED);
        assertThat(asff.compliance().statusAsString()).isEqualTo("FAILED");
        assertThat(asff.productFields()).containsEntry("neptune-guard/SuppressionReason",
                "lab data only; until=2027-01-31");
    }

    @Test
    void toAsff_updatedBeforeCreated_neverEarlierThanCreated() {
        AwsSecurityFinding asff = AsffMapper.toAsff(TestFindings.unencryptedCluster("graph-dev"), NOW,
                NOW.minusSeconds(5), null);

        assertThat(asff.updatedAt()).isEqualTo(asff.createdAt());
        assertThat(asff.productFields()).doesNotContainKey("neptune-guard/EventId");
    }

    @Test
    void expand_allClear_archivesTheKeyUsabilityFindings() {
        List<Finding> parts = AsffMapper.expand(TestFindings.keyCleared());

        assertThat(parts).extracting(Finding::ruleId).containsExactly(RuleId.KMS_KEY_DISABLED_IN_USE,
                RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE, RuleId.KMS_KEY_MATERIAL_DELETED_IN_USE,
                RuleId.KMS_KEY_STORE_DISCONNECTED_IN_USE);
        assertThat(parts).allMatch(p -> p.status() == ComplianceStatus.PASSED && p.resourceArn().equals(KEY_ARN));
        assertThat(AsffMapper.findingId(parts.get(1)))
                .isEqualTo(AsffMapper.findingId(TestFindings.keyDeletion(1)));
    }

    @Test
    void joinWithin_tooManyArns_endsWithCount() {
        String joined = AsffMapper.joinWithin(List.of("a".repeat(30), "b".repeat(30), "c".repeat(30)), 70);

        assertThat(joined).isEqualTo("a".repeat(30) + " … and 2 more");
    }
}
