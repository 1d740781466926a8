package dev.neptuneguard.cli.offline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.cli.InputException;
import dev.neptuneguard.events.EventOutcome;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.IgnoreReason;
import dev.neptuneguard.events.Ignored;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The reader of {@code replay}'s inputs. An event file holds one JSON object, an EventBridge event as delivered to
 * the Lambda or an AWS Config rule invocation, decoded like every JSON file of the CLI ({@link JsonFiles}: UTF-8 with
 * or without a byte order mark, UTF-16 with one) and at most {@link #MAX_EVENT_BYTES}. Anything else is an
 * {@link InputException} (exit code 2): an empty file, text that is not JSON, an array or a scalar, a second document
 * after the first, an object that is neither an event nor an invocation. A JSON lines file ({@code --events}) holds
 * one such object per line, blank lines aside, at most {@link #MAX_EVENTS} of them: the file is counted before any
 * line is kept, and each line is read, handed over and dropped in turn.
 */
public final class EventFiles {

    /** Lambda's payload limit for a synchronous invocation: no event a function receives is larger. */
    static final long MAX_EVENT_BYTES = 6L * 1024 * 1024;
    /** The most events one {@code --events} file may hold. */
    public static final int MAX_EVENTS = 10_000;

    private static final String EXPECTED = "one EventBridge event or AWS Config rule invocation (a JSON object)";

    private EventFiles() {
    }

    /**
     * One input, read and checked.
     *
     * @param name where it came from, for messages: the file, or {@code file:line}
     * @param json its text (decoded), as the Lambda would receive it
     * @param root its tree
     */
    public record Event(String name, String json, JsonNode root) {
    }

    /** What to do with each line of a JSON lines file: an event, or why the line is not one (exactly one is set). */
    public interface LineHandler {
        void line(int number, Event event, InputException error);
    }

    /** Reads an event file. */
    public static Event read(Path file) {
        String text = JsonFiles.readText(file, MAX_EVENT_BYTES, "no event is larger than Lambda's 6 MB payload limit; "
                + "for many events, write one per line and use --events FILE.jsonl");
        return parse(text, file.toString());
    }

    /** Checks one event's text; {@code name} is used in errors. */
    static Event parse(String text, String name) {
        JsonNode root = JsonFiles.readDocument(text, name, EXPECTED);
        if (root.isArray()) {
            throw new InputException(name + ": a JSON array; replay takes one event per file: for many events, write "
                    + "one per line and use --events FILE.jsonl");
        }
        if (!root.isObject()) {
            throw new InputException(name + ": expected " + EXPECTED + ", found " + JsonFiles.describe(root));
        }
        if (!root.has("invokingEvent")) {
            EventOutcome outcome = EventParser.parse(root);
            if (outcome instanceof Ignored ignored && ignored.reason() == IgnoreReason.NOT_AN_EVENT) {
                throw new InputException(name + ": " + ignored.message() + " (replay takes an EventBridge event as "
                        + "delivered to the Lambda, or an AWS Config rule invocation)");
            }
        }
        return new Event(name, text, root);
    }

    /**
     * Hands every non-blank line of a JSON lines file to {@code handler}, in order, after checking that there are at
     * most {@link #MAX_EVENTS}; returns how many lines were handed over. A line longer than {@link #MAX_EVENT_BYTES}
     * characters is reported as an error without being kept.
     */
    public static int forEachLine(Path file, LineHandler handler) {
        int events = count(file);
        if (events > MAX_EVENTS) {
            throw new InputException(String.format(Locale.ROOT, "%s: more than %,d events (one per line); split the "
                    + "file", file, MAX_EVENTS));
        }
        if (events == 0) {
            throw new InputException(file + ": no events (expected " + EXPECTED + " per line)");
        }
        try (Reader reader = JsonFiles.open(file)) {
            LineReader lines = new LineReader(reader);
            for (int number = 1; lines.next(); number++) {
                String name = file + ":" + number;
                if (lines.tooLong()) {
                    handler.line(number, null, new InputException(String.format(Locale.ROOT, "%s: longer than %,d "
                            + "characters; no event is larger than Lambda's 6 MB payload limit", name,
                            MAX_EVENT_BYTES)));
                } else if (!lines.text().isBlank()) {
                    try {
                        handler.line(number, parse(lines.text(), name), null);
                    } catch (InputException e) {
                        handler.line(number, null, e);
                    }
                }
            }
        } catch (IOException e) {
            throw JsonFiles.invalid(file.toString(), e);
        }
        return events;
    }

    /** The non-blank lines, counted without keeping them; stops counting past {@link #MAX_EVENTS}. */
    private static int count(Path file) {
        int events = 0;
        try (Reader reader = JsonFiles.open(file)) {
            boolean blank = true;
            char[] buffer = new char[1 << 16];
            for (int n = reader.read(buffer); n >= 0 && events <= MAX_EVENTS; n = reader.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        events += blank ? 0 : 1;
                        blank = true;
                    } else if (!Character.isWhitespace(c)) {
                        blank = false;
                    }
                }
            }
            return events + (blank ? 0 : 1);
        } catch (IOException e) {
            throw JsonFiles.invalid(file.toString(), e);
        }
    }

    /** Lines of at most {@link #MAX_EVENT_BYTES} characters; the rest of a longer line is skipped, not kept. */
    private static final class LineReader {
        private final Reader reader;
        private final StringBuilder line = new StringBuilder();
        private final char[] buffer = new char[1 << 16];
        private int pos;
        private int end;
        private boolean tooLong;
        private boolean eof;

        LineReader(Reader reader) {
            this.reader = reader;
        }

        /** Reads the next line; false at the end of the file. */
        boolean next() throws IOException {
            line.setLength(0);
            tooLong = false;
            if (eof) {
                return false;
            }
            boolean any = false;
            while (true) {
                if (pos == end) {
                    end = reader.read(buffer);
                    pos = 0;
                    if (end < 0) {
                        end = 0;
                        eof = true;
                        return any;
                    }
                }
                any = true;
                char c = buffer[pos++];
                if (c == '\n') {
                    if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                        line.setLength(line.length() - 1);
                    }
                    return true;
                }
                if (line.length() >= MAX_EVENT_BYTES) {
                    tooLong = true;
                } else {
                    line.append(c);
                }
            }
        }

        String text() {
            return line.toString();
        }

        boolean tooLong() {
            return tooLong;
        }
    }
}
