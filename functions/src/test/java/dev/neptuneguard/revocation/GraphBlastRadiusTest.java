package dev.neptuneguard.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.Severity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Neptune Analytics graphs and graph snapshots in a key's blast radius, its wording, protection and the sweep. */
class GraphBlastRadiusTest {

    private static final Instant NOW = Instant.parse("2026-11-23T17:10:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final RecordingKeyActions actions = new RecordingKeyActions();
    private final RecordingReminders reminders = new RecordingReminders();

    private static Demo.Builder withGraphsOnLegacy() {
        return Demo.account()
                .withGraph(Demo.graph("g-legacy0001", "fraud-rings", Demo.LEGACY, "AVAILABLE"))
                .withGraph(Demo.graph("g-owned00001", "lab-graph", null, "AVAILABLE"))
                .withGraphSnapshot(Demo.graphSnapshot("gs-legacy001", "fraud-rings-nightly", "g-legacy0001",
                        Demo.LEGACY))
                .withGraphSnapshot(Demo.graphSnapshot("gs-owned0001", "lab-nightly", "g-owned00001", "AWS_OWNED_KEY"));
    }

    private RevocationResult handle(ProtectionMode mode, String fixture, Inventory inventory) {
        KeyRevocationGuard guard = new KeyRevocationGuard(inventory, new RevocationRules(), reminders,
                ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS),
                new Protection(new ProtectionSettings(mode, List.of()), actions, CLOCK), CLOCK);
        return guard.handle((KeyTrigger) EventParser.parse(Demo.event(fixture)));
    }

    @Test
    void radius_legacyKey_includesItsGraphAndGraphSnapshotButNotTheAwsOwnedOnes() {
        KeyUsage usage = KeyUsage.read(withGraphsOnLegacy().build());

        BlastRadius r = usage.radius(usage.key(Demo.LEGACY));

        assertThat(r.graphs()).extracting(g -> g.id()).containsExactly("g-legacy0001");
        assertThat(r.graphSnapshots()).extracting(s -> s.id()).containsExactly("gs-legacy001");
        assertThat(r.counted()).isEqualTo("1 Neptune cluster, 1 cluster snapshot, 1 Neptune Analytics graph and "
                + "1 graph snapshot");
        assertThat(r.affectedArns()).endsWith(
                "arn:aws:neptune-graph:us-east-1:111122223333:graph/g-legacy0001",
                "arn:aws:neptune-graph:us-east-1:111122223333:graph-snapshot/gs-legacy001");
    }

    @Test
    void keysInUse_graphKeysCountedAwsOwnedNever() {
        Inventory inventory = Demo.account().withKey(Demo.key("2222bbbb-22bb-22bb-22bb-222222222222", null,
                        "CUSTOMER", "AWS_KMS", "Enabled", null, null, null))
                .withGraph(Demo.graph("g-onlygraph1", "only-graph", Demo.keyArn("2222bbbb-22bb-22bb-22bb-222222222222"),
                        "AVAILABLE"))
                .withGraph(Demo.graph("g-owned00001", "lab-graph", "AWS_OWNED_KEY", "AVAILABLE")).build();

        List<String> keys = KeyUsage.read(inventory).keysInUse().stream().map(k -> k.displayArn()).toList();

        assertThat(keys).contains(Demo.keyArn("2222bbbb-22bb-22bb-22bb-222222222222")).noneMatch(k ->
                k.contains("AWS_OWNED_KEY"));
    }

    @Test
    void counted_graphsOnly_namesThemAlone() {
        BlastRadius r = KeyUsage.read(Demo.account().withGraph(Demo.graph("g-x000000001", "a", Demo.HSM, "AVAILABLE"))
                .withGraph(Demo.graph("g-x000000002", "b", Demo.HSM, "AVAILABLE")).build()).radius(Demo.hsm("Enabled"));

        assertThat(r.counted()).isEqualTo("1 Neptune cluster and 2 Neptune Analytics graphs");
        BlastRadius graphsOnly = new BlastRadius(Demo.hsm("Enabled"), List.of(), List.of(), r.graphs(), List.of());
        assertThat(graphsOnly.counted()).isEqualTo("2 Neptune Analytics graphs");
    }

    @Test
    void disableKey_keyUsedByGraphs_findingSaysSoAndListsThem() {
        RevocationResult r = handle(ProtectionMode.OFF, "kms/disable-key-legacy.json",
                withGraphsOnLegacy().legacy("Disabled").build());

        Finding f = r.findings().get(0);
        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_DISABLED_IN_USE);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.detail()).contains("1 Neptune cluster, 1 cluster snapshot, 1 Neptune Analytics graph and 1 graph "
                + "snapshot", "Neptune Analytics graphs:\n- fraud-rings (g-legacy0001, AVAILABLE)",
                "Graph snapshots on this key:\n- fraud-rings-nightly (gs-legacy001, AVAILABLE)");
        assertThat(f.affectedResources()).contains(
                "arn:aws:neptune-graph:us-east-1:111122223333:graph/g-legacy0001");
    }

    @Test
    void dryRun_keyOnlyALiveGraphNeeds_wouldProtectBecauseTheGraphDependsOnIt() {
        Inventory inventory = Demo.account().legacy("PendingDeletion")
                .replaceCluster(Demo.cluster("graph-legacy", Demo.CMK, "available", false))
                .withoutLegacyRecoverySnapshot()
                .withGraph(Demo.graph("g-legacy0001", "fraud-rings", Demo.LEGACY, "AVAILABLE")).build();

        RevocationResult r = handle(ProtectionMode.DRY_RUN, "kms/schedule-key-deletion-legacy.json", inventory);

        assertThat(r.protection().status()).isEqualTo(ProtectionOutcome.Status.WOULD_PROTECT);
        assertThat(r.protection().steps()).containsExactly("CancelKeyDeletion", "EnableKey", "TagResource");
        assertThat(r.findings().get(0).detail()).contains("because a live Neptune Analytics graph depends on it: "
                + "graph fraud-rings.");
    }

    @Test
    void dryRun_onlyGraphOnKeyHasFailed_notProtected() {
        Inventory inventory = Demo.account().legacy("PendingDeletion")
                .replaceCluster(Demo.cluster("graph-legacy", Demo.CMK, "available", false))
                .withGraph(Demo.graph("g-legacy0001", "fraud-rings", Demo.LEGACY, "FAILED")).build();

        RevocationResult r = handle(ProtectionMode.DRY_RUN, "kms/schedule-key-deletion-legacy.json", inventory);

        assertThat(r.protection().status()).isEqualTo(ProtectionOutcome.Status.NOT_APPLICABLE);
        assertThat(actions.calls).isEmpty();
    }

    @Test
    void sweep_countsGraphsAndReportsAKeyOnlyAGraphUses() {
        Inventory inventory = Demo.account().withKey(Demo.key("3333cccc-33cc-33cc-33cc-333333333333", null,
                        "CUSTOMER", "AWS_KMS", "Disabled", null, null, null))
                .withGraph(Demo.graph("g-onlygraph1", "only-graph", Demo.keyArn("3333cccc-33cc-33cc-33cc-333333333333"),
                        "AVAILABLE"))
                .withGraphSnapshot(Demo.graphSnapshot("gs-owned0001", "lab-nightly", "g-owned00001", null)).build();

        SweepReport report = new RevocationSweep(inventory, new RevocationRules(), reminders,
                ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS), CLOCK).run();

        assertThat(report.graphs()).isEqualTo(1);
        assertThat(report.graphSnapshots()).isEqualTo(1);
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_DISABLED_IN_USE);
            assertThat(f.detail()).contains("1 Neptune Analytics graph");
        });
        SweepReport merged = SweepReport.merge(List.of(report, report), List.of());
        assertThat(merged.graphs()).isEqualTo(2);
    }
}
