package dev.neptuneguard.revocation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.time.Duration;
import java.time.Instant;

/**
 * One countdown reminder: the input an EventBridge Scheduler one-time schedule hands to the reminder function.
 * It is neptune-guard's own JSON ({@code type = neptune-guard.reminder}), not an EventBridge event: Scheduler
 * passes the target input as given (see {@code events/misc/scheduler-reminder-input.json}); read it with
 * {@link ReminderParser}.
 *
 * @param deletionDate the deletion date known when the reminder was scheduled; the reminder re-reads the key
 * @param offset how long before the deletion date it fires
 * @param scheduleName the schedule's name, derived from the key id and the offset
 */
public record Reminder(String keyArn, String account, String region, Instant deletionDate, Duration offset,
                       String scheduleName) {

    public static final String TYPE = "neptune-guard.reminder";

    /**
     * The id its alert is delivered under (the delivery ledger's de-duplication key): the schedule name and the
     * deletion date. Schedule names repeat on every deletion cycle of a key (they are derived from key and offset),
     * so the name alone would make the reminder of a second cycle look already delivered.
     */
    public String deliveryId() {
        return scheduleName + "@" + deletionDate;
    }

    /** When the schedule fires. */
    public Instant fireAt() {
        return deletionDate.minus(offset);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("type", TYPE);
        n.put("keyArn", keyArn);
        n.put("account", account);
        n.put("region", region);
        n.put("deletionDate", deletionDate.toString());
        n.put("offset", ReminderPlan.label(offset));
        n.put("scheduleName", scheduleName);
        return n;
    }
}
