package dev.neptuneguard.cli.live;

import dev.neptuneguard.inventory.CallCounter;
import dev.neptuneguard.model.Finding;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a live scan: every account × region result in plan order (account by account), the accounts that
 * could not be read at all (their role could not be assumed: none of their regions was scanned), and the
 * wall-clock time it took.
 */
public record LiveScan(List<RegionScan> regions, List<UnreadableAccount> unreadable, Duration elapsed) {

    /** An account none of whose regions could be read, and why (the role could not be assumed). */
    public record UnreadableAccount(String account, RegionFailure failure) {
    }

    public LiveScan {
        regions = List.copyOf(regions);
        unreadable = List.copyOf(unreadable);
    }

    LiveScan(List<RegionScan> regions, Duration elapsed) {
        this(regions, List.of(), elapsed);
    }

    public List<RegionScan> with(RegionScan.Status status) {
        return regions.stream().filter(r -> r.status() == status).toList();
    }

    /** Whether something could not be read: a failed region or an unreadable account (exit code 3). */
    public boolean incomplete() {
        return !with(RegionScan.Status.FAILED).isEmpty() || !unreadable.isEmpty();
    }

    public List<Finding> findings() {
        return with(RegionScan.Status.COMPLETE).stream().flatMap(r -> r.report().findings().stream()).toList();
    }

    public int clusters() {
        return with(RegionScan.Status.COMPLETE).stream().mapToInt(r -> r.report().clusters()).sum();
    }

    public int snapshots() {
        return with(RegionScan.Status.COMPLETE).stream().mapToInt(r -> r.report().snapshots()).sum();
    }

    public int keys() {
        return with(RegionScan.Status.COMPLETE).stream().mapToInt(r -> r.report().keys()).sum();
    }

    /** AWS calls and attempts of every region, failed ones included. */
    public CallCounter.Tally usage() {
        return sum(regions);
    }

    /** The calls and attempts of the given regions, with their per-operation counts. */
    public static CallCounter.Tally sum(List<RegionScan> regions) {
        long calls = 0;
        long attempts = 0;
        Map<String, Long> byOperation = new HashMap<>();
        for (RegionScan r : regions) {
            calls += r.usage().calls();
            attempts += r.usage().attempts();
            r.usage().callsByOperation().forEach((op, n) -> byOperation.merge(op, n, Long::sum));
        }
        return new CallCounter.Tally(calls, attempts, byOperation);
    }
}
