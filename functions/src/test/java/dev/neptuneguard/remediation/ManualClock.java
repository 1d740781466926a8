package dev.neptuneguard.remediation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that only moves when a test (or its sleeper) moves it. */
final class ManualClock extends Clock {

    private Instant now;
    int sleeps;

    ManualClock(Instant start) {
        now = start;
    }

    /** The executor's sleeper: no real waiting, the clock moves on. */
    void sleep(Duration d) {
        sleeps++;
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
