package dev.neptuneguard.cli;

import dev.neptuneguard.guard.ScanReport;
import java.time.Duration;
import java.util.Locale;

/**
 * The small phrases that the scan summaries are made of: counted nouns and seconds. They live apart from the scan
 * command so that the per-account report, which the command prints, does not have to reach back up into it.
 */
final class Counts {

    private Counts() {
    }

    /** {@code 1 key}, {@code 2 keys}, {@code 1,000 clusters}. */
    static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** ", 2 Neptune Analytics graphs, 1 graph snapshot" when the region has any; nothing otherwise. */
    static String graphs(ScanReport report) {
        if (report.graphs() == 0 && report.graphSnapshots() == 0) {
            return "";
        }
        return ", " + count(report.graphs(), "Neptune Analytics graph") + ", "
                + count(report.graphSnapshots(), "graph snapshot");
    }
}
