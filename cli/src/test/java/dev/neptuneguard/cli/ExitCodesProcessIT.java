package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit codes as a shell or a CI job sees them: {@link NeptuneGuardCli#main} in a child JVM, with an
 * environment made from scratch (no credentials file, no profile, no instance metadata), one run per code.
 * The internal error is a broken installation: the class path lacks a library {@code replay} needs.
 */
class ExitCodesProcessIT {

    private static final long TIMEOUT_SECONDS = 120;
    private static final String UNENCRYPTED_EVENT = Path.of("..", "events",
            "rds/create-db-cluster-neptune-unencrypted.json").toAbsolutePath().toString();

    @TempDir
    Path dir;

    /** What the child process did. */
    record Outcome(int code, String stdout, String stderr) {

        @Override
        public String toString() {
            return "exit " + code + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    @Test
    void main_cleanExport_exitsZero() throws Exception {
        Outcome o = run(classPath(), "scan", "--offline", ExitCodesTest.cleanBundle(dir));

        assertThat(o.code()).as(o.toString()).isZero();
        assertThat(o.stdout()).contains("0 failed");
        assertThat(o.stderr()).isEmpty();
    }

    @Test
    void main_exportWithFindings_exitsOne() throws Exception {
        Outcome o = run(classPath(), "scan", "--offline", ExitCodesTest.demoBundle(dir));

        assertThat(o.code()).as(o.toString()).isEqualTo(1);
        assertThat(o.stdout()).contains("NEPTUNE_CLUSTER_UNENCRYPTED");
        assertThat(o.stderr()).isEmpty();
    }

    @Test
    void main_configInvocationWithoutResourceId_exitsTwoWithOneLine() throws Exception {
        Outcome o = run(classPath(), "replay", ExitCodesTest.configInvocationWithoutResourceId(dir));

        assertThat(o.code()).as(o.toString()).isEqualTo(2);
        assertThat(o.stderr().lines()).singleElement().asString()
                .startsWith("neptune-guard: ")
                .contains("config-without-resource-id.json: not a usable AWS Config rule invocation: "
                        + "configuration item names no resourceType or resourceId");
    }

    @Test
    void main_liveScanUnreachable_exitsThree() throws Exception {
        Outcome o = run(classPath(), "scan", "--region", "us-east-1", "--format", "json", "--endpoint-url",
                ExitCodesTest.unreachable());

        assertThat(o.code()).as(o.toString()).isEqualTo(3);
        assertThat(o.stderr()).contains("us-east-1: FAILED").doesNotContain("\tat ");
    }

    @Test
    void main_libraryMissing_exitsFourWithOneLine() throws Exception {
        List<String> broken = classPath().stream().filter(e -> !e.contains("event-ruler")).toList();
        assertThat(broken).as("the test removes event-ruler from the class path").hasSizeLessThan(classPath().size());

        Outcome o = run(broken, "replay", UNENCRYPTED_EVENT);

        assertThat(o.code()).as(o.toString()).isEqualTo(4);
        assertThat(o.stderr().lines()).singleElement().asString()
                .startsWith("neptune-guard: internal error, java.lang.NoClassDefFoundError: ")
                .endsWith("(run again with --debug for the stack trace and report it)");
    }

    @Test
    void main_libraryMissingWithDebug_printsTheTrace() throws Exception {
        List<String> broken = classPath().stream().filter(e -> !e.contains("event-ruler")).toList();

        Outcome o = run(broken, "replay", UNENCRYPTED_EVENT, "--debug");

        assertThat(o.code()).as(o.toString()).isEqualTo(4);
        assertThat(o.stderr()).contains("\tat dev.neptuneguard.cli.offline.Replayer");
    }

    private static List<String> classPath() {
        return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    private Outcome run(List<String> classPath, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add(NeptuneGuardCli.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("HOME", dir.toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        pb.redirectOutput(stdout.toFile());
        pb.redirectError(stderr.toFile());
        Process process = pb.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not exit within " + TIMEOUT_SECONDS + " s: " + command.stream()
                    .skip(5).collect(Collectors.joining(" ")));
        }
        return new Outcome(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
