package dev.neptuneguard.cdk;

import java.util.Objects;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The deployment packages of the guard's functions: the functions module builds one jar per group of functions,
 * each holding only the AWS SDK modules its functions call (issue 8 budgets a package at 20 MB):
 * {@code functions-<version>-guard.jar} for the event and reminder functions, {@code functions-<version>-sweep.jar}
 * for the sweep (the guard's modules plus Organizations, which lists the accounts to sweep in organization mode),
 * {@code functions-<version>-config.jar} for the AWS Config rule, and {@code functions-<version>-delivery.jar} for
 * the Slack notifier and the Security Hub exporter.
 */
public record LambdaArtifacts(Code guard, Code sweep, Code config, Code delivery) {

    /** The classifiers of the jars, in the order of the components. */
    public static final String[] CLASSIFIERS = {"guard", "sweep", "config", "delivery"};

    public LambdaArtifacts {
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(sweep, "sweep");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(delivery, "delivery");
    }

    /** One package for every function: tests, which synthesize with a stand-in asset. */
    public static LambdaArtifacts same(Code code) {
        return new LambdaArtifacts(code, code, code, code);
    }

    /** The package that holds {@code handler} (a fully qualified class name). */
    public Code forHandler(String handler) {
        String name = handler.substring(handler.lastIndexOf('.') + 1);
        return switch (name) {
            case "ConfigRuleHandler" -> config;
            case "SlackNotifierHandler", "SecurityHubExporterHandler" -> delivery;
            case "SweepHandler" -> sweep;
            default -> guard;
        };
    }
}
