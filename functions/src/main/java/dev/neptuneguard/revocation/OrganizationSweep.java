package dev.neptuneguard.revocation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/**
 * The reconciliation sweep over every account × region of an organization: one {@link RevocationSweep} per pair,
 * at most {@code parallelism} at once (each pair is a few sequential read calls, so the run is bound by latency,
 * not CPU). A pair that cannot be read — its role cannot be assumed, or AWS kept failing — is recorded with the
 * reason and does not stop the others; its findings are simply absent, and the report says so. Reminder failures
 * are collected too and raised once, after every pair was swept, with the merged report (the alerts go out first).
 */
public final class OrganizationSweep implements Sweep {

    /** One account × region to sweep. */
    public record Target(String account, String region) {
        @Override
        public String toString() {
            return account + "/" + region;
        }
    }

    private final List<Target> targets;
    private final BiFunction<String, String, Sweep> sweeps;
    private final int parallelism;

    /**
     * @param sweeps builds the sweep of one account and region; may throw when the account cannot be read
     */
    public OrganizationSweep(List<Target> targets, BiFunction<String, String, Sweep> sweeps, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.targets = List.copyOf(targets);
        this.sweeps = sweeps;
        this.parallelism = parallelism;
    }

    /** Every account crossed with every region. */
    public static List<Target> targets(List<String> accounts, List<String> regions) {
        List<Target> out = new ArrayList<>(accounts.size() * regions.size());
        for (String a : accounts) {
            for (String r : regions) {
                out.add(new Target(a, r));
            }
        }
        return out;
    }

    @Override
    public SweepReport run() {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, targets.size())),
                runnable -> {
                    Thread t = new Thread(runnable, "neptune-guard-sweep");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<Outcome>> futures = new ArrayList<>(targets.size());
            for (Target t : targets) {
                futures.add(pool.submit(() -> sweep(t)));
            }
            List<SweepReport> reports = new ArrayList<>();
            List<String> unreadable = new ArrayList<>();
            RuntimeException remindersFailed = null;
            for (Future<Outcome> f : futures) {
                Outcome o = get(f);
                if (o.report() != null) {
                    reports.add(o.report());
                }
                if (o.unreadable() != null) {
                    unreadable.add(o.unreadable());
                }
                if (o.remindersFailed() != null && remindersFailed == null) {
                    remindersFailed = o.remindersFailed();
                }
            }
            SweepReport merged = SweepReport.merge(reports, unreadable);
            if (remindersFailed != null) {
                throw new SweepRemindersFailedException(merged, remindersFailed);
            }
            return merged;
        } finally {
            pool.shutdownNow();
        }
    }

    private record Outcome(SweepReport report, String unreadable, RuntimeException remindersFailed) {
    }

    private Outcome sweep(Target t) {
        try {
            return new Outcome(sweeps.apply(t.account(), t.region()).run(), null, null);
        } catch (SweepRemindersFailedException e) {
            return new Outcome(e.report(), null, e.getCause() instanceof RuntimeException r ? r : e);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            return new Outcome(null, t + ": " + why, null);
        }
    }

    private static Outcome get(Future<Outcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the sweep was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a sweep task failed unexpectedly", e.getCause());
        }
    }
}
