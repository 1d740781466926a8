package dev.neptuneguard.cli.live;

import dev.neptuneguard.cli.InputException;
import dev.neptuneguard.events.Arns;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.account.AccountClientBuilder;
import software.amazon.awssdk.services.account.model.RegionOptStatus;
import software.amazon.awssdk.services.neptune.NeptuneClient;

/**
 * The regions a live scan covers, and whether a region that refuses the credentials is a failure or just a region
 * the account has not enabled.
 *
 * <p>{@code --all-regions}: the regions the account has enabled ({@code account:ListRegions}, statuses
 * {@code ENABLED} and {@code ENABLED_BY_DEFAULT}) where the Neptune control plane has an endpoint. The SDK's own
 * endpoint metadata says where that is (Neptune shares the RDS endpoints, so a region with RDS but without Neptune
 * just has no Neptune clusters); a region newer than this SDK is kept, since missing a region is worse than a few
 * empty calls. When {@code account:ListRegions} is not allowed (or not served, e.g. by an AWS-compatible endpoint),
 * every region of the partition is tried and one whose first call says the token is not valid there
 * ({@code InvalidClientTokenId}, {@code UnrecognizedClientException}, {@code AuthFailure}, {@code OptInRequired})
 * is reported as skipped, not enabled. The EC2 {@code DescribeRegions} call would answer the same question, but the
 * EC2 SDK module is several times the size of the rest of the CLI.
 *
 * @param regions the regions to scan, in order
 * @param probing whether a region that refuses the credentials counts as not enabled (skipped) rather than failed
 * @param note a line for the user about how the regions were chosen; null when there is nothing to say
 */
public record RegionPlan(List<Region> regions, boolean probing, String note) {

    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final int LIST_REGIONS_PAGE = 50;

    public RegionPlan {
        regions = List.copyOf(regions);
    }

    /** Regions named with {@code --region}: checked for shape, duplicates dropped, order kept. */
    public static RegionPlan explicit(List<String> names) {
        Set<Region> regions = new LinkedHashSet<>();
        for (String name : names) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (!REGION_NAME.matcher(n).matches()) {
                throw new InputException("--region '" + name + "' is not a region name such as us-east-1");
            }
            regions.add(Region.of(n));
        }
        return new RegionPlan(new ArrayList<>(regions), false, null);
    }

    /**
     * Every region Neptune is available in and the account has enabled, asked of {@code home}'s partition.
     *
     * @param endpoint the {@code --endpoint-url}, also used for the Account API; may be null
     */
    public static RegionPlan all(Region home, AwsCredentialsProvider credentials, URI endpoint) {
        List<Region> partition = partitionRegions(home);
        try (AccountClient account = accountClient(home, credentials, endpoint)) {
            Set<String> enabled = new TreeSet<>();
            account.listRegionsPaginator(r -> r.regionOptStatusContains(RegionOptStatus.ENABLED,
                            RegionOptStatus.ENABLED_BY_DEFAULT).maxResults(LIST_REGIONS_PAGE))
                    .regions().forEach(r -> enabled.add(r.regionName()));
            Set<Region> known = new LinkedHashSet<>(Region.regions());
            Set<Region> neptune = new LinkedHashSet<>(NeptuneClient.serviceMetadata().regions());
            List<Region> chosen = new ArrayList<>();
            for (String name : enabled) {
                Region r = Region.of(name);
                if (!known.contains(r) || neptune.contains(r)) {
                    chosen.add(r);
                }
            }
            return new RegionPlan(chosen, false, null);
        } catch (SdkException e) {
            RegionFailure failure = RegionFailure.of(e);
            String why = failure.code() + ": " + failure.message();
            return new RegionPlan(partition, true, "account:ListRegions failed (" + why + "): trying all "
                    + partition.size() + " regions of partition " + partitionOf(home)
                    + "; a region that refuses the credentials is reported as not enabled");
        }
    }

    /** The partition's real regions (no {@code -fips} aliases) with a Neptune (RDS) endpoint, sorted by name. */
    public static List<Region> partitionRegions(Region home) {
        String partition = partitionOf(home);
        return NeptuneClient.serviceMetadata().regions().stream()
                .filter(r -> r.metadata() != null && partition.equals(r.metadata().partition().id()))
                .sorted(Comparator.comparing(Region::id))
                .toList();
    }

    private static String partitionOf(Region region) {
        RegionMetadata m = region.metadata();
        return m != null ? m.partition().id() : Arns.partition(region.id());
    }

    private static AccountClient accountClient(Region home, AwsCredentialsProvider credentials, URI endpoint) {
        AccountClientBuilder b = AccountClient.builder().region(home).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(15)).apiCallAttemptTimeout(Duration.ofSeconds(5)).build());
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        return b.build();
    }
}
