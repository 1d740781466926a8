package dev.neptuneguard.cdk;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * The guard functions of one stack, by handler class. Every function is built here, with the stack's deployment
 * packages and alarm topic, so that what organization mode adds to every function (the organization's variables
 * and a fixed role name that member accounts trust, see {@link HubRoles}) is added in one place and to all of them.
 */
final class GuardFunctions {

    private final Construct scope;
    private final LambdaArtifacts code;
    private final ITopic alarmTopic;
    private final OrganizationSettings organization;
    private final Map<String, GuardFunction> byHandler = new LinkedHashMap<>();

    /**
     * @param scope where the functions are built (the stack: their construct ids are part of their logical ids)
     * @param organization the organization settings, or null for a single account
     */
    GuardFunctions(Construct scope, LambdaArtifacts code, ITopic alarmTopic, OrganizationSettings organization) {
        this.scope = scope;
        this.code = code;
        this.alarmTopic = alarmTopic;
        this.organization = organization;
    }

    GuardFunction add(String id, String handler, String description, Map<String, String> environment,
                      Duration timeout) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        String roleName = null;
        if (organization != null) {
            env.putAll(organization.functionEnvironment());
            roleName = HubRoles.roleName(handler, organization.hubRegion());
        }
        GuardFunction function = new GuardFunction(scope, id, new GuardFunction.Props(handler, description,
                code.forHandler(handler), env, timeout, alarmTopic, roleName));
        byHandler.put(handler, function);
        return function;
    }

    /** The function of a handler, or null when the stack has none (an optional part is off). */
    GuardFunction get(String handler) {
        return byHandler.get(handler);
    }

    /** Every function, by handler, in the order they were built. */
    Map<String, GuardFunction> byHandler() {
        return Collections.unmodifiableMap(byHandler);
    }

    Collection<GuardFunction> all() {
        return byHandler.values();
    }

    /** Read-only Neptune and KMS describe calls in the stack's own account and region. */
    static void grantRead(GuardFunction function) {
        function.allow(GuardPermissions.readNeptune());
        function.allow(GuardPermissions.readKeys());
        function.allow(GuardPermissions.listKeys());
    }

    /**
     * Read-only Neptune Analytics calls, for the functions whose artifact carries the Neptune Analytics SDK module
     * (the guard jar: cluster, key and reminder functions).
     */
    static void grantReadGraphs(GuardFunction function) {
        function.allow(GuardPermissions.listGraphs());
        function.allow(GuardPermissions.readGraphs());
        NagFindings.acknowledgeGraphReads(function.role());
    }

    /**
     * An EventBridge target that invokes the function's {@code live} alias, with the retries and the dead-letter
     * queue every trigger of the guard has.
     */
    static LambdaFunction target(GuardFunction function) {
        return new LambdaFunction(function.alias(), LambdaFunctionProps.builder()
                .deadLetterQueue(function.deadLetters())
                .retryAttempts(NeptuneGuardStack.TARGET_RETRY_ATTEMPTS)
                .maxEventAge(GuardFunction.MAX_EVENT_AGE)
                .build());
    }
}
