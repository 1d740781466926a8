package dev.neptuneguard.handler;

import dev.neptuneguard.configrule.AwsConfigApi;
import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.inventory.AwsInventory;
import java.io.ByteArrayInputStream;
import java.util.List;
import software.amazon.awssdk.services.config.ConfigClient;

/**
 * Priming of the config jar's handler: the AWS Config rule's {@code handleRequest} on a change notification and a
 * scheduled notification, reading Neptune and KMS and sending {@code PutEvaluations}, all on in-memory clients.
 * Uses only SDK modules the config jar holds.
 */
final class ConfigPriming {

    private ConfigPriming() {
    }

    static void configRule(Priming.Session s) {
        ConfigRuleHandler handler = configRuleHandler(s);
        for (String event : List.of("config/change-neptune-cluster-unencrypted-kmskeyid-null.json",
                "config/scheduled-notification.json")) {
            s.step("handle " + event, () -> handler.handleRequest(
                    new ByteArrayInputStream(Priming.Session.event(event)), s.output(), null));
        }
    }

    static ConfigRuleHandler configRuleHandler(Priming.Session s) {
        AwsClients clients = AwsClients.builder().region(s.region()).credentialsProvider(s.credentials())
                .httpClient(s.http).build();
        s.closeLater(clients::close);
        return new ConfigRuleHandler(new AwsConfigApi(s.client(ConfigClient.builder())),
                (account, policy) -> new AwsInventory(clients, account, policy.requireKeyRotation()), System.getenv(),
                s.clock, s.log(ConfigRuleHandler.SERVICE), s.metrics(ConfigRuleHandler.SERVICE));
    }
}
