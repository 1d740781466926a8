package dev.neptuneguard.cli;

import dev.neptuneguard.inventory.StaticInventory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code replay}: parses an event exactly as the Lambda would and prints the trigger (or why it was
 * ignored) and the findings, against an offline account state (default: the demo account).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Evaluate one EventBridge event as the Lambda would.")
final class ReplayCommand implements Callable<Integer> {

    @ParentCommand
    private NeptuneGuardCli root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Parameters(index = "0", paramLabel = "EVENT.json", description = "The EventBridge event (as delivered to the Lambda).")
    private Path event;

    @Option(names = "--offline", arity = "1..*", paramLabel = "FILE",
            description = "Account state as AWS CLI outputs or a bundle; default: the bundled demo account.")
    private List<Path> offline;

    @Option(names = "--account", description = "Account id, when the data does not say.")
    private String account;

    @Option(names = "--region", description = "Region, when the data does not say.")
    private String region;

    @Override
    public Integer call() {
        String json;
        try {
            json = Files.readString(event, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(event + ": file not found or not readable", e);
        }
        AccountExport export = offline == null
                ? AccountExport.read(BundledResources.demoAccount(), "demo account")
                : AccountExport.read(offline, account, region);
        StaticInventory inventory = inventoryFor(export, json);
        Replayer.Result result = new Replayer(inventory, common.policy(), root.clock()).replay(json);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter info = common.format == OutputFormat.table ? out : err;
        info.println("Event " + event + ": " + result.summary());
        result.details().forEach(d -> info.println("  " + d));
        if (result.evaluated() && !result.findings().isEmpty()) {
            info.println("  " + FindingPrinter.summary(result.findings()));
            new FindingPrinter(common.format, common.includePassed, out).print(result.findings());
        }
        return common.exitCode(result.findings());
    }

    /** The inventory of the event's region (the event says which); the first one when it does not match. */
    private static StaticInventory inventoryFor(AccountExport export, String json) {
        List<StaticInventory> inventories = export.inventories();
        if (inventories.isEmpty()) {
            throw new InputException("the account state holds no clusters or snapshots");
        }
        String eventRegion = EventRegion.of(json);
        return inventories.stream().filter(i -> i.region().equals(eventRegion)).findFirst().orElse(inventories.get(0));
    }
}
