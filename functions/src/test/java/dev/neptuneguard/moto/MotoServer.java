package dev.neptuneguard.moto;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * One moto server (the AWS emulator maintained by others, on the machine's {@code python3}) for a whole test run,
 * started as a subprocess on a free loopback port with the patches of {@code moto/server.py} and stopped when the
 * run ends ({@link #close}, called by JUnit for the root store, and a JVM shutdown hook). Tests share it and reset
 * it between them ({@link #reset}); every account is a separate world in moto, the default one is {@link #ACCOUNT}.
 * The server's own output goes to {@code target/moto-server.log}.
 */
public final class MotoServer implements AutoCloseable {

    /** The account moto acts in for any credentials that are not from {@code sts:AssumeRole}. */
    public static final String ACCOUNT = "123456789012";
    /** The region of the in-process suite (the product's clients take it from {@code AWS_REGION}). */
    public static final Region REGION = Region.US_EAST_1;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final URI endpoint;
    private final String version;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MotoServer(Process process, URI endpoint, String version, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.version = version;
        this.log = log;
    }

    /**
     * Starts moto: checks {@code python3 -c 'import moto'}, then the patched server on a free loopback port, and
     * waits until it answers.
     *
     * @throws MotoUnavailableException with a one-line reason when python3 or moto is missing or the server does
     *         not come up
     */
    static MotoServer start() throws MotoUnavailableException {
        String version = installedVersion();
        String script;
        try (InputStream in = MotoServer.class.getResourceAsStream("/moto/server.py")) {
            if (in == null) {
                throw new MotoUnavailableException("moto/server.py is not on the test class path");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MotoUnavailableException("cannot read moto/server.py: " + e.getMessage());
        }
        Path log = logFile();
        String lastProblem = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            ProcessBuilder pb = new ProcessBuilder("python3", "-c", script, "-H", "127.0.0.1", "-p",
                    Integer.toString(port)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new MotoUnavailableException("cannot start python3: " + e.getMessage());
            }
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            MotoServer server = new MotoServer(process, endpoint, version, log);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "moto-server-stop"));
            lastProblem = server.awaitReady();
            if (lastProblem == null) {
                return server;
            }
            server.close();
        }
        throw new MotoUnavailableException("the moto server did not start (" + lastProblem + "; see " + log + ")");
    }

    /** {@code python3 -c 'import moto;print(moto.__version__)'}, or why it cannot run. */
    static String installedVersion() throws MotoUnavailableException {
        ProcessBuilder pb = new ProcessBuilder("python3", "-c", "import moto;print(moto.__version__)")
                .redirectErrorStream(true);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new MotoUnavailableException("python3 -c 'import moto' did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                List<String> lines = out.lines().toList();
                throw new MotoUnavailableException("python3 cannot import moto ("
                        + (lines.isEmpty() ? "exit " + p.exitValue() : lines.get(lines.size() - 1)) + ")");
            }
            return out;
        } catch (IOException e) {
            throw new MotoUnavailableException("python3 is not available (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MotoUnavailableException("interrupted while checking moto");
        }
    }

    /** {@code null} once the server answers; otherwise what went wrong. */
    private String awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return "python3 exited with " + process.exitValue() + ": " + lastLogLine();
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return null;
                }
            } catch (IOException notYet) {
                // still importing moto
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return "no answer within " + START_TIMEOUT.toSeconds() + " s";
    }

    private String lastLogLine() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "(log unreadable)";
        }
    }

    private static int freePort() throws MotoUnavailableException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new MotoUnavailableException("no free loopback port: " + e.getMessage());
        }
    }

    private static Path logFile() throws MotoUnavailableException {
        try {
            Path target = Path.of("target");
            return Files.isDirectory(target) ? target.resolve("moto-server.log")
                    : Files.createTempFile("moto-server-", ".log");
        } catch (IOException e) {
            throw new MotoUnavailableException("cannot create the moto log file: " + e.getMessage());
        }
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return endpoint;
    }

    /** moto's version, as {@code moto.__version__} prints it. */
    public String version() {
        return version;
    }

    /** Forgets every account's state: {@code POST /moto-api/reset}. */
    public void reset() {
        post("/moto-api/reset");
    }

    private void post(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint.resolve(path))
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("moto " + path + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Credentials moto accepts (it checks no signature); they act in {@link #ACCOUNT}. */
    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAMOTOEXAMPLE00001", "moto-secret"));
    }

    /** An SDK client builder aimed at this server in {@link #REGION}. */
    public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B client(B builder) {
        return client(builder, REGION);
    }

    /** An SDK client builder aimed at this server in {@code region}. */
    public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B client(B builder, Region region) {
        builder.httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint).region(region)
                .credentialsProvider(credentials());
        return builder;
    }

    /**
     * The variables a child process (the CLI, a Lambda jar, the AWS CLI) needs to reach this server with the same
     * credentials, and nothing that could take a developer's own AWS configuration into the test.
     */
    public Map<String, String> processEnvironment() {
        AwsBasicCredentials c = (AwsBasicCredentials) credentials().resolveCredentials();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", c.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", c.secretAccessKey());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", "/nonexistent/neptune-guard/aws-config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/neptune-guard/aws-credentials");
        return env;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
