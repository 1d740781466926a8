package dev.neptuneguard.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.lambda.Code;

/**
 * Entry point of the CDK app ({@code cdk.json} runs it through Maven). Reads and validates the settings, finds the
 * functions jar, builds the stack and applies the cdk-nag AwsSolutions and Serverless packs, so that
 * {@code cdk synth} fails on any unacknowledged finding. An invalid setting ends the app with its message and
 * exit code 2, without a stack trace.
 *
 * <p>With {@value OrganizationSettings#ORGANIZATION_ID} set, the stack {@value #STACK_NAME} is the organization's
 * hub, pinned to the hub account and region, and the app also has the stack {@value #MEMBER_STACK_NAME}, the
 * member template for {@code cdk deploy} in accounts that do not get it from the hub's stack set.
 */
public final class NeptuneGuardApp {

    public static final String STACK_NAME = "NeptuneGuard";
    public static final String MEMBER_STACK_NAME = "NeptuneGuardMember";
    static final String DESCRIPTION = "neptune-guard: event-driven compliance guard for Amazon Neptune encryption"
            + " at rest";
    static final String MEMBER_DESCRIPTION = "neptune-guard member: forwards Neptune and KMS detection events to the"
            + " neptune-guard hub and lets the hub read this account";
    static final String BUILD_HINT = "run `./mvnw -pl functions -am package -DskipTests` in the repository root"
            + " first (cdk synth and cdk deploy package what is in functions/target)";

    private NeptuneGuardApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        GuardSettings settings;
        OrganizationSettings organization;
        LambdaArtifacts code;
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = System.getenv("CDK_DEFAULT_REGION");
        try {
            settings = GuardSettings.fromContext(app.getNode()::tryGetContext);
            organization = OrganizationSettings.fromContext(app.getNode()::tryGetContext, account, region);
            Path here = Path.of("").toAbsolutePath();
            code = new LambdaArtifacts(asset(here, "guard"), asset(here, "sweep"), asset(here, "config"),
                    asset(here, "delivery"));
        } catch (InvalidSettingException | IllegalStateException e) {
            System.err.println("neptune-guard: " + e.getMessage());
            System.exit(2);
            return;
        }
        NeptuneGuardStack stack = build(app, code, settings, organization, account, region);
        warnAboutUnknownSettings(app, stack);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        Aspects.of(app).add(new ServerlessChecks(NagPackProps.builder().verbose(true).build()));
        app.synth();
    }

    /**
     * The stacks of the app: the guard (in organization mode the hub, pinned to the hub account and region) and, in
     * organization mode, the member stack (environment-agnostic: it is deployed to many accounts and regions).
     */
    static NeptuneGuardStack build(App app, LambdaArtifacts code, GuardSettings settings,
                                   OrganizationSettings organization, String account, String region) {
        Environment environment = organization == null
                ? Environment.builder().account(account).region(region).build()
                : Environment.builder().account(organization.hubAccount()).region(organization.hubRegion()).build();
        NeptuneGuardStack stack = new NeptuneGuardStack(app, STACK_NAME, new NeptuneGuardStackProps(code, settings,
                organization, StackProps.builder().description(DESCRIPTION).env(environment).build()));
        if (organization != null) {
            new MemberStack(app, MEMBER_STACK_NAME, settings, organization, StackProps.builder()
                    .description(MEMBER_DESCRIPTION)
                    .synthesizer(MemberTemplate.synthesizer())
                    .build());
        }
        tag(app);
        return stack;
    }

    /** Every taggable resource of the app is tagged {@code application=neptune-guard}. */
    static void tag(App app) {
        Tags.of(app).add("application", "neptune-guard");
    }

    private static Code asset(Path workingDirectory, String classifier) {
        return Code.fromAsset(lambdaJar(workingDirectory, classifier).toString());
    }

    /**
     * A shaded Lambda jar ({@code functions-<version>-<classifier>.jar}, see {@link LambdaArtifacts}) under
     * {@code functions/target}, looked up from the repository root or from the {@code cdk} module directory; the
     * newest one when several exist.
     *
     * @throws IllegalStateException telling how to build it when there is none
     */
    static Path lambdaJar(Path workingDirectory, String classifier) {
        List<Path> roots = new ArrayList<>(List.of(workingDirectory));
        if (workingDirectory.getParent() != null) {
            roots.add(workingDirectory.getParent());
        }
        List<Path> candidates = new ArrayList<>();
        for (Path root : roots) {
            Path target = root.resolve("functions").resolve("target");
            if (!Files.isDirectory(target)) {
                continue;
            }
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "functions-*-" + classifier + ".jar")) {
                jars.forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates.stream()
                .max(Comparator.comparing(NeptuneGuardApp::modified))
                .orElseThrow(() -> new IllegalStateException("no Lambda jar functions/target/functions-*-" + classifier
                        + ".jar found from " + workingDirectory + ": " + BUILD_HINT));
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void warnAboutUnknownSettings(App app, NeptuneGuardStack stack) {
        Object context = app.getNode().getAllContext();
        if (!(context instanceof Map<?, ?> values)) {
            return;
        }
        List<String> keys = new ArrayList<>();
        values.keySet().forEach(k -> keys.add(String.valueOf(k)));
        for (String unknown : GuardSettings.unknownNames(keys)) {
            Annotations.of(stack).addWarningV2("neptune-guard:unknownSetting", "'" + unknown
                    + "' is not a neptune-guard setting and is ignored; the settings are " + GuardSettings.NAMES
                    + " and, for an organization, " + OrganizationSettings.NAMES);
        }
    }
}
