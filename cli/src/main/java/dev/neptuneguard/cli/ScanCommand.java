package dev.neptuneguard.cli;

import dev.neptuneguard.guard.EncryptionGuard;
import dev.neptuneguard.guard.ScanReport;
import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.policy.EncryptionRules;
import dev.neptuneguard.revocation.ReminderSettings;
import dev.neptuneguard.revocation.Reminders;
import dev.neptuneguard.revocation.RevocationRules;
import dev.neptuneguard.revocation.RevocationSweep;
import dev.neptuneguard.revocation.SweepReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code scan}: evaluates every Neptune cluster and snapshot of an account from AWS CLI exports, and reports the
 * keys they use that are disabled, pending deletion or otherwise unusable (the reconciliation sweep's findings).
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Evaluate every Neptune cluster and cluster snapshot of an account.")
final class ScanCommand implements Callable<Integer> {

    @ParentCommand
    private NeptuneGuardCli root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Option(names = "--offline", arity = "1..*", required = true, paramLabel = "FILE",
            description = "AWS CLI outputs (describe-db-clusters, describe-db-cluster-snapshots, describe-key, "
                    + "get-key-rotation-status, list-aliases) or a bundle of them.")
    private List<Path> offline;

    @Option(names = "--account", description = "Account id, when the data does not say.")
    private String account;

    @Option(names = "--region", description = "Region, when the data does not say.")
    private String region;

    @Override
    public Integer call() {
        AccountExport export = AccountExport.read(offline, account, region);
        return scan(export, common, root, spec.commandLine().getOut(), spec.commandLine().getErr(), "offline export");
    }

    /** Scans every region of an export and prints the report; shared with {@code demo}. */
    static int scan(AccountExport export, CommonOptions common, NeptuneGuardCli root, PrintWriter out, PrintWriter err,
                    String sourceLabel) {
        EncryptionRules rules = new EncryptionRules(common.policy());
        List<Finding> all = new ArrayList<>();
        boolean table = common.format == OutputFormat.table;
        PrintWriter summaryOut = table ? out : err;
        FindingPrinter printer = new FindingPrinter(common.format, common.includePassed, out);
        List<StaticInventory> inventories = export.inventories();
        for (StaticInventory inventory : inventories) {
            ScanReport encryption = new EncryptionGuard(inventory, rules, root.clock()).scan();
            // Key risks too: the sweep's findings for keys that are not usable, without scheduling reminders.
            SweepReport keys = new RevocationSweep(inventory, new RevocationRules(), Reminders.NONE,
                    ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS), root.clock()).run();
            List<Finding> findings = new ArrayList<>(encryption.findings());
            findings.addAll(keys.findings());
            ScanReport report = new ScanReport(encryption.account(), encryption.region(), encryption.clusters(),
                    encryption.snapshots(), encryption.keys(), findings);
            int otherClusters = inventory.allClusters().size() - report.clusters();
            int otherSnapshots = inventory.allSnapshots().size() - report.snapshots();
            if (table) {
                out.printf("Account %s, region %s (%s)%n", report.account(), report.region(), sourceLabel);
            }
            summaryOut.printf("%s/%s: %d Neptune clusters, %d snapshots, %d keys; skipped %d clusters and %d snapshots "
                            + "of other engines; %s%n", report.account(), report.region(), report.clusters(),
                    report.snapshots(), report.keys(), otherClusters, otherSnapshots,
                    FindingPrinter.summary(report.findings()));
            printer.print(report.findings());
            if (table) {
                out.println();
            }
            all.addAll(report.findings());
        }
        if (inventories.isEmpty()) {
            summaryOut.println("No Neptune clusters or snapshots in the data.");
        }
        return common.exitCode(all);
    }
}
