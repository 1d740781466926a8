package dev.neptuneguard.sinks;

import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/**
 * Imports findings into Security Hub directly, for the command line's {@code replay --send} (its jar holds every
 * SDK module). The Lambda functions do not use it: they queue their findings ({@link SecurityHubQueueSink}) for the
 * exporter function, whose jar is the only one with the Security Hub SDK. Both paths import through
 * {@link SecurityHubExport}, so the same finding becomes the same ASFF finding: same findings
 * ({@link AlertPolicy#forSecurityHub}), {@code CreatedAt} from {@link FirstSightings}, batches of 100, and
 * {@code InvalidAccess} (Security Hub not enabled) reported as a dropped failure, never a reason to retry.
 */
public final class SecurityHubSink implements Sink {

    public static final String NAME = SecurityHubExport.NAME;

    private final SecurityHubExport export;
    private final FirstSightings firstSightings;
    private final Severity minimum;

    public SecurityHubSink(SecurityHubClient securityHub, FirstSightings firstSightings, Severity minimum) {
        this.export = new SecurityHubExport(securityHub);
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
        List<SecurityHubExport.Item> items = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            Map<String, Instant> seen = SecurityHubFindings.sightings(firstSightings, f, context.now());
            if (!AlertPolicy.isAllClear(f) || !seen.isEmpty()) {
                items.add(new SecurityHubExport.Item(Integer.toString(i), SecurityHubMessage.of(f, context, seen)));
            }
        }
        SecurityHubExport.Result imported = export.export(items);
        SinkResult.Builder result = new SinkResult.Builder();
        Set<String> failed = new HashSet<>();
        for (DeliveryFailure failure : imported.report().failures()) {
            failed.addAll(failure.findingIds());
            result.failed(failure);
        }
        findings.stream().filter(f -> !failed.contains(f.stableId())).forEach(result::delivered);
        return result.build();
    }
}
