package dev.neptuneguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code chromium}, headless, driven through the Chrome DevTools Protocol over its WebSocket with the JDK's
 * own {@link WebSocket} client: no WebDriver, no extra dependency. The browser starts with a debugging port chosen by
 * the system ({@code --remote-debugging-port=0}); the port is read from the "DevTools listening on" line it prints
 * on stderr, and the first page target is opened from {@code /json/list}.
 */
final class Chromium implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Page page;

    private Chromium(Process process, Page page) {
        this.process = process;
        this.page = page;
    }

    /** The chromium binary on the PATH (chromium, chromium-browser, google-chrome), if any. */
    static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String folder : path.split(":")) {
                Path candidate = Path.of(folder, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts the browser with its profile in {@code profile} and connects to its first page. */
    static Chromium start(Path binary, Path profile) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            CompletableFuture<String> endpoint = new CompletableFuture<>();
            Thread reader = new Thread(() -> drain(process, endpoint), "chromium-stderr");
            reader.setDaemon(true);
            reader.start();
            String browser = endpoint.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            URI list = URI.create(browser.replaceFirst("^ws://", "http://")
                    .replaceFirst("/devtools/.*$", "/json/list"));
            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            JsonNode targets = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(list).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode t : targets) {
                if ("page".equals(t.path("type").asText())) {
                    URI socket = URI.create(t.get("webSocketDebuggerUrl").asText());
                    return new Chromium(process, Page.connect(http, socket));
                }
            }
            throw new IllegalStateException("chromium lists no page target: " + targets);
        } catch (Exception e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            throw new IllegalStateException("chromium did not start: " + e, e);
        }
    }

    private static void drain(Process process, CompletableFuture<String> endpoint) {
        StringBuilder seen = new StringBuilder();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    endpoint.complete(m.group(1));
                } else if (!endpoint.isDone() && seen.length() < 4_000) {
                    seen.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            endpoint.completeExceptionally(e);
        }
        endpoint.completeExceptionally(new IllegalStateException("chromium exited without a DevTools endpoint:\n"
                + seen));
    }

    Page page() {
        return page;
    }

    @Override
    public void close() throws InterruptedException {
        page.close();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** One page, through its DevTools WebSocket: commands by id, events queued. */
    static final class Page implements WebSocket.Listener, AutoCloseable {

        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Page connect(HttpClient http, URI uri) throws Exception {
            Page page = new Page();
            page.socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(uri, page)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return page;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = Json.MAPPER.readTree(partial.toString());
                    CompletableFuture<JsonNode> waiting = message.has("id")
                            ? pending.remove(message.get("id").asInt()) : null;
                    if (waiting != null) {
                        waiting.complete(message);
                    } else {
                        events.add(message);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }

        /** Sends a DevTools command and returns its {@code result}; an {@code error} answer fails. */
        JsonNode call(String method, Map<String, Object> params) throws Exception {
            int id = ids.incrementAndGet();
            ObjectNode message = Json.MAPPER.createObjectNode();
            message.put("id", id);
            message.put("method", method);
            message.set("params", Json.MAPPER.valueToTree(params));
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            socket.sendText(Json.MAPPER.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.get("result");
        }

        /** Waits for the next event named {@code method}, dropping the others. */
        JsonNode await(String method) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode event = events.poll(1, TimeUnit.SECONDS);
                if (event != null && method.equals(event.path("method").asText())) {
                    return event.get("params");
                }
            }
            throw new IllegalStateException("no " + method + " within " + TIMEOUT);
        }

        /** Opens {@code uri} and waits until the page has loaded. */
        void open(URI uri) throws Exception {
            call("Page.enable", Map.of());
            events.clear();
            call("Page.navigate", Map.of("url", uri.toString()));
            await("Page.loadEventFired");
        }

        /** The value of a JavaScript expression in the page; a thrown exception fails. */
        JsonNode eval(String expression) throws Exception {
            JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException(expression + " threw: " + result.get("exceptionDetails"));
            }
            return result.path("result").path("value");
        }

        /** A PNG of the top of the page in a viewport of the given size. */
        byte[] screenshot(int width, int height) throws Exception {
            call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", 1, "mobile", false));
            JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png"));
            return Base64.getDecoder().decode(shot.get("data").asText());
        }

        @Override
        public void close() {
            if (socket != null) {
                socket.abort();
            }
        }
    }
}
