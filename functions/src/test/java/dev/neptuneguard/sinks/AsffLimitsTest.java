package dev.neptuneguard.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.model.Finding;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.Resource;

/**
 * ASFF strings stay within Security Hub's documented limits (Id and Resources[].Id 512, Title 256, Description
 * 1,024, ProductFields at most 50 with keys of 128 and values of 2,048) for identifiers of any length, and a cut id
 * stays stable and unique.
 */
class AsffLimitsTest {

    private static Finding withName(String name) {
        return TestFindings.unencryptedCluster(name);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 480, 500, 1_000, 100_000})
    void toAsff_longClusterName_everyStringWithinLimits(int length) {
        Finding f = withName("g".repeat(length));

        AwsSecurityFinding asff = AsffMapper.toAsff(f, TestFindings.NOW, TestFindings.NOW, "e".repeat(length));

        assertThat(asff.id()).hasSizeLessThanOrEqualTo(512);
        for (Resource r : asff.resources()) {
            assertThat(r.id()).hasSizeLessThanOrEqualTo(512);
            assertThat(r.details().awsRdsDbCluster().dbClusterIdentifier()).hasSizeLessThanOrEqualTo(512);
        }
        assertThat(asff.title()).hasSizeLessThanOrEqualTo(256);
        assertThat(asff.description()).hasSizeLessThanOrEqualTo(1024);
        assertThat(asff.remediation().recommendation().text()).hasSizeLessThanOrEqualTo(512);
        assertThat(asff.productFields()).hasSizeLessThanOrEqualTo(50);
        for (Map.Entry<String, String> e : asff.productFields().entrySet()) {
            assertThat(e.getKey()).hasSizeLessThanOrEqualTo(128);
            assertThat(e.getValue()).as(e.getKey()).hasSizeLessThanOrEqualTo(2048);
        }
        JsonNode json = AsffMapper.toJson(asff);
        assertThat(json.get("Id").asText()).isEqualTo(asff.id());
    }

    @Test
    void id_fits_isExactlyAsBefore() {
        Finding f = withName("graph-prod");

        assertThat(AsffMapper.findingId(f)).isEqualTo("neptune-guard/NEPTUNE_CLUSTER_UNENCRYPTED/"
                + TestFindings.clusterArn("graph-prod"));
    }

    @Test
    void id_tooLong_stableAndUniqueWithHashSuffix() {
        String common = "x".repeat(600);
        String a = AsffMapper.findingId(withName(common + "a"));
        String b = AsffMapper.findingId(withName(common + "b"));

        assertThat(a).hasSize(512).matches("neptune-guard/NEPTUNE_CLUSTER_UNENCRYPTED/arn:aws:rds:.*~[0-9a-f]{20}");
        assertThat(b).hasSize(512).isNotEqualTo(a);
        assertThat(AsffMapper.findingId(withName(common + "a"))).isEqualTo(a);
        assertThat(SecurityHubFindings.ids(withName(common + "a"))).containsExactly(a);
    }

    @Test
    void fit_controlCharacters_replacedAndHashed() {
        String fitted = SecurityHubFindings.fit("neptune-guard/R/arn:aws:rds:us-east-1:1:cluster:a\u001b[2J\nb", 512);

        assertThat(fitted).doesNotContain("\u001b").doesNotContain("\n").contains("cluster:a_[2J_b~");
    }

    @Test
    void fit_manyLongValues_noTwoAlike() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String fitted = SecurityHubFindings.fit("p".repeat(700) + i, 512);
            assertThat(fitted).hasSize(512);
            seen.add(fitted);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void fit_cutInsideSurrogatePair_neverLeavesHalfACharacter() {
        String emoji = "\uD83D\uDE00";
        String value = "a".repeat(490) + emoji.repeat(20);

        String fitted = SecurityHubFindings.fit(value, 512);

        assertThat(fitted).hasSizeLessThanOrEqualTo(512);
        int beforeHash = fitted.indexOf('~');
        assertThat(Character.isHighSurrogate(fitted.charAt(beforeHash - 1))).isFalse();
    }

    @Test
    void withinLimits_tooManyAndTooLong_cut() {
        Map<String, String> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            many.put(i + "k".repeat(200), "v".repeat(3_000));
        }

        Map<String, String> fitted = AsffMapper.withinLimits(many);

        assertThat(fitted).hasSize(50);
        fitted.forEach((k, v) -> {
            assertThat(k).hasSizeLessThanOrEqualTo(128);
            assertThat(v).hasSizeLessThanOrEqualTo(2048);
        });
    }
}
