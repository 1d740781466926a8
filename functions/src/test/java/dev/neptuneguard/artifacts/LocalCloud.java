package dev.neptuneguard.artifacts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.sinks.FakeDynamoDbTable;
import dev.neptuneguard.sinks.FakeSqsQueue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One local stub that answers every AWS call the Lambda handlers make, each in its service's wire protocol, with
 * the answers of an ordinary day: Neptune (Query/XML) knows the {@code graph-scratch} cluster of the RDS fixture
 * and lists the demo account's {@code graph-legacy} on the legacy key, KMS (JSON 1.1) has that key disabled and
 * any other as an enabled customer managed key, DynamoDB and SQS (JSON 1.0) are stateful fakes, SNS (Query/XML)
 * accepts publications, Config (JSON 1.1) evaluations, Security Hub (REST-JSON) imports, Scheduler (REST-JSON)
 * creates and deletes schedules, Secrets Manager (JSON 1.1) holds a Slack webhook URL, and the webhook path
 * answers {@code ok}. A fresh JVM reaches it through
 * {@code NEPTUNE_GUARD_ENDPOINT_URL}; the Slack webhook follows that hook because it is on loopback.
 */
final class LocalCloud implements AutoCloseable {

    static final String TABLE = "neptune-guard-deliveries";
    static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:neptune-guard-alerts";
    static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/111122223333/neptune-guard-securityhub";
    static final String SECRET = "neptune-guard/slack-webhook";
    /** The demo account's legacy key: disabled, protecting graph-legacy; also the key of the reminder fixture. */
    static final String LEGACY_KEY_ID = "5555eeee-55ee-55ee-55ee-555555555555";
    static final String HOOK_PATH = "/services/T0EXAMPLE/B0EXAMPLE/XyZsecretTOKENvalue0123";

    final FakeDynamoDbTable table = new FakeDynamoDbTable();
    final FakeSqsQueue queue = new FakeSqsQueue();
    final WireMockServer server;

    LocalCloud() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(table, queue));
        server.start();
        stubNeptune();
        stubKms();
        server.stubFor(target("DynamoDB_20120810\\..+")
                .willReturn(aResponse().withTransformers(FakeDynamoDbTable.NAME)));
        server.stubFor(target(FakeSqsQueue.TARGET).willReturn(aResponse().withTransformers(FakeSqsQueue.NAME)));
        server.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
                .willReturn(xml(resource("/wire/sns/publish.xml"))));
        server.stubFor(target("StarlingDoveService.PutEvaluations")
                .willReturn(json("application/x-amz-json-1.1", "{\"FailedEvaluations\":[]}")));
        server.stubFor(post(urlEqualTo("/findings/import")).willReturn(json("application/json",
                "{\"FailedCount\":0,\"SuccessCount\":1,\"FailedFindings\":[]}")));
        ObjectNode secret = Json.MAPPER.createObjectNode()
                .put("ARN", "arn:aws:secretsmanager:us-east-1:111122223333:secret:" + SECRET + "-AbCdEf")
                .put("Name", SECRET).put("VersionId", "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
                .put("SecretString", "https://hooks.slack.com" + HOOK_PATH).put("CreatedDate", 1.7636e9);
        secret.putArray("VersionStages").add("AWSCURRENT");
        server.stubFor(target("secretsmanager.GetSecretValue")
                .willReturn(json("application/x-amz-json-1.1", secret.toString())));
        server.stubFor(post(urlPathMatching("/services/.+")).willReturn(aResponse().withStatus(200).withBody("ok")));
        server.stubFor(post(urlPathMatching("/schedules/.+")).willReturn(json("application/json", resource(
                "/wire/scheduler/create-schedule.json"))));
        server.stubFor(delete(urlPathMatching("/schedules/.+")).willReturn(json("application/json", "{}")));
    }

    /**
     * Runs the stub on its own until the process is stopped, printing its endpoint: for running the launcher by hand
     * (e.g. with {@code -Xlog:class+load}) against the same answers the tests and the benchmark get.
     */
    public static void main(String[] args) throws InterruptedException {
        LocalCloud cloud = new LocalCloud();
        System.out.println(cloud.endpoint());
        Thread.currentThread().join();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    /** How many requests matched {@code pattern} since the last {@link #forget()}. */
    int count(RequestPatternBuilder pattern) {
        return server.findAll(pattern).size();
    }

    static RequestPatternBuilder called(String amzTarget) {
        return postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(amzTarget));
    }

    static RequestPatternBuilder queryAction(String action) {
        return postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    void forget() {
        server.resetRequests();
        queue.messages.clear();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** The one graph that {@link #stubGraphs()} lists: on {@link #PENDING_KEY_ID}, which no cluster uses. */
    static final String GRAPH_ARN = "arn:aws:neptune-graph:us-east-1:111122223333:graph/g-p9q8r7s6t5";
    /** A customer managed key pending deletion (DescribeKey answers so), used only by {@link #GRAPH_ARN}. */
    static final String PENDING_KEY_ID = "mrk-1234abcd12ab34cd56ef1234567890ab";

    /**
     * Neptune Analytics (REST-JSON) for this stub, which otherwise leaves it out (an endpoint that answers 404 without
     * a Neptune Analytics error: no graphs there): one graph on a key pending deletion, no graph snapshots, no tags.
     */
    LocalCloud stubGraphs() {
        server.stubFor(get(urlPathEqualTo("/graphs")).willReturn(json("application/json", resource(
                "/wire/neptunegraph/list-graphs-on-pending-key.json"))));
        server.stubFor(get(urlPathEqualTo("/snapshots")).willReturn(json("application/json",
                "{\"graphSnapshots\":[]}")));
        server.stubFor(get(urlPathMatching("/tags/.+")).willReturn(json("application/json", "{\"tags\":{}}")));
        server.stubFor(target("TrentService.DescribeKey").withRequestBody(containing(PENDING_KEY_ID))
                .willReturn(json("application/x-amz-json-1.1", resource("/wire/kms/describe-key-pending-deletion.json"))));
        return this;
    }

    private void stubNeptune() {
        // One cluster by name (the RDS fixture's), and the demo account's graph-legacy on the legacy key for listings.
        server.stubFor(query("DescribeDBClusters").willReturn(xml(resource(
                "/wire/neptune/describe-db-clusters-legacy-template.xml"))));
        server.stubFor(query("DescribeDBClusters").withRequestBody(containing("DBClusterIdentifier=graph-scratch"))
                .willReturn(xml(resource("/wire/neptune/describe-db-clusters-graph-scratch.xml"))));
        server.stubFor(query("DescribeDBClusterSnapshots").willReturn(xml(resource(
                "/wire/neptune/describe-db-cluster-snapshots-legacy-template.xml"))));
        server.stubFor(query("ListTagsForResource").willReturn(xml(resource(
                "/wire/neptune/list-tags-for-resource-empty.xml"))));
    }

    private void stubKms() {
        String kms = "application/x-amz-json-1.1";
        server.stubFor(target("TrentService.DescribeKey").willReturn(json(kms, resource(
                "/wire/kms/describe-key-cmk.json"))));
        server.stubFor(target("TrentService.DescribeKey").withRequestBody(containing(LEGACY_KEY_ID))
                .willReturn(json(kms, resource("/wire/kms/describe-key-legacy-disabled.json"))));
        server.stubFor(target("TrentService.ListResourceTags").willReturn(json(kms, resource(
                "/wire/kms/list-resource-tags-empty.json"))));
        server.stubFor(target("TrentService.GetKeyRotationStatus").willReturn(json(kms, resource(
                "/wire/kms/get-key-rotation-status-enabled.json"))));
        server.stubFor(target("TrentService.ListAliases").willReturn(json(kms, resource(
                "/wire/kms/list-aliases-demo.json"))));
    }

    private static MappingBuilder target(String regex) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", matching(regex));
    }

    private static MappingBuilder query(String action) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    private static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }

    private static ResponseDefinitionBuilder json(String contentType, String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(body);
    }

    static String resource(String path) {
        try (InputStream in = Objects.requireNonNull(LocalCloud.class.getResourceAsStream(path), path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
