package dev.neptuneguard.configrule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.ResourceType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleSettingsTest {

    @Test
    void resolve_noSettings_givesDefaultPolicyAndBothTypes() {
        RuleSettings settings = RuleSettings.resolve(Map.of(), Map.of());

        assertThat(settings.policy()).isEqualTo(Policy.defaults());
        assertThat(settings.resourceTypes()).containsExactlyInAnyOrder(ResourceType.CLUSTER, ResourceType.SNAPSHOT);
    }

    @Test
    void resolve_managedRuleKmsKeyArns_becomesTheAllowList() {
        RuleSettings settings = RuleSettings.resolve(Map.of(),
                Map.of("KmsKeyArns", DemoAccount.CMK + ", " + DemoAccount.HSM));

        assertThat(settings.policy().allowedKeyArns()).containsExactly(DemoAccount.CMK, DemoAccount.HSM);
        assertThat(settings.policy().requireCustomerManagedKey()).isTrue();
    }

    @Test
    void resolve_scheduledFixtureParameters_giveTheTwoAllowedKeys() {
        ConfigInvocation invocation = ConfigInvocation.parse(DemoAccount.event("scheduled-notification.json"));

        RuleSettings settings = RuleSettings.resolve(Map.of(), invocation.ruleParameters());

        assertThat(settings.policy().allowedKeyArns()).containsExactly(DemoAccount.CMK, DemoAccount.HSM);
    }

    @Test
    void resolve_ruleParameters_overrideTheEnvironment() {
        Map<String, String> env = RuleSettings.fromEnvironment(Map.of(
                "requireCustomerManagedKey", "false", "requireKeyRotation", "true", "PATH", "/usr/bin"));

        RuleSettings settings = RuleSettings.resolve(env, Map.of("requireCustomerManagedKey", "true"));

        assertThat(settings.policy().requireCustomerManagedKey()).isTrue();
        assertThat(settings.policy().requireKeyRotation()).isTrue();
    }

    @Test
    void resolve_kmsKeyArnsParameter_replacesTheEnvironmentAllowList() {
        Map<String, String> env = RuleSettings.fromEnvironment(Map.of("allowedKeyArns", DemoAccount.LEGACY));

        RuleSettings settings = RuleSettings.resolve(env, Map.of("KmsKeyArns", DemoAccount.CMK));

        assertThat(settings.policy().allowedKeyArns()).containsExactly(DemoAccount.CMK);
    }

    @Test
    void resolve_parametersWithoutAnAllowList_keepTheEnvironmentOne() {
        Map<String, String> env = RuleSettings.fromEnvironment(Map.of("allowedKeyArns", DemoAccount.LEGACY));

        RuleSettings settings = RuleSettings.resolve(env, Map.of("requiredKeyOrigins", "aws_cloudhsm"));

        assertThat(settings.policy().allowedKeyArns()).containsExactly(DemoAccount.LEGACY);
        assertThat(settings.policy().requiredKeyOrigins()).containsExactly("AWS_CLOUDHSM");
    }

    @Test
    void resolve_parameterNamesInOtherCasing_areRecognised() {
        RuleSettings settings = RuleSettings.resolve(Map.of(),
                Map.of("kmsKeyArns", "alias/neptune-prod", "RequireKeyRotation", "yes"));

        assertThat(settings.policy().allowedKeyArns()).containsExactly("alias/neptune-prod");
        assertThat(settings.policy().requireKeyRotation()).isTrue();
    }

    @Test
    void resolve_unknownParameter_failsListingTheKnownOnes() {
        assertThatThrownBy(() -> RuleSettings.resolve(Map.of(), Map.of("myParameterKey", "myParameterValue")))
                .isInstanceOf(RuleParametersException.class)
                .hasMessage("invalid rule parameter: unknown setting 'myParameterKey'. Known settings: "
                        + "requireCustomerManagedKey, allowedKeyArns, KmsKeyArns, requiredKeyOrigins, "
                        + "requireKeyRotation, resourceTypes.");
    }

    @ParameterizedTest
    @CsvSource({
            "allowedKeyArn, allowedKeyArns",
            "ALLOWEDKEYARN, allowedKeyArns",
            "allowedKeys, allowedKeyArns",
            "kmsKeyArn, KmsKeyArns",
            "requireKeyRotations, requireKeyRotation",
            "requiredKeyOrigin, requiredKeyOrigins",
            "resourceType, resourceTypes",
            "requireCustomerManagedKeys, requireCustomerManagedKey"})
    void resolve_misspeltParameter_failsWithSuggestion(String given, String suggested) {
        assertThatThrownBy(() -> RuleSettings.resolve(Map.of(), Map.of(given, "x")))
                .isInstanceOf(RuleParametersException.class)
                .hasMessageStartingWith("invalid rule parameter: unknown setting '" + given + "'; did you mean '"
                        + suggested + "'?");
    }

    @Test
    void resolve_sameSettingInTwoCasings_fails() {
        Map<String, String> twice = new java.util.LinkedHashMap<>();
        twice.put("allowedKeyArns", DemoAccount.LEGACY);
        twice.put("AllowedKeyArns", DemoAccount.LEGACY);

        assertThatThrownBy(() -> RuleSettings.resolve(Map.of(), twice))
                .isInstanceOf(RuleParametersException.class)
                .hasMessageContaining("'allowedKeyArns' and 'AllowedKeyArns' are the same setting");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"arn\": \"arn:aws:kms:us-east-1:111122223333:key/x\"}]", "[1, 2]", "[\"a\",",
            "arn:aws:kms:us-east-1:111122223333:key/*", "arn:aws:iam::111122223333:role/KeyAdmin", "*"})
    void resolve_allowlistOfWrongShape_fails(String value) {
        assertThatThrownBy(() -> RuleSettings.resolve(Map.of(), Map.of("KmsKeyArns", value)))
                .isInstanceOf(RuleParametersException.class)
                .hasMessageContaining("KmsKeyArns: ");
    }

    @Test
    void resolve_allowlistAsJsonArrayText_isRead() {
        RuleSettings settings = RuleSettings.resolve(Map.of(),
                Map.of("allowedKeyArns", "[\"alias/neptune-prod\", \"" + DemoAccount.LEGACY + "\"]"));

        assertThat(settings.policy().allowedKeyArns()).containsExactly("alias/neptune-prod", DemoAccount.LEGACY);
    }

    @Test
    void resolve_invalidBoolean_failsNamingTheSetting() {
        assertThatThrownBy(() -> RuleSettings.resolve(Map.of(), Map.of("requireKeyRotation", "sometimes")))
                .isInstanceOf(RuleParametersException.class).hasMessageContaining("requireKeyRotation");
    }

    @Test
    void resolve_invalidKeyArn_failsNamingTheSetting() {
        assertThatThrownBy(() -> RuleSettings.resolve(Map.of(), Map.of("KmsKeyArns", "my-key")))
                .isInstanceOf(RuleParametersException.class).hasMessageContaining("KmsKeyArns")
                .hasMessageContaining("my-key");
    }

    @Test
    void resolve_resourceTypes_limitTheScope() {
        RuleSettings settings = RuleSettings.resolve(Map.of(), Map.of("resourceTypes", "AWS::RDS::DBClusterSnapshot"));

        assertThat(settings.covers(ResourceType.SNAPSHOT)).isTrue();
        assertThat(settings.covers(ResourceType.CLUSTER)).isFalse();
    }

    @Test
    void resolve_unknownResourceType_failsNamingTheSetting() {
        assertThatThrownBy(() -> RuleSettings.resolve(Map.of(), Map.of("resourceTypes", "AWS::RDS::DBInstance")))
                .isInstanceOf(RuleParametersException.class).hasMessageContaining("resourceTypes")
                .hasMessageContaining("AWS::RDS::DBInstance");
    }

    @Test
    void fromEnvironment_keepsOnlyNonBlankSettings() {
        Map<String, String> env = RuleSettings.fromEnvironment(Map.of(
                "allowedKeyArns", " ", "requiredKeyOrigins", "AWS_KMS", "HOME", "/root"));

        assertThat(env).containsOnly(Map.entry("requiredKeyOrigins", "AWS_KMS"));
    }
}
