package dev.neptuneguard.accounts;

import dev.neptuneguard.inventory.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The function's own account for functions that read no account but write in one (the Security Hub exporter): its
 * own credentials, and no read clients — its jar does not even hold the Neptune and KMS SDKs.
 */
public final class CredentialsOnly implements Accounts {

    private final AwsCredentialsProvider credentials;

    public CredentialsOnly(AwsCredentialsProvider credentials) {
        this.credentials = credentials;
    }

    @Override
    public AwsClients clients(String account, String region) {
        throw new IllegalStateException("this function reads no account");
    }

    @Override
    public AwsClients open(String account, String region) {
        throw new IllegalStateException("this function reads no account");
    }

    @Override
    public AwsCredentialsProvider credentials(String account) {
        return credentials;
    }

    @Override
    public boolean organizationMode() {
        return false;
    }
}
