package dev.neptuneguard.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;
import software.constructs.Construct;

/**
 * Countdown reminders before a key's deletion date: the guard's schedule group, the reminder function that
 * re-checks the key when a schedule fires, and the role EventBridge Scheduler runs the schedules as. The
 * key-revocation function and the sweep create the schedules ({@link #allowCreating}).
 *
 * <p>Like every part of the single-account stack, these resources are added to the scope they are given (see
 * {@link AlertDelivery} for why).
 */
final class Reminders {

    private static final List<String> CREATE_GET_DELETE = List.of(
            "scheduler:CreateSchedule", "scheduler:GetSchedule", "scheduler:DeleteSchedule");

    private final CfnScheduleGroup group;
    private final GuardFunction reminder;
    private final Role schedulerRole;

    /**
     * @param environment what the reminder function reads besides the reminder settings (alerting, policy)
     */
    Reminders(Construct scope, GuardFunctions functions, Map<String, String> environment) {
        this.group = CfnScheduleGroup.Builder.create(scope, "ReminderScheduleGroup")
                .name(NeptuneGuardStack.SCHEDULE_GROUP_NAME)
                .build();
        this.reminder = functions.add("Reminder", NeptuneGuardStack.REMINDER_HANDLER,
                "re-checks a key at each countdown reminder before its deletion date", environment,
                Duration.seconds(60));
        this.schedulerRole = schedulerRole(scope);
    }

    /** The schedule group; created before the functions, whose environment names it. */
    CfnScheduleGroup group() {
        return group;
    }

    GuardFunction reminder() {
        return reminder;
    }

    Role schedulerRole() {
        return schedulerRole;
    }

    /** {@code environment} plus what a function that creates reminder schedules reads. */
    Map<String, String> creatorEnvironment(Map<String, String> environment) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(NeptuneGuardStack.ENV_SCHEDULE_GROUP_NAME, group.getName());
        env.put(NeptuneGuardStack.ENV_REMINDER_TARGET_ARN, reminder.alias().getFunctionArn());
        env.put(NeptuneGuardStack.ENV_REMINDER_ROLE_ARN, schedulerRole.getRoleArn());
        env.put(NeptuneGuardStack.ENV_REMINDER_DEAD_LETTER_ARN, reminder.deadLetters().getQueueArn());
        return env;
    }

    /** Create, read and delete schedules in the group, passing the scheduler role (and only it) to Scheduler. */
    void allowCreating(GuardFunction creator) {
        creator.allow(GuardPermissions.manageReminders(NeptuneGuardStack.SCHEDULE_GROUP_NAME, CREATE_GET_DELETE));
        creator.allow(GuardPermissions.passSchedulerRole(schedulerRole.getRoleArn()));
    }

    /** The reminder function reads the schedule that fired and deletes it once the key is settled. */
    void allowReminding() {
        reminder.allow(GuardPermissions.manageReminders(NeptuneGuardStack.SCHEDULE_GROUP_NAME,
                List.of("scheduler:GetSchedule", "scheduler:DeleteSchedule")));
    }

    /** Scheduler assumes this role to invoke the reminder alias, and nothing else, for this account only. */
    private Role schedulerRole(Construct scope) {
        Role role = Role.Builder.create(scope, "ReminderSchedulerRole")
                .description("neptune-guard: lets EventBridge Scheduler invoke the reminder function only")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                        "ArnEquals", Map.of("aws:SourceArn", "arn:" + Aws.PARTITION + ":scheduler:" + Aws.REGION
                                + ":" + Aws.ACCOUNT_ID + ":schedule-group/"
                                + NeptuneGuardStack.SCHEDULE_GROUP_NAME))))
                .build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("InvokeReminderAlias")
                .actions(List.of("lambda:InvokeFunction"))
                .resources(List.of(reminder.alias().getFunctionArn()))
                .build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("DeadLetterUndeliveredReminders")
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(reminder.deadLetters().getQueueArn()))
                .build());
        return role;
    }
}
