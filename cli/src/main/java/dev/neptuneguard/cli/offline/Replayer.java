package dev.neptuneguard.cli.offline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.cli.InputException;
import dev.neptuneguard.configrule.ConfigApi;
import dev.neptuneguard.configrule.ConfigInvocation;
import dev.neptuneguard.configrule.ConfigRule;
import dev.neptuneguard.configrule.Evaluation;
import dev.neptuneguard.configrule.InvalidInvocationException;
import dev.neptuneguard.configrule.RuleParametersException;
import dev.neptuneguard.configrule.RuleResult;
import dev.neptuneguard.configrule.RuleSettings;
import dev.neptuneguard.events.Arns;
import dev.neptuneguard.events.EventOutcome;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.GraphTrigger;
import dev.neptuneguard.events.Ignored;
import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.events.ResourceTrigger;
import dev.neptuneguard.guard.EncryptionGuard;
import dev.neptuneguard.guard.ResourceNotVisibleException;
import dev.neptuneguard.guard.TriggerResult;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.inventory.StaticInventory;
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
import java.util.function.Function;

/**
 * Evaluates one input the way the deployed functions do, against a given account state, routing it by
 * shape to the shell that would receive it: EventBridge events to the event handlers' core, AWS Config
 * rule invocations to the Config rule's core (evaluations are shown, not sent). Used by {@code replay} and
 * {@code demo}.
 */
public final class Replayer {

    /**
     * What happened to one input.
     *
     * @param summary one line: the trigger, or why it was dropped
     * @param evaluated whether the core evaluated it (false: dropped or not evaluable)
     * @param findings the findings, for event inputs
     * @param details further lines: Config evaluations, or why an evaluation could not be done
     * @param asOf the time its dates were judged as of; null when it was not evaluated
     */
    public record Result(String summary, boolean evaluated, List<Finding> findings, List<String> details, AsOf asOf) {

        Result withDetailFirst(String line) {
            List<String> all = new ArrayList<>();
            all.add(line);
            all.addAll(details);
            return new Result(summary, evaluated, findings, all, asOf);
        }
    }

    /**
     * Where replay finds the state of the account and region an input is about. An offline export answers only for
     * what it covers ({@link AccountExport#inventory}): an event is never judged by another region's or account's
     * resources of the same name.
     */
    public interface State {

        /** The state of that account and region (either may be null when the input does not say), or empty. */
        Optional<Inventory> of(String account, String region);

        /** What the data covers, for the message when it does not cover an input. */
        String coverage();

        /** The time an input about that account and region is judged as of; {@code clock} is the run's. */
        AsOf asOf(String account, String region, Clock clock);

        /** One inventory for every input: the live account, read in the event's region. */
        static State single(Inventory inventory) {
            return new State() {
                @Override
                public Optional<Inventory> of(String account, String region) {
                    return Optional.of(inventory);
                }

                @Override
                public String coverage() {
                    return inventory.account() + "/" + inventory.region();
                }

                @Override
                public AsOf asOf(String account, String region, Clock clock) {
                    return AsOf.now(clock);
                }
            };
        }

        /** The accounts and regions an offline export covers. */
        static State of(AccountExport export) {
            return new State() {
                @Override
                public Optional<Inventory> of(String account, String region) {
                    return export.inventoryMatching(account, region).map(Inventory.class::cast);
                }

                @Override
                public String coverage() {
                    List<String> covered = export.coverage();
                    if (covered.isEmpty()) {
                        return "the data covers no account and region";
                    }
                    return "the data covers " + String.join(", ", covered.subList(0, Math.min(5, covered.size())))
                            + (covered.size() > 5 ? " and " + (covered.size() - 5) + " more" : "");
                }

                @Override
                public AsOf asOf(String account, String region, Clock clock) {
                    Optional<StaticInventory> scope = export.inventoryMatching(account, region);
                    return scope.isPresent() ? AsOf.of(export, scope.get().account(), scope.get().region(), clock)
                            : AsOf.of(export, account, region, clock);
                }
            };
        }
    }

    private static final RuleMatcher RULES = new RuleMatcher();

    private final State state;
    private final Policy policy;
    private final Clock clock;

    Replayer(Inventory inventory, Policy policy, Clock clock) {
        this(State.single(inventory), policy, clock);
    }

    public Replayer(State state, Policy policy, Clock clock) {
        this.state = state;
        this.policy = policy;
        this.clock = clock;
    }

    public Result replay(String json) {
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
            return new Result(ignored.toString(), false, List.of(), List.of(), null);
        }
        if (outcome instanceof ResourceTrigger trigger) {
            return replayResource(outcome, trigger.account(), trigger.region(), trigger.identifier(),
                    guard -> guard.evaluate(trigger));
        }
        if (outcome instanceof GraphTrigger trigger) {
            return replayResource(outcome, trigger.account(), trigger.region(), trigger.id(),
                    guard -> guard.evaluate(trigger));
        }
        KeyTrigger key = (KeyTrigger) outcome;
        // A key event is judged by the clusters and snapshots on the key: another region's would say nothing.
        Inventory inventory = state.of(key.account(), key.region()).orElseThrow(() -> new InputException(
                noData(key.account(), key.region()) + ": a key event is judged by the clusters and snapshots of its "
                        + "own account and region" + howToCover(key.region())));
        // As the key Lambda would, minus the side effects: no reminders are scheduled and protection stays off.
        AsOf asOf = state.asOf(key.account(), key.region(), clock);
        RevocationResult result = new KeyRevocationGuard(inventory, new RevocationRules(), Reminders.NONE,
                ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS), Protection.off(), asOf.clock())
                .handle(key);
        if (result.ignored() != null) {
            return new Result(result.ignored().toString(), false, List.of(), List.of(), null);
        }
        return new Result(describe(key), true, result.findings(), List.of(), asOf);
    }

    /**
     * A cluster, snapshot, graph or graph snapshot event, judged as the Lambda judges it: against the data of the
     * event's own account and region, else from the event's own response elements.
     */
    private Result replayResource(EventOutcome outcome, String account, String region, String id,
                                  Function<EncryptionGuard, TriggerResult> evaluate) {
        Optional<Inventory> data = state.of(account, region);
        // Without data for the event's own account and region, only what the event itself says can be judged.
        Inventory inventory = data.orElseGet(() -> new StaticInventory(account, region, List.of(), List.of(),
                List.of()));
        List<String> details = data.isPresent() ? List.of() : List.of(noData(account, region)
                + ": evaluated from the event's own response elements; its key cannot be verified from this data");
        AsOf asOf = state.asOf(account, region, clock);
        try {
            TriggerResult result = evaluate.apply(new EncryptionGuard(inventory, new EncryptionRules(policy),
                    asOf.clock()));
            return new Result(describe(result.outcome()), !result.isIgnored(), result.findings(), details, asOf);
        } catch (ResourceNotVisibleException e) {
            if (data.isEmpty()) {
                throw new InputException(noData(account, region) + ", and the event does not describe " + id
                        + howToCover(region));
            }
            return new Result(describe(outcome), false, List.of(), List.of("not evaluated: " + e.getMessage()
                    + " (the Lambda fails the invocation so that it is retried)"), null);
        }
    }

    /**
     * @throws InputException when the invocation is not usable (the deployed rule drops it) or its rule parameters
     *                        are invalid (the deployed rule fails the invocation)
     */
    private Result replayConfig(JsonNode root) {
        ConfigInvocation invocation;
        RuleSettings settings;
        RuleResult result;
        Scoped scoped;
        try {
            invocation = ConfigInvocation.parse(root);
            settings = RuleSettings.resolve(policy.toSettings(), invocation.ruleParameters());
            scoped = inventoryFor(invocation);
            Inventory inventory = scoped.inventory();
            result = new ConfigRule(new OfflineConfigApi(inventory), scoped.asOf().clock())
                    .evaluate(invocation, settings, inventory);
        } catch (InvalidInvocationException e) {
            throw new InputException("not a usable AWS Config rule invocation: " + e.getMessage()
                    + " (the deployed rule drops it without an evaluation)", e);
        } catch (RuleParametersException e) {
            throw new InputException("AWS Config rule invocation: " + e.getMessage()
                    + " (the deployed rule fails such an invocation)", e);
        }
        List<String> lines = new ArrayList<>(scoped.notes());
        for (Evaluation e : result.evaluations()) {
            lines.add(e.complianceType() + " " + e.resourceType() + " " + e.resourceId() + ": " + e.annotation());
        }
        return new Result("AWS Config " + invocation.messageType().wireName() + " → " + result.evaluations().size()
                + " evaluation(s)" + (invocation.testMode() ? " (TestMode)" : ""), true, List.of(), lines,
                scoped.asOf());
    }

    /**
     * The state of the invocation's account and region (the configuration item's, else the rule's). Without it, a
     * change notification is judged by its configuration item alone (its key cannot be verified), and a periodic
     * invocation, which evaluates every resource of the region, cannot be evaluated at all.
     */
    private Scoped inventoryFor(ConfigInvocation invocation) {
        JsonNode item = invocation.configurationItem() != null ? invocation.configurationItem()
                : invocation.configurationItemSummary();
        String account = invocation.accountId() != null ? invocation.accountId() : Json.text(item, "awsAccountId");
        String region = Json.text(item, "awsRegion");
        if (region == null) {
            region = Arns.region(invocation.configRuleArn());
        }
        Optional<Inventory> data = state.of(account, region);
        AsOf asOf = state.asOf(account, region, clock);
        if (data.isPresent()) {
            return new Scoped(data.get(), List.of(), asOf);
        }
        if (item == null) {
            throw new InputException(noData(account, region) + ": a periodic AWS Config invocation evaluates every "
                    + "resource of its own account and region" + howToCover(region));
        }
        return new Scoped(new StaticInventory(account, region, List.of(), List.of(), List.of()), List.of(
                noData(account, region) + ": evaluated from the configuration item alone; its key cannot be verified "
                        + "from this data"), asOf);
    }

    /** The state an input is evaluated against, what to say about it, and the time it is judged as of. */
    private record Scoped(Inventory inventory, List<String> notes, AsOf asOf) {
    }

    private String noData(String account, String region) {
        return "the data has no state for account " + (account == null ? "(not named by the event)" : account)
                + " in region " + (region == null ? "(not named by the event)" : region) + " (" + state.coverage()
                + ")";
    }

    private static String howToCover(String region) {
        return ": replay it with --offline and an export of that account and region (export-commands --region "
                + (region == null ? "R" : region) + "), or with --live";
    }

    /** One line that says what the event is. */
    static String describe(EventOutcome outcome) {
        if (outcome instanceof ResourceTrigger t) {
            return t.eventName() + " → " + t.kind() + " " + t.identifier()
                    + (t.engine() == null ? " (engine looked up)" : " (engine " + t.engine() + ")");
        }
        if (outcome instanceof GraphTrigger g) {
            return g.eventName() + " → " + g.kind() + " " + g.id();
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
