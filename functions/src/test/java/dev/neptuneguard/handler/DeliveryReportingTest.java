package dev.neptuneguard.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.sinks.DeliveryFailure;
import dev.neptuneguard.sinks.DispatchReport;
import dev.neptuneguard.sinks.FailureKind;
import dev.neptuneguard.sinks.SinkReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryReportingTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final Log log = new Log("key-revocation", out, clock);
    private final Metrics metrics = new Metrics("NeptuneGuard", "key-revocation", out, clock);

    @Test
    void report_mixedOutcome_logsAndCountsEachKind() {
        DispatchReport report = new DispatchReport(List.of(
                new SinkReport("sns", 3, 1, 1, List.of(new DeliveryFailure("sns", FailureKind.RETRYABLE,
                        "Throttling", "Throttling (HTTP 400): Rate exceeded", List.of("R/arn-3"))), 0, 0),
                new SinkReport("securityhub", 2, 0, 0, List.of(new DeliveryFailure("securityhub",
                        FailureKind.DROPPED, "SecurityHubNotEnabled", "InvalidAccess: not subscribed",
                        List.of("R/arn-1", "R/arn-2"))), 0, 0)));

        DeliveryReporting.report(report, log, metrics);
        metrics.flush();

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\"level\":\"ERROR\",\"service\":\"key-revocation\",\"message\":\"delivery failed; "
                + "the invocation will be retried\"", "\"level\":\"WARN\",\"service\":\"key-revocation\",\"message\":"
                + "\"Security Hub is not enabled in this account and region; findings were not imported\"");
        assertThat(text).contains("\"AlertsDelivered\":1.0", "\"DuplicateDeliveriesSkipped\":1.0",
                "\"DeliveryFailures\":1.0", "\"SecurityHubNotEnabled\":2.0");
        assertThat(report.needsRetry()).isTrue();
    }
}
