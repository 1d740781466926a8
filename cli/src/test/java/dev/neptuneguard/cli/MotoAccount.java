package dev.neptuneguard.cli;

import dev.neptuneguard.moto.MotoServer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.neptune.NeptuneClient;
import software.amazon.awssdk.services.neptune.model.Tag;

/**
 * An account in two regions, built in moto through the SDK, with one Neptune cluster per kind of verdict: in
 * us-east-1 an unencrypted cluster, one on a customer managed key with rotation on, one exempted by tag, one on a
 * disabled key with a manual snapshot, one on a key pending deletion, one on moto's default-key placeholder, and an
 * Aurora cluster the guard skips; in eu-west-1 a cluster on a customer managed key and an unencrypted one. moto adds
 * an automated snapshot for every cluster.
 */
final class MotoAccount {

    static final Region EAST = Region.US_EAST_1;
    static final Region WEST = Region.EU_WEST_1;

    final String rotatingKey;
    final String disabledKey;
    final String pendingKey;
    final String westKey;

    private MotoAccount(MotoServer moto) {
        KmsClient kms = moto.client(KmsClient.builder(), EAST).build();
        NeptuneClient neptune = moto.client(NeptuneClient.builder(), EAST).build();
        rotatingKey = kms.createKey(b -> b.description("graph prod")).keyMetadata().arn();
        kms.createAlias(b -> b.aliasName("alias/neptune-prod").targetKeyId(rotatingKey));
        kms.enableKeyRotation(b -> b.keyId(rotatingKey));
        disabledKey = kms.createKey(b -> b.description("graph legacy")).keyMetadata().arn();
        pendingKey = kms.createKey(b -> b.description("graph retired")).keyMetadata().arn();

        neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-scratch").engine("neptune").storageEncrypted(false));
        neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-prod").engine("neptune").storageEncrypted(true)
                .kmsKeyId(rotatingKey));
        neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-lab").engine("neptune").storageEncrypted(false)
                .tags(Tag.builder().key("neptune-guard:exempt").value("throwaway lab; until=2099-12-31").build()));
        neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-legacy").engine("neptune").storageEncrypted(true)
                .kmsKeyId(disabledKey));
        neptune.createDBClusterSnapshot(b -> b.dbClusterIdentifier("graph-legacy")
                .dbClusterSnapshotIdentifier("graph-legacy-before-upgrade"));
        neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-retired").engine("neptune").storageEncrypted(true)
                .kmsKeyId(pendingKey));
        neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-default").engine("neptune").storageEncrypted(true));
        neptune.createDBCluster(b -> b.dbClusterIdentifier("orders").engine("aurora-mysql").masterUsername("admin")
                .masterUserPassword("not-a-secret-1"));
        kms.disableKey(b -> b.keyId(disabledKey));
        kms.scheduleKeyDeletion(b -> b.keyId(pendingKey).pendingWindowInDays(7));

        KmsClient westKms = moto.client(KmsClient.builder(), WEST).build();
        NeptuneClient westNeptune = moto.client(NeptuneClient.builder(), WEST).build();
        westKey = westKms.createKey(b -> b.description("graph eu")).keyMetadata().arn();
        westNeptune.createDBCluster(b -> b.dbClusterIdentifier("graph-eu").engine("neptune").storageEncrypted(true)
                .kmsKeyId(westKey));
        westNeptune.createDBCluster(b -> b.dbClusterIdentifier("graph-eu-plain").engine("neptune")
                .storageEncrypted(false));
    }

    static MotoAccount build(MotoServer moto) {
        return new MotoAccount(moto);
    }

    static String clusterArn(Region region, String name) {
        return "arn:aws:rds:" + region.id() + ":" + MotoServer.ACCOUNT + ":cluster:" + name;
    }
}
