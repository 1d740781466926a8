package dev.neptuneguard.cdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * One guard Lambda function with every default the product relies on, so that no handler can be deployed
 * without them: Java 25 on arm64, SnapStart on published versions behind the {@value #ALIAS_NAME} alias that
 * every trigger invokes, its own role (no managed policies), an explicit log group with retention, the metrics
 * namespace, active tracing, asynchronous retries and maximum event age on the alias, an encrypted SQS queue that receives
 * whatever could not be processed, and alarms on that queue and on the function's errors.
 *
 * <p>The queue is wired as the alias's on-failure destination rather than as the function's dead-letter queue:
 * a destination record carries the original event plus the error and the invocation context, and setting both
 * would put every failure in the queue twice. The same queue is the dead-letter queue of the EventBridge
 * targets that invoke the function ({@link #deadLetters()}).
 */
public final class GuardFunction extends Construct {

    public static final String ALIAS_NAME = "live";
    /**
     * Peak RSS measured 82–124 MB at Lambda-like heap settings (bench/results.md, G6), so 512 MB would hold it;
     * 1 GB is kept because Lambda allots CPU in proportion to memory and what is left after a SnapStart restore
     * (first TLS connections, credentials) is CPU-bound. The guard runs rarely, so the cost difference is small.
     */
    public static final int MEMORY_MB = 1024;
    public static final int ASYNC_RETRY_ATTEMPTS = 2;
    /** Events older than this go to the queue (and raise the alarm) instead of waiting out a long outage. */
    public static final Duration MAX_EVENT_AGE = Duration.hours(1);
    public static final RetentionDays LOG_RETENTION = RetentionDays.ONE_YEAR;
    public static final Duration DEAD_LETTER_RETENTION = Duration.days(14);
    /**
     * The handlers' EMF metrics namespace, under Powertools' setting name (the handlers also read the older
     * {@code METRICS_NAMESPACE}).
     */
    public static final String ENV_METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
    public static final String METRICS_NAMESPACE = "NeptuneGuard";
    /** The {@code service} of every log line and metric: the handler's name in kebab case, without "Handler". */
    public static final String ENV_SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";
    /** The lowest level logged (DEBUG, INFO, WARN, ERROR). */
    public static final String ENV_LOG_LEVEL = "POWERTOOLS_LOG_LEVEL";
    public static final String LOG_LEVEL = "INFO";

    private final Function function;
    private final Alias alias;
    private final Role role;
    private final Queue deadLetters;
    private final Alarm errorsAlarm;
    private final Alarm deadLettersAlarm;

    public GuardFunction(Construct scope, String id, Props props) {
        super(scope, id);
        String name = simpleName(props.handler());

        this.role = Role.Builder.create(this, "Role")
                .roleName(props.roleName())
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("neptune-guard " + name + ": least-privilege execution role")
                .build();

        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(LOG_RETENTION)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        logs.grantWrite(role);

        this.deadLetters = Queue.Builder.create(this, "DeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(DEAD_LETTER_RETENTION)
                .build();

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(ENV_SERVICE_NAME, serviceName(props.handler()));
        environment.put(ENV_METRICS_NAMESPACE, METRICS_NAMESPACE);
        environment.put(ENV_LOG_LEVEL, LOG_LEVEL);
        environment.putAll(props.environment());

        this.function = Function.Builder.create(this, "Function")
                .description("neptune-guard " + name + ": " + props.description())
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .handler(props.handler())
                .code(props.code())
                .memorySize(MEMORY_MB)
                .timeout(props.timeout())
                .role(role)
                .logGroup(logs)
                .tracing(Tracing.ACTIVE)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(environment)
                .build();

        this.alias = Alias.Builder.create(this, "Live")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .retryAttempts(ASYNC_RETRY_ATTEMPTS)
                .maxEventAge(MAX_EVENT_AGE)
                .onFailure(new SqsDestination(deadLetters))
                .build();

        this.errorsAlarm = Alarm.Builder.create(this, "ErrorsAlarm")
                .alarmDescription("neptune-guard " + name + " failed at least once in 5 minutes; events are retried"
                        + " and then kept in its dead-letter queue. Check the function's log group.")
                .metric(function.metricErrors(MetricOptions.builder()
                        .period(Duration.minutes(5)).statistic("Sum").build()))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        errorsAlarm.addAlarmAction(new SnsAction(props.alarmTopic()));

        this.deadLettersAlarm = deadLettersAlarm(this, "DeadLettersAlarm", deadLetters,
                "neptune-guard " + name + " could not process an event after all retries: it is in"
                        + " the dead-letter queue. A detection may have been missed; inspect and redrive it.",
                props.alarmTopic());
    }

    /**
     * The alarm every dead-letter queue of the stack has: one message visible (5-minute maximum) notifies
     * {@code topic}; no data is not a breach.
     */
    static Alarm deadLettersAlarm(Construct scope, String id, IQueue deadLetters, String description, ITopic topic) {
        Alarm alarm = Alarm.Builder.create(scope, id)
                .alarmDescription(description)
                .metric(deadLetters.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(5)).statistic("Maximum").build()))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        return alarm;
    }

    /** Adds a statement to the function's own role. */
    public void allow(PolicyStatement statement) {
        role.addToPrincipalPolicy(statement);
    }

    public Function function() {
        return function;
    }

    /** The alias every trigger targets (SnapStart applies to published versions only). */
    public Alias alias() {
        return alias;
    }

    public IRole role() {
        return role;
    }

    /** Failed invocations (on-failure destination) and undeliverable trigger events (EventBridge DLQ). */
    public Queue deadLetters() {
        return deadLetters;
    }

    public Alarm errorsAlarm() {
        return errorsAlarm;
    }

    public Alarm deadLettersAlarm() {
        return deadLettersAlarm;
    }

    /** {@code dev.neptuneguard.handler.KeyRevocationHandler} → {@code key-revocation}. */
    static String serviceName(String handler) {
        String name = simpleName(handler).replaceFirst("Handler$", "");
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String simpleName(String handler) {
        int dot = handler.lastIndexOf('.');
        return dot < 0 ? handler : handler.substring(dot + 1);
    }

    /**
     * What differs between guard functions.
     *
     * @param handler fully qualified class name of a {@code RequestStreamHandler}
     * @param description what the function does, shown in the console
     * @param code the deployment package (the shaded functions jar; tests pass inline code)
     * @param environment settings and resource names the handler reads
     * @param timeout how long one invocation may run
     * @param alarmTopic where the alarms notify
     * @param roleName a fixed name for the execution role (organization mode: member accounts trust it by ARN),
     *     or null to let CloudFormation name it
     */
    public record Props(String handler, String description, Code code, Map<String, String> environment,
                        Duration timeout, ITopic alarmTopic, String roleName) {

        /** A function whose role CloudFormation names. */
        public Props(String handler, String description, Code code, Map<String, String> environment,
                     Duration timeout, ITopic alarmTopic) {
            this(handler, description, code, environment, timeout, alarmTopic, null);
        }

        public Props {
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(alarmTopic, "alarmTopic");
            // insertion order kept: the rendered environment feeds the version hash, so it must not vary between runs
            environment = environment == null
                    ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        }
    }
}
