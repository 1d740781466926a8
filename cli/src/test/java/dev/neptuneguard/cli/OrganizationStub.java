package dev.neptuneguard.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.cli.live.OrganizationAccess;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A local AWS Organization on one WireMock server, in the services' real wire protocols: STS (Query XML:
 * {@code GetCallerIdentity}, {@code AssumeRole}), Organizations ({@code ListAccounts}, JSON 1.1, pages honouring
 * {@code MaxResults}/{@code NextToken}), Neptune (Query XML, pages of 100 linked by {@code Marker}) and KMS
 * (JSON 1.1). Every request is answered from the state of the account whose credentials signed it: the SigV4
 * {@code Credential=<access key>/…} names the key, the management account (the caller) signs with
 * {@link #CALLER_KEY}, and {@code AssumeRole} into account A hands out the key {@code ASIA<A>STUB} with a session
 * token that every later request must carry. A request signed with a key the stub never handed out is refused as
 * AWS refuses it ({@code InvalidClientTokenId} / {@code UnrecognizedClientException}), so a member's request
 * signed with the caller's credentials gets the caller's data, and a test can tell.
 *
 * <p>Answers are built per request by a response transformer from a small state per account (clusters on the
 * account's key, one unencrypted cluster, one snapshot, one key, one alias), so 500 accounts × 4 regions cost no
 * stub mappings; calls are counted per account and operation without the request journal, which the benchmark
 * turns off. A fixed delay per answer models the round trip to AWS.
 */
final class OrganizationStub implements AutoCloseable {

    static final String MANAGEMENT = "111122223333";
    static final String CALLER_KEY = "AKIAMANAGEMENTEXAMPL";
    static final String CALLER_SECRET = "managementSecretEXAMPLEKEY";
    static final String DEFAULT_ROLE = "neptune-guard-member-read";
    private static final String TRANSFORMER = "organization";
    private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final int NEPTUNE_PAGE = 100;
    private static final Pattern CREDENTIAL =
            Pattern.compile("Credential=([A-Z0-9]+)/\\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request");
    private static final Pattern MEMBER_KEY = Pattern.compile("ASIA(\\d{12})STUB");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/(.+)");
    private static final XMLOutputFactory XML = XMLOutputFactory.newInstance();

    /** One account of the organization and its state, the same in every region (ARNs carry the region). */
    static final class Account {
        final String id;
        final String name;
        volatile String state = "ACTIVE";
        volatile boolean roleDenied;
        /** Clusters per region: all on the account's key but the last {@link #unencrypted}. */
        volatile int clusters = 2;
        volatile int unencrypted = 1;
        final Map<String, String[]> refusedRegions = new ConcurrentHashMap<>();

        Account(String id, String name) {
            this.id = id;
            this.name = name;
        }

        /** Its role cannot be assumed: STS answers AccessDenied. */
        Account denyRole() {
            roleDenied = true;
            return this;
        }

        /** Organizations lists it as suspended (and closed). */
        Account suspended() {
            state = "SUSPENDED";
            return this;
        }

        Account clusters(int total, int unencryptedOnes) {
            clusters = total;
            unencrypted = unencryptedOnes;
            return this;
        }

        /** Every Neptune call of the account in {@code region} is refused with an error of the Query protocol. */
        Account refuse(String region, int status, String code, String message) {
            refusedRegions.put(region, new String[] {Integer.toString(status), code, message});
            return this;
        }

        /** The account's customer managed key in {@code region}; its id is made of the account id. */
        String keyArn(String region) {
            return "arn:aws:kms:" + region + ":" + id + ":key/" + keyId();
        }

        String keyId() {
            return "0000" + id.substring(0, 4) + "-" + id.substring(4, 8) + "-4a1b-8c2d-" + id;
        }

        String clusterArn(String region, int n) {
            return "arn:aws:rds:" + region + ":" + id + ":cluster:" + clusterId(n);
        }

        String clusterId(int n) {
            return String.format("graph-%s-%04d", id.substring(5), n);
        }
    }

    /** One request as the stub understood it. */
    record Seen(String operation, String accessKey, String account, String region) {
    }

    final WireMockServer server;
    private final Map<String, Account> accounts = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final boolean record;
    private volatile String roleName = DEFAULT_ROLE;
    private volatile boolean organizationsDenied;
    private volatile int delayMillis;
    private volatile int organizationsPage = 20;

    /** A stub for tests: every request is recorded. */
    OrganizationStub() {
        this(true, 50);
    }

    /**
     * @param record whether to keep every request ({@link #seen()}); the benchmark counts only
     * @param threads Jetty threads, enough for the scan's parallelism
     */
    OrganizationStub(boolean record, int threads) {
        this.record = record;
        WireMockConfiguration config = options().dynamicPort().containerThreads(threads)
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(threads)
                .notifier(new ConsoleNotifier(false)).extensions(new Transformer());
        if (!record) {
            config.disableRequestJournal();
        }
        server = new WireMockServer(config);
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(new ResponseDefinitionBuilder()
                .withTransformers(TRANSFORMER)));
    }

    String url() {
        return server.baseUrl();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Adds an account to the organization (listed in the order added); the management account is not implied. */
    Account account(String id, String name) {
        Account a = new Account(id, name);
        accounts.put(id, a);
        return a;
    }

    /** The role name that exists in every member account; any other is refused as AWS refuses it. */
    void roleName(String name) {
        roleName = name;
    }

    /** Organizations refuses ListAccounts (the caller is not the management account or a delegated admin). */
    void denyOrganizations() {
        organizationsDenied = true;
    }

    /** Organizations answers at most this many accounts per page (it may return fewer than MaxResults). */
    void organizationsPage(int size) {
        organizationsPage = size;
    }

    /** Every answer waits this long first, modelling the round trip to AWS. */
    void delay(int millis) {
        delayMillis = millis;
    }

    static String accessKey(String account) {
        return MANAGEMENT.equals(account) ? CALLER_KEY : "ASIA" + account + "STUB";
    }

    static String sessionToken(String account) {
        return "IQoJb3JpZ2luX2VjEXAMPLE" + account + "TOKEN";
    }

    /** Calls of {@code operation} about {@code account} (the account signing, or the role's for AssumeRole). */
    long calls(String account, String operation) {
        LongAdder n = calls.get(account + " " + operation);
        return n == null ? 0 : n.sum();
    }

    /** Every call counted, as "account operation" to count. */
    Map<String, Long> calls() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long totalCalls() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }

    void resetCounts() {
        calls.clear();
        seen.clear();
    }

    /** Every request, in arrival order; empty unless the stub records. */
    List<Seen> seen() {
        return new ArrayList<>(seen);
    }

    private final class Transformer implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return TRANSFORMER;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            ResponseDefinitionBuilder answer = answer(event.getRequest());
            if (delayMillis > 0) {
                answer.withFixedDelay(delayMillis);
            }
            return answer.build();
        }
    }

    private ResponseDefinitionBuilder answer(LoggedRequest request) {
        Matcher credential = CREDENTIAL.matcher(Objects.toString(request.getHeader("Authorization"), ""));
        if (!credential.find()) {
            return status(400, "text/plain", "unsigned request");
        }
        String key = credential.group(1);
        String region = credential.group(2);
        String service = credential.group(3);
        String signer = signer(key, request.getHeader("X-Amz-Security-Token"));
        String target = request.getHeader("X-Amz-Target");
        String operation = target != null && !target.isEmpty() ? target.substring(target.indexOf('.') + 1)
                : form(request.getBodyAsString()).getOrDefault("Action", request.getUrl());
        if ("neptune-graph".equals(service)) {
            // REST-JSON: the operation is in the path, not in an Action or X-Amz-Target
            operation = request.getUrl().startsWith("/snapshots") ? "ListGraphSnapshots" : "ListGraphs";
        }
        String about = signer;
        if ("AssumeRole".equals(operation)) {
            Matcher role = ROLE_ARN.matcher(form(request.getBodyAsString()).getOrDefault("RoleArn", ""));
            about = role.matches() ? role.group(1) : "?";
        }
        calls.computeIfAbsent((about == null ? "?" : about) + " " + operation, k -> new LongAdder()).increment();
        if (record) {
            seen.add(new Seen(operation, key, signer, region));
        }
        return switch (service) {
            case "sts" -> sts(signer, operation, request);
            case "organizations" -> organizations(signer, operation, request);
            case "rds" -> neptune(signer, region, operation, request);
            case "kms" -> kms(signer, region, operation, request);
            case "neptune-graph" -> graphs(signer, request.getUrl());
            default -> status(400, "text/plain", "service " + service + " is not played by the stub");
        };
    }

    /** The account an access key belongs to; null for a key the stub never handed out (or a wrong token). */
    private String signer(String key, String token) {
        if (CALLER_KEY.equals(key)) {
            return MANAGEMENT;
        }
        Matcher m = MEMBER_KEY.matcher(key);
        if (m.matches() && accounts.containsKey(m.group(1)) && sessionToken(m.group(1)).equals(token)) {
            return m.group(1);
        }
        return null;
    }

    private ResponseDefinitionBuilder sts(String signer, String operation, LoggedRequest request) {
        if (signer == null) {
            return xml(403, stsError("InvalidClientTokenId", "The security token included in the request is "
                    + "invalid."));
        }
        if ("GetCallerIdentity".equals(operation)) {
            String arn = MANAGEMENT.equals(signer) ? "arn:aws:iam::" + MANAGEMENT + ":user/auditor"
                    : "arn:aws:sts::" + signer + ":assumed-role/" + roleName + "/" + OrganizationAccess.SESSION_NAME;
            return xml(200, write(w -> {
                w.writeStartElement("GetCallerIdentityResponse");
                w.writeDefaultNamespace(STS_NS);
                w.writeStartElement("GetCallerIdentityResult");
                leaf(w, "Arn", arn);
                leaf(w, "UserId", "AIDAEXAMPLEUSERID");
                leaf(w, "Account", signer);
                w.writeEndElement();
                metadata(w);
                w.writeEndElement();
            }));
        }
        if (!"AssumeRole".equals(operation)) {
            return xml(400, stsError("InvalidAction", "Could not find operation " + operation));
        }
        Map<String, String> form = form(request.getBodyAsString());
        String roleArn = form.getOrDefault("RoleArn", "");
        Matcher role = ROLE_ARN.matcher(roleArn);
        Account target = role.matches() ? accounts.get(role.group(1)) : null;
        String caller = MANAGEMENT.equals(signer) ? "arn:aws:iam::" + MANAGEMENT + ":user/auditor"
                : "arn:aws:sts::" + signer + ":assumed-role/" + roleName + "/x";
        if (!MANAGEMENT.equals(signer) || target == null || target.roleDenied || !roleName.equals(role.group(2))) {
            return xml(403, stsError("AccessDenied", "User: " + caller + " is not authorized to perform: "
                    + "sts:AssumeRole on resource: " + roleArn));
        }
        int seconds = Integer.parseInt(form.getOrDefault("DurationSeconds", "3600"));
        String session = form.getOrDefault("RoleSessionName", "");
        return xml(200, write(w -> {
            w.writeStartElement("AssumeRoleResponse");
            w.writeDefaultNamespace(STS_NS);
            w.writeStartElement("AssumeRoleResult");
            w.writeStartElement("AssumedRoleUser");
            leaf(w, "AssumedRoleId", "AROA3XFRBF535PLBIFPI4:" + session);
            leaf(w, "Arn", "arn:aws:sts::" + target.id + ":assumed-role/" + roleName + "/" + session);
            w.writeEndElement();
            w.writeStartElement("Credentials");
            leaf(w, "AccessKeyId", accessKey(target.id));
            leaf(w, "SecretAccessKey", "memberSecret" + target.id);
            leaf(w, "SessionToken", sessionToken(target.id));
            leaf(w, "Expiration", Instant.now().plusSeconds(seconds).toString());
            w.writeEndElement();
            w.writeEndElement();
            metadata(w);
            w.writeEndElement();
        }));
    }

    private ResponseDefinitionBuilder organizations(String signer, String operation, LoggedRequest request) {
        if (signer == null) {
            return json(400, error("UnrecognizedClientException", "The security token included in the request is "
                    + "invalid."));
        }
        if (!"ListAccounts".equals(operation)) {
            return json(400, error("InvalidInputException", "not played by the stub: " + operation));
        }
        if (organizationsDenied || !MANAGEMENT.equals(signer)) {
            return json(400, error("AccessDeniedException", "You don't have permissions to access this resource."));
        }
        JsonNode body = readJson(request.getBodyAsString());
        int size = Math.min(body.path("MaxResults").asInt(20), organizationsPage);
        String token = body.path("NextToken").asText("");
        int from = token.isEmpty() ? 0 : Integer.parseInt(token.substring("page-".length()));
        List<Account> all;
        synchronized (accounts) {
            all = new ArrayList<>(accounts.values());
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("Accounts");
        for (Account a : all.subList(Math.min(from, all.size()), Math.min(from + size, all.size()))) {
            boolean active = "ACTIVE".equals(a.state);
            list.addObject().put("Id", a.id)
                    .put("Arn", "arn:aws:organizations::" + MANAGEMENT + ":account/o-exampleorgid1/" + a.id)
                    .put("Email", a.name + "@example.com").put("Name", a.name)
                    .put("Status", a.state).put("State", a.state)
                    .put("JoinedMethod", "CREATED").put("JoinedTimestamp", 1.7E9);
        }
        if (from + size < all.size()) {
            out.put("NextToken", "page-" + (from + size));
        }
        return json(200, out.toString());
    }

    private ResponseDefinitionBuilder neptune(String signer, String region, String operation, LoggedRequest request) {
        if (signer == null || !accounts.containsKey(signer)) {
            return xml(403, QueryXml.error("Sender", "InvalidClientTokenId", "The security token included in the "
                    + "request is invalid."));
        }
        Account a = accounts.get(signer);
        String[] refused = a.refusedRegions.get(region);
        if (refused != null) {
            return xml(Integer.parseInt(refused[0]), QueryXml.error("Sender", refused[1], refused[2]));
        }
        Map<String, String> form = form(request.getBodyAsString());
        int page = form.containsKey("Marker") ? Integer.parseInt(form.get("Marker").substring(1)) : 0;
        switch (operation) {
            case "DescribeDBClusters" -> {
                List<Map<String, String>> items = new ArrayList<>();
                int last = Math.min(a.clusters, (page + 1) * NEPTUNE_PAGE);
                for (int n = page * NEPTUNE_PAGE + 1; n <= last; n++) {
                    boolean encrypted = n <= a.clusters - a.unencrypted;
                    items.add(QueryXml.cluster(region, a.id, a.clusterId(n), encrypted ? a.keyArn(region) : null,
                            "available"));
                }
                return xml(200, QueryXml.clustersPage(items, last < a.clusters ? "p" + (page + 1) : null));
            }
            case "DescribeDBClusterSnapshots" -> {
                return xml(200, QueryXml.snapshotsPage(List.of(QueryXml.snapshot(region, a.id,
                        a.clusterId(1) + "-snap", a.clusterId(1), a.keyArn(region))), null));
            }
            case "ListTagsForResource" -> {
                return xml(200, QueryXml.tags(Map.of()));
            }
            default -> {
                return xml(400, QueryXml.error("Sender", "InvalidAction", "not played by the stub: " + operation));
            }
        }
    }

    private ResponseDefinitionBuilder kms(String signer, String region, String operation, LoggedRequest request) {
        if (signer == null || !accounts.containsKey(signer)) {
            return json(400, error("UnrecognizedClientException", "The security token included in the request is "
                    + "invalid."));
        }
        Account a = accounts.get(signer);
        JsonNode body = readJson(request.getBodyAsString());
        String keyId = body.path("KeyId").asText("");
        boolean ours = keyId.equals(a.keyArn(region)) || keyId.equals(a.keyId());
        switch (operation) {
            case "DescribeKey" -> {
                if (!ours) {
                    return json(400, error("NotFoundException", "Key '" + keyId + "' does not exist"));
                }
                ObjectNode out = Json.MAPPER.createObjectNode();
                out.putObject("KeyMetadata").put("AWSAccountId", a.id).put("KeyId", a.keyId())
                        .put("Arn", a.keyArn(region)).put("CreationDate", 1.7E9).put("Enabled", true)
                        .put("Description", "graph data").put("KeyUsage", "ENCRYPT_DECRYPT")
                        .put("KeyState", "Enabled").put("Origin", "AWS_KMS").put("KeyManager", "CUSTOMER")
                        .put("CustomerMasterKeySpec", "SYMMETRIC_DEFAULT").put("KeySpec", "SYMMETRIC_DEFAULT")
                        .put("MultiRegion", false);
                return json(200, out.toString());
            }
            case "GetKeyRotationStatus" -> {
                if (!ours) {
                    return json(400, error("NotFoundException", "Key '" + keyId + "' does not exist"));
                }
                return json(200, Json.MAPPER.createObjectNode().put("KeyRotationEnabled", true)
                        .put("KeyId", a.keyArn(region)).toString());
            }
            case "ListAliases" -> {
                ObjectNode out = Json.MAPPER.createObjectNode();
                out.putArray("Aliases").addObject().put("AliasName", "alias/graph")
                        .put("AliasArn", "arn:aws:kms:" + region + ":" + a.id + ":alias/graph")
                        .put("TargetKeyId", a.keyId());
                out.put("Truncated", false);
                return json(200, out.toString());
            }
            default -> {
                return json(400, error("UnsupportedOperationException", "not played by the stub: " + operation));
            }
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        if (body == null || body.isEmpty() || body.startsWith("{")) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), UTF_8), URLDecoder.decode(pair.substring(eq + 1),
                        UTF_8));
            }
        }
        return out;
    }

    /**
     * Neptune Analytics (REST-JSON): every account has no graphs and no graph snapshots; a caller the stub does not
     * know gets the service's own refusal ({@code x-amzn-ErrorType}).
     */
    private ResponseDefinitionBuilder graphs(String signer, String path) {
        if (signer == null || !accounts.containsKey(signer)) {
            return status(403, "application/json", "{\"message\": \"The security token included in the request is "
                    + "invalid.\"}").withHeader("x-amzn-ErrorType", "UnrecognizedClientException");
        }
        String list = path.startsWith("/snapshots") ? "graphSnapshots" : "graphs";
        return status(200, "application/json", "{\"" + list + "\": []}");
    }

    private static ResponseDefinitionBuilder status(int status, String type, String body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", type).withBody(body);
    }

    private static ResponseDefinitionBuilder xml(int status, String body) {
        return status(status, "text/xml", body);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return status(status, "application/x-amz-json-1.1", body);
    }

    private static String error(String type, String message) {
        return Json.MAPPER.createObjectNode().put("__type", type).put("message", message).toString();
    }

    private static String stsError(String code, String message) {
        return write(w -> {
            w.writeStartElement("ErrorResponse");
            w.writeDefaultNamespace(STS_NS);
            w.writeStartElement("Error");
            leaf(w, "Type", "Sender");
            leaf(w, "Code", code);
            leaf(w, "Message", message);
            w.writeEndElement();
            leaf(w, "RequestId", "4e8b8a3c-1f2d-4c1e-9a7b-3b9c2d1e0f11");
            w.writeEndElement();
        });
    }

    private static void metadata(XMLStreamWriter w) throws XMLStreamException {
        w.writeStartElement("ResponseMetadata");
        leaf(w, "RequestId", "c6104cbe-af31-11e0-8154-cbc7ccf896c7");
        w.writeEndElement();
    }

    private static void leaf(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out);
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static JsonNode readJson(String text) {
        try {
            return text == null || text.isEmpty() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distinct access keys that signed requests of these operations. */
    Set<String> keysFor(String... operations) {
        Set<String> ops = Set.of(operations);
        Set<String> keys = new TreeSet<>();
        seen.stream().filter(s -> ops.contains(s.operation())).forEach(s -> keys.add(s.accessKey()));
        return keys;
    }
}
