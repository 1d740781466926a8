package dev.neptuneguard.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.cloudformation.CfnStackSet;
import software.constructs.Construct;

/**
 * Delivers the member template ({@link MemberTemplate}) to every account of the member OUs, in every member region,
 * as a CloudFormation stack set with service-managed permissions: StackSets creates the roles it deploys with, and
 * automatic deployment adds the stack instances to accounts that join the OUs later (and deletes them, with their
 * resources, from accounts that leave). The hub creates it as the management account ({@code CallAs: SELF}) or,
 * the recommended setup, as a StackSets delegated administrator ({@code DELEGATED_ADMIN}).
 */
public final class MemberStackSet extends Construct {

    public static final String STACK_SET_NAME = "neptune-guard-member";
    /** Accounts deployed at once, per region, as a share of the target accounts. */
    public static final int MAX_CONCURRENT_PERCENTAGE = 25;
    /** Accounts that may fail, per region, before the operation stops there. */
    public static final int FAILURE_TOLERANCE_PERCENTAGE = 10;

    private final CfnStackSet stackSet;
    private final String templateBody;

    public MemberStackSet(Construct scope, String id, OrganizationSettings organization, String templateBody) {
        super(scope, id);
        this.templateBody = templateBody;
        this.stackSet = CfnStackSet.Builder.create(this, "StackSet")
                .stackSetName(STACK_SET_NAME)
                .description("neptune-guard members: detection rules forwarding to the hub bus in account "
                        + organization.hubAccount() + " (" + organization.hubRegion() + "), and the read role "
                        + organization.memberRoleName())
                .permissionModel("SERVICE_MANAGED")
                .autoDeployment(CfnStackSet.AutoDeploymentProperty.builder()
                        .enabled(true)
                        .retainStacksOnAccountRemoval(false)
                        .build())
                .callAs(organization.stackSetCallAs())
                // the member read role has a fixed name
                .capabilities(List.of("CAPABILITY_NAMED_IAM"))
                // operations that do not conflict run at once; conflicting ones are queued instead of failing
                .managedExecution(Map.of("Active", true))
                .operationPreferences(CfnStackSet.OperationPreferencesProperty.builder()
                        .regionConcurrencyType("PARALLEL")
                        .maxConcurrentPercentage(MAX_CONCURRENT_PERCENTAGE)
                        .failureTolerancePercentage(FAILURE_TOLERANCE_PERCENTAGE)
                        .concurrencyMode("SOFT_FAILURE_TOLERANCE")
                        .build())
                .stackInstancesGroup(List.of(CfnStackSet.StackInstancesProperty.builder()
                        .deploymentTargets(CfnStackSet.DeploymentTargetsProperty.builder()
                                .organizationalUnitIds(organization.memberOrganizationalUnitIds())
                                .build())
                        .regions(organization.memberRegions())
                        .build()))
                .templateBody(templateBody)
                .build();
    }

    public CfnStackSet stackSet() {
        return stackSet;
    }

    /** The member template the stack set deploys, as compact JSON. */
    public String templateBody() {
        return templateBody;
    }
}
