package dev.neptuneguard.cdk;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The queue between the alerting functions and Security Hub: every finding Security Hub should hold (failed,
 * passed, archived) goes here, and the exporter imports them in batches. Keeping the Security Hub SDK out of the
 * alerting functions keeps their package under its size budget, and the queue gives the import its own retries
 * and dead letters.
 *
 * <p>Like every part of the single-account stack, these resources are added to the scope they are given (see
 * {@link AlertDelivery} for why).
 */
final class SecurityHubExport {

    private final Queue queue;

    SecurityHubExport(Construct scope, ITopic alarmTopic) {
        Queue deadLetters = Queue.Builder.create(scope, "SecurityHubExportDeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(GuardFunction.DEAD_LETTER_RETENTION)
                .build();
        NagFindings.acknowledgeDeadLetterQueue(deadLetters);
        GuardFunction.deadLettersAlarm(scope, "SecurityHubExportDeadLettersAlarm", deadLetters,
                "neptune-guard: findings could not be imported into Security Hub after "
                        + NeptuneGuardStack.EXPORT_MAX_RECEIVES + " attempts. They are in the Security Hub export"
                        + " dead-letter queue.", alarmTopic);
        this.queue = Queue.Builder.create(scope, "SecurityHubExportQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                // At least six times the exporter's timeout, as Lambda recommends for SQS event sources.
                .visibilityTimeout(Duration.seconds(360))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters)
                        .maxReceiveCount(NeptuneGuardStack.EXPORT_MAX_RECEIVES).build())
                .build();
    }

    Queue queue() {
        return queue;
    }

    /** The variable an alerting function reads to queue its findings. */
    Map<String, String> environment() {
        return Map.of(NeptuneGuardStack.ENV_SECURITY_HUB_QUEUE_URL, queue.getQueueUrl());
    }

    /** Lets an alerting function queue its findings, and nothing else. */
    void grantQueueing(GuardFunction function) {
        function.allow(GuardPermissions.queueFindings(queue.getQueueArn()));
    }

    /** The exporter: imports what the queue holds with BatchImportFindings, a few batches at a time. */
    GuardFunction addExporter(GuardFunctions functions) {
        GuardFunction exporter = functions.add("SecurityHubExporter", NeptuneGuardStack.SECURITY_HUB_EXPORTER_HANDLER,
                "imports neptune-guard findings into Security Hub (ASFF, BatchImportFindings)", Map.of(),
                Duration.seconds(60));
        exporter.allow(GuardPermissions.importFindings());
        SqsEventSource source = new SqsEventSource(queue, SqsEventSourceProps.builder()
                .batchSize(NeptuneGuardStack.EXPORT_BATCH_SIZE)
                .maxBatchingWindow(Duration.seconds(5))
                .maxConcurrency(NeptuneGuardStack.EXPORT_MAX_CONCURRENCY)
                .reportBatchItemFailures(true)
                .build());
        exporter.alias().addEventSource(source);
        exporter.alias().getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().startsWith("SqsEventSource"))
                .forEach(NagFindings::acknowledgeSqsEventSource);
        return exporter;
    }
}
