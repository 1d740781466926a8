package dev.neptuneguard.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.util.regex.Pattern;

/**
 * Every call the guard makes to AWS (and Slack), with the handler scenario ({@link Scenario}) that makes it and
 * how it is recognised on the wire: the {@code Action} of a Query request, the {@code X-Amz-Target} of a JSON one,
 * or the method and path of a REST one.
 */
enum Call {
    DESCRIBE_DB_CLUSTERS(Service.NEPTUNE, "DescribeDBClusters", Scenario.CLUSTER_EVENT),
    DESCRIBE_DB_CLUSTER_SNAPSHOTS(Service.NEPTUNE, "DescribeDBClusterSnapshots", Scenario.SNAPSHOT_EVENT),
    LIST_TAGS_FOR_RESOURCE(Service.NEPTUNE, "ListTagsForResource", Scenario.CLUSTER_EVENT),
    DESCRIBE_KEY(Service.KMS, "DescribeKey", Scenario.CLUSTER_EVENT),
    GET_KEY_ROTATION_STATUS(Service.KMS, "GetKeyRotationStatus", Scenario.CLUSTER_EVENT),
    LIST_ALIASES(Service.KMS, "ListAliases", Scenario.CLUSTER_EVENT),
    LIST_RESOURCE_TAGS(Service.KMS, "ListResourceTags", Scenario.KEY_EVENT_PROTECTED),
    CANCEL_KEY_DELETION(Service.KMS, "CancelKeyDeletion", Scenario.KEY_EVENT_PROTECTED),
    ENABLE_KEY(Service.KMS, "EnableKey", Scenario.KEY_EVENT_PROTECTED),
    TAG_RESOURCE(Service.KMS, "TagResource", Scenario.KEY_EVENT_PROTECTED),
    PUBLISH(Service.SNS, "Publish", Scenario.CLUSTER_EVENT),
    BATCH_GET_ITEM(Service.DYNAMODB, "BatchGetItem", Scenario.CLUSTER_EVENT),
    PUT_ITEM(Service.DYNAMODB, "PutItem", Scenario.CLUSTER_EVENT),
    UPDATE_ITEM(Service.DYNAMODB, "UpdateItem", Scenario.CLUSTER_EVENT),
    SEND_MESSAGE_BATCH(Service.SQS, "SendMessageBatch", Scenario.CLUSTER_EVENT),
    BATCH_IMPORT_FINDINGS(Service.SECURITY_HUB, "BatchImportFindings", Scenario.SECURITY_HUB_EXPORT),
    GET_SECRET_VALUE(Service.SECRETS_MANAGER, "GetSecretValue", Scenario.SLACK_NOTIFICATION),
    CREATE_SCHEDULE(Service.SCHEDULER, "CreateSchedule", Scenario.KEY_EVENT_REMINDERS),
    DELETE_SCHEDULE(Service.SCHEDULER, "DeleteSchedule", Scenario.REMINDER_KEY_DISABLED),
    GET_RESOURCE_CONFIG_HISTORY(Service.CONFIG, "GetResourceConfigHistory", Scenario.CONFIG_OVERSIZED_CHANGE),
    PUT_EVALUATIONS(Service.CONFIG, "PutEvaluations", Scenario.CONFIG_OVERSIZED_CHANGE),
    LIST_DISCOVERED_RESOURCES(Service.CONFIG, "ListDiscoveredResources", Scenario.CONFIG_PERIODIC),
    SLACK_WEBHOOK(Service.SLACK, "POST incoming webhook", Scenario.SLACK_NOTIFICATION);

    private final Service service;
    private final String operation;
    private final Scenario scenario;

    Call(Service service, String operation, Scenario scenario) {
        this.service = service;
        this.operation = operation;
        this.scenario = scenario;
    }

    Service service() {
        return service;
    }

    /** The SDK's operation name ({@code CallCounter} counts by it); for Slack a description. */
    String operation() {
        return operation;
    }

    Scenario scenario() {
        return scenario;
    }

    String label() {
        return service.label() + " " + operation;
    }

    /** A stub mapping that matches exactly this call. */
    MappingBuilder mapping() {
        return switch (service) {
            case NEPTUNE, SNS -> post(urlEqualTo("/")).withRequestBody(matching(queryAction().pattern()));
            case KMS, DYNAMODB, SQS, SECRETS_MANAGER, CONFIG -> post(urlEqualTo("/"))
                    .withHeader("X-Amz-Target", equalTo(target()));
            case SECURITY_HUB -> post(urlEqualTo("/findings/import"));
            case SCHEDULER -> this == CREATE_SCHEDULE ? post(urlPathMatching("/schedules/.+"))
                    : delete(urlPathMatching("/schedules/.+"));
            case SLACK -> post(urlPathMatching("/services/.+"));
        };
    }

    /** Whether a request the stub received is this call. */
    boolean matches(Request r) {
        return switch (service) {
            case NEPTUNE, SNS -> r.getMethod().equals(RequestMethod.POST) && "/".equals(r.getUrl())
                    && queryAction().matcher(r.getBodyAsString()).matches();
            case KMS, DYNAMODB, SQS, SECRETS_MANAGER, CONFIG -> r.getMethod().equals(RequestMethod.POST)
                    && target().equals(r.getHeader("X-Amz-Target"));
            case SECURITY_HUB -> r.getMethod().equals(RequestMethod.POST) && r.getUrl().equals("/findings/import");
            case SCHEDULER -> r.getUrl().startsWith("/schedules/") && r.getMethod()
                    .equals(this == CREATE_SCHEDULE ? RequestMethod.POST : RequestMethod.DELETE);
            case SLACK -> r.getMethod().equals(RequestMethod.POST) && r.getUrl().startsWith("/services/");
        };
    }

    private Pattern queryAction() {
        return Pattern.compile("(?s)(.*&)?Action=" + operation + "(&.*)?");
    }

    private String target() {
        return switch (service) {
            case KMS -> "TrentService." + operation;
            case DYNAMODB -> "DynamoDB_20120810." + operation;
            case SQS -> "AmazonSQS." + operation;
            case SECRETS_MANAGER -> "secretsmanager." + operation;
            case CONFIG -> "StarlingDoveService." + operation;
            default -> throw new IllegalStateException(service + " is not a JSON-target service");
        };
    }
}
