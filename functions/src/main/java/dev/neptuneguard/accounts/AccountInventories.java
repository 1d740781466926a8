package dev.neptuneguard.accounts;

import dev.neptuneguard.inventory.AwsInventory;
import dev.neptuneguard.inventory.Inventories;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.inventory.KeyFaults;
import dev.neptuneguard.inventory.UnreachableInventory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Inventories for the account and region an event is about, through {@link Accounts}: the function's own account
 * directly, a member through its read role. An account whose role cannot be assumed becomes an
 * {@link UnreachableInventory} with the reason (counted in {@link #unreachableCount()}), so that the event is reported
 * as "cannot verify" instead of being lost or crashing the invocation. STS faults (throttling, 5xx) escape, so
 * Lambda retries the event.
 */
public final class AccountInventories implements Inventories {

    private final Accounts accounts;
    private final boolean readRotation;
    private final AtomicLong unreachable = new AtomicLong();

    public AccountInventories(Accounts accounts, boolean readRotation) {
        this.accounts = accounts;
        this.readRotation = readRotation;
    }

    @Override
    public Inventory of(String account, String region) {
        try {
            return new AwsInventory(accounts.clients(account, region), account, readRotation, KeyFaults.ESCAPE);
        } catch (MemberAccessException e) {
            unreachable.incrementAndGet();
            return new UnreachableInventory(account, region, e.getMessage());
        }
    }

    /** Events whose account could not be read, since this process started. */
    public long unreachableCount() {
        return unreachable.get();
    }
}
