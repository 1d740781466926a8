package dev.neptuneguard.cli;

import static dev.neptuneguard.cli.Counts.count;
import static dev.neptuneguard.cli.Counts.graphs;
import static dev.neptuneguard.cli.Counts.seconds;

import dev.neptuneguard.accounts.MemberAccount;
import dev.neptuneguard.cli.live.AccountScan;
import dev.neptuneguard.cli.live.LiveScan;
import dev.neptuneguard.cli.live.LiveScanner;
import dev.neptuneguard.cli.live.OrganizationAccess;
import dev.neptuneguard.cli.live.RegionFailure;
import dev.neptuneguard.cli.live.RegionPlan;
import dev.neptuneguard.cli.live.RegionScan;
import dev.neptuneguard.cli.live.ScanProgress;
import dev.neptuneguard.cli.live.TerminalProgress;
import dev.neptuneguard.cli.offline.AccountExport;
import dev.neptuneguard.cli.offline.AsOf;
import dev.neptuneguard.cli.offline.ExportFolders;
import dev.neptuneguard.cli.report.ReportContext;
import dev.neptuneguard.guard.ScanReport;
import dev.neptuneguard.inventory.CallCounter;
import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.policy.EncryptionRules;
import dev.neptuneguard.sinks.Text;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

/**
 * {@code scan}: evaluates every Neptune cluster and cluster snapshot of an account, live (read-only calls, one or
 * more regions at once) or from AWS CLI exports ({@code --offline}). A live region that cannot be read is reported
 * and makes the exit code 3; the other regions are still scanned and reported. Besides the encryption rules, it
 * reports the keys the resources use that are disabled, pending deletion or otherwise unusable (the
 * reconciliation sweep's findings, without scheduling reminders): see {@link AccountScan}. With {@code --org} or
 * {@code --accounts} it reads several accounts, each through its role ({@link OrganizationOptions}); an account
 * that cannot be read is reported with the reason (exit code 3) and the others still are.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Evaluate every Neptune cluster and cluster snapshot of an account, or of several accounts "
                + "(--org, --accounts), live (read-only) or from AWS CLI exports.")
final class ScanCommand implements Callable<Integer> {

    static final int DEFAULT_PARALLELISM = 4;
    /** A scan of several accounts has many account × region pairs, each a few calls that mostly wait on AWS. */
    static final int DEFAULT_ACCOUNTS_PARALLELISM = 16;
    /**
     * Each pair is a few sequential read calls bound by round-trip latency, not CPU, and AWS's request rates are per
     * account and region, so across an organization more pairs at once cost little; 64 pairs hold 64 small client
     * sets (see the README's Performance section for the measurements).
     */
    static final int MAX_PARALLELISM = 64;

    @ParentCommand
    private NeptuneGuardCli root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Mixin
    private AwsOptions aws;

    @Mixin
    private OrganizationOptions accounts;

    @Option(names = "--offline", arity = "1..*", paramLabel = "FILE",
            description = "Scan AWS CLI outputs (describe-db-clusters, describe-db-cluster-snapshots, describe-key, "
                    + "get-key-rotation-status, list-aliases) or a bundle of them instead of the live account.")
    private List<Path> offline;

    @Option(names = "--account", description = "With --offline: the account id, when the data does not say.")
    private String account;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Live: a region to scan (repeatable; default: the region of the environment or profile). "
                    + "With --offline: the region, when the data does not say.")
    private List<String> regions;

    @Option(names = "--all-regions",
            description = "Live: every region where Neptune is available and the account has enabled.")
    private boolean allRegions;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Live: regions (account × region pairs with --org or --accounts) scanned at once, 1 to "
                    + MAX_PARALLELISM + ". Default: " + DEFAULT_PARALLELISM + " (" + DEFAULT_ACCOUNTS_PARALLELISM
                    + " with --org or --accounts).")
    private Integer parallelism;

    @Override
    public Integer call() {
        if (offline != null) {
            checkOfflineOptions();
        } else {
            checkLiveOptions();
        }
        PrintWriter err = spec.commandLine().getErr();
        // The report replaces --output only when the run got to its end (findings or not, every region read or
        // not); on an error the temporary file goes and whatever was there before stays.
        return OutputFile.report(common.output, inputs(), spec.commandLine().getOut(),
                data -> offline != null ? offline(data, err) : live(data, err));
    }

    /** Every file this run reads: --output must not be one of them. */
    private List<Path> inputs() {
        return common.inputs(offline == null ? new Path[0] : offline.toArray(Path[]::new));
    }

    private void checkOfflineOptions() {
        if (accounts.anyGiven()) {
            throw new InputException("--org, --accounts, --exclude-accounts and --role are for a live scan; with "
                    + "--offline, give a folder of per-account export folders (see export-commands)");
        }
        if (allRegions || aws.anyGiven() || parallelism != null) {
            throw new InputException("--all-regions, --profile, --endpoint-url and --parallelism are for a live scan, "
                    + "not with --offline");
        }
        if (regions != null && regions.size() > 1) {
            throw new InputException("with --offline, --region names the one region the data is from; "
                    + "the data's own ARNs say it for each resource");
        }
    }

    private void checkLiveOptions() {
        if (account != null) {
            throw new InputException("--account is for --offline data; a live scan reads the account from AWS");
        }
        if (allRegions && regions != null) {
            throw new InputException("give either --region (repeatable) or --all-regions, not both");
        }
        aws.endpoint();
        accounts.check();
        if (parallelism == null) {
            parallelism = accounts.multiAccount() ? DEFAULT_ACCOUNTS_PARALLELISM : DEFAULT_PARALLELISM;
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new InputException("--parallelism must be from 1 to " + MAX_PARALLELISM + ", not " + parallelism);
        }
    }

    private int offline(PrintWriter data, PrintWriter err) {
        long start = System.nanoTime();
        List<Path> inputs = ExportFolders.expand(offline,
                note -> err.println("neptune-guard: note: " + Text.visible(note)));
        AccountExport export = AccountExport.read(inputs, account, regions == null ? null : regions.get(0));
        export.check(common.policy()).forEach(note -> err.println("neptune-guard: note: " + note));
        FindingPrinter printer = new FindingPrinter(common.format, common.includePassed, data,
                ReportContext.Source.OFFLINE, root.clock(), runId());
        Totals totals = scanExport(export, common, root, data, err, "offline export", printer);
        printer.finish();
        String accounts = totals.accounts > 1 ? " of " + totals.accounts + " accounts" : "";
        summary(data, err, String.format(Locale.ROOT, "Scanned %d %s%s (offline export) in %s: %s.",
                totals.regions, totals.regions == 1 ? "region" : "regions", accounts, seconds(elapsed(start)),
                totals.describe()));
        return common.exitCode(totals.findings);
    }

    private int live(PrintWriter data, PrintWriter err) {
        if (accounts.multiAccount()) {
            return liveAccounts(data, err);
        }
        CliContext context = root.context();
        AwsCredentialsProvider credentials = aws.credentials(context);
        try {
            AwsOptions.checkCredentials(credentials);
            RegionPlan plan = plan(credentials);
            PrintWriter info = info(data, err);
            if (plan.note() != null) {
                err.println("neptune-guard: " + plan.note());
            }
            if (plan.regions().isEmpty()) {
                err.println("neptune-guard: no region to scan");
                return NeptuneGuardCli.EXIT_INCOMPLETE;
            }
            Policy policy = common.policy();
            LiveScanner scanner = new LiveScanner((account, region) -> aws.clients(region, credentials, context),
                    account -> { }, new EncryptionRules(policy), policy.requireKeyRotation(), context.clock(),
                    parallelism);
            LiveScan scan;
            try (ScanProgress progress = context.stderrIsTerminal()
                    ? new TerminalProgress(err, plan.regions().size(), scanner::callsSoFar) : ScanProgress.silent()) {
                scan = scanner.scan(plan, progress);
            }
            FindingPrinter printer = new FindingPrinter(common.format, common.includePassed, data,
                    ReportContext.Source.LIVE, context.clock(), runId());
            AsOf asOf = AsOf.now(context.clock());
            boolean table = common.format == OutputFormat.table;
            for (RegionScan r : scan.regions()) {
                if (r.status() == RegionScan.Status.COMPLETE) {
                    ScanReport report = r.report();
                    printer.covered(report.account(), r.region());
                    // The account is read from the resources' ARNs: a region without any does not say it.
                    // The account comes from the resources' ARNs: shown escaped like every identifier.
                    String account = report.account() == null ? null : Text.visible(report.account());
                    String where = account == null ? r.region() : account + "/" + r.region();
                    if (table) {
                        data.println(account == null ? "Region " + r.region() + " (live)"
                                : "Account " + account + ", region " + r.region() + " (live)");
                    }
                    info.printf(Locale.ROOT, "%s: %s, %s%s, %s; %s; %s in %s%n", where,
                            count(report.clusters(), "Neptune cluster"), count(report.snapshots(), "snapshot"),
                            graphs(report), count(report.keys(), "key"), FindingPrinter.summary(report.findings()),
                            count(r.usage().calls(), "AWS call"), seconds(r.elapsed()));
                    printer.print(report.findings(), asOf);
                    if (table) {
                        data.println();
                    }
                } else {
                    String line = r.status() == RegionScan.Status.SKIPPED
                            ? String.format("%s: skipped, not enabled for this account (%s)", r.region(),
                            r.failure().code())
                            : String.format("%s: FAILED, %s: %s (%s)", r.region(), r.failure().code(),
                            Text.visible(r.failure().message()), r.failure().kind().hint());
                    info.println(line);
                    if (table) {
                        data.println();
                    }
                }
            }
            printer.finish();
            info.println(asOf.describe());
            summary(data, err, summaryLine(scan));
            if (scan.incomplete()) {
                return NeptuneGuardCli.EXIT_INCOMPLETE;
            }
            return common.exitCode(scan.findings());
        } finally {
            AwsOptions.close(credentials);
        }
    }

    /**
     * {@code --org} / {@code --accounts}: every selected account × region, the caller's own account with its own
     * credentials, the others through their role ({@link OrganizationAccess}). An account whose role cannot be
     * assumed, or a region that fails, is reported with the reason and makes the exit code 3; the rest is reported.
     */
    private int liveAccounts(PrintWriter data, PrintWriter err) {
        CliContext context = root.context();
        AwsCredentialsProvider credentials = aws.credentials(context);
        try {
            AwsOptions.checkCredentials(credentials);
            Policy policy = common.policy();
            RegionPlan plan = plan(credentials);
            Region home = regions != null ? plan.regions().get(0) : aws.defaultRegion().orElse(Region.US_EAST_1);
            OrganizationAccess access;
            try {
                access = new OrganizationAccess(credentials, home, aws.endpoint(), accounts.roleName(),
                        (region, c) -> aws.clients(region, c, context));
            } catch (SdkException e) {
                RegionFailure f = RegionFailure.of(e);
                err.println("neptune-guard: sts:GetCallerIdentity failed, " + f.code() + ": "
                        + Text.visible(f.message()) + " (the scan needs to know the caller's account; are the "
                        + "credentials valid?)");
                return NeptuneGuardCli.EXIT_INCOMPLETE;
            }
            try (access) {
                List<MemberAccount> selected;
                try {
                    selected = accounts.select(access::organizationAccounts,
                            note -> err.println("neptune-guard: note: " + note));
                } catch (SdkException e) {
                    RegionFailure f = RegionFailure.of(e);
                    err.println("neptune-guard: organizations:ListAccounts failed, " + f.code() + ": "
                            + Text.visible(f.message()) + " (scan --org needs the credentials of the organization's "
                            + "management account or of a delegated administrator, with organizations:ListAccounts; "
                            + "or name the accounts with --accounts)");
                    return NeptuneGuardCli.EXIT_INCOMPLETE;
                }
                if (plan.note() != null) {
                    err.println("neptune-guard: " + plan.note());
                }
                if (plan.regions().isEmpty()) {
                    err.println("neptune-guard: no region to scan");
                    return NeptuneGuardCli.EXIT_INCOMPLETE;
                }
                List<LiveScanner.Target> targets = new ArrayList<>();
                for (MemberAccount a : selected) {
                    plan.regions().forEach(r -> targets.add(new LiveScanner.Target(a.id(), r)));
                }
                LiveScanner scanner = new LiveScanner(
                        (account, region) -> access.accounts().open(account, region.id()),
                        account -> access.accounts().credentials(account),
                        new EncryptionRules(policy), policy.requireKeyRotation(), context.clock(), parallelism);
                LiveScan scan;
                // --all-regions is resolved in the caller's account: a member that has not enabled one of those
                // regions gets it reported as not enabled, not as a failure.
                boolean probing = plan.probing() || allRegions;
                try (ScanProgress progress = context.stderrIsTerminal()
                        ? new TerminalProgress(err, selected.size(), targets.size(), scanner::callsSoFar)
                        : ScanProgress.silent()) {
                    scan = scanner.scan(targets, probing, progress);
                }
                FindingPrinter printer = new FindingPrinter(common.format, common.includePassed, data,
                        ReportContext.Source.LIVE, context.clock(), runId());
                AsOf asOf = AsOf.now(context.clock());
                printer.asOf(asOf);
                new AccountsReport(selected, common.format == OutputFormat.table, data, info(data, err), printer)
                        .print(scan);
                printer.finish();
                info(data, err).println(asOf.describe());
                Totals totals = new Totals(scan.with(RegionScan.Status.COMPLETE).size(), selected.size(),
                        scan.clusters(), scan.snapshots(), scan.keys(), scan.findings());
                summary(data, err, AccountsReport.summary(scan, selected.size(), plan.regions().size(),
                        totals.describe(), access.usage()));
                return scan.incomplete() ? NeptuneGuardCli.EXIT_INCOMPLETE : common.exitCode(scan.findings());
            }
        } finally {
            AwsOptions.close(credentials);
        }
    }

    private RegionPlan plan(AwsCredentialsProvider credentials) {
        if (regions != null) {
            return RegionPlan.explicit(regions);
        }
        if (allRegions) {
            Region home = aws.defaultRegion().orElse(Region.US_EAST_1);
            return RegionPlan.all(home, credentials, aws.endpoint());
        }
        Region region = aws.defaultRegion().orElseThrow(() -> new InputException("no region given: pass --region R "
                + "(repeatable) or --all-regions, or set AWS_REGION or a region in the profile"));
        return RegionPlan.explicit(List.of(region.id()));
    }

    private String summaryLine(LiveScan scan) {
        int complete = scan.with(RegionScan.Status.COMPLETE).size();
        int failed = scan.with(RegionScan.Status.FAILED).size();
        int skipped = scan.with(RegionScan.Status.SKIPPED).size();
        StringBuilder regionsPart = new StringBuilder().append(complete).append(" complete");
        if (failed > 0) {
            regionsPart.append(", ").append(failed).append(" failed");
        }
        if (skipped > 0) {
            regionsPart.append(", ").append(skipped).append(" not enabled");
        }
        CallCounter.Tally usage = scan.usage();
        Totals totals = new Totals(complete, 1, scan.clusters(), scan.snapshots(), scan.keys(), scan.findings());
        return String.format(Locale.ROOT, "Scanned %d %s in %s (%s): %s; %,d AWS calls (%,d attempts).",
                scan.regions().size(), scan.regions().size() == 1 ? "region" : "regions", seconds(scan.elapsed()),
                regionsPart, totals.describe(), usage.calls(), usage.attempts());
    }

    /** The summary ends the table report; for the other formats, and for a report in a file, it goes to stderr. */
    private void summary(PrintWriter data, PrintWriter err, String line) {
        if (common.format == OutputFormat.table) {
            data.println(line);
            if (common.output == null) {
                return;
            }
        }
        err.println(line);
    }

    /** Per-region lines: part of the table report; on stderr beside machine-readable output. */
    private PrintWriter info(PrintWriter data, PrintWriter err) {
        return common.format == OutputFormat.table ? data : err;
    }

    private String runId() {
        return "neptune-guard-scan:" + root.clock().instant();
    }

    /**
     * Scans every region of an export and prints the report with {@code printer}, which the caller finishes; shared
     * with {@code demo}, which goes on printing the replays' findings into the same report.
     */
    static int scan(AccountExport export, CommonOptions common, NeptuneGuardCli root, PrintWriter out, PrintWriter err,
                    String sourceLabel, FindingPrinter printer) {
        Totals totals = scanExport(export, common, root, out, err, sourceLabel, printer);
        return common.exitCode(totals.findings);
    }

    private static Totals scanExport(AccountExport export, CommonOptions common, NeptuneGuardCli root,
                                     PrintWriter out, PrintWriter err, String sourceLabel, FindingPrinter printer) {
        EncryptionRules rules = new EncryptionRules(common.policy());
        List<Finding> all = new ArrayList<>();
        boolean table = common.format == OutputFormat.table;
        PrintWriter summaryOut = table ? out : err;
        List<StaticInventory> inventories = ReportSections.of(export.inventories());
        int clusters = 0;
        int snapshots = 0;
        int keys = 0;
        for (StaticInventory inventory : inventories) {
            // An export is judged as of the time it was taken, when it says; else as of now, and the report says so.
            AsOf asOf = AsOf.of(export, inventory.account(), inventory.region(), root.clock());
            ScanReport report = AccountScan.run(inventory, rules, asOf.clock());
            int otherClusters = inventory.allClusters().size() - report.clusters();
            int otherSnapshots = inventory.allSnapshots().size() - report.snapshots();
            if (table) {
                out.printf("Account %s, region %s (%s)%n", Text.visible(report.account()),
                        Text.visible(report.region()), sourceLabel);
            }
            long noEngine = inventory.clusters().stream().filter(c -> isBlank(c.engine())).count()
                    + inventory.snapshots().stream().filter(s -> isBlank(s.engine())).count();
            summaryOut.printf("%s/%s: %s, %s%s, %s; skipped %s and %s of other engines;%s %s%n",
                    Text.visible(report.account()), Text.visible(report.region()),
                    count(report.clusters(), "Neptune cluster"), count(report.snapshots(), "snapshot"),
                    graphs(report), count(report.keys(), "key"), count(otherClusters, "cluster"),
                    count(otherSnapshots, "snapshot"),
                    noEngine == 0 ? "" : " " + noEngine + " without an Engine, evaluated as Neptune;",
                    FindingPrinter.summary(report.findings()));
            printer.covered(report.account(), report.region());
            summaryOut.println("  " + Text.visible(asOf.describe()));
            printer.print(report.findings(), asOf);
            if (table) {
                out.println();
            }
            all.addAll(report.findings());
            clusters += report.clusters();
            snapshots += report.snapshots();
            keys += report.keys();
        }
        if (inventories.isEmpty()) {
            summaryOut.println("No Neptune clusters or snapshots in the data.");
        }
        long regionCount = inventories.stream().map(StaticInventory::region).distinct().count();
        long accountCount = inventories.stream().map(StaticInventory::account).distinct().count();
        return new Totals((int) regionCount, (int) accountCount, clusters, snapshots, keys, all);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** What a scan covered and found. */
    private record Totals(int regions, int accounts, int clusters, int snapshots, int keys, List<Finding> findings) {

        /** "2,000 clusters, 10,000 snapshots, 5 keys; 20 HIGH failed; 0 suppressed; 11,980 passed" */
        String describe() {
            return String.format(Locale.ROOT, "%s, %s, %s; %s", count(clusters, "cluster"),
                    count(snapshots, "snapshot"), count(keys, "key"),
                    FindingPrinter.summary(findings));
        }
    }
}
