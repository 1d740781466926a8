package dev.neptuneguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Shell#quote}: safe identifiers stay as they are; anything else becomes one literal word. The property
 * is checked by a real bash: every quoted word, read back by {@code printf}, is the original string.
 */
class ShellTest {

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("graph-prod", "graph-prod"),
                Arguments.of("rds:graph-prod-2026-11-23-03-10", "rds:graph-prod-2026-11-23-03-10"),
                Arguments.of("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                        "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
                Arguments.of("a b", "'a b'"),
                Arguments.of("x;rm -rf ~", "'x;rm -rf ~'"),
                Arguments.of("$(id)", "'$(id)'"),
                Arguments.of("`id`", "'`id`'"),
                Arguments.of("it's", "'it'\\''s'"),
                Arguments.of("-rf", "'-rf'"),
                Arguments.of("", "''"),
                Arguments.of("a\nb", "$'a\\nb'"),
                Arguments.of("a\u001b[2Jb", "$'a\\x1b[2Jb'"),
                Arguments.of("a\u202eb", "$'a\\u202eb'"),
                Arguments.of("'\u0007\\", "$'\\'\\x07\\\\'"));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void quote_examples(String value, String quoted) {
        assertThat(Shell.quote(value)).isEqualTo(quoted);
        assertThat(quoted).doesNotContain("\n").doesNotContain("\u001b").doesNotContain("\u202e");
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<Character> chars = Arbitraries.oneOf(
                Arbitraries.chars().ascii().filter(c -> c != 0),
                Arbitraries.of('\'', '"', '\\', '$', '`', '!', ';', '&', '|', '*', '?', '~', '#', '\n', '\r', '\t',
                        '\u001b', '\u0085', '\u009b', '\u202e', '\u2028', 'é', '中'));
        return chars.list().ofMinSize(1).ofMaxSize(30).map(list -> {
            StringBuilder b = new StringBuilder();
            list.forEach(b::append);
            return b.toString();
        });
    }

    /** 300 strings a try, so that one bash reads them all: a process per string would be slow. */
    @Provide
    Arbitrary<List<String>> hostileBatches() {
        return hostile().list().ofSize(300);
    }

    @Property(tries = 5)
    void quote_anyString_bashReadsItBackUnchanged(@ForAll("hostileBatches") List<String> values)
            throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("printf '%s\\0'");
        values.forEach(v -> script.append(' ').append(Shell.quote(v)));
        script.append('\n');
        Path file = Files.createTempFile("quote-", ".sh");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", file.toString());
            pb.environment().put("LC_ALL", "C.UTF-8");
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            List<String> back = new ArrayList<>(List.of(new String(out, StandardCharsets.UTF_8).split("\0", -1)));
            back.remove(back.size() - 1);
            assertThat(back).containsExactlyElementsOf(values);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
