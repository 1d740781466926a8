package dev.neptuneguard.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A WireMock extension that answers SQS's JSON 1.0 protocol ({@code X-Amz-Target: AmazonSQS.SendMessageBatch})
 * like the service: every entry is answered in {@code Successful} (with its new {@code MessageId} and the MD5 of
 * its body, which the SDK checks) or in {@code Failed} ({@code Id}, {@code SenderFault}, {@code Code},
 * {@code Message}). Accepted bodies are kept, so a test can hand them to the exporter. {@link #failEntries} makes
 * the entries whose body contains a text fail with a code.
 */
public final class FakeSqsQueue implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-sqs";
    public static final String TARGET = "AmazonSQS.SendMessageBatch";

    /** The accepted messages, in order: (message id, body). */
    public final List<Map.Entry<String, String>> messages = new CopyOnWriteArrayList<>();
    private final Map<String, String[]> failures = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** Entries whose body contains {@code text} fail with {@code code} (sender fault or not). */
    public void failEntries(String text, String code, boolean senderFault) {
        failures.put(text, new String[] {code, Boolean.toString(senderFault)});
    }

    public List<String> bodies() {
        return messages.stream().map(Map.Entry::getValue).toList();
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String target = event.getRequest().getHeader("X-Amz-Target");
        if (!TARGET.equals(target)) {
            return error(400, "UnsupportedOperation", "not emulated: " + target);
        }
        JsonNode body = read(event.getRequest().getBodyAsString());
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode ok = out.putArray("Successful");
        ArrayNode failed = out.putArray("Failed");
        for (JsonNode entry : body.get("Entries")) {
            String id = entry.get("Id").asText();
            String message = entry.get("MessageBody").asText();
            String[] failure = failures.entrySet().stream().filter(f -> message.contains(f.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (failure != null) {
                failed.addObject().put("Id", id).put("SenderFault", Boolean.parseBoolean(failure[1]))
                        .put("Code", failure[0]).put("Message", "emulated failure " + failure[0]);
                continue;
            }
            String messageId = UUID.randomUUID().toString();
            messages.add(Map.entry(messageId, message));
            ok.addObject().put("Id", id).put("MessageId", messageId).put("MD5OfMessageBody", md5(message));
        }
        ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.0").withBody(out.toString());
        // A stub that delays the queue's answer (a timeout fault) keeps its delay.
        Integer delay = event.getResponseDefinition().getFixedDelayMilliseconds();
        return (delay == null ? answer : answer.withFixedDelay(delay)).build();
    }

    /** An SQS JSON error: {@code __type} and the query-compatible {@code x-amzn-query-error} header. */
    public static ResponseDefinition error(int status, String code, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("__type", "com.amazonaws.sqs#" + code);
        body.put("message", message);
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withHeader("x-amzn-query-error", code + ";" + (status >= 500 ? "Receiver" : "Sender"))
                .withBody(body.toString()).build();
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
