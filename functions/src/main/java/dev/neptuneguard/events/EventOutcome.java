package dev.neptuneguard.events;

/**
 * What an incoming event turned into: a typed trigger for the core, or a typed "ignored" with its reason.
 * Parsing never throws on bad input.
 */
public sealed interface EventOutcome permits ResourceTrigger, KeyTrigger, GraphTrigger, Ignored {

    /** The CloudTrail {@code eventID} (or the EventBridge {@code id} for non-CloudTrail events); may be null. */
    String eventId();
}
