package dev.neptuneguard.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.RuleId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OcsfDocumentTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final ReportContext CONTEXT = new ReportContext(ReportContext.Source.OFFLINE, NOW, null,
            List.of("111122223333"), List.of("us-east-1"), "run-1");
    private static final String KEY = "arn:aws:kms:us-east-1:111122223333:key/5555eeee-55ee-55ee-55ee-555555555555";
    private static final String CLUSTER = "arn:aws:rds:us-east-1:111122223333:cluster:graph-legacy";
    private static final String SNAPSHOT = "arn:aws:rds:us-east-1:111122223333:cluster-snapshot:graph-legacy-snap";

    private final OcsfSchema schema = OcsfSchema.load();

    static Finding cluster(RuleId rule, ComplianceStatus status, String name) {
        return new Finding(rule, rule.defaultSeverity(), status, ResourceType.CLUSTER,
                "arn:aws:rds:us-east-1:111122223333:cluster:" + name, "cluster-ABC", name, "111122223333",
                "us-east-1", rule.title() + ": " + name, "Detail of " + name + ".", "aws neptune fix " + name, null,
                null, null, List.of(), false, null);
    }

    static Finding keyDeletion() {
        RuleId rule = RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE;
        return new Finding(rule, rule.defaultSeverity(), ComplianceStatus.FAILED, ResourceType.KEY, KEY,
                "5555eeee-55ee-55ee-55ee-555555555555", "alias/neptune-legacy", "111122223333", "us-east-1",
                rule.title(), "Scheduled for deletion.", "aws kms cancel-key-deletion --key-id " + KEY, KEY,
                "PendingDeletion", Instant.parse("2026-11-30T17:10:02Z"), List.of(CLUSTER, SNAPSHOT), false, null);
    }

    private List<JsonNode> write(List<Finding> findings) throws Exception {
        StringWriter out = new StringWriter();
        new OcsfDocument().write(findings, CONTEXT, new PrintWriter(out));
        JsonNode array = Json.MAPPER.readTree(out.toString());
        assertThat(array.isArray()).isTrue();
        // One record per line inside the array: `jq -c '.[]'` and line tools both work.
        assertThat(out.toString().split("\n")).hasSize(findings.isEmpty() ? 1 : array.size() + 2);
        return List.copyOf(iterable(array));
    }

    private static List<JsonNode> iterable(JsonNode array) {
        java.util.ArrayList<JsonNode> list = new java.util.ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    @Test
    void write_keyDeletion_mapsEveryFieldAndConformsToTheSchema() throws Exception {
        JsonNode r = write(List.of(keyDeletion())).get(0);

        assertThat(schema.problems(r)).isEmpty();
        assertThat(r.get("class_uid").asInt()).isEqualTo(2003);
        assertThat(r.get("type_uid").asLong()).isEqualTo(200301);
        assertThat(r.get("time").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(r.get("severity_id").asInt()).isEqualTo(5);
        assertThat(r.get("severity").asText()).isEqualTo("Critical");
        assertThat(r.get("status_id").asInt()).isEqualTo(1);
        assertThat(r.at("/metadata/product/name").asText()).isEqualTo("neptune-guard");
        assertThat(r.at("/metadata/version").asText()).isEqualTo(OcsfDocument.OCSF_VERSION);
        assertThat(r.at("/metadata/correlation_uid").asText()).isEqualTo("run-1");
        assertThat(r.at("/finding_info/uid").asText())
                .isEqualTo("neptune-guard/KMS_KEY_DELETION_SCHEDULED_IN_USE/" + KEY);
        assertThat(r.at("/finding_info/types").toString()).contains("Effects/Data Destruction");
        assertThat(r.at("/compliance/control").asText()).isEqualTo("KMS_KEY_DELETION_SCHEDULED_IN_USE");
        assertThat(r.at("/compliance/status_id").asInt()).isEqualTo(3);
        assertThat(r.at("/compliance/status").asText()).isEqualTo("Fail");
        assertThat(r.at("/cloud/provider").asText()).isEqualTo("AWS");
        assertThat(r.at("/cloud/account/uid").asText()).isEqualTo("111122223333");
        assertThat(r.at("/cloud/region").asText()).isEqualTo("us-east-1");
        assertThat(r.at("/resources/0/uid").asText()).isEqualTo(KEY);
        assertThat(r.at("/resources/0/role").asText()).isEqualTo("Target");
        assertThat(r.at("/resources/0/data/deletionDate").asText()).isEqualTo("2026-11-30T17:10:02Z");
        assertThat(r.at("/resources/1/uid").asText()).isEqualTo(CLUSTER);
        assertThat(r.at("/resources/1/type").asText()).isEqualTo("AWS::RDS::DBCluster");
        assertThat(r.at("/resources/1/role_id").asInt()).isEqualTo(3);
        assertThat(r.at("/resources/2/type").asText()).isEqualTo("AWS::RDS::DBClusterSnapshot");
        assertThat(r.at("/remediation/desc").asText()).contains("cancel-key-deletion");
        assertThat(r.at("/unmapped/source").asText()).isEqualTo("offline");
    }

    @Test
    void write_statuses_mapToFindingAndComplianceStatus() throws Exception {
        Finding exempt = cluster(RuleId.NEPTUNE_CLUSTER_UNENCRYPTED, ComplianceStatus.FAILED, "graph-bench")
                .suppress("load test only");
        List<JsonNode> records = write(List.of(
                cluster(RuleId.NEPTUNE_CLUSTER_UNENCRYPTED, ComplianceStatus.FAILED, "graph-scratch"), exempt,
                cluster(RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY, ComplianceStatus.PASSED, "graph-prod"),
                cluster(RuleId.NEPTUNE_CLUSTER_INACCESSIBLE, ComplianceStatus.NOT_APPLICABLE, "graph-gone")));

        records.forEach(r -> assertThat(schema.problems(r)).as(r.toString()).isEmpty());
        assertThat(records).extracting(r -> r.get("status").asText())
                .containsExactly("New", "Suppressed", "Resolved", "Archived");
        assertThat(records).extracting(r -> r.at("/compliance/status").asText())
                .containsExactly("Fail", "Fail", "Pass", "Warning");
        assertThat(records.get(1).at("/compliance/status_details/0").asText()).isEqualTo("exempt: load test only");
        assertThat(records.get(2).at("/resources/1").isMissingNode()).isTrue();
    }

    @Test
    void write_sameFindingTwice_keepsTheLastOnce() throws Exception {
        Finding first = cluster(RuleId.NEPTUNE_CLUSTER_UNENCRYPTED, ComplianceStatus.FAILED, "graph-scratch");
        Finding again = first.withDetail("Re-evaluated.");

        List<JsonNode> records = write(List.of(first, again));

        assertThat(records).hasSize(1);
        assertThat(records.get(0).at("/finding_info/desc").asText()).isEqualTo("Re-evaluated.");
    }

    @Test
    void write_noFindings_isAnEmptyArray() throws Exception {
        assertThat(write(List.of())).isEmpty();
    }

    @Test
    void schema_rejectsRecordsThatBreakIt() throws Exception {
        ObjectNode good = (ObjectNode) write(List.of(keyDeletion())).get(0);
        assertThat(schema.problems(good)).isEmpty();

        assertThat(schema.problems(without(good, "compliance"))).contains("$.compliance: required, missing");
        assertThat(schema.problems(with(good, "severity_id", 7))).anyMatch(p -> p.startsWith("$.severity_id: 7"));
        assertThat(schema.problems(with(good, "severity", "High")))
                .anyMatch(p -> p.contains("severity is \"High\", not the caption \"Critical\""));
        assertThat(schema.problems(with(good, "time", NOW.getEpochSecond())))
                .anyMatch(p -> p.contains("in seconds, not milliseconds"));
        assertThat(schema.problems(with(good, "type_uid", 200300))).anyMatch(p -> p.startsWith("$.type_uid"));
        assertThat(schema.problems(with(good, "findings", "x"))).contains(
                "$.findings: not an attribute of this class or object");
        ObjectNode noProvider = good.deepCopy();
        ((ObjectNode) noProvider.get("cloud")).remove("provider");
        assertThat(schema.problems(noProvider)).contains("$.cloud.provider: required, missing");
        ObjectNode noProfiles = good.deepCopy();
        ((ObjectNode) noProfiles.get("metadata")).remove("profiles");
        assertThat(schema.problems(noProfiles)).anyMatch(p -> p.startsWith("$.cloud: belongs to the cloud profile"));
        ObjectNode badStatus = good.deepCopy();
        ((ObjectNode) badStatus.get("compliance")).put("status_id", 4);
        assertThat(schema.problems(badStatus)).anyMatch(p -> p.startsWith("$.compliance.status_id: 4"));
        ObjectNode anonymous = good.deepCopy();
        ((ObjectNode) anonymous.get("resources").get(0)).remove(List.of("uid", "name"));
        assertThat(schema.problems(anonymous)).contains("$.resources[0]: needs at least one of [\"name\",\"uid\"]");
    }

    @Test
    void schema_requirementLevels_areTheOnesOfTheClass() {
        assertThat(schema.requirement(null, "compliance")).isEqualTo("required");
        assertThat(schema.requirement(null, "finding_info")).isEqualTo("required");
        assertThat(schema.requirement(null, "cloud")).isEqualTo("required");
        assertThat(schema.requirement("finding_info", "uid")).isEqualTo("required");
        assertThat(schema.requirement("remediation", "desc")).isEqualTo("required");
        assertThat(schema.requirement("metadata", "product")).isEqualTo("required");
    }

    private static ObjectNode without(ObjectNode node, String field) {
        ObjectNode copy = node.deepCopy();
        copy.remove(field);
        return copy;
    }

    private static ObjectNode with(ObjectNode node, String field, Object value) {
        ObjectNode copy = node.deepCopy();
        copy.set(field, Json.MAPPER.valueToTree(value));
        return copy;
    }
}
