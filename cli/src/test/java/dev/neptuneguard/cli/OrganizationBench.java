package dev.neptuneguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The organization-scale benchmark of issue 11 (run by {@code bench/org-scale.sh}; timings are reported, never
 * asserted): an organization of N accounts (default 500: the management account and N - 1 members, each with 2
 * clusters, one of them unencrypted, 1 snapshot and 1 key in every region) on the {@link OrganizationStub}, answered
 * per signing access key by its response transformer, with an optional fixed delay per call to model AWS round trips.
 *
 * <ul>
 *   <li>{@code scan --org} of the CLI's shaded jar in a fresh JVM under {@code /usr/bin/time -v}, with the
 *       {@code neptune-guard} launcher's JVM flags, at each {@code --parallelism} and delay: wall time, CPU time,
 *       peak RSS, exit code, and the stub's count of AWS calls per account and operation;</li>
 *   <li>the organization sweep ({@link OrganizationSweepRun}: the core's {@code OrganizationSweeps}) in a fresh JVM
 *       with Lambda-like flags ({@code -XX:MaxRAM}, serial GC, C1), at each parallelism and delay.</li>
 * </ul>
 *
 * <p>Options: {@code --accounts N} {@code --regions R,R} {@code --parallelism P,P} {@code --delays MS,MS}
 * {@code --sweep-parallelism P,P} {@code --sweep-max-ram 1024m} {@code --cli-jar PATH} {@code --cli-flags "F F"}
 * (default: the launcher's) {@code --classpath CP}
 * {@code --work DIR} {@code --out FILE}.
 */
public final class OrganizationBench {

    /** The wall time in the scan's summary line: {@code Scanned 500 accounts × 4 regions in 42.1 s (…}. */
    private static final Pattern SUMMARY = Pattern.compile("Scanned .*? in ([\\d.]+) s \\(");

    /** What the {@code neptune-guard} launcher runs the CLI with. */
    private static final String LAUNCHER_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto";

    private final Map<String, String> options = new HashMap<>();
    private final List<String> lines = new ArrayList<>();

    private OrganizationBench(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
    }

    public static void main(String[] args) throws Exception {
        new OrganizationBench(args).run();
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    private void run() throws Exception {
        int accounts = Integer.parseInt(option("accounts", "500"));
        String regions = option("regions", "us-east-1,eu-west-1,us-west-2,ap-southeast-2");
        int regionCount = regions.split(",").length;
        List<Integer> parallelisms = ints(option("parallelism", "8,16,32"));
        List<Integer> delays = ints(option("delays", "0,100"));
        List<Integer> sweepParallelisms = ints(option("sweep-parallelism", "8,16,32"));
        String sweepMaxRam = option("sweep-max-ram", "1024m");
        List<String> cliFlags = List.of(option("cli-flags", LAUNCHER_FLAGS).trim().split("\\s+"));
        Path cliJar = Path.of(option("cli-jar", "cli/target/neptune-guard-cli.jar"));
        String classpath = option("classpath", System.getProperty("java.class.path"));
        Path work = Files.createDirectories(Path.of(option("work", "target/org-bench")));
        Path out = Path.of(option("out", work.resolve("org-scale.md").toString()));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        try (OrganizationStub stub = new OrganizationStub(false, 400)) {
            stub.account(OrganizationStub.MANAGEMENT, "security-tooling");
            for (int i = 1; i < accounts; i++) {
                stub.account(String.format(Locale.ROOT, "%012d", 200_000_000_000L + i),
                        String.format(Locale.ROOT, "member-%04d", i));
            }
            line("Organization of " + accounts + " accounts × " + regionCount + " regions (" + regions + ") = "
                    + (accounts * regionCount) + " account × region pairs; per account and region 2 clusters (1 "
                    + "unencrypted), 1 snapshot, 1 key. Started " + Instant.now() + ", " + load() + ".");
            line("");
            line("### `scan --org` (CLI jar, fresh JVM, `" + String.join(" ", cliFlags) + "`)");
            line("");
            line("| delay per call | --parallelism | exit | wall (CLI's own) | wall (process) | CPU user+sys | peak RSS "
                    + "| AWS calls (stub) | calls per member account | management account |");
            line("|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
            for (int delay : delays) {
                stub.delay(delay);
                for (int p : parallelisms) {
                    stub.resetCounts();
                    List<String> command = new ArrayList<>(List.of(java));
                    command.addAll(cliFlags);
                    command.addAll(List.of("-jar", cliJar.toString(), "scan", "--org"));
                    for (String r : regions.split(",")) {
                        command.add("--region");
                        command.add(r);
                    }
                    command.addAll(List.of("--parallelism", Integer.toString(p), "--format", "json", "--output",
                            work.resolve("findings.jsonl").toString(), "--endpoint-url", stub.url()));
                    Timed t = timed(command, work, "scan-" + delay + "-" + p);
                    Matcher m = SUMMARY.matcher(t.stderr);
                    String cliWall = m.find() ? m.group(1) + " s" : "?";
                    PerAccount calls = perAccount(stub, accounts);
                    line(String.format(Locale.ROOT, "| %d ms | %d | %d | %s | %.1f s | %.1f s | %,d MB | %,d | %s | %s |",
                            delay, p, t.exit, cliWall, t.wallSeconds, t.cpuSeconds, t.maxRssKb / 1024,
                            stub.totalCalls(), calls.members, calls.management));
                    flush(out);
                }
            }
            line("");
            line("Calls per member account, by operation (last run): " + operations(stub, "200000000001") + ".");
            line("");
            line("### Organization sweep (core `OrganizationSweeps`, fresh JVM, `-XX:MaxRAM=" + sweepMaxRam
                    + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1`)");
            line("");
            line("| delay per call | parallelism | wall (sweep's own) | wall (process) | CPU user+sys | peak RSS | AWS "
                    + "calls (stub) | calls per member account | clusters | unreadable pairs |");
            line("|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
            for (int delay : delays) {
                stub.delay(delay);
                for (int p : sweepParallelisms) {
                    stub.resetCounts();
                    List<String> command = List.of(java, "-XX:MaxRAM=" + sweepMaxRam, "-XX:+UseSerialGC",
                            "-XX:TieredStopAtLevel=1", "-cp", classpath, OrganizationSweepRun.class.getName(),
                            stub.url(), regions, Integer.toString(p));
                    Timed t = timed(command, work, "sweep-" + delay + "-" + p);
                    JsonNode result = lastJsonLine(t.stdout);
                    PerAccount calls = perAccount(stub, accounts);
                    line(String.format(Locale.ROOT, "| %d ms | %d | %s | %.1f s | %.1f s | %,d MB | %,d | %s | %s | %s |",
                            delay, p, result == null ? "failed: exit " + t.exit : String.format(Locale.ROOT, "%.1f s",
                                    result.get("wallMs").asLong() / 1000.0), t.wallSeconds, t.cpuSeconds,
                            t.maxRssKb / 1024, stub.totalCalls(), calls.members,
                            result == null ? "?" : result.get("clusters").asText(),
                            result == null ? "?" : result.get("unreadable").asText()));
                    flush(out);
                }
            }
            line("");
            line("Sweep calls per member account, by operation (last run): " + operations(stub, "200000000001")
                    + ".");
            line("");
            line("Finished " + Instant.now() + ", " + load() + ".");
            flush(out);
        }
        System.out.println(String.join("\n", lines));
    }

    private record Timed(int exit, double wallSeconds, double cpuSeconds, long maxRssKb, String stdout, String stderr) {
    }

    /** Runs the command under {@code /usr/bin/time -v}, its output in files of the work folder. */
    private static Timed timed(List<String> command, Path work, String name) throws IOException,
            InterruptedException {
        Path time = work.resolve(name + ".time");
        Path stdout = work.resolve(name + ".out");
        Path stderr = work.resolve(name + ".err");
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o", time.toString()));
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).directory(work.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", OrganizationStub.CALLER_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", OrganizationStub.CALLER_SECRET);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", work.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(name + " did not end in 60 minutes");
        }
        String t = Files.readString(time);
        return new Timed(p.exitValue(), wall(t), number(t, "User time \\(seconds\\): ([\\d.]+)")
                + number(t, "System time \\(seconds\\): ([\\d.]+)"),
                (long) number(t, "Maximum resident set size \\(kbytes\\): (\\d+)"),
                Files.readString(stdout), Files.readString(stderr));
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** {@code Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.31}. */
    private static double wall(String text) {
        Matcher m = Pattern.compile("Elapsed \\(wall clock\\) time \\([^)]*\\): ([\\d:.]+)").matcher(text);
        if (!m.find()) {
            return Double.NaN;
        }
        double seconds = 0;
        for (String part : m.group(1).split(":")) {
            seconds = seconds * 60 + Double.parseDouble(part);
        }
        return seconds;
    }

    private record PerAccount(String members, String management) {
    }

    /** Calls per member account (min–max, mean) and of the management account, from the stub's counts. */
    private static PerAccount perAccount(OrganizationStub stub, int accounts) {
        Map<String, Long> byAccount = new TreeMap<>();
        stub.calls().forEach((key, n) -> byAccount.merge(key.substring(0, key.indexOf(' ')), n, Long::sum));
        long management = byAccount.getOrDefault(OrganizationStub.MANAGEMENT, 0L);
        LongSummaryStatistics members = byAccount.entrySet().stream()
                .filter(e -> !e.getKey().equals(OrganizationStub.MANAGEMENT)).mapToLong(Map.Entry::getValue)
                .summaryStatistics();
        String m = members.getCount() == 0 ? "none" : members.getMin() == members.getMax()
                ? members.getMin() + " (all " + members.getCount() + ")"
                : String.format(Locale.ROOT, "%d–%d, mean %.2f (%d accounts)", members.getMin(), members.getMax(),
                members.getAverage(), members.getCount());
        return new PerAccount(m, Long.toString(management));
    }

    private static String operations(OrganizationStub stub, String account) {
        Map<String, Long> ops = new TreeMap<>();
        stub.calls().forEach((key, n) -> {
            if (key.startsWith(account + " ")) {
                ops.put(key.substring(account.length() + 1), n);
            }
        });
        return ops.toString();
    }

    private static JsonNode lastJsonLine(String text) {
        JsonNode last = null;
        for (String l : text.split("\n")) {
            if (l.startsWith("{")) {
                try {
                    last = Json.MAPPER.readTree(l);
                } catch (IOException e) {
                    // not the result line
                }
            }
        }
        return last;
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load average " + f[0] + " / " + f[1] + " / " + f[2] + " on "
                    + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException e) {
            return "load average unknown";
        }
    }

    private void line(String text) {
        lines.add(text);
        System.err.println(text);
    }

    private void flush(Path out) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            lines.forEach(w::println);
        }
    }
}
