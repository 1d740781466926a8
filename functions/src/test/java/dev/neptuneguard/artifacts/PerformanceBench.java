package dev.neptuneguard.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark suite of issue 8 (goals G1-G6), run by {@code bench/run.sh} after {@code package}: never part of
 * {@code verify}, because timings on a shared machine are not a pass/fail signal. Every handler runs the way the
 * artifact tests run it, in a fresh JVM with only its deployable jar and the launcher jar, against {@link LocalCloud}
 * on loopback, and reports timings measured inside that JVM:
 *
 * <ul>
 *   <li>G1 JVM start to first event handled, per handler, JDK and flag set (default, C1 only, AppCDS, ...), runs
 *       interleaved so that drift of the machine spreads over every configuration alike;</li>
 *   <li>G2 the first event after the SnapStart priming hook ran in the same JVM;</li>
 *   <li>G3 warm per-event latency over a long run of the same event;</li>
 *   <li>G4 AWS calls per event for accounts of 1, 1,000 and 10,000 clusters, counted at the stub;</li>
 *   <li>G5 artifact sizes; G6 peak RSS ({@code VmHWM}).</li>
 * </ul>
 *
 * Writes a Markdown report ({@code --out}) with the machine, the targets and the measurements.
 */
public final class PerformanceBench {

    private static final Path EVENTS = Path.of(System.getProperty("events.directory", "../events"));
    private static final Map<String, String> GUARD_ENV = Map.of("DELIVERY_TABLE_NAME", LocalCloud.TABLE,
            "ALERT_TOPIC_ARN", LocalCloud.TOPIC, "SECURITY_HUB_QUEUE_URL", LocalCloud.QUEUE,
            "REMINDER_TARGET_ARN", "arn:aws:lambda:us-east-1:111122223333:function:neptune-guard-reminder:live",
            "REMINDER_ROLE_ARN", "arn:aws:iam::111122223333:role/neptune-guard-scheduler");

    /** A Lambda function of the stack: its handler, its jar, the event it is benchmarked with and its settings. */
    enum Function {
        CLUSTER_ENCRYPTION("ClusterEncryptionHandler", Artifact.GUARD, "rds/create-db-cluster-neptune-unencrypted.json",
                GUARD_ENV),
        KEY_REVOCATION("KeyRevocationHandler", Artifact.GUARD, "kms/disable-key-legacy.json", GUARD_ENV),
        REMINDER("ReminderHandler", Artifact.GUARD, "misc/scheduler-reminder-input.json", GUARD_ENV),
        SWEEP("SweepHandler", Artifact.SWEEP, "misc/sweep-scheduled-event.json", GUARD_ENV),
        CONFIG_RULE("ConfigRuleHandler", Artifact.CONFIG, "config/change-neptune-cluster-unencrypted-kmskeyid-null.json",
                Map.of()),
        SLACK_NOTIFIER("SlackNotifierHandler", Artifact.DELIVERY, "sns/slack-notifier-key-deletion.json",
                Map.of("SLACK_WEBHOOK_SECRET_NAME", LocalCloud.SECRET)),
        SECURITY_HUB_EXPORTER("SecurityHubExporterHandler", Artifact.DELIVERY, "sqs/securityhub-export-batch.json",
                Map.of());

        final String simpleName;
        final Artifact artifact;
        final String event;
        final Map<String, String> env;

        Function(String simpleName, Artifact artifact, String event, Map<String, String> env) {
            this.simpleName = simpleName;
            this.artifact = artifact;
            this.event = event;
            this.env = env;
        }

        String className() {
            return "dev.neptuneguard.handler." + simpleName;
        }
    }

    /**
     * One way of starting the JVM, selected by {@code key}; {@code cds} adds the handler's own AppCDS archive,
     * {@code prime} runs the SnapStart hook before three events.
     */
    record Config(String key, String name, List<String> flags, boolean cds, boolean prime) {
    }

    /**
     * A JDK to run the handlers on; with {@code jars} set, the deployable jars are taken from that directory instead of
     * the build's ({@code --baseline}: the same handlers as built before a change, measured interleaved with the
     * change so that both see the same machine load).
     */
    record Jdk(String name, Path home, String version, Path jars) {

        Jdk(String name, Path home, String version) {
            this(name, home, version, null);
        }

        Path jar(Artifact artifact) {
            Path built = artifact.jar();
            return jars == null ? built : jars.resolve(built.getFileName());
        }

        boolean is17() {
            return name.startsWith("JDK 17");
        }
    }

    /** What one fresh-JVM run measured. */
    record Sample(double firstEventMs, double spawnToFirstEventMs, double initMs, double primingMs,
                  double firstInvocationMs, double laterInvocationMs, long peakRssKb) {
    }

    private final List<Jdk> jdks;
    private final List<Config> configs;
    private final List<Function> functions;
    private final int runs;
    private final int warmEvents;
    private final Path work;
    private final Path cliJar;
    private final String javaToolOptions;
    private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
    private final StringBuilder report = new StringBuilder();

    private PerformanceBench(Map<String, String> options) {
        jdks = new ArrayList<>();
        for (String home : options.getOrDefault("jdks", System.getProperty("java.home")).split(",")) {
            Path path = Path.of(home.trim());
            if (Files.isExecutable(path.resolve("bin/java"))) {
                String version = javaVersion(path);
                jdks.add(new Jdk("JDK " + version.replaceAll("[^0-9.].*", "").replaceAll("\\..*", ""), path,
                        version));
            } else {
                System.err.println("skipping " + home + ": no bin/java");
            }
        }
        if (options.containsKey("baseline")) {
            Path baseline = Path.of(options.get("baseline")).toAbsolutePath();
            for (Jdk jdk : List.copyOf(jdks)) {
                jdks.add(new Jdk(jdk.name() + " baseline", jdk.home(), jdk.version(), baseline));
            }
        }
        List<Config> all = List.of(
                new Config("default", "default", List.of(), false, false),
                new Config("C1", "C1 (TieredStopAtLevel=1)", List.of("-XX:TieredStopAtLevel=1"), false, false),
                new Config("AppCDS", "AppCDS", List.of(), true, false),
                new Config("AppCDS+C1", "AppCDS + C1", List.of("-XX:TieredStopAtLevel=1"), true, false),
                new Config("SerialGC+C1", "SerialGC + C1", List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                        false, false),
                new Config("primed", "primed (G2)", List.of(), false, true),
                // What a 512 MB Lambda function without SnapStart runs on Java 17/21: serial GC, C1 only, a heap sized
                // from the function's memory (the JVM sees the memory limit; MaxRAM stands in for it here).
                // JDK 24+ only (JEP 483/514): classes loaded and linked ahead of time, trained like the AppCDS archive.
                new Config("AOTCache", "AOT cache (JDK 25)", List.of(), false, false),
                new Config("AOTCache+C1", "AOT cache + C1 (JDK 25)", List.of("-XX:TieredStopAtLevel=1"), false, false),
                new Config("Lambda512", "Lambda-like 512 MB (MaxRAM=512m, SerialGC, C1)",
                        List.of("-XX:MaxRAM=512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), false, false));
        List<String> wanted = List.of(options.getOrDefault("configs", "default,C1,AppCDS,AppCDS+C1,SerialGC+C1,primed")
                .split(","));
        configs = all.stream().filter(c -> wanted.contains(c.key())).toList();
        String only = options.getOrDefault("functions", "");
        functions = Stream.of(Function.values()).filter(f -> only.isEmpty() || only.contains(f.simpleName)).toList();
        runs = Integer.parseInt(options.getOrDefault("runs", "20"));
        warmEvents = Integer.parseInt(options.getOrDefault("warm-events", "1000"));
        work = Path.of(options.getOrDefault("work", "target/bench"));
        cliJar = options.containsKey("cli-jar") ? Path.of(options.get("cli-jar")) : null;
        javaToolOptions = options.get("java-tool-options");
    }

    /**
     * Options as {@code --name value}: {@code --runs} (20), {@code --warm-events} (1000), {@code --jdks} (JDK homes,
     * comma-separated), {@code --configs}, {@code --functions}, {@code --goals} (G1..G6, default all),
     * {@code --out} (Markdown report), {@code --cli-jar}, {@code --work} (scratch directory),
     * {@code --java-tool-options} (JVM flags for the G4 runs, as Lambda's {@code JAVA_TOOL_OPTIONS}),
     * {@code --baseline} (a directory of jars built before a change: every JDK runs them too, interleaved, as
     * "JDK n baseline").
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        PerformanceBench bench = new PerformanceBench(options);
        String goals = options.getOrDefault("goals", "G1,G2,G3,G4,G5,G6");
        Files.createDirectories(bench.work);
        bench.machine();
        try (LocalCloud cloud = new LocalCloud()) {
            if (goals.contains("G1") || goals.contains("G2") || goals.contains("G6")) {
                bench.coldStarts(cloud);
            }
            if (goals.contains("G3")) {
                bench.warm(cloud);
            }
            if (goals.contains("G1")) {
                bench.classCounts(cloud);
            }
        }
        if (goals.contains("G4")) {
            bench.callsPerEvent();
        }
        if (goals.contains("G5")) {
            bench.sizes();
        }
        bench.line("");
        bench.line("Finished " + now() + "; load average at the end: " + loadAverage() + ".");
        Path out = Path.of(options.getOrDefault("out", "target/bench/results.md"));
        Files.writeString(out, bench.report.toString(), StandardCharsets.UTF_8);
        System.err.println("wrote " + out.toAbsolutePath());
    }

    private void machine() throws IOException {
        line("# neptune-guard benchmark results");
        line("");
        line("Produced by `bench/run.sh` (" + getClass().getSimpleName() + "); started " + now() + ".");
        line("");
        line("| Machine | |");
        line("|---|---|");
        line("| CPU | " + cpuModel() + " |");
        line("| Cores (available to the JVM) | " + java.lang.Runtime.getRuntime().availableProcessors() + " |");
        line("| RAM | " + memTotal() + " |");
        line("| OS | " + osName() + " |");
        for (Jdk jdk : jdks) {
            line("| " + jdk.name() + " | " + jdk.version() + " (`" + jdk.home() + "`) |");
        }
        line("| Load average at start | " + loadAverage() + " (a shared machine: other jobs ran meanwhile) |");
        line("| Runs | " + runs + " fresh JVMs per handler, JDK and configuration, interleaved; warm latency over "
                + warmEvents + " events after 100 warm-up events |");
        line("");
    }

    /** G1, G2 and G6: fresh JVMs, interleaved run by run. */
    private void coldStarts(LocalCloud cloud) throws Exception {
        Map<String, Path> archives = new LinkedHashMap<>();
        if (configs.stream().anyMatch(Config::cds)) {
            for (Jdk jdk : jdks) {
                for (Function f : functions) {
                    Path archive = work.resolve("cds-" + jdk.name().replace(' ', '-') + "-" + f.simpleName + ".jsa")
                            .toAbsolutePath();
                    Files.deleteIfExists(archive);
                    FreshJvm.Run training = FreshJvm.run(jdk.home(), List.of("-XX:ArchiveClassesAtExit=" + archive,
                            "-Xlog:cds=off", "-Xlog:cds+dynamic=off"), jdk.jar(f.artifact), List.of(f.className(),
                            EVENTS.resolve(f.event).toAbsolutePath().toString()), cloud.endpoint(), f.env);
                    check(training, f);
                    archives.put(jdk.name() + f.simpleName, archive);
                }
            }
        }
        if (configs.stream().anyMatch(c -> c.key().startsWith("AOTCache"))) {
            for (Jdk jdk : jdks.stream().filter(j -> !j.is17()).toList()) {
                for (Function f : functions) {
                    Path cache = aotCache(jdk, f);
                    Files.deleteIfExists(cache);
                    check(FreshJvm.run(jdk.home(), List.of("-XX:AOTCacheOutput=" + cache), jdk.jar(f.artifact),
                            List.of(f.className(), EVENTS.resolve(f.event).toAbsolutePath().toString()),
                            cloud.endpoint(), f.env), f);
                }
            }
        }
        for (int run = 1; run <= runs; run++) {
            System.err.printf("cold starts: run %d of %d (load %s)%n", run, runs, loadAverage());
            for (Function f : functions) {
                for (Jdk jdk : jdks) {
                    for (Config config : configs) {
                        boolean aot = config.key().startsWith("AOTCache");
                        if (aot && jdk.is17()) {
                            continue;
                        }
                        List<String> flags = new ArrayList<>(config.flags());
                        if (aot) {
                            flags.add("-XX:AOTCache=" + aotCache(jdk, f));
                        }
                        if (config.cds()) {
                            flags.add("-XX:SharedArchiveFile=" + archives.get(jdk.name() + f.simpleName));
                            flags.add("-Xshare:on");
                        }
                        List<String> args = new ArrayList<>();
                        if (config.prime()) {
                            args.add("--prime");
                        }
                        args.add(f.className());
                        args.add(EVENTS.resolve(f.event).toAbsolutePath().toString());
                        if (config.prime()) {
                            args.add("3");
                        }
                        cloud.forget();
                        FreshJvm.Run r = FreshJvm.run(jdk.home(), flags, jdk.jar(f.artifact), args, cloud.endpoint(),
                                f.env);
                        check(r, f);
                        JsonNode result = r.result();
                        samples.computeIfAbsent(key(f, jdk, config), k -> new ArrayList<>()).add(new Sample(
                                result.get("firstEventHandledMs").asDouble(),
                                result.get("firstEventHandledEpochMs").asLong() - r.spawnEpochMs(),
                                result.get("initMs").asDouble(), result.path("primingMs").asDouble(-1),
                                result.get("invocationsMs").get(0).asDouble(),
                                result.get("invocationsMs").size() > 2 ? result.get("invocationsMs").get(2).asDouble()
                                        : -1, result.get("peakRssKb").asLong()));
                    }
                }
            }
        }
        g1Table();
        g2Table();
        g6Table();
    }

    private void g1Table() {
        List<Config> plain = configs.stream().filter(c -> !c.prime()).toList();
        if (plain.isEmpty()) {
            return;
        }
        line("## G1 — fresh JVM, JVM start → first event handled");
        line("");
        line("Target: p50 ≤ 600 ms with default flags, ≤ 350 ms with AppCDS. Measured inside the JVM (JVM start time "
                + "to the end of the first `handleRequest`, the stub's answers included); the last column also counts "
                + "the process spawn (`exec` to the first event), which the JVM start time leaves out. Each AppCDS "
                + "archive was recorded by one training run of the same handler and event on the same JDK "
                + "(`-XX:ArchiveClassesAtExit`).");
        line("");
        line("| Handler | JDK | Flags | p50 ms | p95 ms | spawn → first event p50 ms | target | |");
        line("|---|---|---|---:|---:|---:|---:|---|");
        for (Function f : functions) {
            for (Jdk jdk : jdks) {
                for (Config c : plain) {
                    List<Sample> s = samples.get(key(f, jdk, c));
                    if (s == null) {
                        continue;
                    }
                    double p50 = percentile(s.stream().map(Sample::firstEventMs).toList(), 50);
                    boolean archive = c.cds() || c.key().equals("AOTCache");
                    double target = archive ? 350 : 600;
                    boolean judged = c.key().equals("default") || c.key().equals("AppCDS")
                            || c.key().equals("AOTCache");
                    line("| " + f.simpleName + " | " + jdk.name() + " | " + c.name() + " | " + ms(p50) + " | "
                            + ms(percentile(s.stream().map(Sample::firstEventMs).toList(), 95)) + " | "
                            + ms(percentile(s.stream().map(Sample::spawnToFirstEventMs).toList(), 50)) + " | "
                            + (judged ? "≤ " + (int) target : "—") + " | "
                            + (judged ? (p50 <= target ? "PASS" : "MISS") : "") + " |");
                }
            }
        }
        line("");
    }

    private void g2Table() {
        List<Config> primed = configs.stream().filter(Config::prime).toList();
        if (primed.isEmpty()) {
            return;
        }
        line("## G2 — first event after SnapStart priming, same JVM");
        line("");
        line("Target: ≤ 50 ms. The launcher calls the handler's `beforeCheckpoint` (what Lambda runs before it takes "
                + "the snapshot) after the constructor, then times the first `handleRequest` against the stub. No "
                + "snapshot is taken here: this is the work left for the first event after a restore, without the "
                + "restore itself. The third event of the same JVM is shown beside it: the stub's round trips, which "
                + "no priming can remove, are in both.");
        line("");
        line("| Handler | JDK | init ms p50 | priming ms p50 | first event after priming p50 ms | p95 ms "
                + "| third event p50 ms | target | |");
        line("|---|---|---:|---:|---:|---:|---:|---:|---|");
        for (Function f : functions) {
            for (Jdk jdk : jdks) {
                for (Config c : primed) {
                    List<Sample> s = samples.get(key(f, jdk, c));
                    List<Double> first = s.stream().map(Sample::firstInvocationMs).toList();
                    double p50 = percentile(first, 50);
                    line("| " + f.simpleName + " | " + jdk.name() + " | "
                            + ms(percentile(s.stream().map(Sample::initMs).toList(), 50)) + " | "
                            + ms(percentile(s.stream().map(Sample::primingMs).toList(), 50)) + " | " + ms(p50) + " | "
                            + ms(percentile(first, 95)) + " | "
                            + ms(percentile(s.stream().map(Sample::laterInvocationMs).toList(), 50)) + " | ≤ 50 | "
                            + (p50 <= 50 ? "PASS" : "MISS") + " |");
                }
            }
        }
        line("");
        line("Without priming, for comparison (first `handleRequest` in a fresh JVM, default flags):");
        line("");
        line("| Handler | JDK | first event, unprimed, p50 ms |");
        line("|---|---|---:|");
        configs.stream().filter(c -> c.key().equals("default")).findFirst().ifPresent(c -> {
            for (Function f : functions) {
                for (Jdk jdk : jdks) {
                    List<Sample> s = samples.get(key(f, jdk, c));
                    line("| " + f.simpleName + " | " + jdk.name() + " | "
                            + ms(percentile(s.stream().map(Sample::firstInvocationMs).toList(), 50)) + " |");
                }
            }
        });
        line("");
    }

    private void g6Table() {
        line("## G6 — peak RSS (VmHWM) of a cold start");
        line("");
        line("Target: ≤ 160 MB. Peak resident set of the whole JVM at the end of the run (one event); the JVM's "
                + "default heap sizing on this " + memTotal() + " machine, so Lambda's smaller heap keeps it lower, "
                + "not higher. The long warm runs (G3) show the peak after " + (warmEvents + 100) + " events.");
        line("");
        line("| Handler | JDK | Flags | p50 MB | max MB | target | |");
        line("|---|---|---|---:|---:|---:|---|");
        for (Function f : functions) {
            for (Jdk jdk : jdks) {
                for (Config c : configs) {
                    if (!samples.containsKey(key(f, jdk, c))) {
                        continue;
                    }
                    List<Double> rss = samples.get(key(f, jdk, c)).stream()
                            .map(s -> s.peakRssKb() / 1024.0).toList();
                    double max = rss.stream().mapToDouble(Double::doubleValue).max().orElse(0);
                    line("| " + f.simpleName + " | " + jdk.name() + " | " + c.name() + " | "
                            + ms(percentile(rss, 50)) + " | " + ms(max) + " | ≤ 160 | "
                            + (max <= 160 ? "PASS" : "MISS") + " |");
                }
            }
        }
        line("");
    }

    /** G3: one JVM per handler, the same event 100 + warmEvents times; the last warmEvents are measured. */
    private void warm(LocalCloud cloud) throws Exception {
        line("## G3 — warm per-event latency");
        line("");
        line("Target: p50 ≤ 5 ms. One JVM per handler (default flags) handles the same event " + (warmEvents + 100)
                + " times; the first 100 are warm-up. Each event makes its real AWS calls to the stub over loopback "
                + "HTTP (the stub runs in the benchmark's JVM on the same two cores). Repeating one event is the "
                + "duplicate case: after the first delivery the ledger (DynamoDB) answers \"already sent\", so "
                + "the SNS/SQS sends are not repeated, while every read (Neptune, KMS) and the ledger check are.");
        line("");
        line("| Handler | JDK | p50 ms | p99 ms | max ms | AWS calls per event | peak RSS MB | target | |");
        line("|---|---|---:|---:|---:|---:|---:|---:|---|");
        for (Function f : functions) {
            for (Jdk jdk : jdks) {
                cloud.forget();
                FreshJvm.Run r = FreshJvm.run(jdk.home(), List.of(), jdk.jar(f.artifact), List.of(f.className(),
                        EVENTS.resolve(f.event).toAbsolutePath().toString(), Integer.toString(warmEvents + 100)),
                        cloud.endpoint(), f.env);
                check(r, f);
                int requests = cloud.server.getAllServeEvents().size();
                List<Double> times = new ArrayList<>();
                r.result().get("invocationsMs").forEach(n -> times.add(n.asDouble()));
                List<Double> measured = times.subList(100, times.size());
                double p50 = percentile(measured, 50);
                line("| " + f.simpleName + " | " + jdk.name() + " | " + ms2(p50) + " | "
                        + ms2(percentile(measured, 99)) + " | "
                        + ms2(measured.stream().mapToDouble(Double::doubleValue).max().orElse(0)) + " | "
                        + String.format(Locale.ROOT, "%.1f", requests / (double) times.size()) + " | "
                        + ms(r.result().get("peakRssKb").asLong() / 1024.0) + " | ≤ 5 | "
                        + (p50 <= 5 ? "PASS" : "MISS") + " |");
            }
        }
        line("");
        line("The handler's own cost, without AWS latency: the same events through the handler wired as SnapStart "
                + "priming wires it (`--in-memory`: every SDK call marshalled, signed and unmarshalled, answered in "
                + "memory, and every delivery made, since the in-memory ledger never remembers). The Slack notifier has "
                + "no in-memory webhook and is left out.");
        line("");
        line("| Handler | JDK | p50 ms | p99 ms | max ms | target | |");
        line("|---|---|---:|---:|---:|---:|---|");
        for (Function f : functions) {
            if (f == Function.SLACK_NOTIFIER) {
                continue;
            }
            for (Jdk jdk : jdks) {
                FreshJvm.Run r = FreshJvm.run(jdk.home(), List.of(), jdk.jar(f.artifact), List.of("--in-memory",
                        f.className(), EVENTS.resolve(f.event).toAbsolutePath().toString(),
                        Integer.toString(warmEvents + 100)), cloud.endpoint(), f.env);
                check(r, f);
                List<Double> times = new ArrayList<>();
                r.result().get("invocationsMs").forEach(n -> times.add(n.asDouble()));
                List<Double> measured = times.subList(100, times.size());
                double p50 = percentile(measured, 50);
                line("| " + f.simpleName + " | " + jdk.name() + " | " + ms2(p50) + " | "
                        + ms2(percentile(measured, 99)) + " | "
                        + ms2(measured.stream().mapToDouble(Double::doubleValue).max().orElse(0)) + " | ≤ 5 | "
                        + (p50 <= 5 ? "PASS" : "MISS") + " |");
            }
        }
        line("");
    }

    /** Classes loaded up to the end of the first event, from {@code -Xlog:class+load}, default flags. */
    private void classCounts(LocalCloud cloud) throws Exception {
        line("### Classes loaded by the end of the first event");
        line("");
        line("From `-Xlog:class+load` (the launcher exits right after the event, so the count is the cold path). "
                + "\"From CDS\" were mapped from a shared archive (the JDK's default one, or the handler's AppCDS "
                + "archive) instead of parsed from a jar.");
        line("");
        line("| Handler | JDK | classes loaded | from CDS, default | from CDS, AppCDS |");
        line("|---|---|---:|---:|---:|");
        for (Function f : functions) {
            for (Jdk jdk : jdks) {
                long[] plain = classLoad(cloud, f, jdk, null);
                Path archive = work.resolve("cds-" + jdk.name().replace(' ', '-') + "-" + f.simpleName + ".jsa")
                        .toAbsolutePath();
                long[] cds = Files.exists(archive) ? classLoad(cloud, f, jdk, archive) : new long[] {0, -1};
                line("| " + f.simpleName + " | " + jdk.name() + " | " + plain[0] + " | " + plain[1] + " | "
                        + (cds[1] < 0 ? "—" : Long.toString(cds[1])) + " |");
            }
        }
        line("");
    }

    private long[] classLoad(LocalCloud cloud, Function f, Jdk jdk, Path archive) throws Exception {
        Path log = work.resolve("classload-" + f.simpleName + ".log").toAbsolutePath();
        List<String> flags = new ArrayList<>(List.of("-Xlog:class+load=info:file=" + log));
        if (archive != null) {
            flags.add("-XX:SharedArchiveFile=" + archive);
        }
        cloud.forget();
        check(FreshJvm.run(jdk.home(), flags, jdk.jar(f.artifact), List.of(f.className(),
                EVENTS.resolve(f.event).toAbsolutePath().toString()), cloud.endpoint(), f.env), f);
        List<String> lines = Files.readAllLines(log);
        // The management classes the launcher loads after the event (for the JVM start time) are not counted.
        int end = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("java.lang.management.ManagementFactory ")) {
                end = i;
                break;
            }
        }
        List<String> cold = lines.subList(0, end);
        return new long[] {cold.size(), cold.stream().filter(l -> l.contains("shared objects file")).count()};
    }

    /** G4: AWS calls of one event at the stub, per account size, for the two event handlers. */
    private void callsPerEvent() throws Exception {
        line("## G4 — AWS calls per event by account size");
        line("");
        line("Counted at the stub (every request, any protocol), one fresh JVM per row with the guard jar. The "
                + "account has N Neptune clusters on the demo's legacy key (disabled), each with one automated "
                + "snapshot on it; Neptune lists in pages of 100. A DisableKey event must cost pages plus a constant "
                + "(one DescribeKey per distinct key, one ListAliases, then delivery); a cluster creation must not "
                + "grow at all.");
        line("");
        if (javaToolOptions != null) {
            line("JVM flags (`JAVA_TOOL_OPTIONS`): `" + javaToolOptions + "`.");
            line("");
        }
        line("| Event | clusters | AWS calls | of which Neptune listings | by operation | event ms | peak RSS MB | |");
        line("|---|---:|---:|---:|---|---:|---:|---|");
        Jdk jdk = jdks.get(0);
        for (Function f : List.of(Function.KEY_REVOCATION, Function.CLUSTER_ENCRYPTION)) {
            for (int n : List.of(1, 1_000, 10_000)) {
                try (LocalCloud cloud = new LocalCloud()) {
                    int pages = ScaledAccount.stub(cloud, n);
                    Map<String, String> env = new LinkedHashMap<>(f.env);
                    if (javaToolOptions != null) {
                        env.put("JAVA_TOOL_OPTIONS", javaToolOptions);
                    }
                    FreshJvm.Run r = FreshJvm.run(jdk.home(), List.of(), jdk.jar(f.artifact), List.of(f.className(),
                            EVENTS.resolve(f.event).toAbsolutePath().toString()), cloud.endpoint(), env);
                    check(r, f);
                    Map<String, Integer> calls = ScaledAccount.calls(cloud);
                    int total = calls.values().stream().mapToInt(Integer::intValue).sum();
                    int listings = ScaledAccount.sum(calls, List.of("DescribeDBClusters",
                            "DescribeDBClusterSnapshots"));
                    boolean ok = f == Function.KEY_REVOCATION ? listings == 2 * pages : total <= 12;
                    line("| " + f.simpleName + " `" + f.event + "` | " + String.format(Locale.ROOT, "%,d", n)
                            + " | " + total + " | " + listings + " | " + calls.toString().replace("|", "/") + " | "
                            + r.result().get("invocationsMs").get(0).asText() + " | "
                            + r.result().get("peakRssKb").asLong() / 1024 + " | " + (ok ? "PASS" : "MISS") + " |");
                }
            }
        }
        line("");
        line("PASS means: key revocation makes exactly 2 × ceil(N/100) listing calls (clusters and snapshots), "
                + "the rest constant; cluster creation at most 12 calls whatever N.");
        line("");
    }

    /** G5: the deployable jars and the CLI jar. */
    private void sizes() throws IOException {
        line("## G5 — artifact sizes");
        line("");
        line("Target: each deployable Lambda artifact ≤ 20 MB (20,000,000 bytes; a jar is a zip, uploaded as is).");
        line("");
        line("| Artifact | bytes | MB | target | |");
        line("|---|---:|---:|---:|---|");
        for (Artifact a : Artifact.values()) {
            long size = Files.size(a.jar());
            line("| " + a.jar().getFileName() + " (Lambda) | " + String.format(Locale.ROOT, "%,d", size) + " | "
                    + String.format(Locale.ROOT, "%.1f", size / 1e6) + " | ≤ " + budget(a) + " | "
                    + (size <= a.budgetBytes() ? "PASS" : "MISS") + " |");
            Path baseline = jdks.stream().map(Jdk::jars).filter(j -> j != null).findFirst().orElse(null);
            if (baseline != null && Files.exists(baseline.resolve(a.jar().getFileName()))) {
                long before = Files.size(baseline.resolve(a.jar().getFileName()));
                line("| " + a.jar().getFileName() + " (baseline) | " + String.format(Locale.ROOT, "%,d", before)
                        + " | " + String.format(Locale.ROOT, "%.1f", before / 1e6) + " | ≤ " + budget(a) + " | "
                        + (before <= a.budgetBytes() ? "PASS" : "MISS") + " |");
            }
        }
        if (cliJar != null && Files.exists(cliJar)) {
            long size = Files.size(cliJar);
            line("| " + cliJar.getFileName() + " (CLI, not deployed) | " + String.format(Locale.ROOT, "%,d", size)
                    + " | " + String.format(Locale.ROOT, "%.1f", size / 1e6) + " | — | |");
        }
        line("");
    }

    private Path aotCache(Jdk jdk, Function f) {
        return work.resolve("aot-" + jdk.name().replace(' ', '-') + "-" + f.simpleName + ".aot").toAbsolutePath();
    }

    private static void check(FreshJvm.Run run, Function f) {
        if (run.result() == null || run.exitCode() != 0) {
            throw new IllegalStateException(f.simpleName + " failed: " + run);
        }
    }

    private static String key(Function f, Jdk jdk, Config c) {
        return f.simpleName + "|" + jdk.name() + "|" + c.name();
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String ms2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.err.println(text);
    }

    private static String javaVersion(Path home) {
        try {
            Process p = new ProcessBuilder(home.resolve("bin/java").toString(), "-XshowSettings:properties",
                    "-version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            String version = property(out, "java.runtime.version");
            String vendor = property(out, "java.vendor");
            return version + " " + vendor;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String property(String settings, String name) {
        return settings.lines().map(String::trim).filter(l -> l.startsWith(name + " = ")).findFirst()
                .map(l -> l.substring(name.length() + 3)).orElse("?");
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> String.format(Locale.ROOT, "%.1f GiB",
                            Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0)).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String osName() throws IOException {
        Path release = Path.of("/etc/os-release");
        String pretty = Files.exists(release) ? Files.readAllLines(release).stream()
                .filter(l -> l.startsWith("PRETTY_NAME=")).findFirst().map(l -> l.substring(12).replace("\"", ""))
                .orElse("Linux") : "Linux";
        return pretty + ", kernel " + System.getProperty("os.version");
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
    }

    private static String budget(Artifact a) {
        return String.format(Locale.ROOT, "%.1f MB", a.budgetBytes() / 1e6);
    }
}
