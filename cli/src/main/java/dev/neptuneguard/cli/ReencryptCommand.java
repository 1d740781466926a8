package dev.neptuneguard.cli;

import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.SnapshotFacts;
import dev.neptuneguard.policy.EncryptionRules;
import dev.neptuneguard.remediation.ClusterConfiguration;
import dev.neptuneguard.remediation.Cutover;
import dev.neptuneguard.remediation.Executor;
import dev.neptuneguard.remediation.Names;
import dev.neptuneguard.remediation.NeptuneReader;
import dev.neptuneguard.remediation.Plan;
import dev.neptuneguard.remediation.PlanText;
import dev.neptuneguard.remediation.Planner;
import dev.neptuneguard.remediation.SdkNeptuneOperations;
import dev.neptuneguard.remediation.SsmRunbook;
import dev.neptuneguard.remediation.Step;
import dev.neptuneguard.remediation.TargetKey;
import dev.neptuneguard.remediation.Verification;
import dev.neptuneguard.sinks.Text;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * {@code reencrypt}: moves a Neptune cluster (or cluster snapshot) onto a compliant key. A thin shell over the core's
 * remediation room: it reads the cluster whole, checks the preconditions and prints the plan (dry run, the default);
 * {@code --execute} runs it (idempotent and resumable, a journal line per step); {@code --cutover} then gives the new
 * cluster the old one's name and verifies the two match; {@code --format ssm-automation} prints the same plan as a
 * Systems Manager runbook. Exit codes: 0 plan printed or run and verified, 1 refused or the verification found
 * differences, 2 usage, 3 AWS could not be read or a step failed.
 */
@Command(name = "reencrypt", mixinStandardHelpOptions = true,
        description = "Plan (dry run, the default), execute and cut over the re-encryption of a Neptune cluster or "
                + "cluster snapshot onto a customer managed key.")
final class ReencryptCommand implements Callable<Integer> {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    @ParentCommand
    private NeptuneGuardCli root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster (or, with --snapshot, the cluster "
            + "snapshot) to re-encrypt.")
    private String identifier;

    @Option(names = "--key", required = true, paramLabel = "KEY",
            description = "The target KMS key: key ARN, key id, alias name or alias ARN.")
    private String key;

    @Option(names = "--snapshot", description = "CLUSTER names a cluster snapshot: copy (or restore and snapshot) it "
            + "onto the key.")
    private boolean snapshot;

    @Option(names = "--region", paramLabel = "REGION", description = "The region (default: environment or profile).")
    private String region;

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy JSON the target key must satisfy.")
    private Path policyFile;

    @Option(names = "--execute", description = "Run the plan (otherwise only print it).")
    private boolean execute;

    @Option(names = "--cutover", description = "Rename the old cluster aside and the new one to the old name, then "
            + "verify.")
    private boolean cutover;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|ssm-automation",
            description = "text (default) or ssm-automation (the plan as a Systems Manager Automation runbook).")
    private String format;

    @Option(names = "--max-wait", defaultValue = "360", paramLabel = "MINUTES",
            description = "Longest wait for one step's resource to become available. Default: ${DEFAULT-VALUE}.")
    private long maxWaitMinutes;

    @Option(names = "--poll-interval", defaultValue = "30", paramLabel = "SECONDS",
            description = "Seconds between status polls. Default: ${DEFAULT-VALUE}.")
    private long pollSeconds;

    @Override
    public Integer call() {
        if (!List.of("text", "ssm-automation").contains(format)) {
            throw new InputException("--format must be text or ssm-automation, not '" + format + "'");
        }
        if ("ssm-automation".equals(format) && (execute || cutover)) {
            throw new InputException("--format ssm-automation prints the runbook; it cannot be combined with "
                    + "--execute or --cutover");
        }
        if (snapshot && cutover) {
            throw new InputException("--cutover is for clusters: a snapshot copy keeps the original");
        }
        if (maxWaitMinutes < 1 || pollSeconds < 0) {
            throw new InputException("--max-wait must be at least 1 minute and --poll-interval not negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Region r = region != null ? Region.of(region) : aws.defaultRegion().orElseThrow(() ->
                new InputException("no region: use --region, AWS_REGION or a profile with a region"));
        Policy policy = PolicyFile.read(policyFile);
        AwsCredentialsProvider credentials = aws.credentials(root.context());
        AwsOptions.checkCredentials(credentials);
        try (AwsClients clients = aws.clients(r, credentials, root.context())) {
            NeptuneReader reader = new NeptuneReader(clients, policy.requireKeyRotation());
            Planner planner = new Planner(new EncryptionRules(policy));
            LocalDate today = LocalDate.ofInstant(root.clock().instant(), ZoneOffset.UTC);
            SdkNeptuneOperations operations = new SdkNeptuneOperations(clients, reader);
            Executor executor = new Executor(operations, root.clock(), d -> Thread.sleep(d.toMillis()),
                    Duration.ofSeconds(pollSeconds), Duration.ofMinutes(maxWaitMinutes), line -> err.println(
                    "journal: " + Text.visible(line)));
            Plan plan;
            ClusterConfiguration source = null;
            if (snapshot) {
                SnapshotFacts s = reader.inventory().snapshot(identifier).orElseThrow(() ->
                        new InputException("no cluster snapshot " + identifier + " in " + r.id()));
                plan = planner.snapshot(s, reader.key(key, s.account(), r.id()), today);
            } else {
                Optional<ClusterConfiguration> found = reader.cluster(identifier);
                if (found.isEmpty() && cutover && !execute
                        && operations.status(Step.Kind.CLUSTER, Names.newCluster(identifier)).isPresent()) {
                    return finishCutover(reader, operations, executor, out, err);
                }
                source = found.orElseThrow(() -> new InputException("no cluster " + identifier + " in " + r.id()));
                TargetKey target = reader.key(key, source.account(), r.id());
                if (cutover && !execute && alreadyCutOver(source, target, operations)) {
                    if (source.tags().containsKey(Cutover.DAY_TAG)) {
                        return finishCutover(reader, operations, executor, out, err);
                    }
                    out.println("Cluster " + identifier + " is already on " + target.kmsKeyId()
                            + " and there is no " + Names.newCluster(identifier) + ": the cut-over is done.");
                    return NeptuneGuardCli.EXIT_OK;
                }
                plan = planner.cluster(source, target, today);
            }
            if ("ssm-automation".equals(format)) {
                if (!plan.runnable()) {
                    PlanText.lines(plan).forEach(l -> err.println(Text.visible(l)));
                    return NeptuneGuardCli.EXIT_FINDINGS;
                }
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                        SsmRunbook.render(plan, DAY.format(root.clock().instant()))));
                return NeptuneGuardCli.EXIT_OK;
            }
            PlanText.lines(plan).forEach(l -> out.println(Text.visible(l)));
            if (!plan.runnable()) {
                return NeptuneGuardCli.EXIT_FINDINGS;
            }
            if (!execute && !cutover) {
                out.println("Dry run: nothing was changed. Add --execute to run the plan.");
                return NeptuneGuardCli.EXIT_OK;
            }
            if (cutover && !execute && operations.status(Step.Kind.CLUSTER, plan.target()).isEmpty()) {
                throw new InputException("there is no " + plan.target() + " to cut over to: run with --execute "
                        + "first (or give --execute --cutover together)");
            }
            Executor.Result result = executor.run(plan);
            if (!result.succeeded()) {
                out.println("FAILED at step " + result.failedStep() + ": " + Text.visible(result.error()));
                out.println("What exists now: " + (result.existing().isEmpty() ? "nothing of the plan"
                        : String.join("; ", result.existing())) + ".");
                out.println("Run the same command again to continue from step " + result.failedStep()
                        + ", or undo by hand (the tool never deletes):");
                result.undo().forEach(u -> out.println("  " + Text.visible(u)));
                return NeptuneGuardCli.EXIT_INCOMPLETE;
            }
            out.println("Executed: " + result.finishedSteps() + " step(s) done.");
            if (snapshot) {
                return NeptuneGuardCli.EXIT_OK;
            }
            String checked = plan.target();
            if (cutover) {
                out.println("Cut-over. " + Cutover.WARNING);
                Cutover.Result c = new Cutover(operations, executor, root.clock(), line -> err.println(
                        "journal: " + Text.visible(line))).run(identifier, plan.keyArn());
                c.actions().forEach(a -> out.println("  " + Text.visible(a)));
                checked = identifier;
            }
            String verified = checked;
            ClusterConfiguration now = reader.cluster(verified).orElseThrow(() ->
                    new IllegalStateException("cluster " + verified + " vanished"));
            // after a cut-over the new instances carry the old names: compared by their final names
            List<String> diff = Verification.diff(source, now, plan.keyArn(),
                    cutover ? UnaryOperator.identity() : Names::newInstance);
            if (diff.isEmpty()) {
                out.println("Verified: " + checked + " is encrypted with " + plan.keyArn() + " and matches "
                        + identifier + "'s configuration.");
                return NeptuneGuardCli.EXIT_OK;
            }
            out.println("Verification found " + diff.size() + " difference(s) between " + checked + " and the old "
                    + "cluster:");
            diff.forEach(d -> out.println("  - " + Text.visible(d)));
            return NeptuneGuardCli.EXIT_FINDINGS;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        } finally {
            AwsOptions.close(credentials);
        }
    }

    /**
     * A cut-over interrupted after its first rename (or finished): only the renames left are made. The set-aside names
     * come from the tags the cut-over wrote before its first rename, so a resume on a later day finds the old cluster
     * and its instances for the verification.
     */
    private int finishCutover(NeptuneReader reader, SdkNeptuneOperations operations, Executor executor,
                              PrintWriter out, PrintWriter err) {
        Cutover.Result c = new Cutover(operations, executor, root.clock(), line -> err.println(
                "journal: " + Text.visible(line))).run(identifier, reader.cluster(identifier)
                .filter(x -> x.tags().containsKey(Cutover.DAY_TAG))
                .or(() -> reader.cluster(Names.newCluster(identifier))).orElseThrow().kmsKeyId());
        if (c.actions().isEmpty()) {
            out.println("The cut-over is done: nothing left to rename.");
        } else {
            out.println("Finished the cut-over of " + identifier + ". " + Cutover.WARNING);
            c.actions().forEach(a -> out.println("  " + Text.visible(a)));
        }
        Optional<ClusterConfiguration> old = c.setAside() == null ? Optional.empty() : reader.cluster(c.setAside());
        if (old.isEmpty()) {
            out.println("The old cluster is not found" + (c.setAside() == null ? "" : " under " + c.setAside())
                    + ": compare it with " + identifier + " by hand.");
            return NeptuneGuardCli.EXIT_OK;
        }
        java.util.Map<String, String> finalName = new java.util.HashMap<>();
        c.instancesSetAside().forEach((original, aside) -> finalName.put(aside, original));
        List<String> diff = Verification.diff(old.get(), reader.cluster(identifier).orElseThrow(),
                reader.cluster(identifier).orElseThrow().kmsKeyId(), n -> finalName.getOrDefault(n, n));
        diff.forEach(d -> out.println("  - " + Text.visible(d)));
        out.println(diff.isEmpty() ? "Verified: " + identifier + " matches " + c.setAside() + "'s configuration."
                : "Verification found " + diff.size() + " difference(s) with " + c.setAside() + ".");
        return diff.isEmpty() ? NeptuneGuardCli.EXIT_OK : NeptuneGuardCli.EXIT_FINDINGS;
    }

    private static boolean alreadyCutOver(ClusterConfiguration c, TargetKey key,
                                          SdkNeptuneOperations operations) {
        return c.storageEncrypted() && key.kmsKeyId().equals(c.kmsKeyId())
                && operations.status(Step.Kind.CLUSTER,
                Names.newCluster(c.identifier())).isEmpty();
    }
}
