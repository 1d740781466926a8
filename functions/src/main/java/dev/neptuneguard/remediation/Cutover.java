package dev.neptuneguard.remediation;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The cut-over, separate from the plan and only on request: the old cluster is renamed aside
 * ({@code <name>-pre-<yyyymmdd>}) and the new one takes the old name ({@code ModifyDBCluster} with
 * {@code NewDBClusterIdentifier}), so that clients keep the cluster endpoint's name. Resumable from what AWS shows:
 * if the old cluster was renamed already, only the new one is; if both were, it reports done. Nothing is deleted.
 * Writes made to the old cluster after its snapshot or restore point are not on the new cluster: {@link #WARNING}.
 */
public final class Cutover {

    public static final String WARNING = "Writes made to the old cluster after the snapshot (or the point in time) of "
            + "the restore are NOT on the new cluster, unless the application was quiesced (no writes) before the "
            + "re-encryption started. Check before moving clients.";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    /** @param setAside the old cluster's new name */
    public record Result(String name, String setAside, List<String> actions) {
    }

    private final NeptuneOperations neptune;
    private final Executor waiter;
    private final Clock clock;
    private final Consumer<String> journal;

    public Cutover(NeptuneOperations neptune, Executor waiter, Clock clock, Consumer<String> journal) {
        this.neptune = neptune;
        this.waiter = waiter;
        this.clock = clock;
        this.journal = journal;
    }

    /**
     * @param name the old cluster's identifier, which the new cluster takes
     * @param keyArn the target key: tells the new cluster from the old one when both could carry the name
     * @throws IllegalStateException when neither the new cluster nor a finished cut-over is found
     */
    public Result run(String name, String keyArn) {
        String fresh = Names.newCluster(name);
        List<String> actions = new ArrayList<>();
        Optional<ClusterConfiguration> current = neptune.cluster(name);
        boolean freshExists = neptune.status(Step.Kind.CLUSTER, fresh).isPresent();
        String aside = Names.setAside(name, DAY.format(clock.instant()));
        if (current.isPresent() && onKey(current.get(), keyArn) && !freshExists) {
            log("cut-over of " + name + ": already done (" + name + " is on " + keyArn + ")");
            return new Result(name, null, actions);
        }
        if (!freshExists) {
            throw new IllegalStateException("there is no cluster " + fresh + " to cut over to: run with --execute "
                    + "first");
        }
        waiter.waitAvailable(Step.Kind.CLUSTER, fresh);
        if (current.isPresent()) {
            waiter.waitAvailable(Step.Kind.CLUSTER, name);
            neptune.rename(name, aside);
            log("cut-over: renamed " + name + " to " + aside);
            actions.add("renamed " + name + " to " + aside);
            waitRenamed(name, aside);
        }
        neptune.rename(fresh, name);
        log("cut-over: renamed " + fresh + " to " + name);
        actions.add("renamed " + fresh + " to " + name);
        waitRenamed(fresh, name);
        return new Result(name, current.isPresent() ? aside : null, actions);
    }

    private void waitRenamed(String from, String to) {
        waiter.waitAvailable(Step.Kind.CLUSTER, to);
    }

    private static boolean onKey(ClusterConfiguration c, String keyArn) {
        return c.storageEncrypted() && keyArn.equals(c.kmsKeyId());
    }

    private void log(String line) {
        journal.accept(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " " + line);
    }
}
