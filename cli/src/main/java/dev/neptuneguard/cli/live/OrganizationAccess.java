package dev.neptuneguard.cli.live;

import dev.neptuneguard.accounts.MemberAccount;
import dev.neptuneguard.accounts.MemberAccounts;
import dev.neptuneguard.accounts.OrganizationAccounts;
import dev.neptuneguard.accounts.SingleAccount;
import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.inventory.CallCounter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * How a scan of several accounts reaches them: the caller's own account (learnt with {@code sts:GetCallerIdentity})
 * is read with the caller's credentials, every other account through its member role with the core's
 * {@link MemberAccounts} (STS {@code AssumeRole} with the caller's credentials, one session per account, cached
 * for all its regions; the role session name {@value #SESSION_NAME} shows in the member's CloudTrail). The
 * organization's accounts come from the core's {@link OrganizationAccounts}. STS and Organizations calls are
 * counted ({@link #usage()}); the regions' own calls are counted by their clients.
 */
public final class OrganizationAccess implements AutoCloseable {

    public static final String SESSION_NAME = "neptune-guard-cli-scan";

    private final CallCounter counter = new CallCounter();
    private final SdkHttpClient http;
    private final StsClient sts;
    private final AwsCredentialsProvider credentials;
    private final Region home;
    private final URI endpoint;
    private final AwsClients homeClients;
    private final String callerAccount;
    private final MemberAccounts accounts;

    /**
     * Asks STS who the caller is and prepares the member accounts; nothing is assumed yet.
     *
     * @param home the region for STS (and whose partition the role ARNs are in)
     * @param clients the read-side clients for a region and credentials (the command's endpoint and retries)
     * @throws software.amazon.awssdk.core.exception.SdkException when STS cannot say who the caller is
     */
    public OrganizationAccess(AwsCredentialsProvider credentials, Region home, URI endpoint, String roleName,
                       BiFunction<Region, AwsCredentialsProvider, AwsClients> clients) {
        this.credentials = credentials;
        this.home = home;
        this.endpoint = endpoint;
        this.http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5)).build();
        StsClientBuilder b = StsClient.builder().region(home).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(configuration());
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        this.sts = b.build();
        AwsClients own = null;
        try {
            this.callerAccount = sts.getCallerIdentity().account();
            own = clients.apply(home, credentials);
            this.homeClients = own;
        } catch (RuntimeException e) {
            if (own != null) {
                own.close();
            }
            sts.close();
            http.close();
            throw e;
        }
        SingleAccount caller = new SingleAccount(homeClients, credentials, region -> clients.apply(region, credentials));
        this.accounts = new MemberAccounts(sts, roleName, callerAccount, SESSION_NAME, caller, home, clients);
    }

    /** The account whose credentials run the scan. */
    String callerAccount() {
        return callerAccount;
    }

    public MemberAccounts accounts() {
        return accounts;
    }

    /**
     * The organization's active accounts, with their names.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when Organizations refuses or fails (the caller
     *         is neither the management account nor a delegated administrator, or there is no organization)
     */
    public List<MemberAccount> organizationAccounts() {
        OrganizationsClientBuilder b = OrganizationsClient.builder().region(globalRegion(home))
                .credentialsProvider(credentials).httpClient(http).overrideConfiguration(configuration());
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        try (OrganizationsClient organizations = b.build()) {
            return new OrganizationAccounts(organizations).active();
        }
    }

    /** STS and Organizations calls made so far. */
    public CallCounter.Tally usage() {
        return counter.tally();
    }

    /** Organizations has one endpoint per partition, in its "global" region. */
    static Region globalRegion(Region home) {
        String id = home.id();
        if (id.startsWith("cn-")) {
            return Region.AWS_CN_GLOBAL;
        }
        if (id.startsWith("us-gov-")) {
            return Region.AWS_US_GOV_GLOBAL;
        }
        return Region.AWS_GLOBAL;
    }

    private ClientOverrideConfiguration configuration() {
        return ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(20))
                .apiCallAttemptTimeout(Duration.ofSeconds(5)).addExecutionInterceptor(counter).build();
    }

    @Override
    public void close() {
        homeClients.close();
        sts.close();
        http.close();
    }
}
