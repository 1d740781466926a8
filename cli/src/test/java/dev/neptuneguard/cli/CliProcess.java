package dev.neptuneguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged CLI ({@code cli/target/neptune-guard-cli.jar}, as the {@code neptune-guard} launcher runs it) in a
 * process of its own, with an environment made from scratch: only the variables given, plus {@code PATH} and
 * {@code HOME}.
 */
final class CliProcess {

    private static final long TIMEOUT_SECONDS = 180;

    /** Exit status, standard output and standard error of one run. */
    record Run(int code, String out, String err) {

        /** The JSON lines of standard output ({@code --format json}). */
        List<JsonNode> findings() {
            return new CliRun(code, out, err).findings();
        }

        @Override
        public String toString() {
            return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private CliProcess() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("cli.jar", "target/neptune-guard-cli.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the CLI suite runs after `package`");
        }
        return jar;
    }

    static Run run(Map<String, String> env, Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", workDir.toString());
        pb.environment().putAll(env);
        try {
            Path err = Files.createTempFile(workDir, "cli-", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("neptune-guard " + String.join(" ", args) + " did not finish");
            }
            return new Run(p.exitValue(), out, Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
