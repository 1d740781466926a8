package dev.neptuneguard.handler;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a handler does when Lambda invokes it, before anything is logged: puts the invocation's context on the log
 * lines and, on the first invocation of the handler (Lambda makes one per process, so: the cold start, or the first
 * invocation after a SnapStart restore), publishes the {@code ColdStart} metric and marks the lines
 * {@code cold_start: true}. Priming invokes with no context and so does not use up the cold start.
 */
final class InvocationStart {

    private final AtomicBoolean cold = new AtomicBoolean(true);

    void begin(Context context, Log log, Metrics metrics) {
        boolean first = context != null && cold.compareAndSet(true, false);
        log.invocation(context, first);
        if (first) {
            metrics.coldStart(context.getFunctionName());
        }
    }
}
