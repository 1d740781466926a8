package dev.neptuneguard.cdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.IStackSynthesizer;
import software.amazon.awscdk.LegacyStackSynthesizer;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The member template as the stack set deploys it: {@link MemberStack} synthesized in an app of its own, in
 * process, exactly as the app's standalone {@value NeptuneGuardApp#MEMBER_STACK_NAME} stack (same tags) but without
 * CDK metadata, path metadata or a bootstrap version check (member accounts are not CDK bootstrapped), and rendered
 * as compact JSON, which must fit CloudFormation's {@value #MAX_TEMPLATE_BODY_BYTES} bytes of {@code TemplateBody}.
 */
public final class MemberTemplate {

    /** CloudFormation's limit on an inline template ({@code TemplateBody}). */
    public static final int MAX_TEMPLATE_BODY_BYTES = 51_200;

    private MemberTemplate() {
    }

    /**
     * The synthesizer of every member stack: the template only (the member stack has no assets), no bootstrap
     * version check, and {@code cdk deploy} with the CLI's own credentials, so member accounts need no
     * {@code cdk bootstrap} (the default synthesizer would assume the bootstrap deploy role).
     */
    public static IStackSynthesizer synthesizer() {
        return new LegacyStackSynthesizer();
    }

    /**
     * @throws IllegalStateException when the template is larger than a TemplateBody may be
     */
    public static String render(GuardSettings settings, OrganizationSettings organization) {
        Path outdir;
        try {
            outdir = Files.createTempDirectory("neptune-guard-member");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // The context the CDK CLI passes to the app reaches this app too: switch off what it would add.
            App app = App.Builder.create()
                    .outdir(outdir.toString())
                    .analyticsReporting(false)
                    .postCliContext(Map.of(
                            "aws:cdk:enable-path-metadata", false,
                            "aws:cdk:enable-asset-metadata", false))
                    .build();
            new MemberStack(app, NeptuneGuardApp.MEMBER_STACK_NAME, settings, organization, StackProps.builder()
                    .description(NeptuneGuardApp.MEMBER_DESCRIPTION)
                    .synthesizer(synthesizer())
                    .build());
            NeptuneGuardApp.tag(app);
            CloudAssembly assembly = app.synth();
            Object template = assembly.getStackByName(NeptuneGuardApp.MEMBER_STACK_NAME).getTemplate();
            // Keys sorted: the stack set's TemplateBody is a string, and a key order that changed between synths
            // (the IAM conditions are built from Map.of) would update every stack instance at every deploy.
            String body = Json.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(template);
            return requireFits(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the member template", e);
        } finally {
            delete(outdir);
        }
    }

    /**
     * @throws IllegalStateException when the template is larger than a TemplateBody may be
     */
    static String requireFits(String body) {
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TEMPLATE_BODY_BYTES) {
            throw new IllegalStateException("the member template is " + bytes + " bytes, more than the "
                    + MAX_TEMPLATE_BODY_BYTES + " bytes a stack set's TemplateBody may have");
        }
        return body;
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
