package dev.neptuneguard.handler;

import dev.neptuneguard.accounts.Accounts;
import dev.neptuneguard.accounts.OrganizationAccounts;
import dev.neptuneguard.accounts.OrganizationSweeps;
import dev.neptuneguard.inventory.EndpointOverride;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.revocation.Sweep;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/**
 * The organization sweep's assembly, kept apart from {@link KeyRuntime} because it is the only code that needs the
 * Organizations SDK, which only the sweep's jar holds: the key and reminder functions never load this class.
 * Settings: {@code MEMBER_REGIONS}, {@code SWEEP_PARALLELISM} (1–64, default {@value #DEFAULT_SWEEP_PARALLELISM}).
 */
final class OrganizationSweepRuntime {

    static final int DEFAULT_SWEEP_PARALLELISM = 16;

    private OrganizationSweepRuntime() {
    }

    static Supplier<Sweep> sweeps(Map<String, String> env, Runtime runtime, Accounts accounts,
                                  Function<Inventory, Sweep> sweepOf) {
        OrganizationAccounts organization = new OrganizationAccounts(organizations(env));
        List<String> regions = runtime.memberRegions();
        int parallelism = parallelism(env.get("SWEEP_PARALLELISM"));
        boolean rotation = runtime.policy().requireKeyRotation();
        return () -> OrganizationSweeps.of(accounts, organization, regions, parallelism, rotation, sweepOf);
    }

    static int parallelism(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_SWEEP_PARALLELISM;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 64) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalStateException("invalid environment setting: SWEEP_PARALLELISM must be a number from 1 "
                + "to 64, not '" + value + "'");
    }

    /** Organizations' global endpoint (the management account or a delegated administrator may call it). */
    private static OrganizationsClient organizations(Map<String, String> env) {
        var builder = OrganizationsClient.builder().region(Region.AWS_GLOBAL)
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(3)).build())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(10))
                        .apiCallAttemptTimeout(Duration.ofSeconds(3)).retryStrategy(RetryMode.STANDARD));
        URI endpoint = EndpointOverride.fromEnvironment(env);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
