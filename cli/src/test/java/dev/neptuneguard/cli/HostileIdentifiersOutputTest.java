package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.model.Identifiers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Identifiers that try to drive the terminal (ANSI and OSC escapes, BEL, C1 CSI, a bidi override) or forge a
 * report line (CR, LF) never reach a terminal raw. The offline reader refuses them at load (RDS would never have
 * issued such a name), with exit code 2 and the offending value shown escaped; the renderers' own escaping and the
 * remediation's shell quoting stay as a second line of defence (TextTest, ShellTest with a real bash).
 */
class HostileIdentifiersOutputTest {

    /** A cluster name that clears the screen, sets the window title and forges a CRITICAL line. */
    static final String HOSTILE = "graph\u001b]0;pwned\u0007\u001b[2J\r\nCRITICAL      NEPTUNE_CLUSTER_UNENCRYPTED"
            + "              forged\u009b31m\u202eexe.txt";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The demo account where {@code target} is renamed to the hostile name (identifier and ARN). */
    private String bundle(String target) {
        return DemoBundle.load().editClusters(c -> {
            if (c.get("DBClusterIdentifier").asText().equals(target)) {
                c.put("DBClusterIdentifier", HOSTILE);
                c.put("DBClusterArn", "arn:aws:rds:us-east-1:111122223333:cluster:" + HOSTILE);
            }
        }).editSnapshots(s -> {
            if (s.get("DBClusterIdentifier").asText().equals(target)) {
                s.put("DBClusterIdentifier", HOSTILE);
            }
        }).write(dir.resolve("hostile.json")).toString();
    }

    static Stream<List<String>> commands() {
        String event = Path.of("..", "events", "kms", "disable-key-legacy.json").toString();
        return Stream.of(
                List.of("scan", "--offline", "BUNDLE:graph-scratch"),
                List.of("scan", "--offline", "BUNDLE:graph-legacy", "--include-passed"),
                List.of("replay", event, "--offline", "BUNDLE:graph-legacy"),
                List.of("replay", event, "--offline", "BUNDLE:graph-legacy", "--render"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void offlineExport_hostileIdentifier_refusedAtLoadAndShownEscapedNeverRaw(List<String> command) {
        List<String> args = new ArrayList<>();
        for (String a : command) {
            args.add(a.startsWith("BUNDLE:") ? bundle(a.substring("BUNDLE:".length())) : a);
        }

        int code = NeptuneGuardCli.run(LiveScanIT.CLOCK, new PrintWriter(out), new PrintWriter(err),
                args.toArray(String[]::new));

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        String shown = out.toString() + err.toString();
        assertThat(shown.chars().filter(c -> c != '\n' && Identifiers.isControl((char) c)).boxed().toList())
                .as("raw control characters").isEmpty();
        assertThat(shown.lines()).noneMatch(line -> line.startsWith("CRITICAL"));
        assertThat(err.toString()).contains("hostile.json").contains("graph\\u001b]0;pwned\\u0007");
    }
}
