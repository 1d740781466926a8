package dev.neptuneguard.accounts;

import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.inventory.AwsInventory;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.inventory.KeyFaults;
import dev.neptuneguard.revocation.OrganizationSweep;
import dev.neptuneguard.revocation.Sweep;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the sweep of a whole organization: every active account (listed when the sweep runs, so a new account is
 * swept the day it joins) × every member region. Each pair gets its own clients, closed after its sweep, so that a
 * run over hundreds of accounts holds only {@code parallelism} client sets at a time. A pair whose role cannot be
 * assumed is reported as unreadable with the reason, never as an empty account.
 */
public final class OrganizationSweeps {

    private OrganizationSweeps() {
    }

    /**
     * @param sweepOf the sweep of one account and region over its inventory (reminders, rules, clock)
     */
    public static OrganizationSweep of(Accounts accounts, OrganizationAccounts organization, List<String> regions,
                                       int parallelism, boolean readRotation, Function<Inventory, Sweep> sweepOf) {
        List<String> ids = organization.active().stream().map(MemberAccount::id).toList();
        return new OrganizationSweep(OrganizationSweep.targets(ids, regions), (account, region) -> () -> {
            try (AwsClients clients = accounts.open(account, region)) {
                return sweepOf.apply(new AwsInventory(clients, account, readRotation, KeyFaults.ESCAPE)).run();
            }
        }, parallelism);
    }
}
