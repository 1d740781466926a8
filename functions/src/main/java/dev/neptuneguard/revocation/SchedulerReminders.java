package dev.neptuneguard.revocation;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.neptuneguard.json.Json;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;

/**
 * Countdown reminders as EventBridge Scheduler one-time schedules ({@code at(...)} in UTC) in one schedule group.
 * Each schedule invokes the reminder function with a {@link Reminder} as input and deletes itself after it ran.
 * A reminder Scheduler cannot deliver goes to the dead-letter queue when one is configured. Creating a name that
 * exists ({@code ConflictException}) means the reminder is already there; deleting one that is gone
 * ({@code ResourceNotFoundException}) means it already fired or was cleaned up. Other faults escape.
 */
public final class SchedulerReminders implements Reminders {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final SchedulerClient scheduler;
    private final ReminderSettings settings;

    public SchedulerReminders(SchedulerClient scheduler, ReminderSettings settings) {
        this.scheduler = scheduler;
        this.settings = settings;
    }

    @Override
    public int schedule(List<Reminder> reminders) {
        int created = 0;
        for (Reminder r : reminders) {
            try {
                scheduler.createSchedule(b -> b
                        .name(r.scheduleName())
                        .groupName(settings.group())
                        .scheduleExpression("at(" + AT.format(r.fireAt()) + ")")
                        .scheduleExpressionTimezone("UTC")
                        .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                        .actionAfterCompletion(ActionAfterCompletion.DELETE)
                        .state(ScheduleState.ENABLED)
                        .description("neptune-guard: key " + r.keyArn() + " is deleted at " + r.deletionDate())
                        .target(t -> {
                            t.arn(settings.targetArn()).roleArn(settings.roleArn()).input(json(r));
                            if (settings.deadLetterArn() != null) {
                                t.deadLetterConfig(d -> d.arn(settings.deadLetterArn()));
                            }
                        }));
                created++;
            } catch (ConflictException exists) {
                // Same key, same offset: scheduled by an earlier event, a retry or the sweep.
            }
        }
        return created;
    }

    /**
     * Deletes the key's reminders by name, one per configured offset. No ListSchedules: names are derived, so
     * the function needs only scheduler:DeleteSchedule on its own group.
     */
    @Override
    public int cancel(String keyArn) {
        int deleted = 0;
        for (Duration offset : settings.offsets()) {
            String name = ReminderPlan.scheduleName(keyArn, offset);
            try {
                scheduler.deleteSchedule(b -> b.name(name).groupName(settings.group()));
                deleted++;
            } catch (ResourceNotFoundException gone) {
                // Already fired (a one-time schedule deletes itself), never created, or removed by another run.
            }
        }
        return deleted;
    }

    private static String json(Reminder r) {
        try {
            return Json.MAPPER.writeValueAsString(r.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize reminder " + r.scheduleName(), e);
        }
    }
}
