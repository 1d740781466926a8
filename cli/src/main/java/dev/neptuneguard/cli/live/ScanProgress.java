package dev.neptuneguard.cli.live;

/**
 * What a live scan reports while it runs; counts are added as regions read them. Implementations must be
 * thread-safe: regions are scanned concurrently.
 */
public interface ScanProgress extends AutoCloseable {

    void clusters(int count);

    void snapshots(int count);

    void keys(int count);

    /** A region finished, whether it completed, failed or was skipped. */
    void regionDone();

    /** Every region of an account finished, or the account could not be read (a scan of several accounts). */
    default void accountDone() {
    }

    /** Stops reporting; removes anything drawn on the terminal. */
    @Override
    void close();

    /** Reports nothing: stderr is not a terminal, and logs should not fill with progress lines. */
    static ScanProgress silent() {
        return new ScanProgress() {
            @Override
            public void clusters(int count) {
            }

            @Override
            public void snapshots(int count) {
            }

            @Override
            public void keys(int count) {
            }

            @Override
            public void regionDone() {
            }

            @Override
            public void close() {
            }
        };
    }
}
