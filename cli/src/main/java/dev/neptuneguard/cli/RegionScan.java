package dev.neptuneguard.cli;

import dev.neptuneguard.guard.ScanReport;
import dev.neptuneguard.inventory.CallCounter;
import java.time.Duration;

/**
 * One region of a live scan: its report when it completed, else why it failed or was skipped.
 *
 * @param report the region's report; null unless {@link Status#COMPLETE}
 * @param failure why it did not complete; null when it did
 * @param usage the AWS calls and attempts the region took
 */
record RegionScan(String region, Status status, ScanReport report, RegionFailure failure, CallCounter.Tally usage,
                  Duration elapsed) {

    /** How a region's scan ended. */
    enum Status {
        COMPLETE, FAILED, SKIPPED
    }

    static RegionScan complete(String region, ScanReport report, CallCounter.Tally usage, Duration elapsed) {
        return new RegionScan(region, Status.COMPLETE, report, null, usage, elapsed);
    }

    static RegionScan failed(String region, RegionFailure failure, CallCounter.Tally usage, Duration elapsed) {
        return new RegionScan(region, Status.FAILED, null, failure, usage, elapsed);
    }

    static RegionScan skipped(String region, RegionFailure failure, CallCounter.Tally usage, Duration elapsed) {
        return new RegionScan(region, Status.SKIPPED, null, failure, usage, elapsed);
    }
}
