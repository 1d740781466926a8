package dev.neptuneguard.sinks;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Assembles the dispatcher a handler uses from {@link SinkSettings} and already-built clients (a handler builds
 * its clients once, in its constructor). A client may be {@code null} when its sink is not configured.
 */
public final class Sinks {

    private Sinks() {
    }

    public static Dispatcher dispatcher(SinkSettings settings, SnsClient sns, SqsClient sqs, DynamoDbClient dynamo) {
        List<Sink> sinks = new ArrayList<>();
        if (settings.topicArn() != null) {
            sinks.add(new SnsSink(sns, settings.topicArn(), settings.alertMinimum()));
        }
        if (settings.securityHub()) {
            sinks.add(new SecurityHubQueueSink(sqs, settings.securityHubQueueUrl(),
                    new DynamoDbFirstSightings(dynamo, settings.tableName()), settings.securityHubMinimum()));
        }
        return new Dispatcher(sinks, new DynamoDbDeliveryLedger(dynamo, settings.tableName(), settings.retention()));
    }
}
