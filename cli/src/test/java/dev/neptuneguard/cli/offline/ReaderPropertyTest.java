package dev.neptuneguard.cli.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.cli.InputException;
import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.SnapshotFacts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Any bytes given to the offline reader ({@link AccountExport}) or to the replay's event reader ({@link EventFiles})
 * end in a defined outcome: facts (an event) that keep the reader's promises, or an {@link InputException} with one
 * line that names the file. Never any other exception. Cases are the demo account and the {@code events/} fixtures
 * with stacked tree mutations (types swapped, nulls, fields removed, records duplicated, ARNs and identifiers
 * mangled, unicode and control characters), then text mutations (cut, concatenated, garbage after, bytes flipped,
 * other encodings), plus plain random bytes. One seed drives every choice of a case, so jqwik's seed reproduces it.
 */
class ReaderPropertyTest {

    private static final Pattern CLUSTER_ARN =
            Pattern.compile("arn:aws[a-z-]*:rds:[a-z]{2}(-[a-z]+)+-\\d+:\\d{12}:cluster:[A-Za-z0-9:_-]{1,255}");
    private static final Pattern SNAPSHOT_ARN =
            Pattern.compile("arn:aws[a-z-]*:rds:[a-z]{2}(-[a-z]+)+-\\d+:\\d{12}:cluster-snapshot:"
                    + "[A-Za-z0-9:_-]{1,255}");
    private static final JsonNode DEMO = loadDemo();
    private static final List<JsonNode> EVENTS = loadEvents();
    private static final String[] STRINGS = {"", " ", "oops", "true", "123", "null", "arn:aws:s3:::graph-prod",
        "arn:aws:rds:us-east-1:111122223333:cluster:graph-prod", "arn:aws:rds:us-east-1:111122223333:db:graph-prod",
        "arn:aws:rds:eu-west-1:444455556666:cluster-snapshot:rds:x", "arn:aws:kms:us-east-1:111122223333:key/x",
        "graph-prod; rm -rf ~", "graph\u001b[2Jprod", "\u0000", "\u202Egraph", "graph-\ud800", "\uD83D\uDE00",
        "inaccessible-encryption-credentials", "PendingDeletion", "Enabled", "neptune", "2026-13-45T99:00:00Z",
        "a".repeat(300)};

    private static JsonNode loadDemo() {
        try (InputStream in = BundledResources.demoAccount()) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> loadEvents() {
        try (Stream<Path> files = Files.walk(Path.of("..", "events"))) {
            List<JsonNode> all = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                all.add(Json.MAPPER.readTree(p.toFile()));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A generated input: the bytes of a file and what was done to make them, for the statistics. */
    record Case(byte[] bytes, List<String> steps) {
        @Override
        public String toString() {
            return steps + " (" + bytes.length + " bytes)";
        }
    }

    @Provide
    Arbitrary<Case> exports() {
        return Arbitraries.longs().map(seed -> {
            Random random = new Random(seed);
            JsonNode base = switch (random.nextInt(4)) {
                case 0 -> DEMO.deepCopy();
                case 1 -> DEMO.get("outputs").get(random.nextInt(DEMO.get("outputs").size())).deepCopy();
                case 2 -> DEMO.get("outputs").get(0).deepCopy();
                default -> DEMO.get("outputs").get(1).deepCopy();
            };
            return mutate(base, random);
        });
    }

    @Provide
    Arbitrary<Case> events() {
        return Arbitraries.longs().map(seed -> {
            Random random = new Random(seed);
            return mutate(EVENTS.get(random.nextInt(EVENTS.size())).deepCopy(), random);
        });
    }

    @Provide
    Arbitrary<Case> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(b -> new Case(b, List.of("RANDOM_BYTES")));
    }

    @Property(tries = 600)
    void readExport_hostileFile_factsOrInputException(@ForAll("exports") Case input) throws IOException {
        Statistics.label("outcome").collect(readExport(input));
        input.steps().forEach(s -> Statistics.label("step").collect(s.replaceAll(" .*", "")));
        Statistics.label("outcome").coverage(c -> {
            c.check("facts").percentage(p -> p >= 15);
            c.check("input error").percentage(p -> p >= 15);
        });
    }

    @Property(tries = 300)
    void readExport_randomBytes_factsOrInputException(@ForAll("anyBytes") Case input) throws IOException {
        Statistics.label("outcome").collect(readExport(input));
    }

    @Property(tries = 600)
    void readEvent_hostileFile_eventOrInputException(@ForAll("events") Case input) throws IOException {
        Statistics.label("outcome").collect(readEvent(input));
        Statistics.label("outcome").coverage(c -> {
            c.check("event").percentage(p -> p >= 15);
            c.check("input error").percentage(p -> p >= 15);
        });
    }

    @Property(tries = 300)
    void readEvent_randomBytes_eventOrInputException(@ForAll("anyBytes") Case input) throws IOException {
        Statistics.label("outcome").collect(readEvent(input));
    }

    @Property(tries = 100)
    void forEachLine_hostileLines_eachLineOneEventOrOneError(@ForAll("events") Case first,
                                                             @ForAll("events") Case second,
                                                             @ForAll("anyBytes") Case noise) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (Case c : List.of(first, noise, second)) {
            content.writeBytes(c.bytes());
            content.write('\n');
        }
        Path file = Files.createTempFile("lines", ".jsonl");
        try {
            Files.write(file, content.toByteArray());
            List<Integer> seen = new ArrayList<>();
            int lines = EventFiles.forEachLine(file, (number, event, error) -> {
                assertThat(event == null).isNotEqualTo(error == null);
                if (error != null) {
                    assertOneLine(error, file + ":" + number);
                }
                seen.add(number);
            });
            assertThat(seen).hasSize(lines).isSorted().doesNotHaveDuplicates();
            Statistics.label("outcome").collect("lines");
        } catch (InputException e) {
            assertOneLine(e, file.toString());
            Statistics.label("outcome").collect("input error");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String readExport(Case input) throws IOException {
        Path file = Files.createTempFile("export", ".json");
        try {
            Files.write(file, input.bytes());
            AccountExport export = AccountExport.read(List.of(file), null, null);
            List<StaticInventory> inventories = export.inventories();
            Set<String> arns = new HashSet<>();
            for (ClusterFacts c : export.clusters()) {
                assertThat(c.arn()).matches(CLUSTER_ARN);
                assertThat(arns.add(c.arn())).as("one record per ARN: " + c.arn()).isTrue();
                assertThat(c.arn()).contains(":" + c.account() + ":").contains(":" + c.region() + ":");
            }
            for (SnapshotFacts s : export.snapshots()) {
                assertThat(s.arn()).matches(SNAPSHOT_ARN);
                assertThat(arns.add(s.arn())).as("one record per ARN: " + s.arn()).isTrue();
            }
            for (StaticInventory inventory : inventories) {
                assertThat(inventory.account()).matches("\\d{12}");
                inventory.allClusters().forEach(c -> assertThat(c.account()).isEqualTo(inventory.account()));
                inventory.allSnapshots().forEach(s -> assertThat(s.region()).isEqualTo(inventory.region()));
                inventory.keys().forEach(k -> assertThat(k.evidence()).isNotNull());
            }
            return "facts";
        } catch (InputException e) {
            assertOneLine(e, file.toString());
            return "input error";
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String readEvent(Case input) throws IOException {
        Path file = Files.createTempFile("event", ".json");
        try {
            Files.write(file, input.bytes());
            EventFiles.Event event = EventFiles.read(file);
            assertThat(event.root().isObject()).isTrue();
            assertThat(event.name()).isEqualTo(file.toString());
            return "event";
        } catch (InputException e) {
            assertOneLine(e, file.toString());
            return "input error";
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The contract of an input error: one line, starting with the file it is about (or naming it). */
    private static void assertOneLine(InputException e, String file) {
        assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r").contains(file);
    }

    // ---- mutations ----------------------------------------------------------------------------------------------

    private static Case mutate(JsonNode tree, Random random) {
        List<String> steps = new ArrayList<>();
        JsonNode root = tree;
        int treeSteps = random.nextInt(4);
        for (int i = 0; i < treeSteps; i++) {
            root = treeStep(root, random, steps);
        }
        String text = random.nextBoolean() ? root.toPrettyString() : root.toString();
        int depth = steps.stream().filter(step -> step.startsWith("DEEP_NESTING "))
                .mapToInt(step -> Integer.parseInt(step.substring("DEEP_NESTING ".length()))).sum();
        text = "[".repeat(depth) + text + "]".repeat(depth);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(3) == 0) {
            bytes = textStep(text, bytes, random, steps);
        }
        if (steps.isEmpty()) {
            steps.add("PRISTINE");
        }
        return new Case(bytes, steps);
    }

    private static JsonNode treeStep(JsonNode root, Random random, List<String> steps) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            steps.add("SWAP_ROOT");
            return randomValue(random, 2);
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        switch (random.nextInt(7)) {
            case 0 -> {
                slot.set(randomValue(random, 2));
                steps.add("SWAP_TYPE " + slot.name());
            }
            case 1 -> {
                slot.set(JsonNodeFactory.instance.nullNode());
                steps.add("SET_NULL " + slot.name());
            }
            case 2 -> {
                slot.remove();
                steps.add("REMOVE " + slot.name());
            }
            case 3 -> {
                slot.set(JsonNodeFactory.instance.textNode(STRINGS[random.nextInt(STRINGS.length)]));
                steps.add("STRING " + slot.name());
            }
            case 4 -> {
                // A record read twice, possibly with other facts: the reader must keep one per ARN.
                if (slot.parent() instanceof ArrayNode array && array.size() > 0) {
                    JsonNode copy = array.get(random.nextInt(array.size())).deepCopy();
                    if (copy instanceof ObjectNode o && random.nextBoolean()) {
                        o.put("StorageEncrypted", random.nextBoolean());
                        o.put("Status", random.nextBoolean() ? "available" : "inaccessible-encryption-credentials");
                    }
                    array.add(copy);
                    steps.add("DUPLICATE_ELEMENT");
                } else {
                    slot.set(JsonNodeFactory.instance.arrayNode().add(slot.value()));
                    steps.add("WRAP_IN_ARRAY " + slot.name());
                }
            }
            case 5 -> {
                if (slot.parent() instanceof ObjectNode o && slot.name() != null) {
                    JsonNode v = o.remove(slot.name());
                    o.set(random.nextBoolean() ? slot.name().toLowerCase() : slot.name().toUpperCase(), v);
                    steps.add("RECASE " + slot.name());
                } else {
                    slot.set(JsonNodeFactory.instance.numberNode(random.nextLong()));
                    steps.add("NUMBER");
                }
            }
            default -> {
                // Applied to the text (Jackson would not write it): arrays around the document, near its read limit.
                steps.add("DEEP_NESTING " + random.nextInt(1_200));
            }
        }
        return root;
    }

    private static byte[] textStep(String text, byte[] utf8, Random random, List<String> steps) {
        switch (random.nextInt(6)) {
            case 0 -> {
                steps.add("TRUNCATE");
                return java.util.Arrays.copyOf(utf8, utf8.length == 0 ? 0 : random.nextInt(utf8.length));
            }
            case 1 -> {
                steps.add("CONCATENATED");
                return (text + (random.nextBoolean() ? "\n" : "") + text).getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> {
                steps.add("GARBAGE_AFTER");
                return (text + STRINGS[random.nextInt(STRINGS.length)]).getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                byte[] flipped = utf8.clone();
                for (int i = 0; i < 3 && flipped.length > 0; i++) {
                    flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
                }
                steps.add("BYTE_FLIP");
                return flipped;
            }
            case 4 -> {
                Charset[] charsets = {StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16,
                    StandardCharsets.ISO_8859_1, Charset.forName("UTF-32")};
                Charset charset = charsets[random.nextInt(charsets.length)];
                steps.add("ENCODING " + charset);
                return text.getBytes(charset);
            }
            default -> {
                byte[][] boms = {{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xFF, (byte) 0xFE},
                    {(byte) 0xFE, (byte) 0xFF}};
                int which = random.nextInt(boms.length);
                Charset charset = which == 0 ? StandardCharsets.UTF_8
                        : which == 1 ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.writeBytes(boms[which]);
                b.writeBytes(text.getBytes(charset));
                steps.add("BOM " + charset);
                return b.toByteArray();
            }
        }
    }

    private static JsonNode randomValue(Random random, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(depth > 0 ? 9 : 7)) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(random.nextBoolean());
            case 2 -> f.numberNode(random.nextInt());
            case 3 -> f.numberNode(new java.math.BigDecimal("1e400"));
            case 4 -> f.numberNode(random.nextDouble());
            case 5, 6 -> f.textNode(STRINGS[random.nextInt(STRINGS.length)]);
            case 7 -> {
                ArrayNode a = f.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    a.add(randomValue(random, depth - 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = f.objectNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    o.set(STRINGS[random.nextInt(STRINGS.length)], randomValue(random, depth - 1));
                }
                yield o;
            }
        };
    }

    /** A place in the tree that holds a value: a field of an object or an element of an array. */
    private record Slot(ContainerNode<?> parent, String name, int index) {

        JsonNode value() {
            return parent instanceof ObjectNode o ? o.get(name) : ((ArrayNode) parent).get(index);
        }

        void set(JsonNode v) {
            if (parent instanceof ObjectNode o) {
                o.set(name, v);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode o) {
                o.remove(name);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                slots.add(new Slot(o, name, -1));
                collect(o.get(name), slots);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Slot(a, null, i));
                collect(a.get(i), slots);
            }
        }
    }
}
