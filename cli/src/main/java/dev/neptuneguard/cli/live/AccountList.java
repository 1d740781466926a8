package dev.neptuneguard.cli.live;

import dev.neptuneguard.cli.InputException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The account ids of {@code --accounts} and {@code --exclude-accounts}: either a comma-separated list of 12-digit
 * ids ({@code 111122223333,444455556666}) or a file with one id per line, where {@code #} starts a comment and
 * blank lines are ignored. A value made only of digits, commas and spaces is a list (a file whose name is all
 * digits is named {@code ./NAME}); anything else is a file. Duplicates are dropped, the order is kept.
 */
public final class AccountList {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern LIST = Pattern.compile("[\\d\\s,]+");
    /** More lines than any organization has accounts (the quota is in the low thousands). */
    private static final int MAX_LINES = 100_000;

    private AccountList() {
    }

    /**
     * @param option the option's name, for messages
     * @param value what the user gave
     * @return the ids, in the order given, at least one
     * @throws InputException naming the option (or the file and line) and what is wrong
     */
    public static Set<String> parse(String option, String value) {
        if (LIST.matcher(value).matches()) {
            return list(option, value);
        }
        return file(option, Path.of(value));
    }

    private static Set<String> list(String option, String value) {
        Set<String> ids = new LinkedHashSet<>();
        for (String item : value.split(",", -1)) {
            String id = item.strip();
            if (!ACCOUNT_ID.matcher(id).matches()) {
                throw new InputException(option + " '" + value + "': '" + id + "' is not an AWS account id (12 "
                        + "digits); give ids separated by commas, or a file with one id per line");
            }
            ids.add(id);
        }
        return ids;
    }

    private static Set<String> file(String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(option + " '" + file + "' is neither a comma-separated list of 12-digit account "
                    + "ids nor a file: give ids such as 111122223333,444455556666, or a file with one id per line");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new InputException(file + ": not UTF-8 text; " + option + " takes a file with one account id per "
                    + "line", e);
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (lines.size() > MAX_LINES) {
            throw new InputException(file + ": " + lines.size() + " lines; " + option + " reads at most " + MAX_LINES);
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int comment = line.indexOf('#');
            String id = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (i == 0 && id.startsWith("\uFEFF")) {
                id = id.substring(1).strip();
            }
            if (id.isEmpty()) {
                continue;
            }
            if (!ACCOUNT_ID.matcher(id).matches()) {
                throw new InputException(file + ":" + (i + 1) + ": '" + id + "' is not an AWS account id (12 "
                        + "digits); write one id per line, comments after #");
            }
            ids.add(id);
        }
        if (ids.isEmpty()) {
            throw new InputException(file + ": no account id in the file (one 12-digit id per line, comments after #)");
        }
        return ids;
    }
}
