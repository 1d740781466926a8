package dev.neptuneguard.cli.offline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.neptuneguard.cli.InputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How the CLI reads a JSON file a user gives it, the same way for every command (offline exports, event files; the
 * policy file can use {@link #readDocument(Path, String)} too):
 * <ul>
 *   <li>text is UTF-8, with or without a byte order mark, or UTF-16 (LE or BE) with a byte order mark (what
 *       Windows PowerShell's {@code >} writes); UTF-32, UTF-16 without a mark and bytes that are not valid in the
 *       encoding are refused with the reason;</li>
 *   <li>one JSON document per file: anything after it (a second document, JSON lines, garbage) is refused, naming
 *       the line and column where it starts;</li>
 *   <li>an object that names the same key twice is refused (which of the two would count is not obvious);</li>
 *   <li>every error is an {@link InputException} (exit code 2) whose message starts with the file's name.</li>
 * </ul>
 */
final class JsonFiles {

    /** Duplicate keys are an error; nesting, number and string sizes keep Jackson's default limits. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Builds trees over {@link #FACTORY}'s parsers; a tree is never read past its own end. */
    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final int MAX_QUOTE = 60;

    private JsonFiles() {
    }

    /** The file as characters, decoded as described above; the caller closes it. */
    static Reader open(Path file) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": file not found", e);
        } catch (IOException e) {
            throw new InputException(file + ": not readable (" + e.getMessage() + ")", e);
        }
        return open(in, file.toString());
    }

    /** A stream as characters, decoded as described above; {@code name} is used in errors. Closes it on error. */
    static Reader open(InputStream raw, String name) {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        try {
            in.mark(4);
            byte[] head = in.readNBytes(4);
            in.reset();
            Charset charset = StandardCharsets.UTF_8;
            int bom = 0;
            if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
                bom = 3;
            } else if (startsWith(head, 0x00, 0x00, 0xFE, 0xFF) || startsWith(head, 0xFF, 0xFE, 0x00, 0x00)) {
                throw new InputException(name + ": the file is UTF-32 text; save it as UTF-8");
            } else if (startsWith(head, 0xFE, 0xFF)) {
                charset = StandardCharsets.UTF_16BE;
                bom = 2;
            } else if (startsWith(head, 0xFF, 0xFE)) {
                charset = StandardCharsets.UTF_16LE;
                bom = 2;
            } else {
                for (byte b : head) {
                    if (b == 0) {
                        throw new InputException(name + ": the file starts with NUL bytes (UTF-16 or UTF-32 text "
                                + "without a byte order mark?); save it as UTF-8");
                    }
                }
            }
            in.skipNBytes(bom);
            return new InputStreamReader(in, charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
        } catch (IOException e) {
            close(in);
            throw new InputException(name + ": not readable (" + e.getMessage() + ")", e);
        } catch (InputException e) {
            close(in);
            throw e;
        }
    }

    /**
     * The file's text, decoded as described above, when it holds at most {@code maxBytes} bytes; {@code tooLarge}
     * completes the message for a larger file (what to do instead).
     */
    static String readText(Path file, long maxBytes, String tooLarge) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": file not found", e);
        } catch (IOException e) {
            throw new InputException(file + ": not readable (" + e.getMessage() + ")", e);
        }
        if (size > maxBytes) {
            throw new InputException(String.format(Locale.ROOT, "%s: %,d bytes, more than %,d; %s", file, size,
                    maxBytes, tooLarge));
        }
        try (Reader reader = open(file)) {
            StringBuilder b = new StringBuilder((int) Math.min(size, Integer.MAX_VALUE - 8));
            char[] buffer = new char[8192];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                b.append(buffer, 0, n);
            }
            return b.toString();
        } catch (IOException e) {
            throw invalid(file.toString(), e);
        }
    }

    /** A streaming parser over the decoded file; the caller closes it. */
    static JsonParser parser(Path file) {
        return parser(open(file), file.toString());
    }

    /** A streaming parser over decoded characters; the caller closes it. */
    static JsonParser parser(Reader reader, String name) {
        try {
            return MAPPER.createParser(reader);
        } catch (IOException e) {
            close(reader);
            throw new InputException(name + ": not readable (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The file's one JSON document as a tree. {@code expected} says what the file should hold, for the message when
     * it is empty ("an EventBridge event").
     */
    static JsonNode readDocument(Path file, String expected) {
        try (JsonParser parser = parser(file)) {
            return readDocument(parser, file.toString(), expected);
        } catch (IOException e) {
            throw new InputException(file + ": not readable (" + e.getMessage() + ")", e);
        }
    }

    /** One JSON document from text already read (a line of a JSON lines file); {@code name} is used in errors. */
    static JsonNode readDocument(String text, String name, String expected) {
        try (JsonParser parser = parser(new StringReader(text), name)) {
            return readDocument(parser, name, expected);
        } catch (IOException e) {
            throw new InputException(name + ": not readable (" + e.getMessage() + ")", e);
        }
    }

    private static JsonNode readDocument(JsonParser parser, String name, String expected) {
        try {
            if (parser.nextToken() == null) {
                throw new InputException(name + ": empty (expected " + expected + ")");
            }
            JsonNode doc = MAPPER.readTree(parser);
            expectEnd(parser, name);
            return doc == null ? NullNode.getInstance() : doc;
        } catch (IOException e) {
            throw invalid(name, e);
        }
    }

    /**
     * Checks that nothing but white space follows the document the parser has just read: a second document (two files
     * concatenated, JSON lines) or anything else is an error naming where it starts.
     */
    static void expectEnd(JsonParser parser, String name) {
        JsonLocation end = parser.currentTokenLocation();
        JsonToken next;
        try {
            next = parser.nextToken();
        } catch (IOException e) {
            JsonLocation where = parser.currentLocation();
            throw new InputException(name + ": unexpected content after the JSON document that ends at " + at(end)
                    + " (" + at(where) + ": " + reason(e) + "); a file holds one JSON document", e);
        }
        if (next != null) {
            throw new InputException(name + ": a second JSON document starts at " + at(parser.currentTokenLocation())
                    + " (after the one that ends at " + at(end) + "); a file holds one JSON document: split it, or "
                    + "for an export bundle several outputs as {\"outputs\": [ ... ]}");
        }
    }

    /** The error for a parser or decoder failure, with the position and Jackson's (or the decoder's) reason. */
    static InputException invalid(String name, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new InputException(name + ": not valid text in its encoding (UTF-8 unless the file starts with a "
                    + "UTF-16 byte order mark): " + e.getClass().getSimpleName() + "; save it as UTF-8", e);
        }
        if (e instanceof JsonProcessingException jpe) {
            JsonLocation where = jpe.getLocation();
            return new InputException(name + ": not valid JSON" + (where == null ? "" : " at " + at(where)) + ": "
                    + reason(e), e);
        }
        return new InputException(name + ": not readable (" + e.getMessage() + ")", e);
    }

    /** "line 3, column 7" for a parser position. */
    static String at(JsonLocation where) {
        if (where == null) {
            return "an unknown position";
        }
        return "line " + where.getLineNr() + ", column " + where.getColumnNr();
    }

    /** What a value is, for "expected X, found Y": {@code a string ("oops")}, {@code a number (5)}, {@code null}. */
    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "a string (" + quote(v.asText()) + ")";
        }
        if (v.isBoolean()) {
            return v.asText();
        }
        if (v.isNumber()) {
            return "a number (" + clip(v.asText()) + ")";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "an object";
        }
        return v.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    /** What the token the parser stands on is, in the words of {@link #describe(JsonNode)}. */
    static String describe(JsonParser parser) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string (" + quote(parser.getText()) + ")";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number (" + clip(parser.getText()) + ")";
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    /** A quoted, shortened copy of user text for a message, with control characters shown as escapes. */
    static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        String s = clip(text);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || c >= 0x80 && c < 0xA0) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String clip(String s) {
        return s.length() <= MAX_QUOTE ? s : s.substring(0, MAX_QUOTE) + "…";
    }

    private static String reason(IOException e) {
        String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        // Jackson names the source it cannot show ("[Source: REDACTED (...); line: 1, column: 3]"): keep the position.
        String line = m.lines().findFirst().orElse("").strip().replaceAll("\\[Source: [^;\\]]*\\); ", "[");
        return quoteControls(line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }

    /** Jackson quotes the offending character itself; a control character in it is shown as an escape. */
    private static String quoteControls(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || c >= 0x80 && c < 0xA0) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean startsWith(byte[] head, int... prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((head[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already failing with a better reason
        }
    }
}
