package dev.neptuneguard.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeptuneGuardAppTest {

    @TempDir
    Path repo;

    @Test
    void lambdaJar_missing_failsTellingHowToBuildIt() {
        assertThatThrownBy(() -> NeptuneGuardApp.lambdaJar(repo, "guard"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("functions/target/functions-*-guard.jar")
                .hasMessageContaining("./mvnw -pl functions -am package -DskipTests");
    }

    @Test
    void lambdaJar_fromTheRepositoryRoot_isFound() throws Exception {
        Path jar = jar("functions-0.1.0-SNAPSHOT-guard.jar", Instant.parse("2026-11-23T10:00:00Z"));
        Files.createFile(repo.resolve("functions/target/functions-0.1.0-SNAPSHOT.jar"));

        assertThat(NeptuneGuardApp.lambdaJar(repo, "guard")).isEqualTo(jar);
    }

    @Test
    void lambdaJar_fromTheCdkModule_looksInTheParent() throws Exception {
        Path jar = jar("functions-0.1.0-SNAPSHOT-guard.jar", Instant.parse("2026-11-23T10:00:00Z"));
        Path cdk = Files.createDirectories(repo.resolve("cdk"));

        assertThat(NeptuneGuardApp.lambdaJar(cdk, "guard")).isEqualTo(jar);
    }

    @Test
    void lambdaJar_severalVersions_takesTheNewest() throws Exception {
        jar("functions-0.1.0-SNAPSHOT-guard.jar", Instant.parse("2026-11-23T10:00:00Z"));
        Path newer = jar("functions-0.2.0-SNAPSHOT-guard.jar", Instant.parse("2026-11-23T11:00:00Z"));

        assertThat(NeptuneGuardApp.lambdaJar(repo, "guard")).isEqualTo(newer);
    }

    @Test
    void lambdaJar_eachClassifier_findsItsOwnJar() throws Exception {
        Path guard = jar("functions-0.1.0-SNAPSHOT-guard.jar", Instant.parse("2026-11-23T10:00:00Z"));
        Path delivery = jar("functions-0.1.0-SNAPSHOT-delivery.jar", Instant.parse("2026-11-23T11:00:00Z"));

        assertThat(NeptuneGuardApp.lambdaJar(repo, "guard")).isEqualTo(guard);
        assertThat(NeptuneGuardApp.lambdaJar(repo, "delivery")).isEqualTo(delivery);
        assertThatThrownBy(() -> NeptuneGuardApp.lambdaJar(repo, "config"))
                .hasMessageContaining("functions/target/functions-*-config.jar");
    }

    private Path jar(String name, Instant modified) throws Exception {
        Path jar = Files.createDirectories(repo.resolve("functions/target")).resolve(name);
        Files.write(jar, new byte[] {0x50, 0x4b});
        Files.setLastModifiedTime(jar, FileTime.from(modified));
        return jar;
    }
}
