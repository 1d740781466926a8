package dev.neptuneguard.handler;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.configrule.AwsConfigApi;
import dev.neptuneguard.configrule.ConfigClients;
import dev.neptuneguard.inventory.EndpointOverride;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.policy.EncryptionRules;
import dev.neptuneguard.sinks.SecurityHubExport;
import dev.neptuneguard.sinks.SinkClients;
import dev.neptuneguard.sinks.SlackStubClients;
import dev.neptuneguard.sinks.SlackWebhookSecret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * The deployed functions, in this JVM: each handler wired as its public constructor wires it in Lambda — the same
 * {@link Runtime} and {@link KeyRuntime}, the product's client factories, settings and sinks — but from an explicit
 * environment instead of the process's, so that {@code NEPTUNE_GUARD_ENDPOINT_URL} can point at a server started by
 * the test. Log lines and metrics are collected ({@link #logs}). One instance is one warm Lambda process per
 * function: build a new one for a cold start.
 */
public final class DeployedFunctions {

    private final Map<String, String> env;
    private final Runtime runtime;
    private final KeyRuntime keys;
    private final URI endpoint;
    private final ByteArrayOutputStream logBuffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(logBuffer, true, StandardCharsets.UTF_8);

    public DeployedFunctions(Map<String, String> env) {
        this.env = Map.copyOf(env);
        this.runtime = new Runtime(this.env);
        this.keys = new KeyRuntime(this.env, runtime);
        this.endpoint = EndpointOverride.fromEnvironment(this.env);
    }

    public RequestStreamHandler clusterEncryption() {
        return new ClusterEncryptionHandler(runtime.inventories(), new EncryptionRules(runtime.policy()),
                runtime.reporter("cluster-encryption", out), Clock.systemUTC());
    }

    public RequestStreamHandler keyRevocation() {
        return new KeyRevocationHandler(keys.guards(), runtime.reporter("key-revocation", out));
    }

    public RequestStreamHandler reminder() {
        return new ReminderHandler(keys.guards(), runtime.reporter("reminder", out));
    }

    public RequestStreamHandler sweep() {
        return new SweepHandler(keys.sweeps(), runtime.reporter("sweep", out));
    }

    public RequestStreamHandler configRule() {
        return new ConfigRuleHandler(new AwsConfigApi(ConfigClients.create(endpoint)),
                ConfigRuleHandler.liveInventories(runtime.clients()), env, Clock.systemUTC(),
                new Log(ConfigRuleHandler.SERVICE, out, Clock.systemUTC()),
                new Metrics("NeptuneGuard", ConfigRuleHandler.SERVICE, out, Clock.systemUTC()));
    }

    public RequestStreamHandler securityHubExporter() {
        return new SecurityHubExporterHandler(new SecurityHubExport(SinkClients.securityHub(endpoint)),
                new Log(SecurityHubExporterHandler.SERVICE, out, Clock.systemUTC()),
                new Metrics("NeptuneGuard", SecurityHubExporterHandler.SERVICE, out, Clock.systemUTC()));
    }

    /**
     * The Slack notifier, reading its webhook secret ({@code SLACK_WEBHOOK_SECRET_NAME}) from Secrets Manager at the
     * endpoint; its posts go to {@code webhookReceiver} (a loopback server), as the endpoint hook sends them in a
     * fresh JVM.
     */
    public RequestStreamHandler slackNotifier(URI webhookReceiver) {
        SlackWebhookSecret secret = SlackStubClients.secret(SinkClients.secretsManager(endpoint),
                env.get(SlackNotifierHandler.SECRET_ENV));
        return new SlackNotifierHandler(secret, SlackStubClients.production(webhookReceiver),
                new Log(SlackNotifierHandler.SERVICE, out, Clock.systemUTC()),
                new Metrics("NeptuneGuard", SlackNotifierHandler.SERVICE, out, Clock.systemUTC()), Clock.systemUTC());
    }

    /** Invokes a handler as the Lambda runtime does and returns its result document. */
    public static JsonNode invoke(RequestStreamHandler handler, String event) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, null);
            String text = output.toString(StandardCharsets.UTF_8);
            return text.isEmpty() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every log and metric line the functions of this instance printed so far. */
    public String logs() {
        return logBuffer.toString(StandardCharsets.UTF_8);
    }
}
