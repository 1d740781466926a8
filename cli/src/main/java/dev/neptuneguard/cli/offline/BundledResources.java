package dev.neptuneguard.cli.offline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The demo account and the sample events, packed into the CLI jar so that {@code demo} runs anywhere. */
public final class BundledResources {

    static final String DEMO_ACCOUNT = "/demo/demo-account.json";

    private BundledResources() {
    }

    public static InputStream demoAccount() {
        InputStream in = BundledResources.class.getResourceAsStream(DEMO_ACCOUNT);
        if (in == null) {
            throw new IllegalStateException("the demo account " + DEMO_ACCOUNT + " is missing from the CLI jar");
        }
        return in;
    }

    /**
     * The demo account and the sample events as {@code demo} shows them: every date moved by the whole days from the
     * demo account's recorded {@code exportTime} to {@code now} ({@link TimeShift}), so that the key pending deletion
     * is days ahead, snapshots are behind and events are recent on whatever day the demo runs. The files themselves
     * keep their recorded dates: {@code replay} and {@code scan --offline} read them as they are, as of that time.
     */
    public static Demo demo(Instant now) {
        JsonNode account;
        try (InputStream in = demoAccount()) {
            account = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant recorded = Instant.parse(account.path(AccountExport.EXPORT_TIME).asText());
        TimeShift shift = TimeShift.between(recorded, now);
        byte[] shifted;
        try {
            shifted = Json.MAPPER.writeValueAsBytes(shift.shift(account));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AccountExport export = AccountExport.read(new ByteArrayInputStream(shifted), "demo account");
        List<Map.Entry<String, String>> events = events().stream()
                .map(e -> Map.entry(e.getKey(), shift.shift(e.getValue())))
                .toList();
        return new Demo(export, events, recorded, shift);
    }

    /**
     * The demo as of a day: the account and events moved by {@code shift} from their {@code recorded} time.
     *
     * @param events (path relative to events/, shifted JSON text), sorted by path
     */
    public record Demo(AccountExport account, List<Map.Entry<String, String>> events, Instant recorded,
            TimeShift shift) {

        /** The moment the moved data describes: the recorded time, moved; less than a day before now. */
        public Instant asOf() {
            return shift.shift(recorded);
        }
    }

    /** Every bundled sample event as (path relative to events/, JSON text), sorted by path. */
    public static List<Map.Entry<String, String>> events() {
        URL root = BundledResources.class.getResource("/events");
        if (root == null) {
            throw new IllegalStateException("the sample events are missing from the CLI jar");
        }
        try {
            URI uri = root.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return read(fs.getPath("/events"));
            }
            return read(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list the bundled events: " + e.getMessage(), e);
        }
    }

    private static List<Map.Entry<String, String>> read(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .sorted()
                    .map(p -> Map.entry("events/" + dir.relativize(p).toString().replace('\\', '/'), text(p)))
                    .toList();
        }
    }

    private static String text(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
