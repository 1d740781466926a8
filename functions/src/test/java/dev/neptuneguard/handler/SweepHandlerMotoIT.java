package dev.neptuneguard.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.moto.EventFixture;
import dev.neptuneguard.moto.MotoExtension;
import dev.neptuneguard.moto.MotoServer;
import dev.neptuneguard.moto.MotoStack;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.neptune.NeptuneClient;

/**
 * The daily sweep end to end on moto, over an account with a key in each state moto can hold: Enabled, Disabled,
 * PendingDeletion, PendingImport (an EXTERNAL key without material; the harness patches moto, which would make it
 * Enabled), and a well-formed key ARN KMS does not know (a key deleted after its cluster was created). moto has no
 * custom key stores, so {@code Unavailable} is not covered here (the stub suite covers it).
 */
@ExtendWith(MotoExtension.class)
class SweepHandlerMotoIT {

    private static final String GONE_KEY =
            "arn:aws:kms:us-east-1:" + MotoServer.ACCOUNT + ":key/0f0f0f0f-1111-2222-3333-444444444444";

    private MotoStack stack;
    private DeployedFunctions functions;
    private NeptuneClient neptune;
    private KmsClient kms;

    @BeforeEach
    void deploy(MotoServer moto) {
        stack = MotoStack.deploy(moto);
        functions = new DeployedFunctions(stack.environment(Map.of()));
        neptune = moto.client(NeptuneClient.builder()).build();
        kms = moto.client(KmsClient.builder()).build();
    }

    @Test
    void sweep_aKeyInEachState_oneKeyFindingPerUnusableKeyAndRemindersForThePendingDeletion() {
        cluster("graph-ok", key("enabled"));
        String disabled = key("disabled");
        kms.disableKey(b -> b.keyId(disabled));
        cluster("graph-disabled", disabled);
        String pending = key("pending");
        cluster("graph-pending", pending);
        kms.scheduleKeyDeletion(b -> b.keyId(pending).pendingWindowInDays(7));
        String external = kms.createKey(b -> b.description("imported").origin(OriginType.EXTERNAL)).keyMetadata()
                .arn();
        cluster("graph-import", external);
        // moto accepts a key it does not know at create; in AWS the key was deleted after the cluster was created.
        cluster("graph-orphan", GONE_KEY);

        JsonNode result = DeployedFunctions.invoke(functions.sweep(),
                EventFixture.load("misc/sweep-scheduled-event.json").account(MotoServer.ACCOUNT).json());

        assertThat(result.path("status").asText()).isEqualTo("swept");
        assertThat(result.path("clusters").asInt()).isEqualTo(5);
        assertThat(result.path("keys").asInt()).isEqualTo(5);
        assertThat(result.path("remindersCreated").asInt()).isEqualTo(3);
        Map<String, String> keyFindings = stack.alerts().stream().filter(a -> a.ruleId().startsWith("KMS_"))
                .collect(Collectors.toMap(MotoStack.Alert::resourceArn, MotoStack.Alert::ruleId));
        assertThat(keyFindings).containsExactlyInAnyOrderEntriesOf(Map.of(
                disabled, "KMS_KEY_DISABLED_IN_USE",
                pending, "KMS_KEY_DELETION_SCHEDULED_IN_USE",
                external, "KMS_KEY_MATERIAL_DELETED_IN_USE",
                GONE_KEY, "KMS_KEY_DELETED_IN_USE"));
        assertThat(stack.schedules()).hasSize(3).allSatisfy(s -> assertThat(s.target().input()).contains(pending));
    }

    @Test
    void sweep_runTwice_remindersAndAlertsNotDuplicated() {
        String pending = key("pending");
        cluster("graph-pending", pending);
        kms.scheduleKeyDeletion(b -> b.keyId(pending).pendingWindowInDays(7));
        String event = EventFixture.load("misc/sweep-scheduled-event.json").account(MotoServer.ACCOUNT).json();

        DeployedFunctions.invoke(functions.sweep(), event);
        JsonNode second = DeployedFunctions.invoke(functions.sweep(), event);

        assertThat(second.path("remindersCreated").asInt()).isZero();
        assertThat(stack.schedules()).hasSize(3);
        assertThat(stack.alerts()).extracting(MotoStack.Alert::ruleId).containsExactly(
                "KMS_KEY_DELETION_SCHEDULED_IN_USE");
    }

    /**
     * moto shows the default key of an encrypted cluster as {@code default_kms_key_id}: not a key id or ARN, so KMS's
     * NotFoundException for it cannot mean "deleted" (issue 16). Today the sweep calls it deleted.
     */
    @Test
    void sweep_motoDefaultKeyPlaceholder_cannotVerifyNeverDeleted() {
        neptune.createDBCluster(b -> b.dbClusterIdentifier("graph-default").engine("neptune").storageEncrypted(true));

        JsonNode result = DeployedFunctions.invoke(functions.sweep(),
                EventFixture.load("misc/sweep-scheduled-event.json").account(MotoServer.ACCOUNT).json());

        assertThat(result.path("findings").asInt()).isZero();
        assertThat(stack.alerts()).noneMatch(a -> a.ruleId().equals("KMS_KEY_DELETED_IN_USE"));
    }

    private String key(String description) {
        return kms.createKey(b -> b.description(description)).keyMetadata().arn();
    }

    private void cluster(String name, String keyArn) {
        neptune.createDBCluster(b -> b.dbClusterIdentifier(name).engine("neptune").storageEncrypted(true)
                .kmsKeyId(keyArn));
    }
}
