package dev.neptuneguard.cdk;

import java.math.BigInteger;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an EventBridge schedule expression at synth time, so that a bad one fails {@code cdk synth} with the
 * setting's name instead of failing the deployment. Rate and cron expressions obey one rule: consecutive runs are at
 * least {@code minimum} apart (a rate of at least that long; a cron expression that names one minute of the hour,
 * which with a minimum of an hour or less is the same thing). Cron fields are checked as the EventBridge User Guide
 * ("Cron expressions reference") describes them: six fields, Minutes 0-59, Hours 0-23, Day-of-month 1-31 with
 * {@code , - * ? / L W}, Month 1-12 or JAN-DEC, Day-of-week 1-7 or SUN-SAT with {@code , - * ? L #}, Year 1970-2199,
 * and exactly one of Day-of-month and Day-of-week is {@code ?}.
 */
final class ScheduleExpression {

    private static final Pattern RATE = Pattern.compile("rate\\((\\S+) (\\S+)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** No rate of more than this many minutes (about 19 years) can be meant; larger numbers are refused plainly. */
    private static final BigInteger MAX_RATE_MINUTES = BigInteger.valueOf(10_000_000L);

    private final String setting;
    private final Duration minimum;

    /**
     * @param setting the context key, named in every error
     * @param minimum the shortest interval allowed between two runs; at most one hour (the cron check relies on it)
     */
    ScheduleExpression(String setting, Duration minimum) {
        if (minimum.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("a minimum interval over an hour needs a cron check of hours too");
        }
        this.setting = setting;
        this.minimum = minimum;
    }

    /**
     * @return the expression, unchanged
     * @throws InvalidSettingException naming the setting, what is wrong and an example that works
     */
    String check(String value) {
        Matcher rate = RATE.matcher(value);
        if (rate.matches()) {
            return checkRate(value, rate.group(1), rate.group(2));
        }
        Matcher cron = CRON.matcher(value);
        if (cron.matches()) {
            return checkCron(value, cron.group(1));
        }
        throw invalid("'" + value + "' is not an EventBridge schedule expression; write e.g. rate(1 day) or "
                + "cron(0 6 * * ? *)");
    }

    private String checkRate(String value, String amountText, String unit) {
        if (!amountText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid("'" + value + "' is not a valid rate: the number must be a positive whole number, as in "
                    + "rate(12 hours)");
        }
        BigInteger amount = new BigInteger(amountText);
        Duration one = switch (unit) {
            case "minute", "minutes" -> Duration.ofMinutes(1);
            case "hour", "hours" -> Duration.ofHours(1);
            case "day", "days" -> Duration.ofDays(1);
            default -> throw invalid("'" + value + "' is not a valid rate: the unit is minute(s), hour(s) or day(s)");
        };
        boolean singular = !unit.endsWith("s");
        if (amount.signum() == 0 || amount.equals(BigInteger.ONE) != singular) {
            throw invalid("'" + value + "' is not a valid rate: use rate(1 day) or rate(N days) with N > 1 "
                    + "(singular unit only for 1)");
        }
        BigInteger minutes = amount.multiply(BigInteger.valueOf(one.toMinutes()));
        if (minutes.compareTo(MAX_RATE_MINUTES) > 0) {
            throw invalid("'" + value + "' is too large a rate; the sweep should run at least every few days, "
                    + "e.g. rate(1 day)");
        }
        if (Duration.ofMinutes(minutes.longValueExact()).compareTo(minimum) < 0) {
            throw tooFrequent(value);
        }
        return value;
    }

    private String checkCron(String value, String body) {
        String[] fields = body.trim().split("\\s+");
        if (fields.length != 6 || body.isBlank()) {
            throw invalid("'" + value + "' is not a valid cron expression: it needs six fields (Minutes Hours "
                    + "Day-of-month Month Day-of-week Year), e.g. cron(0 6 * * ? *)");
        }
        BitSet minutes = field(value, "Minutes", fields[0], 0, 59, List.of());
        field(value, "Hours", fields[1], 0, 23, List.of());
        dayOfMonth(value, fields[2]);
        field(value, "Month", fields[3], 1, 12, MONTHS);
        dayOfWeek(value, fields[4]);
        field(value, "Year", fields[5], 1970, 2199, List.of());
        boolean domAny = "?".equals(fields[2]);
        boolean dowAny = "?".equals(fields[4]);
        if (domAny == dowAny) {
            throw invalid("'" + value + "' is not a valid cron expression: exactly one of Day-of-month and "
                    + "Day-of-week must be ? (e.g. cron(0 6 * * ? *) or cron(0 6 ? * MON *))");
        }
        if (minutes.cardinality() > 1) {
            throw tooFrequent(value);
        }
        return value;
    }

    /** Day-of-month: the common syntax, or ?, L, LW, or nW (the weekday nearest day n). */
    private void dayOfMonth(String value, String field) {
        if (field.equals("?") || field.equals("L") || field.equals("LW")) {
            return;
        }
        if (field.matches("\\d{1,2}W")) {
            int day = Integer.parseInt(field.substring(0, field.length() - 1));
            if (day < 1 || day > 31) {
                throw badField(value, "Day-of-month", field, "a day from 1 to 31");
            }
            return;
        }
        field(value, "Day-of-month", field, 1, 31, List.of());
    }

    /** Day-of-week: the common syntax, or ?, L, nL (the last weekday n), or n#k (the k-th weekday n, alone). */
    private void dayOfWeek(String value, String field) {
        if (field.equals("?") || field.equals("L")) {
            return;
        }
        Matcher last = Pattern.compile("([^#L]+)L").matcher(field);
        if (last.matches()) {
            single(value, "Day-of-week", last.group(1), 1, 7, DAYS);
            return;
        }
        if (field.contains("#")) {
            String[] parts = field.split("#", -1);
            if (parts.length != 2 || !parts[1].matches("[1-5]")) {
                throw badField(value, "Day-of-week", field, "n#k with k from 1 to 5, alone in the field (e.g. 3#2)");
            }
            single(value, "Day-of-week", parts[0], 1, 7, DAYS);
            return;
        }
        field(value, "Day-of-week", field, 1, 7, DAYS);
    }

    /**
     * A field of comma-separated items, each {@code *}, a value or a range, optionally followed by {@code /step}.
     *
     * @return the values the field matches
     */
    private BitSet field(String value, String name, String field, int min, int max, List<String> names) {
        BitSet matched = new BitSet(max + 1);
        if (field.isEmpty()) {
            throw badField(value, name, field, "a value");
        }
        for (String item : field.split(",", -1)) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                String stepText = item.substring(slash + 1);
                if (!stepText.matches("\\d{1,4}") || Integer.parseInt(stepText) < 1
                        || Integer.parseInt(stepText) > max - min + 1) {
                    throw badField(value, name, field, "a step from 1 to " + (max - min + 1) + " after /");
                }
                step = Integer.parseInt(stepText);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw badField(value, name, field, "a range such as " + min + "-" + max);
                }
                from = single(value, name, ends[0], min, max, names);
                to = single(value, name, ends[1], min, max, names);
                if (to < from) {
                    throw badField(value, name, field, "a range whose start is not after its end");
                }
            } else {
                from = single(value, name, range, min, max, names);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                matched.set(v);
            }
        }
        return matched;
    }

    /** One value: a number in range, or a name (JAN, MON) where the field has names. */
    private int single(String value, String name, String text, int min, int max, List<String> names) {
        int at = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (at >= 0) {
            return min + at;
        }
        if (!text.matches("\\d{1,4}")) {
            String range = "a number from " + min + " to " + max;
            throw badField(value, name, text, names.isEmpty() ? range
                    : range + " or " + names.get(0) + "-" + names.get(names.size() - 1));
        }
        int n = Integer.parseInt(text);
        if (n < min || n > max) {
            throw badField(value, name, text, "a number from " + min + " to " + max);
        }
        return n;
    }

    private InvalidSettingException tooFrequent(String value) {
        return invalid("'" + value + "' runs more often than every " + describe(minimum) + ": the sweep reads every "
                + "cluster, snapshot and key, so run it at most " + (minimum.equals(Duration.ofHours(1)) ? "hourly"
                : "every " + describe(minimum)) + " (e.g. rate(1 hour), rate(1 day) or cron(0 6 * * ? *), "
                + "which names one minute of the hour)");
    }

    private InvalidSettingException badField(String value, String name, String part, String expected) {
        return invalid("'" + value + "' is not a valid cron expression: " + name + " '" + part + "' must be "
                + expected);
    }

    private InvalidSettingException invalid(String problem) {
        return new InvalidSettingException(setting, problem);
    }

    private static String describe(Duration d) {
        return d.toHours() >= 1 && d.toMinutesPart() == 0 ? d.toHours() + (d.toHours() == 1 ? " hour" : " hours")
                : d.toMinutes() + " minutes";
    }
}
