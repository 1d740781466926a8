package dev.neptuneguard.inventory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.neptunegraph.NeptuneGraphClient;
import software.amazon.awssdk.services.neptunegraph.model.AccessDeniedException;
import software.amazon.awssdk.services.neptunegraph.model.NeptuneGraphException;

/**
 * The Neptune Analytics read side ({@link AwsGraphApi} through {@link AwsInventory}) against a local WireMock stub
 * that answers in the service's REST-JSON protocol: pagination by {@code nextToken}, the {@code GetGraph} fallback,
 * tags, exact call counts, and faults (throttling retried, server errors escaping after the SDK's attempts, access
 * denied escaping at once). Bodies live in {@code /wire/neptunegraph}.
 */
class GraphInventoryIT {

    private static final String ACCOUNT = "644160558196";
    private static final String CMK_ARN =
            "arn:aws:kms:us-east-1:644160558196:key/b10f842a-feb7-4318-92d5-0640a75b7688";
    private static final String FRAUD_ARN = "arn:aws:neptune-graph:us-east-1:644160558196:graph/g-a1b2c3d4e5";

    private static WireMockServer server;
    private AwsClients clients;
    private AwsInventory inventory;

    @BeforeAll
    static void startStub() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stopStub() {
        server.stop();
    }

    @BeforeEach
    void setUp() {
        server.resetAll();
        server.stubFor(get(urlPathEqualTo("/graphs")).withQueryParam("nextToken", absent())
                .withQueryParam("maxResults", equalTo("100")).willReturn(json(200, "list-graphs-page-1.json")));
        server.stubFor(get(urlPathEqualTo("/graphs")).withQueryParam("nextToken", equalTo("graphs-2"))
                .willReturn(json(200, "list-graphs-page-2.json")));
        server.stubFor(get(urlPathEqualTo("/graphs/g-k1l2m3n4o5"))
                .willReturn(json(200, "get-graph-recommendations.json")));
        server.stubFor(get(urlPathEqualTo("/snapshots")).withQueryParam("nextToken", absent())
                .willReturn(json(200, "list-graph-snapshots-page-1.json")));
        server.stubFor(get(urlPathEqualTo("/snapshots")).withQueryParam("nextToken", equalTo("snapshots-2"))
                .willReturn(json(200, "list-graph-snapshots-page-2.json")));
        clients = StubClients.at(server.baseUrl());
        inventory = new AwsInventory(clients, ACCOUNT);
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    void graphs_twoPages_readsEveryGraphAndGetsOnlyTheOneWithoutStatus() {
        List<GraphFacts> graphs = inventory.graphs();

        assertThat(graphs).extracting(GraphFacts::name).containsExactly("fraud-rings", "supply-chain",
                "recommendations");
        GraphFacts fraud = graphs.get(0);
        assertThat(fraud.awsOwnedKey()).isTrue();
        assertThat(fraud.customerKey()).isNull();
        assertThat(fraud.account()).isEqualTo(ACCOUNT);
        assertThat(fraud.region()).isEqualTo("us-east-1");
        assertThat(fraud.deletionProtection()).isTrue();
        assertThat(graphs.get(1).customerKey()).isEqualTo(CMK_ARN);
        GraphFacts recommendations = graphs.get(2);
        assertThat(recommendations.status()).isEqualTo("FAILED");
        assertThat(recommendations.statusReason()).contains("KMS key");
        server.verify(2, getRequestedFor(urlPathEqualTo("/graphs")));
        server.verify(1, getRequestedFor(urlPathEqualTo("/graphs/g-k1l2m3n4o5")));
        assertThat(inventory.usage().calls()).isEqualTo(3);
        assertThat(inventory.graphsUnread()).isEmpty();
    }

    @Test
    void graphSnapshots_twoPages_readsBothWithTheirKeys() {
        List<GraphSnapshotFacts> snapshots = inventory.graphSnapshots();

        assertThat(snapshots).extracting(GraphSnapshotFacts::id).containsExactly("gs-p6q7r8s9t0", "gs-u1v2w3x4y5");
        assertThat(snapshots.get(0).awsOwnedKey()).isTrue();
        assertThat(snapshots.get(1).customerKey()).isEqualTo(CMK_ARN);
        assertThat(snapshots.get(1).sourceGraphId()).isEqualTo("g-f6g7h8i9j0");
        assertThat(snapshots.get(1).createTime()).isNotNull();
        server.verify(2, getRequestedFor(urlPathEqualTo("/snapshots")));
        assertThat(inventory.usage().calls()).isEqualTo(2);
    }

    @Test
    void graph_byArn_callsGetGraphWithTheId() {
        server.stubFor(get(urlPathEqualTo("/graphs/g-a1b2c3d4e5")).willReturn(json(200,
                "get-graph-recommendations.json")));

        assertThat(inventory.graph(FRAUD_ARN)).isPresent();
        server.verify(1, getRequestedFor(urlPathEqualTo("/graphs/g-a1b2c3d4e5")));
    }

    @Test
    void graph_notFound_isEmpty() {
        server.stubFor(get(urlPathEqualTo("/graphs/g-zzzzzzzzzz")).willReturn(error(404,
                "ResourceNotFoundException", "Graph g-zzzzzzzzzz not found")));

        assertThat(inventory.graph("g-zzzzzzzzzz")).isEmpty();
    }

    @Test
    void tags_graphArn_readsNeptuneAnalyticsTags() {
        server.stubFor(get(urlPathEqualTo("/tags/" + URLEncoder.encode(FRAUD_ARN, UTF_8).replace("+", "%20")))
                .willReturn(json(200, "list-tags-fraud-rings.json")));

        assertThat(inventory.tags(FRAUD_ARN)).containsEntry("team", "risk")
                .containsEntry("neptune-guard:exempt", "lab data only; until=2027-01-31");
    }

    @Test
    void graphs_throttledOnce_retriesAndSucceeds() {
        server.stubFor(get(urlPathEqualTo("/graphs")).withQueryParam("nextToken", absent())
                .inScenario("throttle").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(error(429, "ThrottlingException", "Rate exceeded")));
        server.stubFor(get(urlPathEqualTo("/graphs")).withQueryParam("nextToken", absent())
                .inScenario("throttle").whenScenarioStateIs("ok").willReturn(json(200, "list-graphs-page-1.json")));

        assertThat(inventory.graphs()).hasSize(3);
        assertThat(inventory.usage().attempts()).isEqualTo(inventory.usage().calls() + 1);
    }

    @Test
    void graphs_serverErrorPersists_escapesAfterThreeAttempts() {
        server.stubFor(get(urlPathEqualTo("/graphs")).willReturn(error(500, "InternalServerException", "boom")));

        assertThatThrownBy(inventory::graphs).isInstanceOf(NeptuneGraphException.class);
        server.verify(3, getRequestedFor(urlPathEqualTo("/graphs")));
    }

    @Test
    void graphSnapshots_accessDenied_escapesWithoutRetry() {
        server.stubFor(get(urlPathEqualTo("/snapshots")).willReturn(error(403, "AccessDeniedException",
                "User is not authorized to perform: neptune-graph:ListGraphSnapshots")));

        assertThatThrownBy(inventory::graphSnapshots).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("neptune-graph:ListGraphSnapshots");
        server.verify(1, getRequestedFor(urlPathEqualTo("/snapshots")));
    }

    @Test
    void graphs_regionWithoutEndpoint_isEmptyAndSaysWhy() {
        NeptuneGraphClient nowhere = NeptuneGraphClient.builder().region(Region.of("xx-nowhere-1"))
                .endpointOverride(URI.create("http://neptune-graph.xx-nowhere-1.invalid"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .build();
        try (AwsGraphApi api = new AwsGraphApi(nowhere, "xx-nowhere-1", false)) {
            assertThat(api.graphs()).isEmpty();
            assertThat(api.graphSnapshots()).isEmpty();
            assertThat(api.unavailable()).hasValueSatisfying(why -> assertThat(why)
                    .contains("no endpoint in xx-nowhere-1"));
        }
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void graphs_endpointUrlThatDoesNotServeTheApi_isEmptyAndSaysWhy() {
        // What moto answers for Neptune Analytics paths: an HTML 500 with no error type.
        server.stubFor(get(urlPathEqualTo("/graphs")).atPriority(1).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "text/html").withBody("<title>500 Internal Server Error</title>")));

        assertThat(inventory.graphs()).isEmpty();
        assertThat(inventory.graphsUnread()).hasValueSatisfying(why -> assertThat(why)
                .contains("does not serve the Neptune Analytics API", "HTTP 500"));
    }

    @Test
    void graphs_sameAnswerFromAwsItself_escapes() {
        server.stubFor(get(urlPathEqualTo("/graphs")).atPriority(1).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/html").withBody("not found")));
        NeptuneGraphClient aws = NeptuneGraphClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create(server.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();
        try (AwsGraphApi api = new AwsGraphApi(aws, "us-east-1", false)) {
            assertThatThrownBy(api::graphs).isInstanceOf(NeptuneGraphException.class);
            assertThat(api.unavailable()).isEmpty();
        }
    }

    @Test
    void id_arnOrId_isCutToTheId() {
        assertThat(AwsGraphApi.id(FRAUD_ARN, "graph/")).isEqualTo("g-a1b2c3d4e5");
        assertThat(AwsGraphApi.id("g-a1b2c3d4e5", "graph/")).isEqualTo("g-a1b2c3d4e5");
        assertThat(AwsGraphApi.id("arn:aws:neptune-graph:us-east-1:1:graph-snapshot/gs-1", "graph-snapshot/"))
                .isEqualTo("gs-1");
    }

    private static ResponseDefinitionBuilder json(int status, String file) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(fixture("neptunegraph/" + file));
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", code).withBody("{\"message\": \"" + message + "\"}");
    }

    private static String fixture(String path) {
        try (InputStream in = GraphInventoryIT.class.getResourceAsStream("/wire/" + path)) {
            return new String(Objects.requireNonNull(in, path).readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
