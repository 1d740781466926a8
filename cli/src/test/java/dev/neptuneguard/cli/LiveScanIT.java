package dev.neptuneguard.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.cli.live.RegionPlan;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The live {@code scan} end to end: the real CLI, the real SDK clients and {@code AwsInventory}, against a local
 * stub that plays several regions of one account ({@link AwsStub}). Covers partial failure, region discovery,
 * throttling beyond retries, read-only calls, output to a file and the progress line.
 */
class LiveScanIT {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    static final String CMK = "arn:aws:kms:us-east-1:644160558196:key/b10f842a-feb7-4318-92d5-0640a75b7688";
    static final String RDS_KEY = "arn:aws:kms:us-west-2:644160558196:key/72c87446-729b-4624-9faa-137b26402e0f";
    static final Set<String> READ_ONLY = Set.of("DescribeDBClusters", "DescribeDBClusterSnapshots",
            "ListTagsForResource", "DescribeKey", "GetKeyRotationStatus", "ListAliases", "/listRegions",
            "ListGraphs", "ListGraphSnapshots", "GetGraph", "GetGraphSnapshot");
    private static final String ACCOUNT = AwsStub.ACCOUNT;

    @TempDir
    Path dir;

    private AwsStub stub;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        stub = new AwsStub();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    static CliContext context(boolean terminal) {
        return new CliContext(CLOCK, terminal, Map.of(), profile -> StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
                Duration.ofMillis(5));
    }

    private int run(boolean terminal, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--endpoint-url");
        all.add(stub.url());
        return NeptuneGuardCli.run(context(terminal), new PrintWriter(out), new PrintWriter(err),
                all.toArray(String[]::new));
    }

    private int run(String... args) {
        return run(false, args);
    }

    private List<JsonNode> jsonLines(String text) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(Json.MAPPER.readTree(line));
            }
        }
        return lines;
    }

    /** us-east-1: a CMK cluster with a snapshot and an unencrypted cluster; us-west-2: a cluster on aws/rds. */
    private void twoHealthyRegions() {
        stub.region("us-east-1",
                List.of(QueryXml.cluster("us-east-1", ACCOUNT, "graph-prod", CMK, "available"),
                        QueryXml.cluster("us-east-1", ACCOUNT, "graph-scratch", null, "available")),
                List.of(QueryXml.snapshot("us-east-1", ACCOUNT, "graph-prod-2026-11-01", "graph-prod", CMK)));
        stub.key("us-east-1", CMK, false);
        stub.region("us-west-2",
                List.of(QueryXml.cluster("us-west-2", ACCOUNT, "graph-analytics", RDS_KEY, "available")),
                List.of());
        stub.key("us-west-2", RDS_KEY, true);
    }

    @Test
    void scan_keysNotFoundDeniedAndThrottled_onlyNotFoundIsDeletedAndTheRegionCompletes() throws IOException {
        String gone = "arn:aws:kms:us-east-1:644160558196:key/5555eeee-55ee-55ee-55ee-555555555555";
        String denied = "arn:aws:kms:us-east-1:999988887777:key/4444dddd-44dd-44dd-44dd-444444444444";
        String throttled = "arn:aws:kms:us-east-1:644160558196:key/6666cccc-66cc-66cc-66cc-666666666666";
        stub.region("us-east-1",
                List.of(QueryXml.cluster("us-east-1", ACCOUNT, "graph-gone", gone, "available"),
                        QueryXml.cluster("us-east-1", ACCOUNT, "graph-partner", denied, "available"),
                        QueryXml.cluster("us-east-1", ACCOUNT, "graph-busy", throttled, "available")),
                List.of());
        stub.keyError("us-east-1", gone, "NotFoundException", "Key '" + gone + "' does not exist");
        stub.keyError("us-east-1", denied, "AccessDeniedException", "User: arn:aws:iam::644160558196:user/auditor "
                + "is not authorized to perform: kms:DescribeKey on resource: " + denied);
        stub.keyError("us-east-1", throttled, "ThrottlingException", "Rate exceeded");

        int code = run("scan", "--format", "json", "--region", "us-east-1");

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        List<JsonNode> findings = jsonLines(out.toString());
        assertThat(findings).extracting(f -> f.get("ruleId").asText() + " " + f.get("severity").asText() + " "
                + f.get("resourceName").asText())
                .containsExactlyInAnyOrder("NEPTUNE_CLUSTER_KEY_UNUSABLE CRITICAL graph-gone",
                        "KMS_KEY_DELETED_IN_USE CRITICAL 5555eeee-55ee-55ee-55ee-555555555555",
                        "NEPTUNE_CLUSTER_KEY_UNVERIFIABLE LOW graph-partner",
                        "NEPTUNE_CLUSTER_KEY_UNVERIFIABLE LOW graph-busy");
        assertThat(findings).filteredOn(f -> f.get("resourceName").asText().equals("graph-busy")).singleElement()
                .satisfies(f -> assertThat(f.get("detail").asText()).contains("ThrottlingException: Rate exceeded"));
        assertThat(findings).filteredOn(f -> f.get("resourceName").asText().equals("graph-partner")).singleElement()
                .satisfies(f -> assertThat(f.get("remediation").asText())
                        .contains("The key belongs to account 999988887777"));
        assertThat(stub.attempts("us-east-1", "DescribeKey")).as("NotFound 1, AccessDenied 1, throttled 3 attempts")
                .isEqualTo(5);
    }

    @Test
    void scan_oneRegionAccessDenied_reportsItAndCompletesTheOthers() throws IOException {
        twoHealthyRegions();
        stub.refuse("eu-west-1", 403, "AccessDenied", "User: arn:aws:iam::644160558196:user/auditor is not "
                + "authorized to perform: rds:DescribeDBClusters because no identity-based policy allows it");

        int code = run("scan", "--format", "json", "--region", "us-east-1", "--region", "eu-west-1",
                "--region", "us-west-2");

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_INCOMPLETE);
        List<JsonNode> findings = jsonLines(out.toString());
        assertThat(findings).extracting(f -> f.get("ruleId").asText() + " " + f.get("resourceName").asText())
                .containsExactlyInAnyOrder("NEPTUNE_CLUSTER_UNENCRYPTED graph-scratch",
                        "NEPTUNE_CLUSTER_AWS_MANAGED_KEY graph-analytics");
        assertThat(findings).allSatisfy(f -> assertThat(f.get("account").asText()).isEqualTo(ACCOUNT));
        assertThat(err.toString())
                .contains("eu-west-1: FAILED, AccessDenied: User: arn:aws:iam::644160558196:user/auditor is not "
                        + "authorized to perform: rds:DescribeDBClusters")
                .contains("(grant the read-only actions listed in the scan IAM policy)")
                .contains("644160558196/us-east-1: 2 Neptune clusters, 1 snapshot, 1 key; 1 HIGH failed")
                .contains("644160558196/us-west-2: 1 Neptune cluster, 0 snapshots, 1 key; 1 MEDIUM failed")
                .containsPattern("Scanned 3 regions in \\d+\\.\\d s \\(2 complete, 1 failed\\): 3 clusters, "
                        + "1 snapshot, 2 keys; 1 HIGH, 1 MEDIUM failed");
        // Access denied is not retried, and nothing else is asked of a region whose listing failed.
        assertThat(stub.attempts("eu-west-1", "DescribeDBClusters")).isEqualTo(1);
        assertThat(stub.attempts("eu-west-1", "DescribeDBClusterSnapshots")).isZero();
        assertThat(stub.requests()).allSatisfy(r -> assertThat(AwsStub.operation(r)).isIn(READ_ONLY));
        assertThat(stub.unmatched()).isZero();
    }

    @Test
    void scan_keyPendingDeletion_reportsTheKeyRiskWithItsBlastRadius() throws IOException {
        stub.region("us-east-1",
                List.of(QueryXml.cluster("us-east-1", ACCOUNT, "graph-prod", CMK, "available")),
                List.of(QueryXml.snapshot("us-east-1", ACCOUNT, "graph-prod-2026-11-01", "graph-prod", CMK)));
        stub.keyPendingDeletion("us-east-1", CMK, Instant.parse("2026-11-30T17:10:02Z").getEpochSecond());

        int code = run("scan", "--format", "json", "--region", "us-east-1");

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        List<JsonNode> findings = jsonLines(out.toString());
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.get("ruleId").asText()).isEqualTo("KMS_KEY_DELETION_SCHEDULED_IN_USE");
            assertThat(f.get("severity").asText()).isEqualTo("CRITICAL");
            assertThat(f.get("keyArn").asText()).isEqualTo(CMK);
            assertThat(f.get("deletionDate").asText()).isEqualTo("2026-11-30T17:10:02Z");
            assertThat(f.get("affectedResources")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                    "arn:aws:rds:us-east-1:644160558196:cluster:graph-prod",
                    "arn:aws:rds:us-east-1:644160558196:cluster-snapshot:graph-prod-2026-11-01");
        });
        assertThat(findings).extracting(f -> f.get("ruleId").asText())
                .contains("NEPTUNE_CLUSTER_KEY_UNUSABLE", "NEPTUNE_SNAPSHOT_KEY_UNUSABLE");
        // The key sweep walks the same listing and the same described key: no call is repeated.
        assertThat(stub.attempts("us-east-1", "DescribeDBClusters")).isEqualTo(1);
        assertThat(stub.attempts("us-east-1", "DescribeDBClusterSnapshots")).isEqualTo(1);
        assertThat(stub.attempts("us-east-1", "DescribeKey")).isEqualTo(1);
    }

    @Test
    void scan_table_printsEachRegionThenTheSummaryOnStdout() {
        twoHealthyRegions();

        int code = run("scan", "--region", "us-east-1", "--region", "us-west-2");

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        String report = out.toString();
        assertThat(report)
                .contains("Account 644160558196, region us-east-1 (live)")
                .contains("HIGH          NEPTUNE_CLUSTER_UNENCRYPTED              graph-scratch")
                .contains("Account 644160558196, region us-west-2 (live)")
                .contains("MEDIUM        NEPTUNE_CLUSTER_AWS_MANAGED_KEY          graph-analytics");
        assertThat(report.indexOf("region us-east-1")).isLessThan(report.indexOf("region us-west-2"));
        assertThat(report.strip()).containsPattern("Scanned 2 regions in \\d+\\.\\d s \\(2 complete\\): 3 clusters, "
                + "1 snapshot, 2 keys; 1 HIGH, 1 MEDIUM failed; 0 suppressed; \\d+ passed; \\d+ AWS calls "
                + "\\(\\d+ attempts\\)\\.$");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void scan_optInRegionNotEnabled_failsThatRegionWithAHint() {
        twoHealthyRegions();
        stub.refuse("ap-east-1", 403, "InvalidClientTokenId", "The security token included in the request is invalid.");

        int code = run("scan", "--format", "json", "--region", "us-east-1", "--region", "ap-east-1");

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INCOMPLETE);
        assertThat(err.toString()).contains("ap-east-1: FAILED, InvalidClientTokenId: The security token included in "
                + "the request is invalid. (is the region enabled for the account? Opt-in regions must be enabled "
                + "first)");
    }

    @Test
    void scan_throttledBeyondRetries_failsThatRegionAfterThreeAttempts() {
        twoHealthyRegions();
        stub.server.stubFor(AwsStub.neptune("us-east-2", "DescribeDBClusters")
                .willReturn(AwsStub.xml(400, AwsStub.fixture("neptune/error-throttling.xml"))));

        int code = run("scan", "--format", "json", "--region", "us-east-2", "--region", "us-west-2");

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INCOMPLETE);
        assertThat(stub.attempts("us-east-2", "DescribeDBClusters")).isEqualTo(3);
        assertThat(err.toString()).contains("us-east-2: FAILED, Throttling: Rate exceeded (throttled beyond the SDK's "
                + "retries: run again, or lower --parallelism)").contains("(1 complete, 1 failed)");
    }

    @Test
    void scan_allRegions_scansTheRegionsListRegionsSaysAreEnabled() {
        twoHealthyRegions();
        stub.region("eu-central-2", List.of(), List.of());
        stub.server.stubFor(post(urlEqualTo("/listRegions")).withRequestBody(matchingJsonPath("$.NextToken"))
                .willReturn(listRegions(null, "us-west-2", "ENABLED_BY_DEFAULT")));
        stub.server.stubFor(post(urlEqualTo("/listRegions")).atPriority(10)
                .willReturn(listRegions("page-2", "us-east-1", "ENABLED_BY_DEFAULT", "eu-central-2", "ENABLED")));

        int code = run("scan", "--format", "json", "--all-regions");

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        Set<String> scanned = stub.requests().stream().map(AwsStub::region)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(scanned).contains("eu-central-2", "us-east-1", "us-west-2")
                .allSatisfy(r -> assertThat(r).isIn("eu-central-2", "us-east-1", "us-west-2"));
        stub.server.verify(2, postRequestedFor(urlEqualTo("/listRegions"))
                .withRequestBody(matchingJsonPath("$.RegionOptStatusContains[0]", equalTo("ENABLED")))
                .withRequestBody(matchingJsonPath("$.RegionOptStatusContains[1]", equalTo("ENABLED_BY_DEFAULT"))));
        assertThat(err.toString()).contains("Scanned 3 regions").contains("(3 complete)")
                .startsWith("eu-central-2: 0 Neptune clusters, 0 snapshots, 0 keys; 0 failed; 0 suppressed; 0 passed; "
                        + "4 AWS calls in ");
    }

    @Test
    void scan_allRegionsWithoutListRegions_probesThePartitionAndSkipsRegionsNotEnabled() {
        twoHealthyRegions();
        stub.server.stubFor(post(urlEqualTo("/listRegions")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", "AccessDeniedException")
                .withBody("{\"message\":\"User is not authorized to perform: account:ListRegions\"}")));
        // Every other region of the partition answers with empty pages; af-south-1 is not enabled.
        for (Region r : RegionPlan.partitionRegions(Region.US_EAST_1)) {
            if (!r.id().equals("us-east-1") && !r.id().equals("us-west-2")) {
                stub.region(r.id(), List.of(), List.of());
            }
        }
        stub.refuse("af-south-1", 403, "InvalidClientTokenId",
                "The security token included in the request is invalid.");

        int code = run("scan", "--format", "json", "--all-regions", "--parallelism", "8");

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        int partition = RegionPlan.partitionRegions(Region.US_EAST_1).size();
        assertThat(err.toString())
                .contains("account:ListRegions failed (AccessDeniedException: User is not authorized to perform: "
                        + "account:ListRegions): trying all " + partition + " regions of partition aws")
                .contains("af-south-1: skipped, not enabled for this account (InvalidClientTokenId)")
                .contains("Scanned " + partition + " regions")
                .contains("(" + (partition - 1) + " complete, 1 not enabled)");
        Set<String> scanned = stub.requests().stream().map(AwsStub::region).collect(Collectors.toSet());
        assertThat(scanned).contains("af-south-1", "eu-west-1", "ap-southeast-2", "ca-central-1")
                .doesNotContain("cn-north-1", "us-gov-west-1", "us-east-1-fips");
    }

    @Test
    void scan_output_writesFindingsToTheFileAndTheSummaryToStderr() throws IOException {
        twoHealthyRegions();
        Path file = dir.resolve("findings.jsonl");

        int code = run("scan", "--format", "json", "--region", "us-east-1", "--output", file.toString());

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(out.toString()).isEmpty();
        assertThat(jsonLines(Files.readString(file, StandardCharsets.UTF_8))).singleElement()
                .satisfies(f -> assertThat(f.get("resourceName").asText()).isEqualTo("graph-scratch"));
        assertThat(err.toString()).contains("Scanned 1 region in");
    }

    @Test
    void scan_terminal_drawsTheProgressLineOnStderrAndErasesIt() {
        twoHealthyRegions();

        run(true, "scan", "--format", "json", "--region", "us-east-1", "--region", "us-west-2");

        String e = err.toString();
        assertThat(e).contains("\rscanning: regions 0/2, 0 clusters, 0 snapshots, 0 keys")
                .contains("\rscanning: regions 2/2, 3 clusters, 1 snapshots, 2 keys, ");
        String lastDrawn = e.substring(e.lastIndexOf("\rscanning:") + 1);
        String erased = lastDrawn.substring(lastDrawn.indexOf('\r'));
        assertThat(erased).startsWith("\r" + " ".repeat(lastDrawn.indexOf('\r')) + "\r");
        assertThat(e.substring(e.lastIndexOf('\r') + 1)).startsWith("644160558196/us-east-1: 2 Neptune clusters");
        assertThat(out.toString()).doesNotContain("scanning:").doesNotContain("\r");
    }

    @Test
    void scan_notATerminal_printsNoProgress() {
        twoHealthyRegions();

        run(false, "scan", "--format", "json", "--region", "us-east-1", "--region", "us-west-2");

        assertThat(err.toString()).doesNotContain("scanning:").doesNotContain("\r").contains("Scanned 2 regions");
    }

    @Test
    void scan_liveUsageErrors_exitTwoBeforeAnyCall() {
        assertThat(run("scan", "--account", "123456789012", "--region", "us-east-1")).isEqualTo(2);
        assertThat(run("scan", "--all-regions", "--region", "us-east-1")).isEqualTo(2);
        assertThat(run("scan", "--region", "us-east-1", "--parallelism", "0")).isEqualTo(2);
        assertThat(run("scan", "--region", "US East")).isEqualTo(2);
        assertThat(run("scan", "--offline", "x.json", "--all-regions")).isEqualTo(2);
        assertThat(NeptuneGuardCli.run(context(false), new PrintWriter(out), new PrintWriter(err), "scan",
                "--region", "us-east-1", "--endpoint-url", "ftp://stub")).isEqualTo(2);
        assertThat(err.toString())
                .contains("--account is for --offline data")
                .contains("either --region (repeatable) or --all-regions")
                .contains("--parallelism must be from 1 to 64, not 0")
                .contains("--region 'US East' is not a region name")
                .contains("are for a live scan, not with --offline")
                .contains("--endpoint-url must be an http(s) URL");
        assertThat(stub.requests()).isEmpty();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder listRegions(String nextToken,
                                                                                              String... pairs) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode regions = body.putArray("Regions");
        for (int i = 0; i < pairs.length; i += 2) {
            regions.addObject().put("RegionName", pairs[i]).put("RegionOptStatus", pairs[i + 1]);
        }
        if (nextToken != null) {
            body.put("NextToken", nextToken);
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString());
    }
}
