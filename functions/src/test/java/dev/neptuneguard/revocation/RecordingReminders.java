package dev.neptuneguard.revocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reminders kept in memory, with the same idempotence as Scheduler: a name that exists is not created again. */
public final class RecordingReminders implements Reminders {

    public final Map<String, Reminder> live = new LinkedHashMap<>();
    public final List<String> cancelled = new ArrayList<>();

    @Override
    public int schedule(List<Reminder> reminders) {
        int created = 0;
        for (Reminder r : reminders) {
            if (live.putIfAbsent(r.scheduleName(), r) == null) {
                created++;
            }
        }
        return created;
    }

    @Override
    public int cancel(String keyArn) {
        cancelled.add(keyArn);
        String prefix = ReminderPlan.namePrefix(keyArn);
        int before = live.size();
        live.keySet().removeIf(name -> name.startsWith(prefix));
        return before - live.size();
    }
}
