package dev.neptuneguard.remediation;

import dev.neptuneguard.policy.Shell;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs a plan step by step, idempotent and resumable: before each step it reads AWS, and a step whose resource
 * already exists (the names are deterministic) or whose change is already in place is not made again, only waited
 * for. So a re-run after an interruption continues at the first unfinished step. After each call it waits, polling
 * at a fixed interval up to a bound per step ({@link Clock} and {@link Sleeper} injected), for the resource to be
 * {@code available}. Every step leaves one journal line. On a failure (an AWS error, a status that waiting cannot
 * fix, a wait past its bound) it stops and reports what exists and how to undo it. It never deletes anything.
 */
public final class Executor {

    /** Waits between polls; tests pass one that only advances a fixed clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /**
     * The outcome of a run.
     *
     * @param failedStep the step that failed, or 0 when every step finished
     * @param error why it failed; {@code null} when it did not
     * @param existing what exists now of what the plan creates, with its status
     * @param undo commands a person may run to remove what exists (the tool never runs them)
     */
    public record Result(int finishedSteps, int failedStep, String error, List<String> existing, List<String> undo) {
        public boolean succeeded() {
            return failedStep == 0;
        }
    }

    /** A wait that ended without the resource becoming available. */
    static final class WaitFailedException extends RuntimeException {
        WaitFailedException(String message) {
            super(message);
        }
    }

    private final NeptuneOperations neptune;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration pollInterval;
    private final Duration maxWait;
    private final Consumer<String> journal;

    /**
     * @param maxWait the bound on each step's wait (a restore of a large cluster takes hours: the CLI's default is 6 h)
     * @param journal receives one line per step (and per failure)
     */
    public Executor(NeptuneOperations neptune, Clock clock, Sleeper sleeper, Duration pollInterval, Duration maxWait,
                    Consumer<String> journal) {
        this.neptune = neptune;
        this.clock = clock;
        this.sleeper = sleeper;
        this.pollInterval = pollInterval;
        this.maxWait = maxWait;
        this.journal = journal;
    }

    public Result run(Plan plan) {
        if (!plan.runnable()) {
            throw new IllegalStateException("a plan with refusals is never executed");
        }
        int total = plan.steps().size();
        for (Step step : plan.steps()) {
            String head = "step " + step.number() + "/" + total + " " + step.action().api() + " " + step.resource();
            try {
                Instant started = clock.instant();
                String how = runStep(step);
                log(head + ": " + how + ", available after " + seconds(Duration.between(started, clock.instant())));
            } catch (RuntimeException e) {
                String error = e instanceof WaitFailedException ? e.getMessage() : describe(e);
                log(head + ": FAILED: " + error);
                return new Result(step.number() - 1, step.number(), error, existing(plan), undo(plan));
            }
        }
        return new Result(total, 0, null, existing(plan), undo(plan));
    }

    private String runStep(Step step) {
        Step.Kind kind = step.action().kind();
        String how;
        switch (step.action()) {
            case MODIFY_DB_CLUSTER -> {
                waitAvailable(kind, step.resource());
                if (modifyApplied(step)) {
                    how = "already in place";
                } else {
                    neptune.perform(step);
                    how = "modified";
                }
            }
            case ADD_ROLE_TO_DB_CLUSTER -> {
                waitAvailable(kind, step.resource());
                if (roleStatus(step).isPresent()) {
                    how = "role already added";
                } else {
                    neptune.perform(step);
                    how = "role added";
                }
                waitRoleActive(step);
            }
            default -> {
                Optional<String> status = neptune.status(kind, step.resource());
                if (status.isPresent()) {
                    how = "already exists (" + status.get() + ")";
                } else {
                    neptune.perform(step);
                    how = "created";
                }
            }
        }
        waitAvailable(kind, step.resource());
        return how;
    }

    private boolean modifyApplied(Step step) {
        ClusterConfiguration c = neptune.cluster(step.resource()).orElseThrow(() ->
                new WaitFailedException("cluster " + step.resource() + " does not exist"));
        Map<String, Object> p = step.parameters();
        return same(p.get("BackupRetentionPeriod"), c.backupRetentionPeriod())
                && same(p.get("PreferredBackupWindow"), c.preferredBackupWindow())
                && same(p.get("PreferredMaintenanceWindow"), c.preferredMaintenanceWindow())
                && same(p.get("CopyTagsToSnapshot"), c.copyTagsToSnapshot());
    }

    private static boolean same(Object wanted, Object actual) {
        return wanted == null || wanted.equals(actual);
    }

    private Optional<String> roleStatus(Step step) {
        String arn = step.text("RoleArn");
        return neptune.cluster(step.resource()).flatMap(c -> c.roles().stream()
                .filter(r -> r.arn().equals(arn)).findFirst().map(r -> r.status() == null ? "ACTIVE" : r.status()));
    }

    private void waitRoleActive(Step step) {
        Instant deadline = clock.instant().plus(maxWait);
        while (true) {
            String status = roleStatus(step).orElse("absent");
            if ("ACTIVE".equals(status)) {
                return;
            }
            if ("INVALID".equals(status)) {
                throw new WaitFailedException("role " + step.text("RoleArn") + " is INVALID on " + step.resource()
                        + ": check its trust policy (rds.amazonaws.com must be allowed to assume it)");
            }
            pause(deadline, "role " + step.text("RoleArn") + " on " + step.resource(), status);
        }
    }

    void waitAvailable(Step.Kind kind, String id) {
        Instant deadline = clock.instant().plus(maxWait);
        while (true) {
            Optional<String> status = neptune.status(kind, id);
            if (status.isPresent() && "available".equals(status.get())) {
                return;
            }
            if (status.isPresent() && NeptuneOperations.FAILED_STATUSES.contains(status.get())) {
                throw new WaitFailedException(kind.name().toLowerCase() + " " + id + " is " + status.get()
                        + ": waiting will not make it available");
            }
            pause(deadline, kind.name().toLowerCase() + " " + id, status.orElse("absent"));
        }
    }

    private void pause(Instant deadline, String what, String status) {
        if (!clock.instant().isBefore(deadline)) {
            throw new WaitFailedException(what + " is still " + status + " after " + seconds(maxWait)
                    + "; run the same command again to keep waiting (nothing is repeated)");
        }
        try {
            sleeper.sleep(pollInterval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitFailedException("interrupted while waiting for " + what);
        }
    }

    /** What of the plan's resources exists now, with its status. */
    public List<String> existing(Plan plan) {
        List<String> out = new ArrayList<>();
        for (Step s : plan.steps()) {
            if (s.action() == Step.Action.MODIFY_DB_CLUSTER || s.action() == Step.Action.ADD_ROLE_TO_DB_CLUSTER) {
                continue;
            }
            Step.Kind kind = s.action().kind();
            String kindName = kind == Step.Kind.SNAPSHOT ? "cluster snapshot" : kind.name().toLowerCase();
            try {
                neptune.status(kind, s.resource()).ifPresent(st -> out.add(kindName + " " + s.resource() + " ("
                        + st + ")"));
            } catch (RuntimeException e) {
                out.add(kindName + " " + s.resource() + " (cannot tell: " + describe(e) + ")");
            }
        }
        return out;
    }

    /** How a person removes what the plan creates, instances first; printed, never run. */
    static List<String> undo(Plan plan) {
        List<String> out = new ArrayList<>();
        String region = plan.region() == null ? "" : " --region " + Shell.quote(plan.region());
        List<Step> steps = new ArrayList<>(plan.steps());
        java.util.Collections.reverse(steps);
        for (Step s : steps) {
            switch (s.action()) {
                case CREATE_DB_INSTANCE -> out.add("aws neptune delete-db-instance --db-instance-identifier "
                        + Shell.quote(s.resource()) + region);
                case RESTORE_DB_CLUSTER_FROM_SNAPSHOT, RESTORE_DB_CLUSTER_TO_POINT_IN_TIME -> {
                    if (Boolean.TRUE.equals(s.parameters().get("DeletionProtection"))) {
                        out.add("aws neptune modify-db-cluster --db-cluster-identifier " + Shell.quote(s.resource())
                                + " --no-deletion-protection --apply-immediately" + region);
                    }
                    out.add("aws neptune delete-db-cluster --db-cluster-identifier " + Shell.quote(s.resource())
                            + " --skip-final-snapshot" + region);
                }
                case CREATE_DB_CLUSTER_SNAPSHOT, COPY_DB_CLUSTER_SNAPSHOT -> out.add(
                        "aws neptune delete-db-cluster-snapshot --db-cluster-snapshot-identifier "
                                + Shell.quote(s.resource())
                                + region);
                default -> {
                }
            }
        }
        return out;
    }

    private void log(String line) {
        journal.accept(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " " + line);
    }

    static String describe(RuntimeException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    static String seconds(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }
}
