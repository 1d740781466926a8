package dev.neptuneguard.remediation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * One account and region on a local WireMock server: Neptune answered by the stateful {@link FakeNeptune}, KMS by
 * the wire fixtures in {@code wire/kms} (the target key, its aliases and a key policy as {@code GetKeyPolicy}
 * returns it). The SDK clients are the production {@link AwsClients}, aimed at the server.
 */
final class StubAccount implements AutoCloseable {

    static final String ACCOUNT = "644160558196";
    static final String KEY_ARN = "arn:aws:kms:us-east-1:644160558196:key/b10f842a-feb7-4318-92d5-0640a75b7688";
    static final String AWS_RDS_KEY_ARN =
            "arn:aws:kms:us-east-1:644160558196:key/72c87446-729b-4624-9faa-137b26402e0f";

    final FakeNeptune neptune = new FakeNeptune(ACCOUNT, "us-east-1");
    final WireMockServer server;
    final AwsClients clients;

    StubAccount() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(neptune));
        server.start();
        server.stubFor(post(urlEqualTo("/")).withHeader("Authorization", containing("/rds/aws4_request"))
                .willReturn(aResponse().withTransformers(FakeNeptune.NAME)));
        kms("DescribeKey", resource("wire/kms/describe-key-cmk.json"));
        ObjectNode aliases = Json.MAPPER.createObjectNode();
        aliases.putArray("Aliases").addObject().put("AliasName", "alias/neptune-data")
                .put("AliasArn", "arn:aws:kms:us-east-1:644160558196:alias/neptune-data")
                .put("TargetKeyId", "b10f842a-feb7-4318-92d5-0640a75b7688");
        kms("ListAliases", aliases.toString());
        keyPolicy(defaultKeyPolicy());
        clients = AwsClients.builder().region(Region.US_EAST_1).endpointOverride(URI.create(server.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "s")))
                .retryBackoff(Duration.ofMillis(1)).build();
    }

    /** The key policy KMS gives a key created without one: the account may do everything with it. */
    static String defaultKeyPolicy() {
        ObjectNode policy = Json.MAPPER.createObjectNode().put("Version", "2012-10-17");
        ObjectNode st = policy.putArray("Statement").addObject();
        st.put("Sid", "Enable IAM User Permissions").put("Effect", "Allow");
        st.putObject("Principal").put("AWS", "arn:aws:iam::" + ACCOUNT + ":root");
        st.put("Action", "kms:*").put("Resource", "*");
        return policy.toString();
    }

    void keyPolicy(String policy) {
        ObjectNode answer = Json.MAPPER.createObjectNode().put("Policy", policy).put("PolicyName", "default");
        kms("GetKeyPolicy", answer.toString());
    }

    void kms(String action, String body) {
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService." + action))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(body)));
    }

    static String resource(String path) {
        try (InputStream in = StubAccount.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The cluster of the end-to-end cases: unencrypted, a custom cluster parameter group, IAM authentication, audit
     * logs, deletion protection, 7 days of backups, copy-tags, a bulk-load role, two tags and two instances (the
     * writer db.r6g.large tier 0 and a reader db.r6g.xlarge tier 2 with its own parameter group and a tag).
     */
    FakeNeptune.Cluster graphCluster(String id) {
        FakeNeptune.Cluster c = new FakeNeptune.Cluster();
        c.id = id;
        c.parameterGroup = "graph-cluster-params";
        c.subnetGroup = "graph-private";
        c.securityGroups = new java.util.ArrayList<>(java.util.List.of("sg-0a1b2c3d4e5f67890", "sg-0fedcba987654321"));
        c.iam = true;
        c.logs = new java.util.ArrayList<>(java.util.List.of("audit"));
        c.deletionProtection = true;
        c.retention = 7;
        c.backupWindow = "05:42-06:12";
        c.maintenanceWindow = "sat:09:57-sat:10:27";
        c.copyTags = true;
        c.roles.add(new String[] {"arn:aws:iam::644160558196:role/NeptuneLoadFromS3", null, "ACTIVE"});
        c.tags.put("team", "graph");
        c.tags.put("cost-center", "4711");
        neptune.clusters.put(id, c);
        instance(id, id + "-1", "db.r6g.large", 0, "default.neptune1.3");
        instance(id, id + "-2", "db.r6g.xlarge", 2, "graph-instance-params").tags.put("role", "reader");
        return c;
    }

    FakeNeptune.Instance instance(String cluster, String id, String instanceClass, int tier, String group) {
        FakeNeptune.Instance i = new FakeNeptune.Instance();
        i.id = id;
        i.cluster = cluster;
        i.instanceClass = instanceClass;
        i.tier = tier;
        i.parameterGroup = group;
        neptune.instances.put(id, i);
        neptune.writers.putIfAbsent(cluster, id);
        return i;
    }

    @Override
    public void close() {
        clients.close();
        server.stop();
    }
}
