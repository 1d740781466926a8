package dev.neptuneguard.sinks;

import dev.neptuneguard.model.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.ImportFindingsError;

/**
 * Imports queued findings ({@link SecurityHubMessage}s) into Security Hub (CSPM) with {@code BatchImportFindings}, in
 * batches of at most 100, mapped by {@link AsffMapper} with the message's observation time as {@code UpdatedAt}
 * and its first sightings as {@code CreatedAt} — the same ASFF findings a direct import would have sent.
 *
 * <p>When several messages carry the same Security Hub finding id (the same resource evaluated twice), only the most
 * recent observation is sent and its outcome counts for all of them. The response's {@code FailedFindings} are
 * read one by one: {@code InvalidAccess} (Security Hub not enabled in the account or region) is a dropped failure
 * with reason {@code SecurityHubNotEnabled}; {@code InvalidInput} / {@code Validation*} are dropped (a retry sends
 * the same finding); anything else, and a call that fails as a whole with a retryable fault ({@link Faults}), makes
 * the messages concerned retryable.
 */
public final class SecurityHubExport {

    public static final String NAME = "securityhub";
    static final int BATCH = 100;

    private final Function<String, SecurityHubClient> clients;

    public SecurityHubExport(SecurityHubClient securityHub) {
        this(account -> securityHub);
    }

    /**
     * @param clients the Security Hub client for a finding's account: Security Hub accepts a finding under the
     *        default product only from the account it is about ({@code AwsAccountId}), so in organization mode a
     *        member's findings are imported with the member's credentials (its read role), and the delegated
     *        administrator sees them through its aggregation
     */
    public SecurityHubExport(Function<String, SecurityHubClient> clients) {
        this.clients = clients;
    }

    /** A queued message: its SQS message id and its content. */
    public record Item(String messageId, SecurityHubMessage message) {
    }

    /**
     * What became of a batch of messages.
     *
     * @param retry the message ids to hand back to the queue (a finding of theirs failed in a way a retry can fix)
     * @param report for logging and metrics: findings accepted, imported and failed (by stable finding id)
     */
    public record Result(List<String> retry, SinkReport report) {
        public Result {
            retry = List.copyOf(retry);
        }
    }

    public Result export(List<Item> items) {
        Map<String, Candidate> newest = new LinkedHashMap<>();
        Map<String, List<Item>> carriers = new LinkedHashMap<>();
        Map<Item, List<DeliveryFailure>> failedByItem = new LinkedHashMap<>();
        for (Item item : items) {
            Map<String, AwsSecurityFinding> mapped;
            try {
                mapped = map(item.message());
            } catch (RuntimeException e) {
                // A finding the mapper cannot handle is a bug: retried, it ends in the dead-letter queue, not lost.
                failedByItem.put(item, new ArrayList<>(List.of(new DeliveryFailure(NAME, FailureKind.RETRYABLE,
                        "MappingError", e.getClass().getSimpleName() + ": " + e.getMessage(), List.of()))));
                continue;
            }
            mapped.forEach((id, asff) -> {
                carriers.computeIfAbsent(id, k -> new ArrayList<>()).add(item);
                Candidate c = newest.get(id);
                if (c == null || !item.message().observedAt().isBefore(c.item().message().observedAt())) {
                    newest.put(id, new Candidate(item, asff));
                }
            });
        }
        Map<String, List<AwsSecurityFinding>> byAccount = new LinkedHashMap<>();
        newest.values().forEach(c -> byAccount.computeIfAbsent(c.asff().awsAccountId(), a -> new ArrayList<>())
                .add(c.asff()));
        for (Map.Entry<String, List<AwsSecurityFinding>> account : byAccount.entrySet()) {
            List<AwsSecurityFinding> asff = account.getValue();
            for (int i = 0; i < asff.size(); i += BATCH) {
                List<AwsSecurityFinding> batch = asff.subList(i, Math.min(asff.size(), i + BATCH));
                for (DeliveryFailure failure : importBatch(account.getKey(), batch)) {
                    failure.findingIds().forEach(id -> carriers.getOrDefault(id, List.of()).forEach(item ->
                            failedByItem.computeIfAbsent(item, k -> new ArrayList<>()).add(failure)));
                }
            }
        }
        return result(items, failedByItem);
    }

    /** The Security Hub findings of one message, by id. */
    private static Map<String, AwsSecurityFinding> map(SecurityHubMessage m) {
        Map<String, AwsSecurityFinding> out = new LinkedHashMap<>();
        for (Finding part : SecurityHubFindings.expand(m.finding())) {
            if (!SecurityHubFindings.imported(m.finding(), part, m.firstSeen())) {
                continue; // the all-clear resolves only findings raised before
            }
            String id = SecurityHubFindings.id(part);
            out.put(id, AsffMapper.toAsff(part, m.affectedTotal(), m.createdAt(id), m.observedAt(), m.eventId()));
        }
        return out;
    }

    /** Imports one batch; returns one failure per failed ASFF id (Security Hub ids, re-keyed in {@link #result}). */
    private List<DeliveryFailure> importBatch(String account, List<AwsSecurityFinding> batch) {
        List<String> ids = batch.stream().map(AwsSecurityFinding::id).toList();
        BatchImportFindingsResponse response;
        try {
            response = clients.apply(account).batchImportFindings(b -> b.findings(batch));
        } catch (RuntimeException e) {
            return List.of(Faults.classify(NAME, e, ids));
        }
        List<DeliveryFailure> failures = new ArrayList<>();
        for (ImportFindingsError error : response.failedFindings()) {
            failures.add(failure(error));
        }
        return failures;
    }

    private static DeliveryFailure failure(ImportFindingsError e) {
        String code = e.errorCode() == null ? "Unknown" : e.errorCode();
        String message = code + ": " + e.errorMessage();
        if (code.startsWith("InvalidAccess")) {
            return new DeliveryFailure(NAME, FailureKind.DROPPED, "SecurityHubNotEnabled", message, List.of(e.id()));
        }
        boolean permanent = code.startsWith("InvalidInput") || code.startsWith("Validation");
        return new DeliveryFailure(NAME, permanent ? FailureKind.DROPPED : FailureKind.RETRYABLE, code, message,
                List.of(e.id()));
    }

    /**
     * Per message: its finding is imported when every Security Hub finding it became was imported; otherwise one
     * failure under the finding's stable id, retryable when any part failed retryably (then the message goes back).
     */
    private static Result result(List<Item> items, Map<Item, List<DeliveryFailure>> failedByItem) {
        List<String> retry = new ArrayList<>();
        List<DeliveryFailure> failures = new ArrayList<>();
        int imported = 0;
        for (Item item : items) {
            List<DeliveryFailure> mine = failedByItem.get(item);
            if (mine == null) {
                imported++;
                continue;
            }
            Set<String> reasons = new LinkedHashSet<>();
            mine.forEach(m -> reasons.add(m.reason()));
            DeliveryFailure first = mine.stream().filter(m -> m.kind() == FailureKind.RETRYABLE).findFirst()
                    .orElse(mine.get(0));
            failures.add(new DeliveryFailure(NAME, first.kind(), String.join(",", reasons), first.message(),
                    List.of(item.message().finding().stableId())));
            if (first.kind() == FailureKind.RETRYABLE) {
                retry.add(item.messageId());
            }
        }
        return new Result(retry, new SinkReport(NAME, items.size(), 0, imported, failures, 0, 0));
    }

    private record Candidate(Item item, AwsSecurityFinding asff) {
    }
}
