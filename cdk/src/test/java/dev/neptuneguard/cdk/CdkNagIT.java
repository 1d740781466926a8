package dev.neptuneguard.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AwsSolutions and Serverless packs over the variants of every stack (single account, organization hub,
 * member; each with defaults and with every option switched): no unacknowledged error or warning, every
 * acknowledgement used by a real finding (no stale ones), and every reason one of the written justifications in
 * {@link NagFindings}.
 */
class CdkNagIT {

    private static final Pattern SUPPRESSED = Pattern.compile(
            "CdkNagSuppression(?:\\[(.+)])?: ((?:AwsSolutions|Serverless)-[A-Za-z0-9]+) was triggered but suppressed");

    private static final List<Variant> VARIANTS = new ArrayList<>();

    @BeforeAll
    static void synthesize() {
        Map<String, Object> allOptions = Map.of(
                GuardSettings.ALERT_EMAILS, "ops@example.com",
                GuardSettings.SLACK_WEBHOOK_SECRET_NAME, "neptune-guard/slack",
                GuardSettings.PROTECTION_MODE, "on",
                GuardSettings.SECURITY_HUB, "false",
                GuardSettings.CONFIG_RULE, "false",
                GuardSettings.REENCRYPTION_RUNBOOK, "true");
        Map<String, Object> dryRun = Map.of(GuardSettings.PROTECTION_MODE, "dry-run");
        VARIANTS.add(Variant.of("defaults", TestStacks.stack(Map.of(GuardSettings.ALERT_EMAILS, "ops@example.com"))));
        VARIANTS.add(Variant.of("all options", TestStacks.stack(allOptions)));
        VARIANTS.add(Variant.of("hub, defaults", TestStacks.hub(Map.of(GuardSettings.ALERT_EMAILS,
                "ops@example.com"))));
        VARIANTS.add(Variant.of("hub, all options", TestStacks.hub(allOptions)));
        VARIANTS.add(Variant.of("member, defaults", TestStacks.member(Map.of())));
        VARIANTS.add(Variant.of("member, all options", TestStacks.member(allOptions)));
        VARIANTS.add(Variant.of("member, protection dry run", TestStacks.member(dryRun)));
    }

    @Test
    void nagPacks_everyVariant_reportNoUnacknowledgedError() {
        for (Variant variant : VARIANTS) {
            List<SynthesisMessage> errors = variant.annotations().findError("*",
                    Match.stringLikeRegexp("(AwsSolutions|Serverless)-.*"));

            assertThat(errors).as(variant.name() + ": " + describe(errors)).isEmpty();
        }
    }

    @Test
    void nagPacks_everyVariant_reportNoWarningEither() {
        for (Variant variant : VARIANTS) {
            List<SynthesisMessage> warnings = variant.annotations().findWarning("*",
                    Match.stringLikeRegexp("(AwsSolutions|Serverless|CdkNagValidationFailure).*"));

            assertThat(warnings).as(variant.name() + ": " + describe(warnings)).isEmpty();
        }
    }

    @Test
    void acknowledgements_everyOne_isUsedByAFinding() {
        for (Variant variant : VARIANTS) {
            Set<String> triggered = new TreeSet<>();
            for (SynthesisMessage info : variant.annotations().findInfo("*",
                    Match.stringLikeRegexp("CdkNagSuppression.*"))) {
                Matcher m = SUPPRESSED.matcher(String.valueOf(info.getEntry().getData()));
                if (m.find()) {
                    triggered.add(m.group(2) + (m.group(1) == null ? "" : "[" + m.group(1) + "]"));
                }
            }
            Set<String> declared = new TreeSet<>();
            for (JsonNode entry : variant.acknowledgements()) {
                List<String> appliesTo = TestStacks.texts(entry.path("applies_to"));
                if (appliesTo.isEmpty()) {
                    declared.add(entry.path("id").asText());
                }
                appliesTo.forEach(a -> declared.add(entry.path("id").asText() + "[" + a + "]"));
            }

            assertThat(declared).as(variant.name()).isNotEmpty();
            assertThat(triggered).as(variant.name() + ": acknowledged but never triggered").containsAll(declared);
        }
    }

    @Test
    void acknowledgements_reasons_areTheWrittenJustifications() throws Exception {
        Set<String> written = new TreeSet<>();
        for (Field field : NagFindings.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_REASON")) {
                written.add((String) field.get(null));
            }
        }
        assertThat(written).allSatisfy(reason -> assertThat(reason).hasSizeGreaterThan(150).endsWith("."));

        for (Variant variant : VARIANTS) {
            for (JsonNode entry : variant.acknowledgements()) {
                assertThat(entry.path("reason").asText()).as(entry.toString()).isIn(written);
            }
        }
    }

    private static String describe(List<SynthesisMessage> messages) {
        StringBuilder out = new StringBuilder();
        for (SynthesisMessage m : messages) {
            out.append('\n').append(m.getId()).append(": ").append(m.getEntry().getData());
        }
        return out.toString();
    }

    /** One synthesized variant: its annotations and the cdk-nag acknowledgements in its template. */
    private record Variant(String name, Annotations annotations, List<JsonNode> acknowledgements) {

        static Variant of(String name, Stack stack) {
            NagPackProps props = NagPackProps.builder().logIgnores(true).build();
            Aspects.of(stack).add(new AwsSolutionsChecks(props));
            Aspects.of(stack).add(new ServerlessChecks(props));
            Annotations annotations = Annotations.fromStack(stack);
            List<JsonNode> acknowledgements = new ArrayList<>();
            Template template = Template.fromStack(stack);
            for (JsonNode resource : TestStacks.MAPPER.valueToTree(template.toJSON()).path("Resources")) {
                resource.at("/Metadata/cdk_nag/rules_to_suppress").forEach(acknowledgements::add);
            }
            return new Variant(name, annotations, acknowledgements);
        }
    }
}
