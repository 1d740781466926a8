package dev.neptuneguard.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.SnapshotFacts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyUsageTest {

    @Test
    void radius_legacyKey_clusterAndItsSnapshotOnThatKeyOnly() {
        KeyUsage usage = KeyUsage.read(Demo.account().build());

        BlastRadius r = usage.radius(usage.key(Demo.LEGACY));

        assertThat(r.inUse()).isTrue();
        assertThat(r.clusters()).extracting(c -> c.cluster().identifier()).containsExactly("graph-legacy");
        assertThat(r.snapshots()).extracting(SnapshotFacts::identifier)
                .containsExactly("rds:graph-legacy-2026-11-23-03-10");
        assertThat(r.counted()).isEqualTo("1 Neptune cluster and 1 cluster snapshot");
    }

    @Test
    void radius_keyGivenByAliasOrId_sameResourcesAsByArn() {
        KeyUsage usage = KeyUsage.read(Demo.account().build());

        BlastRadius byAlias = usage.radius(usage.key("alias/neptune-legacy"));
        BlastRadius byAliasArn = usage.radius(usage.key("arn:aws:kms:us-east-1:111122223333:alias/neptune-legacy"));
        BlastRadius byId = usage.radius(usage.key(Demo.LEGACY_ID));

        assertThat(byAlias.affectedArns()).isEqualTo(byId.affectedArns()).isEqualTo(byAliasArn.affectedArns())
                .containsExactly(Demo.clusterArn("graph-legacy"),
                        Demo.snapshotArn("rds:graph-legacy-2026-11-23-03-10"));
    }

    @Test
    void radius_resourcesNamingKeyByIdOffline_matchedThroughTheDescribedKey() {
        StaticInventory inventory = Demo.account()
                .withCluster(Demo.cluster("graph-offline", Demo.LEGACY_ID, "available", false))
                .withCluster(Demo.cluster("graph-alias", "alias/neptune-legacy", "available", false)).build();
        KeyUsage usage = KeyUsage.read(inventory);

        BlastRadius r = usage.radius(usage.key(Demo.LEGACY));

        assertThat(r.clusters()).extracting(c -> c.cluster().identifier())
                .containsExactlyInAnyOrder("graph-legacy", "graph-offline", "graph-alias");
    }

    @Test
    void recoveryPath_snapshotOnOtherUsableKey_newestChosen() {
        StaticInventory inventory = Demo.account().withSnapshot(Demo.snapshot("graph-legacy-newer-on-cmk",
                "graph-legacy", "manual", Demo.CMK, "2026-11-20T00:00:00Z")).build();
        KeyUsage usage = KeyUsage.read(inventory);

        AffectedCluster c = usage.radius(usage.key(Demo.LEGACY)).clusters().get(0);

        assertThat(c.hasRecoveryPath()).isTrue();
        assertThat(c.recoverySnapshot().identifier()).isEqualTo("graph-legacy-newer-on-cmk");
        assertThat(c.recoveryKey().arn()).isEqualTo(Demo.CMK);
    }

    @Test
    void recoveryPath_otherKeyDisabled_none() {
        KeyUsage usage = KeyUsage.read(Demo.account().cmk(Demo.cmk("Disabled")).build());

        AffectedCluster c = usage.radius(usage.key(Demo.LEGACY)).clusters().get(0);

        assertThat(c.hasRecoveryPath()).isFalse();
        assertThat(c.describe()).endsWith("no recovery path (no available snapshot of it on another usable key)");
    }

    @Test
    void recoveryPath_onlySnapshotsOnTheSameKey_none() {
        KeyUsage usage = KeyUsage.read(Demo.account().withoutLegacyRecoverySnapshot().build());

        assertThat(usage.radius(usage.key(Demo.LEGACY)).clusters().get(0).hasRecoveryPath()).isFalse();
    }

    @Test
    void recoveryPath_unencryptedSnapshot_countsAndSaysUnencrypted() {
        StaticInventory inventory = Demo.account().withoutLegacyRecoverySnapshot()
                .withSnapshot(Demo.snapshot("graph-legacy-plain", "graph-legacy", "manual", null,
                        "2026-11-02T00:00:00Z"))
                .build();
        KeyUsage usage = KeyUsage.read(inventory);

        AffectedCluster c = usage.radius(usage.key(Demo.LEGACY)).clusters().get(0);

        assertThat(c.describe()).endsWith("recovery path: unencrypted snapshot graph-legacy-plain");
    }

    @Test
    void recoveryPath_snapshotStillCreating_notCounted() {
        SnapshotFacts creating = new SnapshotFacts(Demo.snapshotArn("graph-legacy-now"), "graph-legacy-now",
                "graph-legacy", Demo.ACCOUNT, Demo.REGION, "neptune", "creating", "manual", true, Demo.CMK, null,
                Map.of(), false, FactSource.OFFLINE);
        KeyUsage usage = KeyUsage.read(Demo.account().withoutLegacyRecoverySnapshot().withSnapshot(creating).build());

        assertThat(usage.radius(usage.key(Demo.LEGACY)).clusters().get(0).hasRecoveryPath()).isFalse();
    }

    @Test
    void liveClusters_deletingClusterExcluded() {
        KeyUsage usage = KeyUsage.read(Demo.account()
                .replaceCluster(Demo.cluster("graph-legacy", Demo.LEGACY, "deleting", false)).build());

        BlastRadius r = usage.radius(usage.key(Demo.LEGACY));

        assertThat(r.clusters()).hasSize(1);
        assertThat(r.liveClusters()).isEmpty();
    }

    @Test
    void keysInStore_hsmStore_onlyTheNeptuneKeyInThatStore() {
        KeyUsage usage = KeyUsage.read(Demo.account().build());

        assertThat(usage.keysInStore(Demo.STORE)).extracting(KeyFacts::arn).containsExactly(Demo.HSM);
        assertThat(usage.keysInStore("cks-0000000000other0")).isEmpty();
    }

    @Test
    void keysInUse_demoAccount_fourDistinctKeysEachDescribedOnce() {
        CountingInventory counting = new CountingInventory(Demo.account().build());
        KeyUsage usage = KeyUsage.read(counting);

        List<KeyFacts> keys = usage.keysInUse();
        usage.keysInUse();

        assertThat(keys).extracting(KeyFacts::arn).containsExactlyInAnyOrder(Demo.CMK, Demo.AWS_RDS, Demo.HSM,
                Demo.LEGACY);
        assertThat(counting.keyLookups).hasSize(4).doesNotHaveDuplicates();
    }

    /**
     * One key event over an account with n clusters (all on the legacy key, each with an automated snapshot on it
     * and a manual one on the CMK): one cluster listing, one snapshot listing, and one key lookup per distinct key
     * whatever n is.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 150, 10_000})
    void handle_manyClusters_oneListingEachAndOneLookupPerDistinctKey(int n) {
        List<ClusterFacts> clusters = new ArrayList<>();
        List<SnapshotFacts> snapshots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "graph-" + i;
            clusters.add(Demo.cluster(id, Demo.LEGACY, "available", i % 2 == 0));
            snapshots.add(Demo.snapshot("rds:" + id + "-2026-11-23-03-10", id, "automated", Demo.LEGACY,
                    "2026-11-23T03:10:00Z"));
            snapshots.add(Demo.snapshot(id + "-pre-migration", id, "manual", Demo.CMK, "2026-11-01T08:00:00Z"));
        }
        CountingInventory counting = new CountingInventory(new StaticInventory(Demo.ACCOUNT, Demo.REGION, clusters,
                snapshots, List.of(Demo.cmk("Enabled"), Demo.legacy("Disabled"))));
        Instant now = Instant.parse("2026-11-21T14:03:00Z");
        KeyRevocationGuard guard = new KeyRevocationGuard(counting, new RevocationRules(), new RecordingReminders(),
                ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS), new Protection(ProtectionSettings.off(),
                new RecordingKeyActions(), Clock.fixed(now, ZoneOffset.UTC)), Clock.fixed(now, ZoneOffset.UTC));

        RevocationResult r = guard.handle((KeyTrigger) EventParser.parse(Demo.event("kms/disable-key-legacy.json")));

        assertThat(counting.clusterListings).isEqualTo(1);
        assertThat(counting.snapshotListings).isEqualTo(1);
        assertThat(counting.graphListings).isEqualTo(1);
        assertThat(counting.graphSnapshotListings).isEqualTo(1);
        assertThat(counting.keyLookups).containsExactly(Demo.LEGACY, Demo.CMK);
        assertThat(r.findings()).hasSize(1);
        assertThat(r.findings().get(0).affectedResources()).hasSize(2 * n);
        assertThat(r.findings().get(0).detail()).contains(n + " Neptune cluster" + (n == 1 ? "" : "s") + " and " + n
                + " cluster snapshot");
    }
}
