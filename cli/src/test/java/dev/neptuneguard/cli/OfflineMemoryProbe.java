package dev.neptuneguard.cli;

import dev.neptuneguard.cli.live.AccountScan;
import dev.neptuneguard.cli.offline.AccountExport;
import dev.neptuneguard.guard.ScanReport;
import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.policy.EncryptionRules;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the memory of an offline scan goes, for {@code bench/offline-memory.sh}: the live heap after the export is
 * read (the facts the reader keeps) and after every region is evaluated (the findings the report holds), each taken
 * after full collections. Not a test: a main run with the test classpath.
 *
 * <pre>java -cp ... dev.neptuneguard.cli.OfflineMemoryProbe EXPORT_FOLDER</pre>
 */
final class OfflineMemoryProbe {

    private OfflineMemoryProbe() {
    }

    public static void main(String[] args) {
        long start = liveMegabytes();
        AccountExport export = AccountExport.read(List.of(Path.of(args[0])), null, null);
        List<StaticInventory> inventories = export.inventories();
        long afterRead = liveMegabytes();
        EncryptionRules rules = new EncryptionRules(Policy.defaults());
        List<ScanReport> reports = new ArrayList<>();
        int clusters = 0;
        int findings = 0;
        for (StaticInventory inventory : inventories) {
            ScanReport report = AccountScan.run(inventory, rules, Clock.systemUTC());
            reports.add(report);
            clusters += report.clusters();
            findings += report.findings().size();
        }
        long afterScan = liveMegabytes();
        System.out.printf(Locale.ROOT, "clusters=%d findings=%d start_mb=%d after_read_mb=%d after_scan_mb=%d%n",
                clusters, findings, start, afterRead, afterScan);
        // The scan command holds the export and the reports until it prints the summary: so does the probe.
        Reference.reachabilityFence(export);
        Reference.reachabilityFence(reports);
    }

    private static long liveMegabytes() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    }
}
