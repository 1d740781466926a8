package dev.neptuneguard.accounts;

import dev.neptuneguard.inventory.AwsClients;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Organization mode: a member account is read through its read role ({@code MEMBER_ROLE_NAME}, deployed by the
 * member StackSet), assumed with STS from the hub function's own role. Credentials are cached per account by the
 * SDK's {@link StsAssumeRoleCredentialsProvider} (refreshed a few minutes before they expire, synchronously, so a
 * SnapStart restore captures no refresh thread), clients per account and region. The role session name says which
 * function assumed the role, so CloudTrail in the member account shows it. The hub's own account uses the
 * function's own credentials. Thread-safe: the sweep reads many accounts at once.
 */
public final class MemberAccounts implements Accounts {

    /** How long an assumed session lasts: the minimum STS allows, more than any invocation needs. */
    static final int SESSION_SECONDS = 900;
    /** Account × region client sets kept by an event handler's process. */
    static final int CACHED_CLIENTS = 32;
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private final StsClient sts;
    private final String roleName;
    private final String homeAccount;
    private final String sessionName;
    private final Accounts home;
    private final Region homeRegion;
    private final BiFunction<Region, AwsCredentialsProvider, AwsClients> factory;
    private final Map<String, StsAssumeRoleCredentialsProvider> credentials = new ConcurrentHashMap<>();
    /** Clients of the account × region pairs seen last, closed when they fall out. */
    private final RecentAccounts<AwsClients> clients;

    /**
     * @param sts the STS client, with the function's own credentials, in the function's region
     * @param roleName the member read role's name
     * @param homeAccount the hub's own account (read with {@code home}); {@code null} if unknown, then every
     *        account is read through its role (the hub account needs the member stack too)
     * @param sessionName the role session name, e.g. {@code neptune-guard-key-revocation}
     * @param home the function's own clients and credentials
     * @param homeRegion the function's region: the default region of a member's clients, and the partition
     * @param factory builds clients for a region and credentials
     */
    public MemberAccounts(StsClient sts, String roleName, String homeAccount, String sessionName, Accounts home,
                          Region homeRegion, BiFunction<Region, AwsCredentialsProvider, AwsClients> factory) {
        this.sts = sts;
        this.roleName = roleName;
        this.homeAccount = homeAccount;
        this.sessionName = sessionName.length() > 64 ? sessionName.substring(0, 64) : sessionName;
        this.home = home;
        this.homeRegion = homeRegion;
        this.factory = factory;
        this.clients = new RecentAccounts<>(CACHED_CLIENTS, key -> factory.apply(Region.of(key.substring(
                key.indexOf('/') + 1)), credentials(key.substring(0, key.indexOf('/')))), AwsClients::close);
    }

    @Override
    public AwsClients clients(String account, String region) {
        if (isHome(account)) {
            return home.clients(account, region);
        }
        credentials(account); // assumes the role now, so a refusal is reported before any client is built
        return clients.get(account + "/" + (region != null ? region : homeRegion.id()));
    }

    @Override
    public AwsClients open(String account, String region) {
        if (isHome(account)) {
            return home.open(account, region);
        }
        AwsCredentialsProvider provider = credentials(account);
        return factory.apply(region != null ? Region.of(region) : homeRegion, provider);
    }

    @Override
    public AwsCredentialsProvider credentials(String account) {
        if (isHome(account)) {
            return home.credentials(account);
        }
        if (!ACCOUNT_ID.matcher(account).matches()) {
            throw new MemberAccessException(account, "InvalidAccountId", "'" + account + "' is not an AWS account "
                    + "id (12 digits)", null);
        }
        StsAssumeRoleCredentialsProvider provider = credentials.computeIfAbsent(account, this::provider);
        try {
            provider.resolveCredentials(); // cached until shortly before expiry; the first call assumes the role
        } catch (AwsServiceException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                throw e; // STS was busy or failing: an AWS fault, retried by Lambda
            }
            String code = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                    ? e.awsErrorDetails().errorCode() : "HTTP " + e.statusCode();
            String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                    ? e.awsErrorDetails().errorMessage() : e.getMessage();
            credentials.remove(account, provider); // try again on the next event: the role may be deployed by then
            throw new MemberAccessException(account, code, "cannot assume " + roleArn(account) + ": " + code + ": "
                    + message, e);
        }
        return provider;
    }

    @Override
    public boolean organizationMode() {
        return true;
    }

    /** The member read role in {@code account}, in the partition of the function's region. */
    public String roleArn(String account) {
        String region = homeRegion.id();
        String partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
        return "arn:" + partition + ":iam::" + account + ":role/" + roleName;
    }

    private boolean isHome(String account) {
        return account == null || account.equals(homeAccount);
    }

    private StsAssumeRoleCredentialsProvider provider(String account) {
        String arn = roleArn(account);
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .asyncCredentialUpdateEnabled(false)
                .refreshRequest(r -> r.roleArn(arn).roleSessionName(sessionName).durationSeconds(SESSION_SECONDS))
                .build();
    }
}
