package dev.neptuneguard.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.configrule.AwsConfigApi;
import dev.neptuneguard.configrule.ComplianceType;
import dev.neptuneguard.configrule.ConfigApi;
import dev.neptuneguard.configrule.ConfigClients;
import dev.neptuneguard.configrule.ConfigInvocation;
import dev.neptuneguard.configrule.ConfigRule;
import dev.neptuneguard.configrule.EvaluationsRejectedException;
import dev.neptuneguard.configrule.InvalidInvocationException;
import dev.neptuneguard.configrule.RuleParametersException;
import dev.neptuneguard.configrule.RuleResult;
import dev.neptuneguard.configrule.RuleSettings;
import dev.neptuneguard.accounts.Accounts;
import dev.neptuneguard.accounts.MemberAccessException;
import dev.neptuneguard.accounts.RecentAccounts;
import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.inventory.EndpointOverride;
import dev.neptuneguard.inventory.AwsInventory;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.crac.Core;

/**
 * AWS Config custom Lambda rule entry point: parses the invocation, lets {@link ConfigRule} evaluate it with
 * the policy (environment defaults overridden by rule parameters), and sends the evaluations with
 * {@code PutEvaluations}. An input that is not a Config invocation is logged, counted and dropped; invalid
 * rule parameters, AWS faults and rejected evaluations fail the invocation so that it is retried.
 */
public final class ConfigRuleHandler implements RequestStreamHandler, PrimedForSnapStart {

    static final String SERVICE = "config-rule";

    private final Function<String, ConfigApi> configs;
    private final Clock clock;
    private final BiFunction<String, Policy, Inventory> inventories;
    private final Map<String, String> defaults;
    private final Log log;
    private final Metrics metrics;
    private final InvocationStart start = new InvocationStart();

    public ConfigRuleHandler() {
        this(configs(Runtime.get().accounts(), new AwsConfigApi(ConfigClients.fromEnvironment())),
                liveInventories(Runtime.get().accounts()), System.getenv(), Clock.systemUTC(), new Log(SERVICE),
                new Metrics(Runtime.get().metricsNamespace(), SERVICE));
        Core.getGlobalContext().register(this);
    }

    /**
     * @param inventories a fresh inventory per invocation, for the invocation's account and the policy in force
     *                    (rule parameters may turn on key rotation, which the inventory then has to read)
     */
    ConfigRuleHandler(ConfigApi config, BiFunction<String, Policy, Inventory> inventories,
                      Map<String, String> environment, Clock clock, Log log, Metrics metrics) {
        this(account -> config, inventories, environment, clock, log, metrics);
    }

    /**
     * @param configs Config's API for the invocation's account: the function's own, or in organization mode the
     *                member's (an organization rule evaluates and reports each member in its own account)
     */
    ConfigRuleHandler(Function<String, ConfigApi> configs, BiFunction<String, Policy, Inventory> inventories,
                      Map<String, String> environment, Clock clock, Log log, Metrics metrics) {
        this.configs = configs;
        this.clock = clock;
        this.inventories = inventories;
        this.defaults = RuleSettings.fromEnvironment(environment);
        RuleSettings.resolve(defaults, Map.of());
        this.log = log;
        this.metrics = metrics;
    }

    static BiFunction<String, Policy, Inventory> liveInventories(AwsClients clients) {
        return (account, policy) -> new AwsInventory(clients, account, policy.requireKeyRotation());
    }

    /**
     * The invocation's account read through {@link Accounts}: in organization mode a member's resources are read
     * through its role (an organization rule invokes this function for every member account). A role that cannot
     * be assumed fails the invocation with the reason, so Config shows the rule's evaluation as failed.
     */
    static BiFunction<String, Policy, Inventory> liveInventories(Accounts accounts) {
        return (account, policy) -> new AwsInventory(accounts.clients(account, null), account,
                policy.requireKeyRotation());
    }

    /**
     * Config's API in the invocation's account: the function's own in a single-account stack; in organization mode
     * a client with the member's credentials, since a member's evaluations are put in the member's own account
     * (the last {@value #CACHED_CONFIG_CLIENTS} accounts' clients are kept).
     */
    static Function<String, ConfigApi> configs(Accounts accounts, ConfigApi own) {
        if (!accounts.organizationMode()) {
            return account -> own;
        }
        URI endpoint = EndpointOverride.fromEnvironment();
        RecentAccounts<ConfigApi> recent = new RecentAccounts<>(CACHED_CONFIG_CLIENTS,
                account -> new AwsConfigApi(ConfigClients.create(endpoint, accounts.credentials(account))), api -> {
                    // AwsConfigApi holds no resource of its own to release beyond its client's connections
                });
        return recent::get;
    }

    static final int CACHED_CONFIG_CLIENTS = 32;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        start.begin(context, log, metrics);
        ObjectNode summary = Json.MAPPER.createObjectNode();
        try {
            ConfigInvocation invocation = ConfigInvocation.parse(input.readAllBytes());
            RuleSettings settings = RuleSettings.resolve(defaults, invocation.ruleParameters());
            Inventory inventory = inventories.apply(invocation.accountId(), settings.policy());
            ConfigApi config = configs.apply(invocation.accountId());
            RuleResult result = new ConfigRule(config, clock).evaluate(invocation, settings, inventory);
            int calls = config.putEvaluations(invocation.resultToken(), result.evaluations(), invocation.testMode());
            summarize(summary, invocation, result, calls);
        } catch (InvalidInvocationException e) {
            log.warn("Dropped an input that is not a usable AWS Config rule invocation",
                    Map.of("reason", e.getMessage()));
            metrics.count("EventsDropped", "reason", "INVALID_INVOCATION", 1);
            summary.put("dropped", e.getMessage());
        } catch (MemberAccessException e) {
            // Organization mode: the member's role cannot be assumed. Not bad input and not silent: the invocation
            // fails with the reason, Config shows the evaluation as failed, and the metric counts it.
            log.error("AWS Config rule invocation failed: the member account cannot be read", Map.of("account",
                    e.account(), "error", e.getMessage()));
            metrics.count("ConfigRuleFailures", "reason", "MemberAccessException", 1);
            throw e;
        } catch (RuleParametersException | EvaluationsRejectedException e) {
            log.error("AWS Config rule invocation failed", Map.of("error", e.getMessage()));
            metrics.count("ConfigRuleFailures", "reason", e.getClass().getSimpleName(), 1);
            throw e;
        } finally {
            metrics.flush();
        }
        output.write(Json.MAPPER.writeValueAsBytes(summary));
    }

    private void summarize(ObjectNode summary, ConfigInvocation invocation, RuleResult result, int calls) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("configRule", invocation.configRuleName());
        fields.put("messageType", invocation.messageType().wireName());
        fields.put("testMode", invocation.testMode());
        fields.put("putEvaluationsCalls", calls);
        for (ComplianceType type : ComplianceType.values()) {
            long n = result.count(type);
            fields.put(type.name(), n);
            metrics.count("ConfigEvaluations", "compliance", type.name(), n);
        }
        if (!result.unidentified().isEmpty()) {
            fields.put("unidentified", result.unidentified());
            metrics.count("ConfigResourcesUnidentified", result.unidentified().size());
            log.warn("Resources without a Config resource id were not evaluated",
                    Map.of("resources", result.unidentified()));
        }
        log.info("AWS Config evaluations sent", fields);
        fields.forEach((k, v) -> summary.set(k, Json.MAPPER.valueToTree(v)));
    }
}
