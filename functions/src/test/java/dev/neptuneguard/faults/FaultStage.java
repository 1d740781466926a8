package dev.neptuneguard.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.neptuneguard.configrule.AwsConfigApi;
import dev.neptuneguard.configrule.ConfigClients;
import dev.neptuneguard.configrule.ConfigWireMock;
import dev.neptuneguard.handler.FindingReporter;
import dev.neptuneguard.handler.Handlers;
import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.inventory.AwsInventory;
import dev.neptuneguard.inventory.CallCounter;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.Severity;
import dev.neptuneguard.policy.EncryptionRules;
import dev.neptuneguard.revocation.KeyRevocationGuard;
import dev.neptuneguard.revocation.KmsKeyActions;
import dev.neptuneguard.revocation.Protection;
import dev.neptuneguard.revocation.ProtectionMode;
import dev.neptuneguard.revocation.ProtectionSettings;
import dev.neptuneguard.revocation.ReminderSettings;
import dev.neptuneguard.revocation.RevocationRules;
import dev.neptuneguard.revocation.Reminders;
import dev.neptuneguard.revocation.RevocationSweep;
import dev.neptuneguard.revocation.SchedulerReminders;
import dev.neptuneguard.sinks.DynamoDbDeliveryLedger;
import dev.neptuneguard.sinks.FakeDynamoDbTable;
import dev.neptuneguard.sinks.FakeSqsQueue;
import dev.neptuneguard.sinks.SecurityHubExport;
import dev.neptuneguard.sinks.SinkClients;
import dev.neptuneguard.sinks.SinkSettings;
import dev.neptuneguard.sinks.Sinks;
import dev.neptuneguard.sinks.SlackStubClients;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One local AWS (a WireMock server answering every service the guard calls in its own wire protocol, DynamoDB
 * and SQS statefully) and the production handlers wired to it through real SDK clients. Every call answers as on a good
 * day until a fault is injected into one; then a {@link Scenario} is invoked like Lambda would: the input fixture
 * in, the result document out, or an exception out (Lambda retries it, then sends the event to the dead-letter
 * queue). The SDK clients keep the standard retry mode (3 attempts) and the production assembly; only the limits
 * are shortened so that the matrix runs in seconds: {@link #ATTEMPT_TIMEOUT} per attempt, {@link #CALL_TIMEOUT}
 * per call, {@link #BACKOFF} as the retry base delay. A {@link Injected#TIMEOUT} answers after
 * {@link #TIMEOUT_DELAY}, longer than an attempt may wait.
 */
final class FaultStage {

    static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(400);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    static final Duration BACKOFF = Duration.ofMillis(5);
    static final Duration TIMEOUT_DELAY = Duration.ofMillis(1000);
    static final Instant NOW = Instant.parse("2026-11-23T17:10:30Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String TABLE = "neptune-guard-deliveries";
    static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:neptune-guard-alerts";
    static final String QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/111122223333/neptune-guard-securityhub";
    static final String SECRET = "neptune-guard/slack-webhook";
    static final String HOOK_PATH = "/services/T0EXAMPLE/B0EXAMPLE/XyZsecretTOKENvalue0123";
    static final String LEGACY_KEY = "arn:aws:kms:us-east-1:111122223333:key/5555eeee-55ee-55ee-55ee-555555555555";
    static final Instant LEGACY_DELETION = Instant.parse("2026-11-30T17:10:02Z");
    private static final Path EVENTS = Path.of("..", "events");
    private static final int HAPPY = 10;
    private static final int FAULT = 1;
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    private final WireMockServer wm;
    private final FakeDynamoDbTable table;
    private final FakeSqsQueue queue;
    private final boolean production;
    private Duration timeoutDelay = TIMEOUT_DELAY;
    private final List<StubMapping> faults = new ArrayList<>();
    private final Map<Call, Supplier<ResponseDefinitionBuilder>> goodDay = new EnumMap<>(Call.class);

    private FaultStage(WireMockServer wm, FakeDynamoDbTable table, FakeSqsQueue queue, boolean production) {
        this.wm = wm;
        this.table = table;
        this.queue = queue;
        this.production = production;
    }

    /** A stage on a new stub (dynamic port, the stateful table and queue, enough threads for delayed answers). */
    static FaultStage start() {
        return start(false);
    }

    /**
     * @param production build the clients exactly as the Lambda functions do ({@code AwsClients}, {@code SinkClients},
     *                   {@code ConfigClients}, the key handlers' Scheduler client, the Slack client): their own
     *                   timeouts and retry backoff, the default credentials chain; only the endpoint is the stub
     */
    static FaultStage start(boolean production) {
        FakeDynamoDbTable table = new FakeDynamoDbTable();
        FakeSqsQueue queue = new FakeSqsQueue();
        WireMockServer server = new WireMockServer(com.github.tomakehurst.wiremock.core.WireMockConfiguration
                .options().dynamicPort().containerThreads(40).extensions(table, queue));
        server.start();
        return new FaultStage(server, table, queue, production);
    }

    void stop() {
        wm.stop();
    }

    /** How long a {@link Injected#TIMEOUT} keeps the caller waiting. */
    FaultStage timeoutDelay(Duration delay) {
        timeoutDelay = delay;
        return this;
    }

    FakeDynamoDbTable table() {
        return table;
    }

    FakeSqsQueue queue() {
        return queue;
    }

    /** Empties the table and the request log and stubs every call with its good-day answer for {@code scenario}. */
    void reset(Scenario scenario) {
        wm.resetAll();
        table.items.clear();
        queue.messages.clear();
        faults.clear();
        goodDay.clear();
        boolean clusterSide = scenario == Scenario.CLUSTER_EVENT || scenario == Scenario.SNAPSHOT_EVENT;
        happy(Call.DESCRIBE_DB_CLUSTERS, xml(clusterSide ? "neptune/describe-db-clusters-page-1.xml"
                : "neptune/describe-db-clusters-legacy-template.xml"));
        happy(Call.DESCRIBE_DB_CLUSTER_SNAPSHOTS, xml(clusterSide
                ? "neptune/describe-db-cluster-snapshots-automated.xml"
                : "neptune/describe-db-cluster-snapshots-legacy-template.xml"));
        happy(Call.LIST_TAGS_FOR_RESOURCE, xml("neptune/list-tags-for-resource-empty.xml"));
        happy(Call.DESCRIBE_KEY, switch (scenario) {
            case KEY_EVENT_PROTECTED, KEY_EVENT_REMINDERS, SWEEP -> json11(legacyKeyPendingDeletion().toString());
            case REMINDER_KEY_DISABLED, CONFIG_OVERSIZED_CHANGE, CONFIG_PERIODIC ->
                    json11(resource("kms/describe-key-legacy-disabled.json"));
            default -> json11(resource("kms/describe-key-cmk.json"));
        });
        happy(Call.GET_KEY_ROTATION_STATUS, json11(resource("kms/get-key-rotation-status-disabled.json")));
        happy(Call.LIST_ALIASES, json11(resource("kms/list-aliases-demo.json")));
        happy(Call.LIST_RESOURCE_TAGS, json11(resource("kms/list-resource-tags-empty.json")));
        happy(Call.CANCEL_KEY_DELETION, json11(resource("kms/cancel-key-deletion.json")));
        happy(Call.ENABLE_KEY, json11("{}"));
        happy(Call.TAG_RESOURCE, json11("{}"));
        happy(Call.PUBLISH, xml("sns/publish.xml"));
        for (Call c : List.of(Call.BATCH_GET_ITEM, Call.PUT_ITEM, Call.UPDATE_ITEM)) {
            happy(c, aResponse().withTransformers(FakeDynamoDbTable.NAME));
        }
        happy(Call.SEND_MESSAGE_BATCH, aResponse().withTransformers(FakeSqsQueue.NAME));
        happy(Call.BATCH_IMPORT_FINDINGS, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(Json.MAPPER.createObjectNode().put("FailedCount", 0).put("SuccessCount", 1)
                        .set("FailedFindings", Json.MAPPER.createArrayNode()).toString()));
        happy(Call.GET_SECRET_VALUE, json11(Json.MAPPER.createObjectNode()
                .put("ARN", "arn:aws:secretsmanager:us-east-1:111122223333:secret:" + SECRET + "-AbCdEf")
                .put("Name", SECRET).put("SecretString", "https://hooks.slack.com" + HOOK_PATH)
                .put("VersionId", "EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE").toString()));
        happy(Call.CREATE_SCHEDULE, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(resource("scheduler/create-schedule.json")));
        happy(Call.DELETE_SCHEDULE, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{}"));
        happy(Call.GET_RESOURCE_CONFIG_HISTORY, ConfigWireMock.ok(ConfigWireMock.historyOf(legacyCluster(),
                Instant.parse("2026-11-21T14:20:03.734Z"))));
        happy(Call.PUT_EVALUATIONS, ConfigWireMock.ok(ConfigWireMock.accepted()));
        ObjectNode discovered = Json.MAPPER.createObjectNode();
        discovered.putArray("resourceIdentifiers").addObject().put("resourceType", "AWS::RDS::DBClusterSnapshot")
                .put("resourceId", "rds:graph-legacy-2026-11-23-03-10")
                .put("resourceName", "rds:graph-legacy-2026-11-23-03-10");
        happy(Call.LIST_DISCOVERED_RESOURCES, ConfigWireMock.ok(discovered));
        happy(Call.SLACK_WEBHOOK, aResponse().withStatus(200).withHeader("Content-Type", "text/plain")
                .withBody("ok"));
    }

    /** From now on {@code call} answers with {@code fault}, on every attempt. */
    void inject(Call call, Injected fault) {
        ResponseDefinitionBuilder answer = switch (fault) {
            case CONNECTION_RESET -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
            case TIMEOUT -> goodDay.get(call).get().withFixedDelay((int) timeoutDelay.toMillis());
            default -> call.service().error(call.service().errorFor(fault));
        };
        faults.add(wm.stubFor(call.mapping().atPriority(FAULT).willReturn(answer)));
    }

    /** From now on {@code call} answers with {@code answer} (an error a fault does not model, e.g. NotFound). */
    void answer(Call call, ResponseDefinitionBuilder answer) {
        faults.add(wm.stubFor(call.mapping().atPriority(FAULT).willReturn(answer)));
    }

    /** Removes every injected fault: the calls answer as on a good day again. */
    void heal() {
        faults.forEach(wm::removeStub);
        faults.clear();
    }

    /** Resets, injects {@code fault} into {@code call} and invokes the call's scenario once. */
    Observation run(Call call, Injected fault) {
        reset(call.scenario());
        if (fault != null) {
            inject(call, fault);
        }
        return invoke(call.scenario(), call);
    }

    /**
     * Invokes {@code scenario} with freshly built clients (as a new Lambda process would); {@code measured} names the
     * call whose requests and SDK attempts are reported.
     */
    Observation invoke(Scenario scenario, Call measured) {
        return invoke(scenario, measured, event(scenario.input()));
    }

    Observation invoke(Scenario scenario, Call measured, String input) {
        int before = measured == null ? 0 : requests(measured);
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(logs, true, StandardCharsets.UTF_8);
        CallCounter sdk = new CallCounter();
        AwsClients aws = production
                ? AwsClients.builder().region(Region.US_EAST_1).endpointOverride(URI.create(wm.baseUrl())).build()
                : AwsClients.builder().region(Region.US_EAST_1).endpointOverride(URI.create(wm.baseUrl()))
                .credentialsProvider(CREDENTIALS).retryBackoff(BACKOFF).timeouts(CALL_TIMEOUT, ATTEMPT_TIMEOUT)
                .build();
        CallCounter.Tally awsStart = aws.counter().tally();
        RequestStreamHandler handler = handler(scenario, aws, sdk, out);
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        Throwable failure = null;
        long started = System.nanoTime();
        try {
            handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), result, null);
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            aws.close();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Integer attempts = null;
        Integer measuredCalls = null;
        if (measured != null && measured.service() != Service.SLACK && !production) {
            CallCounter.Tally a = aws.counter().tally().minus(awsStart);
            CallCounter.Tally s = sdk.tally();
            long calls = a.calls() + s.calls();
            measuredCalls = (int) (a.calls(measured.operation()) + s.calls(measured.operation()));
            long ofOthers = calls - measuredCalls;
            // Every other call answered at once, so it took one attempt; the rest are the measured call's.
            attempts = (int) (a.attempts() + s.attempts() - ofOthers);
        }
        return new Observation(failure, result.toString(StandardCharsets.UTF_8), lines(logs),
                measured == null ? 0 : requests(measured) - before, measuredCalls, attempts, millis);
    }

    /** Requests of one call the stub has received since the last reset. */
    int requests(Call call) {
        return (int) wm.getAllServeEvents().stream().filter(e -> call.matches(e.getRequest())).count();
    }

    List<String> requestBodies(Call call) {
        List<String> out = new ArrayList<>();
        wm.getAllServeEvents().stream().filter(e -> call.matches(e.getRequest()))
                .forEach(e -> out.add(0, e.getRequest().getBodyAsString()));
        return out;
    }

    private RequestStreamHandler handler(Scenario scenario, AwsClients aws, CallCounter sdk, PrintStream out) {
        return switch (scenario) {
            case SECURITY_HUB_EXPORT -> Handlers.securityHubExporter(new SecurityHubExport(production
                    ? SinkClients.securityHub(stub()) : client(SecurityHubClient.builder(), sdk)), out, CLOCK);
            case CLUSTER_EVENT, SNAPSHOT_EVENT -> Handlers.clusterEncryption(() -> new AwsInventory(aws, null, true),
                    new EncryptionRules(Policy.fromSettings(Map.of(Policy.REQUIRE_KEY_ROTATION, "true"))),
                    reporter("cluster-encryption", out, sdk), CLOCK);
            case KEY_EVENT_PROTECTED, KEY_EVENT_REMINDERS -> Handlers.keyRevocation(() -> keyGuard(aws, sdk,
                    scenario == Scenario.KEY_EVENT_PROTECTED ? ProtectionMode.ON : ProtectionMode.OFF),
                    reporter("key-revocation", out, sdk));
            case REMINDER_KEY_DISABLED -> Handlers.reminder(() -> keyGuard(aws, sdk, ProtectionMode.OFF),
                    reporter("reminder", out, sdk));
            case CONFIG_OVERSIZED_CHANGE, CONFIG_PERIODIC -> Handlers.configRule(
                    new AwsConfigApi(production ? ConfigClients.create(stub()) : client(ConfigClient.builder(), sdk)),
                    (account, policy) -> new AwsInventory(aws, account, policy.requireKeyRotation()), Map.of(),
                    CLOCK, out);
            case SLACK_NOTIFICATION -> Handlers.slackNotifier(SlackStubClients.secret(production
                            ? SinkClients.secretsManager(stub()) : client(SecretsManagerClient.builder(), sdk), SECRET),
                    production ? SlackStubClients.production(stub())
                            : SlackStubClients.webhook(stub(), new ArrayList<>(), ATTEMPT_TIMEOUT), out, CLOCK);
            case SWEEP -> Handlers.sweep(() -> new RevocationSweep(new AwsInventory(aws, null, false),
                    new RevocationRules(), Reminders.NONE, ReminderSettings.offsets(
                    ReminderSettings.DEFAULT_OFFSETS), CLOCK), reporter("sweep", out, sdk));
        };
    }

    private FindingReporter reporter(String service, PrintStream out, CallCounter sdk) {
        SinkSettings settings = new SinkSettings(TABLE, DynamoDbDeliveryLedger.DEFAULT_RETENTION, TOPIC, Severity.LOW,
                QUEUE_URL, Severity.INFORMATIONAL);
        if (production) {
            return Handlers.reporter(service, out, CLOCK, Sinks.dispatcher(settings, SinkClients.sns(stub()),
                    SinkClients.sqs(stub()), SinkClients.dynamoDb(stub())));
        }
        return Handlers.reporter(service, out, CLOCK, Sinks.dispatcher(settings, client(SnsClient.builder(), sdk),
                client(SqsClient.builder(), sdk), client(DynamoDbClient.builder(), sdk)));
    }

    private KeyRevocationGuard keyGuard(AwsClients aws, CallCounter sdk, ProtectionMode mode) {
        ReminderSettings reminders = new ReminderSettings(ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS),
                "neptune-guard-reminders", "arn:aws:lambda:us-east-1:111122223333:function:neptune-guard-reminder:live",
                "arn:aws:iam::111122223333:role/neptune-guard-scheduler",
                "arn:aws:sqs:us-east-1:111122223333:neptune-guard-reminder-dlq");
        SchedulerClient scheduler = production ? Handlers.schedulerClient(Region.US_EAST_1, stub())
                : client(SchedulerClient.builder(), sdk);
        return new KeyRevocationGuard(new AwsInventory(aws, null, false), new RevocationRules(),
                new SchedulerReminders(scheduler, reminders), reminders.offsets(),
                new Protection(new ProtectionSettings(mode, List.of()), new KmsKeyActions(aws.kms()), CLOCK), CLOCK);
    }

    /**
     * A client as {@code SinkClients} builds them (URL-connection HTTP client, standard retries, call and attempt
     * limits) with the stage's short limits, static credentials, the stub's endpoint and a call counter.
     */
    <C, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(B builder, CallCounter counter) {
        BackoffStrategy fast = BackoffStrategy.exponentialDelay(BACKOFF, BACKOFF.multipliedBy(4));
        builder.httpClient(UrlConnectionHttpClient.builder().connectionTimeout(ATTEMPT_TIMEOUT)
                        .socketTimeout(ATTEMPT_TIMEOUT).build())
                .endpointOverride(URI.create(wm.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT).apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().backoffStrategy(fast)
                                .throttlingBackoffStrategy(fast).build())
                        .addExecutionInterceptor(counter));
        return builder.build();
    }

    private URI stub() {
        return URI.create(wm.baseUrl());
    }

    private void happy(Call call, ResponseDefinitionBuilder answer) {
        goodDay.put(call, () -> ResponseDefinitionBuilder.like(answer.build()));
        wm.stubFor(call.mapping().atPriority(HAPPY).willReturn(answer));
    }

    /** graph-legacy as AWS Config recorded it: encrypted with the legacy key. */
    static ClusterFacts legacyCluster() {
        return new ClusterFacts("arn:aws:rds:us-east-1:111122223333:cluster:graph-legacy", "graph-legacy",
                "cluster-ADZYMFU2DWHASQRC6BPQ7BASDA", "111122223333", "us-east-1", "neptune", "available", true,
                LEGACY_KEY, false, Map.of(), true, FactSource.LIVE);
    }

    /** The legacy key's DescribeKey answer after ScheduleKeyDeletion (7-day window), from the Disabled fixture. */
    private static JsonNode legacyKeyPendingDeletion() {
        try {
            ObjectNode body = (ObjectNode) Json.MAPPER.readTree(resource("kms/describe-key-legacy-disabled.json"));
            ObjectNode metadata = (ObjectNode) body.get("KeyMetadata");
            metadata.put("KeyState", "PendingDeletion");
            metadata.put("DeletionDate", LEGACY_DELETION.getEpochSecond());
            metadata.put("PendingDeletionWindowInDays", 7);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseDefinitionBuilder xml(String path) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(resource(path));
    }

    private static ResponseDefinitionBuilder json11(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    static String resource(String path) {
        try (InputStream in = Objects.requireNonNull(FaultStage.class.getResourceAsStream("/wire/" + path), path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String event(String path) {
        try {
            return Files.readString(EVENTS.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> lines(ByteArrayOutputStream logs) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : logs.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(Json.MAPPER.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON log line: " + line, e);
            }
        }
        return out;
    }
}
