package dev.neptuneguard.sinks;

import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Hands findings for Security Hub to the export queue instead of importing them here, so that the guard functions'
 * jar carries no Security Hub SDK; the exporter function imports them. Same findings as a direct import
 * ({@link AlertPolicy#forSecurityHub}: every status at or above the minimum severity, plus the all-clear), one
 * {@link SecurityHubMessage} per finding, carrying the event id, the observation time and the first sightings of its
 * Security Hub ids ({@link FirstSightings}, so {@code CreatedAt} stays put across imports).
 *
 * <p>Messages go out with {@code SendMessageBatch}, at most 10 entries and 256 KiB per call. Each entry succeeds or
 * fails on its own: a failed entry is classified by {@link Faults} (a malformed message is dropped, anything else —
 * throttling, KMS or access trouble on the queue — is retryable), and the {@link Dispatcher}'s ledger records only
 * the findings whose message was accepted, so a retried invocation re-sends only the rest. After an AWS or network
 * failure a retry could cure, which the SDK has already retried (first sightings unreadable, a batch refused as a
 * whole), the remaining
 * findings are not attempted and fail with it: a hung table or queue would otherwise cost a full call timeout per
 * finding or batch and carry the invocation into the Lambda timeout.
 */
public final class SecurityHubQueueSink implements Sink {

    public static final String NAME = "securityhub-queue";
    static final int MAX_ENTRIES = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final FirstSightings firstSightings;
    private final Severity minimum;

    public SecurityHubQueueSink(SqsClient sqs, String queueUrl, FirstSightings firstSightings, Severity minimum) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.firstSightings = firstSightings;
        this.minimum = minimum;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Severity minimumSeverity() {
        return minimum;
    }

    @Override
    public boolean accepts(Finding f) {
        return AlertPolicy.forSecurityHub(f, minimum);
    }

    @Override
    public SinkResult deliver(List<Finding> findings, DeliveryContext context) {
        SinkResult.Builder result = new SinkResult.Builder();
        List<Outgoing> ready = new ArrayList<>();
        DeliveryFailure outage = null;
        for (Finding f : findings) {
            if (outage != null) {
                result.failed(notAttempted(outage, List.of(f.stableId())));
                continue;
            }
            try {
                Map<String, Instant> seen = SecurityHubFindings.sightings(firstSightings, f, context.now());
                if (AlertPolicy.isAllClear(f) && seen.isEmpty()) {
                    result.delivered(f); // an all-clear for findings never raised: nothing to resolve
                    continue;
                }
                ready.add(new Outgoing(f, SecurityHubMessage.of(f, context, seen).toJson()));
            } catch (SecurityHubMessage.MessageTooLargeException e) {
                result.failed(new DeliveryFailure(NAME, FailureKind.DROPPED, "MessageTooLarge", e.getMessage(),
                        List.of(f.stableId())));
            } catch (RuntimeException e) {
                DeliveryFailure failure = Faults.classify(NAME, e, List.of(f.stableId()));
                result.failed(failure);
                if (failure.kind() == FailureKind.RETRYABLE && e instanceof SdkException) {
                    outage = failure; // the table is in trouble: the rest would each cost a call timeout
                }
            }
        }
        for (List<Outgoing> batch : batches(ready)) {
            if (outage != null) {
                result.failed(notAttempted(outage, batch.stream().map(o -> o.finding().stableId()).toList()));
                continue;
            }
            outage = send(batch, result);
        }
        return result.build();
    }

    private static DeliveryFailure notAttempted(DeliveryFailure outage, List<String> findingIds) {
        return new DeliveryFailure(NAME, outage.kind(), outage.reason(), "not attempted after: " + outage.message(),
                findingIds);
    }

    /** Greedy batches of at most {@link #MAX_ENTRIES} messages and {@link SecurityHubMessage#MAX_BYTES} in all. */
    static List<List<Outgoing>> batches(List<Outgoing> messages) {
        List<List<Outgoing>> out = new ArrayList<>();
        List<Outgoing> current = new ArrayList<>();
        int bytes = 0;
        for (Outgoing m : messages) {
            boolean full = current.size() == MAX_ENTRIES || bytes + m.bytes() > SecurityHubMessage.MAX_BYTES;
            if (!current.isEmpty() && full) {
                out.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(m);
            bytes += m.bytes();
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** Sends one batch; returns the failure of the call as a whole when a retry could cure it, else null. */
    private DeliveryFailure send(List<Outgoing> batch, SinkResult.Builder result) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(entryId(i)).messageBody(batch.get(i).body())
                    .build());
        }
        SendMessageBatchResponse response;
        try {
            response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        } catch (RuntimeException e) {
            DeliveryFailure failure = Faults.classify(NAME, e, batch.stream().map(o -> o.finding().stableId())
                    .toList());
            result.failed(failure);
            return failure.kind() == FailureKind.RETRYABLE && e instanceof SdkException ? failure : null;
        }
        Set<String> answered = new HashSet<>();
        for (SendMessageBatchResultEntry ok : response.successful()) {
            Outgoing o = byEntryId(batch, ok.id());
            if (o != null && answered.add(ok.id())) {
                result.delivered(o.finding());
            }
        }
        for (BatchResultErrorEntry failed : response.failed()) {
            Outgoing o = byEntryId(batch, failed.id());
            if (o != null && answered.add(failed.id())) {
                result.failed(Faults.classifyCode(NAME, failed.code(), failed.message(),
                        List.of(o.finding().stableId())));
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            if (!answered.contains(entryId(i))) {
                // SQS answers every entry; one it left out is not known to be queued, so it is sent again on retry.
                result.failed(new DeliveryFailure(NAME, FailureKind.RETRYABLE, "NoResult",
                        "SendMessageBatch gave no result for this entry", List.of(batch.get(i).finding().stableId())));
            }
        }
        return null;
    }

    private static String entryId(int index) {
        return "m" + index;
    }

    private static Outgoing byEntryId(List<Outgoing> batch, String id) {
        if (id == null || !id.startsWith("m")) {
            return null;
        }
        try {
            int i = Integer.parseInt(id.substring(1));
            return i >= 0 && i < batch.size() ? batch.get(i) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A finding and its message body, with the body's size as SQS counts it. */
    record Outgoing(Finding finding, String body) {
        int bytes() {
            return body.getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
