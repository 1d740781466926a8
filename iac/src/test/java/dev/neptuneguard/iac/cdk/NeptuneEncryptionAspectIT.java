package dev.neptuneguard.iac.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.iac.cdk.NeptuneEncryptionAspect.Level;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.Severity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.neptune.CfnDBCluster;
import software.amazon.awscdk.services.neptunegraph.CfnGraph;

/** Synthesizes small CDK apps with the Aspect and asserts the annotations it leaves on the constructs. */
class NeptuneEncryptionAspectIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    private static Stack weak;
    private static Stack strong;
    private static Stack warnings;
    private static Stack consumer;
    private static Stack shared;

    @BeforeAll
    static void synth() {
        App app = new App();
        weak = new Stack(app, "Weak");
        CfnDBCluster.Builder.create(weak, "Plain").dbClusterIdentifier("plain").build();
        CfnDBCluster.Builder.create(weak, "AwsManaged").storageEncrypted(true).kmsKeyId("alias/aws/rds").build();
        Key fragile = Key.Builder.create(weak, "FragileKey").removalPolicy(RemovalPolicy.DESTROY).build();
        CfnDBCluster.Builder.create(weak, "OnFragile").storageEncrypted(true).kmsKeyId(fragile.getKeyArn()).build();
        CfnParameter keyParam = CfnParameter.Builder.create(weak, "KeyArn").type("String").build();
        CfnDBCluster.Builder.create(weak, "FromParameter").storageEncrypted(true)
                .kmsKeyId(keyParam.getValueAsString()).build();
        CfnGraph.Builder.create(weak, "Graph").provisionedMemory(16).kmsKeyIdentifier(fragile.getKeyArn()).build();

        strong = new Stack(app, "Strong");
        Key key = Key.Builder.create(strong, "NeptuneKey").enableKeyRotation(true).build();
        CfnDBCluster.Builder.create(strong, "Cluster").storageEncrypted(true).kmsKeyId(key.getKeyArn()).build();

        shared = new Stack(app, "SharedKey");
        Key sharedKey = Key.Builder.create(shared, "Key").enableKeyRotation(true).build();
        Key weakShared = Key.Builder.create(shared, "WeakKey").removalPolicy(RemovalPolicy.DESTROY).build();
        consumer = new Stack(app, "Consumer");
        CfnDBCluster.Builder.create(consumer, "Cluster").storageEncrypted(true).kmsKeyId(sharedKey.getKeyArn()).build();
        CfnDBCluster.Builder.create(consumer, "OnWeakShared").storageEncrypted(true)
                .kmsKeyId(weakShared.getKeyArn()).build();

        Aspects.of(app).add(new NeptuneEncryptionAspect(new Policy(true, List.of(), Set.of(), true), Level.ERROR,
                Severity.LOW, CLOCK));

        App other = new App();
        warnings = new Stack(other, "Warnings");
        CfnDBCluster.Builder.create(warnings, "Plain").build();
        Aspects.of(other).add(new NeptuneEncryptionAspect(Policy.defaults(), Level.WARNING, Severity.LOW, CLOCK));
    }

    private static List<SynthesisMessage> errors(Stack stack, String path, String rule) {
        return Annotations.fromStack(stack).findError(path, Match.stringLikeRegexp(".*\\[" + rule + "\\].*"));
    }

    @Test
    void l1Cluster_withoutEncryption_isAnError() {
        assertThat(errors(weak, "/Weak/Plain", "NEPTUNE_CLUSTER_UNENCRYPTED")).hasSize(1);
    }

    @Test
    void literalAwsManagedAlias_isAnError() {
        assertThat(errors(weak, "/Weak/AwsManaged", "NEPTUNE_CLUSTER_AWS_MANAGED_KEY")).hasSize(1);
    }

    @Test
    void keyOfTheSameStack_isResolved_andItsRevocationRisksReported() {
        assertThat(errors(weak, "/Weak/OnFragile", "NEPTUNE_CLUSTER_AWS_MANAGED_KEY")).isEmpty();
        assertThat(errors(weak, "/Weak/OnFragile", "NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED")).hasSize(1);
        List<SynthesisMessage> notRetained = errors(weak, "/Weak/FragileKey/Resource", "KMS_KEY_NOT_RETAINED_IN_CODE");
        assertThat(notRetained).hasSize(1);
        assertThat(String.valueOf(notRetained.get(0).getEntry().getData())).contains("OnFragile")
                .contains("AWS::NeptuneGraph::Graph");
    }

    @Test
    void parameter_isCannotVerify() {
        assertThat(errors(weak, "/Weak/FromParameter", "NEPTUNE_CLUSTER_KEY_UNVERIFIABLE")).hasSize(1);
    }

    @Test
    void l2KeyWithRotation_defaultRetain_noErrors() {
        assertThat(Annotations.fromStack(strong).findError("*", Match.anyValue())).isEmpty();
    }

    @Test
    void warningLevel_warnsInsteadOfFailing() {
        Annotations a = Annotations.fromStack(warnings);
        assertThat(a.findError("*", Match.anyValue())).isEmpty();
        assertThat(a.findWarning("/Warnings/Plain", Match.stringLikeRegexp(".*NEPTUNE_CLUSTER_UNENCRYPTED.*")))
                .hasSize(1);
    }

    @Test
    void keyOfAnotherStackOfTheApp_isResolvedThroughTheConstructTree() {
        assertThat(errors(consumer, "/Consumer/Cluster", "NEPTUNE_CLUSTER_KEY_UNVERIFIABLE")).isEmpty();
        assertThat(errors(consumer, "/Consumer/Cluster", "NEPTUNE_CLUSTER_AWS_MANAGED_KEY")).isEmpty();
        assertThat(errors(consumer, "/Consumer/OnWeakShared", "NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED")).hasSize(1);
        List<SynthesisMessage> notRetained = errors(shared, "/SharedKey/WeakKey/Resource",
                "KMS_KEY_NOT_RETAINED_IN_CODE");
        assertThat(notRetained).hasSize(1);
        assertThat(String.valueOf(notRetained.get(0).getEntry().getData())).contains("OnWeakShared");
    }
}
