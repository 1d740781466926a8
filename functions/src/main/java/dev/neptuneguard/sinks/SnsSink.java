package dev.neptuneguard.sinks;

import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes alerts to an SNS topic, one message per finding with per-protocol bodies
 * ({@link SnsMessageRenderer}). Semantics ({@link AlertPolicy}): FAILED, non-exempt findings at or above the
 * minimum severity, plus the {@code KMS_KEY_RISK_CLEARED} all-clear; other PASSED, NOT_APPLICABLE and suppressed
 * findings are not published. Each finding is published on its own, so one message SNS rejects does not stop the
 * rest; but after an AWS or network failure a retry may cure (throttling, 5xx, network, access), which the SDK has
 * already retried,
 * the remaining findings are not attempted and fail with it: a hung topic would otherwise cost a full call timeout
 * per finding and carry the invocation into the Lambda timeout.
 */
public final class SnsSink implements Sink {

    public static final String NAME = "sns";

    private final SnsClient sns;
    private final String topicArn;
    private final Severity minimum;

    public SnsSink(SnsClient sns, String topicArn, Severity minimum) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.minimum = minimum;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Severity minimumSeverity() {
        return minimum;
    }

    @Override
    public SinkResult deliver(List<Finding> findings, DeliveryContext context) {
        SinkResult.Builder result = new SinkResult.Builder();
        DeliveryFailure outage = null;
        for (Finding f : findings) {
            if (outage != null) {
                result.failed(new DeliveryFailure(NAME, outage.kind(), outage.reason(), "not attempted after: "
                        + outage.message(), List.of(f.stableId())));
                continue;
            }
            try {
                publish(SnsMessageRenderer.render(f, context.eventId(), context.now()));
                result.delivered(f);
            } catch (RuntimeException e) {
                DeliveryFailure failure = Faults.classify(NAME, e, List.of(f.stableId()));
                result.failed(failure);
                if (failure.kind() == FailureKind.RETRYABLE && e instanceof SdkException) {
                    outage = failure;
                }
            }
        }
        return result.build();
    }

    private void publish(SnsMessage m) {
        Map<String, MessageAttributeValue> attributes = m.attributes().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey,
                        e -> MessageAttributeValue.builder().dataType("String").stringValue(e.getValue()).build()));
        sns.publish(b -> b.topicArn(topicArn).subject(m.subject()).messageStructure("json").message(m.message())
                .messageAttributes(attributes));
    }
}
