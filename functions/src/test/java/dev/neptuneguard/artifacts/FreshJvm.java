package dev.neptuneguard.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link HandlerLauncher} in a new JVM whose class path is one deployable jar and the launcher jar, with an
 * environment made from scratch: a region, static credentials, {@code NEPTUNE_GUARD_ENDPOINT_URL} and the
 * function's own variables — nothing inherited from the build, so no credentials file, profile or instance metadata
 * can take part.
 */
final class FreshJvm {

    private static final long TIMEOUT_SECONDS = 120;

    /**
     * What the launcher reported: its exit status, its result line and the handler's logs (standard error), and
     * the wall clock just before the process was spawned.
     */
    record Run(int exitCode, JsonNode result, String logs, long spawnEpochMs) {

        boolean linkageError() {
            return result != null && result.path("linkageError").asBoolean();
        }

        JsonNode output() throws IOException {
            return Json.MAPPER.readTree(result.get("output").asText());
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ", result " + result + ", logs:\n" + logs;
        }
    }

    private FreshJvm() {
    }

    static Run run(Path jar, String handler, Path event, String endpoint, Map<String, String> functionEnv)
            throws IOException, InterruptedException {
        return run(Path.of(System.getProperty("java.home")), List.of(), jar,
                List.of(handler, event.toAbsolutePath().toString()), endpoint, functionEnv);
    }

    /**
     * Runs the launcher with {@code launcherArgs} ({@code [--prime] [--in-memory] handler event [invocations]}) on the JDK at
     * {@code javaHome} with extra JVM flags (e.g. {@code -XX:TieredStopAtLevel=1}); {@code JAVA_TOOL_OPTIONS} is
     * taken from {@code functionEnv} like any other variable.
     */
    static Run run(Path javaHome, List<String> jvmFlags, Path jar, List<String> launcherArgs, String endpoint,
                   Map<String, String> functionEnv) throws IOException, InterruptedException {
        String handler = launcherArgs.stream().filter(a -> !a.startsWith("--")).findFirst().orElseThrow();
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(jar.toAbsolutePath() + File.pathSeparator + Artifact.launcherJar().toAbsolutePath());
        command.add(HandlerLauncher.class.getName());
        command.addAll(launcherArgs);
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(environment(endpoint, handler));
        env.putAll(functionEnv);
        Path logs = Files.createTempFile("launcher-", ".log");
        pb.redirectError(logs.toFile());
        long spawned = System.currentTimeMillis();
        Process process = pb.start();
        byte[] stdout = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(handler + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        String log = Files.readString(logs, StandardCharsets.UTF_8);
        Files.delete(logs);
        String text = new String(stdout, StandardCharsets.UTF_8).trim();
        // The result is the launcher's last JSON line (a JVM may print more, e.g. JDK 25 after an AOT cache training).
        String line = text.lines().filter(l -> l.startsWith("{\"handler\"")).reduce((a, b) -> b).orElse(null);
        JsonNode result = line == null ? null : Json.MAPPER.readTree(line);
        return new Run(process.exitValue(), result, log, spawned);
    }

    private static Map<String, String> environment(String endpoint, String handler) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", "/nonexistent/neptune-guard/aws-config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/neptune-guard/aws-credentials");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "neptune-guard-" + handler.substring(handler.lastIndexOf('.') + 1));
        env.put("NEPTUNE_GUARD_ENDPOINT_URL", endpoint);
        return env;
    }
}
