package dev.neptuneguard.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.KeyRotation;
import dev.neptuneguard.revocation.KeyPolicyAnalysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** The AWS CLI fixtures of {@code src/test/resources/remediation} and target keys for the plan tests. */
final class Fixtures {

    static final String CMK = "arn:aws:kms:us-east-1:644160558196:key/0d3c1f7e-8a21-4b54-9d6e-2f4c5a7b9e10";

    private Fixtures() {
    }

    static JsonNode json(String name) {
        try {
            return Json.MAPPER.readTree(StubAccount.resource("remediation/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cluster of {@code describe-db-clusters-<kind>.json} with the instances of the matching file. */
    static ClusterConfiguration cluster(String kind) {
        return ClusterConfiguration.fromAwsCli(json("describe-db-clusters-" + kind + ".json").get("DBClusters").get(0),
                json("describe-db-instances-" + kind + ".json").get("DBInstances"));
    }

    /** A described key in {@code region} of {@code account}, as the inventory returns it. */
    static KeyFacts key(String arn, String manager, String state, String origin, Instant deletion) {
        String[] parts = arn.split(":");
        return new KeyFacts(arn, arn, parts[5].substring(4), parts[4], parts[3], manager, state, origin, null, false,
                deletion, deletion == null ? null : 7, KeyRotation.ENABLED, List.of("alias/graph-data"), "graph",
                null);
    }

    static TargetKey usable(String arn, String account) {
        return new TargetKey(key(arn, "CUSTOMER", "Enabled", "AWS_KMS", null), "SYMMETRIC_DEFAULT",
                "ENCRYPT_DECRYPT", KeyPolicyAnalysis.analyse(StubAccount.defaultKeyPolicy().replace(
                StubAccount.ACCOUNT, account), account, "us-east-1"), null);
    }
}
