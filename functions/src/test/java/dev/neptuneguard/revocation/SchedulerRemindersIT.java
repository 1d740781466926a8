package dev.neptuneguard.revocation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.SchedulerException;

/**
 * {@link SchedulerReminders} against a local stub speaking EventBridge Scheduler's REST-JSON protocol:
 * {@code POST /schedules/{Name}} and {@code DELETE /schedules/{Name}?groupName=}, errors as {@code x-amzn-ErrorType}
 * + {@code {"Message": ...}}. Reminders are deleted by their derived names, never listed.
 */
class SchedulerRemindersIT {

    private static final String GROUP = "neptune-guard-reminders";
    private static final String TARGET = "arn:aws:lambda:us-east-1:111122223333:function:neptune-guard-reminder:live";
    private static final String ROLE = "arn:aws:iam::111122223333:role/neptune-guard-scheduler";
    private static final String DEAD_LETTERS = "arn:aws:sqs:us-east-1:111122223333:neptune-guard-reminder-dlq";
    private static final Instant NOW = Instant.parse("2026-11-23T17:10:30Z");
    private static final String PREFIX = "ng-5555eeee55ee55ee55ee555555555555-";

    private static WireMockServer server;
    private SchedulerClient client;
    private SchedulerReminders reminders;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void setUp() {
        server.resetAll();
        BackoffStrategy fast = BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(20));
        client = SchedulerClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(server.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(10))
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().backoffStrategy(fast)
                                .throttlingBackoffStrategy(fast).build()))
                .build();
        reminders = new SchedulerReminders(client, new ReminderSettings(
                ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS), GROUP, TARGET, ROLE, DEAD_LETTERS));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static List<Reminder> legacyPlan() {
        return ReminderPlan.plan(Demo.LEGACY, Demo.ACCOUNT, Demo.REGION, Demo.LEGACY_DELETION,
                ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS), NOW);
    }

    @Test
    void schedule_threeFutureReminders_oneTimeSchedulesInUtcThatDeleteThemselves() throws IOException {
        server.stubFor(post(urlPathMatching("/schedules/.*")).willReturn(body(200, "create-schedule.json")));

        int created = reminders.schedule(legacyPlan());

        assertThat(created).isEqualTo(3);
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathMatching("/schedules/.*")));
        assertThat(requests).extracting(LoggedRequest::getUrl).containsExactly(
                "/schedules/" + PREFIX + "P3D", "/schedules/" + PREFIX + "P1D", "/schedules/" + PREFIX + "PT6H");
        JsonNode first = Json.MAPPER.readTree(requests.get(0).getBodyAsString());
        assertThat(first.get("GroupName").asText()).isEqualTo(GROUP);
        assertThat(first.get("ScheduleExpression").asText()).isEqualTo("at(2026-11-27T17:10:02)");
        assertThat(first.get("ScheduleExpressionTimezone").asText()).isEqualTo("UTC");
        assertThat(first.at("/FlexibleTimeWindow/Mode").asText()).isEqualTo("OFF");
        assertThat(first.get("ActionAfterCompletion").asText()).isEqualTo("DELETE");
        assertThat(first.get("State").asText()).isEqualTo("ENABLED");
        assertThat(first.at("/Target/Arn").asText()).isEqualTo(TARGET);
        assertThat(first.at("/Target/RoleArn").asText()).isEqualTo(ROLE);
        assertThat(first.at("/Target/DeadLetterConfig/Arn").asText()).isEqualTo(DEAD_LETTERS);
        assertThat(first.get("ClientToken").asText()).isNotBlank();
        Reminder sent = ReminderParser.parse(first.at("/Target/Input").asText());
        assertThat(sent).isEqualTo(legacyPlan().get(0));
        JsonNode last = Json.MAPPER.readTree(requests.get(2).getBodyAsString());
        assertThat(last.get("ScheduleExpression").asText()).isEqualTo("at(2026-11-30T11:10:02)");
    }

    @Test
    void schedule_nameAlreadyTaken_conflictCountsAsExisting() {
        server.stubFor(post(urlPathMatching("/schedules/.*")).willReturn(body(200, "create-schedule.json")));
        server.stubFor(post(urlPathEqualTo("/schedules/" + PREFIX + "P1D"))
                .willReturn(error(409, "ConflictException", "error-conflict.json")));

        int created = reminders.schedule(legacyPlan());

        assertThat(created).isEqualTo(2);
        server.verify(3, postRequestedFor(urlPathMatching("/schedules/.*")));
    }

    @Test
    void schedule_throttledOnce_retriedAndCreated() {
        server.stubFor(post(urlPathMatching("/schedules/.*")).inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(error(429, "ThrottlingException", "error-throttling.json")).willSetStateTo("ok"));
        server.stubFor(post(urlPathMatching("/schedules/.*")).inScenario("throttle").whenScenarioStateIs("ok")
                .willReturn(body(200, "create-schedule.json")));

        int created = reminders.schedule(legacyPlan().subList(0, 1));

        assertThat(created).isEqualTo(1);
        server.verify(2, postRequestedFor(urlPathEqualTo("/schedules/" + PREFIX + "P3D")));
    }

    @Test
    void schedule_accessDenied_escapes() {
        server.stubFor(post(urlPathMatching("/schedules/.*"))
                .willReturn(error(403, "AccessDeniedException", "error-access-denied.json")));

        assertThatThrownBy(() -> reminders.schedule(legacyPlan())).isInstanceOf(SchedulerException.class)
                .hasMessageContaining("not authorized to perform: scheduler:CreateSchedule");
    }

    @Test
    void cancel_everyConfiguredOffset_deletedByNameInTheGroupAndOneAlreadyGoneTolerated() {
        server.stubFor(delete(urlPathMatching("/schedules/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        server.stubFor(delete(urlPathEqualTo("/schedules/" + PREFIX + "PT6H"))
                .willReturn(error(404, "ResourceNotFoundException", "error-not-found.json")));

        int deleted = reminders.cancel(Demo.LEGACY);

        assertThat(deleted).isEqualTo(3);
        assertThat(server.findAll(deleteRequestedFor(urlPathMatching("/schedules/.*"))))
                .extracting(LoggedRequest::getUrl).allMatch(url -> url.contains("groupName=" + GROUP))
                .extracting(url -> url.substring(0, url.indexOf('?')))
                .containsExactly("/schedules/" + PREFIX + "P7D", "/schedules/" + PREFIX + "P3D",
                        "/schedules/" + PREFIX + "P1D", "/schedules/" + PREFIX + "PT6H");
        server.verify(0, getRequestedFor(urlPathEqualTo("/schedules")));
    }

    @Test
    void cancel_throttledDelete_retriedBySdk() {
        server.stubFor(delete(urlPathMatching("/schedules/.*")).willReturn(error(404, "ResourceNotFoundException",
                "error-not-found.json")));
        server.stubFor(delete(urlPathEqualTo("/schedules/" + PREFIX + "P1D")).inScenario("t")
                .whenScenarioStateIs(STARTED).willReturn(error(429, "ThrottlingException", "error-throttling.json"))
                .willSetStateTo("ok"));
        server.stubFor(delete(urlPathEqualTo("/schedules/" + PREFIX + "P1D")).inScenario("t")
                .whenScenarioStateIs("ok").willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody("{}")));

        assertThat(reminders.cancel(Demo.LEGACY)).isEqualTo(1);
        server.verify(2, deleteRequestedFor(urlPathEqualTo("/schedules/" + PREFIX + "P1D")));
    }

    @Test
    void guard_scheduleThenCancelEvents_remindersCreatedThenDeletedOverTheWire() {
        server.stubFor(post(urlPathMatching("/schedules/.*")).willReturn(body(200, "create-schedule.json")));
        server.stubFor(delete(urlPathMatching("/schedules/.*")).willReturn(error(404, "ResourceNotFoundException",
                "error-not-found.json")));
        server.stubFor(delete(urlPathMatching("/schedules/" + PREFIX + "(P3D|P1D|PT6H)")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        KeyRevocationGuard scheduling = new KeyRevocationGuard(Demo.account().legacy("PendingDeletion").build(),
                new RevocationRules(), reminders, ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS),
                new Protection(ProtectionSettings.off(), new RecordingKeyActions(), clock), clock);
        KeyRevocationGuard cancelling = new KeyRevocationGuard(Demo.account().legacy("Disabled").build(),
                new RevocationRules(), reminders, ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS),
                new Protection(ProtectionSettings.off(), new RecordingKeyActions(), clock), clock);

        RevocationResult scheduled = scheduling.handle(
                (KeyTrigger) EventParser.parse(Demo.event("kms/schedule-key-deletion-legacy.json")));
        RevocationResult cancelled = cancelling.handle(
                (KeyTrigger) EventParser.parse(Demo.event("kms/cancel-key-deletion-legacy.json")));

        assertThat(scheduled.remindersCreated()).isEqualTo(3);
        assertThat(cancelled.remindersDeleted()).isEqualTo(3);
        server.verify(4, deleteRequestedFor(urlPathMatching("/schedules/" + PREFIX + ".*")));
    }

    private static ResponseDefinitionBuilder body(int status, String file) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(fixture(file));
    }

    private static ResponseDefinitionBuilder error(int status, String type, String file) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", type).withBody(fixture(file));
    }

    private static String fixture(String file) {
        try (InputStream in = SchedulerRemindersIT.class.getResourceAsStream("/wire/scheduler/" + file)) {
            return new String(Objects.requireNonNull(in, file).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
