package dev.neptuneguard.cli.live;

import dev.neptuneguard.guard.ScanReport;
import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.inventory.AwsInventory;
import dev.neptuneguard.inventory.CallCounter;
import dev.neptuneguard.inventory.KeyFaults;
import dev.neptuneguard.policy.EncryptionRules;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.regions.Region;

/**
 * Scans account × region pairs of a live scan concurrently, at most {@code parallelism} at a time, each with its
 * own clients and {@link AwsInventory} (so each pair describes each distinct key once and lists its aliases once).
 * Only read calls are made: the inventory has no other kind. A region that fails is recorded with its
 * {@link RegionFailure} and the others go on; with a probing plan, a region that refuses the credentials is recorded
 * as skipped (not enabled for the account).
 *
 * <p>In a scan of several accounts, each account is first checked once through {@link AccountAccess} (its member
 * role is assumed: one {@code AssumeRole} per account, whatever the number of regions); an account that cannot be
 * read is recorded once as unreadable with the reason, none of its regions is called, and the other accounts go on.
 */
public final class LiveScanner {

    /** Builds the read-side clients of one account (null: the caller's own) in one region. */
    public interface ClientFactory {
        AwsClients open(String account, Region region);
    }

    /** Checks that an account can be read, e.g. by assuming its role; throws why not. Called once per account. */
    public interface AccountAccess {
        void check(String account);
    }

    /** One account (null: the caller's own) and region to scan. */
    public record Target(String account, Region region) {
    }

    private final ClientFactory clients;
    private final AccountAccess access;
    private final EncryptionRules rules;
    private final boolean readRotation;
    private final Clock clock;
    private final int parallelism;
    private final AtomicLong finishedCalls = new AtomicLong();
    private final Map<Target, CallCounter> running = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<RuntimeException>> checked = new ConcurrentHashMap<>();

    /**
     * @param readRotation whether to call GetKeyRotationStatus (only when the policy requires rotation)
     * @param parallelism how many account × region pairs at once, at least 1
     */
    public LiveScanner(ClientFactory clients, AccountAccess access, EncryptionRules rules, boolean readRotation,
                Clock clock, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.clients = clients;
        this.access = access;
        this.rules = rules;
        this.readRotation = readRotation;
        this.clock = clock;
        this.parallelism = parallelism;
    }

    /** AWS calls made so far by every pair, finished or running; for the progress line. */
    public long callsSoFar() {
        return finishedCalls.get() + running.values().stream().mapToLong(c -> c.tally().calls()).sum();
    }

    /** The regions of a plan in the caller's own account. */
    public LiveScan scan(RegionPlan plan, ScanProgress progress) {
        return scan(plan.regions().stream().map(r -> new Target(null, r)).toList(), plan.probing(), progress);
    }

    /**
     * Scans the targets, account by account in the order given.
     *
     * @param probing whether a region that refuses the credentials counts as not enabled (skipped), not failed
     */
    public LiveScan scan(List<Target> targets, boolean probing, ScanProgress progress) {
        long start = System.nanoTime();
        List<RegionScan> results = new ArrayList<>();
        Map<String, AtomicInteger> pairsLeft = new ConcurrentHashMap<>();
        targets.forEach(t -> pairsLeft.computeIfAbsent(key(t.account()), a -> new AtomicInteger()).incrementAndGet());
        if (!targets.isEmpty()) {
            AtomicInteger threadNumber = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, targets.size()), r -> {
                Thread t = new Thread(r, "neptune-guard-scan-" + threadNumber.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<RegionScan>> futures = new ArrayList<>();
                for (Target target : targets) {
                    Callable<RegionScan> task = () -> {
                        try {
                            return scanPair(target, probing, progress);
                        } finally {
                            progress.regionDone();
                            if (pairsLeft.get(key(target.account())).decrementAndGet() == 0) {
                                progress.accountDone();
                            }
                        }
                    };
                    futures.add(pool.submit(task));
                }
                for (Future<RegionScan> f : futures) {
                    RegionScan r = f.get();
                    if (r != null) {
                        results.add(r);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the scan was interrupted", e);
            } catch (ExecutionException e) {
                // scanPair turns every RuntimeException into a result; what is left is an Error.
                throw new IllegalStateException("a region scan crashed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        Map<String, LiveScan.UnreadableAccount> unreadable = new LinkedHashMap<>();
        for (Target t : targets) {
            CompletableFuture<RuntimeException> check = t.account() == null ? null : checked.get(t.account());
            RuntimeException why = check == null ? null : check.getNow(null);
            if (why != null) {
                unreadable.putIfAbsent(t.account(), new LiveScan.UnreadableAccount(t.account(), RegionFailure.of(why)));
            }
        }
        return new LiveScan(results, new ArrayList<>(unreadable.values()), elapsed(start));
    }

    /** The pair's result; null when its account cannot be read (recorded once, for the account). */
    private RegionScan scanPair(Target target, boolean probing, ScanProgress progress) {
        if (target.account() != null && accessDenied(target.account()) != null) {
            return null;
        }
        long start = System.nanoTime();
        String region = target.region().id();
        CallCounter counter = null;
        try (AwsClients c = clients.open(target.account(), target.region())) {
            counter = c.counter();
            running.put(target, counter);
            AwsInventory inventory = new AwsInventory(c, target.account(), readRotation, KeyFaults.UNREADABLE);
            ScanReport report = AccountScan.run(new ObservedInventory(inventory, progress), rules, clock);
            return RegionScan.complete(target.account(), region, report, c.counter().tally(), elapsed(start));
        } catch (RuntimeException e) {
            RegionFailure failure = RegionFailure.of(e);
            CallCounter.Tally usage = counter == null ? CallCounter.Tally.zero() : counter.tally();
            if (probing && failure.kind() == RegionFailure.Kind.NOT_ENABLED) {
                return RegionScan.skipped(target.account(), region, failure, usage, elapsed(start));
            }
            return RegionScan.failed(target.account(), region, failure, usage, elapsed(start));
        } finally {
            if (counter != null) {
                running.remove(target);
                finishedCalls.addAndGet(counter.tally().calls());
            }
        }
    }

    /**
     * Why the account cannot be read, or null when it can. The first pair of an account checks it; the account's
     * other pairs wait for that answer instead of asking again.
     */
    private RuntimeException accessDenied(String account) {
        CompletableFuture<RuntimeException> mine = new CompletableFuture<>();
        CompletableFuture<RuntimeException> theirs = checked.putIfAbsent(account, mine);
        if (theirs != null) {
            return theirs.join();
        }
        try {
            access.check(account);
            mine.complete(null);
        } catch (RuntimeException e) {
            mine.complete(e);
        } catch (Error e) {
            mine.completeExceptionally(e); // the account's other pairs must not wait for ever
            throw e;
        }
        return mine.join();
    }

    private static String key(String account) {
        return Objects.requireNonNullElse(account, "");
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
