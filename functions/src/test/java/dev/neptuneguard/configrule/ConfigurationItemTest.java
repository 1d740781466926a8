package dev.neptuneguard.configrule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.SnapshotFacts;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigurationItemTest {

    private static ConfigurationItem fixtureItem(String file) {
        return ConfigurationItem.from(ConfigInvocation.parse(DemoAccount.event(file)).configurationItem());
    }

    @Test
    void toClusterFacts_configurationObject_readsTheEncryptionFields() {
        ConfigurationItem item = fixtureItem("change-neptune-cluster-default-key.json");

        ClusterFacts facts = item.toClusterFacts();

        assertThat(item.type()).isEqualTo(ResourceType.CLUSTER);
        assertThat(item.captureTime()).isEqualTo(Instant.parse("2026-11-20T14:31:22.508Z"));
        assertThat(facts.arn()).isEqualTo(DemoAccount.clusterArn("graph-analytics"));
        assertThat(facts.identifier()).isEqualTo("graph-analytics");
        assertThat(facts.resourceId()).isEqualTo("cluster-ABCDEFGHIJKLMNOPQRSTUVWXY2");
        assertThat(facts.account()).isEqualTo(DemoAccount.ACCOUNT);
        assertThat(facts.region()).isEqualTo("us-east-1");
        assertThat(facts.isNeptune()).isTrue();
        assertThat(facts.status()).isEqualTo("available");
        assertThat(facts.encrypted()).isTrue();
        assertThat(facts.kmsKeyId()).isEqualTo(DemoAccount.AWS_RDS);
        assertThat(facts.tagsKnown()).isTrue();
        assertThat(facts.tags()).isEmpty();
        assertThat(facts.source()).isEqualTo(FactSource.CONFIG);
    }

    @Test
    void toClusterFacts_configurationStringWithLowerCaseArnAndAccountId_readsTheSameFields() {
        ConfigurationItem item = fixtureItem("change-neptune-cluster-configuration-string.json");

        ClusterFacts facts = item.toClusterFacts();

        assertThat(facts.arn()).isEqualTo(DemoAccount.clusterArn("graph-prod"));
        assertThat(facts.identifier()).isEqualTo("graph-prod");
        assertThat(facts.resourceId()).isEqualTo("cluster-LBLRT7I2OUYRJJLEJNH7F6DK5V");
        assertThat(facts.account()).isEqualTo(DemoAccount.ACCOUNT);
        assertThat(facts.kmsKeyId()).isEqualTo(DemoAccount.CMK);
        assertThat(facts.deletionProtection()).isTrue();
        assertThat(facts.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "graph", "env", "prod"));
    }

    @Test
    void toClusterFacts_olderCasing_readsIdentifierAndKey() {
        ClusterFacts facts = fixtureItem("change-neptune-cluster-legacy-casing.json").toClusterFacts();

        assertThat(facts.identifier()).isEqualTo("graph-hsm");
        assertThat(facts.resourceId()).isEqualTo("cluster-67L7FRCQG527DVR65XVCRX4WR2");
        assertThat(facts.kmsKeyId()).isEqualTo(DemoAccount.HSM);
        assertThat(facts.encrypted()).isTrue();
    }

    @Test
    void toClusterFacts_explicitNullKey_isNoKey() {
        ClusterFacts facts = fixtureItem("change-neptune-cluster-unencrypted-kmskeyid-null.json").toClusterFacts();

        assertThat(facts.kmsKeyId()).isNull();
        assertThat(facts.storageEncrypted()).isFalse();
    }

    @ParameterizedTest(name = "kmsKeyId {0}")
    @ValueSource(strings = {"ABSENT", "NULL", "EMPTY", "BLANK"})
    void toClusterFacts_absentNullOrEmptyKey_allMeanNoKey(String shape) {
        ObjectNode item = (ObjectNode) ConfigInvocation
                .parse(DemoAccount.event("change-neptune-cluster-default-key.json")).configurationItem().deepCopy();
        ObjectNode configuration = (ObjectNode) item.get("configuration");
        switch (shape) {
            case "ABSENT" -> configuration.remove("kmsKeyId");
            case "NULL" -> configuration.putNull("kmsKeyId");
            case "EMPTY" -> configuration.put("kmsKeyId", "");
            default -> configuration.put("kmsKeyId", "  ");
        }

        assertThat(ConfigurationItem.from(item).toClusterFacts().kmsKeyId()).isNull();
    }

    @Test
    void toClusterFacts_namesInAnyCasing_areRecognised() {
        ObjectNode configuration = Json.MAPPER.createObjectNode()
                .put("DBClusterIdentifier", "graph-x")
                .put("DbClusterResourceId", "cluster-X")
                .put("DBClusterArn", DemoAccount.clusterArn("graph-x"))
                .put("Engine", "neptune")
                .put("StorageEncrypted", "true")
                .put("KmsKeyId", DemoAccount.CMK);
        ObjectNode item = Json.MAPPER.createObjectNode()
                .put("resourceType", "AWS::RDS::DBCluster")
                .put("ACCOUNTID", DemoAccount.ACCOUNT);
        item.set("configuration", configuration);

        ClusterFacts facts = ConfigurationItem.from(item).toClusterFacts();

        assertThat(facts.identifier()).isEqualTo("graph-x");
        assertThat(facts.resourceId()).isEqualTo("cluster-X");
        assertThat(facts.arn()).isEqualTo(DemoAccount.clusterArn("graph-x"));
        assertThat(facts.region()).isEqualTo("us-east-1");
        assertThat(facts.account()).isEqualTo(DemoAccount.ACCOUNT);
        assertThat(facts.isNeptune()).isTrue();
        assertThat(facts.encrypted()).isTrue();
        assertThat(facts.kmsKeyId()).isEqualTo(DemoAccount.CMK);
        assertThat(facts.tagsKnown()).isFalse();
    }

    @Test
    void toSnapshotFacts_snapshotItem_readsTheSnapshotFields() {
        ConfigurationItem item = fixtureItem("change-neptune-snapshot-default-key.json");

        SnapshotFacts facts = item.toSnapshotFacts();

        assertThat(item.type()).isEqualTo(ResourceType.SNAPSHOT);
        assertThat(facts.arn()).isEqualTo(
                "arn:aws:rds:us-east-1:111122223333:cluster-snapshot:graph-analytics-manual-2026-11-20");
        assertThat(facts.identifier()).isEqualTo("graph-analytics-manual-2026-11-20");
        assertThat(facts.clusterIdentifier()).isEqualTo("graph-analytics");
        assertThat(facts.snapshotType()).isEqualTo("manual");
        assertThat(facts.isNeptune()).isTrue();
        assertThat(facts.encrypted()).isTrue();
        assertThat(facts.kmsKeyId()).isEqualTo(DemoAccount.AWS_RDS);
        assertThat(facts.createTime()).isEqualTo(Instant.parse("2026-11-20T15:18:55.830Z"));
        assertThat(facts.tagsKnown()).isTrue();
    }

    @Test
    void from_summaryOfAnOversizedItem_hasNoConfiguration() {
        ConfigurationItem summary = ConfigurationItem.from(
                ConfigInvocation.parse(DemoAccount.event("oversized-neptune-cluster.json")).configurationItemSummary());

        assertThat(summary.configuration()).isNull();
        assertThat(summary.resourceId()).isEqualTo("cluster-ADZYMFU2DWHASQRC6BPQ7BASDA");
        assertThat(summary.arn()).isEqualTo(DemoAccount.clusterArn("graph-legacy"));
        assertThat(summary.captureTime()).isEqualTo(Instant.parse("2026-11-21T14:20:03.734Z"));
        assertThat(summary.deleted()).isFalse();
    }

    @ParameterizedTest(name = "{0} -> deleted {1}")
    @CsvSource({"OK, false", "ResourceDiscovered, false", "ResourceNotRecorded, false", "ResourceDeleted, true",
            "ResourceDeletedNotRecorded, true"})
    void deleted_byStatus(String status, boolean deleted) {
        ObjectNode item = Json.MAPPER.createObjectNode().put("configurationItemStatus", status);

        assertThat(ConfigurationItem.from(item).deleted()).isEqualTo(deleted);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            "2026-11-20T14:31:22.508Z"      | 2026-11-20T14:31:22.508Z
            "2020-11-02T03:28:12.399-05:00" | 2020-11-02T08:28:12.399Z
            1603209239560                   | 2020-10-20T15:53:59.560Z
            "1603209239560"                 | 2020-10-20T15:53:59.560Z
            1.609306416945E12               | 2020-12-30T05:33:36.945Z
            1795270803.734                  | 2026-11-21T14:20:03.734Z
            """)
    void timestamp_eachFormConfigUses_givesTheInstant(String json, String expected) throws Exception {
        JsonNode value = Json.MAPPER.readTree(json);

        assertThat(ConfigurationItem.timestamp(value)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void from_configurationStringThatIsNotJson_failsAsInvalid() {
        ObjectNode item = Json.MAPPER.createObjectNode().put("resourceType", "AWS::RDS::DBCluster")
                .put("configuration", "{\"engine\":");

        assertThatThrownBy(() -> ConfigurationItem.from(item)).isInstanceOf(InvalidInvocationException.class);
    }

    @Test
    void type_otherResourceTypes_areNotEvaluated() {
        ObjectNode item = Json.MAPPER.createObjectNode().put("resourceType", "AWS::RDS::DBInstance");

        assertThat(ConfigurationItem.from(item).type()).isNull();
    }
}
