package dev.neptuneguard.hostile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.neptuneguard.json.Json;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Applies {@link Mutation}s to fixture trees with a seeded {@link Random}, so that jqwik's seed reproduces a
 * case exactly. Each step returns a short description of what it did, which the failing sample prints.
 * Half of the picks aim at the fields the parsers read ({@code source}, {@code engine}, {@code kmsKeyId}, ...):
 * a random field of a CloudTrail record is most often {@code tlsDetails} or {@code userIdentity}, which
 * exercise little.
 */
final class Mutator {

    static final int HUGE = 100_000;

    /**
     * Writes trees nested deeper than Jackson's default write limit (1,000), which the deep-nesting cases need;
     * the guard's own mapper keeps the default read limit, which is what those cases test.
     */
    static final ObjectMapper WRITER = JsonMapper.builder(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(100_000).build())
            .build()).build();

    /** Field names the event parsers read, in lower case (lookups are case-insensitive). */
    static final Set<String> READ_BY_PARSERS = Set.of("source", "detail-type", "detail", "id", "time", "account",
            "region", "resources", "eventname", "eventsource", "eventtime", "eventid", "errorcode", "errormessage",
            "requestparameters", "responseelements", "useridentity", "arn", "invokedby", "type", "awsregion",
            "recipientaccountid", "engine", "dbclusteridentifier", "dbclusterarn", "dbclusterresourceid",
            "storageencrypted", "kmskeyid", "status", "deletionprotection", "dbclustersnapshotidentifier",
            "targetdbclustersnapshotidentifier", "dbclustersnapshotarn", "snapshottype", "snapshotcreatetime",
            "keyid", "key-id", "keystate", "deletiondate", "pendingwindowindays", "customkeystoreid", "grantid",
            "policy", "invokingevent", "ruleparameters", "configurationitem", "configuration", "resulttoken",
            "messagetype", "notificationcreationtime", "eventleftscope", "configurationitemsummary",
            "configurationitemstatus", "configurationitemcapturetime", "resourcetype", "resourceid", "resourcename",
            "awsaccountid", "accountid", "tags", "kmskeyarns", "allowedkeyarns", "resourcetypes", "records", "sns",
            "message", "messageattributes", "value", "ruleid", "severity", "title", "resourcearn",
            "affectedresources", "affectedresourcestotal", "suppressed", "remediation");

    /**
     * Fields that AWS sends as JSON text holding an object: Config's {@code invokingEvent}, {@code ruleParameters}
     * and a history item's {@code configuration}, SNS's {@code Message}. Mutations only reach inside them once
     * they are unwrapped.
     */
    static final Set<String> EMBEDDED_JSON = Set.of("invokingevent", "ruleparameters", "configuration", "message");

    static final List<String> NASTY_UNICODE = List.of(
            "\u202Egraph-prod",                 // right-to-left override
            "graph\u200Bprod",                  // zero-width space
            "\uFEFFneptune",                    // byte order mark
            "\uD83D\uDD25\uD83D\uDD11",         // emoji (surrogate pairs)
            "\u0000",                           // NUL
            "graph-prod\u0000",
            "\uD800",                           // lone high surrogate
            "\uDC00",                           // lone low surrogate
            "\uDC00\uD800",                     // reversed pair
            "e\u0301\u0301\u0301",              // stacked combining accents
            "\u0646\u0628\u062A\u0648\u0646",   // Arabic script
            "\uFF4E\uFF45\uFF50\uFF54\uFF55\uFF4E\uFF45", // full-width "neptune"
            "NEPTUNE",
            "\uFFFF\uFFFE",                     // non-characters
            "\n\r\t\"\\/",
            "\u0130stanbul",                    // dotted capital I (case mapping traps)
            "$(reboot); rm -rf / #",
            "\u001B[31mred\u001B[0m",           // terminal escape
            "\u2028\u2029");                    // line and paragraph separators

    static final List<String> ODD_STRINGS = List.of("", " ", "null", "true", "0", "-1", "NaN", "neptune",
            "aurora-mysql", "aws.rds", "aws.kms", "AWS API Call via CloudTrail", "arn:",
            "arn:aws:kms:us-east-1:111122223333:key/",
            "arn:aws:rds:us-east-1:111122223333:cluster:", "alias/", "alias/aws/rds", "2026-11-18T10:02:47Z",
            "Nov 31, 2026 25:61:61 PM", "Feb 30, 2026 10:00:00 AM", "99999999999999999999", "1e400", "-0",
            "+1000000000-01-01T00:00:00Z", "inaccessible-encryption-credentials", "graph-prod", "graph-analytics",
            "1234abcd-12ab-34cd-56ef-1234567890ab", "{\"source\":\"aws.rds\"}");

    static final List<String> HUGE_UNITS = List.of("a", "9", " ", "\uD83D\uDD25", "\u202E", "\u0000", "neptune ",
            "\\\"", "-");

    static final List<String> DETAIL_TYPES = List.of("AWS Service Event via CloudTrail", "aws api call via cloudtrail",
            "AWS API Call via CloudTrail ", "KMS CMK Rotation", "KMS CMK Deletion",
            "KMS Imported Key Material Expiration",
            "Scheduled Event", "Object Created", "");

    static final List<String> SOURCES = List.of("aws.kms", "aws.rds", "aws.ec2", "aws.s3", "aws.neptune", "aws.config",
            "aws.events", "aws.scheduler", "AWS.RDS", " aws.rds", "rds.amazonaws.com", "aws.kms\u0000", "");

    /** Other services' CloudTrail calls: source, eventSource, eventName. */
    static final List<List<String>> OTHER_CALLS = List.of(
            List.of("aws.ec2", "ec2.amazonaws.com", "RunInstances"),
            List.of("aws.s3", "s3.amazonaws.com", "PutBucketEncryption"),
            List.of("aws.iam", "iam.amazonaws.com", "CreateRole"),
            List.of("aws.neptune-graph", "neptune-graph.amazonaws.com", "CreateGraph"),
            List.of("aws.secretsmanager", "secretsmanager.amazonaws.com", "GetSecretValue"),
            List.of("aws.dynamodb", "dynamodb.amazonaws.com", "CreateTable"),
            List.of("aws.cloudtrail", "cloudtrail.amazonaws.com", "StopLogging"));

    static final List<String> OTHER_RDS_CALLS = List.of("ModifyDBCluster", "DeleteDBInstance", "StartDBCluster",
            "DescribeDBClusters", "CreateDBProxy", "AddTagsToResource", "createdbcluster");

    static final List<String> OTHER_KMS_CALLS = List.of("Decrypt", "GenerateDataKey", "CreateKey", "TagResource",
            "ListAliases", "RotateKeyOnDemand", "disablekey");

    static final List<String> WATCHED_CALLS = List.of("CreateDBCluster", "RestoreDBClusterFromSnapshot",
            "RestoreDBClusterToPointInTime", "CreateDBClusterSnapshot", "CopyDBClusterSnapshot", "DisableKey",
            "ScheduleKeyDeletion", "DeleteImportedKeyMaterial", "DisconnectCustomKeyStore", "RevokeGrant",
            "RetireGrant", "PutKeyPolicy", "EnableKey", "CancelKeyDeletion", "ImportKeyMaterial",
            "ConnectCustomKeyStore", "KMS CMK Deletion", "KMS Imported Key Material Expiration");

    /** Depths around Jackson's read limit of 1,000 (the event's own levels add to them), and one shallow. */
    static final List<Integer> DEPTHS = List.of(64, 500, 990, 999, 1000, 1001, 1024, 1500, 2000);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** 20,000 digits: far past Jackson's number length limit (1,000), and cheap enough to print at every try. */
    private static final BigInteger HUGE_NUMBER = new BigInteger("9".repeat(20_000));

    private final Random random;
    private final List<EventCorpus.Fixture> corpus;

    Mutator(Random random, List<EventCorpus.Fixture> corpus) {
        this.random = random;
        this.corpus = corpus;
    }

    /** The result of one tree step: the (possibly new) root and what was done. */
    record Step(JsonNode root, String description) {
    }

    Step apply(Mutation mutation, JsonNode root) {
        return switch (mutation) {
            case REMOVE_FIELD -> removeField(root);
            case SWAP_TYPE -> swapType(root);
            case SET_NULL -> setNull(root);
            case HUGE_STRING -> huge(root);
            case UNICODE -> unicode(root);
            case DEEP_NESTING -> deepNesting(root);
            case WRONG_ENVELOPE -> wrongEnvelope(root);
            case OTHER_SERVICE -> otherService(root);
            case SPLICE -> splice(root);
            default -> throw new IllegalArgumentException(mutation + " works on text, not on a tree");
        };
    }

    /**
     * Half of the time, replaces the {@link #EMBEDDED_JSON} strings (at any depth, nested ones too) by the objects
     * they hold, so that the next mutations can reach inside; {@link #rewrap} turns them back into strings.
     *
     * @return the JSON pointers of the unwrapped fields, outermost first
     */
    List<String> unwrapEmbedded(JsonNode root) {
        List<String> pointers = new ArrayList<>();
        if (random.nextBoolean()) {
            return pointers;
        }
        Deque<Slot> todo = new ArrayDeque<>();
        pushChildren(root, "", todo);
        while (!todo.isEmpty()) {
            Slot s = todo.removeLast();
            JsonNode value = s.value();
            if (s.field() != null && value.isTextual() && EMBEDDED_JSON.contains(s.field().toLowerCase(Locale.ROOT))) {
                try {
                    JsonNode parsed = Json.MAPPER.readTree(value.asText());
                    if (parsed != null && parsed.isObject()) {
                        s.set(parsed);
                        pointers.add(s.pointer());
                        value = parsed;
                    }
                } catch (JsonProcessingException e) {
                    // Not JSON: leave the string as it is.
                }
            }
            pushChildren(value, s.path(), s.pointer(), todo);
        }
        return pointers;
    }

    /** Serializes the fields unwrapped by {@link #unwrapEmbedded} back to strings, innermost first. */
    static JsonNode rewrap(JsonNode root, List<String> pointers) {
        for (int i = pointers.size() - 1; i >= 0; i--) {
            String pointer = pointers.get(i);
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = root.at(pointer.substring(0, slash));
            String name = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
            if (parent.isObject() && parent.get(name) != null && parent.get(name).isContainerNode()) {
                ((ObjectNode) parent).put(name, write(parent.get(name)));
            }
        }
        return root;
    }

    /** TRUNCATE: the text cut somewhere before its end. */
    String truncate(String text) {
        return text.isEmpty() ? text : text.substring(0, random.nextInt(text.length()));
    }

    /** RANDOM_BYTES: garbage of several kinds; the description names the kind. */
    byte[] randomBytes(JsonNode event, List<String> steps) {
        int variant = random.nextInt(6);
        switch (variant) {
            case 0 -> {
                byte[] b = new byte[random.nextInt(4097)];
                random.nextBytes(b);
                steps.add("RANDOM_BYTES " + b.length + " random bytes");
                return b;
            }
            case 1 -> {
                byte[] b = new byte[1 + random.nextInt(512)];
                random.nextBytes(b);
                b[0] = '{';
                steps.add("RANDOM_BYTES '{' then " + (b.length - 1) + " random bytes");
                return b;
            }
            case 2 -> {
                List<String> tokens = List.of("{", "}", "[", "]", ":", ",", "\"source\"", "\"aws.rds\"", "\"detail\"",
                        "\"detail-type\"", "null", "true", "1e999", "-", "\"", "\\", "\"\\u", "0x1F", "NaN", " ");
                StringBuilder sb = new StringBuilder();
                int n = 1 + random.nextInt(200);
                for (int i = 0; i < n; i++) {
                    sb.append(pick(tokens));
                }
                steps.add("RANDOM_BYTES " + n + " JSON-like tokens");
                return sb.toString().getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                steps.add("RANDOM_BYTES the event in UTF-16");
                return write(event).getBytes(StandardCharsets.UTF_16);
            }
            case 4 -> {
                steps.add("RANDOM_BYTES the event after a UTF-8 byte order mark");
                return ("\uFEFF" + write(event)).getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                byte[] b = new byte[random.nextInt(64)];
                steps.add("RANDOM_BYTES " + b.length + " zero bytes");
                return b;
            }
        }
    }

    /** BYTE_FLIP: 1 to 16 bytes of the UTF-8 text changed to other, random values. */
    byte[] flipBytes(byte[] utf8, List<String> steps) {
        byte[] b = utf8.clone();
        int flips = 1 + random.nextInt(16);
        for (int i = 0; i < flips && b.length > 0; i++) {
            int at = random.nextInt(b.length);
            b[at] = (byte) (b[at] ^ (1 + random.nextInt(255)));
        }
        steps.add("BYTE_FLIP " + flips + " bytes");
        return b;
    }

    static String write(JsonNode tree) {
        try {
            return WRITER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Step removeField(JsonNode root) {
        boolean elementsToo = random.nextInt(5) == 0;
        Slot slot = pickSlot(root, s -> elementsToo || s.field() != null);
        if (slot == null) {
            return new Step(root, "REMOVE_FIELD nothing to remove");
        }
        slot.remove();
        return new Step(root, "REMOVE_FIELD " + slot.path());
    }

    private Step swapType(JsonNode root) {
        if (random.nextInt(20) == 0) {
            JsonNode replacement = otherType(root);
            return new Step(replacement, "SWAP_TYPE root -> " + describe(replacement));
        }
        Slot slot = pickSlot(root, s -> true);
        if (slot == null) {
            return new Step(root, "SWAP_TYPE nothing to swap");
        }
        JsonNode replacement = otherType(slot.value());
        slot.set(replacement);
        return new Step(root, "SWAP_TYPE " + slot.path() + " -> " + describe(replacement));
    }

    private Step setNull(JsonNode root) {
        if (random.nextInt(20) == 0) {
            return new Step(NullNode.getInstance(), "SET_NULL root");
        }
        Slot slot = pickSlot(root, s -> !s.value().isNull());
        if (slot == null) {
            return new Step(root, "SET_NULL nothing to set");
        }
        slot.set(NullNode.getInstance());
        return new Step(root, "SET_NULL " + slot.path());
    }

    private Step huge(JsonNode root) {
        Slot slot = pickSlot(root, s -> true);
        if (slot == null) {
            return new Step(root, "HUGE_STRING nothing to grow");
        }
        int variant = random.nextInt(5);
        switch (variant) {
            case 0 -> {
                String unit = pick(HUGE_UNITS);
                slot.set(TextNode.valueOf(repeat(unit, HUGE)));
                return new Step(root, "HUGE_STRING " + slot.path() + " = " + HUGE + " chars of " + escape(unit));
            }
            case 1 -> {
                String original = slot.value().isValueNode() ? slot.value().asText() : "";
                slot.set(TextNode.valueOf(original + repeat(pick(HUGE_UNITS), HUGE)));
                return new Step(root, "HUGE_STRING " + slot.path() + " padded to " + HUGE + " chars");
            }
            case 2 -> {
                if (slot.field() == null) {
                    slot.set(TextNode.valueOf(repeat("x", HUGE)));
                    return new Step(root, "HUGE_STRING " + slot.path() + " = " + HUGE + " x");
                }
                // Jackson rejects names over 50,000 characters; a shorter huge name gets through to the parser.
                String name = slot.field() + repeat(pick(HUGE_UNITS), random.nextBoolean() ? HUGE : 20_000);
                JsonNode value = slot.value();
                slot.remove();
                ((ObjectNode) slot.parent()).set(name, value);
                return new Step(root, "HUGE_STRING field name " + slot.path() + " grown to " + name.length()
                        + " chars");
            }
            case 3 -> {
                slot.set(BigIntegerNode.valueOf(HUGE_NUMBER));
                return new Step(root, "HUGE_STRING " + slot.path() + " = a 20000-digit number");
            }
            default -> {
                ArrayNode many = NODES.arrayNode();
                String unit = pick(ODD_STRINGS);
                for (int i = 0; i < 10_000; i++) {
                    many.add(unit);
                }
                slot.set(many);
                return new Step(root, "HUGE_STRING " + slot.path() + " = 10000 x '" + escape(unit) + "'");
            }
        }
    }

    private Step unicode(JsonNode root) {
        String nasty = pick(NASTY_UNICODE);
        Slot slot = pickSlot(root, s -> true);
        if (slot == null) {
            return new Step(root, "UNICODE nothing to change");
        }
        int variant = random.nextInt(4);
        if (variant == 0) {
            slot.set(TextNode.valueOf(nasty));
            return new Step(root, "UNICODE " + slot.path() + " = '" + escape(nasty) + "'");
        }
        if (variant == 1) {
            String original = slot.value().isValueNode() ? slot.value().asText() : "";
            String value = random.nextBoolean() ? original + nasty : nasty + original;
            slot.set(TextNode.valueOf(value));
            return new Step(root, "UNICODE " + slot.path() + " = '" + escape(value) + "'");
        }
        if (variant == 2 && slot.field() != null) {
            JsonNode value = slot.value();
            String name = random.nextBoolean() ? slot.field().toUpperCase(Locale.ROOT)
                    : slot.field().substring(0, slot.field().length() / 2) + nasty
                    + slot.field().substring(slot.field().length() / 2);
            slot.remove();
            ((ObjectNode) slot.parent()).set(name, value);
            return new Step(root, "UNICODE field " + slot.path() + " renamed '" + escape(name) + "'");
        }
        ObjectNode target = slot.parent().isObject() ? (ObjectNode) slot.parent() : null;
        if (target == null) {
            slot.set(TextNode.valueOf(nasty));
            return new Step(root, "UNICODE " + slot.path() + " = '" + escape(nasty) + "'");
        }
        target.put(nasty, nasty);
        return new Step(root, "UNICODE new field '" + escape(nasty) + "' beside " + slot.path());
    }

    private Step deepNesting(JsonNode root) {
        int depth = pick(DEPTHS);
        boolean arrays = random.nextBoolean();
        boolean mixed = random.nextBoolean();
        Slot slot = random.nextInt(4) == 0 ? null : pickSlot(root, s -> true);
        JsonNode inner = slot == null ? root : slot.value();
        JsonNode chain = inner;
        for (int i = 0; i < depth; i++) {
            boolean array = mixed ? random.nextBoolean() : arrays;
            chain = array ? NODES.arrayNode().add(chain) : NODES.objectNode().set("n", chain);
        }
        String shape = mixed ? "mixed" : arrays ? "array" : "object";
        if (slot == null) {
            return new Step(chain, "DEEP_NESTING root wrapped " + depth + " deep (" + shape + ")");
        }
        slot.set(chain);
        return new Step(root, "DEEP_NESTING " + slot.path() + " wrapped " + depth + " deep (" + shape + ")");
    }

    private Step wrongEnvelope(JsonNode root) {
        if (!root.isObject()) {
            return new Step(root, "WRONG_ENVELOPE root is not an object");
        }
        ObjectNode event = (ObjectNode) root;
        JsonNode detail = event.get("detail");
        switch (random.nextInt(11)) {
            case 0 -> {
                event.put("detail", detail == null ? "{}" : write(detail));
                return new Step(root, "WRONG_ENVELOPE detail as a JSON string");
            }
            case 1 -> {
                event.set("detail", NODES.arrayNode().add(detail == null ? NODES.objectNode() : detail));
                return new Step(root, "WRONG_ENVELOPE detail inside an array");
            }
            case 2 -> {
                event.remove("detail-type");
                return new Step(root, "WRONG_ENVELOPE detail-type removed");
            }
            case 3 -> {
                String type = pick(DETAIL_TYPES);
                event.put("detail-type", type);
                return new Step(root, "WRONG_ENVELOPE detail-type = '" + type + "'");
            }
            case 4 -> {
                String source = pickOther(SOURCES, event.path("source").asText());
                event.put("source", source);
                return new Step(root, "WRONG_ENVELOPE source = '" + escape(source) + "'");
            }
            case 5 -> {
                event.remove("source");
                return new Step(root, "WRONG_ENVELOPE source removed");
            }
            case 6 -> {
                return wrap(event);
            }
            case 7 -> {
                event.remove("detail");
                return new Step(root, "WRONG_ENVELOPE detail removed");
            }
            case 8 -> {
                String source = event.path("source").asText();
                event.put("Source", source.equals("aws.kms") ? "aws.rds" : "aws.kms");
                event.set("DETAIL-TYPE", event.remove("detail-type"));
                return new Step(root, "WRONG_ENVELOPE 'Source' contradicts 'source', 'detail-type' upper-cased");
            }
            case 9 -> {
                JsonNode code = pick(List.<JsonNode>of(TextNode.valueOf("AccessDenied"), TextNode.valueOf(""),
                        IntNode.valueOf(403), NODES.objectNode().put("code", "x"), NullNode.getInstance()));
                if (detail instanceof ObjectNode d) {
                    d.set("errorCode", code);
                }
                return new Step(root, "WRONG_ENVELOPE detail.errorCode = " + describe(code));
            }
            default -> {
                ArrayNode odd = NODES.arrayNode().add("").add(42).addNull().add(NODES.objectNode().put("ARN", 42))
                        .add("arn:aws:kms:us-east-1:111122223333:key/").add(NODES.objectNode().put("ARN", ":key/"));
                JsonNode resources = random.nextBoolean() ? odd : TextNode.valueOf("arn:aws:kms:us-east-1:1:key/x");
                if (random.nextBoolean() || !(detail instanceof ObjectNode)) {
                    event.set("resources", resources);
                    return new Step(root, "WRONG_ENVELOPE resources = " + describe(resources));
                }
                ((ObjectNode) detail).set("resources", resources);
                return new Step(root, "WRONG_ENVELOPE detail.resources = " + describe(resources));
            }
        }
    }

    private Step wrap(ObjectNode event) {
        switch (random.nextInt(4)) {
            case 0 -> {
                ObjectNode sqs = NODES.objectNode();
                sqs.putArray("Records").addObject().put("body", write(event));
                return new Step(sqs, "WRONG_ENVELOPE wrapped in an SQS-style Records[].body string");
            }
            case 1 -> {
                return new Step(NODES.arrayNode().add(event), "WRONG_ENVELOPE wrapped in an array");
            }
            case 2 -> {
                return new Step(NODES.objectNode().set("detail", event), "WRONG_ENVELOPE wrapped as another's detail");
            }
            default -> {
                return new Step(TextNode.valueOf(write(event)), "WRONG_ENVELOPE the whole event as a JSON string");
            }
        }
    }

    private Step otherService(JsonNode root) {
        if (!root.isObject()) {
            return new Step(root, "OTHER_SERVICE root is not an object");
        }
        ObjectNode event = (ObjectNode) root;
        ObjectNode detail = event.get("detail") instanceof ObjectNode d ? d : event.putObject("detail");
        switch (random.nextInt(3)) {
            case 0 -> {
                List<String> call = OTHER_CALLS.get(random.nextInt(OTHER_CALLS.size()));
                event.put("source", call.get(0));
                detail.put("eventSource", call.get(1));
                detail.put("eventName", call.get(2));
                return new Step(root, "OTHER_SERVICE " + call.get(0) + " " + call.get(2));
            }
            case 1 -> {
                boolean kms = "aws.kms".equals(event.path("source").asText());
                String name = pick(kms ? OTHER_KMS_CALLS : OTHER_RDS_CALLS);
                detail.put("eventName", name);
                return new Step(root, "OTHER_SERVICE eventName = " + name + " (same service)");
            }
            default -> {
                String name = pickOther(WATCHED_CALLS, detail.path("eventName").asText());
                detail.put("eventName", name);
                return new Step(root, "OTHER_SERVICE eventName = " + name + " (maybe the other service's)");
            }
        }
    }

    private Step splice(JsonNode root) {
        // A few attempts, because a donor may hold the very same value (two fixtures share most of a record).
        for (int attempt = 0; attempt < 5; attempt++) {
            EventCorpus.Fixture donor = corpus.get(random.nextInt(corpus.size()));
            JsonNode donorDetail = donor.tree().get("detail");
            if (random.nextBoolean() && root instanceof ObjectNode event && donorDetail != null
                    && !donorDetail.equals(event.get("detail"))) {
                event.set("detail", donorDetail.deepCopy());
                return new Step(root, "SPLICE detail from " + donor.name());
            }
            Slot slot = pickSlot(root, s -> true);
            Slot from = pickSlot(donor.tree(), s -> true);
            if (slot != null && from != null && !from.value().equals(slot.value())) {
                slot.set(from.value().deepCopy());
                return new Step(root, "SPLICE " + slot.path() + " <- " + donor.name() + " " + from.path());
            }
        }
        return new Step(root, "SPLICE nothing to splice");
    }

    /** A value of another JSON type than {@code current}, mostly of the awkward kind. */
    JsonNode otherType(JsonNode current) {
        List<Integer> kinds = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
        kinds.remove(Integer.valueOf(kind(current)));
        int kind = kinds.get(random.nextInt(kinds.size()));
        return switch (kind) {
            case 0 -> current.isValueNode() && !current.isNull() && random.nextBoolean()
                    ? TextNode.valueOf(current.asText()) : TextNode.valueOf(pick(ODD_STRINGS));
            case 1 -> pick(List.of(IntNode.valueOf(0), IntNode.valueOf(-1), IntNode.valueOf(42),
                    LongNode.valueOf(Long.MAX_VALUE), LongNode.valueOf(Long.MIN_VALUE), DoubleNode.valueOf(1e20),
                    DoubleNode.valueOf(-1e20), DoubleNode.valueOf(3.5), DoubleNode.valueOf(1e308),
                    DoubleNode.valueOf(-1e308), DoubleNode.valueOf(Double.MIN_VALUE), DoubleNode.valueOf(Double.NaN),
                    DoubleNode.valueOf(Double.POSITIVE_INFINITY), BigIntegerNode.valueOf(BigInteger.TWO.pow(200)),
                    DecimalNode.valueOf(new BigDecimal("1e400")), DecimalNode.valueOf(new BigDecimal("-1e-400"))));
            case 2 -> BooleanNode.valueOf(random.nextBoolean());
            case 3 -> random.nextBoolean() ? NODES.objectNode() : NODES.objectNode().set("S", current);
            case 4 -> random.nextBoolean() ? NODES.arrayNode()
                    : NODES.arrayNode().add(current).add(1).add("x").addNull();
            default -> NullNode.getInstance();
        };
    }

    private static int kind(JsonNode n) {
        if (n.isTextual()) {
            return 0;
        }
        if (n.isNumber()) {
            return 1;
        }
        if (n.isBoolean()) {
            return 2;
        }
        if (n.isObject()) {
            return 3;
        }
        if (n.isArray()) {
            return 4;
        }
        return 5;
    }

    /** A place in the tree: a field of an object or an element of an array. */
    record Slot(JsonNode parent, String field, int index, String path, String pointer) {

        JsonNode value() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }

        /** The field name this slot is under (its own, or its array's), lower-cased. */
        String name() {
            String last = path.substring(path.lastIndexOf('.') + 1);
            int bracket = last.indexOf('[');
            return (bracket < 0 ? last : last.substring(0, bracket)).toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Picks a slot that passes {@code filter}: half of the time among the fields the parsers read (when the tree
     * has any), otherwise among all. The walk is iterative and capped, so deep or huge trees cost little.
     */
    private Slot pickSlot(JsonNode root, Predicate<Slot> filter) {
        List<Slot> all = new ArrayList<>();
        Deque<Slot> todo = new ArrayDeque<>();
        pushChildren(root, "", todo);
        while (!todo.isEmpty() && all.size() < 5_000) {
            Slot s = todo.pop();
            if (filter.test(s)) {
                all.add(s);
            }
            pushChildren(s.value(), s.path(), s.pointer(), todo);
        }
        if (all.isEmpty()) {
            return null;
        }
        if (random.nextBoolean()) {
            List<Slot> read = all.stream().filter(s -> READ_BY_PARSERS.contains(s.name())).toList();
            if (!read.isEmpty()) {
                return read.get(random.nextInt(read.size()));
            }
        }
        return all.get(random.nextInt(all.size()));
    }

    private static void pushChildren(JsonNode node, String path, Deque<Slot> todo) {
        pushChildren(node, path, "", todo);
    }

    private static void pushChildren(JsonNode node, String path, String pointer, Deque<Slot> todo) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                String name = fields.next().getKey();
                todo.push(new Slot(node, name, -1, path.isEmpty() ? name : path + "." + name,
                        pointer + "/" + name.replace("~", "~0").replace("/", "~1")));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size() && i < 100; i++) {
                todo.push(new Slot(node, null, i, path + "[" + i + "]", pointer + "/" + i));
            }
        }
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String pickOther(List<String> values, String current) {
        List<String> others = values.stream().filter(v -> !v.equals(current)).toList();
        return others.get(random.nextInt(others.size()));
    }

    private static String repeat(String unit, int length) {
        StringBuilder sb = new StringBuilder(length + unit.length());
        while (sb.length() < length) {
            sb.append(unit);
        }
        return sb.toString();
    }

    private static String describe(JsonNode n) {
        if (n.isContainerNode()) {
            return (n.isObject() ? "object" : "array") + " of " + n.size();
        }
        String text = n.isTextual() ? "'" + escape(n.asText()) + "'" : n.toString();
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    /** Non-printable and non-ASCII characters as {@code \\uXXXX}, so a failing sample prints readably. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 200; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.length() >= 200 ? sb + "..." : sb.toString();
    }
}
