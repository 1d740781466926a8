package dev.neptuneguard.cli;

import dev.neptuneguard.inventory.AwsClients;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.utils.SdkAutoCloseable;
import picocli.CommandLine.Option;

/**
 * How a live command reaches AWS: {@code --profile} (else the SDK's default credentials chain: environment,
 * {@code AWS_PROFILE}, SSO, web identity, container and instance roles) and {@code --endpoint-url} for
 * AWS-compatible endpoints, applied to every client the command builds. Nothing here can write: the clients are
 * handed to read-only code.
 */
final class AwsOptions {

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Named profile from the AWS config/credentials files "
                    + "(default: the default credentials chain).")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every AWS call to this endpoint (an AWS-compatible service or a local stub).")
    String endpointUrl;

    boolean anyGiven() {
        return profile != null || endpointUrl != null;
    }

    /** The endpoint override, validated; null when not given. */
    URI endpoint() {
        if (endpointUrl == null) {
            return null;
        }
        try {
            URI uri = new URI(endpointUrl);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new InputException("--endpoint-url must be an http(s) URL such as https://host:4566, not '"
                        + endpointUrl + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InputException("--endpoint-url is not a URL: " + e.getMessage(), e);
        }
    }

    /** One provider for the whole run, so that every region shares its cached (and refreshed) credentials. */
    AwsCredentialsProvider credentials(CliContext context) {
        if (context.credentials() != null) {
            return context.credentials().apply(profile);
        }
        return profile == null
                ? DefaultCredentialsProvider.builder().build()
                : forProfile(profile, ProfileFile::defaultProfileFile);
    }

    /** Fails fast, once, instead of once per region, when there are no usable credentials at all. */
    static void checkCredentials(AwsCredentialsProvider credentials) {
        try {
            credentials.resolveCredentials();
        } catch (SdkClientException e) {
            throw new InputException("no AWS credentials: " + e.getMessage().lines().findFirst().orElse("")
                    + " (use --profile NAME, AWS_PROFILE, or the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY variables)",
                    e);
        }
    }

    /** Closes a provider the command built (the SDK leaves closing a given provider to its owner). */
    static void close(AwsCredentialsProvider credentials) {
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    /** A provider for a named profile, which must exist, so that a typo is a usage error and not 30 failed regions. */
    static AwsCredentialsProvider forProfile(String name, Supplier<ProfileFile> profiles) {
        ProfileFile file = profiles.get();
        if (file.profile(name).isEmpty()) {
            throw new InputException("profile '" + name + "' is not in the AWS config or credentials file (known: "
                    + String.join(", ", file.profiles().keySet()) + ")");
        }
        return ProfileCredentialsProvider.builder().profileFile(file).profileName(name).build();
    }

    /** The region the SDK would use (environment, {@code --profile}'s or the default profile's region), if any. */
    Optional<Region> defaultRegion() {
        return defaultRegion(profile, ProfileFile::defaultProfileFile);
    }

    static Optional<Region> defaultRegion(String profile, Supplier<ProfileFile> profiles) {
        try {
            DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder().profileFile(profiles);
            if (profile != null) {
                chain.profileName(profile);
            }
            return Optional.of(chain.build().getRegion());
        } catch (SdkClientException e) {
            return Optional.empty();
        }
    }

    /** Read-side clients for one region, with this command's credentials and endpoint. */
    AwsClients clients(Region region, AwsCredentialsProvider credentials, CliContext context) {
        AwsClients.Builder b = AwsClients.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(endpoint());
        if (context.retryBackoff() != null) {
            b.retryBackoff(context.retryBackoff());
        }
        return b.build();
    }
}
