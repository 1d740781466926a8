package dev.neptuneguard.accounts;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;

/**
 * The organization's active accounts, from {@code organizations:ListAccounts} (paginated, 20 per page: the API's
 * maximum). It must be called in the management account or by a delegated administrator; anywhere else
 * Organizations answers AccessDenied, which escapes as an AWS fault (the sweep fails and its alarm fires).
 */
public final class OrganizationAccounts {

    private final OrganizationsClient organizations;

    public OrganizationAccounts(OrganizationsClient organizations) {
        this.organizations = organizations;
    }

    /** Active accounts, in the order Organizations lists them; suspended and closing ones are left out. */
    public List<MemberAccount> active() {
        List<MemberAccount> out = new ArrayList<>();
        for (ListAccountsResponse page : organizations.listAccountsPaginator(r -> r.maxResults(20))) {
            for (Account a : page.accounts()) {
                if (active(a)) {
                    out.add(new MemberAccount(a.id(), a.name()));
                }
            }
        }
        return out;
    }

    /** {@code State} (since 2025) when present, else the older {@code Status}. */
    private static boolean active(Account a) {
        if (a.stateAsString() != null) {
            return "ACTIVE".equals(a.stateAsString());
        }
        return "ACTIVE".equals(a.statusAsString());
    }
}
