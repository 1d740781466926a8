package dev.neptuneguard.configrule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.ResourceType;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    void resolve_unknownParameters_areIgnored() {
        RuleSettings settings = RuleSettings.resolve(Map.of(), Map.of("myParameterKey", "myParameterValue"));

        assertThat(settings.policy()).isEqualTo(Policy.defaults());
    }

    @Test
    void resolve_invalidBoolean_failsNamingTheSetting() {
        assertThatThrownBy(() -> RuleSettings.resolve(Map.of(), Map.of("requireKeyRotation", "sometimes")))
                .isInstanceOf(RuleParametersException.class).hasMessageContaining("requireKeyRotation");
    }

    @Test
    void resolve_invalidKeyArn_failsNamingTheSetting() {
        assertThatThrownBy(() -> RuleSettings.resolve(Map.of(), Map.of("KmsKeyArns", "my-key")))
                .isInstanceOf(RuleParametersException.class).hasMessageContaining("allowedKeyArns")
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
