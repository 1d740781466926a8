package dev.neptuneguard.artifacts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The deployable Lambda jars the functions module builds, what each must hold and must not hold. The lists are
 * the decision of issue 8's size budget: each function gets only the SDK modules it calls.
 */
enum Artifact {

    GUARD("guard",
            List.of("ClusterEncryptionHandler", "KeyRevocationHandler", "ReminderHandler"),
            List.of(service("neptune"), service("kms"), service("dynamodb"), service("sns"), service("sqs"),
                    service("scheduler"), service("sts"), service("neptunegraph")),
            List.of(service("securityhub"), service("config"), service("secretsmanager"), service("organizations"),
                    "com/slack/", "com/google/gson/", "software/amazon/lambda/powertools/")),
    /**
     * The guard's modules plus Organizations, which only the sweep calls (it lists the accounts to sweep), with Neptune
     * Analytics so that the daily safety net counts graphs too. That takes it past 20 MB: its own budget is 21.5 MB
     * (see {@link #budgetBytes()}).
     */
    SWEEP("sweep",
            List.of("SweepHandler"),
            List.of(service("neptune"), service("kms"), service("dynamodb"), service("sns"), service("sqs"),
                    service("scheduler"), service("sts"), service("organizations"), service("neptunegraph")),
            List.of(service("securityhub"), service("config"), service("secretsmanager"),
                    "com/slack/", "com/google/gson/", "software/amazon/lambda/powertools/")),
    CONFIG("config",
            List.of("ConfigRuleHandler"),
            List.of(service("neptune"), service("kms"), service("config"), service("sts")),
            List.of(service("organizations"), service("securityhub"), service("dynamodb"), service("sns"), service("sqs"),
                    service("scheduler"), service("secretsmanager"), service("neptunegraph"), "com/slack/",
                    "com/google/gson/", "software/amazon/lambda/powertools/")),
    DELIVERY("delivery",
            List.of("SlackNotifierHandler", "SecurityHubExporterHandler"),
            List.of(service("securityhub"), service("secretsmanager"), service("sts"), "com/slack/api/model/block/",
                    "com/google/gson/", "software/amazon/lambda/powertools/parameters/secrets/"),
            List.of(service("neptune"), service("kms"), service("config"), service("dynamodb"), service("sns"),
                    service("sqs"), service("scheduler"), service("neptunegraph")));

    /** Issue 8, G5: a deployable artifact is at most 20 MB. */
    static final long BUDGET_BYTES = 20_000_000L;
    /**
     * The sweep alone may take 21.5 MB: it is the one function that needs Organizations, the delivery ledger and every
     * resource kind (Neptune Analytics adds 1.2 MB), and it runs on a daily schedule, so its cold start delays no
     * alert. Lambda's own limit is 50 MB zipped.
     */
    static final long SWEEP_BUDGET_BYTES = 21_500_000L;
    /** In every jar: one HTTP client (URL connection), our JSON library, our handlers. */
    static final List<String> COMMON = List.of("software/amazon/awssdk/http/urlconnection/",
            "com/fasterxml/jackson/databind/", "dev/neptuneguard/handler/", "com/amazonaws/services/lambda/runtime/");
    /** In no jar: the HTTP clients every SDK module drags in unless excluded. */
    static final List<String> NEVER = List.of("software/amazon/awssdk/http/nio/netty/",
            "software/amazon/awssdk/http/apache/", "io/netty/", "org/apache/http/");

    final String classifier;
    final List<String> handlers;
    final List<String> required;
    final List<String> excluded;

    Artifact(String classifier, List<String> handlers, List<String> required, List<String> excluded) {
        this.classifier = classifier;
        this.handlers = handlers.stream().map(h -> "dev.neptuneguard.handler." + h).toList();
        this.required = required;
        this.excluded = excluded;
    }

    /** This artifact's size budget (G5). */
    long budgetBytes() {
        return this == SWEEP ? SWEEP_BUDGET_BYTES : BUDGET_BYTES;
    }

    private static String service(String name) {
        return "software/amazon/awssdk/services/" + name + "/";
    }

    Path jar() {
        return locate(classifier);
    }

    static Path launcherJar() {
        return locate("launcher");
    }

    /** {@code <finalName>-<classifier>.jar} in the build directory failsafe names (or {@code target}). */
    private static Path locate(String classifier) {
        Path dir = Path.of(System.getProperty("artifacts.directory", "target"));
        String prefix = System.getProperty("artifacts.prefix", "functions-0.1.0-SNAPSHOT");
        Path jar = dir.resolve(prefix + "-" + classifier + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: run ./mvnw verify (it is built in package)");
        }
        return jar;
    }
}
