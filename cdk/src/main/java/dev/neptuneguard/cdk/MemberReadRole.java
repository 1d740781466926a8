package dev.neptuneguard.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * The role the hub's functions assume in a member account ({@code memberRoleName}), created once per account: IAM
 * is global, so only the stack instance in the first of the member regions creates it (the condition it is given),
 * and its permissions hold in every member region and no other ({@code aws:RequestedRegion}). It trusts exactly
 * the hub functions' named roles ({@link HubRoles}), and only as principals of the organization. It may read what
 * the README's scan policy reads, put the organization Config rules' evaluations and import Security Hub findings
 * about the account into the account's own default product (each only when the hub has that part), and, with
 * protection, do what protection does in a single account.
 */
public final class MemberReadRole extends Construct {

    public static final String POLICY_NAME = "neptune-guard-member-read";

    private final CfnRole role;

    public MemberReadRole(Construct scope, String id, GuardSettings settings, OrganizationSettings organization,
                          CfnCondition condition) {
        super(scope, id);
        // L1, for a trust policy of one statement: the hub roles as one principal list, under one condition
        this.role = CfnRole.Builder.create(this, "Role")
                .roleName(organization.memberRoleName())
                .description("neptune-guard: read-only access for the neptune-guard hub in account "
                        + organization.hubAccount() + " (" + organization.hubRegion() + ")")
                .assumeRolePolicyDocument(PolicyDocument.Builder.create()
                        .statements(List.of(trust(settings, organization))).build())
                .policies(List.of(CfnRole.PolicyProperty.builder()
                        .policyName(POLICY_NAME)
                        .policyDocument(PolicyDocument.Builder.create()
                                .statements(statements(settings, organization.memberRegions())).build())
                        .build()))
                .build();
        role.getCfnOptions().setCondition(condition);
        NagFindings.acknowledgeMemberReadRole(role, settings);
    }

    public CfnRole role() {
        return role;
    }

    /** Exactly the hub functions that act in member accounts, as principals of the organization. */
    static PolicyStatement trust(GuardSettings settings, OrganizationSettings organization) {
        List<IPrincipal> hubRoles = new ArrayList<>();
        for (String handler : HubRoles.memberReaders(settings)) {
            hubRoles.add(new ArnPrincipal(HubRoles.roleArn(Aws.PARTITION, organization.hubAccount(), handler,
                    organization.hubRegion())));
        }
        return PolicyStatement.Builder.create()
                .sid("NeptuneGuardHubFunctions")
                .principals(hubRoles)
                .actions(List.of("sts:AssumeRole"))
                .conditions(Map.of("StringEquals", Map.of("aws:PrincipalOrgID", organization.organizationId())))
                .build();
    }

    /** The role's permissions, in the order of the policy. */
    static List<PolicyStatement> statements(GuardSettings settings, List<String> regions) {
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(GuardPermissions.readMemberNeptune(regions));
        statements.add(GuardPermissions.readMemberKeys(regions));
        statements.add(GuardPermissions.listAliases());
        statements.add(GuardPermissions.listMemberGraphs(regions));
        statements.add(GuardPermissions.readMemberGraphs(regions));
        if (settings.configRule()) {
            statements.add(GuardPermissions.putEvaluations());
        }
        if (settings.securityHub()) {
            statements.add(GuardPermissions.importMemberFindings());
        }
        if (settings.protectionMode() != GuardSettings.ProtectionMode.OFF) {
            statements.add(GuardPermissions.readKeyTags(regions));
        }
        if (settings.protectionMode() == GuardSettings.ProtectionMode.ON) {
            statements.add(GuardPermissions.protectKeys(regions));
            statements.add(GuardPermissions.tagProtectedKeys(regions));
        }
        return statements;
    }
}
