package dev.neptuneguard.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.accounts.CredentialsOnly;
import dev.neptuneguard.accounts.MemberAccounts;
import dev.neptuneguard.accounts.RecentAccounts;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.sinks.DispatchReport;
import dev.neptuneguard.sinks.SecurityHubExport;
import dev.neptuneguard.sinks.SecurityHubMessage;
import dev.neptuneguard.sinks.SinkClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.crac.Core;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/**
 * Reads the Security Hub queue (an SQS event source mapping with {@code ReportBatchItemFailures}) and imports the
 * queued findings with {@link SecurityHubExport}. Answers with a partial batch response: only the messages whose
 * findings failed in a way a retry can fix are listed in {@code batchItemFailures}, so SQS redelivers just those
 * (and, after the queue's receive limit, moves them to its dead-letter queue). A message that is not a queued finding
 * is a poison message: logged, counted ({@code SecurityHubMessagesDropped}) and dropped. Security Hub not being
 * enabled is a warning and a metric ({@code SecurityHubNotEnabled}), not a failure.
 */
public final class SecurityHubExporterHandler implements RequestStreamHandler, PrimedForSnapStart {

    static final String SERVICE = "security-hub-exporter";
    static final String NAMESPACE = "NeptuneGuard";

    private final SecurityHubExport export;
    private final Log log;
    private final Metrics metrics;
    private final InvocationStart start = new InvocationStart();

    public SecurityHubExporterHandler() {
        this(new SecurityHubExport(securityHubs(System.getenv())), new Log(SERVICE),
                new Metrics(Runtime.get().metricsNamespace(), SERVICE));
        Core.getGlobalContext().register(this);
    }

    /**
     * Security Hub per finding account: the function's own client; in organization mode a member's findings are
     * imported with the member's credentials (its read role, assumed with STS), because Security Hub takes a finding
     * under the default product only from the account it is about. The last {@value #CACHED_CLIENTS} members'
     * clients are kept.
     */
    static Function<String, SecurityHubClient> securityHubs(Map<String, String> env) {
        SecurityHubClient own = SinkClients.securityHub(null);
        String organization = env.get(Runtime.ORGANIZATION_ID);
        if (organization == null || organization.isBlank()) {
            return account -> own;
        }
        String region = env.get("AWS_REGION");
        MemberAccounts members = Runtime.members(env, new CredentialsOnly(DefaultCredentialsProvider.builder()
                .build()), Region.of(region == null || region.isBlank() ? "us-east-1" : region), (r, c) -> {
                    throw new IllegalStateException("the exporter reads no account");
                });
        String hub = env.get(Runtime.HUB_ACCOUNT_ID);
        RecentAccounts<SecurityHubClient> recent = new RecentAccounts<>(CACHED_CLIENTS,
                account -> SinkClients.securityHub(null, members.credentials(account)), SecurityHubClient::close);
        return account -> account == null || account.equals(hub) ? own : recent.get(account);
    }

    static final int CACHED_CLIENTS = 32;

    SecurityHubExporterHandler(SecurityHubExport export, Log log, Metrics metrics) {
        this.export = export;
        this.log = log;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        start.begin(context, log, metrics);
        List<String> retry = List.of();
        try {
            List<SecurityHubExport.Item> items = items(input);
            if (!items.isEmpty()) {
                SecurityHubExport.Result result = export.export(items);
                DeliveryReporting.report(new DispatchReport(List.of(result.report())), log, metrics);
                retry = result.retry();
            }
        } finally {
            log.eventId(null);
            metrics.flush();
        }
        ObjectNode response = Json.MAPPER.createObjectNode();
        ArrayNode failures = response.putArray("batchItemFailures");
        retry.forEach(id -> failures.addObject().put("itemIdentifier", id));
        output.write(Json.MAPPER.writeValueAsBytes(response));
    }

    /** The queued findings of an SQS event; records that are not one are dropped here. */
    private List<SecurityHubExport.Item> items(InputStream input) {
        JsonNode records;
        try {
            records = Json.field(Json.MAPPER.readTree(input), "Records");
        } catch (IOException e) {
            records = null;
        }
        if (records == null || !records.isArray()) {
            log.warn("invocation is not an SQS event; dropped", Map.of());
            dropped("NotAnSqsEvent");
            return List.of();
        }
        List<SecurityHubExport.Item> items = new ArrayList<>();
        for (JsonNode record : records) {
            String messageId = Json.text(record, "messageId");
            try {
                if (messageId == null) {
                    throw new IllegalArgumentException("record has no messageId");
                }
                items.add(new SecurityHubExport.Item(messageId,
                        SecurityHubMessage.parse(Json.text(record, "body"))));
            } catch (IllegalArgumentException e) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("messageId", String.valueOf(messageId));
                fields.put("error", String.valueOf(e.getMessage()));
                log.warn("queue message is not a neptune-guard finding; dropped", fields);
                dropped("NotAFinding");
            }
        }
        return items;
    }

    private void dropped(String reason) {
        metrics.count("SecurityHubMessagesDropped", "reason", reason, 1);
    }
}
