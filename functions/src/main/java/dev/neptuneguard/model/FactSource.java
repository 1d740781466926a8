package dev.neptuneguard.model;

/** Where the facts about a resource came from; findings say so when it matters. */
public enum FactSource {
    /** Read from the AWS API just now. */
    LIVE,
    /** Taken from a CloudTrail event's response elements because the resource was not visible yet. */
    EVENT,
    /** Read from AWS CLI exports (offline scan). */
    OFFLINE,
    /** Taken from an AWS Config configuration item. */
    CONFIG
}
