package dev.neptuneguard.cdk;

import static dev.neptuneguard.cdk.TestStacks.actions;
import static dev.neptuneguard.cdk.TestStacks.identityStatements;
import static dev.neptuneguard.cdk.TestStacks.resources;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * {@code protectionMode=dry-run} reports what protection would do, so it gets no key-changing permission: a
 * bug in the dry-run path then cannot change a key, and switching to {@code on} is a deliberate redeploy.
 */
class ProtectionDryRunIT {

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = Template.fromStack(TestStacks.stack(Map.of(GuardSettings.PROTECTION_MODE, "dry-run")));
    }

    @Test
    void dryRun_permissions_containNoKeyChange() {
        for (TestStacks.OwnedStatement s : identityStatements(template)) {
            assertThat(actions(s.statement())).as(s.toString())
                    .doesNotContainAnyElementsOf(GuardPermissions.PROTECTION_ACTIONS);
        }
    }

    @Test
    void dryRun_mode_reachesTheFunctions() {
        for (JsonNode function : resources(template, "AWS::Lambda::Function").values()) {
            if (function.at("/Properties/Handler").asText().equals(NeptuneGuardStack.SECURITY_HUB_EXPORTER_HANDLER)) {
                continue; // it only maps findings to ASFF and never sees a key
            }
            assertThat(function.at("/Properties/Environment/Variables/protectionMode").asText()).isEqualTo("dry-run");
        }
    }
}
