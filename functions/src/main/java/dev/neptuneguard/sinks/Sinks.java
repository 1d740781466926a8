package dev.neptuneguard.sinks;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Assembles the dispatcher a handler uses from {@link SinkSettings} and already-built clients (a handler builds
 * its clients once, in its constructor).
 */
public final class Sinks {

    private Sinks() {
    }

    public static Dispatcher dispatcher(SinkSettings settings, SnsClient sns, SecurityHubClient securityHub,
                                       DynamoDbClient dynamo) {
        List<Sink> sinks = new ArrayList<>();
        if (settings.topicArn() != null) {
            sinks.add(new SnsSink(sns, settings.topicArn(), settings.alertMinimum()));
        }
        if (settings.securityHub()) {
            sinks.add(new SecurityHubSink(securityHub, new DynamoDbFirstSightings(dynamo, settings.tableName()),
                    settings.securityHubMinimum()));
        }
        return new Dispatcher(sinks, new DynamoDbDeliveryLedger(dynamo, settings.tableName(), settings.retention()));
    }
}
