package dev.neptuneguard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyTest {

    private static final String CMK_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String HSM_ARN = "arn:aws:kms:us-east-1:111122223333:key/7777aaaa-77aa-77aa-77aa-777777777777";

    @Test
    void fromSettings_empty_isTheDefaultPolicy() {
        Policy p = Policy.fromSettings(Map.of());

        assertThat(p).isEqualTo(Policy.defaults());
        assertThat(p.requireCustomerManagedKey()).isTrue();
        assertThat(p.allowedKeyArns()).isEmpty();
        assertThat(p.requiredKeyOrigins()).isEmpty();
        assertThat(p.requireKeyRotation()).isFalse();
    }

    @Test
    void fromSettings_blankValues_keepDefaults() {
        Policy p = Policy.fromSettings(Map.of(
                Policy.REQUIRE_CUSTOMER_MANAGED_KEY, " ",
                Policy.ALLOWED_KEY_ARNS, "",
                Policy.REQUIRED_KEY_ORIGINS, "  ",
                Policy.REQUIRE_KEY_ROTATION, ""));

        assertThat(p).isEqualTo(Policy.defaults());
    }

    @Test
    void fromSettings_unrelatedSettings_areIgnored() {
        Policy p = Policy.fromSettings(Map.of("SLACK_SECRET_ARN", "arn:aws:secretsmanager:x", "LOG_LEVEL", "DEBUG"));

        assertThat(p).isEqualTo(Policy.defaults());
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource({
        "true,  true",
        "TRUE,  true",
        "' True ', true",
        "yes,   true",
        "Yes,   true",
        "1,     true",
        "false, false",
        "False, false",
        "no,    false",
        "NO,    false",
        "0,     false",
    })
    void fromSettings_booleanSpellings_areRead(String text, boolean expected) {
        Policy p = Policy.fromSettings(Map.of(
                Policy.REQUIRE_CUSTOMER_MANAGED_KEY, text,
                Policy.REQUIRE_KEY_ROTATION, text));

        assertThat(p.requireCustomerManagedKey()).isEqualTo(expected);
        assertThat(p.requireKeyRotation()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {Policy.REQUIRE_CUSTOMER_MANAGED_KEY, Policy.REQUIRE_KEY_ROTATION})
    void fromSettings_badBoolean_failsNamingTheSetting(String setting) {
        assertThatThrownBy(() -> Policy.fromSettings(Map.of(setting, "maybe")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(setting + ": 'maybe' is not true or false");
    }

    static Stream<Arguments> allowlists() {
        return Stream.of(
                Arguments.of(CMK_ARN, List.of(CMK_ARN)),
                Arguments.of(CMK_ARN + "," + HSM_ARN, List.of(CMK_ARN, HSM_ARN)),
                Arguments.of(" " + CMK_ARN + " ,  " + HSM_ARN + " ", List.of(CMK_ARN, HSM_ARN)),
                Arguments.of(CMK_ARN + " " + HSM_ARN, List.of(CMK_ARN, HSM_ARN)),
                Arguments.of(CMK_ARN + "\n" + HSM_ARN, List.of(CMK_ARN, HSM_ARN)),
                Arguments.of(CMK_ARN + ",," + HSM_ARN + ",", List.of(CMK_ARN, HSM_ARN)),
                Arguments.of("1234abcd-12ab-34cd-56ef-1234567890ab, alias/neptune-prod,"
                                + " arn:aws:kms:us-east-1:111122223333:alias/neptune-hsm,"
                                + " mrk-1234abcd12ab34cd56ef1234567890ab",
                        List.of("1234abcd-12ab-34cd-56ef-1234567890ab", "alias/neptune-prod",
                                "arn:aws:kms:us-east-1:111122223333:alias/neptune-hsm",
                                "mrk-1234abcd12ab34cd56ef1234567890ab")),
                Arguments.of("arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                        List.of("arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")));
    }

    @ParameterizedTest
    @MethodSource("allowlists")
    void fromSettings_allowedKeyArns_splitsOnCommasAndWhitespaceInOrder(String text, List<String> expected) {
        assertThat(Policy.fromSettings(Map.of(Policy.ALLOWED_KEY_ARNS, text)).allowedKeyArns())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void fromSettings_managedRuleKmsKeyArns_isMergedWithoutDuplicates() {
        Policy p = Policy.fromSettings(Map.of(
                Policy.ALLOWED_KEY_ARNS, CMK_ARN,
                Policy.MANAGED_RULE_KMS_KEY_ARNS, HSM_ARN + "," + CMK_ARN));

        assertThat(p.allowedKeyArns()).containsExactly(CMK_ARN, HSM_ARN);
    }

    @Test
    void fromSettings_onlyManagedRuleKmsKeyArns_becomesTheAllowlist() {
        Policy p = Policy.fromSettings(Map.of(Policy.MANAGED_RULE_KMS_KEY_ARNS, CMK_ARN + ", " + HSM_ARN));

        assertThat(p.allowedKeyArns()).containsExactly(CMK_ARN, HSM_ARN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"neptune-prod", "arn:aws:kms:us-east-1:111122223333:grant/x",
        "1234", "key/1234abcd-12ab-34cd-56ef-1234567890ab", "1234abcd-12ab-34cd-56ef-1234567890ab-extra",
        "arn:aws:kms:us-east-1:1111:key/1234abcd-12ab-34cd-56ef-1234567890ab", "alias/", "alias/a%b",
        "arn:aws:kms:us-east-1:111122223333:key/not-a-key-id"})
    void fromSettings_invalidAllowlistEntry_failsNamingSettingAndEntry(String entry) {
        assertThatThrownBy(() -> Policy.fromSettings(Map.of(Policy.ALLOWED_KEY_ARNS, CMK_ARN + "," + entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Policy.ALLOWED_KEY_ARNS + ": '" + entry
                        + "' is not a key ARN, key id, alias name (alias/...) or alias ARN");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "arn:aws:s3:::bucket|'arn:aws:s3:::bucket' is an ARN of service 's3', not a KMS key or alias ARN",
        "arn:aws:iam::111122223333:role/KeyAdmin|'arn:aws:iam::111122223333:role/KeyAdmin' is an ARN of service 'iam',"
                + " not a KMS key or alias ARN",
        "*|'*' has a wildcard; wildcards are not supported: list each key or alias exactly",
        "alias/neptune-*|'alias/neptune-*' has a wildcard; wildcards are not supported: list each key or alias exactly",
        "arn:aws:kms:us-east-1:111122223333:key/*|'arn:aws:kms:us-east-1:111122223333:key/*' has a wildcard; "
                + "wildcards are not supported: list each key or alias exactly",
        "arn:aws:kms:*:111122223333:alias/x|'arn:aws:kms:*:111122223333:alias/x' has a wildcard; wildcards are not "
                + "supported: list each key or alias exactly"})
    void fromSettings_wildcardOrOtherServiceArn_failsSayingWhy(String entry, String why) {
        assertThatThrownBy(() -> Policy.fromSettings(Map.of(Policy.ALLOWED_KEY_ARNS, entry)))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(Policy.ALLOWED_KEY_ARNS + ": " + why);
    }

    @Test
    void fromSettings_allowlistAsJsonArrayText_isReadLikeCommas() {
        Policy p = Policy.fromSettings(Map.of(Policy.ALLOWED_KEY_ARNS, "[\"" + CMK_ARN + "\", \"alias/neptune-hsm\"]"));

        assertThat(p.allowedKeyArns()).containsExactly(CMK_ARN, "alias/neptune-hsm");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"arn\": \"x\"}]", "[1]", "[\"a\"", "[[\"alias/x\"]]", "[null]", "[\"\"]"})
    void fromSettings_jsonArrayTextOfWrongShape_failsNamingTheSetting(String value) {
        assertThatThrownBy(() -> Policy.fromSettings(Map.of(Policy.MANAGED_RULE_KMS_KEY_ARNS, value)))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith(Policy.MANAGED_RULE_KMS_KEY_ARNS + ": ")
                .satisfies(e -> assertThat(((InvalidPolicyException) e).setting())
                        .isEqualTo(Policy.MANAGED_RULE_KMS_KEY_ARNS));
    }

    @Test
    void fromSettings_duplicatesAcrossBothLists_keptOnceInFirstOrder() {
        Policy p = Policy.fromSettings(Map.of(
                Policy.ALLOWED_KEY_ARNS, CMK_ARN + "," + HSM_ARN + "," + CMK_ARN,
                Policy.MANAGED_RULE_KMS_KEY_ARNS, HSM_ARN + ",alias/x," + CMK_ARN));

        assertThat(p.allowedKeyArns()).containsExactly(CMK_ARN, HSM_ARN, "alias/x");
    }

    /**
     * Two overlapping 50,000-key lists. Merging them took 38 s when each entry was looked up in a list; as a set it
     * takes milliseconds. (Timing is not asserted on a shared machine; a quadratic merge shows as a slow test.)
     */
    @Test
    void fromSettings_twoListsOf50kKeys_mergedAsASetInOrder() {
        List<String> first = keys(0, 50_000);
        List<String> second = keys(25_000, 75_000);

        Policy p = Policy.fromSettings(Map.of(Policy.ALLOWED_KEY_ARNS, String.join(",", first),
                Policy.MANAGED_RULE_KMS_KEY_ARNS, String.join(",", second)));

        assertThat(p.allowedKeyArns()).hasSize(75_000).startsWith(first.get(0), first.get(1))
                .endsWith(second.get(49_999)).doesNotHaveDuplicates();
    }

    private static List<String> keys(int from, int to) {
        List<String> keys = new ArrayList<>();
        for (int i = from; i < to; i++) {
            keys.add(String.format("arn:aws:kms:us-east-1:111122223333:key/%08x-0000-4000-8000-%012x", i, i));
        }
        return keys;
    }

    @Test
    void fromSettings_invalidEntryInManagedRuleSynonym_isRejectedToo() {
        assertThatThrownBy(() -> Policy.fromSettings(Map.of(Policy.MANAGED_RULE_KMS_KEY_ARNS, "not-a-key")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'not-a-key'");
    }

    @Test
    void fromSettings_requiredKeyOrigins_areUpperCasedAndDeduplicated() {
        Policy p = Policy.fromSettings(Map.of(Policy.REQUIRED_KEY_ORIGINS,
                "aws_cloudhsm, EXTERNAL_KEY_STORE External AWS_CLOUDHSM"));

        assertThat(p.requiredKeyOrigins()).containsExactlyInAnyOrder("AWS_CLOUDHSM", "EXTERNAL_KEY_STORE", "EXTERNAL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CLOUDHSM", "AWS", "CUSTOMER", "HSM"})
    void fromSettings_unknownOrigin_failsListingTheAcceptedOrigins(String origin) {
        assertThatThrownBy(() -> Policy.fromSettings(Map.of(Policy.REQUIRED_KEY_ORIGINS, "AWS_KMS," + origin)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Policy.REQUIRED_KEY_ORIGINS + ": unknown origin '" + origin
                        + "'; expected any of AWS_KMS, EXTERNAL, AWS_CLOUDHSM, EXTERNAL_KEY_STORE");
    }

    static Stream<Policy> policies() {
        return Stream.of(
                Policy.defaults(),
                new Policy(false, List.of(), Set.of(), true),
                new Policy(true, List.of(CMK_ARN, "alias/neptune-hsm", "1234abcd-12ab-34cd-56ef-1234567890ab"),
                        Set.of("AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"), true),
                new Policy(true, List.of(HSM_ARN), Set.of("EXTERNAL"), false));
    }

    @ParameterizedTest
    @MethodSource("policies")
    void toSettings_roundTrip_givesTheSamePolicy(Policy policy) {
        Map<String, String> settings = policy.toSettings();

        assertThat(settings).containsOnlyKeys(Policy.REQUIRE_CUSTOMER_MANAGED_KEY, Policy.ALLOWED_KEY_ARNS,
                Policy.REQUIRED_KEY_ORIGINS, Policy.REQUIRE_KEY_ROTATION);
        assertThat(Policy.fromSettings(settings)).isEqualTo(policy);
    }

    @Test
    void toSettings_defaults_areReadableStrings() {
        assertThat(Policy.defaults().toSettings()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Policy.REQUIRE_CUSTOMER_MANAGED_KEY, "true",
                Policy.ALLOWED_KEY_ARNS, "",
                Policy.REQUIRED_KEY_ORIGINS, "",
                Policy.REQUIRE_KEY_ROTATION, "false"));
    }

    @Test
    void constructor_copiesCollections_soLaterChangesDoNotLeakIn() {
        List<String> allowed = new ArrayList<>(List.of(CMK_ARN));
        Policy p = new Policy(true, allowed, null, false);
        allowed.add(HSM_ARN);

        assertThat(p.allowedKeyArns()).containsExactly(CMK_ARN);
        assertThat(p.requiredKeyOrigins()).isEmpty();
    }
}
