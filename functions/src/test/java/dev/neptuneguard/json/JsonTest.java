package dev.neptuneguard.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    /** The irregular casing CloudTrail really uses inside RDS responseElements. */
    private static ObjectNode rdsResponse() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("dBClusterIdentifier", "graph-prod");
        n.put("dbClusterResourceId", "cluster-LBLRT7I2OUYRJJLEJNH7F6DK5V");
        n.put("iAMDatabaseAuthenticationEnabled", true);
        n.put("storageEncrypted", true);
        n.put("port", 8182);
        n.put("kmsKeyId", "");
        n.putNull("masterUsername");
        n.put("engine", "   ");
        n.putObject("dBSubnetGroup").put("vpcId", "vpc-0f1e2d3c4b5a69788");
        n.putArray("availabilityZones").add("us-east-1a");
        return n;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dBClusterIdentifier", "DBClusterIdentifier", "dbClusterIdentifier", "dbclusteridentifier"})
    void text_anyCasing_findsTheField(String name) {
        assertThat(Json.text(rdsResponse(), name)).isEqualTo("graph-prod");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DbClusterResourceId", "dBClusterResourceId", "DBCLUSTERRESOURCEID"})
    void text_irregularResourceIdCasing_isFound(String name) {
        assertThat(Json.text(rdsResponse(), name)).isEqualTo("cluster-LBLRT7I2OUYRJJLEJNH7F6DK5V");
    }

    @Test
    void field_exactAndOtherCasingBothPresent_prefersTheExactName() {
        ObjectNode n = Json.MAPPER.createObjectNode().put("KmsKeyId", "upper").put("kmsKeyId", "lower");

        assertThat(Json.text(n, "kmsKeyId")).isEqualTo("lower");
        assertThat(Json.text(n, "KmsKeyId")).isEqualTo("upper");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kmsKeyId", "masterUsername", "engine", "absentField"})
    void text_emptyNullBlankOrAbsent_readAlikeAsNull(String name) {
        assertThat(Json.text(rdsResponse(), name)).isNull();
    }

    @Test
    void field_jsonNull_isNullInAnyCasing() {
        assertThat(Json.field(rdsResponse(), "masterUsername")).isNull();
        assertThat(Json.field(rdsResponse(), "MasterUsername")).isNull();
    }

    @Test
    void text_containerValue_isNullButFieldReturnsIt() {
        ObjectNode n = rdsResponse();

        assertThat(Json.text(n, "dBSubnetGroup")).isNull();
        assertThat(Json.text(n, "availabilityZones")).isNull();
        assertThat(Json.field(n, "DBSubnetGroup").get("vpcId").asText()).isEqualTo("vpc-0f1e2d3c4b5a69788");
    }

    @Test
    void text_numberOrBoolean_isItsText() {
        assertThat(Json.text(rdsResponse(), "port")).isEqualTo("8182");
        assertThat(Json.text(rdsResponse(), "storageEncrypted")).isEqualTo("true");
    }

    @Test
    void field_notAnObject_givesNull() {
        JsonNode array = Json.MAPPER.createArrayNode().add("x");

        assertThat(Json.field(null, "a")).isNull();
        assertThat(Json.field(array, "a")).isNull();
        assertThat(Json.text(Json.MAPPER.getNodeFactory().textNode("x"), "a")).isNull();
    }

    @Test
    void bool_booleansAndBooleanStrings_areRead() {
        ObjectNode n = Json.MAPPER.createObjectNode()
                .put("a", true).put("b", false).put("c", "TRUE").put("d", " false ").put("e", "yes").put("f", 1);
        n.putNull("g");

        assertThat(Json.bool(n, "A")).isTrue();
        assertThat(Json.bool(n, "b")).isFalse();
        assertThat(Json.bool(n, "c")).isTrue();
        assertThat(Json.bool(n, "d")).isFalse();
        assertThat(Json.bool(n, "e")).isNull();
        assertThat(Json.bool(n, "f")).isNull();
        assertThat(Json.bool(n, "g")).isNull();
        assertThat(Json.bool(n, "absent")).isNull();
    }

    @Test
    void integer_numbersAndNumericStrings_areRead() {
        ObjectNode n = Json.MAPPER.createObjectNode()
                .put("pendingWindowInDays", 7).put("asText", " 30 ").put("word", "seven")
                .put("tooBig", 3_000_000_000L).put("flag", true);

        assertThat(Json.integer(n, "PendingWindowInDays")).isEqualTo(7);
        assertThat(Json.integer(n, "asText")).isEqualTo(30);
        assertThat(Json.integer(n, "word")).isNull();
        assertThat(Json.integer(n, "tooBig")).isNull();
        assertThat(Json.integer(n, "flag")).isNull();
        assertThat(Json.integer(n, "absent")).isNull();
    }

    @Test
    void mapper_unknownProperties_areTolerated() throws Exception {
        ObjectNode n = Json.MAPPER.createObjectNode().put("name", "graph-prod").put("newFieldFromAws", 1);

        Probe p = Json.MAPPER.treeToValue(n, Probe.class);

        assertThat(p.name()).isEqualTo("graph-prod");
    }

    record Probe(String name) {
    }

    @Test
    void instant_epochMillisecondsAsAwsConfigWritesThem_readAsMilliseconds() {
        ObjectNode n = Json.MAPPER.createObjectNode().put("clusterCreateTime", 1.609306416945E12)
                .put("seconds", 1597968000.0);

        assertThat(Json.instant(n, "clusterCreateTime")).isEqualTo(java.time.Instant.parse("2020-12-30T05:33:36.945Z"));
        assertThat(Json.instant(n, "seconds")).isEqualTo(java.time.Instant.parse("2020-08-21T00:00:00Z"));
        assertThat(Json.instant(Json.MAPPER.createObjectNode().put("d", new java.math.BigDecimal("1795270803.734")), "d"))
                .isEqualTo(java.time.Instant.parse("2026-11-21T14:20:03.734Z"));
    }
}
