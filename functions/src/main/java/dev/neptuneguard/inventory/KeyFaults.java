package dev.neptuneguard.inventory;

/**
 * What the live inventory does with a KMS fault that outlasted the SDK's retries (throttling, a 5xx answer) while
 * describing a key. Refusals (4xx: access denied, not found, invalid state) always make the key "not readable" or,
 * for NotFound on a well-formed key id, "deleted"; a fault never does.
 */
public enum KeyFaults {
    /** Let it escape: the Lambda invocation fails, is retried, and lands in the dead-letter queue if it persists. */
    ESCAPE,
    /** The key is "not readable" with the error code: a one-shot CLI scan still reports everything else. */
    UNREADABLE
}
