package dev.neptuneguard.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.cli.live.AccountScan;
import dev.neptuneguard.cli.offline.AccountExport;
import dev.neptuneguard.cli.offline.AsOf;
import dev.neptuneguard.cli.offline.BundledResources;
import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.Severity;
import dev.neptuneguard.policy.EncryptionRules;
import dev.neptuneguard.sinks.AsffMapper;
import dev.neptuneguard.sinks.DeliveryContext;
import dev.neptuneguard.sinks.InMemoryFirstSightings;
import dev.neptuneguard.sinks.SecurityHubSink;
import dev.neptuneguard.sinks.SinkResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * {@code --format asff} against Security Hub's own wire format: the CLI's array is compared with what the real
 * {@link SecurityHubSink} sends in {@code BatchImportFindings} for the same findings (the SDK's marshaller), and
 * read back through the SDK's unmarshaller into {@link AwsSecurityFinding} model objects.
 */
class AsffOutputIT {

    private AwsStub stub;
    private SecurityHubClient securityHub;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        stub = new AwsStub();
        securityHub = SecurityHubClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(stub.url()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))).build();
    }

    @AfterEach
    void stop() {
        securityHub.close();
        stub.close();
    }

    private ArrayNode cliAsff(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NeptuneGuardCli.run(LiveScanIT.CLOCK, new PrintWriter(out), new PrintWriter(err), args);
        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        assertThat(doc.isArray()).isTrue();
        assertThat(out.toString().lines().count()).as("one finding per line between [ and ]").isEqualTo(doc.size() + 2);
        return (ArrayNode) doc;
    }

    private Path demoBundle() throws IOException {
        Path bundle = dir.resolve("demo.json");
        try (InputStream in = BundledResources.demoAccount()) {
            Files.write(bundle, in.readAllBytes());
        }
        return bundle;
    }

    /**
     * The demo account's findings (encryption rules and key risks), evaluated in-process as the scan does: as of the
     * time the bundle records.
     */
    private static List<Finding> demoFindings() throws IOException {
        List<Finding> findings = new ArrayList<>();
        try (InputStream in = BundledResources.demoAccount()) {
            AccountExport export = AccountExport.read(in, "demo");
            for (StaticInventory inventory : export.inventories()) {
                AsOf asOf = AsOf.of(export, inventory.account(), inventory.region(), LiveScanIT.CLOCK);
                assertThat(asOf.recorded()).isTrue();
                findings.addAll(AccountScan.run(inventory, new EncryptionRules(Policy.defaults()), asOf.clock())
                        .findings());
            }
        }
        return findings;
    }

    @Test
    void asff_offlineScan_isExactlyWhatTheSecurityHubSinkImports() throws IOException {
        ArrayNode cli = cliAsff("scan", "--format", "asff", "--offline", demoBundle().toString());
        stub.server.stubFor(post(urlEqualTo("/findings/import")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"FailedCount\":0,\"SuccessCount\":0,\"FailedFindings\":[]}")));
        SecurityHubSink sink = new SecurityHubSink(securityHub, new InMemoryFirstSightings(), Severity.INFORMATIONAL);
        List<Finding> findings = demoFindings();
        String runId = "neptune-guard-scan:" + LiveScanIT.CLOCK.instant();

        SinkResult result = sink.deliver(findings, new DeliveryContext(runId, "scan", LiveScanIT.CLOCK.instant()));

        assertThat(result.failures()).isEmpty();
        List<JsonNode> imported = new ArrayList<>();
        for (var request : stub.server.findAll(postRequestedFor(urlEqualTo("/findings/import")))) {
            Json.MAPPER.readTree(request.getBodyAsString()).get("Findings").forEach(imported::add);
        }
        assertThat(cli).hasSizeGreaterThan(20);
        List<JsonNode> printed = new ArrayList<>();
        cli.forEach(printed::add);
        assertThat(printed).containsExactlyInAnyOrderElementsOf(imported);
        assertThat(cli).anySatisfy(f -> {
            assertThat(f.get("GeneratorId").asText()).isEqualTo("NEPTUNE_CLUSTER_AWS_MANAGED_KEY");
            assertThat(f.get("RecordState").asText()).isEqualTo("ACTIVE");
            assertThat(f.get("Compliance").get("Status").asText()).isEqualTo("FAILED");
            assertThat(f.get("Resources").get(0).get("Details").get("AwsRdsDbCluster").get("DbClusterIdentifier")
                    .asText()).isEqualTo("graph-analytics");
        });
        assertThat(cli).anySatisfy(f -> {
            assertThat(f.get("GeneratorId").asText()).isEqualTo("KMS_KEY_DELETION_SCHEDULED_IN_USE");
            assertThat(f.get("Resources").get(0).get("Type").asText()).isEqualTo("AwsKmsKey");
        });
        assertThat(cli).anySatisfy(f -> {
            assertThat(f.get("Compliance").get("Status").asText()).isEqualTo("PASSED");
            assertThat(f.get("RecordState").asText()).isEqualTo("ARCHIVED");
        });
    }

    @Test
    void asff_readBackThroughTheSdkModel_keepsEveryMemberAndTheRequiredOnes() throws IOException {
        ArrayNode cli = cliAsff("scan", "--format", "asff", "--offline", demoBundle().toString());
        ObjectNode page = Json.MAPPER.createObjectNode();
        page.set("Findings", cli);
        stub.server.stubFor(post(urlEqualTo("/findings")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(page.toString())));

        List<AwsSecurityFinding> model = securityHub.getFindings(r -> r.maxResults(100)).findings();

        assertThat(model).hasSize(cli.size());
        for (int i = 0; i < model.size(); i++) {
            AwsSecurityFinding f = model.get(i);
            assertThat(AsffMapper.toJson(f)).isEqualTo(cli.get(i));
            assertThat(f.schemaVersion()).isEqualTo("2018-10-08");
            assertThat(List.of(f.id(), f.productArn(), f.generatorId(), f.awsAccountId(), f.createdAt(), f.updatedAt(),
                    f.title(), f.description())).doesNotContainNull();
            assertThat(f.createdAt()).isEqualTo("2026-11-23T12:00:00.000Z").isEqualTo(f.updatedAt());
            assertThat(f.resources()).hasSizeBetween(1, 32);
            assertThat(f.severity().label()).isNotNull();
            assertThat(f.types()).isNotEmpty();
            assertThat(f.description().length()).isLessThanOrEqualTo(1024);
            assertThat(f.productArn())
                    .isEqualTo("arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default");
            assertThat(f.productFields())
                    .containsEntry("neptune-guard/EventId", "neptune-guard-scan:2026-11-23T12:00:00Z");
        }
    }

    @Test
    void asff_liveScan_printsTheSameDocumentShape() throws IOException {
        stub.region("us-west-2", List.of(QueryXml.cluster("us-west-2", AwsStub.ACCOUNT, "graph-analytics",
                LiveScanIT.RDS_KEY, "available")), List.of());
        stub.key("us-west-2", LiveScanIT.RDS_KEY, true);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = NeptuneGuardCli.run(LiveScanIT.context(false), new PrintWriter(out), new PrintWriter(err), "scan",
                "--format", "asff", "--region", "us-west-2", "--endpoint-url", stub.url());

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        assertThat(doc).anySatisfy(f -> {
            assertThat(f.get("Id").asText()).isEqualTo("neptune-guard/NEPTUNE_CLUSTER_AWS_MANAGED_KEY/"
                    + "arn:aws:rds:us-west-2:644160558196:cluster:graph-analytics");
            assertThat(f.get("Region").asText()).isEqualTo("us-west-2");
            assertThat(f.get("Severity").get("Label").asText()).isEqualTo("MEDIUM");
        });
        assertThat(err.toString()).contains("Scanned 1 region");
    }
}
