package dev.neptuneguard.cli.live;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A one-line progress display on a terminal's stderr, redrawn in place with a carriage return: regions done of the
 * total, clusters, snapshots and keys read so far, and AWS calls made (which keep moving while a region pages
 * through thousands of snapshots). It is redrawn on every change and five times a second, and erased when the
 * scan ends so the summary starts on a clean line. A scan of several accounts also counts the accounts done (every
 * region finished, or the account could not be read) and its regions are its account × region pairs. Never used
 * when stderr is not a terminal.
 */
public final class TerminalProgress implements ScanProgress {

    private static final long REFRESH_MILLIS = 200;

    private final PrintWriter err;
    private final int totalAccounts;
    private final int totalRegions;
    private final LongSupplier calls;
    private final AtomicInteger accounts = new AtomicInteger();
    private final AtomicInteger regions = new AtomicInteger();
    private final AtomicInteger clusters = new AtomicInteger();
    private final AtomicInteger snapshots = new AtomicInteger();
    private final AtomicInteger keys = new AtomicInteger();
    private final ScheduledExecutorService ticker;
    private int drawnWidth;
    private boolean closed;

    public TerminalProgress(PrintWriter err, int totalRegions, LongSupplier calls) {
        this(err, 0, totalRegions, calls);
    }

    /**
     * @param totalAccounts the accounts of a scan of several accounts; 0 for a scan of the caller's own account
     * @param totalRegions the account × region pairs (the regions, for one account)
     */
    public TerminalProgress(PrintWriter err, int totalAccounts, int totalRegions, LongSupplier calls) {
        this.err = err;
        this.totalAccounts = totalAccounts;
        this.totalRegions = totalRegions;
        this.calls = calls;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "neptune-guard-progress");
            t.setDaemon(true);
            return t;
        });
        draw();
        ticker.scheduleAtFixedRate(this::draw, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void clusters(int count) {
        clusters.addAndGet(count);
        draw();
    }

    @Override
    public void snapshots(int count) {
        snapshots.addAndGet(count);
        draw();
    }

    @Override
    public void keys(int count) {
        keys.addAndGet(count);
        draw();
    }

    @Override
    public void regionDone() {
        regions.incrementAndGet();
        draw();
    }

    @Override
    public void accountDone() {
        accounts.incrementAndGet();
        draw();
    }

    /**
     * The line, e.g. {@code scanning: regions 2/5, 2,000 clusters, 10,000 snapshots, 5 keys, 130 AWS calls}, or for
     * several accounts {@code scanning: accounts 12/500, regions 48/2,000, 96 clusters, …}.
     */
    String line() {
        if (totalAccounts > 0) {
            return String.format(Locale.ROOT, "scanning: accounts %,d/%,d, regions %,d/%,d, %,d clusters, %,d snapshots, %,d keys, "
                            + "%,d AWS calls", accounts.get(), totalAccounts, regions.get(), totalRegions,
                    clusters.get(), snapshots.get(), keys.get(), calls.getAsLong());
        }
        return String.format("scanning: regions %d/%d, %,d clusters, %,d snapshots, %,d keys, %,d AWS calls",
                regions.get(), totalRegions, clusters.get(), snapshots.get(), keys.get(), calls.getAsLong());
    }

    private synchronized void draw() {
        if (closed) {
            return;
        }
        String line = line();
        err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        err.flush();
        drawnWidth = Math.max(drawnWidth, line.length());
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        draw();
        synchronized (this) {
            closed = true;
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
        }
    }
}
