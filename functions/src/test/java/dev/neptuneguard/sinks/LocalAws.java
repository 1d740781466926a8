package dev.neptuneguard.sinks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.neptuneguard.json.Json;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients aimed at a local WireMock stub, with static credentials, as the production clients are built. */
public final class LocalAws {

    private LocalAws() {
    }

    public static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return server;
    }

    public static SnsClient sns(WireMockServer server) {
        return local(SnsClient.builder(), server).build();
    }

    public static SecurityHubClient securityHub(WireMockServer server) {
        return local(SecurityHubClient.builder(), server).build();
    }

    public static SqsClient sqs(WireMockServer server) {
        return local(SqsClient.builder(), server).build();
    }

    public static DynamoDbClient dynamoDb(WireMockServer server) {
        return local(DynamoDbClient.builder(), server).build();
    }

    public static SecretsManagerClient secretsManager(WireMockServer server) {
        return local(SecretsManagerClient.builder(), server).build();
    }

    /**
     * Answers {@code GetSecretValue} for {@code name} with {@code value} in Secrets Manager's JSON protocol, shaped as
     * the API reference's example (ARN, Name, VersionId, SecretString, VersionStages, CreatedDate).
     */
    public static void secretValue(WireMockServer server, String name, String value) {
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("ARN", "arn:aws:secretsmanager:us-east-1:111122223333:secret:" + name + "-AbCdEf")
                .put("Name", name).put("VersionId", "EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE")
                .put("SecretString", value).put("CreatedDate", 1.523477145713E9);
        body.putArray("VersionStages").add("AWSCURRENT");
        secretsManagerAnswer(server, WireMock.aResponse().withStatus(200).withBody(body.toString()));
    }

    /** Answers {@code GetSecretValue} with {@code response} (its JSON content type added). */
    public static void secretsManagerAnswer(WireMockServer server, ResponseDefinitionBuilder response) {
        server.stubFor(WireMock.post(WireMock.urlEqualTo("/"))
                .withHeader("X-Amz-Target", WireMock.equalTo("secretsmanager.GetSecretValue"))
                .willReturn(response.withHeader("Content-Type", "application/x-amz-json-1.1")));
    }

    /** Decodes an {@code application/x-www-form-urlencoded} body (the Query protocol) into a map. */
    public static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B local(B builder,
                                                                                           WireMockServer server) {
        builder.httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(server.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")));
        return builder;
    }
}
