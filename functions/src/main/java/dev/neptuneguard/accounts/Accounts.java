package dev.neptuneguard.accounts;

import dev.neptuneguard.inventory.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Who the guard acts for: the AWS clients and credentials for one account × region. In a single-account stack that
 * is always the function's own account; in organization mode a member account is read through its read role (STS
 * {@code AssumeRole}), with credentials cached per account until shortly before they expire and clients cached per
 * account and region. Nothing else in the guard learns about STS.
 */
public interface Accounts {

    /**
     * Clients for {@code account} in {@code region}; {@code null} account or region means the function's own.
     *
     * @throws MemberAccessException when the account's read role cannot be assumed
     */
    AwsClients clients(String account, String region);

    /**
     * New clients for {@code account} in {@code region} that the caller closes: the sweep reads hundreds of
     * account × region pairs once each and must not keep them all.
     *
     * @throws MemberAccessException when the account's read role cannot be assumed
     */
    AwsClients open(String account, String region);

    /**
     * Credentials for {@code account} (the function's own for its own account), for the sinks that write in a
     * member account (Config evaluations, Security Hub findings).
     *
     * @throws MemberAccessException when the account's read role cannot be assumed
     */
    AwsCredentialsProvider credentials(String account);

    /** Whether events from other accounts are expected and read through their role. */
    boolean organizationMode();
}
