package dev.neptuneguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.configrule.ConfigApi;
import dev.neptuneguard.configrule.ConfigInvocation;
import dev.neptuneguard.configrule.ConfigRule;
import dev.neptuneguard.configrule.Evaluation;
import dev.neptuneguard.configrule.InvalidInvocationException;
import dev.neptuneguard.configrule.RuleParametersException;
import dev.neptuneguard.configrule.RuleResult;
import dev.neptuneguard.configrule.RuleSettings;
import dev.neptuneguard.events.EventOutcome;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.Ignored;
import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.events.ResourceTrigger;
import dev.neptuneguard.guard.EncryptionGuard;
import dev.neptuneguard.guard.ResourceNotVisibleException;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.policy.EncryptionRules;
import dev.neptuneguard.revocation.KeyRevocationGuard;
import dev.neptuneguard.revocation.Protection;
import dev.neptuneguard.revocation.ReminderSettings;
import dev.neptuneguard.revocation.Reminders;
import dev.neptuneguard.revocation.RevocationResult;
import dev.neptuneguard.revocation.RevocationRules;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates one input the way the deployed functions do, against a given account state, routing it by
 * shape to the shell that would receive it: EventBridge events to the event handlers' core, AWS Config
 * rule invocations to the Config rule's core (evaluations are shown, not sent). Used by {@code replay} and
 * {@code demo}.
 */
final class Replayer {

    /**
     * What happened to one input.
     *
     * @param summary one line: the trigger, or why it was dropped
     * @param evaluated whether the core evaluated it (false: dropped or not evaluable)
     * @param findings the findings, for event inputs
     * @param details further lines: Config evaluations, or why an evaluation could not be done
     */
    record Result(String summary, boolean evaluated, List<Finding> findings, List<String> details) {

        Result withDetailFirst(String line) {
            List<String> all = new ArrayList<>();
            all.add(line);
            all.addAll(details);
            return new Result(summary, evaluated, findings, all);
        }
    }

    private static final RuleMatcher RULES = new RuleMatcher();

    private final Inventory inventory;
    private final Policy policy;
    private final Clock clock;

    Replayer(Inventory inventory, Policy policy, Clock clock) {
        this.inventory = inventory;
        this.policy = policy;
        this.clock = clock;
    }

    Result replay(String json) {
        JsonNode root = tryParse(json);
        if (root != null && root.isObject() && root.has("invokingEvent")) {
            return replayConfig(root);
        }
        List<String> rules = RULES.matches(json);
        String routing = rules.isEmpty()
                ? "matches no detection rule: the deployed guard would not receive it"
                : "delivered by rule " + String.join(", ", rules);
        return replayEvent(root, json).withDetailFirst(routing);
    }

    private Result replayEvent(JsonNode root, String json) {
        EventOutcome outcome = root == null ? EventParser.parse(json) : EventParser.parse(root);
        if (outcome instanceof Ignored ignored) {
            return new Result(ignored.toString(), false, List.of(), List.of());
        }
        if (outcome instanceof ResourceTrigger trigger) {
            try {
                var result = new EncryptionGuard(inventory, new EncryptionRules(policy), clock).evaluate(trigger);
                return new Result(describe(result.outcome()), !result.isIgnored(), result.findings(), List.of());
            } catch (ResourceNotVisibleException e) {
                return new Result(describe(outcome), false, List.of(), List.of("not evaluated: " + e.getMessage()
                        + " (the Lambda fails the invocation so that it is retried)"));
            }
        }
        KeyTrigger key = (KeyTrigger) outcome;
        // As the key Lambda would, minus the side effects: no reminders are scheduled and protection stays off.
        RevocationResult result = new KeyRevocationGuard(inventory, new RevocationRules(), Reminders.NONE,
                ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS), Protection.off(), clock).handle(key);
        if (result.ignored() != null) {
            return new Result(result.ignored().toString(), false, List.of(), List.of());
        }
        return new Result(describe(key), true, result.findings(), List.of());
    }

    /**
     * @throws InputException when the invocation is not usable (the deployed rule drops it) or its rule parameters
     *                        are invalid (the deployed rule fails the invocation)
     */
    private Result replayConfig(JsonNode root) {
        ConfigInvocation invocation;
        RuleSettings settings;
        RuleResult result;
        try {
            invocation = ConfigInvocation.parse(root);
            settings = RuleSettings.resolve(policy.toSettings(), invocation.ruleParameters());
            result = new ConfigRule(new OfflineConfigApi(inventory), clock).evaluate(invocation, settings, inventory);
        } catch (InvalidInvocationException e) {
            throw new InputException("not a usable AWS Config rule invocation: " + e.getMessage()
                    + " (the deployed rule drops it without an evaluation)", e);
        } catch (RuleParametersException e) {
            throw new InputException("AWS Config rule invocation: " + e.getMessage()
                    + " (the deployed rule fails such an invocation)", e);
        }
        List<String> lines = new ArrayList<>();
        for (Evaluation e : result.evaluations()) {
            lines.add(e.complianceType() + " " + e.resourceType() + " " + e.resourceId() + ": " + e.annotation());
        }
        return new Result("AWS Config " + invocation.messageType().wireName() + " → " + result.evaluations().size()
                + " evaluation(s)" + (invocation.testMode() ? " (TestMode)" : ""), true, List.of(), lines);
    }

    /** One line that says what the event is. */
    static String describe(EventOutcome outcome) {
        if (outcome instanceof ResourceTrigger t) {
            return t.eventName() + " → " + t.kind() + " " + t.identifier()
                    + (t.engine() == null ? " (engine looked up)" : " (engine " + t.engine() + ")");
        }
        if (outcome instanceof KeyTrigger k) {
            return k.eventName() + " → " + k.kind() + " "
                    + (k.keyReference() != null ? k.keyReference() : "store " + k.customKeyStoreId());
        }
        return outcome.toString();
    }

    private static JsonNode tryParse(String json) {
        try {
            return json == null ? null : Json.MAPPER.readTree(json);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Config's API answered from the offline account state: no recorded history (an oversized item is
     * reported as not found), resource ids from the clusters' {@code DbClusterResourceId}, nothing is sent.
     */
    private record OfflineConfigApi(Inventory inventory) implements ConfigApi {

        @Override
        public Optional<JsonNode> latestConfigurationItem(String resourceType, String resourceId) {
            return Optional.empty();
        }

        @Override
        public Map<String, String> resourceIdsByName(String resourceType) {
            Map<String, String> ids = new HashMap<>();
            if (ResourceType.CLUSTER.awsType().equals(resourceType)) {
                inventory.clusters().forEach(c -> ids.put(c.identifier(), c.resourceId()));
            } else {
                inventory.snapshots().forEach(s -> ids.put(s.identifier(), s.arn()));
            }
            return ids;
        }

        @Override
        public int putEvaluations(String resultToken, List<Evaluation> evaluations, boolean testMode) {
            throw new UnsupportedOperationException("replay never sends evaluations");
        }
    }
}
