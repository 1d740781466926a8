package dev.neptuneguard.cli;

import dev.neptuneguard.accounts.MemberAccount;
import dev.neptuneguard.cli.live.LiveScan;
import dev.neptuneguard.cli.live.RegionFailure;
import dev.neptuneguard.cli.live.RegionScan;
import dev.neptuneguard.guard.ScanReport;
import dev.neptuneguard.inventory.CallCounter;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.sinks.Text;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of a scan of several accounts ({@code scan --org}, {@code scan --accounts}): one section per account
 * and region, account by account, headed with the account's id and, when Organizations gave one, its name; then one
 * line per account (its regions, counts, findings and AWS calls, or why it could not be read, or which regions
 * failed); then the summary. The table report holds all of it; beside machine-readable findings (json, csv, asff:
 * each finding carries its account) the failed regions, the account lines and the summary go to stderr.
 */
final class AccountsReport {

    private final boolean table;
    private final PrintWriter data;
    private final PrintWriter info;
    private final FindingPrinter printer;
    private final Map<String, String> labels = new LinkedHashMap<>();

    /**
     * @param accounts the accounts scanned, in report order, with names when known
     * @param info where the account lines go: the report itself for a table, else stderr
     */
    AccountsReport(List<MemberAccount> accounts, boolean table, PrintWriter data, PrintWriter info,
                   FindingPrinter printer) {
        this.table = table;
        this.data = data;
        this.info = info;
        this.printer = printer;
        accounts.forEach(a -> labels.put(a.id(), Text.visible(a.label())));
    }

    /** Prints the sections and the account lines; the caller prints the summary after {@link FindingPrinter#finish}. */
    void print(LiveScan scan) {
        Map<String, List<RegionScan>> byAccount = new LinkedHashMap<>();
        labels.keySet().forEach(id -> byAccount.put(id, new ArrayList<>()));
        for (RegionScan r : scan.regions()) {
            byAccount.computeIfAbsent(r.account(), a -> new ArrayList<>()).add(r);
        }
        Map<String, RegionFailure> unreadable = new LinkedHashMap<>();
        scan.unreadable().forEach(u -> unreadable.put(u.account(), u.failure()));
        for (Map.Entry<String, List<RegionScan>> account : byAccount.entrySet()) {
            for (RegionScan r : account.getValue()) {
                section(r);
            }
            RegionFailure denied = unreadable.get(account.getKey());
            if (denied != null && table) {
                data.println("Account " + label(account.getKey()) + ": " + notRead(denied));
                data.println();
            }
        }
        int complete = 0;
        int incomplete = 0;
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<RegionScan>> account : byAccount.entrySet()) {
            RegionFailure denied = unreadable.get(account.getKey());
            if (denied != null) {
                lines.add("  " + label(account.getKey()) + ": " + notRead(denied));
                continue;
            }
            List<RegionScan> regions = account.getValue();
            boolean failed = regions.stream().anyMatch(r -> r.status() == RegionScan.Status.FAILED);
            if (failed) {
                incomplete++;
            } else {
                complete++;
            }
            lines.add("  " + label(account.getKey()) + ": " + accountLine(regions));
        }
        info.printf(Locale.ROOT, "Accounts: %s (%d complete, %d incomplete, %d not read)%n",
                String.format(Locale.ROOT, "%,d", byAccount.size()), complete, incomplete, unreadable.size());
        lines.forEach(info::println);
    }

    private void section(RegionScan r) {
        String where = r.account() + "/" + r.region();
        if (r.status() == RegionScan.Status.COMPLETE) {
            ScanReport report = r.report();
            if (table) {
                data.println("Account " + label(r.account()) + ", region " + r.region() + " (live)");
                data.printf(Locale.ROOT, "%s: %s, %s%s, %s; %s; %s in %s%n", where,
                        Counts.count(report.clusters(), "Neptune cluster"),
                        Counts.count(report.snapshots(), "snapshot"), Counts.graphs(report),
                        Counts.count(report.keys(), "key"),
                        FindingPrinter.summary(report.findings()), Counts.count(r.usage().calls(), "AWS call"),
                        Counts.seconds(r.elapsed()));
            }
            printer.covered(r.account(), r.region());
            printer.print(report.findings());
            if (table) {
                data.println();
            }
            return;
        }
        if (r.status() == RegionScan.Status.SKIPPED) {
            if (table) {
                data.printf("%s: skipped, not enabled for this account (%s)%n%n", where, r.failure().code());
            }
            return;
        }
        if (table) {
            data.println("Account " + label(r.account()) + ", region " + r.region() + " (live)");
        }
        info.printf("%s: FAILED, %s: %s (%s)%n", where, r.failure().code(), Text.visible(r.failure().message()),
                r.failure().kind().hint());
        if (table) {
            data.println();
        }
    }

    /** One account's regions: how many completed, what they hold and found, and which did not complete. */
    private static String accountLine(List<RegionScan> regions) {
        List<RegionScan> done = regions.stream().filter(r -> r.status() == RegionScan.Status.COMPLETE).toList();
        List<String> notDone = new ArrayList<>();
        for (RegionScan r : regions) {
            if (r.status() == RegionScan.Status.FAILED) {
                notDone.add(r.region() + " FAILED (" + r.failure().code() + ")");
            } else if (r.status() == RegionScan.Status.SKIPPED) {
                notDone.add(r.region() + " not enabled");
            }
        }
        int clusters = done.stream().mapToInt(r -> r.report().clusters()).sum();
        int snapshots = done.stream().mapToInt(r -> r.report().snapshots()).sum();
        int keys = done.stream().mapToInt(r -> r.report().keys()).sum();
        List<Finding> findings = done.stream().flatMap(r -> r.report().findings().stream()).toList();
        CallCounter.Tally usage = LiveScan.sum(regions);
        String regionPart = done.size() == regions.size()
                ? Counts.count(regions.size(), "region")
                : done.size() + " of " + Counts.count(regions.size(), "region") + ", " + String.join(", ",
                notDone);
        return String.format(Locale.ROOT, "%s; %s, %s, %s; %s; %s", regionPart,
                Counts.count(clusters, "Neptune cluster"), Counts.count(snapshots, "snapshot"),
                Counts.count(keys, "key"), FindingPrinter.summary(findings),
                Counts.count(usage.calls(), "AWS call"));
    }

    private static String notRead(RegionFailure failure) {
        String why = failure.kind() == RegionFailure.Kind.ROLE ? failure.message()
                : "cannot assume its role, " + failure.code() + ": " + failure.message();
        return "NOT READ, " + Text.visible(why) + " (" + failure.kind().hint() + ")";
    }

    private String label(String account) {
        return labels.getOrDefault(account, Text.visible(account));
    }

    /**
     * {@code Scanned 3 accounts × 2 regions in 1.2 s (4 complete, 1 failed, 2 not read): 6 clusters, …; 45 AWS calls
     * (46 attempts; 4 for STS and Organizations).}
     *
     * @param regions the regions asked for in each account
     * @param totals the clusters, snapshots, keys and findings of the complete regions
     * @param accessUsage the STS and Organizations calls
     */
    static String summary(LiveScan scan, int accounts, int regions, String totals, CallCounter.Tally accessUsage) {
        int notRead = accounts * regions - scan.regions().size();
        StringBuilder part = new StringBuilder(String.format(Locale.ROOT, "%,d complete",
                scan.with(RegionScan.Status.COMPLETE).size()));
        int failed = scan.with(RegionScan.Status.FAILED).size();
        int skipped = scan.with(RegionScan.Status.SKIPPED).size();
        if (failed > 0) {
            part.append(String.format(Locale.ROOT, ", %,d failed", failed));
        }
        if (skipped > 0) {
            part.append(String.format(Locale.ROOT, ", %,d not enabled", skipped));
        }
        if (notRead > 0) {
            part.append(String.format(Locale.ROOT, ", %,d not read (%s)", notRead,
                    Counts.count(scan.unreadable().size(), "account")));
        }
        CallCounter.Tally regionUsage = scan.usage();
        return String.format(Locale.ROOT, "Scanned %s × %s in %s (%s): %s; %,d AWS calls (%,d attempts; %,d for STS "
                        + "and Organizations).", Counts.count(accounts, "account"),
                Counts.count(regions, "region"), Counts.seconds(scan.elapsed()), part, totals,
                regionUsage.calls() + accessUsage.calls(), regionUsage.attempts() + accessUsage.attempts(),
                accessUsage.calls());
    }
}
