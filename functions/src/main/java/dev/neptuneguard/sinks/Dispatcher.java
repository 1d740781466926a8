package dev.neptuneguard.sinks;

import dev.neptuneguard.model.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hands one event's findings to every sink, each on its own: a sink that throws or fails never keeps another
 * from delivering, and its failure is reported, not thrown.
 *
 * <p>Per sink the order is: <b>check</b> the ledger for (event, finding, sink) records, <b>send</b> what is not
 * recorded, <b>record</b> only what was sent successfully (conditional put). So a retried invocation re-sends only
 * to the sinks and findings that failed, and a duplicate event that arrives after the first finished sends
 * nothing. The accepted race: two invocations of the same event running at the same moment can both pass the
 * check and both send; the second record then fails its condition and is counted as
 * {@link SinkReport#racedDuplicates()}. Claiming before sending (a "pending" record) would close that gap but
 * can lose an alert when the claimer dies before sending and before the claim expires; for a security alert a
 * rare duplicate is the lesser harm. For the same reason, if the ledger cannot be read the sink still sends, and
 * if a record cannot be written the delivery still counts as done. Once one ledger call has failed (after the SDK's
 * own retries), the rest of the dispatch does without the ledger: a table that is down or hung would otherwise cost
 * a full call timeout per sink and per finding, and carry the invocation into the Lambda timeout.
 */
public final class Dispatcher {

    private final List<Sink> sinks;
    private final DeliveryLedger ledger;

    public Dispatcher(List<Sink> sinks, DeliveryLedger ledger) {
        this.sinks = List.copyOf(sinks);
        this.ledger = ledger;
    }

    public List<Sink> sinks() {
        return sinks;
    }

    public DispatchReport dispatch(List<Finding> findings, DeliveryContext context) {
        List<SinkReport> reports = new ArrayList<>(sinks.size());
        boolean[] ledgerDown = {false};
        for (Sink sink : sinks) {
            reports.add(deliverTo(sink, findings, context, ledgerDown));
        }
        return new DispatchReport(reports);
    }

    /** @param ledgerDown set once a ledger call failed; from then on the ledger is skipped (counted as errors) */
    private SinkReport deliverTo(Sink sink, List<Finding> findings, DeliveryContext context, boolean[] ledgerDown) {
        Map<DeliveryKey, Finding> wanted = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (sink.accepts(f)) {
                wanted.putIfAbsent(new DeliveryKey(context.eventId(), f.stableId(), sink.name()), f);
            }
        }
        if (wanted.isEmpty()) {
            return new SinkReport(sink.name(), 0, 0, 0, List.of(), 0, 0);
        }
        int ledgerErrors = 0;
        Set<DeliveryKey> done = Set.of();
        if (ledgerDown[0]) {
            ledgerErrors++;
        } else {
            try {
                done = ledger.delivered(wanted.keySet());
            } catch (RuntimeException e) {
                ledgerErrors++;
                ledgerDown[0] = true;
            }
        }
        List<Finding> toSend = new ArrayList<>();
        for (Map.Entry<DeliveryKey, Finding> e : wanted.entrySet()) {
            if (!done.contains(e.getKey())) {
                toSend.add(e.getValue());
            }
        }
        SinkResult result = send(sink, toSend, context);
        int raced = 0;
        for (Finding f : result.delivered()) {
            if (ledgerDown[0]) {
                ledgerErrors++;
                continue;
            }
            try {
                if (!ledger.record(new DeliveryKey(context.eventId(), f.stableId(), sink.name()), context.now())) {
                    raced++;
                }
            } catch (RuntimeException e) {
                ledgerErrors++;
                ledgerDown[0] = true;
            }
        }
        return new SinkReport(sink.name(), wanted.size(), wanted.size() - toSend.size(), result.delivered().size(),
                result.failures(), raced, ledgerErrors);
    }

    private static SinkResult send(Sink sink, List<Finding> toSend, DeliveryContext context) {
        if (toSend.isEmpty()) {
            return SinkResult.allDelivered(List.of());
        }
        try {
            return sink.deliver(toSend, context);
        } catch (RuntimeException e) {
            List<String> ids = toSend.stream().map(Finding::stableId).toList();
            return new SinkResult(List.of(), List.of(Faults.classify(sink.name(), e, ids)));
        }
    }
}
