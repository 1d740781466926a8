package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.model.Policy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.statistics.Statistics;

/**
 * Any bytes as {@code --policy FILE} have a defined outcome: a policy, or an {@link InputException} whose one-line
 * message names the file. Never another exception (which would be exit code 4) and never a silent default for a
 * file that says something else. Inputs: random bytes, random JSON-ish text, and valid policies with one hostile
 * change (a name misspelt or re-cased, a value of another type, a bad list element).
 */
class PolicyFilePropertyTest {

    private static final List<String> NAMES = List.of("requireCustomerManagedKey", "allowedKeyArns", "KmsKeyArns",
            "requiredKeyOrigins", "requireKeyRotation", "resourceTypes", "allowedKeyArn", "REQUIREKEYROTATION", "",
            "\u0000", "allowed\nKeyArns", "x".repeat(5_000));
    private static final List<String> VALUES = List.of("true", "false", "\"yes\"", "\"maybe\"", "1", "-0.5e999",
            "null", "[]", "{}", "[\"alias/neptune-prod\"]", "[{\"arn\": \"x\"}]", "[null]", "[\"\"]", "\"*\"",
            "\"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"",
            "\"arn:aws:s3:::b\"", "[\"AWS_CLOUDHSM\", \"aws_kms\"]", "\"[1,2\"", "[[[[[[[]]]]]]]",
            "\"\\u0000\\u001b[2J\"", "\"" + "a,".repeat(2_000) + "\"");

    private final Path file = createTemp();

    private static Path createTemp() {
        try {
            return Files.createTempFile("policy-", ".json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterProperty
    void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789 truefalsnl\\u\n")
                .ofMaxLength(200).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> objects = Combinators.combine(Arbitraries.of(NAMES), Arbitraries.of(VALUES),
                        Arbitraries.of(NAMES), Arbitraries.of(VALUES))
                .as((n1, v1, n2, v2) -> ("{\"" + n1.replace("\"", "\\\"") + "\": " + v1 + ", \""
                        + n2.replace("\"", "\\\"") + "\": " + v2 + "}").getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(Tuple.of(1, random), Tuple.of(1, jsonish), Tuple.of(3, objects));
    }

    @Property(tries = 1500)
    void read_anyBytes_policyOrInputErrorNamingTheFile(@ForAll("anyBytes") byte[] content) throws IOException {
        Files.write(file, content);

        String outcome;
        try {
            Policy policy = PolicyFile.read(file);
            assertThat(policy).isNotNull();
            outcome = "policy";
        } catch (InputException e) {
            assertThat(e.getMessage()).startsWith(file + ": ");
            outcome = "input error";
        }
        Statistics.label("outcome").collect(outcome);
        Statistics.label("outcome").coverage(c -> {
            c.check("policy").count(n -> n > 0);
            c.check("input error").count(n -> n > 0);
        });
    }
}
