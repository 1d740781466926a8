package dev.neptuneguard.sinks;

import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Classifies an exception thrown while delivering. Throttling, 5xx, network faults and AWS errors not known to be
 * permanent are {@link FailureKind#RETRYABLE}: including access errors, because once IAM or the topic policy is
 * fixed a dead-letter redrive recovers the alert, whereas dropping it would lose it silently. Only errors that a
 * retry cannot change are {@link FailureKind#DROPPED}: a request the service rejects as malformed, Security Hub
 * not being enabled.
 */
public final class Faults {

    /**
     * AWS error codes for which a retry of the same request cannot succeed. The SQS ones are what its JSON
     * protocol reports for a malformed message or batch (a bug here, not a state that changes), with and without
     * the {@code AWS.SimpleQueueService.} prefix its query-compatible error header adds.
     */
    private static final Set<String> PERMANENT_CODES = Set.of(
            "InvalidParameter", "InvalidParameterValue", "InvalidInputException", "ValidationException",
            "InvalidAccessException", "InvalidAccess",
            "InvalidMessageContents", "AWS.SimpleQueueService.InvalidMessageContents",
            "BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong",
            "BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
            "TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
            "InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId");

    private Faults() {
    }

    /** A failure of {@code findingIds} in {@code sink} caused by {@code e}. */
    public static DeliveryFailure classify(String sink, Throwable e, List<String> findingIds) {
        if (e instanceof AwsServiceException ase) {
            String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
            String reason = code == null ? "HTTP" + ase.statusCode() : code;
            String message = reason + " (HTTP " + ase.statusCode() + "): " + safeMessage(ase);
            if (code != null && PERMANENT_CODES.contains(code)) {
                String why = code.startsWith("InvalidAccess") ? "SecurityHubNotEnabled" : reason;
                return new DeliveryFailure(sink, FailureKind.DROPPED, why, message, findingIds);
            }
            return new DeliveryFailure(sink, FailureKind.RETRYABLE, reason, message, findingIds);
        }
        if (e instanceof SdkClientException) {
            return new DeliveryFailure(sink, FailureKind.RETRYABLE, "ClientError",
                    e.getClass().getSimpleName() + ": " + e.getMessage(), findingIds);
        }
        return new DeliveryFailure(sink, FailureKind.RETRYABLE, "UnexpectedError",
                e.getClass().getName() + ": " + e.getMessage(), findingIds);
    }

    /**
     * A failure a service reported for one entry of a batch call ({@code SendMessageBatch}'s {@code Failed}, ...)
     * by its error code: the same codes are permanent as for a whole call; any other code may pass on retry.
     */
    public static DeliveryFailure classifyCode(String sink, String code, String message,
                                               List<String> findingIds) {
        String reason = code == null || code.isBlank() ? "Unknown" : code;
        String text = reason + ": " + (message == null ? "" : message);
        if (PERMANENT_CODES.contains(reason)) {
            return new DeliveryFailure(sink, FailureKind.DROPPED, reason, text, findingIds);
        }
        return new DeliveryFailure(sink, FailureKind.RETRYABLE, reason, text, findingIds);
    }

    private static String safeMessage(AwsServiceException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : String.valueOf(e.getMessage());
    }
}
