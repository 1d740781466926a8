package dev.neptuneguard.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.SnapshotFacts;
import java.util.Map;

/**
 * RDS CloudTrail records (Neptune's management API is logged as RDS). Cluster and snapshot creation,
 * restore and copy become {@link ResourceTrigger}s; other engines, failed calls and other calls are ignored.
 * The engine is taken from the request, else the response; when neither names it the trigger carries
 * {@code engine = null} and the core looks the resource up.
 */
final class RdsEventParser {

    /** Cluster and snapshot identifiers: letters, digits, hyphens; automated snapshots add "rds:". */
    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[A-Za-z0-9:_-]{1,255}");

    private RdsEventParser() {
    }

    static EventOutcome parse(EventParser.Envelope env) {
        String name = env.eventName();
        String eventId = env.cloudTrailEventId();
        if (name == null) {
            return new Ignored(IgnoreReason.MISSING_FIELD, "the CloudTrail record has no eventName", eventId, null);
        }
        ResourceTrigger.Kind kind = ResourceTrigger.Kind.ofEventName(name);
        if (kind == null) {
            return new Ignored(IgnoreReason.UNSUPPORTED_EVENT_NAME, "RDS call " + name + " is not a trigger", eventId, name);
        }
        Ignored failed = env.failedCall();
        if (failed != null) {
            return failed;
        }
        JsonNode request = env.request();
        JsonNode response = env.response();
        String engine = firstNonNull(Json.text(request, "engine"), Json.text(response, "engine"));
        if (engine != null && !"neptune".equalsIgnoreCase(engine)) {
            return new Ignored(IgnoreReason.OTHER_ENGINE, name + " for engine " + engine + " (not neptune)", eventId, name);
        }
        String account = env.accountOrRecipient();
        String region = env.regionOrAws();
        String identifier;
        String arn;
        ClusterFacts cluster = null;
        SnapshotFacts snapshot = null;
        if (kind.isCluster()) {
            identifier = firstNonNull(Json.text(request, "dBClusterIdentifier"), Json.text(response, "dBClusterIdentifier"));
            arn = Json.text(response, "dBClusterArn");
            if (response != null && response.isObject() && identifier != null) {
                cluster = clusterFromResponse(response, identifier, account, region);
            }
        } else {
            identifier = firstNonNull(
                    kind == ResourceTrigger.Kind.SNAPSHOT_COPIED
                            ? Json.text(request, "targetDBClusterSnapshotIdentifier")
                            : Json.text(request, "dBClusterSnapshotIdentifier"),
                    Json.text(response, "dBClusterSnapshotIdentifier"));
            arn = Json.text(response, "dBClusterSnapshotArn");
            if (response != null && response.isObject() && identifier != null) {
                snapshot = snapshotFromResponse(response, identifier, account, region);
            }
        }
        if (identifier == null) {
            return new Ignored(IgnoreReason.MISSING_FIELD, name + " names no "
                    + (kind.isCluster() ? "cluster" : "snapshot") + " identifier", eventId, name);
        }
        if (!IDENTIFIER.matcher(identifier).matches()) {
            // Not something RDS could have created: describing it would only fail and be retried.
            return new Ignored(IgnoreReason.MISSING_FIELD, name + " names an invalid identifier (" + identifier.length()
                    + " characters)", eventId, name);
        }
        if (arn == null && account != null && region != null) {
            arn = Arns.rds(region, account, kind.isCluster() ? "cluster" : "cluster-snapshot", identifier);
        }
        return new ResourceTrigger(kind, eventId, name, env.eventTime(), account, region, env.principal(), identifier,
                arn, engine, Json.text(request, "kmsKeyId"), cluster, snapshot);
    }

    private static ClusterFacts clusterFromResponse(JsonNode r, String identifier, String account, String region) {
        String arn = Json.text(r, "dBClusterArn");
        return new ClusterFacts(
                arn != null ? arn : Arns.rds(region, account, "cluster", identifier),
                identifier,
                Json.text(r, "dbClusterResourceId"),
                account,
                region,
                Json.text(r, "engine"),
                Json.text(r, "status"),
                Json.bool(r, "storageEncrypted"),
                Json.text(r, "kmsKeyId"),
                Boolean.TRUE.equals(Json.bool(r, "deletionProtection")),
                Map.of(),
                false,
                FactSource.EVENT);
    }

    private static SnapshotFacts snapshotFromResponse(JsonNode r, String identifier, String account, String region) {
        String arn = Json.text(r, "dBClusterSnapshotArn");
        return new SnapshotFacts(
                arn != null ? arn : Arns.rds(region, account, "cluster-snapshot", identifier),
                identifier,
                Json.text(r, "dBClusterIdentifier"),
                account,
                region,
                Json.text(r, "engine"),
                Json.text(r, "status"),
                Json.text(r, "snapshotType"),
                Json.bool(r, "storageEncrypted"),
                Json.text(r, "kmsKeyId"),
                Json.instant(r, "snapshotCreateTime"),
                Map.of(),
                false,
                FactSource.EVENT);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
