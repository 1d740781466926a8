package dev.neptuneguard.cdk;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * What every member account gets, in every member region: {@link MemberForwarding} (the detection rules that send
 * matching events to the hub) and, once per account, the {@link MemberReadRole}. One template for every account
 * and region: which parts a stack instance creates is decided by CloudFormation conditions on the account and
 * region it is deployed to. The hub's stack set deploys it ({@link MemberStackSet}); without StackSets it is
 * deployed with {@code cdk deploy} as {@value NeptuneGuardApp#MEMBER_STACK_NAME} in each account and region.
 */
public final class MemberStack extends Stack {

    public static final String READ_ROLE_REGION_CONDITION = "IsReadRoleRegion";
    public static final String FORWARDS_CONDITION = "ForwardsToHub";

    private final MemberForwarding forwarding;
    private final MemberReadRole readRole;

    public MemberStack(Construct scope, String id, GuardSettings settings, OrganizationSettings organization,
                       StackProps props) {
        super(scope, id, props);
        CfnCondition readRoleRegion = CfnCondition.Builder.create(this, READ_ROLE_REGION_CONDITION)
                .expression(Fn.conditionEquals(Aws.REGION, organization.readRoleRegion()))
                .build();
        CfnCondition forwards = CfnCondition.Builder.create(this, FORWARDS_CONDITION)
                .expression(Fn.conditionNot(Fn.conditionAnd(
                        Fn.conditionEquals(Aws.ACCOUNT_ID, organization.hubAccount()),
                        Fn.conditionEquals(Aws.REGION, organization.hubRegion()))))
                .build();
        this.forwarding = new MemberForwarding(this, "Forwarding", organization, forwards);
        this.readRole = new MemberReadRole(this, "ReadRole", settings, organization, readRoleRegion);
    }

    public MemberForwarding forwarding() {
        return forwarding;
    }

    public MemberReadRole readRole() {
        return readRole;
    }
}
