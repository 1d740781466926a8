package dev.neptuneguard.iac;

import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.RuleId;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Test fixtures of the IaC module: the inputs under {@code src/test/resources/iac} and a fixed clock. */
final class IacFixtures {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

    private IacFixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(Objects.requireNonNull(IacFixtures.class.getResource("/iac/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<IacFinding> evaluate(String name, Policy policy) {
        return new IacEvaluator(policy, CLOCK).evaluate(IacFiles.read(path(name)));
    }

    /** Writes {@code text} to {@code dir/name} and evaluates it. */
    static List<IacFinding> evaluateText(Path dir, String name, String text, Policy policy) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return new IacEvaluator(policy, CLOCK).evaluate(IacFiles.read(file));
    }

    static Optional<IacFinding> find(List<IacFinding> findings, RuleId rule, String address) {
        return findings.stream().filter(f -> f.finding().ruleId() == rule
                && address.equals(f.finding().resourceId())).findFirst();
    }

    static ComplianceStatus status(List<IacFinding> findings, RuleId rule, String address) {
        return find(findings, rule, address).map(f -> f.finding().status()).orElse(null);
    }
}
