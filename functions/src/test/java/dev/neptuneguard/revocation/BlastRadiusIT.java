package dev.neptuneguard.revocation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.inventory.AwsInventory;
import dev.neptuneguard.inventory.WireXml;
import dev.neptuneguard.inventory.CallCounter;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.RuleId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The blast radius of a DisableKey event through the real {@link AwsInventory} against a local stub speaking
 * Neptune Query XML and KMS JSON 1.1, for accounts of 1, 150 and 10,000 clusters. Every cluster uses the legacy key
 * and has an automated snapshot on it plus a manual one on the CMK (its recovery path). The AWS calls must grow with
 * pages of 100, not with resources: ceil(n/100) DescribeDBClusters, ceil(2n/100) DescribeDBClusterSnapshots, one
 * DescribeKey per distinct key (2) and one ListAliases. Pages are cloned from one-resource wire templates.
 */
class BlastRadiusIT {

    private static final Instant NOW = Instant.parse("2026-11-21T14:03:00Z");
    private static WireMockServer server;
    private AwsClients clients;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void setUp() {
        server.resetAll();
        clients = AwsClients.builder().region(Region.US_EAST_1).endpointOverride(URI.create(server.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .retryBackoff(Duration.ofMillis(5)).build();
        server.stubFor(kms("DescribeKey").withRequestBody(matchingJsonPath("$.KeyId", equalTo(Demo.LEGACY)))
                .willReturn(json("kms/describe-key-legacy-disabled.json")));
        server.stubFor(kms("DescribeKey").withRequestBody(matchingJsonPath("$.KeyId", equalTo(Demo.CMK)))
                .willReturn(json("kms/describe-key-neptune-prod.json")));
        server.stubFor(kms("ListAliases").willReturn(json("kms/list-aliases-demo.json")));
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 150, 10_000})
    void disableKey_accountOfNClusters_callsGrowWithPagesNotResources(int n) {
        int clusterPages = stubPages("DescribeDBClusters", "neptune/describe-db-clusters-legacy-template.xml",
                "DBClusters", "DBCluster", n, (cluster, i) -> {
                    String id = "graph-" + i;
                    WireXml.set(cluster, "DBClusterIdentifier", id);
                    WireXml.set(cluster, "DBClusterArn", Demo.clusterArn(id));
                    WireXml.set(cluster, "Endpoint", id + ".cluster-c7x2kq9m4tnb.us-east-1.neptune.amazonaws.com");
                });
        int snapshotPages = stubPages("DescribeDBClusterSnapshots",
                "neptune/describe-db-cluster-snapshots-legacy-template.xml", "DBClusterSnapshots", "DBClusterSnapshot",
                2 * n, (snapshot, i) -> {
                    String cluster = "graph-" + i / 2;
                    boolean manual = i % 2 == 1;
                    String id = manual ? cluster + "-pre-migration" : "rds:" + cluster + "-2026-11-23-03-10";
                    WireXml.set(snapshot, "DBClusterSnapshotIdentifier", id);
                    WireXml.set(snapshot, "DBClusterIdentifier", cluster);
                    WireXml.set(snapshot, "DBClusterSnapshotArn", Demo.snapshotArn(id));
                    if (manual) {
                        WireXml.set(snapshot, "SnapshotType", "manual");
                        WireXml.set(snapshot, "KmsKeyId", Demo.CMK);
                        WireXml.set(snapshot, "SnapshotCreateTime", "2026-11-01T08:00:00.000Z");
                    }
                });
        int graphPages = stubGraphPages(n / 10);
        server.stubFor(get(urlPathEqualTo("/snapshots")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"graphSnapshots\": []}")));
        AwsInventory inventory = new AwsInventory(clients, Demo.ACCOUNT, false);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        KeyRevocationGuard guard = new KeyRevocationGuard(inventory, new RevocationRules(), Reminders.NONE,
                List.of(), new Protection(ProtectionSettings.off(), new RecordingKeyActions(), clock), clock);

        long started = System.nanoTime();
        RevocationResult r = guard.handle((KeyTrigger) EventParser.parse(Demo.event("kms/disable-key-legacy.json")));
        long millis = (System.nanoTime() - started) / 1_000_000;

        CallCounter.Tally usage = inventory.usage();
        assertThat(usage.calls("DescribeDBClusters")).isEqualTo(clusterPages).isEqualTo((n + 99) / 100);
        assertThat(usage.calls("DescribeDBClusterSnapshots")).isEqualTo(snapshotPages).isEqualTo((2 * n + 99) / 100);
        assertThat(usage.calls("DescribeKey")).isEqualTo(2);
        assertThat(usage.calls("ListAliases")).isEqualTo(1);
        assertThat(usage.calls("ListGraphs")).isEqualTo(graphPages).isEqualTo(Math.max(1, (n / 10 + 99) / 100));
        assertThat(usage.calls("ListGraphSnapshots")).isEqualTo(1);
        assertThat(usage.calls()).isEqualTo(clusterPages + snapshotPages + graphPages + 1 + 3);
        assertThat(usage.attempts()).isEqualTo(usage.calls());
        Finding f = r.findings().get(0);
        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_DISABLED_IN_USE);
        assertThat(f.resourceName()).isEqualTo("alias/neptune-legacy");
        assertThat(f.affectedResources()).hasSize(2 * n + n / 10);
        assertThat(f.detail()).contains("graph-0 (available, deletion protection off): recovery path: snapshot "
                + "graph-0-pre-migration on key alias/neptune-prod");
        System.out.printf("blast radius over %d clusters / %d snapshots: %d AWS calls (%s) in %d ms%n", n, 2 * n,
                usage.calls(), usage.callsByOperation(), millis);
    }

    @Test
    void cmkDeletion_describeKeyNotFound_postMortemFromTheEventArn() {
        server.stubFor(kms("DescribeKey").withRequestBody(matchingJsonPath("$.KeyId", equalTo(Demo.LEGACY)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(text("kms/error-key-not-found.json"))));
        stubPages("DescribeDBClusters", "neptune/describe-db-clusters-legacy-template.xml", "DBClusters", "DBCluster",
                1, (cluster, i) -> { });
        stubPages("DescribeDBClusterSnapshots", "neptune/describe-db-cluster-snapshots-legacy-template.xml",
                "DBClusterSnapshots", "DBClusterSnapshot", 1, (snapshot, i) -> { });
        AwsInventory inventory = new AwsInventory(clients, Demo.ACCOUNT, false);
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T17:10:30Z"), ZoneOffset.UTC);
        KeyRevocationGuard guard = new KeyRevocationGuard(inventory, new RevocationRules(), Reminders.NONE,
                List.of(), Protection.off(), clock);

        RevocationResult r = guard.handle((KeyTrigger) EventParser.parse(
                Demo.event("kms/kms-native-cmk-deletion.json")));

        Finding f = r.findings().get(0);
        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_DELETED_IN_USE);
        assertThat(f.keyArn()).isEqualTo(Demo.LEGACY);
        assertThat(f.affectedResources()).containsExactly(Demo.clusterArn("graph-legacy"),
                Demo.snapshotArn("rds:graph-legacy-2026-11-23-03-10"));
        assertThat(f.detail()).contains("Clusters with a recovery path: 0 of 1.");
        assertThat(inventory.usage().calls("DescribeKey")).isEqualTo(1);
    }

    /**
     * Stubs {@code total} resources as pages of 100 cloned from a one-resource template; returns the page count.
     * Page k (k > 1) answers the request whose Marker is {@code p00k}.
     */
    /** {@code total} graphs on the legacy key, 100 a page, as ListGraphs answers (REST-JSON); returns the pages. */
    private static int stubGraphPages(int total) {
        int pages = Math.max(1, (total + 99) / 100);
        for (int p = 0; p < pages; p++) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            ArrayNode graphs = body.putArray("graphs");
            for (int i = p * 100; i < Math.min(total, (p + 1) * 100); i++) {
                String id = String.format("g-%010d", i);
                graphs.addObject().put("id", id).put("name", "analytics-" + i)
                        .put("arn", "arn:aws:neptune-graph:us-east-1:" + Demo.ACCOUNT + ":graph/" + id)
                        .put("status", "AVAILABLE").put("kmsKeyIdentifier", Demo.LEGACY);
            }
            if (p + 1 < pages) {
                body.put("nextToken", "graphs-" + (p + 1));
            }
            MappingBuilder page = get(urlPathEqualTo("/graphs"));
            page = p == 0 ? page.withQueryParam("nextToken", absent())
                    : page.withQueryParam("nextToken", equalTo("graphs-" + p));
            server.stubFor(page.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(body.toString())));
        }
        return pages;
    }

    private static int stubPages(String action, String template, String listName, String memberName, int total,
                                 BiConsumer<Element, Integer> fill) {
        int pages = (total + 99) / 100;
        for (int page = 1; page <= pages; page++) {
            Document doc = parse(template);
            Element list = (Element) doc.getElementsByTagName(listName).item(0);
            Element prototype = (Element) doc.getElementsByTagName(memberName).item(0);
            list.removeChild(prototype);
            for (int i = (page - 1) * 100; i < Math.min(total, page * 100); i++) {
                Element member = (Element) prototype.cloneNode(true);
                fill.accept(member, i);
                list.appendChild(member);
            }
            if (page < pages) {
                Element marker = doc.createElementNS(list.getNamespaceURI(), "Marker");
                marker.setTextContent(marker(page + 1));
                list.getParentNode().insertBefore(marker, list);
            }
            MappingBuilder request = post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
            request = page == 1 ? request.withRequestBody(notContaining("Marker="))
                    : request.withRequestBody(containing("Marker=" + marker(page)));
            server.stubFor(request.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                    .withBody(WireXml.write(doc))));
        }
        return pages;
    }

    private static String marker(int page) {
        return String.format("p%05d", page);
    }

    private static Document parse(String path) {
        return WireXml.parse(text(path));
    }

    private static MappingBuilder kms(String action) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService." + action));
    }

    private static ResponseDefinitionBuilder json(String path) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(text(path));
    }

    private static String text(String path) {
        try (InputStream in = BlastRadiusIT.class.getResourceAsStream("/wire/" + path)) {
            return new String(Objects.requireNonNull(in, path).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
