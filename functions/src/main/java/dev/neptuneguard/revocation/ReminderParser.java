package dev.neptuneguard.revocation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the reminder input. Everything that is not a well-formed {@link Reminder} fails with
 * {@link BadReminderException} naming the field, so the handler can log and count the drop instead of retrying.
 */
public final class ReminderParser {

    private ReminderParser() {
    }

    public static Reminder parse(String json) {
        JsonNode root;
        try {
            root = json == null ? null : Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadReminderException("reminder input is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadReminderException("reminder input is not a JSON object");
        }
        String type = Json.text(root, "type");
        if (!Reminder.TYPE.equals(type)) {
            throw new BadReminderException("reminder input has type '" + type + "', expected '" + Reminder.TYPE + "'");
        }
        String keyArn = required(root, "keyArn");
        if (!keyArn.startsWith("arn:") || !keyArn.contains(":key/")) {
            throw new BadReminderException("reminder keyArn '" + keyArn + "' is not a KMS key ARN");
        }
        Instant deletionDate;
        try {
            deletionDate = Instant.parse(required(root, "deletionDate"));
        } catch (DateTimeParseException e) {
            throw new BadReminderException("reminder deletionDate '" + Json.text(root, "deletionDate")
                    + "' is not an ISO-8601 instant");
        }
        Duration offset;
        try {
            offset = Duration.parse(required(root, "offset"));
        } catch (DateTimeParseException e) {
            throw new BadReminderException("reminder offset '" + Json.text(root, "offset")
                    + "' is not an ISO-8601 duration such as P1D or PT6H");
        }
        return new Reminder(keyArn, Json.text(root, "account"), Json.text(root, "region"), deletionDate, offset,
                Json.text(root, "scheduleName"));
    }

    private static String required(JsonNode root, String field) {
        String value = Json.text(root, field);
        if (value == null) {
            throw new BadReminderException("reminder input has no '" + field + "'");
        }
        return value;
    }
}
