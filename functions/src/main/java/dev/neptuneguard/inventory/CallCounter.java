package dev.neptuneguard.inventory;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the AWS API calls made through the SDK clients it is registered on, and the HTTP attempts behind
 * them (a call that is throttled once and then succeeds is one call and two attempts). The product keeps
 * "AWS calls per event" budgets; this is how a handler or a test measures them without mocking the SDK.
 */
public final class CallCounter implements ExecutionInterceptor {

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final Map<String, AtomicLong> callsByOperation = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.incrementAndGet();
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        callsByOperation.computeIfAbsent(operation == null ? "unknown" : operation, k -> new AtomicLong())
                .incrementAndGet();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        // Runs once per HTTP attempt, retries included; beforeExecution runs once per call.
        attempts.incrementAndGet();
    }

    /** The counts so far; subtract an earlier tally to get the usage of one event or one run. */
    public Tally tally() {
        Map<String, Long> byOperation = new HashMap<>();
        callsByOperation.forEach((operation, count) -> byOperation.put(operation, count.get()));
        return new Tally(calls.get(), attempts.get(), byOperation);
    }

    /**
     * Counts at one moment.
     *
     * @param calls API calls made (one per SDK method invocation, whatever the retries)
     * @param attempts HTTP requests sent, retries included
     * @param callsByOperation calls per API operation name, e.g. {@code DescribeKey}
     */
    public record Tally(long calls, long attempts, Map<String, Long> callsByOperation) {

        public Tally {
            callsByOperation = Map.copyOf(callsByOperation);
        }

        public static Tally zero() {
            return new Tally(0, 0, Map.of());
        }

        /** Calls of one operation; 0 when it was never called. */
        public long calls(String operation) {
            return callsByOperation.getOrDefault(operation, 0L);
        }

        /** What happened after {@code earlier}. */
        public Tally minus(Tally earlier) {
            Map<String, Long> diff = new TreeMap<>();
            callsByOperation.forEach((operation, count) -> {
                long delta = count - earlier.calls(operation);
                if (delta != 0) {
                    diff.put(operation, delta);
                }
            });
            return new Tally(calls - earlier.calls, attempts - earlier.attempts, diff);
        }
    }
}
