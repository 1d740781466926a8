package dev.neptuneguard.configrule;

import java.util.List;

/**
 * Config answered {@code PutEvaluations} with {@code FailedEvaluations}. The invocation fails so that
 * Config invokes the rule again; evaluations are idempotent per resource and ordering timestamp.
 */
public class EvaluationsRejectedException extends RuntimeException {

    private final List<String> failedResourceIds;

    public EvaluationsRejectedException(List<String> failedResourceIds, int sent) {
        super("AWS Config rejected " + failedResourceIds.size() + " of " + sent + " evaluations: "
                + String.join(", ", failedResourceIds.subList(0, Math.min(10, failedResourceIds.size())))
                + (failedResourceIds.size() > 10 ? ", …" : ""));
        this.failedResourceIds = List.copyOf(failedResourceIds);
    }

    public List<String> failedResourceIds() {
        return failedResourceIds;
    }
}
