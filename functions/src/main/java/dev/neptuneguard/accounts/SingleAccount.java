package dev.neptuneguard.accounts;

import dev.neptuneguard.inventory.AwsClients;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The single-account stack: every event is about the function's own account, and its own credentials read it.
 * Another region's clients are built on first use (with the same credentials) and kept.
 */
public final class SingleAccount implements Accounts {

    private final AwsClients home;
    private final AwsCredentialsProvider credentials;
    private final Function<Region, AwsClients> inRegion;
    private final Map<String, AwsClients> byRegion = new ConcurrentHashMap<>();

    public SingleAccount(AwsClients home, AwsCredentialsProvider credentials, Function<Region, AwsClients> inRegion) {
        this.home = home;
        this.credentials = credentials;
        this.inRegion = inRegion;
    }

    @Override
    public AwsClients clients(String account, String region) {
        if (region == null || region.equals(home.region().id())) {
            return home;
        }
        return byRegion.computeIfAbsent(region, r -> inRegion.apply(Region.of(r)));
    }

    @Override
    public AwsClients open(String account, String region) {
        return inRegion.apply(region == null ? home.region() : Region.of(region));
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
