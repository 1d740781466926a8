package dev.neptuneguard.cdk;

import dev.neptuneguard.events.DetectionPatterns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The guard of one account and region, and in organization mode the hub of an organization. The stack composes
 * its parts, each in a file of its own: {@link AlertDelivery} (key, topic, ledger, subscriptions),
 * {@link SecurityHubExport}, {@link Reminders}, the guard functions ({@link GuardFunctions}), the
 * {@link DetectionRules} on the default bus, the reconciliation sweep's schedule and the {@link ConfigRules};
 * with {@link OrganizationSettings}, also the {@link HubEventBus}, the {@link MemberStackSet} and the
 * {@link OrganizationConfigRules}. Everything the functions may do is granted here, statement by statement, from
 * {@link GuardPermissions}; cdk-nag acknowledgements sit next to what they acknowledge ({@link NagFindings}).
 *
 * <p>The parts of the single-account guard add their resources to the stack itself rather than to constructs of
 * their own, so that the template of a single account stays exactly what deployed stacks have (a logical id is
 * derived from the construct path; SingleAccountSnapshotIT holds the recorded templates). The organization parts,
 * which have no such history, are constructs.
 *
 * <p>Names that are fixed ({@value #TOPIC_NAME}, {@value #SCHEDULE_GROUP_NAME}, {@value #KEY_ALIAS}) make one
 * guard per account and region, which is the deployment model: rules, clusters and keys are regional.
 */
public final class NeptuneGuardStack extends Stack {

    public static final String REMINDER_HANDLER = "dev.neptuneguard.handler.ReminderHandler";
    public static final String SWEEP_HANDLER = "dev.neptuneguard.handler.SweepHandler";
    public static final String CONFIG_RULE_HANDLER = "dev.neptuneguard.handler.ConfigRuleHandler";
    public static final String SLACK_NOTIFIER_HANDLER = "dev.neptuneguard.handler.SlackNotifierHandler";
    public static final String SECURITY_HUB_EXPORTER_HANDLER = "dev.neptuneguard.handler.SecurityHubExporterHandler";

    /** Fixed so that the key policy can name the topic ARN without a reference cycle (key → topic → key). */
    public static final String TOPIC_NAME = "neptune-guard-alerts";
    public static final String SCHEDULE_GROUP_NAME = "neptune-guard-reminders";
    public static final String KEY_ALIAS = "alias/neptune-guard";
    public static final String CLUSTER_CONFIG_RULE_NAME = "neptune-guard-cluster-encryption";
    public static final String SNAPSHOT_CONFIG_RULE_NAME = "neptune-guard-snapshot-encryption";
    /** Delivery table key (one string attribute; the sinks compose it) and TTL attribute (epoch seconds). */
    public static final String TABLE_PARTITION_KEY = "pk";
    public static final String TABLE_TTL_ATTRIBUTE = "expiresAt";

    /** Environment variables with resource names (settings use their own names, see GuardSettings). */
    public static final String ENV_ALERT_TOPIC_ARN = "ALERT_TOPIC_ARN";
    public static final String ENV_DELIVERY_TABLE_NAME = "DELIVERY_TABLE_NAME";
    public static final String ENV_SECURITY_HUB_QUEUE_URL = "SECURITY_HUB_QUEUE_URL";
    /** Findings per exporter invocation: 10 messages, one BatchImportFindings call. */
    public static final int EXPORT_BATCH_SIZE = 10;
    /** Exporters running at once, to stay well inside Security Hub's import rate (10 TPS, burst 30). */
    public static final int EXPORT_MAX_CONCURRENCY = 2;
    /** Receives before a message that keeps failing goes to the exporter's dead-letter queue. */
    public static final int EXPORT_MAX_RECEIVES = 5;
    public static final String ENV_SCHEDULE_GROUP_NAME = "SCHEDULE_GROUP_NAME";
    public static final String ENV_REMINDER_TARGET_ARN = "REMINDER_TARGET_ARN";
    public static final String ENV_REMINDER_ROLE_ARN = "REMINDER_ROLE_ARN";
    public static final String ENV_REMINDER_DEAD_LETTER_ARN = "REMINDER_DEAD_LETTER_ARN";
    /** Read by {@code SlackNotifierHandler}: the secret's name, never its value. */
    public static final String ENV_SLACK_WEBHOOK_SECRET_NAME = "SLACK_WEBHOOK_SECRET_NAME";

    /** EventBridge gives up delivering to a target after this many retries or {@link GuardFunction#MAX_EVENT_AGE}. */
    public static final int TARGET_RETRY_ATTEMPTS = 10;

    private final GuardSettings settings;
    private final OrganizationSettings organization;
    private final AlertDelivery delivery;
    private final SecurityHubExport securityHubExport;
    private final Reminders reminders;
    private final GuardFunctions functions;
    private final DetectionRules detectionRules;
    private final ConfigRules configRules;
    private HubEventBus hubEventBus;
    private MemberStackSet memberStackSet;
    private OrganizationConfigRules organizationConfigRules;

    public NeptuneGuardStack(Construct scope, String id, NeptuneGuardStackProps props) {
        super(scope, id, props.stackProps());
        this.settings = props.settings();
        this.organization = props.organization();

        this.delivery = new AlertDelivery(this);
        this.securityHubExport = settings.securityHub() ? new SecurityHubExport(this, delivery.alertTopic()) : null;
        this.functions = new GuardFunctions(this, props.code(), delivery.alertTopic(), organization);

        Map<String, String> common = new LinkedHashMap<>(settings.functionEnvironment());
        common.putAll(delivery.environment());
        if (securityHubExport != null) {
            common.putAll(securityHubExport.environment());
        }
        this.reminders = new Reminders(this, functions, common);
        Map<String, String> withReminders = reminders.creatorEnvironment(common);

        GuardFunction reminder = reminders.reminder();
        GuardFunction clusters = functions.add("ClusterEncryption", DetectionPatterns.CLUSTER_ENCRYPTION_HANDLER,
                "evaluates the encryption of new, restored and copied Neptune clusters and snapshots", common,
                Duration.seconds(60));
        GuardFunction keys = functions.add("KeyRevocation", DetectionPatterns.KEY_REVOCATION_HANDLER,
                "finds the Neptune clusters and snapshots a KMS key change puts at risk", withReminders,
                Duration.seconds(120));
        // Organization mode sweeps every account x region in one invocation: measured to fit 15 minutes up to
        // ~2,500 accounts x 4 regions at SWEEP_PARALLELISM 32 (bench/results.md, "Organization scale").
        Map<String, String> sweepEnv = withReminders;
        if (props.organization() != null) {
            sweepEnv = new LinkedHashMap<>(withReminders);
            sweepEnv.put("SWEEP_PARALLELISM", "32");
        }
        GuardFunction sweep = functions.add("Sweep", SWEEP_HANDLER,
                "reconciles every Neptune cluster, snapshot and key; re-creates missing reminders", sweepEnv,
                props.organization() != null ? Duration.minutes(15) : Duration.minutes(5));

        List<GuardFunction> alerting = List.of(reminder, clusters, keys, sweep);
        for (GuardFunction function : alerting) {
            GuardFunctions.grantRead(function);
            delivery.grantAlerting(function);
            if (securityHubExport != null) {
                securityHubExport.grantQueueing(function);
            }
        }
        for (GuardFunction function : List.of(reminder, clusters, keys)) {
            GuardFunctions.grantReadGraphs(function);
        }
        reminders.allowCreating(keys);
        reminders.allowCreating(sweep);
        reminders.allowReminding();
        if (settings.protectionMode() == GuardSettings.ProtectionMode.ON) {
            for (GuardFunction protector : List.of(keys, reminder, sweep)) {
                protector.allow(GuardPermissions.protectKeys());
                protector.allow(GuardPermissions.tagProtectedKeys());
            }
        }

        this.detectionRules = new DetectionRules(this, null, "",
                rule -> GuardFunctions.target(functions.get(rule.handler())));
        Rule.Builder.create(this, "SweepScheduleRule")
                .description("neptune-guard reconciliation sweep (" + settings.sweepSchedule() + ")")
                .schedule(Schedule.expression(settings.sweepSchedule()))
                .targets(List.of(GuardFunctions.target(sweep)))
                .build();

        this.configRules = settings.configRule() ? new ConfigRules(this, functions, settings) : null;
        if (securityHubExport != null) {
            securityHubExport.addExporter(functions);
        }
        delivery.subscribe(settings, functions);
        delivery.onlyTheseFunctionsPublish(alerting);

        if (organization != null) {
            addOrganizationParts(sweep);
        }
        if (settings.reencryptionRunbook()) {
            new ReencryptionRunbook(this);
        }
        acknowledgeNagFindings(keys, reminder, sweep);
    }

    public GuardSettings settings() {
        return settings;
    }

    /** The organization settings of a hub; null for a single account. */
    public OrganizationSettings organization() {
        return organization;
    }

    /** The guard functions by handler class name. */
    public Map<String, GuardFunction> functions() {
        return Map.copyOf(functions.byHandler());
    }

    public Key guardKey() {
        return delivery.guardKey();
    }

    public Topic alertTopic() {
        return delivery.alertTopic();
    }

    public Queue alertDeliveryDeadLetters() {
        return delivery.deadLetters();
    }

    public Table deliveryTable() {
        return delivery.deliveryTable();
    }

    public Role schedulerRole() {
        return reminders.schedulerRole();
    }

    /** The rules on the account's default bus. */
    public List<Rule> detectionRules() {
        return detectionRules.rules();
    }

    /** The organization bus of a hub; null for a single account. */
    public HubEventBus hubEventBus() {
        return hubEventBus;
    }

    /** The member stack set of a hub; null for a single account. */
    public MemberStackSet memberStackSet() {
        return memberStackSet;
    }

    /** The organization Config rules of a hub; null for a single account or without Config rules. */
    public OrganizationConfigRules organizationConfigRules() {
        return organizationConfigRules;
    }

    /**
     * The hub: the functions that act in member accounts may assume the member read role there (and the sweep may
     * list the organization's accounts), the organization bus feeds the same functions as the default bus, the
     * stack set deploys the member template to the organization's OUs, and the Config rules are also organization
     * rules.
     */
    private void addOrganizationParts(GuardFunction sweep) {
        List<GuardFunction> memberReaders = new ArrayList<>();
        for (String handler : HubRoles.memberReaders(settings)) {
            GuardFunction reader = functions.get(handler);
            reader.allow(GuardPermissions.assumeMemberRole(organization.memberRoleName(),
                    organization.organizationId()));
            memberReaders.add(reader);
        }
        sweep.allow(GuardPermissions.readOrganizationAccounts());

        this.hubEventBus = new HubEventBus(this, "OrganizationBus", organization.organizationId(),
                rule -> GuardFunctions.target(functions.get(rule.handler())));
        if (configRules != null) {
            this.organizationConfigRules = new OrganizationConfigRules(this, "OrganizationConfigRules",
                    configRules.function(), organization);
        }
        this.memberStackSet = new MemberStackSet(this, "MemberStackSet", organization,
                MemberTemplate.render(settings, organization));
        // IAM refuses a trust policy that names a role that does not exist yet: the hub roles come first.
        for (GuardFunction reader : memberReaders) {
            memberStackSet.getNode().addDependency(reader.role());
        }
        memberStackSet.getNode().addDependency(hubEventBus);
    }

    private void acknowledgeNagFindings(GuardFunction keys, GuardFunction reminder, GuardFunction sweep) {
        boolean protection = settings.protectionMode() == GuardSettings.ProtectionMode.ON;
        List<String> memberReaders = organization == null ? List.of() : HubRoles.memberReaders(settings);
        for (Map.Entry<String, GuardFunction> entry : functions.byHandler().entrySet()) {
            GuardFunction function = entry.getValue();
            NagFindings.acknowledgeGuardFunction(function);
            boolean reads = !entry.getKey().equals(SLACK_NOTIFIER_HANDLER)
                    && !entry.getKey().equals(SECURITY_HUB_EXPORTER_HANDLER);
            boolean schedules = function == keys || function == reminder || function == sweep;
            NagFindings.acknowledgeWildcards(function.role(), new NagFindings.Wildcards(reads, schedules,
                    protection && schedules,
                    memberReaders.contains(entry.getKey()) ? organization.memberRoleName() : null,
                    organization != null && function == sweep));
        }
    }
}
