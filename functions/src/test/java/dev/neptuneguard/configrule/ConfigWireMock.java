package dev.neptuneguard.configrule;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ClusterFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;

/**
 * AWS Config's wire protocol on a WireMock server: JSON 1.1, every operation a POST to {@code /} named by
 * {@code X-Amz-Target: StarlingDoveService.<Operation>}, errors as {@code {"__type": ..., "message": ...}}.
 */
public final class ConfigWireMock {

    public static final String JSON_11 = "application/x-amz-json-1.1";

    private ConfigWireMock() {
    }

    public static MappingBuilder operation(String name) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("StarlingDoveService." + name));
    }

    public static ResponseDefinitionBuilder ok(JsonNode body) {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON_11).withBody(body.toString());
    }

    public static ResponseDefinitionBuilder error(int status, String type, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("__type", type).put("message", message);
        return aResponse().withStatus(status).withHeader("Content-Type", JSON_11).withBody(body.toString());
    }

    /** {@code {"FailedEvaluations": []}}: every evaluation accepted. */
    public static JsonNode accepted() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putArray("FailedEvaluations");
        return body;
    }

    /**
     * A {@code GetResourceConfigHistory} answer holding one item for a cluster, as the API sends it:
     * timestamps in epoch seconds, {@code configuration} as a JSON string.
     */
    public static JsonNode historyOf(ClusterFacts cluster, Instant captureTime) {
        ObjectNode configuration = Json.MAPPER.createObjectNode()
                .put("dbclusterIdentifier", cluster.identifier())
                .put("dbClusterResourceId", cluster.resourceId())
                .put("dbclusterArn", cluster.arn())
                .put("engine", cluster.engine())
                .put("status", cluster.status())
                .put("storageEncrypted", cluster.encrypted())
                .put("kmsKeyId", cluster.kmsKeyId())
                .put("port", 8182);
        ObjectNode item = Json.MAPPER.createObjectNode()
                .put("version", "1.3")
                .put("accountId", cluster.account())
                .put("configurationItemCaptureTime", captureTime.toEpochMilli() / 1000.0)
                .put("configurationItemStatus", "OK")
                .put("configurationStateId", Long.toString(captureTime.toEpochMilli()))
                .put("arn", cluster.arn())
                .put("resourceType", "AWS::RDS::DBCluster")
                .put("resourceId", cluster.resourceId())
                .put("resourceName", cluster.identifier())
                .put("awsRegion", cluster.region())
                .put("configuration", configuration.toString());
        ObjectNode tags = item.putObject("tags");
        cluster.tags().forEach(tags::put);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putArray("configurationItems").add(item);
        return body;
    }

    /** The JSON bodies of the requests made to one operation, in the order they arrived. */
    public static List<JsonNode> requests(WireMockServer server, String operation) {
        List<LoggedRequest> logged = server.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService." + operation)));
        return logged.stream().map(r -> {
            try {
                return Json.MAPPER.readTree(r.getBodyAsString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    /** A client pointed at the stub, with static credentials: the only difference from production. */
    public static ConfigClient client(WireMockServer server) {
        return ConfigClient.builder()
                .endpointOverride(URI.create(server.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
