package dev.neptuneguard.revocation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.json.Json;
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
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;

/**
 * {@link KmsKeyActions} (the only KMS writer) against a local stub speaking KMS JSON 1.1
 * ({@code X-Amz-Target: TrentService.*}, {@code __type} errors), through the shared {@link AwsClients} KMS client.
 */
class KmsKeyActionsIT {

    private static final Instant NOW = Instant.parse("2026-11-23T17:10:30Z");
    private static WireMockServer server;
    private AwsClients clients;
    private KmsKeyActions actions;

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
        actions = new KmsKeyActions(clients.kms());
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    void tags_twoPages_followsMarker() {
        server.stubFor(kms("ListResourceTags").withRequestBody(notContaining("\"Marker\""))
                .willReturn(json(200, "list-resource-tags-page-1.json")));
        server.stubFor(kms("ListResourceTags").withRequestBody(matchingJsonPath("$.Marker", equalTo("tags-2")))
                .willReturn(json(200, "list-resource-tags-page-2.json")));

        Map<String, String> tags = actions.tags(Demo.LEGACY);

        assertThat(tags).containsExactly(Map.entry("owner", "graph-team"),
                Map.entry("neptune-guard:allow-revocation", "true"));
        server.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo("TrentService.ListResourceTags")).withRequestBody(matchingJsonPath("$.KeyId",
                equalTo(Demo.LEGACY))));
    }

    @Test
    void writes_cancelEnableTag_sendTheKeyAndTags() throws IOException {
        server.stubFor(kms("CancelKeyDeletion").willReturn(json(200, "cancel-key-deletion.json")));
        server.stubFor(kms("EnableKey").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{}")));
        server.stubFor(kms("TagResource").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{}")));

        actions.cancelDeletion(Demo.LEGACY);
        actions.enable(Demo.LEGACY);
        actions.tag(Demo.LEGACY, Map.of(Protection.PROTECTED_AT_TAG, NOW.toString()));

        for (String op : List.of("CancelKeyDeletion", "EnableKey", "TagResource")) {
            server.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService." + op))
                    .withHeader("Content-Type", containing("application/x-amz-json-1.1"))
                    .withRequestBody(matchingJsonPath("$.KeyId", equalTo(Demo.LEGACY))));
        }
        LoggedRequest tag = server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo("TrentService.TagResource"))).get(0);
        JsonNode body = Json.MAPPER.readTree(tag.getBodyAsString());
        assertThat(body.at("/Tags/0/TagKey").asText()).isEqualTo("neptune-guard:protected-at");
        assertThat(body.at("/Tags/0/TagValue").asText()).isEqualTo("2026-11-23T17:10:30Z");
    }

    @Test
    void tag_keyStillPendingDeletion_kmsInvalidStateEscapes() {
        server.stubFor(kms("TagResource").willReturn(json(400, "error-kms-invalid-state.json")));

        assertThatThrownBy(() -> actions.tag(Demo.LEGACY, Map.of("a", "b")))
                .isInstanceOf(KmsInvalidStateException.class).hasMessageContaining("is pending deletion");
    }

    @Test
    void enable_throttledOnce_retriedBySdk() {
        server.stubFor(kms("EnableKey").inScenario("t").whenScenarioStateIs(STARTED)
                .willReturn(json(400, "error-throttling.json")).willSetStateTo("ok"));
        server.stubFor(kms("EnableKey").inScenario("t").whenScenarioStateIs("ok").willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{}")));

        actions.enable(Demo.LEGACY);

        server.verify(2, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("TrentService.EnableKey")));
        assertThat(clients.counter().tally().calls("EnableKey")).isEqualTo(1);
        assertThat(clients.counter().tally().attempts()).isEqualTo(2);
    }

    @Test
    void protectionOn_scheduledDeletionOverTheWire_cancelEnableTagInOrder() {
        server.stubFor(kms("ListResourceTags").willReturn(json(200, "list-resource-tags-empty.json")));
        server.stubFor(kms("CancelKeyDeletion").willReturn(json(200, "cancel-key-deletion.json")));
        for (String op : List.of("EnableKey", "TagResource")) {
            server.stubFor(kms(op).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{}")));
        }
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        KeyRevocationGuard guard = new KeyRevocationGuard(Demo.account().legacy("PendingDeletion").build(),
                new RevocationRules(), Reminders.NONE, List.of(), new Protection(new ProtectionSettings(
                ProtectionMode.ON, List.of()), actions, clock), clock);

        RevocationResult r = guard.handle((KeyTrigger) EventParser.parse(
                Demo.event("kms/schedule-key-deletion-legacy.json")));

        assertThat(r.protection().status()).isEqualTo(ProtectionOutcome.Status.PROTECTED);
        // WireMock lists the requests it served newest first.
        assertThat(server.getAllServeEvents()).extracting(e -> e.getRequest().getHeader("X-Amz-Target"))
                .containsExactly("TrentService.TagResource", "TrentService.EnableKey",
                        "TrentService.CancelKeyDeletion", "TrentService.ListResourceTags");
    }

    private static MappingBuilder kms(String action) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService." + action));
    }

    private static ResponseDefinitionBuilder json(int status, String file) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(fixture(file));
    }

    private static String fixture(String file) {
        try (InputStream in = KmsKeyActionsIT.class.getResourceAsStream("/wire/kms/" + file)) {
            return new String(Objects.requireNonNull(in, file).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
