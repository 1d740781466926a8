package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

class AwsOptionsTest {

    @TempDir
    Path dir;

    private ProfileFile credentials() throws IOException {
        Path file = dir.resolve("credentials");
        Files.writeString(file, String.join("\n",
                "[default]",
                "aws_access_key_id = AKIADEFAULTEXAMPLE01",
                "aws_secret_access_key = defaultSecretExample",
                "[auditor]",
                "aws_access_key_id = AKIAAUDITOREXAMPLE01",
                "aws_secret_access_key = auditorSecretExample",
                ""));
        return ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build();
    }

    private ProfileFile config() throws IOException {
        Path file = dir.resolve("config");
        Files.writeString(file, String.join("\n",
                "[default]",
                "region = eu-west-1",
                "[profile auditor]",
                "region = ap-southeast-2",
                ""));
        return ProfileFile.builder().content(file).type(ProfileFile.Type.CONFIGURATION).build();
    }

    @Test
    void forProfile_knownProfile_resolvesThatProfilesKeys() throws IOException {
        ProfileFile file = credentials();

        AwsCredentialsProvider provider = AwsOptions.forProfile("auditor", () -> file);
        AwsCredentials resolved = provider.resolveCredentials();

        assertThat(resolved.accessKeyId()).isEqualTo("AKIAAUDITOREXAMPLE01");
        assertThat(resolved.secretAccessKey()).isEqualTo("auditorSecretExample");
    }

    @Test
    void forProfile_unknownProfile_isAnInputErrorListingTheKnownOnes() throws IOException {
        ProfileFile file = credentials();

        assertThatThrownBy(() -> AwsOptions.forProfile("audit0r", () -> file))
                .isInstanceOf(InputException.class)
                .hasMessage("profile 'audit0r' is not in the AWS config or credentials file (known: default, auditor)");
    }

    @Test
    void defaultRegion_profileGiven_usesTheProfilesRegion() throws IOException {
        ProfileFile file = config();

        assertThat(AwsOptions.defaultRegion("auditor", () -> file)).contains(Region.AP_SOUTHEAST_2);
    }

    @Test
    void defaultRegion_profileWithoutRegion_isEmpty() throws IOException {
        ProfileFile file = credentials();

        assertThat(AwsOptions.defaultRegion("auditor", () -> file)).isEmpty();
    }
}
