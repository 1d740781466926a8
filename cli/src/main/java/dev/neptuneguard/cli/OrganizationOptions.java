package dev.neptuneguard.cli;

import dev.neptuneguard.accounts.MemberAccount;
import dev.neptuneguard.cli.live.AccountList;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * Which accounts a live scan reads: by default the caller's own; with {@code --org} every active account of the
 * AWS Organization ({@code organizations:ListAccounts}, which only the management account and a delegated
 * administrator may call); with {@code --accounts} the accounts named (with {@code --org}: those of the
 * organization; without it Organizations is not asked). {@code --exclude-accounts} leaves some out. Every account
 * but the caller's is read through the role {@code --role} in it.
 */
final class OrganizationOptions {

    /** The read role the organization-mode member stack deploys in every member account. */
    static final String DEFAULT_ROLE = "neptune-guard-member-read";
    /** IAM role names: 1 to 64 of these characters. */
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");

    @Option(names = "--org",
            description = "Live: scan every active account of the AWS Organization, listed with "
                    + "organizations:ListAccounts (run it with the management account's credentials or a delegated "
                    + "administrator's). Accounts other than the caller's are read through --role.")
    boolean org;

    @Option(names = "--accounts", paramLabel = "ID,ID|FILE",
            description = "Live: scan these accounts, as 12-digit ids separated by commas or a file with one id per "
                    + "line (# comments). With --org, only these of the organization; without it, Organizations is "
                    + "not called.")
    String accounts;

    @Option(names = "--exclude-accounts", paramLabel = "ID,ID|FILE",
            description = "Live, with --org or --accounts: leave these accounts out (ids or a file, as --accounts).")
    String excludeAccounts;

    @Option(names = "--role", paramLabel = "NAME",
            description = "Live, with --org or --accounts: the IAM role to assume in each account other than the "
                    + "caller's. Default: " + DEFAULT_ROLE + " (the organization-mode member stack's read role); "
                    + "e.g. OrganizationAccountAccessRole.")
    String role;

    /** Whether the scan covers several accounts (read through their roles), not just the caller's. */
    boolean multiAccount() {
        return org || accounts != null;
    }

    /** Whether any of these options was given. */
    boolean anyGiven() {
        return org || accounts != null || excludeAccounts != null || role != null;
    }

    /** Checks the options that need no AWS call; fails before anything is read. */
    void check() {
        if (!multiAccount() && (excludeAccounts != null || role != null)) {
            throw new InputException("--exclude-accounts and --role are for a scan of several accounts: add --org "
                    + "or --accounts");
        }
        if (role != null && !ROLE_NAME.matcher(role).matches()) {
            throw new InputException("--role '" + role + "' is not an IAM role name (1 to 64 letters, digits and "
                    + "+ = , . @ _ -, without a path)");
        }
        included();
        excluded();
    }

    String roleName() {
        return role != null ? role : DEFAULT_ROLE;
    }

    /** The accounts named with {@code --accounts}; null when not given. */
    Set<String> included() {
        return accounts == null ? null : AccountList.parse("--accounts", accounts);
    }

    Set<String> excluded() {
        return excludeAccounts == null ? Set.of() : AccountList.parse("--exclude-accounts", excludeAccounts);
    }

    /**
     * The accounts to scan, in the organization's order (or the order given), with names when Organizations gave
     * them.
     *
     * @param organization the organization's active accounts; asked only with {@code --org}
     * @param notes told about excluded ids that were not among the accounts anyway
     * @throws InputException when {@code --accounts} names an account that is not an active account of the
     *         organization, or nothing is left to scan
     */
    List<MemberAccount> select(Supplier<List<MemberAccount>> organization, Consumer<String> notes) {
        Set<String> named = included();
        List<MemberAccount> candidates = new ArrayList<>();
        if (org) {
            List<MemberAccount> all = organization.get();
            if (named != null) {
                Set<String> unknown = new LinkedHashSet<>(named);
                all.forEach(a -> unknown.remove(a.id()));
                if (!unknown.isEmpty()) {
                    throw new InputException("--accounts names " + String.join(", ", unknown) + ", not an active "
                            + "account of the organization (organizations:ListAccounts lists " + all.size()
                            + " active accounts): check the id, or leave out --org to read it through its role anyway");
                }
                all.stream().filter(a -> named.contains(a.id())).forEach(candidates::add);
            } else {
                candidates.addAll(all);
            }
        } else {
            named.forEach(id -> candidates.add(new MemberAccount(id, null)));
        }
        Set<String> excluded = excluded();
        Set<String> notListed = new LinkedHashSet<>(excluded);
        candidates.forEach(a -> notListed.remove(a.id()));
        if (!notListed.isEmpty()) {
            notes.accept("--exclude-accounts " + String.join(", ", notListed) + ": not among the accounts to scan");
        }
        List<MemberAccount> selected = candidates.stream().filter(a -> !excluded.contains(a.id())).toList();
        if (candidates.isEmpty()) {
            throw new InputException("no account to scan: organizations:ListAccounts lists no active account");
        }
        if (selected.isEmpty()) {
            throw new InputException("no account left to scan: --exclude-accounts leaves out every one of the "
                    + candidates.size() + (org && named == null ? " active accounts of the organization"
                    : " accounts named with --accounts"));
        }
        return selected;
    }
}
