package dev.neptuneguard.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one schema of the policy settings, for every place a person writes them: the CLI's {@code --policy FILE}
 * (a JSON object), AWS Config rule parameters (strings) and, through {@link Policy#fromSettings(Map)}, the Lambda
 * environment and CDK context. Names are matched case-insensitively and an unknown name is an error that suggests
 * the closest known one, so a misspelt setting can never be silently ignored. Values are checked by type: booleans
 * are booleans, lists are JSON arrays of strings or comma-separated text, and every allowlist entry must be a KMS
 * key ARN, key id, alias name or alias ARN (no wildcards, no other service's ARN).
 */
public final class PolicySchema {

    /** The shape of a setting's value. */
    public enum Kind {
        /** {@code true}/{@code false} (also yes/no, 1/0 as text). */
        BOOLEAN("true or false"),
        /** Keys: a JSON array of strings, or comma-separated text. */
        KEY_LIST("a list of key ARNs, key ids, alias names (alias/...) or alias ARNs"),
        /** Key origins: a JSON array of strings, or comma-separated text. */
        ORIGIN_LIST("a list of key origins (AWS_KMS, EXTERNAL, AWS_CLOUDHSM, EXTERNAL_KEY_STORE)"),
        /** CloudFormation resource types: a JSON array of strings, or comma-separated text. */
        TYPE_LIST("a list of resource types (AWS::RDS::DBCluster, AWS::RDS::DBClusterSnapshot)");

        private final String expected;

        Kind(String expected) {
            this.expected = expected;
        }

        /** What a value of this kind looks like, for error messages. */
        public String expected() {
            return expected;
        }

        boolean isList() {
            return this != BOOLEAN;
        }
    }

    /** One setting: its canonical name and the kind of its value. */
    public record Setting(String name, Kind kind) {
    }

    public static final Setting REQUIRE_CUSTOMER_MANAGED_KEY =
            new Setting(Policy.REQUIRE_CUSTOMER_MANAGED_KEY, Kind.BOOLEAN);
    public static final Setting ALLOWED_KEY_ARNS = new Setting(Policy.ALLOWED_KEY_ARNS, Kind.KEY_LIST);
    public static final Setting MANAGED_RULE_KMS_KEY_ARNS =
            new Setting(Policy.MANAGED_RULE_KMS_KEY_ARNS, Kind.KEY_LIST);
    public static final Setting REQUIRED_KEY_ORIGINS = new Setting(Policy.REQUIRED_KEY_ORIGINS, Kind.ORIGIN_LIST);
    public static final Setting REQUIRE_KEY_ROTATION = new Setting(Policy.REQUIRE_KEY_ROTATION, Kind.BOOLEAN);

    /** The policy's settings, valid wherever a policy is written. */
    public static final List<Setting> POLICY = List.of(REQUIRE_CUSTOMER_MANAGED_KEY, ALLOWED_KEY_ARNS,
            MANAGED_RULE_KMS_KEY_ARNS, REQUIRED_KEY_ORIGINS, REQUIRE_KEY_ROTATION);

    /** Partition and region of a KMS ARN: {@code aws}, {@code aws-us-gov}; {@code us-east-1}, {@code us-gov-west-1}. */
    private static final Pattern PARTITION = Pattern.compile("aws(?:-[a-z]+)*");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d");
    /** KMS's own limit for an alias name, {@code alias/} included. */
    private static final int MAX_ALIAS = 256;
    private static final Pattern ANY_ARN = Pattern.compile("arn:[^:]*:([^:]*):.*");
    /** A name is suggested when it is at most this many edits away (case ignored). */
    private static final int MAX_SUGGESTION_DISTANCE = 4;
    private static final int MAX_QUOTED = 100;
    /** A name this long that starts a known one (or is started by it) is suggested whatever the distance. */
    private static final int MIN_PREFIX = 6;

    private final List<Setting> settings;
    private final Map<String, String> elsewhere;

    private PolicySchema(List<Setting> settings, Map<String, String> elsewhere) {
        this.settings = List.copyOf(settings);
        this.elsewhere = Map.copyOf(elsewhere);
    }

    /**
     * The schema of a policy file.
     *
     * @param elsewhere names that are valid somewhere else, with a hint where (an error then says so)
     */
    public static PolicySchema policy(Map<String, String> elsewhere) {
        return new PolicySchema(POLICY, elsewhere);
    }

    /** This schema plus {@code extra} settings (the Config rule's {@code resourceTypes}). */
    public PolicySchema with(Setting... extra) {
        List<Setting> all = new ArrayList<>(settings);
        all.addAll(List.of(extra));
        return new PolicySchema(all, elsewhere);
    }

    /** The canonical names, in order. */
    public List<String> names() {
        return settings.stream().map(Setting::name).toList();
    }

    /**
     * The setting a name means, matched case-insensitively.
     *
     * @throws InvalidPolicyException for an unknown name, suggesting the closest known one
     */
    public Setting lookup(String name) {
        for (Setting s : settings) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        StringBuilder m = new StringBuilder("unknown setting '").append(quoted(name)).append("'");
        String hint = elsewhere.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        String suggestion = hint == null ? closest(name) : null;
        if (hint != null) {
            m.append(": ").append(hint).append('.');
        } else if (suggestion != null) {
            m.append("; did you mean '").append(suggestion).append("'?");
        } else {
            m.append('.');
        }
        m.append(" Known settings: ").append(String.join(", ", names())).append('.');
        throw new InvalidPolicyException(name, m.toString());
    }

    /**
     * Reads a JSON object of settings (a policy file): every name known, every value of its setting's kind.
     *
     * @return canonical name to value as text (lists comma-separated); JSON {@code null} leaves a setting unset
     * @throws InvalidPolicyException naming the setting (and the list element) that is wrong
     */
    public Map<String, String> read(JsonNode object) {
        if (object == null || !object.isObject()) {
            throw new InvalidPolicyException("", "settings must be a JSON object such as {\""
                    + Policy.REQUIRE_CUSTOMER_MANAGED_KEY + "\": true}, not " + describe(object));
        }
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> given = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Setting s = lookup(e.getKey());
            String earlier = given.put(s.name(), e.getKey());
            if (earlier != null) {
                throw InvalidPolicyException.value(s.name(), "'" + earlier + "' and '" + e.getKey()
                        + "' are the same setting: give it once");
            }
            String value = value(s, e.getValue());
            if (value != null) {
                out.put(s.name(), value);
            }
        }
        return out;
    }

    /**
     * Reads settings given as text (AWS Config rule parameters): every name known; a list value may be
     * comma-separated or a JSON array of strings.
     *
     * @return canonical name to value as text
     * @throws InvalidPolicyException naming the setting that is wrong
     */
    public Map<String, String> read(Map<String, String> given) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            Setting s = lookup(e.getKey());
            String earlier = names.put(s.name(), e.getKey());
            if (earlier != null) {
                throw InvalidPolicyException.value(s.name(), "'" + earlier + "' and '" + e.getKey()
                        + "' are the same setting: give it once");
            }
            if (e.getValue() != null) {
                out.put(s.name(), s.kind().isList() ? String.join(",", list(s.name(), e.getValue()))
                        : e.getValue());
            }
        }
        return out;
    }

    /**
     * The items of a list setting given as text: a JSON array of strings when it starts with {@code [}, else
     * separated by commas and/or whitespace. Blank items are dropped; items are not checked here.
     *
     * @throws InvalidPolicyException when a JSON array is malformed or holds something other than strings
     */
    public static List<String> list(String name, String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        String trimmed = value.strip();
        if (trimmed.startsWith("[")) {
            JsonNode array;
            try {
                array = Json.MAPPER.readTree(trimmed);
            } catch (JsonProcessingException e) {
                throw InvalidPolicyException.value(name, "starts with '[' but is not a JSON array of strings ("
                        + e.getOriginalMessage() + ")");
            }
            return elements(name, array);
        }
        // By hand rather than String.split(regex): a 100,000-key list is read in a few milliseconds.
        List<String> items = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= trimmed.length(); i++) {
            boolean separator = i == trimmed.length() || isSeparator(trimmed.charAt(i));
            if (separator && start >= 0) {
                items.add(trimmed.substring(start, i));
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
        return items;
    }

    /**
     * Why {@code entry} cannot be an allowlist entry, or null when it can: a key ARN, key id ({@code mrk-} ids
     * too), alias name ({@code alias/...}) or alias ARN, exactly (patterns are not supported by KMS or here).
     */
    public static String keyReferenceProblem(String entry) {
        if (isKeyReference(entry)) {
            return null;
        }
        if (entry.indexOf('*') >= 0 || entry.indexOf('?') >= 0) {
            return "'" + entry + "' has a wildcard; wildcards are not supported: list each key or alias exactly";
        }
        var arn = ANY_ARN.matcher(entry);
        if (arn.matches() && !"kms".equals(arn.group(1))) {
            return "'" + entry + "' is an ARN of " + (arn.group(1).isEmpty() ? "no service" : "service '"
                    + arn.group(1) + "'") + ", not a KMS key or alias ARN";
        }
        return "'" + entry + "' is not a key ARN, key id, alias name (alias/...) or alias ARN";
    }

    /**
     * A key ARN, key id, alias name or alias ARN, checked by hand rather than by one regular expression: an
     * allowlist may hold 100,000 entries and is read at every start.
     */
    static boolean isKeyReference(String entry) {
        if (entry.startsWith("alias/")) {
            return isAlias(entry, 0);
        }
        if (!entry.startsWith("arn:")) {
            return isKeyId(entry, 0);
        }
        String[] p = entry.split(":", 6);
        if (p.length != 6 || !PARTITION.matcher(p[1]).matches() || !"kms".equals(p[2])
                || !REGION.matcher(p[3]).matches() || !isDigits(p[4], 12)) {
            return false;
        }
        return p[5].startsWith("key/") ? isKeyId(p[5], 4) : isAlias(p[5], 0);
    }

    /** A UUID key id, or a multi-Region key's {@code mrk-} and 32 hex digits, from {@code from} to the end. */
    private static boolean isKeyId(String s, int from) {
        if (s.length() - from != 36) {
            return false;
        }
        if (s.startsWith("mrk-", from)) {
            for (int i = from + 4; i < s.length(); i++) {
                if (!isHex(s.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(from + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHex(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code alias/} and 1 or more of {@code A-Z a-z 0-9 / _ -}, at most {@value #MAX_ALIAS} in all. */
    private static boolean isAlias(String s, int from) {
        int n = s.length() - from;
        if (!s.startsWith("alias/", from) || n <= "alias/".length() || n > MAX_ALIAS) {
            return false;
        }
        for (int i = from + "alias/".length(); i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '/' || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isDigits(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private String value(Setting s, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (s.kind() == Kind.BOOLEAN) {
            if (v.isBoolean() || v.isTextual()) {
                return v.asText();
            }
            throw InvalidPolicyException.value(s.name(), "expected " + s.kind().expected() + ", got "
                    + describe(v));
        }
        if (v.isTextual()) {
            return String.join(",", list(s.name(), v.asText()));
        }
        if (v.isArray()) {
            return String.join(",", elements(s.name(), v));
        }
        throw InvalidPolicyException.value(s.name(), "expected " + s.kind().expected()
                + " (a JSON array of strings or comma-separated text), got " + describe(v));
    }

    private static List<String> elements(String name, JsonNode array) {
        if (!array.isArray()) {
            throw InvalidPolicyException.value(name, "expected a JSON array of strings, got " + describe(array));
        }
        List<String> items = new ArrayList<>(array.size());
        int i = 0;
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                throw InvalidPolicyException.value(name, "element " + i + " is " + describe(element)
                        + "; expected a string such as \"arn:aws:kms:us-east-1:111122223333:key/...\" or"
                        + " \"alias/my-key\"");
            }
            String item = element.asText().strip();
            if (item.isEmpty()) {
                throw InvalidPolicyException.value(name, "element " + i + " is empty");
            }
            if (hasSeparator(item)) {
                throw InvalidPolicyException.value(name, "element " + i + " ('" + item + "') holds a comma or a space:"
                        + " give one item per element");
            }
            items.add(item);
            i++;
        }
        return items;
    }

    private static boolean isSeparator(char c) {
        return c == ',' || Character.isWhitespace(c);
    }

    private static boolean hasSeparator(String item) {
        for (int i = 0; i < item.length(); i++) {
            if (isSeparator(item.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A name as written, cut so that a hostile one cannot flood a log line. */
    private static String quoted(String name) {
        return name.length() <= MAX_QUOTED ? name : name.substring(0, MAX_QUOTED) + "…";
    }

    private static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        return switch (v.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NUMBER -> "a number (" + v.asText() + ")";
            case BOOLEAN -> "a boolean (" + v.asText() + ")";
            case STRING -> "a string";
            case NULL -> "null";
            default -> v.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private String closest(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        List<String> candidates = new ArrayList<>(names());
        candidates.addAll(elsewhere.keySet());
        for (String candidate : candidates) {
            String c = candidate.toLowerCase(Locale.ROOT);
            if (lower.length() >= MIN_PREFIX && (c.startsWith(lower) || lower.startsWith(c))) {
                return candidate;
            }
            int d = distance(lower, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int limit = Math.min(MAX_SUGGESTION_DISTANCE, Math.max(1, name.length() / 3));
        return bestDistance <= limit ? best : null;
    }

    /** Levenshtein distance, with an early exit for inputs far longer than any setting name. */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > MAX_SUGGESTION_DISTANCE) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    @Override
    public String toString() {
        return settings.stream().map(Setting::name).collect(Collectors.joining(", ", "PolicySchema[", "]"));
    }
}
