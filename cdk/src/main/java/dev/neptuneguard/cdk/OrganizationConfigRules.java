package dev.neptuneguard.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.config.CfnOrganizationConfigRule;
import software.amazon.awscdk.services.lambda.CfnPermission;
import software.constructs.Construct;

/**
 * The guard's Config rules as AWS Config organization rules: Config creates them in every account of the
 * organization (in the hub's region; an organization rule is regional), and Config in each member account
 * invokes the hub's Config rule function with that account's {@code accountId} and result token. The function
 * assumes the member read role there to read the account and to put the evaluations (PutEvaluations is answered
 * in the account the rule belongs to). The hub account is excluded: it has the account rules of
 * {@link ConfigRules} already.
 *
 * <p>Only the management account or a Config delegated administrator (registered for
 * {@code config-multiaccountsetup.amazonaws.com}) may create organization rules; the function must live in that
 * account.
 */
public final class OrganizationConfigRules extends Construct {

    /** The organization rules' names: {@code neptune-guard-org-} and the account rule's name after the prefix. */
    public static final Map<String, String> NAMES = Map.of(
            NeptuneGuardStack.CLUSTER_CONFIG_RULE_NAME, "neptune-guard-org-cluster-encryption",
            NeptuneGuardStack.SNAPSHOT_CONFIG_RULE_NAME, "neptune-guard-org-snapshot-encryption");

    /**
     * @param function the hub's Config rule function
     */
    public OrganizationConfigRules(Construct scope, String id, GuardFunction function,
                                   OrganizationSettings organization) {
        super(scope, id);
        // Config calls from every member account: no single SourceAccount exists, and Lambda permissions offer
        // no organization condition for service principals. What a foreign caller could trigger is bounded by
        // the role the function must assume, which only accounts of the organization have (aws:ResourceOrgID).
        CfnPermission permission = CfnPermission.Builder.create(this, "InvokePermission")
                .action("lambda:InvokeFunction")
                .functionName(function.alias().getFunctionArn())
                .principal("config.amazonaws.com")
                .build();
        for (Map.Entry<String, String> rule : ConfigRules.RULES.entrySet()) {
            String name = NAMES.get(rule.getKey());
            CfnOrganizationConfigRule organizationRule = CfnOrganizationConfigRule.Builder.create(this,
                            PascalCase.of(name.replace('-', '_')))
                    .organizationConfigRuleName(name)
                    .excludedAccounts(List.of(organization.hubAccount()))
                    .organizationCustomRuleMetadata(CfnOrganizationConfigRule.OrganizationCustomRuleMetadataProperty
                            .builder()
                            .description("neptune-guard: Neptune " + rule.getValue() + " encryption at rest meets"
                                    + " the policy (evaluated by the hub's function in the member account)")
                            .lambdaFunctionArn(function.alias().getFunctionArn())
                            .organizationConfigRuleTriggerTypes(ConfigRules.TRIGGERS)
                            .maximumExecutionFrequency(ConfigRules.FREQUENCY)
                            .resourceTypesScope(List.of(rule.getValue()))
                            .inputParameters("{\"resourceTypes\":\"" + rule.getValue() + "\"}")
                            .build())
                    .build();
            organizationRule.getNode().addDependency(permission);
        }
    }
}
