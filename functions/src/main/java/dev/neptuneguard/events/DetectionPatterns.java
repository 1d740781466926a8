package dev.neptuneguard.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * The EventBridge rules that feed the guard, defined once: the CDK stack builds its rules from these
 * patterns and the CLI's {@code replay} reports which of them an event would match, so what is deployed and
 * what is replayed cannot drift apart. Each rule names the Lambda handler it triggers.
 *
 * <p>The RDS calls are split in two rules because only some requests carry the engine: {@code CreateDBCluster}
 * and {@code RestoreDBClusterFromSnapshot} require it, so the pattern keeps Aurora and DocumentDB out before any
 * Lambda runs. {@code RestoreDBClusterToPointInTime}, {@code CreateDBClusterSnapshot} and
 * {@code CopyDBClusterSnapshot} name no engine in the request; filtering them on {@code responseElements.engine}
 * would silently lose every record whose response is missing, so they are matched for all engines and the
 * parser drops the other engines ({@link IgnoreReason#OTHER_ENGINE}). Failed calls are excluded by
 * {@code errorCode: exists false}; the parser checks it again because a replayed event bypasses the rule.
 */
public final class DetectionPatterns {

    /** Handler for new, restored or copied clusters and snapshots. */
    public static final String CLUSTER_ENCRYPTION_HANDLER = "dev.neptuneguard.handler.ClusterEncryptionHandler";
    /** Handler for KMS key changes that may revoke (or restore) Neptune's access to its data. */
    public static final String KEY_REVOCATION_HANDLER = "dev.neptuneguard.handler.KeyRevocationHandler";

    public static final Rule RDS_NEPTUNE_CLUSTER_CREATES = new Rule(
            "RDS_NEPTUNE_CLUSTER_CREATES",
            CLUSTER_ENCRYPTION_HANDLER,
            "Neptune clusters created or restored from a snapshot (the request names the engine)",
            """
            {
              "source": ["aws.rds"],
              "detail-type": ["AWS API Call via CloudTrail"],
              "detail": {
                "eventSource": ["rds.amazonaws.com"],
                "eventName": ["CreateDBCluster", "RestoreDBClusterFromSnapshot"],
                "errorCode": [{"exists": false}],
                "requestParameters": {
                  "engine": [{"equals-ignore-case": "neptune"}]
                }
              }
            }
            """);

    public static final Rule RDS_CLUSTER_RESTORES_AND_SNAPSHOTS = new Rule(
            "RDS_CLUSTER_RESTORES_AND_SNAPSHOTS",
            CLUSTER_ENCRYPTION_HANDLER,
            "Point-in-time restores and cluster snapshots of any engine (the request names none; checked in code)",
            """
            {
              "source": ["aws.rds"],
              "detail-type": ["AWS API Call via CloudTrail"],
              "detail": {
                "eventSource": ["rds.amazonaws.com"],
                "eventName": ["RestoreDBClusterToPointInTime", "CreateDBClusterSnapshot", "CopyDBClusterSnapshot"],
                "errorCode": [{"exists": false}]
              }
            }
            """);

    /**
     * Neptune Analytics graphs created (empty or by an import task) or restored, and graph snapshots taken. The
     * service reports its CloudTrail events to EventBridge with {@code source: aws.neptune-graph} and
     * {@code eventSource: neptune-graph.amazonaws.com} (EventBridge events reference, "Amazon Neptune Analytics
     * events"). Graphs have no engine to filter on: every successful call is a Neptune Analytics resource.
     */
    public static final Rule NEPTUNE_GRAPH_CREATES = new Rule(
            "NEPTUNE_GRAPH_CREATES",
            CLUSTER_ENCRYPTION_HANDLER,
            "Neptune Analytics graphs created, imported or restored, and graph snapshots taken",
            """
            {
              "source": ["aws.neptune-graph"],
              "detail-type": ["AWS API Call via CloudTrail"],
              "detail": {
                "eventSource": ["neptune-graph.amazonaws.com"],
                "eventName": ["CreateGraph", "CreateGraphUsingImportTask", "RestoreGraphFromSnapshot",
                              "CreateGraphSnapshot"],
                "errorCode": [{"exists": false}]
              }
            }
            """);

    public static final Rule KMS_KEY_CHANGES = new Rule(
            "KMS_KEY_CHANGES",
            KEY_REVOCATION_HANDLER,
            "Successful KMS calls that revoke or restore the usability of a key or a key store",
            """
            {
              "source": ["aws.kms"],
              "detail-type": ["AWS API Call via CloudTrail"],
              "detail": {
                "eventSource": ["kms.amazonaws.com"],
                "eventName": [
                  "DisableKey", "ScheduleKeyDeletion", "DeleteImportedKeyMaterial", "DisconnectCustomKeyStore",
                  "RevokeGrant", "RetireGrant", "PutKeyPolicy",
                  "EnableKey", "CancelKeyDeletion", "ImportKeyMaterial", "ConnectCustomKeyStore"
                ],
                "errorCode": [{"exists": false}]
              }
            }
            """);

    public static final Rule KMS_NATIVE_EVENTS = new Rule(
            "KMS_NATIVE_EVENTS",
            KEY_REVOCATION_HANDLER,
            "KMS's own events: a key was deleted or its imported key material expired",
            """
            {
              "source": ["aws.kms"],
              "detail-type": ["KMS CMK Deletion", "KMS Imported Key Material Expiration"]
            }
            """);

    private static final List<Rule> ALL = List.of(
            RDS_NEPTUNE_CLUSTER_CREATES, RDS_CLUSTER_RESTORES_AND_SNAPSHOTS, KMS_KEY_CHANGES, KMS_NATIVE_EVENTS,
            NEPTUNE_GRAPH_CREATES);

    private DetectionPatterns() {
    }

    /** Every detection rule, in a stable order. */
    public static List<Rule> all() {
        return ALL;
    }

    /** The rule with this name, if there is one. */
    public static Optional<Rule> byName(String name) {
        return ALL.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /**
     * One EventBridge rule.
     *
     * @param name stable upper snake case name, shown by {@code replay} and in the rule's description
     * @param handler fully qualified class name of the Lambda handler that the rule triggers
     * @param summary one line saying what the rule catches
     * @param patternJson the EventBridge event pattern, exactly as deployed
     */
    public record Rule(String name, String handler, String summary, String patternJson) {

        public Rule {
            pattern(patternJson);
        }

        /** A fresh parsed copy of the pattern (callers may modify it). */
        public JsonNode pattern() {
            return pattern(patternJson);
        }

        private static JsonNode pattern(String json) {
            try {
                JsonNode node = Json.MAPPER.readTree(json);
                if (node == null || !node.isObject()) {
                    throw new IllegalArgumentException("an event pattern must be a JSON object: " + json);
                }
                return node;
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("invalid event pattern JSON: " + e.getOriginalMessage(), e);
            }
        }
    }
}
