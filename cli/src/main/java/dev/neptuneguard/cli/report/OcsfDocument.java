package dev.neptuneguard.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.Severity;
import dev.neptuneguard.sinks.AsffMapper;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The {@code --format ocsf} document: one OCSF Compliance Finding (class 2003, category Findings) per finding, with
 * the {@code cloud} and {@code datetime} profiles, as a JSON array with one record per line, the shape of Prowler's
 * {@code json-ocsf} file. Amazon Security Lake takes custom sources only as Parquet, so its ingestion converts
 * anyway; {@code jq -c '.[]'} turns the array into JSON lines for Firehose or Glue.
 *
 * <p>Mapping (attribute names and requirement levels from the OCSF schema, see {@code OCSF_VERSION}):
 * <ul>
 *   <li>{@code finding_info.uid} is the Security Hub finding id ({@link AsffMapper#findingId}), so the same finding
 *       joins across ASFF and OCSF; {@code title}, {@code desc} (the detail) and {@code types} (the ASFF types);</li>
 *   <li>{@code compliance}: {@code control} = the rule id, {@code status_id} Pass (1) / Warning (2, not applicable:
 *       the facts did not allow a verdict) / Fail (3);</li>
 *   <li>{@code status_id}, the finding's workflow state: New (1) when failed, Suppressed (3) when exempt, Resolved
 *       (4) when passed, Archived (5) when not applicable, as Security Hub archives them;</li>
 *   <li>{@code resources}: the subject (role Target), its key (Related) and the resources a key finding puts at
 *       risk (Affected), each with its AWS type, region and partition;</li>
 *   <li>{@code time} and {@code finding_info.created_time} are the run's time in epoch milliseconds (OCSF
 *       {@code timestamp_t}), with the {@code *_dt} RFC 3339 siblings of the datetime profile.</li>
 * </ul>
 */
public final class OcsfDocument implements FindingDocument {

    /** The OCSF schema version the records follow ({@code metadata.version}). */
    public static final String OCSF_VERSION = "1.8.0";
    public static final int CLASS_UID = 2003;
    public static final int CATEGORY_UID = 2;
    static final int ACTIVITY_CREATE = 1;
    static final String PRODUCT_NAME = "neptune-guard";
    static final String PRODUCT_VERSION = "0.1.0";
    static final String STANDARD = "neptune-guard encryption at rest policy";

    @Override
    public void write(List<Finding> findings, ReportContext context, PrintWriter out) {
        List<Finding> unique = Findings.latestPerId(findings);
        if (unique.isEmpty()) {
            out.println("[]");
            out.flush();
            return;
        }
        out.println("[");
        for (int i = 0; i < unique.size(); i++) {
            try {
                out.print(Json.MAPPER.writeValueAsString(record(unique.get(i), context)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write an OCSF record", e);
            }
            out.println(i + 1 < unique.size() ? "," : "");
        }
        out.println("]");
        out.flush();
    }

    /** One finding as an OCSF Compliance Finding. */
    public static ObjectNode record(Finding f, ReportContext context) {
        Instant time = context.time().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("category_uid", CATEGORY_UID);
        r.put("category_name", "Findings");
        r.put("class_uid", CLASS_UID);
        r.put("class_name", "Compliance Finding");
        r.put("activity_id", ACTIVITY_CREATE);
        r.put("activity_name", "Create");
        r.put("type_uid", CLASS_UID * 100L + ACTIVITY_CREATE);
        r.put("type_name", "Compliance Finding: Create");
        r.put("time", time.toEpochMilli());
        r.put("time_dt", time.toString());
        Severity severity = f.severity();
        r.put("severity_id", severityId(severity));
        r.put("severity", caption(severity));
        r.put("status_id", statusId(f));
        r.put("status", statusCaption(statusId(f)));
        r.put("status_code", f.status().name());
        r.put("message", f.title());

        ObjectNode metadata = r.putObject("metadata");
        metadata.put("version", OCSF_VERSION);
        ObjectNode product = metadata.putObject("product");
        product.put("name", PRODUCT_NAME);
        product.put("uid", PRODUCT_NAME);
        product.put("vendor_name", PRODUCT_NAME);
        product.put("version", PRODUCT_VERSION);
        metadata.putArray("profiles").add("cloud").add("datetime");
        metadata.put("event_code", f.ruleId().name());
        if (context.runId() != null) {
            metadata.put("correlation_uid", context.runId());
        }

        ObjectNode info = r.putObject("finding_info");
        info.put("uid", AsffMapper.findingId(f));
        info.put("title", f.title());
        if (f.detail() != null) {
            info.put("desc", f.detail());
        }
        ArrayNode types = info.putArray("types");
        AsffMapper.types(f.ruleId()).forEach(types::add);
        info.put("created_time", time.toEpochMilli());
        info.put("created_time_dt", time.toString());

        ObjectNode compliance = r.putObject("compliance");
        compliance.put("control", f.ruleId().name());
        compliance.put("desc", f.ruleId().title());
        compliance.putArray("standards").add(STANDARD);
        compliance.put("status_id", complianceStatusId(f.status()));
        compliance.put("status", complianceCaption(f.status()));
        compliance.put("status_code", f.status().name());
        if (f.suppressed() && f.suppressionReason() != null) {
            compliance.putArray("status_details").add("exempt: " + f.suppressionReason());
        }

        ObjectNode cloud = r.putObject("cloud");
        cloud.put("provider", "AWS");
        if (f.region() != null) {
            cloud.put("region", f.region());
        }
        String partition = partition(f.resourceArn());
        if (partition != null) {
            cloud.put("cloud_partition", partition);
        }
        if (f.account() != null) {
            ObjectNode account = cloud.putObject("account");
            account.put("uid", f.account());
            account.put("type_id", 10);
            account.put("type", "AWS Account");
        }

        ArrayNode resources = r.putArray("resources");
        ObjectNode subject = resource(resources, f.resourceArn(), f.resourceType(), f.region(), 1, "Target");
        if (f.resourceName() != null) {
            subject.put("name", f.resourceName());
        }
        ObjectNode data = subject.putObject("data");
        putIfPresent(data, "resourceId", f.resourceId());
        putIfPresent(data, "keyArn", f.keyArn());
        putIfPresent(data, "keyState", f.keyState());
        if (f.deletionDate() != null) {
            data.put("deletionDate", f.deletionDate().toString());
        }
        if (f.keyArn() != null && f.resourceType() != ResourceType.KEY) {
            resource(resources, f.keyArn(), ResourceType.KEY, regionOf(f.keyArn(), f.region()), 4, "Related");
        }
        for (String arn : f.affectedResources()) {
            resource(resources, arn, typeOf(arn), regionOf(arn, f.region()), 3, "Affected");
        }

        ObjectNode remediation = r.putObject("remediation");
        remediation.put("desc", f.remediation() == null || f.remediation().isBlank()
                ? "No action needed." : f.remediation());
        remediation.putArray("references").add(AsffMapper.docs(f.resourceType()));

        ObjectNode unmapped = r.putObject("unmapped");
        unmapped.put("source", context.source().label());
        unmapped.put("time_basis", context.timeBasis());
        unmapped.put("finding_id", f.stableId());
        unmapped.put("suppressed", f.suppressed());
        return r;
    }

    private static ObjectNode resource(ArrayNode resources, String arn, ResourceType type, String region, int roleId,
                                       String role) {
        ObjectNode n = resources.addObject();
        n.put("uid", arn);
        if (type != null) {
            n.put("type", type.awsType());
        }
        if (region != null) {
            n.put("region", region);
        }
        String partition = partition(arn);
        if (partition != null) {
            n.put("cloud_partition", partition);
        }
        n.put("role_id", roleId);
        n.put("role", role);
        return n;
    }

    static int severityId(Severity s) {
        return switch (s) {
            case CRITICAL -> 5;
            case HIGH -> 4;
            case MEDIUM -> 3;
            case LOW -> 2;
            case INFORMATIONAL -> 1;
        };
    }

    private static String caption(Severity s) {
        String name = s.name();
        return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    static int statusId(Finding f) {
        if (f.status() == ComplianceStatus.FAILED) {
            return f.suppressed() ? 3 : 1;
        }
        return f.status() == ComplianceStatus.PASSED ? 4 : 5;
    }

    private static String statusCaption(int id) {
        return switch (id) {
            case 1 -> "New";
            case 3 -> "Suppressed";
            case 4 -> "Resolved";
            default -> "Archived";
        };
    }

    static int complianceStatusId(ComplianceStatus s) {
        return switch (s) {
            case PASSED -> 1;
            case NOT_APPLICABLE -> 2;
            case FAILED -> 3;
        };
    }

    private static String complianceCaption(ComplianceStatus s) {
        return switch (s) {
            case PASSED -> "Pass";
            case NOT_APPLICABLE -> "Warning";
            case FAILED -> "Fail";
        };
    }

    /** The partition of an ARN ({@code aws}, {@code aws-cn}, {@code aws-us-gov}), or null if it is not an ARN. */
    private static String partition(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        return parts.length == 6 && parts[0].equals("arn") && !parts[1].isEmpty() ? parts[1] : null;
    }

    private static String regionOf(String arn, String fallback) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        return parts.length == 6 && !parts[3].isEmpty() ? parts[3] : fallback;
    }

    /** The type of an affected resource from its ARN ({@code :cluster:}, {@code :cluster-snapshot:}). */
    private static ResourceType typeOf(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 7);
        if (parts.length >= 6) {
            if (parts[2].equals("kms")) {
                return ResourceType.KEY;
            }
            if (parts[5].equals("cluster-snapshot")) {
                return ResourceType.SNAPSHOT;
            }
            if (parts[5].equals("cluster")) {
                return ResourceType.CLUSTER;
            }
        }
        return null;
    }

    private static void putIfPresent(ObjectNode n, String name, String value) {
        if (value != null && !value.isEmpty()) {
            n.put(name, value);
        }
    }
}
