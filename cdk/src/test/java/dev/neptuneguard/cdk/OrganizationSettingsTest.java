package dev.neptuneguard.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrganizationSettingsTest {

    private static final Map<String, Object> VALID = Map.of(
            "organizationId", "o-exampleorgid1",
            "memberOrganizationalUnitIds", "ou-ab12-cdefghij, r-ab12",
            "memberRegions", "us-east-1,eu-west-1");

    @Test
    void fromContext_noOrganizationSetting_isSingleAccountMode() {
        assertThat(OrganizationSettings.fromContext(name -> null, "111122223333", "us-east-1")).isNull();
    }

    @Test
    void fromContext_validOrganization_readsEveryKeyAndDefaults() {
        OrganizationSettings settings = settings(VALID, "111122223333", "eu-central-1");

        assertThat(settings.organizationId()).isEqualTo("o-exampleorgid1");
        assertThat(settings.memberOrganizationalUnitIds()).containsExactly("ou-ab12-cdefghij", "r-ab12");
        assertThat(settings.memberRegions()).containsExactly("us-east-1", "eu-west-1");
        assertThat(settings.memberRoleName()).isEqualTo("neptune-guard-member-read");
        assertThat(settings.hubAccount()).isEqualTo("111122223333");
        assertThat(settings.hubRegion()).isEqualTo("eu-central-1");
        assertThat(settings.stackSetCallAs()).isEqualTo("DELEGATED_ADMIN");
        assertThat(settings.readRoleRegion()).isEqualTo("us-east-1");
        assertThat(settings.hubBusArn("aws")).isEqualTo("arn:aws:events:eu-central-1:111122223333:event-bus/"
                + "neptune-guard-hub");
    }

    @Test
    void fromContext_explicitValues_overrideTheDefaults() {
        Map<String, Object> context = new HashMap<>(VALID);
        context.put("memberRoleName", "security-neptune-reader");
        context.put("hubAccount", "444455556666");
        context.put("stackSetCallAs", "self");
        context.put("memberRegions", List.of("eu-west-1", "eu-west-1", "us-west-2"));

        OrganizationSettings settings = settings(context, "111122223333", "eu-central-1");

        assertThat(settings.memberRoleName()).isEqualTo("security-neptune-reader");
        assertThat(settings.hubAccount()).isEqualTo("444455556666");
        assertThat(settings.stackSetCallAs()).isEqualTo("SELF");
        assertThat(settings.memberRegions()).containsExactly("eu-west-1", "us-west-2");
    }

    @Test
    void functionEnvironment_isTheFourVariablesInAFixedOrder() {
        OrganizationSettings settings = settings(VALID, "111122223333", "eu-central-1");

        assertThat(settings.functionEnvironment()).containsExactly(
                Map.entry("ORGANIZATION_ID", "o-exampleorgid1"),
                Map.entry("MEMBER_ROLE_NAME", "neptune-guard-member-read"),
                Map.entry("MEMBER_REGIONS", "us-east-1,eu-west-1"),
                Map.entry("HUB_ACCOUNT_ID", "111122223333"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memberOrganizationalUnitIds", "memberRegions", "memberRoleName", "hubAccount",
        "hubRegion", "stackSetCallAs"})
    void fromContext_organizationSettingWithoutOrganizationId_failsNamingIt(String name) {
        assertThatThrownBy(() -> settings(Map.of(name, "x"), "111122223333", "us-east-1"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(name + ": ")
                .hasMessageContaining("set organizationId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memberOrganizationalUnitIds", "memberRegions"})
    void fromContext_organizationIdWithoutTargets_failsNamingTheMissingOne(String missing) {
        Map<String, Object> context = new HashMap<>(VALID);
        context.remove(missing);

        assertThatThrownBy(() -> settings(context, "111122223333", "us-east-1"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(missing + ": give the");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "organizationId | o-short | is not an organization id",
        "organizationId | O-EXAMPLEORGID1 | is not an organization id",
        "memberOrganizationalUnitIds | ou-ab12 | is neither an organizational unit id",
        "memberOrganizationalUnitIds | 123456789012 | is neither an organizational unit id",
        "memberRegions | us-east-1,mars-north-1 | 'mars-north-1' is not an AWS region name",
        "memberRegions | us-east-1,cn-north-1 | EventBridge cannot forward across partitions",
        "memberRoleName | neptune guard | is not an IAM role name",
        "memberRoleName | a-role-name-that-is-far-too-long-for-iam-because-it-has-65-charsX | is not an IAM role",
        "hubAccount | 11112222333 | is not a 12-digit account id",
        "hubRegion | eu-central-9 | 'eu-central-9' is not an AWS region name",
        "stackSetCallAs | ORG_ADMIN | is not one of DELEGATED_ADMIN"
    })
    void fromContext_invalidValue_failsNamingTheSetting(String name, String value, String problem) {
        Map<String, Object> context = new HashMap<>(VALID);
        context.put(name, value);

        assertThatThrownBy(() -> settings(context, "111122223333", "us-east-1"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(name + ": ")
                .hasMessageContaining(problem);
    }

    @Test
    void fromContext_noHubAccountAndNoCredentials_failsNamingHubAccount() {
        assertThatThrownBy(() -> settings(VALID, null, "us-east-1"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("hubAccount: the hub account is unknown");
    }

    @Test
    void fromContext_noRegion_failsNamingHubRegion() {
        assertThatThrownBy(() -> settings(VALID, "111122223333", null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("hubRegion: the hub's region is unknown")
                .hasMessageContaining("AWS_REGION");
    }

    @Test
    void fromContext_hubRegionSet_winsOverTheCliRegion() {
        Map<String, Object> context = new HashMap<>(VALID);
        context.put("hubRegion", "eu-central-1");

        assertThat(settings(context, "111122223333", "eu-west-1").hubRegion()).isEqualTo("eu-central-1");
        assertThat(settings(context, "111122223333", null).hubRegion()).isEqualTo("eu-central-1");
    }

    @Test
    void unknownNames_organizationSettings_areKnown() {
        assertThat(GuardSettings.unknownNames(OrganizationSettings.NAMES)).isEmpty();
        assertThat(GuardSettings.unknownNames(List.of("organisationId"))).containsExactly("organisationId");
    }

    @Test
    void roleNames_longestShortNameInTheLongestRegion_fitIam() {
        for (String handler : HubRoles.MEMBER_READERS) {
            assertThat(HubRoles.roleName(handler, "ap-southeast-2")).hasSizeLessThanOrEqualTo(64)
                    .startsWith("neptune-guard-hub-").endsWith("-ap-southeast-2");
        }
        assertThat(HubRoles.roleName(NeptuneGuardStack.SECURITY_HUB_EXPORTER_HANDLER, "us-gov-west-1"))
                .isEqualTo("neptune-guard-hub-security-hub-export-us-gov-west-1");
        assertThatThrownBy(() -> HubRoles.roleName(NeptuneGuardStack.SWEEP_HANDLER, "x".repeat(41)))
                .hasMessageContaining("longer than 64");
    }

    private static OrganizationSettings settings(Map<String, Object> context, String account, String region) {
        return OrganizationSettings.fromContext(context::get, account, region);
    }
}
