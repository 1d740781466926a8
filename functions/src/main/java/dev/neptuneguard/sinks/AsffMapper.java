package dev.neptuneguard.sinks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.events.Arns;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.Severity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.securityhub.model.AwsKmsKeyDetails;
import software.amazon.awssdk.services.securityhub.model.AwsRdsDbClusterDetails;
import software.amazon.awssdk.services.securityhub.model.AwsRdsDbClusterSnapshotDetails;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.Compliance;
import software.amazon.awssdk.services.securityhub.model.FindingProviderFields;
import software.amazon.awssdk.services.securityhub.model.FindingProviderSeverity;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.Resource;
import software.amazon.awssdk.services.securityhub.model.ResourceDetails;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;

/**
 * Maps findings to the AWS Security Finding Format with the SDK's model classes; pure and public so that the
 * Security Hub sink and the CLI's {@code --format asff} produce the same findings.
 *
 * <ul>
 *   <li>{@code Id} = {@code neptune-guard/<ruleId>/<resourceArn>}: stable per (rule, resource), so a new import
 *       updates the earlier finding instead of adding one; {@code GeneratorId} = the rule id;
 *       {@code ProductArn} = the account's default custom product.</li>
 *   <li>{@code RecordState} ACTIVE only for FAILED, non-exempt findings; PASSED (risk cleared), NOT_APPLICABLE
 *       (resource gone) and exempt findings are ARCHIVED — BatchImportFindings cannot set {@code Workflow}, so
 *       archiving is the provider's way to take an exempt finding out of the active view; the exemption reason
 *       stays in {@code ProductFields}.</li>
 *   <li>Severity and Types go through {@code FindingProviderFields} too, as Security Hub asks of providers.</li>
 *   <li>{@code Resources}: the subject with its {@code AwsRdsDbCluster} / {@code AwsRdsDbClusterSnapshot} /
 *       {@code AwsKmsKey} details, its key, and for key findings every affected cluster and snapshot, up to 32;
 *       the rest are counted and listed (as far as 2,000 characters allow) in {@code ProductFields}.</li>
 * </ul>
 */
public final class AsffMapper {

    public static final String SCHEMA_VERSION = "2018-10-08";
    public static final String ID_PREFIX = SecurityHubFindings.ID_PREFIX;
    // Security Hub's documented limits. AWS Security Hub User Guide, "ASFF attributes": Resources "an array of up to
    // 32 resource objects", Resources[].Id "Maximum length: 512", Title "Maximum length: 256", Description
    // "Maximum length: 1,024", Remediation.Recommendation.Text "Maximum length: 512". Security Hub API Reference,
    // AwsSecurityFinding.ProductFields: "Can contain up to 50 key-value pairs. For each key-value pair, the key can
    // contain up to 128 characters, and the value can contain up to 2048 characters." Id: see
    // SecurityHubFindings.MAX_ID.
    static final int MAX_RESOURCES = 32;
    static final int MAX_RESOURCE_ID = SecurityHubFindings.MAX_ID;
    static final int MAX_TITLE = 256;
    static final int MAX_DESCRIPTION = 1024;
    static final int MAX_RECOMMENDATION = 512;
    static final int MAX_PRODUCT_FIELDS = 50;
    static final int MAX_PRODUCT_FIELD_KEY = 128;
    static final int MAX_PRODUCT_FIELD_VALUE = 2048;
    /** The lists written into ProductFields stop here, a margin under the value limit. */
    static final int MAX_PRODUCT_FIELD = 2000;
    /**
     * Identifiers inside Resources[].Details have no documented limit of their own; they are fitted like ids so
     * that a hostile 100,000-character name cannot push a finding past Security Hub's finding size.
     */
    static final int MAX_DETAIL_ID = 512;
    static final String ENCRYPTION_TYPE = "Software and Configuration Checks/AWS Security Best Practices/"
            + "Encryption at rest";
    static final String DESTRUCTION_TYPE = "Effects/Data Destruction";

    private static final DateTimeFormatter ASFF_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AsffMapper() {
    }

    /** See {@link SecurityHubFindings#id}. */
    public static String findingId(Finding f) {
        return SecurityHubFindings.id(f);
    }

    public static String productArn(String region, String account) {
        return "arn:" + Arns.partition(region) + ":securityhub:" + region + ":" + account + ":product/" + account
                + "/default";
    }

    /** See {@link SecurityHubFindings#expand}. */
    public static List<Finding> expand(Finding f) {
        return SecurityHubFindings.expand(f);
    }

    /**
     * @param createdAt when this finding id was first imported
     * @param updatedAt now; raised to {@code createdAt} if earlier
     * @param eventId the event that produced the finding, recorded in ProductFields; may be null
     */
    public static AwsSecurityFinding toAsff(Finding f, Instant createdAt, Instant updatedAt, String eventId) {
        return toAsff(f, f.affectedResources().size(), createdAt, updatedAt, eventId);
    }

    /**
     * As {@link #toAsff(Finding, Instant, Instant, String)} for a finding whose affected resources were cut to fit
     * a message (the Security Hub queue): {@code affectedTotal} is the full count, so the ASFF finding is the same
     * as the one made from the whole list as long as the list still holds what {@code Resources} and
     * {@code ProductFields} can show.
     */
    public static AwsSecurityFinding toAsff(Finding f, int affectedTotal, Instant createdAt, Instant updatedAt,
                                            String eventId) {
        Instant created = createdAt.truncatedTo(ChronoUnit.MILLIS);
        Instant updated = updatedAt.truncatedTo(ChronoUnit.MILLIS);
        if (updated.isBefore(created)) {
            updated = created;
        }
        boolean active = f.status() == ComplianceStatus.FAILED && !f.suppressed();
        Severity severity = f.status() == ComplianceStatus.FAILED ? f.severity() : Severity.INFORMATIONAL;
        List<String> types = types(f.ruleId());
        List<Resource> resources = resources(f);
        return AwsSecurityFinding.builder()
                .schemaVersion(SCHEMA_VERSION)
                .id(findingId(f))
                .productArn(productArn(f.region(), f.account()))
                .productName("neptune-guard")
                .companyName("neptune-guard")
                .generatorId(f.ruleId().name())
                .awsAccountId(f.account())
                .region(f.region())
                .types(types)
                .createdAt(ASFF_TIME.format(created))
                .updatedAt(ASFF_TIME.format(updated))
                .severity(s -> s.label(SeverityLabel.fromValue(severity.name())).original(f.severity().name()))
                .findingProviderFields(FindingProviderFields.builder()
                        .severity(FindingProviderSeverity.builder().label(SeverityLabel.fromValue(severity.name()))
                                .original(f.severity().name()).build())
                        .types(types).build())
                .title(Text.cap(f.title(), MAX_TITLE))
                .description(Text.cap(description(f), MAX_DESCRIPTION))
                .remediation(r -> r.recommendation(rec -> rec.text(recommendation(f)).url(docs(f.resourceType()))))
                .compliance(Compliance.builder().status(compliance(f.status())).build())
                .recordState(active ? RecordState.ACTIVE : RecordState.ARCHIVED)
                .resources(resources)
                .productFields(productFields(f, Math.max(affectedTotal, f.affectedResources().size()),
                        resources.size(), eventId))
                .build();
    }

    /** The ASFF JSON of a finding, as {@code aws securityhub batch-import-findings} takes it. */
    public static ObjectNode toJson(AwsSecurityFinding finding) {
        return AsffJson.toNode(finding);
    }

    /** The ASFF finding types of a rule; the OCSF report uses the same taxonomy in {@code finding_info.types}. */
    public static List<String> types(RuleId rule) {
        return rule.resourceType() == ResourceType.KEY && rule != RuleId.KMS_KEY_POLICY_CHANGED_IN_USE
                ? List.of(ENCRYPTION_TYPE, DESTRUCTION_TYPE) : List.of(ENCRYPTION_TYPE);
    }

    private static software.amazon.awssdk.services.securityhub.model.ComplianceStatus compliance(ComplianceStatus s) {
        return switch (s) {
            case FAILED -> software.amazon.awssdk.services.securityhub.model.ComplianceStatus.FAILED;
            case PASSED -> software.amazon.awssdk.services.securityhub.model.ComplianceStatus.PASSED;
            case NOT_APPLICABLE -> software.amazon.awssdk.services.securityhub.model.ComplianceStatus.NOT_AVAILABLE;
        };
    }

    private static String description(Finding f) {
        String d = f.detail() == null || f.detail().isBlank() ? f.title() : f.detail();
        return f.suppressed() ? d + " Exempt: " + f.suppressionReason() + "." : d;
    }

    private static String recommendation(Finding f) {
        String r = f.remediation() == null || f.remediation().isBlank() ? "No action is needed." : f.remediation();
        return Text.cap(r, MAX_RECOMMENDATION);
    }

    /** The AWS documentation page that explains a kind of finding (ASFF Recommendation.Url, OCSF references). */
    public static String docs(ResourceType type) {
        return type == ResourceType.KEY
                ? "https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html"
                : "https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html";
    }

    static List<Resource> resources(Finding f) {
        List<Resource> out = new ArrayList<>();
        out.add(resource(f.resourceArn(), f.resourceType(), f));
        if (f.resourceType() != ResourceType.KEY && isKeyArn(f.keyArn())) {
            out.add(resource(f.keyArn(), ResourceType.KEY, f));
        }
        for (String arn : f.affectedResources()) {
            if (out.size() == MAX_RESOURCES) {
                break;
            }
            out.add(resource(arn, typeOf(arn), f));
        }
        return out;
    }

    private static Resource resource(String arn, ResourceType type, Finding f) {
        String region = Arns.region(arn) != null ? Arns.region(arn) : f.region();
        ResourceDetails details = switch (type) {
            case CLUSTER -> ResourceDetails.builder().awsRdsDbCluster(AwsRdsDbClusterDetails.builder()
                    .dbClusterIdentifier(detail(nameOf(arn, f, ":cluster:")))
                    .dbClusterResourceId(arn.equals(f.resourceArn()) ? detail(f.resourceId()) : null)
                    .engine("neptune").storageEncrypted(encrypted(f)).kmsKeyId(detail(f.keyArn())).build()).build();
            case SNAPSHOT -> ResourceDetails.builder().awsRdsDbClusterSnapshot(AwsRdsDbClusterSnapshotDetails.builder()
                    .dbClusterSnapshotIdentifier(detail(nameOf(arn, f, ":cluster-snapshot:")))
                    .engine("neptune").storageEncrypted(encrypted(f)).kmsKeyId(detail(f.keyArn())).build()).build();
            case KEY -> ResourceDetails.builder().awsKmsKey(AwsKmsKeyDetails.builder()
                    .awsAccountId(detail(Arns.account(arn))).keyId(detail(Text.shortName(arn)))
                    .keyState(arn.equals(f.keyArn()) ? detail(f.keyState()) : null).build()).build();
            // ASFF has no Neptune Analytics type: "Other" with the fields that matter, as Details.Other allows.
            case GRAPH, GRAPH_SNAPSHOT -> ResourceDetails.builder().other(analyticsDetails(arn, type, f)).build();
        };
        return Resource.builder().type(type.asffType()).id(SecurityHubFindings.fit(arn, MAX_RESOURCE_ID))
                .partition(Arns.partition(region)).region(region).details(details).build();
    }

    private static Map<String, String> analyticsDetails(String arn, ResourceType type, Finding f) {
        Map<String, String> other = new LinkedHashMap<>();
        other.put("Service", "neptune-graph");
        other.put("ResourceType", type.awsType());
        other.put(type == ResourceType.GRAPH ? "GraphId" : "GraphSnapshotId", detail(Text.shortName(arn)));
        if (arn.equals(f.resourceArn()) && f.resourceName() != null) {
            other.put("Name", detail(f.resourceName()));
        }
        other.put("KmsKeyIdentifier", f.keyArn() != null ? detail(f.keyArn()) : "AWS_OWNED_KEY");
        return other;
    }

    private static String detail(String identifier) {
        return SecurityHubFindings.fit(identifier, MAX_DETAIL_ID);
    }

    /** For a key finding the affected resources are encrypted with the key; otherwise it depends on the rule. */
    private static Boolean encrypted(Finding f) {
        if (f.resourceType() == ResourceType.KEY) {
            return Boolean.TRUE;
        }
        boolean unencryptedRule = f.ruleId() == RuleId.NEPTUNE_CLUSTER_UNENCRYPTED
                || f.ruleId() == RuleId.NEPTUNE_SNAPSHOT_UNENCRYPTED;
        if (unencryptedRule && f.status() == ComplianceStatus.FAILED) {
            return Boolean.FALSE;
        }
        return f.keyArn() != null ? Boolean.TRUE : null;
    }

    private static String nameOf(String arn, Finding f, String marker) {
        if (arn.equals(f.resourceArn()) && f.resourceName() != null) {
            return f.resourceName();
        }
        int at = arn.indexOf(marker);
        return at < 0 ? Text.shortName(arn) : arn.substring(at + marker.length());
    }

    private static ResourceType typeOf(String arn) {
        return ResourceType.ofArn(arn);
    }

    private static boolean isKeyArn(String arn) {
        return arn != null && arn.startsWith("arn:") && arn.contains(":key/");
    }

    private static Map<String, String> productFields(Finding f, int total, int resourcesListed, String eventId) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(ID_PREFIX + "RuleId", f.ruleId().name());
        p.put(ID_PREFIX + "FindingId", SecurityHubFindings.fit(f.stableId(), MAX_PRODUCT_FIELD_VALUE));
        putIf(p, "EventId", SecurityHubFindings.fit(eventId, MAX_PRODUCT_FIELD_VALUE));
        putIf(p, "KeyArn", SecurityHubFindings.fit(f.keyArn(), MAX_PRODUCT_FIELD_VALUE));
        putIf(p, "KeyState", SecurityHubFindings.fit(f.keyState(), MAX_PRODUCT_FIELD_VALUE));
        putIf(p, "DeletionDate", f.deletionDate() == null ? null : f.deletionDate().toString());
        if (f.suppressed()) {
            putIf(p, "SuppressionReason", Text.cap(f.suppressionReason(), MAX_PRODUCT_FIELD));
        }
        if (total > 0) {
            p.put(ID_PREFIX + "AffectedResourceCount", Integer.toString(total));
        }
        int listedAffected = Math.max(0, resourcesListed - 1 - (isKeyArn(f.keyArn())
                && f.resourceType() != ResourceType.KEY ? 1 : 0));
        if (listedAffected < total) {
            List<String> known = f.affectedResources();
            p.put(ID_PREFIX + "AffectedResourcesNotInResources", joinWithin(
                    known.subList(Math.min(listedAffected, known.size()), known.size()), total - listedAffected,
                    MAX_PRODUCT_FIELD));
        }
        return withinLimits(p);
    }

    /** Every key, value and the count within Security Hub's ProductFields limits (see the constants). */
    static Map<String, String> withinLimits(Map<String, String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (out.size() == MAX_PRODUCT_FIELDS) {
                break;
            }
            out.put(Text.cap(e.getKey(), MAX_PRODUCT_FIELD_KEY), Text.cap(e.getValue(), MAX_PRODUCT_FIELD_VALUE));
        }
        return out;
    }

    private static void putIf(Map<String, String> p, String key, String value) {
        if (value != null && !value.isBlank()) {
            p.put(ID_PREFIX + key, value);
        }
    }

    /** Comma-separated ARNs up to {@code max} characters, then "… and N more". */
    static String joinWithin(List<String> arns, int max) {
        return joinWithin(arns, arns.size(), max);
    }

    /** As {@link #joinWithin(List, int)}, where {@code arns} may be the first ones of {@code total}. */
    static String joinWithin(List<String> arns, int total, int max) {
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (String arn : arns) {
            String tail = " … and " + Text.count(total - used) + " more";
            String next = (b.length() == 0 ? "" : ",") + arn;
            if (b.length() + next.length() + tail.length() > max) {
                return b.append(tail).toString();
            }
            b.append(next);
            used++;
        }
        return used < total ? b.append(" … and ").append(Text.count(total - used)).append(" more").toString()
                : b.toString();
    }
}
