package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code export-org.sh} (section "Offline, account by account"), taken from the README itself and run
 * with bash and the machine image's AWS CLI against the organization stub ({@link OrganizationStub}): an {@code aws}
 * wrapper first on the {@code PATH} adds {@code --endpoint-url} (the AWS CLI v1 ignores {@code AWS_ENDPOINT_URL}),
 * and {@code ./neptune-guard} runs this build's CLI. Proves that the loop lists the organization, exports the
 * caller's account with its own credentials and each member with its role session, leaves out (and reports) a member
 * whose role is denied, and that {@code scan --offline export} reads the folder of account folders with each
 * account in its own sections.
 */
class OrganizationExportLoopIT {

    private static final String MANAGEMENT = OrganizationStub.MANAGEMENT;
    private static final String PROD = "444455556666";
    private static final String SANDBOX = "777788889999";
    private static final String MARKER = "# export-org.sh:";

    @TempDir
    Path dir;

    private OrganizationStub stub;

    @BeforeEach
    void start() {
        stub = new OrganizationStub();
        stub.account(MANAGEMENT, "security-tooling");
        stub.account(PROD, "graph-prod");
        stub.account(SANDBOX, "sandbox").denyRole();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void readmeLoop_organizationOfThree_exportsTheReadableAccountsAndScansThemApart() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        executable(bin.resolve("aws"), "#!/usr/bin/env bash\nexec " + realAws(bin) + " --endpoint-url \"$STUB_URL\" "
                + "\"$@\"\n");
        executable(dir.resolve("neptune-guard"), "#!/usr/bin/env bash\nexec " + javaCommand() + " \"$@\"\n");
        Files.writeString(dir.resolve("export-org.sh"), readmeScript(), StandardCharsets.UTF_8);

        Result r = bash("export-org.sh", Map.of("PATH", bin + File.pathSeparator + System.getenv("PATH"),
                "STUB_URL", stub.url()));

        assertThat(r.code).as(r.err).isEqualTo(NeptuneGuardCli.EXIT_INCOMPLETE);
        try (Stream<Path> folders = Files.list(dir.resolve("export"))) {
            assertThat(folders.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(MANAGEMENT, PROD);
        }
        assertThat(dir.resolve("export/" + PROD + "/clusters-eu-west-1.json")).exists();
        assertThat(r.err).contains("cannot assume neptune-guard-member-read in " + SANDBOX + ": not exported")
                .contains("neptune-guard: note: export: 2 export folders (" + MANAGEMENT + ", " + PROD + ")")
                .contains("some accounts were not exported (above): the scan is incomplete");
        assertThat(r.out)
                .contains("Account " + MANAGEMENT + ", region us-east-1 (offline export)")
                .contains("Account " + PROD + ", region us-east-1 (offline export)")
                .contains("Account " + PROD + ", region eu-west-1 (offline export)")
                .contains(PROD + "/eu-west-1: 2 Neptune clusters, 1 snapshot, 1 key; skipped 0 clusters and 0 "
                        + "snapshots of other engines; 1 HIGH failed")
                .containsPattern("Scanned 2 regions of 2 accounts \\(offline export\\) in \\d+\\.\\d s: 8 clusters, "
                        + "4 snapshots, 4 keys; 4 HIGH failed");
        assertThat(r.out).doesNotContain(SANDBOX).doesNotContain("UNVERIFIABLE");
        // The member's data was read with its role session, the caller's with the caller's own key.
        assertThat(stub.keysFor("DescribeDBClusters", "DescribeKey")).containsExactlyInAnyOrder(
                OrganizationStub.CALLER_KEY, OrganizationStub.accessKey(PROD));
        assertThat(stub.calls(PROD, "DescribeDBClusters")).isEqualTo(2);
        assertThat(stub.calls(SANDBOX, "AssumeRole")).isEqualTo(1);
        assertThat(stub.seen()).extracting(OrganizationStub.Seen::operation).containsOnly("GetCallerIdentity",
                "ListAccounts", "AssumeRole", "DescribeDBClusters", "DescribeDBClusterSnapshots", "DescribeKey",
                "GetKeyRotationStatus", "ListAliases", "ListGraphs", "ListGraphSnapshots");
    }

    /** The script in the README, from its first line to the end of its code block. */
    private static String readmeScript() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf(MARKER);
        assertThat(start).as("the README holds export-org.sh").isPositive();
        int end = readme.indexOf("\n```", start);
        return readme.substring(start, end + 1);
    }

    /** The AWS CLI of the machine image: the first {@code aws} on the PATH that is not the wrapper. */
    private static String realAws(Path wrapperDir) {
        for (String d : System.getenv("PATH").split(File.pathSeparator)) {
            Path aws = Path.of(d, "aws");
            if (!Path.of(d).equals(wrapperDir) && Files.isExecutable(aws)) {
                return aws.toString();
            }
        }
        throw new IllegalStateException("the AWS CLI (part of the machine image, see TOOLCHAIN.md) is not on the PATH");
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java") + " -cp '"
                + System.getProperty("java.class.path") + "' " + NeptuneGuardCli.class.getName();
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Result(int code, String out, String err) {
    }

    private Result bash(String script, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("AWS_"));
        e.putAll(env);
        e.put("AWS_ACCESS_KEY_ID", OrganizationStub.CALLER_KEY);
        e.put("AWS_SECRET_ACCESS_KEY", OrganizationStub.CALLER_SECRET);
        e.put("AWS_DEFAULT_REGION", "us-east-1");
        e.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        e.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        e.put("AWS_EC2_METADATA_DISABLED", "true");
        pb.redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("export-org.sh did not end in 5 minutes");
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve("stdout.txt")),
                Files.readString(dir.resolve("stderr.txt")));
    }
}
