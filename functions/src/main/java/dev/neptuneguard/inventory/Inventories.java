package dev.neptuneguard.inventory;

import java.util.function.Supplier;

/**
 * A fresh {@link Inventory} per event for the account and region the event is about. A single-account stack ignores
 * both (it reads its own account); organization mode reads a member through its role, or returns an
 * {@link UnreachableInventory} saying why it cannot.
 */
@FunctionalInterface
public interface Inventories {

    Inventory of(String account, String region);

    /** Always the same kind of inventory, whatever the event's account and region (single-account, tests). */
    static Inventories always(Supplier<Inventory> inventory) {
        return (account, region) -> inventory.get();
    }
}
