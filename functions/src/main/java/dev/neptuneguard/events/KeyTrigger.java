package dev.neptuneguard.events;

import java.time.Instant;

/**
 * Something happened to a KMS key that may make it unusable for Neptune, or usable again.
 *
 * @param keyReference the key as the event names it: key id, key ARN, alias name or alias ARN; {@code null}
 *        for {@link Kind#KEY_STORE_DISCONNECTED} / {@link Kind#KEY_STORE_CONNECTED}, which name a store
 * @param keyStateFromEvent the {@code keyState} in the response (ScheduleKeyDeletion), if any
 * @param deletionDateText the raw {@code deletionDate} string; never parsed strictly (several formats exist)
 * @param pendingWindowInDays from the request or response of ScheduleKeyDeletion
 * @param grantId for RevokeGrant / RetireGrant
 * @param policyDocument for PutKeyPolicy: the new policy JSON (CloudTrail carries it as an escaped string)
 */
public record KeyTrigger(
        Kind kind,
        String eventId,
        String eventName,
        Instant eventTime,
        String account,
        String region,
        String principal,
        String keyReference,
        String customKeyStoreId,
        String keyStateFromEvent,
        String deletionDateText,
        Integer pendingWindowInDays,
        String grantId,
        String policyDocument) implements EventOutcome {

    /** The key events the guard acts on. */
    public enum Kind {
        KEY_DISABLED("DisableKey"),
        KEY_DELETION_SCHEDULED("ScheduleKeyDeletion"),
        KEY_MATERIAL_DELETED("DeleteImportedKeyMaterial"),
        KEY_STORE_DISCONNECTED("DisconnectCustomKeyStore"),
        GRANT_REVOKED("RevokeGrant"),
        GRANT_RETIRED("RetireGrant"),
        KEY_POLICY_CHANGED("PutKeyPolicy"),
        KEY_ENABLED("EnableKey"),
        KEY_DELETION_CANCELLED("CancelKeyDeletion"),
        KEY_MATERIAL_IMPORTED("ImportKeyMaterial"),
        KEY_STORE_CONNECTED("ConnectCustomKeyStore"),
        /** KMS's own event {@code KMS CMK Deletion}: the key is gone. */
        KEY_DELETED("KMS CMK Deletion"),
        /** KMS's own event {@code KMS Imported Key Material Expiration}. */
        KEY_MATERIAL_EXPIRED("KMS Imported Key Material Expiration");

        private final String eventName;

        Kind(String eventName) {
            this.eventName = eventName;
        }

        public String eventName() {
            return eventName;
        }

        /** True for events after which the key may be usable again. */
        public boolean clearing() {
            return this == KEY_ENABLED || this == KEY_DELETION_CANCELLED || this == KEY_MATERIAL_IMPORTED
                    || this == KEY_STORE_CONNECTED;
        }

        static Kind ofEventName(String name) {
            for (Kind k : values()) {
                if (k.eventName.equals(name)) {
                    return k;
                }
            }
            return null;
        }
    }
}
