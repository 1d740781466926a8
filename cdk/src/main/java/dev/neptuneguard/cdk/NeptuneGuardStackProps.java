package dev.neptuneguard.cdk;

import java.util.Objects;
import software.amazon.awscdk.StackProps;

/**
 * What the stack is built from. The code is a prop, not looked up by the stack, so that tests synthesize with
 * inline code and need no functions jar.
 *
 * @param code the deployment packages, one per jar the functions module builds
 * @param settings the validated deployment settings
 * @param organization the validated organization settings: the stack is then the hub of the organization; null
 *     for a single account
 * @param stackProps environment, description and the like; may be null
 */
public record NeptuneGuardStackProps(LambdaArtifacts code, GuardSettings settings, OrganizationSettings organization,
                                     StackProps stackProps) {

    public NeptuneGuardStackProps {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(settings, "settings");
        stackProps = stackProps == null ? StackProps.builder().build() : stackProps;
    }

    /** The props of a single-account guard. */
    public NeptuneGuardStackProps(LambdaArtifacts code, GuardSettings settings, StackProps stackProps) {
        this(code, settings, null, stackProps);
    }
}
