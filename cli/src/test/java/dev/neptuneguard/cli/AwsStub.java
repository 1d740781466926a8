package dev.neptuneguard.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local WireMock server that answers the real SDK clients in the services' wire protocols: Neptune's Query
 * protocol (form-encoded POST, XML, {@code <ErrorResponse>}), KMS JSON 1.1 ({@code X-Amz-Target}) and the Account
 * API's REST-JSON. All services share one endpoint ({@code --endpoint-url}); a request's region is read from its
 * SigV4 credential scope ({@code Credential=AKID/date/<region>/<service>/aws4_request}), so one stub can play many
 * regions at once.
 */
final class AwsStub implements AutoCloseable {

    static final String ACCOUNT = "644160558196";
    static final int PAGE = 100;
    private static final Pattern SCOPE =
            Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z]+)");

    final WireMockServer server;

    AwsStub() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    String url() {
        return server.baseUrl();
    }

    @Override
    public void close() {
        server.stop();
    }

    static MappingBuilder neptune(String region, String action) {
        return post(urlEqualTo("/")).withHeader("Authorization", containing("/" + region + "/rds/aws4_request"))
                .withRequestBody(containing("Action=" + action + "&"));
    }

    static MappingBuilder kms(String region, String action) {
        return post(urlEqualTo("/")).withHeader("Authorization", containing("/" + region + "/kms/aws4_request"))
                .withHeader("X-Amz-Target", equalTo("TrentService." + action));
    }

    static ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body);
    }

    static ResponseDefinitionBuilder kmsJson(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    /** A region whose clusters and snapshots come in pages of 100, linked by {@code Marker}. */
    void region(String region, List<Map<String, String>> clusters, List<Map<String, String>> snapshots) {
        pages(region, "DescribeDBClusters", "c", clusters, QueryXml::clustersPage);
        pages(region, "DescribeDBClusterSnapshots", "s", snapshots, QueryXml::snapshotsPage);
        server.stubFor(neptune(region, "ListTagsForResource").willReturn(xml(200, QueryXml.tags(Map.of()))));
        // Neptune Analytics (REST-JSON): the region has no graphs and no graph snapshots.
        server.stubFor(get(urlPathEqualTo("/graphs")).withHeader("Authorization",
                        containing("/" + region + "/neptune-graph/aws4_request"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"graphs\": []}")));
        server.stubFor(get(urlPathEqualTo("/snapshots")).withHeader("Authorization",
                        containing("/" + region + "/neptune-graph/aws4_request"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"graphSnapshots\": []}")));
        server.stubFor(kms(region, "ListAliases").withRequestBody(notContaining("\"Marker\""))
                .willReturn(kmsJson(200, fixture("kms/list-aliases-page-1.json"))));
        server.stubFor(kms(region, "ListAliases").withRequestBody(matchingJsonPath("$.Marker", equalTo("aliases-2")))
                .willReturn(kmsJson(200, fixture("kms/list-aliases-page-2.json"))));
    }

    private interface PageWriter {
        String write(List<Map<String, String>> items, String marker);
    }

    private void pages(String region, String action, String kind, List<Map<String, String>> items, PageWriter writer) {
        int pages = Math.max(1, (items.size() + PAGE - 1) / PAGE);
        for (int p = 0; p < pages; p++) {
            List<Map<String, String>> page = items.subList(p * PAGE, Math.min(items.size(), (p + 1) * PAGE));
            String next = p + 1 < pages ? marker(region, kind, p + 1) : null;
            MappingBuilder request = neptune(region, action).withRequestBody(p == 0
                    ? notContaining("Marker=") : containing("Marker=" + marker(region, kind, p)));
            server.stubFor(request.willReturn(xml(200, writer.write(page, next))));
        }
    }

    private static String marker(String region, String kind, int page) {
        return region + "-" + kind + String.format("%04d", page);
    }

    /** A customer managed key scheduled for deletion at {@code deletionDate} (epoch seconds, as KMS sends it). */
    void keyPendingDeletion(String region, String keyArn, long deletionDate) {
        ObjectNode body = (ObjectNode) readJson(fixture("kms/describe-key-cmk.json"));
        ObjectNode m = (ObjectNode) body.get("KeyMetadata");
        m.put("Arn", keyArn);
        m.put("KeyId", keyArn.substring(keyArn.indexOf(":key/") + 5));
        m.put("Enabled", false);
        m.put("KeyState", "PendingDeletion");
        m.put("DeletionDate", (double) deletionDate);
        server.stubFor(kms(region, "DescribeKey").withRequestBody(matchingJsonPath("$.KeyId", equalTo(keyArn)))
                .willReturn(kmsJson(200, body.toString())));
    }

    /** DescribeKey answers for customer managed keys (and one AWS managed key when {@code awsManaged} is set). */
    void key(String region, String keyArn, boolean awsManaged) {
        ObjectNode body = (ObjectNode) readJson(fixture(awsManaged ? "kms/describe-key-aws-rds.json"
                : "kms/describe-key-cmk.json"));
        ObjectNode m = (ObjectNode) body.get("KeyMetadata");
        m.put("Arn", keyArn);
        m.put("KeyId", keyArn.substring(keyArn.indexOf(":key/") + 5));
        server.stubFor(kms(region, "DescribeKey").withRequestBody(matchingJsonPath("$.KeyId", equalTo(keyArn)))
                .willReturn(kmsJson(200, body.toString())));
    }

    /** DescribeKey of {@code keyArn} answers a KMS error ({@code __type} and message, HTTP 400 as KMS sends it). */
    void keyError(String region, String keyArn, String code, String message) {
        server.stubFor(kms(region, "DescribeKey").withRequestBody(matchingJsonPath("$.KeyId", equalTo(keyArn)))
                .willReturn(kmsJson(400, Json.MAPPER.createObjectNode().put("__type", code).put("message", message)
                        .toString())));
    }

    /** Tags of one resource (the region's other resources have none). */
    void tags(String region, String arn, Map<String, String> tags) {
        server.stubFor(neptune(region, "ListTagsForResource").atPriority(2)
                .withRequestBody(containing("ResourceName=" + java.net.URLEncoder.encode(arn, UTF_8)))
                .willReturn(xml(200, QueryXml.tags(tags))));
    }

    /** Every Neptune call of the region is refused with the given code (HTTP status as the service sends it). */
    void refuse(String region, int status, String code, String message) {
        server.stubFor(post(urlEqualTo("/")).withHeader("Authorization", containing("/" + region + "/rds/aws4_request"))
                .atPriority(1).willReturn(xml(status, QueryXml.error("Sender", code, message))));
    }

    /** How many calls (HTTP attempts) of {@code operation} the region received. */
    long attempts(String region, String operation) {
        return requests().stream().filter(r -> region.equals(region(r)) && operation.equals(operation(r))).count();
    }

    /** Attempts per "region operation", e.g. {@code us-east-1 DescribeDBClusters}. */
    Map<String, Long> attemptsByRegionAndOperation() {
        Map<String, Long> out = new TreeMap<>();
        requests().forEach(r -> out.merge(region(r) + " " + operation(r), 1L, Long::sum));
        return out;
    }

    List<LoggedRequest> requests() {
        return server.getAllServeEvents().stream().map(ServeEvent::getRequest).toList();
    }

    /** Requests no stub matched (WireMock answered 404): a scan must not depend on anything unstubbed. */
    long unmatched() {
        return server.getAllServeEvents().stream().filter(e -> !e.getWasMatched()).count();
    }

    static String region(LoggedRequest r) {
        Matcher m = SCOPE.matcher(Objects.toString(r.getHeader("Authorization"), ""));
        return m.find() ? m.group(1) : "?";
    }

    /** The API operation: the Query {@code Action}, the JSON {@code X-Amz-Target}'s operation, or the REST path. */
    static String operation(LoggedRequest r) {
        String target = r.getHeader("X-Amz-Target");
        if (target != null && !target.isEmpty()) {
            return target.substring(target.indexOf('.') + 1);
        }
        Matcher m = ACTION.matcher(r.getBodyAsString());
        if (m.find()) {
            return m.group(1);
        }
        // Neptune Analytics is REST-JSON: the operation is the method and path
        String path = r.getUrl().replaceFirst("\\?.*", "");
        if ("GET".equals(r.getMethod().value()) && path.startsWith("/graphs")) {
            return path.equals("/graphs") ? "ListGraphs" : "GetGraph";
        }
        if ("GET".equals(r.getMethod().value()) && path.startsWith("/snapshots")) {
            return path.equals("/snapshots") ? "ListGraphSnapshots" : "GetGraphSnapshot";
        }
        return r.getUrl();
    }

    static String fixture(String path) {
        try (InputStream in = AwsStub.class.getResourceAsStream("/wire/" + path)) {
            return new String(Objects.requireNonNull(in, "missing fixture " + path).readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
