package dev.neptuneguard.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sweep schedule: rate and cron expressions under one rule (at most hourly), cron fields as EventBridge documents
 * them, and a clear message naming the setting for every refusal.
 */
class ScheduleExpressionTest {

    private final ScheduleExpression hourly = new ScheduleExpression("sweepSchedule", Duration.ofHours(1));

    @ParameterizedTest
    @ValueSource(strings = {"rate(1 hour)", "rate(60 minutes)", "rate(12 hours)", "rate(1 day)", "rate(7 days)",
            "cron(0 6 * * ? *)", "cron(0 * * * ? *)", "cron(15 0/6 * * ? *)", "cron(0 18 ? * MON-FRI *)",
            "cron(0 0 1 1 ? *)", "cron(30 2 L * ? *)", "cron(0 9 ? * 6L 2027-2030)", "cron(0 9 ? * 3#2 *)",
            "cron(0 9 15W * ? *)", "cron(0 9 LW * ? *)", "cron(0 9 ? JAN,JUL sun *)", "cron(0 9 1-15/2 * ? *)",
            "cron(45 23 ? * 1,7 2199)"})
    void check_validAtMostHourly_kept(String expression) {
        assertThat(hourly.check(expression)).isEqualTo(expression);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "rate(1 minute)            | runs more often than every 1 hour",
        "rate(59 minutes)          | runs more often than every 1 hour",
        "cron(* * * * ? *)         | runs more often than every 1 hour",
        "cron(0/5 * * * ? *)       | runs more often than every 1 hour",
        "cron(0,30 6 * * ? *)      | runs more often than every 1 hour",
        "cron(0-1 6 * * ? *)       | runs more often than every 1 hour",
        "rate(99999999999999999999 days) | is too large a rate",
        "rate(20000 days)          | is too large a rate",
        "rate(0 hours)             | is not a valid rate",
        "rate(1 days)              | is not a valid rate",
        "rate(2 day)               | is not a valid rate",
        "rate(-1 days)             | the number must be a positive whole number",
        "rate(1.5 days)            | the number must be a positive whole number",
        "rate(1 week)              | the unit is minute(s), hour(s) or day(s)",
        "cron(0 6 * *)             | it needs six fields",
        "cron(0 6 * * ? * *)       | it needs six fields",
        "cron()                    | it needs six fields",
        "cron(60 6 * * ? *)        | Minutes '60' must be a number from 0 to 59",
        "cron(0 24 * * ? *)        | Hours '24' must be a number from 0 to 23",
        "cron(0 6 32 * ? *)        | Day-of-month '32' must be a number from 1 to 31",
        "cron(0 6 0 * ? *)         | Day-of-month '0' must be a number from 1 to 31",
        "cron(0 6 * 13 ? *)        | Month '13' must be a number from 1 to 12",
        "cron(0 6 * FOO ? *)       | Month 'FOO' must be a number from 1 to 12 or JAN-DEC",
        "cron(0 6 ? * 8 *)         | Day-of-week '8' must be a number from 1 to 7",
        "cron(0 6 ? * MON-FUN *)   | Day-of-week 'FUN' must be a number from 1 to 7 or SUN-SAT",
        "cron(0 6 * * ? 1969)      | Year '1969' must be a number from 1970 to 2199",
        "cron(0 6 * * * *)         | exactly one of Day-of-month and Day-of-week must be ?",
        "cron(0 6 ? * ? *)         | exactly one of Day-of-month and Day-of-week must be ?",
        "cron(0 6 1 * MON *)       | exactly one of Day-of-month and Day-of-week must be ?",
        "cron(0 6 ? * 3#1,6#3 *)   | alone in the field",
        "cron(0 6 ? * 3#6 *)       | n#k with k from 1 to 5",
        "cron(0 6/0 * * ? *)       | a step from 1 to 24 after /",
        "cron(0 10-2 * * ? *)      | a range whose start is not after its end",
        "cron(0 6 1,,2 * ? *)      | Day-of-month '' must be a number",
        "every day                 | is not an EventBridge schedule expression",
        "rate(1day)                | is not an EventBridge schedule expression"})
    void check_invalid_failsNamingTheSettingAndTheProblem(String expression, String problem) {
        assertThatThrownBy(() -> hourly.check(expression.strip()))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("sweepSchedule"))
                .hasMessageStartingWith("sweepSchedule: '" + expression.strip() + "'")
                .hasMessageContaining(problem);
    }
}
