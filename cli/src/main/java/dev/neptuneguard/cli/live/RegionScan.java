package dev.neptuneguard.cli.live;

import dev.neptuneguard.guard.ScanReport;
import dev.neptuneguard.inventory.CallCounter;
import java.time.Duration;

/**
 * One region of one account in a live scan: its report when it completed, else why it failed or was skipped.
 *
 * @param account the account scanned; null for the caller's own account in a single-account scan (its id is then
 *        learnt from the resources' ARNs)
 * @param report the region's report; null unless {@link Status#COMPLETE}
 * @param failure why it did not complete; null when it did
 * @param usage the AWS calls and attempts the region took
 */
public record RegionScan(String account, String region, Status status, ScanReport report, RegionFailure failure,
                  CallCounter.Tally usage, Duration elapsed) {

    /** How a region's scan ended. */
    public enum Status {
        COMPLETE, FAILED, SKIPPED
    }

    static RegionScan complete(String account, String region, ScanReport report, CallCounter.Tally usage,
                               Duration elapsed) {
        return new RegionScan(account, region, Status.COMPLETE, report, null, usage, elapsed);
    }

    static RegionScan failed(String account, String region, RegionFailure failure, CallCounter.Tally usage,
                             Duration elapsed) {
        return new RegionScan(account, region, Status.FAILED, null, failure, usage, elapsed);
    }

    static RegionScan skipped(String account, String region, RegionFailure failure, CallCounter.Tally usage,
                              Duration elapsed) {
        return new RegionScan(account, region, Status.SKIPPED, null, failure, usage, elapsed);
    }
}
