package dev.neptuneguard.cdk;

import dev.neptuneguard.events.DetectionPatterns;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * The hub's organization bus ({@value #BUS_NAME}): member accounts forward the events their detection rules match
 * to it, from any region, and the same detection rules on it feed the same guard functions as the hub's default
 * bus. Its resource policy accepts {@code events:PutEvents} only from principals of the organization
 * ({@code aws:PrincipalOrgID}); forwarded events keep their own {@code account} and {@code region}.
 */
public final class HubEventBus extends Construct {

    /** Fixed: the member templates name the bus by ARN. */
    public static final String BUS_NAME = "neptune-guard-hub";
    public static final String PUT_EVENTS_SID = "OrganizationMembersPutEvents";

    private final EventBus bus;
    private final DetectionRules rules;

    /**
     * @param targets the target of the rule of each detection pattern (the guard function of its handler)
     */
    public HubEventBus(Construct scope, String id, String organizationId,
                       Function<DetectionPatterns.Rule, IRuleTarget> targets) {
        super(scope, id);
        this.bus = EventBus.Builder.create(this, "Bus")
                .eventBusName(BUS_NAME)
                .description("neptune-guard: detection events forwarded by the organization's member accounts")
                .build();
        bus.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid(PUT_EVENTS_SID)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("events:PutEvents"))
                .resources(List.of(bus.getEventBusArn()))
                .conditions(Map.of("StringEquals", Map.of("aws:PrincipalOrgID", organizationId)))
                .build());
        this.rules = new DetectionRules(this, bus, " (forwarded by the organization's member accounts)", targets);
    }

    public EventBus bus() {
        return bus;
    }

    public List<Rule> rules() {
        return rules.rules();
    }
}
