package dev.neptuneguard.configrule;

import dev.neptuneguard.guard.EncryptionGuard;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.SnapshotFacts;
import dev.neptuneguard.policy.EncryptionRules;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS Config custom rule: from an invocation to one evaluation per resource. Change notifications
 * evaluate the configuration item (the key is read live, since an item knows nothing of the key's state);
 * oversized notifications fetch the item from Config's history first; scheduled runs evaluate every Neptune
 * cluster and cluster snapshot in the account and region. Deleted resources, resources that left the
 * rule's scope and other engines are {@code NOT_APPLICABLE}.
 */
public final class ConfigRule {

    private final ConfigApi config;
    private final Clock clock;

    public ConfigRule(ConfigApi config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public RuleResult evaluate(ConfigInvocation invocation, RuleSettings settings, Inventory inventory) {
        Run run = new Run(invocation, settings, inventory,
                new EncryptionGuard(inventory, new EncryptionRules(settings.policy()), clock));
        return switch (invocation.messageType()) {
            case CONFIGURATION_ITEM_CHANGE -> single(run, ConfigurationItem.from(invocation.configurationItem()));
            case OVERSIZED_CONFIGURATION_ITEM_CHANGE -> single(run,
                    ConfigurationItem.from(invocation.configurationItemSummary()));
            case SCHEDULED -> scheduled(run);
        };
    }

    private record Run(ConfigInvocation invocation, RuleSettings settings, Inventory inventory, EncryptionGuard guard) {
    }

    private RuleResult single(Run run, ConfigurationItem item) {
        Evaluation evaluation = evaluateItem(run, item);
        return new RuleResult(run.invocation().messageType(), List.of(evaluation), List.of());
    }

    private Evaluation evaluateItem(Run run, ConfigurationItem item) {
        String awsType = item.resourceType();
        String id = item.resourceId();
        if (awsType == null || id == null) {
            throw new InvalidInvocationException("configuration item names no resourceType or resourceId");
        }
        Instant ordering = first(item.captureTime(), run.invocation().notificationCreationTime(), clock.instant());
        if (run.invocation().eventLeftScope()) {
            return Verdicts.notApplicable(awsType, id, "The resource left the rule's scope.", ordering);
        }
        if (item.deleted()) {
            return Verdicts.notApplicable(awsType, id, "The resource was deleted (" + item.status() + ").", ordering);
        }
        ResourceType type = item.type();
        if (type == null) {
            return Verdicts.notApplicable(awsType, id, "neptune-guard does not evaluate " + awsType + ".", ordering);
        }
        if (!run.settings().covers(type)) {
            return Verdicts.notApplicable(awsType, id, "The rule's " + RuleSettings.RESOURCE_TYPES
                    + " setting leaves out " + awsType + ".", ordering);
        }
        ConfigurationItem full = item;
        if (item.configuration() == null && run.invocation().messageType()
                == MessageType.OVERSIZED_CONFIGURATION_ITEM_CHANGE) {
            // Never drop an oversized item: its configuration is in Config's history.
            full = config.latestConfigurationItem(awsType, id).map(ConfigurationItem::from).orElse(item);
            if (full.deleted()) {
                return Verdicts.notApplicable(awsType, id, "The resource was deleted (" + full.status() + ").",
                        ordering);
            }
            ordering = first(item.captureTime(), full.captureTime(), ordering);
        }
        return type == ResourceType.CLUSTER
                ? evaluateCluster(run, full, ordering)
                : evaluateSnapshot(run, full, ordering);
    }

    private Evaluation evaluateCluster(Run run, ConfigurationItem item, Instant ordering) {
        ClusterFacts facts = item.configuration() != null ? item.toClusterFacts() : null;
        if (facts == null || facts.engine() == null) {
            // The item does not say enough (not recorded, no engine): read the cluster itself.
            Optional<ClusterFacts> live = lookup(item).flatMap(run.inventory()::cluster);
            if (live.isPresent()) {
                facts = live.get();
            } else if (facts == null) {
                return Verdicts.notApplicable(item.resourceType(), item.resourceId(),
                        "No configuration was recorded and the cluster is not visible.", ordering);
            }
        }
        if (!facts.isNeptune()) {
            return Verdicts.notApplicable(item.resourceType(), item.resourceId(),
                    "Engine " + facts.engine() + " is not neptune.", ordering);
        }
        return Verdicts.of(ResourceType.CLUSTER, item.resourceId(), run.guard().evaluateCluster(facts), ordering);
    }

    private Evaluation evaluateSnapshot(Run run, ConfigurationItem item, Instant ordering) {
        SnapshotFacts facts = item.configuration() != null ? item.toSnapshotFacts() : null;
        if (facts == null || facts.engine() == null) {
            Optional<SnapshotFacts> live = lookup(item).flatMap(run.inventory()::snapshot);
            if (live.isPresent()) {
                facts = live.get();
            } else if (facts == null) {
                return Verdicts.notApplicable(item.resourceType(), item.resourceId(),
                        "No configuration was recorded and the snapshot is not visible.", ordering);
            }
        }
        if (!facts.isNeptune()) {
            return Verdicts.notApplicable(item.resourceType(), item.resourceId(),
                    "Engine " + facts.engine() + " is not neptune.", ordering);
        }
        return Verdicts.of(ResourceType.SNAPSHOT, item.resourceId(), run.guard().evaluateSnapshot(facts), ordering);
    }

    private RuleResult scheduled(Run run) {
        Instant ordering = first(run.invocation().notificationCreationTime(), clock.instant(), null);
        List<Evaluation> out = new ArrayList<>();
        List<String> unidentified = new ArrayList<>();
        if (run.settings().covers(ResourceType.CLUSTER)) {
            Map<String, String> recorded = null;
            for (ClusterFacts cluster : run.inventory().clusters()) {
                String id = cluster.resourceId();
                if (id == null) {
                    recorded = recorded != null ? recorded : config.resourceIdsByName(ResourceType.CLUSTER.awsType());
                    id = recorded.get(cluster.identifier());
                }
                if (id == null) {
                    unidentified.add(cluster.arn());
                    continue;
                }
                out.add(Verdicts.of(ResourceType.CLUSTER, id, run.guard().evaluateCluster(cluster), ordering));
            }
        }
        if (run.settings().covers(ResourceType.SNAPSHOT)) {
            List<SnapshotFacts> snapshots = run.inventory().snapshots();
            // Which id Config records a cluster snapshot under is not documented: ask Config, once per run.
            Map<String, String> recorded = snapshots.isEmpty() ? Map.of()
                    : config.resourceIdsByName(ResourceType.SNAPSHOT.awsType());
            for (SnapshotFacts snapshot : snapshots) {
                String id = recorded.getOrDefault(snapshot.identifier(), snapshot.arn());
                if (id == null) {
                    unidentified.add(snapshot.identifier());
                    continue;
                }
                out.add(Verdicts.of(ResourceType.SNAPSHOT, id, run.guard().evaluateSnapshot(snapshot), ordering));
            }
        }
        return new RuleResult(MessageType.SCHEDULED, out, unidentified);
    }

    private static Optional<String> lookup(ConfigurationItem item) {
        return Optional.ofNullable(item.arn() != null ? item.arn() : item.resourceName());
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
