package dev.neptuneguard.remediation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a re-encryption: one Neptune API call with its exact parameters (named as the API names them, so the
 * same step is printed, executed through the SDK and rendered as an SSM Automation {@code aws:executeAwsApi} step),
 * the resource it creates or changes, the status to wait for, and what the step carries over from the old cluster.
 *
 * @param resource the identifier of the cluster, instance or snapshot the step creates or changes
 * @param parameters the API's parameters in a stable order; values are String, Integer, Boolean, Double,
 *        {@code List<String>}, {@code List<Map<String, String>>} (tags) or {@code Map<String, Object>}
 * @param preserves what the step carries over, in words; empty when it carries nothing over
 */
public record Step(int number, Action action, String resource, Map<String, Object> parameters, String preserves) {

    /** What a step does, the API it calls and the kind of resource whose status it then waits for. */
    public enum Action {
        CREATE_DB_CLUSTER_SNAPSHOT("CreateDBClusterSnapshot", Kind.SNAPSHOT),
        COPY_DB_CLUSTER_SNAPSHOT("CopyDBClusterSnapshot", Kind.SNAPSHOT),
        RESTORE_DB_CLUSTER_FROM_SNAPSHOT("RestoreDBClusterFromSnapshot", Kind.CLUSTER),
        RESTORE_DB_CLUSTER_TO_POINT_IN_TIME("RestoreDBClusterToPointInTime", Kind.CLUSTER),
        MODIFY_DB_CLUSTER("ModifyDBCluster", Kind.CLUSTER),
        ADD_ROLE_TO_DB_CLUSTER("AddRoleToDBCluster", Kind.CLUSTER),
        CREATE_DB_INSTANCE("CreateDBInstance", Kind.INSTANCE);

        private final String api;
        private final Kind kind;

        Action(String api, Kind kind) {
            this.api = api;
            this.kind = kind;
        }

        public String api() {
            return api;
        }

        public Kind kind() {
            return kind;
        }
    }

    /** The kind of resource a step waits on. */
    public enum Kind { CLUSTER, INSTANCE, SNAPSHOT }

    public Step {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The parameter's value as text, or {@code null} when the step does not set it. */
    public String text(String parameter) {
        Object v = parameters.get(parameter);
        return v == null ? null : v.toString();
    }

    /** The API call in one line, e.g. {@code CreateDBInstance DBInstanceIdentifier=db-1-reenc ...}. */
    public String call() {
        StringBuilder b = new StringBuilder(action.api());
        parameters.forEach((k, v) -> b.append(' ').append(k).append('=').append(ParameterText.of(v)));
        return b.toString();
    }
}
