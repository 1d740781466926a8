package dev.neptuneguard.sinks;

import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.ImportFindingsError;

/**
 * Imports findings into Security Hub (CSPM) with {@code BatchImportFindings}, in batches of at most 100, mapped by
 * {@link AsffMapper}. Semantics: every result at or above the minimum severity is imported — FAILED ones as
 * ACTIVE, PASSED / NOT_APPLICABLE / exempt ones as ARCHIVED — because Security Hub is the record of state, not an
 * alert channel; the all-clear notice archives the key findings it ends. {@code CreatedAt} comes from
 * {@link FirstSightings}. The response's {@code FailedFindings} are inspected one by one: {@code InvalidAccess}
 * (Security Hub not enabled in the account or region) is a dropped failure with reason
 * {@code SecurityHubNotEnabled}, never a reason to hold back the other sinks.
 */
public final class SecurityHubSink implements Sink {

    public static final String NAME = "securityhub";
    static final int BATCH = 100;

    private final SecurityHubClient securityHub;
    private final FirstSightings firstSightings;
    private final Severity minimum;

    public SecurityHubSink(SecurityHubClient securityHub, FirstSightings firstSightings, Severity minimum) {
        this.securityHub = securityHub;
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
        return AlertPolicy.isAllClear(f) || f.severity().isAtLeast(minimum);
    }

    @Override
    public SinkResult deliver(List<Finding> findings, DeliveryContext context) {
        Map<String, Finding> origin = new LinkedHashMap<>();
        Map<String, Finding> asffSource = new LinkedHashMap<>();
        for (Finding f : findings) {
            for (Finding part : AsffMapper.expand(f)) {
                String id = AsffMapper.findingId(part);
                asffSource.put(id, part);
                origin.put(id, f);
            }
        }
        Map<String, java.time.Instant> created = firstSightings.firstSeen(asffSource.keySet(), context.now());
        List<AwsSecurityFinding> asff = new ArrayList<>();
        asffSource.forEach((id, part) ->
                asff.add(AsffMapper.toAsff(part, created.get(id), context.now(), context.eventId())));

        Map<Finding, List<DeliveryFailure>> failed = new LinkedHashMap<>();
        for (int i = 0; i < asff.size(); i += BATCH) {
            List<AwsSecurityFinding> batch = asff.subList(i, Math.min(asff.size(), i + BATCH));
            for (DeliveryFailure failure : importBatch(batch)) {
                for (String id : failure.findingIds()) {
                    failed.computeIfAbsent(origin.get(id), k -> new ArrayList<>()).add(failure);
                }
            }
        }
        return result(findings, failed);
    }

    /** Imports one batch; returns one failure per failed ASFF id (ids, not stable ids, until {@link #result}). */
    private List<DeliveryFailure> importBatch(List<AwsSecurityFinding> batch) {
        List<String> ids = batch.stream().map(AwsSecurityFinding::id).toList();
        BatchImportFindingsResponse response;
        try {
            response = securityHub.batchImportFindings(b -> b.findings(batch));
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

    /** Per original finding: delivered when every ASFF finding it became was imported; failures re-keyed. */
    private static SinkResult result(List<Finding> findings, Map<Finding, List<DeliveryFailure>> failed) {
        SinkResult.Builder result = new SinkResult.Builder();
        for (Finding f : findings) {
            List<DeliveryFailure> mine = failed.get(f);
            if (mine == null) {
                result.delivered(f);
                continue;
            }
            Set<String> reasons = new LinkedHashSet<>();
            mine.forEach(m -> reasons.add(m.reason()));
            DeliveryFailure first = mine.stream().filter(m -> m.kind() == FailureKind.RETRYABLE).findFirst()
                    .orElse(mine.get(0));
            result.failed(new DeliveryFailure(NAME, first.kind(), String.join(",", reasons), first.message(),
                    List.of(f.stableId())));
        }
        return result.build();
    }
}
