package dev.neptuneguard.revocation;

import java.util.List;

/** Where countdown reminders live (EventBridge Scheduler in production). */
public interface Reminders {

    /** Creates the reminders whose schedules do not exist yet; returns how many it created. */
    int schedule(List<Reminder> reminders);

    /** Deletes every remaining reminder of a key; returns how many it deleted. */
    int cancel(String keyArn);

    /** No reminders at all (the CLI, or a deployment without a schedule group). */
    Reminders NONE = new Reminders() {
        @Override
        public int schedule(List<Reminder> reminders) {
            return 0;
        }

        @Override
        public int cancel(String keyArn) {
            return 0;
        }
    };
}
