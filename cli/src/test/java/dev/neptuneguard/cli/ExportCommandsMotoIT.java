package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.moto.MotoExtension;
import dev.neptuneguard.moto.MotoServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live and offline agree: the script {@code export-commands} prints, run with the real AWS CLI against moto, writes
 * files on which {@code scan --offline} gives the same verdicts (rule, status, resource, exemption) as
 * {@code scan} reading the same state live. The AWS CLI v1 on the image ignores {@code AWS_ENDPOINT_URL}, so a
 * wrapper named {@code aws}, first on {@code PATH}, adds {@code --endpoint-url}.
 */
@ExtendWith(MotoExtension.class)
class ExportCommandsMotoIT {

    @TempDir
    Path dir;

    @Test
    void exportCommands_runByTheAwsCliAgainstMoto_offlineScanGivesTheLiveVerdicts(MotoServer moto)
            throws Exception {
        Path realAws = onPath("aws");
        if (realAws == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("the AWS CLI (aws) is required with CI=true and is not on PATH");
        }
        Assumptions.assumeTrue(realAws != null, "the AWS CLI (aws) is not on PATH");
        MotoAccount.build(moto);
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"requireKeyRotation\": true}");
        Map<String, String> env = moto.processEnvironment();

        CliProcess.Run printed = CliProcess.run(env, dir, "export-commands", "--region", "us-east-1", "--region",
                "eu-west-1", "--dir", "export");
        assertThat(printed.code()).as(printed.toString()).isZero();
        runScript(printed.out(), realAws, moto, env);
        List<String> files = exported();
        assertThat(files).contains("clusters-us-east-1.json", "clusters-eu-west-1.json", "snapshots-us-east-1.json",
                "aliases-us-east-1.json").anyMatch(f -> f.startsWith("rotation-us-east-1-"));

        CliProcess.Run live = CliProcess.run(env, dir, "scan", "--region", "us-east-1", "--region", "eu-west-1",
                "--endpoint-url", moto.endpoint().toString(), "--format", "json", "--include-passed", "--policy",
                policy.toString());
        List<String> offlineArgs = new ArrayList<>(List.of("scan", "--format", "json", "--include-passed",
                "--policy", policy.toString(), "--offline"));
        files.forEach(f -> offlineArgs.add(dir.resolve("export").resolve(f).toString()));
        CliProcess.Run offline = CliProcess.run(env, dir, offlineArgs.toArray(String[]::new));

        assertThat(live.code()).as(live.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(offline.code()).as(offline.toString()).isEqualTo(live.code());
        Set<String> liveVerdicts = verdicts(live.findings());
        assertThat(liveVerdicts).hasSizeGreaterThan(40)
                .contains("NEPTUNE_CLUSTER_UNENCRYPTED FAILED " + MotoAccount.clusterArn(MotoAccount.EAST,
                        "graph-scratch") + " suppressed=false")
                .anyMatch(v -> v.startsWith("NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED PASSED "));
        assertThat(verdicts(offline.findings())).isEqualTo(liveVerdicts);
    }

    private void runScript(String script, Path realAws, MotoServer moto, Map<String, String> env)
            throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path wrapper = bin.resolve("aws");
        Files.writeString(wrapper, "#!/usr/bin/env bash\nexec '" + realAws
                + "' --endpoint-url \"$MOTO_ENDPOINT\" \"$@\"\n");
        assertThat(wrapper.toFile().setExecutable(true)).isTrue();
        Path file = dir.resolve("export.sh");
        Files.writeString(file, script);
        ProcessBuilder bash = new ProcessBuilder("bash", file.toString()).directory(dir.toFile())
                .redirectErrorStream(true);
        bash.environment().clear();
        bash.environment().putAll(env);
        bash.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        bash.environment().put("HOME", dir.toString());
        bash.environment().put("MOTO_ENDPOINT", moto.endpoint().toString());
        Process process = bash.start();
        String console = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(console).isZero();
    }

    private List<String> exported() throws IOException {
        try (Stream<Path> listed = Files.list(dir.resolve("export"))) {
            return listed.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Rule, status, resource and exemption of each finding: what a scan decided. */
    private static Set<String> verdicts(List<JsonNode> findings) {
        Set<String> out = new TreeSet<>();
        for (JsonNode f : findings) {
            out.add(f.path("ruleId").asText() + " " + f.path("status").asText() + " " + f.path("resourceArn").asText()
                    + " suppressed=" + f.path("suppressed").asBoolean());
        }
        return out;
    }

    private static Path onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(d, name);
            if (!d.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
