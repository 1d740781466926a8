package dev.neptuneguard.cli;

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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The demo account and the sample events, packed into the CLI jar so that {@code demo} runs anywhere. */
final class BundledResources {

    static final String DEMO_ACCOUNT = "/demo/demo-account.json";

    private BundledResources() {
    }

    static InputStream demoAccount() {
        InputStream in = BundledResources.class.getResourceAsStream(DEMO_ACCOUNT);
        if (in == null) {
            throw new IllegalStateException("the demo account " + DEMO_ACCOUNT + " is missing from the CLI jar");
        }
        return in;
    }

    /** Every bundled sample event as (path relative to events/, JSON text), sorted by path. */
    static List<Map.Entry<String, String>> events() {
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
