package dev.neptuneguard.cli;

import dev.neptuneguard.inventory.CallCounter;
import dev.neptuneguard.model.Finding;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The outcome of a live scan: every region's result in plan order, and the wall-clock time it took. */
record LiveScan(List<RegionScan> regions, Duration elapsed) {

    LiveScan {
        regions = List.copyOf(regions);
    }

    List<RegionScan> with(RegionScan.Status status) {
        return regions.stream().filter(r -> r.status() == status).toList();
    }

    List<Finding> findings() {
        return with(RegionScan.Status.COMPLETE).stream().flatMap(r -> r.report().findings().stream()).toList();
    }

    int clusters() {
        return with(RegionScan.Status.COMPLETE).stream().mapToInt(r -> r.report().clusters()).sum();
    }

    int snapshots() {
        return with(RegionScan.Status.COMPLETE).stream().mapToInt(r -> r.report().snapshots()).sum();
    }

    int keys() {
        return with(RegionScan.Status.COMPLETE).stream().mapToInt(r -> r.report().keys()).sum();
    }

    /** AWS calls and attempts of every region, failed ones included. */
    CallCounter.Tally usage() {
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
