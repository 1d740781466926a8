package dev.neptuneguard.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The deployable jars as built: each within its size budget (issue 8, G5: 20 MB; the sweep 21.5 MB), holding its handlers and the SDK
 * modules they call, and none of the modules another function needs.
 */
class LambdaArtifactsIT {

    @ParameterizedTest
    @EnumSource(Artifact.class)
    void jar_builtByPackage_withinTheSizeBudget(Artifact artifact) throws IOException {
        long size = Files.size(artifact.jar());

        System.out.printf("artifact %s: %,d bytes%n", artifact.classifier, size);
        assertThat(size).as("%s is %,d bytes", artifact.jar().getFileName(), size)
                .isLessThanOrEqualTo(artifact.budgetBytes());
    }

    @ParameterizedTest
    @EnumSource(Artifact.class)
    void jar_holdsItsHandlersAndModulesAndNoOthers(Artifact artifact) throws IOException {
        List<String> entries;
        try (JarFile jar = new JarFile(artifact.jar().toFile())) {
            entries = jar.stream().map(ZipEntry::getName).toList();
        }

        for (String handler : artifact.handlers) {
            assertThat(entries).contains(handler.replace('.', '/') + ".class");
        }
        for (String prefix : concat(artifact.required, Artifact.COMMON)) {
            assertThat(entries.stream().filter(e -> e.startsWith(prefix) && e.endsWith(".class")).findAny())
                    .as("%s must hold %s", artifact.classifier, prefix).isPresent();
        }
        for (String prefix : concat(artifact.excluded, Artifact.NEVER)) {
            assertThat(entries.stream().filter(e -> e.startsWith(prefix)).limit(3).toList())
                    .as("%s must not hold %s", artifact.classifier, prefix).isEmpty();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
