package dev.neptuneguard.cli;

import dev.neptuneguard.guard.ScanReport;
import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.inventory.AwsInventory;
import dev.neptuneguard.inventory.KeyFaults;
import dev.neptuneguard.inventory.CallCounter;
import dev.neptuneguard.policy.EncryptionRules;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.regions.Region;

/**
 * Scans regions of a live account concurrently, at most {@code parallelism} at a time, each with its own clients
 * and {@link AwsInventory} (so each region describes each distinct key once and lists its aliases once). Only
 * read calls are made: the inventory has no other kind. A region that fails is recorded with its
 * {@link RegionFailure} and the others go on; with a probing {@link RegionPlan}, a region that refuses the
 * credentials is recorded as skipped (not enabled for the account).
 */
final class LiveScanner {

    /** Builds the read-side clients of one region. */
    interface ClientFactory {
        AwsClients open(Region region);
    }

    private final ClientFactory clients;
    private final EncryptionRules rules;
    private final boolean readRotation;
    private final Clock clock;
    private final int parallelism;
    private final AtomicLong finishedCalls = new AtomicLong();
    private final Map<Region, CallCounter> running = new ConcurrentHashMap<>();

    /**
     * @param readRotation whether to call GetKeyRotationStatus (only when the policy requires rotation)
     * @param parallelism how many regions at once, at least 1
     */
    LiveScanner(ClientFactory clients, EncryptionRules rules, boolean readRotation, Clock clock, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.clients = clients;
        this.rules = rules;
        this.readRotation = readRotation;
        this.clock = clock;
        this.parallelism = parallelism;
    }

    /** AWS calls made so far by every region, finished or running; for the progress line. */
    long callsSoFar() {
        return finishedCalls.get() + running.values().stream().mapToLong(c -> c.tally().calls()).sum();
    }

    LiveScan scan(RegionPlan plan, ScanProgress progress) {
        long start = System.nanoTime();
        List<Region> regions = plan.regions();
        List<RegionScan> results = new ArrayList<>();
        if (!regions.isEmpty()) {
            AtomicInteger threadNumber = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, regions.size()), r -> {
                Thread t = new Thread(r, "neptune-guard-scan-" + threadNumber.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<RegionScan>> futures = new ArrayList<>();
                for (Region region : regions) {
                    Callable<RegionScan> task = () -> scanRegion(region, plan.probing(), progress);
                    futures.add(pool.submit(task));
                }
                for (Future<RegionScan> f : futures) {
                    results.add(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the scan was interrupted", e);
            } catch (ExecutionException e) {
                // scanRegion turns every RuntimeException into a result; what is left is an Error.
                throw new IllegalStateException("a region scan crashed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return new LiveScan(results, Duration.ofNanos(System.nanoTime() - start));
    }

    private RegionScan scanRegion(Region region, boolean probing, ScanProgress progress) {
        long start = System.nanoTime();
        CallCounter counter = null;
        try (AwsClients c = clients.open(region)) {
            counter = c.counter();
            running.put(region, counter);
            AwsInventory inventory = new AwsInventory(c, null, readRotation, KeyFaults.UNREADABLE);
            ScanReport report = AccountScan.run(new ObservedInventory(inventory, progress), rules, clock);
            return RegionScan.complete(region.id(), report, c.counter().tally(), elapsed(start));
        } catch (RuntimeException e) {
            RegionFailure failure = RegionFailure.of(e);
            CallCounter.Tally usage = counter == null ? CallCounter.Tally.zero() : counter.tally();
            if (probing && failure.kind() == RegionFailure.Kind.NOT_ENABLED) {
                return RegionScan.skipped(region.id(), failure, usage, elapsed(start));
            }
            return RegionScan.failed(region.id(), failure, usage, elapsed(start));
        } finally {
            if (counter != null) {
                running.remove(region);
                finishedCalls.addAndGet(counter.tally().calls());
            }
            progress.regionDone();
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
