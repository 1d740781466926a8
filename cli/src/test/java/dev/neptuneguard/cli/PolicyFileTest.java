package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neptuneguard.model.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --policy FILE} against the one policy schema: every hostile file is exit code 2 with one line that names
 * the file and the setting, and nothing is printed on stdout; well-formed variants (other casing, comma-separated
 * text) are read the same way as the canonical form.
 */
class PolicyFileTest {

    private static final String KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("{\"allowedKeyArn\": [\"alias/neptune-prod\"]}",
                        "unknown setting 'allowedKeyArn'; did you mean 'allowedKeyArns'?"),
                Arguments.of("{\"requireKeyRotations\": true}",
                        "unknown setting 'requireKeyRotations'; did you mean 'requireKeyRotation'?"),
                Arguments.of("{\"kmsKeyArn\": \"alias/neptune-prod\"}",
                        "unknown setting 'kmsKeyArn'; did you mean 'KmsKeyArns'?"),
                Arguments.of("{\"frobnicate\": 1}", "unknown setting 'frobnicate'. Known settings: "
                        + "requireCustomerManagedKey, allowedKeyArns, KmsKeyArns, requiredKeyOrigins, "
                        + "requireKeyRotation."),
                Arguments.of("{\"resourceTypes\": \"AWS::RDS::DBCluster\"}",
                        "unknown setting 'resourceTypes': resourceTypes is a parameter of the AWS Config rule"),
                Arguments.of("{\"allowedKeyArns\": [{\"arn\": \"" + KEY + "\"}]}",
                        "allowedKeyArns: element 0 is an object; expected a string"),
                Arguments.of("{\"allowedKeyArns\": [\"alias/neptune-prod\", 7]}",
                        "allowedKeyArns: element 1 is a number (7); expected a string"),
                Arguments.of("{\"allowedKeyArns\": [\"alias/a,alias/b\"]}",
                        "allowedKeyArns: element 0 ('alias/a,alias/b') holds a comma or a space"),
                Arguments.of("{\"allowedKeyArns\": {\"arn\": \"" + KEY + "\"}}",
                        "allowedKeyArns: expected a list of key ARNs, key ids, alias names (alias/...) or alias ARNs "
                                + "(a JSON array of strings or comma-separated text), got an object"),
                Arguments.of("{\"allowedKeyArns\": 5}", "allowedKeyArns: expected a list of key ARNs"),
                Arguments.of("{\"allowedKeyArns\": [\"arn:aws:kms:us-east-1:111122223333:key/*\"]}",
                        "allowedKeyArns: 'arn:aws:kms:us-east-1:111122223333:key/*' has a wildcard"),
                Arguments.of("{\"allowedKeyArns\": \"*\"}", "allowedKeyArns: '*' has a wildcard"),
                Arguments.of("{\"allowedKeyArns\": [\"arn:aws:iam::111122223333:role/KeyAdmin\"]}",
                        "allowedKeyArns: 'arn:aws:iam::111122223333:role/KeyAdmin' is an ARN of service 'iam', not a "
                                + "KMS key or alias ARN"),
                Arguments.of("{\"KmsKeyArns\": \"neptune-prod\"}", "KmsKeyArns: 'neptune-prod' is not a key ARN"),
                Arguments.of("{\"requireKeyRotation\": \"sometimes\"}",
                        "requireKeyRotation: 'sometimes' is not true or false"),
                Arguments.of("{\"requireKeyRotation\": 1}",
                        "requireKeyRotation: expected true or false, got a number (1)"),
                Arguments.of("{\"requireCustomerManagedKey\": [true]}",
                        "requireCustomerManagedKey: expected true or false, got an array"),
                Arguments.of("{\"requiredKeyOrigins\": [\"CLOUDHSM\"]}",
                        "requiredKeyOrigins: unknown origin 'CLOUDHSM'"),
                Arguments.of("{\"allowedKeyArns\": \"alias/a\", \"ALLOWEDKEYARNS\": \"alias/b\"}",
                        "allowedKeyArns: 'allowedKeyArns' and 'ALLOWEDKEYARNS' are the same setting: give it once"),
                Arguments.of("[]", "a policy file must be a JSON object"),
                Arguments.of("\"oops\"", "a policy file must be a JSON object"),
                Arguments.of("5", "a policy file must be a JSON object"),
                Arguments.of("null", "a policy file must be a JSON object"),
                Arguments.of("", "a policy file must be a JSON object"),
                Arguments.of("{\"allowedKeyArns\": [", "cannot read policy"));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void scan_hostilePolicy_exitsTwoNamingFileAndSetting(String content, String message) throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.json"), content, StandardCharsets.UTF_8);

        int code = NeptuneGuardCli.run(LiveScanIT.CLOCK, new PrintWriter(out), new PrintWriter(err), "scan",
                "--offline", ExitCodesTest.demoBundle(dir), "--policy", policy.toString());

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("neptune-guard: " + policy + ": ")
                .contains(message);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void read_otherCasingAndCommaSeparatedText_sameAsCanonical() throws IOException {
        Path canonical = Files.writeString(dir.resolve("a.json"), "{\"allowedKeyArns\": [\"alias/neptune-prod\", \""
                + KEY + "\"], \"requiredKeyOrigins\": [\"AWS_KMS\"], \"requireKeyRotation\": true}");
        Path variant = Files.writeString(dir.resolve("b.json"), "{\"ALLOWEDKEYARNS\": \"alias/neptune-prod, " + KEY
                + "\", \"RequiredKeyOrigins\": \"aws_kms\", \"requirekeyrotation\": \"yes\"}");

        Policy a = PolicyFile.read(canonical);

        assertThat(PolicyFile.read(variant)).isEqualTo(a);
        assertThat(a.allowedKeyArns()).containsExactly("alias/neptune-prod", KEY);
        assertThat(a.requireKeyRotation()).isTrue();
    }

    @Test
    void read_nullValue_keepsTheDefault() throws IOException {
        Path policy = Files.writeString(dir.resolve("p.json"), "{\"requireCustomerManagedKey\": null}");

        assertThat(PolicyFile.read(policy)).isEqualTo(Policy.defaults());
    }

    @Test
    void read_missingFile_namesIt() {
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> PolicyFile.read(missing)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(missing + ": cannot read policy");
    }

    @Test
    void scan_misspeltAllowlistWithFailOn_neverPassesAsClean() throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.json"), "{\"allowedKeyArn\": [\"alias/neptune-prod\"]}");

        int code = NeptuneGuardCli.run(LiveScanIT.CLOCK, new PrintWriter(out), new PrintWriter(err), "scan",
                "--offline", ExitCodesTest.cleanBundle(dir), "--policy", policy.toString());

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
    }
}
