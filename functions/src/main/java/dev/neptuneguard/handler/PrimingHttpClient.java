package dev.neptuneguard.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that never touches the network: it answers every AWS request in memory, in the protocol the
 * request was made in, from the small canned responses under {@code priming/wire/} (named after the operation:
 * {@code DescribeKey.json}, {@code DescribeDBClusters.xml}, {@code ListGraphs.json}, ...). An operation without a file gets an empty success
 * ({@code {}} for JSON, an empty {@code <OpResponse>} for Query/XML). SQS batches are answered as accepted, with the
 * body checksums the SDK verifies.
 *
 * <p>It exists for SnapStart priming only ({@link Priming}): SDK clients built on it run the whole request path —
 * marshalling, signing, retries, unmarshalling, our inventory and sinks — before the snapshot, with dummy
 * credentials and without a single packet leaving the function.
 */
final class PrimingHttpClient implements SdkHttpClient {

    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, Integer> operations = new ConcurrentSkipListMap<>();

    /** How many requests were answered: a priming step that made none exercised less than it claims. */
    int requests() {
        return requests.get();
    }

    /** How many requests of each operation were answered, by operation name (sorted). */
    Map<String, Integer> operations() {
        return Map.copyOf(operations);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                requests.incrementAndGet();
                return answer(request, operations);
            }

            @Override
            public void abort() {
                // Nothing in flight: the answer is computed in call().
            }
        };
    }

    @Override
    public void close() {
        // No connections to release.
    }

    private static HttpExecuteResponse answer(HttpExecuteRequest request, Map<String, Integer> operations)
            throws IOException {
        SdkHttpRequest http = request.httpRequest();
        byte[] body = request.contentStreamProvider().isPresent()
                ? request.contentStreamProvider().get().newStream().readAllBytes() : new byte[0];
        String text = new String(body, StandardCharsets.UTF_8);
        String target = http.firstMatchingHeader("X-Amz-Target").orElse(null);
        String response;
        String contentType;
        if (target != null) {
            String operation = target.substring(target.indexOf('.') + 1);
            operations.merge(operation, 1, Integer::sum);
            response = operation.equals("SendMessageBatch") ? acceptBatch(text) : canned(operation + ".json", "{}");
            contentType = "application/x-amz-json-1.1";
        } else if (text.startsWith("Action=") || text.contains("&Action=")) {
            String operation = queryAction(text);
            operations.merge(operation, 1, Integer::sum);
            response = canned(operation + ".xml", "<" + operation + "Response><" + operation + "Result/></"
                    + operation + "Response>");
            contentType = "text/xml";
        } else {
            String operation = restOperation(http);
            operations.merge(operation, 1, Integer::sum);
            response = canned(operation + ".json", "{}");
            contentType = "application/json";
        }
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", contentType)
                        .putHeader("Content-Length", Integer.toString(bytes.length))
                        .putHeader("x-amzn-RequestId", "00000000-0000-4000-8000-00000000000f").build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                .build();
    }

    private static String queryAction(String form) {
        for (String pair : form.split("&")) {
            if (pair.startsWith("Action=")) {
                return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
            }
        }
        return "Unknown";
    }

    /**
     * REST-JSON services name the operation by method and path: Security Hub's import, Scheduler's schedules, and
     * Neptune Analytics' reads ({@code GET /graphs}, {@code /graphs/{id}}, {@code /snapshots}, {@code /snapshots/{id}},
     * {@code /tags/{arn}}).
     */
    private static String restOperation(SdkHttpRequest http) {
        String path = http.encodedPath();
        if (path.startsWith("/findings/import")) {
            return "BatchImportFindings";
        }
        if (http.method() == SdkHttpMethod.GET) {
            if (path.equals("/graphs")) {
                return "ListGraphs";
            }
            if (path.startsWith("/graphs/")) {
                return "GetGraph";
            }
            if (path.equals("/snapshots")) {
                return "ListGraphSnapshots";
            }
            if (path.startsWith("/snapshots/")) {
                return "GetGraphSnapshot";
            }
            if (path.startsWith("/tags/")) {
                return "ListGraphTags";
            }
        }
        if (path.startsWith("/schedules/")) {
            return http.method() == SdkHttpMethod.POST ? "CreateSchedule"
                    : http.method() == SdkHttpMethod.DELETE ? "DeleteSchedule" : "GetSchedule";
        }
        return "Unknown";
    }

    /** SQS SendMessageBatch: every entry accepted, with the MD5 of its body that the SDK checks. */
    private static String acceptBatch(String request) throws IOException {
        JsonNode entries = Json.MAPPER.readTree(request).path("Entries");
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode ok = out.putArray("Successful");
        out.putArray("Failed");
        int n = 0;
        for (JsonNode entry : entries) {
            ok.addObject().put("Id", entry.path("Id").asText()).put("MessageId", "priming-" + n++)
                    .put("MD5OfMessageBody", md5(entry.path("MessageBody").asText()));
        }
        return out.toString();
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JDK", e);
        }
    }

    private static String canned(String file, String fallback) {
        try (InputStream in = PrimingHttpClient.class.getResourceAsStream("/priming/wire/" + file)) {
            return in == null ? fallback : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
