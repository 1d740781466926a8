package dev.neptuneguard.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awscdk.regioninfo.RegionInfo;

/**
 * Organization mode, read from CDK context and validated at synth time like {@link GuardSettings}: with
 * {@value #ORGANIZATION_ID} set, the app synthesizes the hub (the single-account guard plus the organization bus,
 * the member stack set and the organization Config rules) and the standalone member stack; without it, none of
 * these keys may be set and the single-account stack is synthesized as before.
 *
 * @param organizationId the organization's id ({@code o-…})
 * @param memberOrganizationalUnitIds the OUs (or the root, {@code r-…}) the member stack set deploys to
 * @param memberRegions the regions every member account is watched in; the first one holds the member read role
 * @param memberRoleName the name of the read role in every member account, which the hub functions assume
 * @param hubAccount the account of the hub (the security or audit account)
 * @param hubRegion the region of the hub, which the member templates name (the CLI's region unless set: a member
 *     stack deployed with {@code cdk deploy} into another region must still name the hub's)
 * @param stackSetCallAs whether the hub creates the stack set as the management account ({@code SELF}) or as a
 *     CloudFormation StackSets delegated administrator ({@code DELEGATED_ADMIN})
 */
public record OrganizationSettings(
        String organizationId,
        List<String> memberOrganizationalUnitIds,
        List<String> memberRegions,
        String memberRoleName,
        String hubAccount,
        String hubRegion,
        String stackSetCallAs) {

    public static final String ORGANIZATION_ID = "organizationId";
    public static final String MEMBER_ORGANIZATIONAL_UNIT_IDS = "memberOrganizationalUnitIds";
    public static final String MEMBER_REGIONS = "memberRegions";
    public static final String MEMBER_ROLE_NAME = "memberRoleName";
    public static final String HUB_ACCOUNT = "hubAccount";
    public static final String HUB_REGION = "hubRegion";
    public static final String STACK_SET_CALL_AS = "stackSetCallAs";

    /** Every organization setting name, in the order the README documents them. */
    public static final List<String> NAMES = List.of(ORGANIZATION_ID, MEMBER_ORGANIZATIONAL_UNIT_IDS, MEMBER_REGIONS,
            MEMBER_ROLE_NAME, HUB_ACCOUNT, HUB_REGION, STACK_SET_CALL_AS);

    public static final String DEFAULT_MEMBER_ROLE_NAME = "neptune-guard-member-read";
    public static final String CALL_AS_SELF = "SELF";
    public static final String CALL_AS_DELEGATED_ADMIN = "DELEGATED_ADMIN";

    /** The variables every hub function reads in organization mode. */
    public static final String ENV_ORGANIZATION_ID = "ORGANIZATION_ID";
    public static final String ENV_MEMBER_ROLE_NAME = "MEMBER_ROLE_NAME";
    public static final String ENV_MEMBER_REGIONS = "MEMBER_REGIONS";
    /** The hub's own account: the functions read it with their own credentials, not through a member role. */
    public static final String ENV_HUB_ACCOUNT_ID = "HUB_ACCOUNT_ID";

    private static final Pattern ORGANIZATION = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final Pattern OU_OR_ROOT = Pattern.compile("ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32}");
    /** IAM role names: 1-64 of these characters. */
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    public OrganizationSettings {
        memberOrganizationalUnitIds = List.copyOf(memberOrganizationalUnitIds);
        memberRegions = List.copyOf(memberRegions);
    }

    /**
     * Reads and validates the organization settings.
     *
     * @param context looks up a context value by name; null when absent
     * @param stackAccount the account the CDK CLI resolved for the stack ({@code CDK_DEFAULT_ACCOUNT}), or null
     * @param stackRegion the region the CDK CLI resolved for the stack ({@code CDK_DEFAULT_REGION}), or null
     * @return the settings, or null when {@value #ORGANIZATION_ID} is not set (single-account mode)
     * @throws InvalidSettingException naming the first setting whose value cannot be used, or an organization
     *     setting given without {@value #ORGANIZATION_ID} (or the other way round)
     */
    public static OrganizationSettings fromContext(Function<String, Object> context, String stackAccount,
                                                   String stackRegion) {
        Map<String, String> raw = new TreeMap<>();
        for (String name : NAMES) {
            String value = GuardSettings.text(context.apply(name));
            if (value != null && !value.isBlank()) {
                raw.put(name, value.trim());
            }
        }
        String organizationId = raw.get(ORGANIZATION_ID);
        if (organizationId == null) {
            for (String name : NAMES) {
                if (raw.containsKey(name)) {
                    throw new InvalidSettingException(name, "is set but " + ORGANIZATION_ID + " is not: set "
                            + ORGANIZATION_ID + " (o-…) as well to deploy the hub and the members, or remove " + name
                            + " for a single account");
                }
            }
            return null;
        }
        if (!ORGANIZATION.matcher(organizationId).matches()) {
            throw new InvalidSettingException(ORGANIZATION_ID, "'" + organizationId + "' is not an organization id"
                    + " (o- and 10 to 32 lowercase letters or digits, e.g. o-a1b2c3d4e5); `aws organizations"
                    + " describe-organization` prints it");
        }
        List<String> organizationalUnits = organizationalUnits(raw.get(MEMBER_ORGANIZATIONAL_UNIT_IDS));
        String hubRegion = raw.getOrDefault(HUB_REGION, blankToNull(stackRegion));
        if (hubRegion == null) {
            throw new InvalidSettingException(HUB_REGION, "the hub's region is unknown (the CDK CLI resolved no"
                    + " region): set it, or run `cdk` with AWS_REGION or a profile's region; the member templates"
                    + " name the hub's event bus and roles in it");
        }
        RegionInfo hub = knownRegions().get(hubRegion);
        if (hub == null) {
            throw new InvalidSettingException(HUB_REGION, "'" + hubRegion + "' is not an AWS region name"
                    + " (e.g. us-east-1)");
        }
        List<String> regions = regions(raw.get(MEMBER_REGIONS), hub);
        String roleName = roleName(raw.getOrDefault(MEMBER_ROLE_NAME, DEFAULT_MEMBER_ROLE_NAME));
        String hubAccount = raw.getOrDefault(HUB_ACCOUNT, blankToNull(stackAccount));
        if (hubAccount == null) {
            throw new InvalidSettingException(HUB_ACCOUNT, "the hub account is unknown (no AWS credentials were"
                    + " found to take it from): set it to the 12-digit id of the account the hub is deployed to;"
                    + " the member templates name it");
        }
        if (!ACCOUNT.matcher(hubAccount).matches()) {
            throw new InvalidSettingException(HUB_ACCOUNT, "'" + hubAccount + "' is not a 12-digit account id");
        }
        return new OrganizationSettings(organizationId, organizationalUnits, regions, roleName, hubAccount, hubRegion,
                callAs(raw.getOrDefault(STACK_SET_CALL_AS, CALL_AS_DELEGATED_ADMIN)));
    }

    /** The region whose member stack instance holds the read role (IAM roles are global, so only one may). */
    public String readRoleRegion() {
        return memberRegions.get(0);
    }

    /** The hub's organization bus, as the member templates target it. */
    public String hubBusArn(String partition) {
        return "arn:" + partition + ":events:" + hubRegion + ":" + hubAccount + ":event-bus/" + HubEventBus.BUS_NAME;
    }

    /** What every hub function reads in organization mode (on top of its own variables). */
    public Map<String, String> functionEnvironment() {
        // insertion order: the environment feeds the function version hash, which must not vary between synths
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ENV_ORGANIZATION_ID, organizationId);
        env.put(ENV_MEMBER_ROLE_NAME, memberRoleName);
        env.put(ENV_MEMBER_REGIONS, String.join(",", memberRegions));
        env.put(ENV_HUB_ACCOUNT_ID, hubAccount);
        return env;
    }

    private static List<String> organizationalUnits(String value) {
        List<String> ids = GuardSettings.list(value);
        if (ids.isEmpty()) {
            throw new InvalidSettingException(MEMBER_ORGANIZATIONAL_UNIT_IDS, "give the organizational units to"
                    + " deploy the members to, comma-separated (ou-ab12-cdefghij), or the root (r-ab12) for all");
        }
        for (String id : ids) {
            if (!OU_OR_ROOT.matcher(id).matches()) {
                throw new InvalidSettingException(MEMBER_ORGANIZATIONAL_UNIT_IDS, "'" + id + "' is neither an"
                        + " organizational unit id (ou-ab12-cdefghij) nor a root id (r-ab12)");
            }
        }
        return ids;
    }

    private static List<String> regions(String value, RegionInfo hub) {
        List<String> regions = GuardSettings.list(value);
        if (regions.isEmpty()) {
            throw new InvalidSettingException(MEMBER_REGIONS, "give the regions to watch in every member account,"
                    + " comma-separated (e.g. us-east-1,eu-west-1); the first one holds the member read role");
        }
        Map<String, RegionInfo> known = knownRegions();
        for (String region : regions) {
            RegionInfo info = known.get(region);
            if (info == null) {
                throw new InvalidSettingException(MEMBER_REGIONS, "'" + region + "' is not an AWS region name"
                        + " (e.g. us-east-1)");
            }
            if (!info.getPartition().equals(hub.getPartition())) {
                throw new InvalidSettingException(MEMBER_REGIONS, "'" + region + "' is in the partition "
                        + info.getPartition() + " but the hub (" + hub.getName() + ") is in " + hub.getPartition()
                        + ": EventBridge cannot forward across partitions");
            }
        }
        return regions;
    }

    private static String roleName(String value) {
        if (!ROLE_NAME.matcher(value).matches()) {
            throw new InvalidSettingException(MEMBER_ROLE_NAME, "'" + value + "' is not an IAM role name (1-64"
                    + " letters, digits and +=,.@_-)");
        }
        return value;
    }

    private static String callAs(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (!upper.equals(CALL_AS_SELF) && !upper.equals(CALL_AS_DELEGATED_ADMIN)) {
            throw new InvalidSettingException(STACK_SET_CALL_AS, "'" + value + "' is not one of "
                    + CALL_AS_DELEGATED_ADMIN + " (the hub account is a StackSets delegated administrator) or "
                    + CALL_AS_SELF + " (the hub is deployed in the management account)");
        }
        return upper;
    }

    private static Map<String, RegionInfo> knownRegions() {
        Map<String, RegionInfo> regions = new TreeMap<>();
        for (RegionInfo region : RegionInfo.getRegions()) {
            regions.put(region.getName(), region);
        }
        return regions;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
