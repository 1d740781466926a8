package dev.neptuneguard.accounts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.events.ResourceTrigger;
import dev.neptuneguard.guard.EncryptionGuard;
import dev.neptuneguard.guard.TriggerResult;
import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.inventory.AwsInventory;
import dev.neptuneguard.inventory.WireXml;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.Severity;
import dev.neptuneguard.policy.EncryptionRules;
import dev.neptuneguard.revocation.KeyRevocationGuard;
import dev.neptuneguard.revocation.OrganizationSweep;
import dev.neptuneguard.revocation.Protection;
import dev.neptuneguard.revocation.ProtectionSettings;
import dev.neptuneguard.revocation.Reminders;
import dev.neptuneguard.revocation.RevocationResult;
import dev.neptuneguard.revocation.RevocationRules;
import dev.neptuneguard.revocation.RevocationSweep;
import dev.neptuneguard.revocation.SweepReport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Organization mode against one local stub that speaks STS (Query XML), Neptune (Query XML), KMS and Organizations
 * (JSON 1.1) and answers each account from its own state: the hub's requests are signed with the hub's key, member
 * B's with the key its AssumeRole answer handed out, and member C's role cannot be assumed. The real SDK clients, the
 * real {@link MemberAccounts} and {@link AccountInventories}, and the production guards.
 */
class OrganizationModeIT {

    static final String HUB = "111122223333";
    static final String MEMBER_B = "444455556666";
    static final String MEMBER_C = "777788889999";
    static final String HUB_KEY = "AKIAHUB1111EXAMPLE";
    static final String B_KEY = "ASIAMEMBERB4444EXAMPLE";
    static final String ROLE = "neptune-guard-member-read";
    static final String LEGACY_ID = "5555eeee-55ee-55ee-55ee-555555555555";
    /** A second customer managed key, pending deletion, used by a graph only. */
    static final String PENDING_ID = "8888cccc-88cc-88cc-88cc-888888888888";
    static final Instant NOW = Instant.parse("2026-11-23T17:10:30Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Path EVENTS = Path.of("..", "events");

    private WireMockServer server;
    private AwsClients hubClients;
    private MemberAccounts accounts;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        URI stub = URI.create(server.baseUrl());
        StaticCredentialsProvider hubCredentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(HUB_KEY, "hubSecretEXAMPLEKEY"));
        hubClients = AwsClients.builder().region(Region.US_EAST_1).endpointOverride(stub)
                .credentialsProvider(hubCredentials).retryBackoff(Duration.ofMillis(5)).build();
        StsClient sts = StsClient.builder().region(Region.US_EAST_1).endpointOverride(stub)
                .credentialsProvider(hubCredentials).build();
        SingleAccount home = new SingleAccount(hubClients, hubCredentials, region -> AwsClients.builder()
                .region(region).endpointOverride(stub).credentialsProvider(hubCredentials).build());
        accounts = new MemberAccounts(sts, ROLE, HUB, "neptune-guard@NeptuneGuard-KeyRevocation", home,
                Region.US_EAST_1, (region, credentials) -> AwsClients.builder().region(region).endpointOverride(stub)
                        .credentialsProvider(credentials).retryBackoff(Duration.ofMillis(5)).build());

        server.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole&"))
                .withRequestBody(containing(encode("arn:aws:iam::" + MEMBER_B + ":role/" + ROLE)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                        .withBody(fixture("sts/assume-role-member.xml"))));
        server.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole&"))
                .withRequestBody(containing(encode("arn:aws:iam::" + MEMBER_C + ":role/" + ROLE)))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml")
                        .withBody(fixture("sts/error-access-denied.xml"))));
        account(HUB_KEY, HUB, "graph-hub", "Enabled");
        account(B_KEY, MEMBER_B, "graph-b", "Disabled");
    }

    @AfterEach
    void stop() {
        hubClients.close();
        server.stop();
    }

    @Test
    void keyEvent_fromMemberB_evaluatesBsClustersWithBsCredentialsNeverTheHubs() {
        KeyTrigger event = keyEvent("kms/disable-key-legacy.json", MEMBER_B);

        RevocationResult r = guard(MEMBER_B).handle(event);

        assertThat(r.ignored()).isNull();
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_DISABLED_IN_USE);
            assertThat(f.account()).isEqualTo(MEMBER_B);
            assertThat(f.affectedResources()).containsExactly(clusterArn(MEMBER_B, "graph-b"));
            assertThat(f.keyState()).isEqualTo("Disabled");
        });
        assertThat(signedWith("DescribeDBClusters")).containsOnly(B_KEY);
        assertThat(signedWith("DescribeKey")).containsOnly(B_KEY);
        List<LoggedRequest> assumed = server.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=AssumeRole&")));
        assertThat(assumed).singleElement().satisfies(a -> assertThat(a.getBodyAsString())
                .contains("RoleSessionName=neptune-guard%40NeptuneGuard-KeyRevocation")
                .contains("DurationSeconds=900"));
    }

    @Test
    void keyEvents_fromMemberBTwice_assumeTheRoleOnce() {
        guard(MEMBER_B).handle(keyEvent("kms/disable-key-legacy.json", MEMBER_B));
        guard(MEMBER_B).handle(keyEvent("kms/disable-key-legacy.json", MEMBER_B));

        assertThat(server.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole&"))))
                .hasSize(1);
    }

    @Test
    void keyEvent_fromTheHub_readsWithTheFunctionsOwnCredentials() {
        RevocationResult r = guard(HUB).handle(keyEvent("kms/disable-key-legacy.json", HUB));

        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_RISK_CLEARED);
            assertThat(f.affectedResources()).containsExactly(clusterArn(HUB, "graph-hub"));
        });
        assertThat(signedWith("DescribeDBClusters")).containsOnly(HUB_KEY);
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole&"))))
                .isEmpty();
    }

    @Test
    void keyEvent_fromMemberCWhoseRoleIsDenied_cannotVerifyAlertNotSilenceNotACrash() {
        AccountInventories inventories = new AccountInventories(accounts, false);

        RevocationResult r = guard(inventories, MEMBER_C).handle(keyEvent("kms/disable-key-legacy.json", MEMBER_C));

        assertThat(r.ignored()).isNull();
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_UNVERIFIABLE_IN_USE);
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
            assertThat(f.account()).isEqualTo(MEMBER_C);
            assertThat(f.detail()).contains("cannot read that account (cannot assume arn:aws:iam::" + MEMBER_C
                    + ":role/" + ROLE + ": AccessDenied: User: arn:aws:sts::111122223333:assumed-role/");
            assertThat(f.remediation()).contains("deploy the member stack there");
        });
        assertThat(inventories.unreachableCount()).isEqualTo(1);
        assertThat(signedWith("DescribeDBClusters")).as("nothing of C is read with the hub's credentials").isEmpty();
    }

    @Test
    void enableKey_fromMemberCWhoseRoleIsDenied_ignoredAsNoRiskWithTheReason() {
        RevocationResult r = guard(MEMBER_C).handle(keyEvent("kms/enable-key-legacy.json", MEMBER_C));

        assertThat(r.findings()).isEmpty();
        assertThat(r.ignored().message()).contains("cannot be read").contains("AccessDenied");
    }

    @Test
    void clusterEvent_fromMemberCWhoseRoleIsDenied_evaluatedFromTheEventWithItsKeyUnverifiable() throws IOException {
        ObjectNode event = event("rds/create-db-cluster-neptune-cmk-alias.json", MEMBER_C);
        ResourceTrigger trigger = (ResourceTrigger) EventParser.parse(event.toString());
        AccountInventories inventories = new AccountInventories(accounts, false);

        TriggerResult r = new EncryptionGuard(inventories.of(trigger.account(), trigger.region()),
                new EncryptionRules(Policy.defaults()), CLOCK).evaluate(trigger);

        Finding f = r.findings().stream().filter(x -> x.ruleId() == RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE)
                .findFirst().orElseThrow();
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.detail()).contains("cannot assume arn:aws:iam::" + MEMBER_C + ":role/" + ROLE)
                .contains("Evaluated from the CloudTrail event's response");
    }

    @Test
    void sweep_organizationOfThreeAccounts_findingsOfTheReadableOnesAndTheUnreadableNamed() {
        List<MemberAccount> members = new OrganizationAccounts(organizations()).active();

        SweepReport report = OrganizationSweeps.of(accounts, new OrganizationAccounts(organizations()),
                List.of("us-east-1"), 4, false, inventory -> new RevocationSweep(inventory, new RevocationRules(),
                        Reminders.NONE, List.of(), CLOCK)).run();

        assertThat(members).extracting(MemberAccount::id).containsExactly(HUB, MEMBER_B, MEMBER_C);
        assertThat(members).extracting(MemberAccount::label).contains("444455556666 (graph-prod)");
        assertThat(report.findings()).extracting(Finding::ruleId, Finding::account)
                .containsExactly(tuple(RuleId.KMS_KEY_DISABLED_IN_USE, MEMBER_B));
        assertThat(report.clusters()).isEqualTo(2);
        assertThat(report.unreadable()).singleElement().asString()
                .startsWith(MEMBER_C + "/us-east-1: cannot assume arn:aws:iam::" + MEMBER_C + ":role/" + ROLE
                        + ": AccessDenied");
        assertThat(signedWith("DescribeDBClusters")).containsExactlyInAnyOrder(HUB_KEY, B_KEY);
    }

    @Test
    void sweep_memberBsGraphOnAKeyPendingDeletion_readWithBsCredentialsAndAlertedWithTheGraph() {
        String graphArn = graph(B_KEY, MEMBER_B, "g-b0rgraph01", PENDING_ID);
        graph(HUB_KEY, HUB, null, null);

        SweepReport report = OrganizationSweeps.of(accounts, new OrganizationAccounts(organizations()),
                List.of("us-east-1"), 4, false, inventory -> new RevocationSweep(inventory, new RevocationRules(),
                        Reminders.NONE, List.of(), CLOCK)).run();

        assertThat(report.graphs()).as("graphs of the readable accounts").isEqualTo(1);
        assertThat(report.graphSnapshots()).isZero();
        assertThat(report.clusters()).isEqualTo(2);
        assertThat(report.findings()).filteredOn(f -> f.ruleId() == RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE)
                .singleElement().satisfies(f -> {
                    assertThat(f.account()).isEqualTo(MEMBER_B);
                    assertThat(f.affectedResources()).containsExactly(graphArn);
                    assertThat(f.title() + " " + f.detail()).contains("Neptune Analytics graph");
                });
        assertThat(graphListingsSignedWith()).containsExactlyInAnyOrder(HUB_KEY, B_KEY);
    }

    private KeyRevocationGuard guard(String account) {
        return guard(new AccountInventories(accounts, false), account);
    }

    private KeyRevocationGuard guard(AccountInventories inventories, String account) {
        return new KeyRevocationGuard(inventories.of(account, "us-east-1"), new RevocationRules(), Reminders.NONE,
                List.of(), new Protection(ProtectionSettings.off(), null, CLOCK), CLOCK);
    }

    private OrganizationsClient organizations() {
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target",
                        equalTo("AWSOrganizationsV20161128.ListAccounts"))
                .withRequestBody(notContaining("NextToken")).willReturn(json(fixture(
                        "organizations/list-accounts-page-1.json"))));
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target",
                        equalTo("AWSOrganizationsV20161128.ListAccounts"))
                .withRequestBody(containing("AAQAAEXAMPLEpage2")).willReturn(json(fixture(
                        "organizations/list-accounts-page-2.json"))));
        return OrganizationsClient.builder().region(Region.AWS_GLOBAL).endpointOverride(URI.create(server.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(HUB_KEY, "s")))
                .build();
    }

    /** One account's state, served to requests signed with {@code accessKey}: one cluster on the legacy key. */
    private void account(String accessKey, String account, String cluster, String keyState) {
        String keyArn = "arn:aws:kms:us-east-1:" + account + ":key/" + LEGACY_ID;
        server.stubFor(signed(neptune("DescribeDBClusters"), accessKey).willReturn(xml(clusters(account, cluster,
                keyArn))));
        server.stubFor(signed(neptune("DescribeDBClusterSnapshots"), accessKey).willReturn(xml(noSnapshots())));
        ObjectNode key = (ObjectNode) read(fixture("kms/describe-key-legacy-disabled.json"));
        ObjectNode m = (ObjectNode) key.get("KeyMetadata");
        m.put("Arn", keyArn).put("AWSAccountId", account).put("KeyState", keyState)
                .put("Enabled", "Enabled".equals(keyState));
        server.stubFor(signed(kms("DescribeKey"), accessKey).willReturn(json(key.toString())));
        server.stubFor(signed(kms("ListAliases"), accessKey).willReturn(json("{\"Aliases\":[]}")));
    }

    /**
     * Neptune Analytics of one account, served to requests signed with {@code accessKey}: one graph on the key
     * {@code keyId}, pending deletion a week after {@link #NOW} (or no graph when {@code graphId} is null), no graph
     * snapshots. Returns the graph's ARN.
     */
    private String graph(String accessKey, String account, String graphId, String keyId) {
        ObjectNode list = Json.MAPPER.createObjectNode();
        String arn = graphId == null ? null : "arn:aws:neptune-graph:us-east-1:" + account + ":graph/" + graphId;
        var graphs = list.putArray("graphs");
        if (graphId != null) {
            String keyArn = "arn:aws:kms:us-east-1:" + account + ":key/" + keyId;
            graphs.addObject().put("id", graphId).put("name", "ledger").put("arn", arn).put("status", "AVAILABLE")
                    .put("provisionedMemory", 16).put("kmsKeyIdentifier", keyArn).put("deletionProtection", true);
            ObjectNode key = (ObjectNode) read(fixture("kms/describe-key-pending-deletion.json"));
            ObjectNode m = (ObjectNode) key.get("KeyMetadata");
            m.put("KeyId", keyId).put("Arn", keyArn).put("AWSAccountId", account)
                    .put("DeletionDate", NOW.plus(Duration.ofDays(7)).getEpochSecond());
            server.stubFor(signed(kms("DescribeKey"), accessKey).withRequestBody(containing(keyId))
                    .willReturn(json(key.toString())));
        }
        server.stubFor(signed(get(urlPathEqualTo("/graphs")), accessKey).willReturn(restJson(list.toString())));
        server.stubFor(signed(get(urlPathEqualTo("/snapshots")), accessKey)
                .willReturn(restJson("{\"graphSnapshots\":[]}")));
        return arn;
    }

    private List<String> graphListingsSignedWith() {
        return server.findAll(getRequestedFor(urlPathEqualTo("/graphs"))).stream()
                .map(r -> r.getHeader("Authorization").replaceAll(".*Credential=([A-Z0-9]+)/.*", "$1"))
                .distinct().toList();
    }

    private static ResponseDefinitionBuilder restJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private List<String> signedWith(String operation) {
        return server.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getBodyAsString().contains("Action=" + operation + "&")
                        || ("TrentService." + operation).equals(r.getHeader("X-Amz-Target")))
                .map(r -> r.getHeader("Authorization").replaceAll(".*Credential=([A-Z0-9]+)/.*", "$1"))
                .distinct().toList();
    }

    private static MappingBuilder signed(MappingBuilder m, String accessKey) {
        return m.withHeader("Authorization", containing("Credential=" + accessKey + "/"));
    }

    private static MappingBuilder neptune(String action) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    private static MappingBuilder kms(String action) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService." + action));
    }

    private static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    /** The one-cluster wire template with this account's identifiers, built as a document. */
    private static String clusters(String account, String cluster, String keyArn) {
        Document doc = WireXml.parse(fixture("neptune/describe-db-clusters-legacy-template.xml"));
        Element c = (Element) doc.getElementsByTagNameNS("*", "DBCluster").item(0);
        WireXml.set(c, "DBClusterIdentifier", cluster);
        WireXml.set(c, "DBClusterArn", clusterArn(account, cluster));
        WireXml.set(c, "KmsKeyId", keyArn);
        return WireXml.write(doc);
    }

    private static String noSnapshots() {
        Document doc = WireXml.parse(fixture("neptune/describe-db-cluster-snapshots-legacy-template.xml"));
        Node list = doc.getElementsByTagNameNS("*", "DBClusterSnapshots").item(0);
        while (list.getFirstChild() != null) {
            list.removeChild(list.getFirstChild());
        }
        return WireXml.write(doc);
    }

    static String clusterArn(String account, String cluster) {
        return "arn:aws:rds:us-east-1:" + account + ":cluster:" + cluster;
    }

    /** A fixture event moved into {@code account}, identifiers replaced through the JSON tree. */
    private static ObjectNode event(String fixture, String account) throws IOException {
        ObjectNode e = (ObjectNode) Json.MAPPER.readTree(Files.readString(EVENTS.resolve(fixture)));
        String original = e.get("account").asText();
        e.put("account", account);
        ObjectNode detail = (ObjectNode) e.get("detail");
        ObjectNode identity = (ObjectNode) detail.get("userIdentity");
        if (identity != null && identity.has("accountId")) {
            identity.put("accountId", account);
        }
        if (detail.has("recipientAccountId")) {
            detail.put("recipientAccountId", account);
        }
        replaceIn(detail, original, account);
        return e;
    }

    private static void replaceIn(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode o) {
            o.fields().forEachRemaining(f -> {
                if (f.getValue().isTextual() && f.getValue().asText().contains(":" + from + ":")) {
                    o.put(f.getKey(), f.getValue().asText().replace(":" + from + ":", ":" + to + ":"));
                } else {
                    replaceIn(f.getValue(), from, to);
                }
            });
        } else if (node != null && node.isArray()) {
            node.forEach(n -> replaceIn(n, from, to));
        }
    }

    private static KeyTrigger keyEvent(String fixture, String account) {
        try {
            return (KeyTrigger) EventParser.parse(event(fixture, account).toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fixture(String path) {
        try (InputStream in = Objects.requireNonNull(OrganizationModeIT.class.getResourceAsStream("/wire/" + path),
                path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
