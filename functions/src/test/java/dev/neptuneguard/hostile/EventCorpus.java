package dev.neptuneguard.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every fixture under the repository's {@code events/} folder ({@code rds}, {@code kms}, {@code config},
 * {@code misc}, {@code sns}, and any folder added later), read once as JSON trees. The hostile-input properties
 * start from these real shapes so that a mutation lands next to the fields the parsers actually read, and each
 * entry point also meets the other entry points' events.
 */
public final class EventCorpus {

    private static final List<String> FOLDERS = listFolders();
    private static final List<Fixture> ALL = load();

    private EventCorpus() {
    }

    /** One fixture: its path under {@code events/} and its tree (never modify it: mutate a deep copy). */
    public record Fixture(String name, JsonNode tree) {

        @Override
        public String toString() {
            return name;
        }
    }

    public static List<Fixture> all() {
        return ALL;
    }

    /** The sub-folders of {@code events/}, sorted. */
    public static List<String> folders() {
        return FOLDERS;
    }

    /** The {@code events/} folder: Surefire runs in the module folder, an IDE may run in the repository root. */
    public static Path root() {
        Path fromModule = Path.of("..", "events");
        return Files.isDirectory(fromModule) ? fromModule : Path.of("events");
    }

    private static List<String> listFolders() {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the event fixtures in " + root().toAbsolutePath(), e);
        }
    }

    private static List<Fixture> load() {
        List<Fixture> fixtures = new ArrayList<>();
        for (String folder : FOLDERS) {
            try (Stream<Path> files = Files.list(root().resolve(folder))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json"))
                        .sorted(Comparator.comparing(Path::toString)).toList()) {
                    fixtures.add(new Fixture(folder + "/" + file.getFileName(), Json.MAPPER.readTree(file.toFile())));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the event fixtures in " + root().toAbsolutePath(), e);
            }
        }
        return List.copyOf(fixtures);
    }
}
