package dev.neptuneguard.events;

/** Why an event was dropped. Names are used as the {@code reason} dimension of the dropped-event metric. */
public enum IgnoreReason {
    /** Not JSON, or not a JSON object. */
    MALFORMED_JSON,
    /** JSON, but not an EventBridge envelope ({@code source}, {@code detail-type}, {@code detail} missing). */
    NOT_AN_EVENT,
    /** An event from a service the guard does not watch. */
    UNSUPPORTED_SOURCE,
    /** A detail-type the guard does not handle (e.g. {@code KMS CMK Rotation}). */
    UNSUPPORTED_DETAIL_TYPE,
    /** A CloudTrail API call that is not a trigger (e.g. {@code DeleteDBCluster}). */
    UNSUPPORTED_EVENT_NAME,
    /** The API call failed ({@code errorCode} present): nothing changed. */
    FAILED_CALL,
    /** A cluster or snapshot of another engine (Aurora, DocumentDB). */
    OTHER_ENGINE,
    /** A field the trigger needs (identifier, key) is missing. */
    MISSING_FIELD,
    /** The event was already processed (same CloudTrail eventID). */
    DUPLICATE,
    /** The resource named by the event no longer exists and the event carried no description of it. */
    RESOURCE_NOT_FOUND,
    /** A key event for a key no Neptune resource uses. */
    KEY_NOT_IN_USE,
    /** A key change that cannot cut Neptune off, e.g. a grant retired by the AWS service that holds it. */
    NO_RISK
}
