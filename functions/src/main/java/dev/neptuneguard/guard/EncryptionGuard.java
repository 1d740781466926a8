package dev.neptuneguard.guard;

import dev.neptuneguard.events.GraphTrigger;
import dev.neptuneguard.events.IgnoreReason;
import dev.neptuneguard.events.Ignored;
import dev.neptuneguard.events.ResourceTrigger;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.SnapshotFacts;
import dev.neptuneguard.policy.EncryptionRules;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster/snapshot half of the guard: from a trigger or a whole account to findings. It re-reads
 * state through the {@link Inventory} (the event is a trigger, not the truth) and hands the facts to the
 * pure {@link EncryptionRules}. Tags are read only for resources that have a failed finding, since only
 * those can be exempted: AWS calls grow with problems, not with resources.
 */
public final class EncryptionGuard {

    private final Inventory inventory;
    private final EncryptionRules rules;
    private final Clock clock;

    public EncryptionGuard(Inventory inventory, EncryptionRules rules, Clock clock) {
        this.inventory = inventory;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * Evaluates the cluster or snapshot a trigger names.
     *
     * @throws ResourceNotVisibleException when the resource is neither describable nor described by the event
     */
    public TriggerResult evaluate(ResourceTrigger trigger) {
        if (trigger.kind().isCluster()) {
            Optional<ClusterFacts> live = inventory.cluster(trigger.identifier());
            ClusterFacts facts = live.orElse(trigger.clusterFromEvent());
            if (facts == null) {
                throw new ResourceNotVisibleException("cluster " + trigger.identifier() + " from " + trigger.eventName()
                        + " " + trigger.eventId() + " is not visible yet and the event does not describe it");
            }
            if (!facts.isNeptune()) {
                return TriggerResult.ignored(new Ignored(IgnoreReason.OTHER_ENGINE, "cluster " + facts.identifier()
                        + " has engine " + facts.engine() + " (not neptune)", trigger.eventId(), trigger.eventName()));
            }
            return new TriggerResult(trigger, evaluateCluster(facts));
        }
        Optional<SnapshotFacts> live = inventory.snapshot(trigger.identifier());
        SnapshotFacts facts = live.orElse(trigger.snapshotFromEvent());
        if (facts == null) {
            throw new ResourceNotVisibleException("snapshot " + trigger.identifier() + " from " + trigger.eventName()
                    + " " + trigger.eventId() + " is not visible yet and the event does not describe it");
        }
        if (!facts.isNeptune()) {
            return TriggerResult.ignored(new Ignored(IgnoreReason.OTHER_ENGINE, "snapshot " + facts.identifier()
                    + " has engine " + facts.engine() + " (not neptune)", trigger.eventId(), trigger.eventName()));
        }
        return new TriggerResult(trigger, evaluateSnapshot(facts));
    }

    /**
     * Evaluates the Neptune Analytics graph or graph snapshot a trigger names, re-read first.
     *
     * @throws ResourceNotVisibleException when it is neither readable nor described by the event
     */
    public TriggerResult evaluate(GraphTrigger trigger) {
        if (trigger.kind().isGraph()) {
            GraphFacts facts = inventory.graph(trigger.id()).orElse(trigger.graphFromEvent());
            if (facts == null) {
                throw new ResourceNotVisibleException("graph " + trigger.id() + " from " + trigger.eventName() + " "
                        + trigger.eventId() + " is not visible yet and the event does not describe it");
            }
            return new TriggerResult(trigger, evaluateGraph(facts));
        }
        GraphSnapshotFacts facts = inventory.graphSnapshot(trigger.id()).orElse(trigger.snapshotFromEvent());
        if (facts == null) {
            throw new ResourceNotVisibleException("graph snapshot " + trigger.id() + " from " + trigger.eventName()
                    + " " + trigger.eventId() + " is not visible yet and the event does not describe it");
        }
        return new TriggerResult(trigger, evaluateGraphSnapshot(facts));
    }

    public List<Finding> evaluateGraph(GraphFacts graph) {
        KeyFacts key = graph.awsOwnedKey() ? null : inventory.key(graph.customerKey());
        List<Finding> findings = rules.evaluateGraph(graph, key, today());
        if (needsTags(findings, graph.tagsKnown())) {
            findings = rules.evaluateGraph(graph.withTags(inventory.tags(graph.arn())), key, today());
        }
        return findings;
    }

    public List<Finding> evaluateGraphSnapshot(GraphSnapshotFacts snapshot) {
        KeyFacts key = snapshot.awsOwnedKey() ? null : inventory.key(snapshot.customerKey());
        List<Finding> findings = rules.evaluateGraphSnapshot(snapshot, key, today());
        if (needsTags(findings, snapshot.tagsKnown())) {
            findings = rules.evaluateGraphSnapshot(snapshot.withTags(inventory.tags(snapshot.arn())), key, today());
        }
        return findings;
    }

    public List<Finding> evaluateCluster(ClusterFacts cluster) {
        KeyFacts key = keyOf(cluster.encrypted(), cluster.kmsKeyId());
        List<Finding> findings = rules.evaluateCluster(cluster, key, today());
        if (needsTags(findings, cluster.tagsKnown())) {
            findings = rules.evaluateCluster(cluster.withTags(inventory.tags(cluster.arn())), key, today());
        }
        return findings;
    }

    public List<Finding> evaluateSnapshot(SnapshotFacts snapshot) {
        KeyFacts key = keyOf(snapshot.encrypted(), snapshot.kmsKeyId());
        List<Finding> findings = rules.evaluateSnapshot(snapshot, key, today());
        if (needsTags(findings, snapshot.tagsKnown())) {
            findings = rules.evaluateSnapshot(snapshot.withTags(inventory.tags(snapshot.arn())), key, today());
        }
        return findings;
    }

    /** Evaluates every Neptune cluster, snapshot, graph and graph snapshot in the inventory's account and region. */
    public ScanReport scan() {
        List<Finding> findings = new ArrayList<>();
        Set<String> references = new HashSet<>();
        List<ClusterFacts> clusters = inventory.clusters();
        for (ClusterFacts c : clusters) {
            findings.addAll(evaluateCluster(c));
            if (c.encrypted() && c.kmsKeyId() != null) {
                references.add(c.kmsKeyId());
            }
        }
        List<SnapshotFacts> snapshots = inventory.snapshots();
        for (SnapshotFacts s : snapshots) {
            findings.addAll(evaluateSnapshot(s));
            if (s.encrypted() && s.kmsKeyId() != null) {
                references.add(s.kmsKeyId());
            }
        }
        List<GraphFacts> graphs = inventory.graphs();
        for (GraphFacts g : graphs) {
            findings.addAll(evaluateGraph(g));
            if (g.customerKey() != null) {
                references.add(g.customerKey());
            }
        }
        List<GraphSnapshotFacts> graphSnapshots = inventory.graphSnapshots();
        for (GraphSnapshotFacts s : graphSnapshots) {
            findings.addAll(evaluateGraphSnapshot(s));
            if (s.customerKey() != null) {
                references.add(s.customerKey());
            }
        }
        // Each distinct reference resolved once: an alias and the ARN it names are one key.
        long keys = references.stream().map(r -> inventory.key(r).displayArn()).distinct().count();
        return new ScanReport(inventory.account(), inventory.region(), clusters.size(), snapshots.size(), (int) keys,
                findings, graphs.size(), graphSnapshots.size());
    }

    private KeyFacts keyOf(boolean encrypted, String kmsKeyId) {
        if (!encrypted) {
            return null;
        }
        if (kmsKeyId == null) {
            return KeyFacts.unverifiable(null, "the resource is encrypted but names no KmsKeyId");
        }
        return inventory.key(kmsKeyId);
    }

    private static boolean needsTags(List<Finding> findings, boolean tagsKnown) {
        return !tagsKnown && findings.stream().anyMatch(f -> f.status() == ComplianceStatus.FAILED);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
