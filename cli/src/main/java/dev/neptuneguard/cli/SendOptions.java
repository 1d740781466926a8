package dev.neptuneguard.cli;

import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Severity;
import dev.neptuneguard.sinks.DeliveryContext;
import dev.neptuneguard.sinks.DeliveryFailure;
import dev.neptuneguard.sinks.DispatchReport;
import dev.neptuneguard.sinks.Dispatcher;
import dev.neptuneguard.sinks.InMemoryDeliveryLedger;
import dev.neptuneguard.sinks.InMemoryFirstSightings;
import dev.neptuneguard.sinks.SecurityHubSink;
import dev.neptuneguard.sinks.Sink;
import dev.neptuneguard.sinks.SinkReport;
import dev.neptuneguard.sinks.SnsSink;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * {@code replay --send}: hands the findings to the same sinks the Lambdas use, as an explicit opt-in. The
 * destinations come from options, else from the variables the deployed functions read: {@code --topic-arn} /
 * {@code ALERT_TOPIC_ARN} (SNS; its subscribers include the Slack notifier and Amazon Q Developer in chat),
 * {@code --security-hub} / {@code SECURITY_HUB_ENABLED=true}, and the thresholds {@code ALERT_MIN_SEVERITY} /
 * {@code SECURITY_HUB_MIN_SEVERITY}. Deliveries are de-duplicated in memory only (one run), and Security Hub's
 * {@code CreatedAt} is the time of the run: the Lambdas' DynamoDB records are neither read nor written.
 */
final class SendOptions {

    private static final Pattern TOPIC_ARN = Pattern.compile("arn:[a-z-]+:sns:([a-z0-9-]+):\\d{12}:[A-Za-z0-9_.-]+");

    @Option(names = "--send", description = "With --live: deliver the findings to the configured sinks (SNS topic, "
            + "Security Hub), as the Lambda would.")
    boolean send;

    @Option(names = "--topic-arn", paramLabel = "ARN",
            description = "With --send: the SNS alert topic (default: $ALERT_TOPIC_ARN).")
    String topicArn;

    @Option(names = "--security-hub",
            description = "With --send: import the findings into Security Hub (default: $SECURITY_HUB_ENABLED=true).")
    boolean securityHub;

    /** What {@code --send} will do, resolved and checked before any AWS call. */
    record Plan(String topicArn, Region topicRegion, Severity alertMinimum, boolean securityHub,
                Severity securityHubMinimum) {
    }

    boolean anyGiven() {
        return send || topicArn != null || securityHub;
    }

    Plan plan(Map<String, String> env) {
        String topic = topicArn != null ? topicArn : blankToNull(env.get("ALERT_TOPIC_ARN"));
        boolean hub = securityHub || "true".equalsIgnoreCase(blankToNull(env.get("SECURITY_HUB_ENABLED")));
        if (topic == null && !hub) {
            throw new InputException("--send needs a destination: --topic-arn ARN (or ALERT_TOPIC_ARN) and/or "
                    + "--security-hub (or SECURITY_HUB_ENABLED=true)");
        }
        Region topicRegion = null;
        if (topic != null) {
            Matcher m = TOPIC_ARN.matcher(topic);
            if (!m.matches()) {
                throw new InputException("'" + topic + "' is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)");
            }
            topicRegion = Region.of(m.group(1));
        }
        return new Plan(topic, topicRegion, severity(env, "ALERT_MIN_SEVERITY", Severity.LOW), hub,
                severity(env, "SECURITY_HUB_MIN_SEVERITY", Severity.INFORMATIONAL));
    }

    /**
     * Delivers and prints one line per sink; returns whether every accepted finding was delivered.
     *
     * @param region where the findings are (Security Hub imports them there)
     */
    static boolean send(Plan plan, List<Finding> findings, DeliveryContext context, Region region,
                        AwsCredentialsProvider credentials, URI endpoint, PrintWriter info) {
        List<SdkAutoCloseable> clients = new ArrayList<>();
        try {
            List<Sink> sinks = new ArrayList<>();
            if (plan.topicArn() != null) {
                SnsClient sns = configure(SnsClient.builder(), plan.topicRegion(), credentials, endpoint).build();
                clients.add(sns);
                sinks.add(new SnsSink(sns, plan.topicArn(), plan.alertMinimum()));
            }
            if (plan.securityHub()) {
                SecurityHubClient hub = configure(SecurityHubClient.builder(), region, credentials, endpoint).build();
                clients.add(hub);
                sinks.add(new SecurityHubSink(hub, new InMemoryFirstSightings(), plan.securityHubMinimum()));
            }
            DispatchReport report = new Dispatcher(sinks, new InMemoryDeliveryLedger()).dispatch(findings, context);
            for (SinkReport s : report.sinks()) {
                info.printf("  sent to %s: %d of %d delivered%n", s.sink(), s.delivered(), s.accepted());
                for (DeliveryFailure f : s.failures()) {
                    info.printf("    not delivered (%s, %s): %d finding(s): %s%n", f.kind(), f.reason(),
                            f.findingIds().size(), f.message());
                }
            }
            return report.failures().isEmpty();
        } finally {
            clients.forEach(SdkAutoCloseable::close);
        }
    }

    /** The write-side clients, built like the read side: URL-connection HTTP, bounded timeouts, optional endpoint. */
    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, Region region, AwsCredentialsProvider credentials, URI endpoint) {
        builder.region(region).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(20)).apiCallAttemptTimeout(Duration.ofSeconds(5)).build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    /** The delivery id: the event's, so that a repeated replay is recognisably the same event downstream. */
    static DeliveryContext context(String eventId, String summary, Instant now) {
        String id = eventId != null && !eventId.isBlank() ? eventId : "neptune-guard-replay:" + now;
        return new DeliveryContext(id, summary, now);
    }

    private static Severity severity(Map<String, String> env, String name, Severity fallback) {
        String text = blankToNull(env.get(name));
        if (text == null) {
            return fallback;
        }
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InputException(name + ": " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
