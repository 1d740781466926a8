package dev.neptuneguard.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.cli.report.FindingCsv;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code scan --org} and {@code scan --accounts} end to end: the real CLI in process, the real SDK clients, the
 * core's {@code MemberAccounts} and {@code OrganizationAccounts}, against an organization on the local stub
 * ({@link OrganizationStub}) that answers STS, Organizations, Neptune and KMS in their wire protocols and serves each
 * account its own state by the access key that signed the request. The organization: the management account (the
 * caller), two members that can be read, one whose role is denied and one suspended; Organizations lists two
 * accounts per page.
 */
class OrganizationScanIT {

    static final String MANAGEMENT = OrganizationStub.MANAGEMENT;
    static final String PROD = "444455556666";
    static final String SANDBOX = "777788889999";
    static final String CLOSED = "222233334444";
    static final String ANALYTICS = "555566667777";
    static final String ROLE = "neptune-guard-member-read";
    static final Set<String> NEPTUNE_AND_KMS = Set.of("DescribeDBClusters", "DescribeDBClusterSnapshots",
            "ListTagsForResource", "DescribeKey", "GetKeyRotationStatus", "ListAliases");

    @TempDir
    Path dir;

    private OrganizationStub stub;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        stub = new OrganizationStub();
        stub.organizationsPage(2);
        stub.account(MANAGEMENT, "security-tooling");
        stub.account(PROD, "graph-prod");
        stub.account(SANDBOX, "sandbox").denyRole();
        stub.account(CLOSED, "closed-project").suspended();
        stub.account(ANALYTICS, "analytics");
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private int run(boolean terminal, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--endpoint-url");
        all.add(stub.url());
        CliContext context = new CliContext(LiveScanIT.CLOCK, terminal, Map.of(), profile ->
                StaticCredentialsProvider.create(AwsBasicCredentials.create(OrganizationStub.CALLER_KEY,
                        OrganizationStub.CALLER_SECRET)), Duration.ofMillis(5));
        return NeptuneGuardCli.run(context, new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    }

    private int run(String... args) {
        return run(false, args);
    }

    private static List<JsonNode> jsonLines(String text) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(Json.MAPPER.readTree(line));
            }
        }
        return lines;
    }

    private static String roleArn(String account) {
        return "arn:aws:iam::" + account + ":role/" + ROLE;
    }

    @Test
    void scanOrg_oneRoleDenied_reportsTheOtherAccountsAndExitsThree() throws IOException {
        int code = run("scan", "--org", "--format", "json", "--region", "us-east-1", "--region", "eu-west-1");

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_INCOMPLETE);
        List<JsonNode> findings = jsonLines(out.toString());
        assertThat(findings).extracting(f -> f.get("account").asText() + " " + f.get("region").asText() + " "
                        + f.get("ruleId").asText() + " " + f.get("resourceName").asText())
                .containsExactlyInAnyOrder(
                        MANAGEMENT + " us-east-1 NEPTUNE_CLUSTER_UNENCRYPTED graph-2223333-0002",
                        MANAGEMENT + " eu-west-1 NEPTUNE_CLUSTER_UNENCRYPTED graph-2223333-0002",
                        PROD + " us-east-1 NEPTUNE_CLUSTER_UNENCRYPTED graph-5556666-0002",
                        PROD + " eu-west-1 NEPTUNE_CLUSTER_UNENCRYPTED graph-5556666-0002",
                        ANALYTICS + " us-east-1 NEPTUNE_CLUSTER_UNENCRYPTED graph-6667777-0002",
                        ANALYTICS + " eu-west-1 NEPTUNE_CLUSTER_UNENCRYPTED graph-6667777-0002");
        assertThat(findings).allSatisfy(f -> assertThat(f.get("resourceArn").asText())
                .contains(":" + f.get("region").asText() + ":" + f.get("account").asText() + ":cluster:"));
        assertThat(err.toString())
                .contains("Accounts: 4 (3 complete, 0 incomplete, 1 not read)")
                .contains("  " + MANAGEMENT + " (security-tooling): 2 regions; 4 Neptune clusters, 2 snapshots, "
                        + "2 keys; 2 HIGH failed; 0 suppressed; ")
                .contains("  " + PROD + " (graph-prod): 2 regions; 4 Neptune clusters")
                .contains("  " + SANDBOX + " (sandbox): NOT READ, cannot assume " + roleArn(SANDBOX)
                        + ": AccessDenied: User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: "
                        + "sts:AssumeRole on resource: " + roleArn(SANDBOX) + " (deploy the member role in the "
                        + "account and let it trust the credentials running the scan, or pass --role NAME, or leave "
                        + "the account out with --exclude-accounts)")
                .containsPattern("Scanned 4 accounts × 2 regions in \\d+\\.\\d s \\(6 complete, 2 not read "
                        + "\\(1 account\\)\\): 12 clusters, 6 snapshots, 6 keys; 6 HIGH failed; 0 suppressed; "
                        + "\\d+ passed; \\d+ AWS calls")
                .doesNotContain(CLOSED);
        assertThat(stub.calls(SANDBOX, "AssumeRole")).isEqualTo(1);
        assertThat(stub.calls(CLOSED, "AssumeRole")).as("a suspended account is not listed as active").isZero();
        assertThat(stub.seen()).filteredOn(s -> NEPTUNE_AND_KMS.contains(s.operation()))
                .noneMatch(s -> SANDBOX.equals(s.account()) || s.accessKey().contains(SANDBOX));
    }

    @Test
    void scanOrg_listAccountsPages_readsEveryPage() {
        int code = run("scan", "--org", "--format", "json", "--region", "us-east-1");

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INCOMPLETE);
        assertThat(stub.calls(MANAGEMENT, "ListAccounts")).as("5 accounts, 2 per page").isEqualTo(3);
        assertThat(err.toString()).contains(ANALYTICS + " (analytics): 1 region;");
    }

    @Test
    void scanOrg_twoRegions_oneAssumeRolePerAccountAndEachAccountSignedWithItsOwnKey() {
        run("scan", "--org", "--format", "json", "--region", "us-east-1", "--region", "eu-west-1");

        assertThat(stub.calls(PROD, "AssumeRole")).isEqualTo(1);
        assertThat(stub.calls(ANALYTICS, "AssumeRole")).isEqualTo(1);
        assertThat(stub.calls(MANAGEMENT, "AssumeRole")).as("the caller's account is read with its own credentials")
                .isZero();
        List<OrganizationStub.Seen> reads = stub.seen().stream()
                .filter(s -> NEPTUNE_AND_KMS.contains(s.operation())).toList();
        Map<String, Long> byKey = reads.stream().collect(Collectors.groupingBy(OrganizationStub.Seen::accessKey,
                Collectors.counting()));
        // 2 regions × (clusters, snapshots, the key, aliases, tags of the unencrypted cluster) per account
        assertThat(byKey).containsOnly(Map.entry(OrganizationStub.CALLER_KEY, 10L),
                Map.entry(OrganizationStub.accessKey(PROD), 10L), Map.entry(OrganizationStub.accessKey(ANALYTICS), 10L));
        assertThat(reads).allSatisfy(s -> assertThat(s.account()).as("signed with a key the stub handed out")
                .isNotNull());
        assertThat(reads).filteredOn(s -> s.accessKey().equals(OrganizationStub.accessKey(PROD)))
                .extracting(OrganizationStub.Seen::region).containsOnly("us-east-1", "eu-west-1");
        assertThat(stub.seen()).filteredOn(s -> s.operation().equals("AssumeRole")).allSatisfy(s ->
                assertThat(s.accessKey()).as("roles are assumed with the caller's credentials")
                        .isEqualTo(OrganizationStub.CALLER_KEY));
        assertThat(stub.server.getAllServeEvents()).filteredOn(e -> e.getRequest().getBodyAsString()
                .startsWith("Action=AssumeRole&")).allSatisfy(e -> assertThat(e.getRequest().getBodyAsString())
                .contains("RoleSessionName=neptune-guard-cli-scan").contains("DurationSeconds=900"));
    }

    @Test
    void scanOrg_callsPerAccount_growWithRegionsAndPagesNotWithResources() {
        stub.account(PROD, "graph-prod").clusters(250, 0);
        stub.account(ANALYTICS, "analytics").clusters(2_500, 0);

        int code = run("scan", "--org", "--exclude-accounts", SANDBOX, "--format", "json", "--region", "us-east-1",
                "--region", "eu-west-1");

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        // Per region: the cluster pages, one snapshot page, one DescribeKey for the one key, one aliases page, and
        // tags only of a failed resource; plus one AssumeRole per member account for all its regions.
        // Neptune Analytics adds one ListGraphs and one ListGraphSnapshots page per region (no graphs here).
        assertThat(callsOf(MANAGEMENT)).isEqualTo(Map.of("DescribeDBClusters", 2L, "DescribeDBClusterSnapshots", 2L,
                "DescribeKey", 2L, "ListAliases", 2L, "ListTagsForResource", 2L, "GetCallerIdentity", 1L,
                "ListAccounts", 3L, "ListGraphs", 2L, "ListGraphSnapshots", 2L));
        assertThat(callsOf(PROD)).isEqualTo(Map.of("AssumeRole", 1L, "DescribeDBClusters", 6L,
                "DescribeDBClusterSnapshots", 2L, "DescribeKey", 2L, "ListAliases", 2L, "ListGraphs", 2L,
                "ListGraphSnapshots", 2L));
        assertThat(callsOf(ANALYTICS)).isEqualTo(Map.of("AssumeRole", 1L, "DescribeDBClusters", 50L,
                "DescribeDBClusterSnapshots", 2L, "DescribeKey", 2L, "ListAliases", 2L, "ListGraphs", 2L,
                "ListGraphSnapshots", 2L));
        assertThat(err.toString()).contains("Scanned 3 accounts × 2 regions")
                .containsPattern(ANALYTICS + " \\(analytics\\): 2 regions; 5,000 Neptune clusters, 2 snapshots, 2 "
                        + "keys; 0 failed; 0 suppressed; [\\d,]+ passed; 60 AWS calls")
                .contains(stub.totalCalls() + " AWS calls (" + stub.totalCalls() + " attempts; 6 for STS and "
                        + "Organizations)");
    }

    private Map<String, Long> callsOf(String account) {
        return stub.calls().entrySet().stream().filter(e -> e.getKey().startsWith(account + " "))
                .collect(Collectors.toMap(e -> e.getKey().substring(13), Map.Entry::getValue));
    }

    @Test
    void scanAccounts_listWithoutOrg_readsThoseAccountsWithoutAskingOrganizations() throws IOException {
        int code = run("scan", "--accounts", PROD + "," + SANDBOX, "--format", "json", "--region", "us-east-1");

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INCOMPLETE);
        assertThat(jsonLines(out.toString())).extracting(f -> f.get("account").asText()).containsExactly(PROD);
        assertThat(stub.calls(MANAGEMENT, "ListAccounts")).isZero();
        assertThat(stub.calls(MANAGEMENT, "GetCallerIdentity")).isEqualTo(1);
        assertThat(err.toString()).contains("Accounts: 2 (1 complete, 0 incomplete, 1 not read)")
                .contains("  " + PROD + ": 1 region;").contains("  " + SANDBOX + ": NOT READ, cannot assume");
    }

    @Test
    void scanAccounts_file_readsItsIdsCommentsIgnoredTheCallersWithItsOwnCredentials() throws IOException {
        Path file = dir.resolve("accounts.txt");
        Files.writeString(file, "# audited accounts\n" + MANAGEMENT + "   # this one\n\n  " + ANALYTICS + "\n"
                + MANAGEMENT + "\n", StandardCharsets.UTF_8);

        int code = run("scan", "--accounts", file.toString(), "--format", "json", "--region", "us-east-1");

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(jsonLines(out.toString())).extracting(f -> f.get("account").asText())
                .containsExactly(MANAGEMENT, ANALYTICS);
        assertThat(stub.calls(MANAGEMENT, "AssumeRole")).isZero();
        assertThat(stub.calls(ANALYTICS, "AssumeRole")).isEqualTo(1);
        assertThat(stub.calls(MANAGEMENT, "ListAccounts")).isZero();
        assertThat(err.toString()).contains("Accounts: 2 (2 complete, 0 incomplete, 0 not read)");
    }

    @Test
    void scanOrg_excludeAccounts_leavesThemOutTheCallersOwnToo() throws IOException {
        int code = run("scan", "--org", "--exclude-accounts", MANAGEMENT + "," + SANDBOX + ",999988887777",
                "--format", "json", "--region", "us-east-1");

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(jsonLines(out.toString())).extracting(f -> f.get("account").asText())
                .containsExactlyInAnyOrder(PROD, ANALYTICS);
        assertThat(stub.calls(SANDBOX, "AssumeRole")).isZero();
        assertThat(stub.seen()).filteredOn(s -> NEPTUNE_AND_KMS.contains(s.operation()))
                .noneMatch(s -> s.accessKey().equals(OrganizationStub.CALLER_KEY));
        assertThat(err.toString()).contains("neptune-guard: note: --exclude-accounts 999988887777: not among the "
                + "accounts to scan").contains("Accounts: 2 (2 complete");
    }

    @Test
    void scanOrg_accountsFilter_scansOnlyThoseOfTheOrganization() throws IOException {
        int code = run("scan", "--org", "--accounts", ANALYTICS, "--format", "json", "--region", "us-east-1");

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(jsonLines(out.toString())).extracting(f -> f.get("account").asText()).containsExactly(ANALYTICS);
        assertThat(err.toString()).contains(ANALYTICS + " (analytics): 1 region;");
    }

    @Test
    void scanOrg_accountsFilterNamesAnAccountNotInTheOrganization_exitTwoNamingIt() {
        int code = run("scan", "--org", "--accounts", CLOSED + ",999988887777", "--region", "us-east-1");

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(err.toString()).contains("--accounts names 222233334444, 999988887777, not an active account of "
                + "the organization (organizations:ListAccounts lists 4 active accounts)");
        assertThat(stub.calls(PROD, "AssumeRole")).isZero();
    }

    @Test
    void scanOrg_organizationsRefused_exitThreeSayingWhoMayList() {
        stub.denyOrganizations();

        int code = run("scan", "--org", "--region", "us-east-1");

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INCOMPLETE);
        assertThat(err.toString()).contains("neptune-guard: organizations:ListAccounts failed, AccessDeniedException: "
                + "You don't have permissions to access this resource. (scan --org needs the credentials of the "
                + "organization's management account or of a delegated administrator");
        assertThat(stub.calls(PROD, "AssumeRole")).isZero();
    }

    @Test
    void scanOrg_oneRegionOfOneAccountRefused_reportsThatRegionAndEverythingElse() throws IOException {
        stub.account(PROD, "graph-prod").refuse("eu-west-1", 403, "AccessDenied", "User: arn:aws:sts::444455556666:"
                + "assumed-role/neptune-guard-member-read/neptune-guard-cli-scan is not authorized to perform: "
                + "rds:DescribeDBClusters");

        int code = run("scan", "--org", "--exclude-accounts", SANDBOX, "--format", "json", "--region", "us-east-1",
                "--region", "eu-west-1");

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INCOMPLETE);
        assertThat(jsonLines(out.toString())).hasSize(5);
        assertThat(err.toString())
                .contains(PROD + "/eu-west-1: FAILED, AccessDenied: User: arn:aws:sts::444455556666:assumed-role/"
                        + "neptune-guard-member-read/neptune-guard-cli-scan is not authorized to perform: "
                        + "rds:DescribeDBClusters (grant the read-only actions listed in the scan IAM policy)")
                .contains("  " + PROD + " (graph-prod): 1 of 2 regions, eu-west-1 FAILED (AccessDenied); 2 Neptune "
                        + "clusters")
                .contains("Accounts: 3 (2 complete, 1 incomplete, 0 not read)")
                .contains("(5 complete, 1 failed)");
    }

    @Test
    void scanOrg_otherRole_assumesThatRoleInEveryAccount() {
        stub.roleName("OrganizationAccountAccessRole");

        int code = run("scan", "--org", "--role", "OrganizationAccountAccessRole", "--exclude-accounts", SANDBOX,
                "--format", "json", "--region", "us-east-1");

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(stub.server.getAllServeEvents()).filteredOn(e -> e.getRequest().getBodyAsString()
                        .startsWith("Action=AssumeRole&")).hasSize(2)
                .allSatisfy(e -> assertThat(e.getRequest().getBodyAsString())
                        .contains("%3Arole%2FOrganizationAccountAccessRole&"));
    }

    @Test
    void scanOrg_allRegions_aRegionAMemberHasNotEnabledIsSkippedNotFailed() {
        stub.server.stubFor(post(urlEqualTo("/listRegions")).atPriority(1).willReturn(listRegions("us-east-1",
                "ENABLED_BY_DEFAULT", "af-south-1", "ENABLED")));
        stub.account(PROD, "graph-prod").refuse("af-south-1", 403, "InvalidClientTokenId",
                "The security token included in the request is invalid.");

        int code = run("scan", "--org", "--all-regions", "--exclude-accounts", SANDBOX, "--format", "json");

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(err.toString()).contains("  " + PROD + " (graph-prod): 1 of 2 regions, af-south-1 not enabled;")
                .contains("Scanned 3 accounts × 2 regions").contains("(5 complete, 1 not enabled)");
    }

    @Test
    void scanOrg_table_sectionsHeadedByAccountAndNameThenTheAccountsThenTheSummary() {
        int code = run("scan", "--org", "--region", "us-east-1");

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INCOMPLETE);
        String report = out.toString();
        assertThat(report)
                .contains("Account 111122223333 (security-tooling), region us-east-1 (live)\n111122223333/us-east-1: "
                        + "2 Neptune clusters, 1 snapshot, 1 key; 1 HIGH failed")
                .contains("Account 444455556666 (graph-prod), region us-east-1 (live)")
                .contains("HIGH          NEPTUNE_CLUSTER_UNENCRYPTED              graph-5556666-0002")
                .contains("Account 777788889999 (sandbox): NOT READ, cannot assume " + roleArn(SANDBOX))
                .contains("Accounts: 4 (3 complete, 0 incomplete, 1 not read)\n  111122223333 (security-tooling): ");
        assertThat(report.indexOf("Account 111122223333")).isLessThan(report.indexOf("Account 444455556666"));
        assertThat(report.indexOf("Account 444455556666")).isLessThan(report.indexOf("Account 777788889999"));
        assertThat(report.indexOf("Account 777788889999")).isLessThan(report.indexOf("Account 555566667777"));
        assertThat(report.strip()).containsPattern("Scanned 4 accounts × 1 region in \\d+\\.\\d s \\(3 complete, 1 not "
                + "read \\(1 account\\)\\): .* AWS calls \\(\\d+ attempts; 7 for STS and Organizations\\)\\.$");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void scanOrg_csv_everyRowCarriesItsAccount() {
        int code = run("scan", "--org", "--format", "csv", "--region", "us-east-1");

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INCOMPLETE);
        List<List<String>> rows = OutputFormatsIT.Rfc4180.parse(out.toString());
        int account = FindingCsv.COLUMNS.indexOf("account");
        int arn = FindingCsv.COLUMNS.indexOf("resourceArn");
        assertThat(rows.get(0)).isEqualTo(FindingCsv.COLUMNS);
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(account))
                .containsExactlyInAnyOrder(MANAGEMENT, PROD, ANALYTICS);
        assertThat(rows.subList(1, rows.size())).allSatisfy(r -> assertThat(r.get(arn))
                .contains(":" + r.get(account) + ":cluster:"));
    }

    @Test
    void scanOrg_asff_eachFindingInItsAccountAndItsAccountsProduct() throws IOException {
        int code = run("scan", "--org", "--format", "asff", "--region", "us-east-1");

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INCOMPLETE);
        JsonNode asff = Json.MAPPER.readTree(out.toString());
        assertThat(asff).isNotEmpty().allSatisfy(f -> {
            String account = f.get("AwsAccountId").asText();
            assertThat(account).isIn(MANAGEMENT, PROD, ANALYTICS);
            assertThat(f.get("ProductArn").asText()).isEqualTo("arn:aws:securityhub:us-east-1:" + account
                    + ":product/" + account + "/default");
            assertThat(f.get("Resources").get(0).get("Id").asText()).contains(":" + account + ":");
        });
        assertThat(asff).extracting(f -> f.get("AwsAccountId").asText()).contains(MANAGEMENT, PROD, ANALYTICS);
    }

    @Test
    void scanOrg_terminal_progressCountsAccountsAndPairs() {
        run(true, "scan", "--org", "--format", "json", "--region", "us-east-1", "--region", "eu-west-1");

        assertThat(err.toString()).contains("\rscanning: accounts 0/4, regions 0/8, 0 clusters")
                .contains("\rscanning: accounts 4/4, regions 8/8, 12 clusters, 6 snapshots, 6 keys, ");
        assertThat(out.toString()).doesNotContain("\r");
    }

    @Test
    void scanOrg_usageErrors_exitTwoBeforeAnyCall() {
        assertThat(run("scan", "--exclude-accounts", PROD, "--region", "us-east-1")).isEqualTo(2);
        assertThat(run("scan", "--org", "--role", "arn:aws:iam::1:role/x", "--region", "us-east-1")).isEqualTo(2);
        assertThat(run("scan", "--accounts", "44445555666", "--region", "us-east-1")).isEqualTo(2);
        assertThat(run("scan", "--accounts", dir.resolve("missing.txt").toString(), "--region", "us-east-1"))
                .isEqualTo(2);
        assertThat(run("scan", "--org", "--offline", "x.json")).isEqualTo(2);
        assertThat(run("scan", "--org", "--region", "us-east-1", "--parallelism", "65")).isEqualTo(2);
        assertThat(err.toString())
                .contains("--exclude-accounts and --role are for a scan of several accounts: add --org or --accounts")
                .contains("--role 'arn:aws:iam::1:role/x' is not an IAM role name")
                .contains("--accounts '44445555666': '44445555666' is not an AWS account id (12 digits)")
                .contains("missing.txt' is neither a comma-separated list of 12-digit account ids nor a file")
                .contains("--org, --accounts, --exclude-accounts and --role are for a live scan")
                .contains("--parallelism must be from 1 to 64, not 65");
        assertThat(stub.seen()).isEmpty();
    }

    @Test
    void scanAccounts_fileWithABadLine_exitTwoNamingFileAndLine() throws IOException {
        Path file = dir.resolve("accounts.txt");
        Files.writeString(file, PROD + "\n# fine\n4444-5555-6666\n", StandardCharsets.UTF_8);

        int code = run("scan", "--accounts", file.toString(), "--region", "us-east-1");

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(err.toString()).contains(file + ":3: '4444-5555-6666' is not an AWS account id (12 digits)");
        assertThat(stub.seen()).isEmpty();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder listRegions(String... pairs) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode regions = body.putArray("Regions");
        for (int i = 0; i < pairs.length; i += 2) {
            regions.addObject().put("RegionName", pairs[i]).put("RegionOptStatus", pairs[i + 1]);
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString());
    }
}
