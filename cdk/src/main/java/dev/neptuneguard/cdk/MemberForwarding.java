package dev.neptuneguard.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.EventBusProps;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * A member account's detection rules, in one region: the same detection patterns as the hub's, on the member's
 * default bus, each forwarding what it matches to the hub's organization bus (cross-account and, outside the hub's
 * region, cross-region) as a role that may put events on exactly that bus and nothing else. Events EventBridge
 * cannot deliver after its retries wait in a dead-letter queue in the member account.
 *
 * <p>Every resource carries the condition it is given: the member template skips forwarding in the hub account's
 * own hub region, where the hub's default-bus rules already see the events.
 */
public final class MemberForwarding extends Construct {

    private final Role role;
    private final Queue deadLetters;
    private final DetectionRules rules;

    public MemberForwarding(Construct scope, String id, OrganizationSettings organization, CfnCondition condition) {
        super(scope, id);
        IEventBus hubBus = EventBus.fromEventBusArn(this, "HubBus", organization.hubBusArn(Aws.PARTITION));
        this.role = Role.Builder.create(this, "Role")
                .description("neptune-guard: lets EventBridge forward detection events to the hub's bus only")
                .assumedBy(new ServicePrincipal("events.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID))))
                .build();
        this.deadLetters = Queue.Builder.create(this, "DeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(GuardFunction.DEAD_LETTER_RETENTION)
                .build();
        NagFindings.acknowledgeForwardingDeadLetterQueue(deadLetters);
        software.amazon.awscdk.services.events.targets.EventBus target =
                new software.amazon.awscdk.services.events.targets.EventBus(hubBus, EventBusProps.builder()
                        .role(role)
                        .deadLetterQueue(deadLetters)
                        .build());
        this.rules = new DetectionRules(this, null, " (forwarded to the neptune-guard hub)", rule -> target);
        for (IConstruct child : getNode().findAll()) {
            if (child instanceof CfnResource resource) {
                resource.getCfnOptions().setCondition(condition);
            }
        }
    }

    /** The role EventBridge assumes to put events on the hub's bus. */
    public Role role() {
        return role;
    }

    public Queue deadLetters() {
        return deadLetters;
    }

    public List<Rule> rules() {
        return rules.rules();
    }
}
