package dev.neptuneguard.remediation;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The cut-over, separate from the plan and only on request: the old cluster and its instances are renamed aside
 * ({@code <name>-pre-<yyyymmdd>}) and the new cluster and its instances take the old names ({@code ModifyDBCluster}
 * with {@code NewDBClusterIdentifier}, {@code ModifyDBInstance} with {@code NewDBInstanceIdentifier}, both with
 * {@code ApplyImmediately}), so that clients keep the cluster's and the instances' endpoint names.
 *
 * <p>Before the first rename the new cluster's instances are tagged with the old instance each replaces
 * ({@link #INSTANCE_TAG}) and then the new cluster with the cut-over's day ({@link #DAY_TAG}); that tag is written
 * last and marks the start. So a run resumed after an interruption at any rename, on any later day, reads the
 * set-aside names from the tags, not from today's date, and makes only the renames that are left. Nothing is
 * deleted. Writes made to the old cluster after its snapshot or restore point are not on the new cluster:
 * {@link #WARNING}.
 */
public final class Cutover {

    public static final String WARNING = "Writes made to the old cluster after the snapshot (or the point in time) of "
            + "the restore are NOT on the new cluster, unless the application was quiesced (no writes) before the "
            + "re-encryption started. Check before moving clients.";

    /** On the new cluster: the day (yyyymmdd) in the set-aside names; written before the first rename. */
    public static final String DAY_TAG = "neptune-guard:reencrypt-cutover-day";
    /** On each new instance: the old instance whose name it takes. */
    public static final String INSTANCE_TAG = "neptune-guard:reencrypt-of";
    /** Tags the tool writes itself: left out of the verification's comparison of tags. */
    public static final String TAG_PREFIX = "neptune-guard:reencrypt-";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    /**
     * @param setAside the old cluster's name after the cut-over; {@code null} when unknown (a cut-over finished
     *                 before the tool recorded its day)
     * @param instancesSetAside each old instance's name (which a new instance now has) → its set-aside name
     */
    public record Result(String name, String setAside, Map<String, String> instancesSetAside, List<String> actions) {
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
     * @throws IllegalStateException when neither the new cluster nor a started cut-over is found
     */
    public Result run(String name, String keyArn) {
        String fresh = Names.newCluster(name);
        List<String> actions = new ArrayList<>();
        Optional<ClusterConfiguration> atName = neptune.cluster(name);
        Optional<ClusterConfiguration> atFresh = neptune.cluster(fresh);
        boolean freshRenamed = atFresh.isEmpty();
        ClusterConfiguration created;
        if (atFresh.isPresent()) {
            created = atFresh.get();
        } else if (atName.isPresent() && onKey(atName.get(), keyArn)) {
            created = atName.get();
            if (!created.tags().containsKey(DAY_TAG)) {
                log("cut-over of " + name + ": already done (" + name + " is on " + keyArn + ")");
                return new Result(name, null, Map.of(), actions);
            }
        } else {
            throw new IllegalStateException("there is no cluster " + fresh + " to cut over to: run with --execute "
                    + "first");
        }
        String day = created.tags().get(DAY_TAG);
        if (day == null) {
            ClusterConfiguration old = atName.orElseThrow(() -> new IllegalStateException("there is no cluster "
                    + name + " to set aside, and " + fresh + " carries no " + DAY_TAG + " tag: the old cluster was "
                    + "renamed by hand or by an earlier version; finish the renames by hand"));
            waiter.waitAvailable(Step.Kind.CLUSTER, fresh);
            day = mark(old, created, actions);
            created = neptune.cluster(fresh).orElseThrow();
        }
        String aside = Names.setAside(name, day);
        Map<String, String> originals = originals(created);
        Map<String, String> instancesAside = new LinkedHashMap<>();
        for (String o : originals.values()) {
            instancesAside.put(o, Names.setAside(o, day));
        }
        if (!freshRenamed && atName.isPresent()) {
            rename(Step.Kind.CLUSTER, name, aside, actions);
        }
        Set<String> newMembers = neptune.cluster(freshRenamed ? name : fresh).orElseThrow().instances().stream()
                .map(ClusterConfiguration.Instance::identifier).collect(Collectors.toSet());
        for (Map.Entry<String, String> e : instancesAside.entrySet()) {
            if (!newMembers.contains(e.getKey()) && neptune.status(Step.Kind.INSTANCE, e.getKey()).isPresent()) {
                rename(Step.Kind.INSTANCE, e.getKey(), e.getValue(), actions);
            }
        }
        if (!freshRenamed) {
            rename(Step.Kind.CLUSTER, fresh, name, actions);
        }
        for (Map.Entry<String, String> e : originals.entrySet()) {
            if (!e.getKey().equals(e.getValue()) && neptune.status(Step.Kind.INSTANCE, e.getKey()).isPresent()) {
                rename(Step.Kind.INSTANCE, e.getKey(), e.getValue(), actions);
            }
        }
        if (actions.isEmpty()) {
            log("cut-over of " + name + ": already done (" + name + " is on " + keyArn + ", the old cluster is "
                    + aside + ")");
        }
        return new Result(name, aside, instancesAside, actions);
    }

    /**
     * Tags each new instance with the old instance it replaces, then the new cluster with today's day (last: the
     * mark that the renames may start). Returns the day.
     */
    private String mark(ClusterConfiguration old, ClusterConfiguration created, List<String> actions) {
        Map<String, ClusterConfiguration.Instance> byName = new LinkedHashMap<>();
        created.instances().forEach(i -> byName.put(i.identifier(), i));
        for (ClusterConfiguration.Instance o : old.instances()) {
            ClusterConfiguration.Instance n = byName.get(Names.newInstance(o.identifier()));
            if (n != null && !o.identifier().equals(n.tags().get(INSTANCE_TAG))) {
                neptune.tag(instanceArn(created.arn(), n.identifier()), INSTANCE_TAG, o.identifier());
                actions.add("tagged " + n.identifier() + " " + INSTANCE_TAG + "=" + o.identifier());
            }
        }
        String day = DAY.format(clock.instant());
        neptune.tag(created.arn(), DAY_TAG, day);
        actions.add("tagged " + created.identifier() + " " + DAY_TAG + "=" + day);
        log("cut-over: tagged " + created.identifier() + " " + DAY_TAG + "=" + day + " and its instances with "
                + "the names they take");
        return day;
    }

    /** The new cluster's instances (by their current names) → the old instance name each takes. */
    private static Map<String, String> originals(ClusterConfiguration created) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ClusterConfiguration.Instance i : created.instances()) {
            String of = i.tags().get(INSTANCE_TAG);
            if (of != null) {
                out.put(i.identifier(), of);
            }
        }
        return out;
    }

    private void rename(Step.Kind kind, String from, String to, List<String> actions) {
        waiter.waitAvailable(kind, from);
        if (kind == Step.Kind.CLUSTER) {
            neptune.rename(from, to);
        } else {
            neptune.renameInstance(from, to);
        }
        String what = kind == Step.Kind.CLUSTER ? "" : "instance ";
        log("cut-over: renamed " + what + from + " to " + to);
        actions.add("renamed " + what + from + " to " + to);
        waiter.waitAvailable(kind, to);
    }

    /** An instance's ARN next to its cluster's: {@code arn:<partition>:rds:<region>:<account>:db:<id>}. */
    static String instanceArn(String clusterArn, String instance) {
        int at = clusterArn.lastIndexOf(":cluster:");
        if (at < 0) {
            throw new IllegalStateException("not a cluster ARN: " + clusterArn);
        }
        return clusterArn.substring(0, at) + ":db:" + instance;
    }

    private static boolean onKey(ClusterConfiguration c, String keyArn) {
        return c.storageEncrypted() && keyArn.equals(c.kmsKeyId());
    }

    private void log(String line) {
        journal.accept(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " " + line);
    }
}
