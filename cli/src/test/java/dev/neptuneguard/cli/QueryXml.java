package dev.neptuneguard.cli;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes Neptune (RDS Query protocol) response bodies with the JDK's XML writer, in the shape of the wire fixtures
 * under {@code functions/src/test/resources/wire/neptune}: {@code <{Action}Response xmlns=…>} →
 * {@code <{Action}Result>} → the list and {@code Marker}, then {@code <ResponseMetadata>}; errors as
 * {@code <ErrorResponse>}. Values are escaped by the writer, never formatted into strings.
 */
final class QueryXml {

    static final String NAMESPACE = "http://rds.amazonaws.com/doc/2014-10-31/";

    private QueryXml() {
    }

    /** A DBCluster's members, in the order the service writes them. */
    static Map<String, String> cluster(String region, String account, String id, String keyArn, String status) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("DBClusterIdentifier", id);
        c.put("Status", status);
        c.put("Engine", "neptune");
        c.put("EngineVersion", "1.3.2.1");
        c.put("Port", "8182");
        c.put("StorageEncrypted", Boolean.toString(keyArn != null));
        if (keyArn != null) {
            c.put("KmsKeyId", keyArn);
        }
        c.put("DbClusterResourceId", "cluster-" + id.toUpperCase(java.util.Locale.ROOT).replace("-", ""));
        c.put("DBClusterArn", "arn:aws:rds:" + region + ":" + account + ":cluster:" + id);
        c.put("DeletionProtection", "false");
        return c;
    }

    /** A DBClusterSnapshot's members, in the order the service writes them. */
    static Map<String, String> snapshot(String region, String account, String id, String clusterId, String keyArn) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("DBClusterSnapshotIdentifier", id);
        s.put("DBClusterIdentifier", clusterId);
        s.put("SnapshotCreateTime", "2026-11-01T04:10:00.000Z");
        s.put("Engine", "neptune");
        s.put("Status", "available");
        s.put("StorageEncrypted", Boolean.toString(keyArn != null));
        if (keyArn != null) {
            s.put("KmsKeyId", keyArn);
        }
        s.put("DBClusterSnapshotArn", "arn:aws:rds:" + region + ":" + account + ":cluster-snapshot:" + id);
        s.put("SnapshotType", "manual");
        return s;
    }

    static String clustersPage(List<Map<String, String>> clusters, String marker) {
        return page("DescribeDBClusters", "DBClusters", "DBCluster", clusters, marker);
    }

    static String snapshotsPage(List<Map<String, String>> snapshots, String marker) {
        return page("DescribeDBClusterSnapshots", "DBClusterSnapshots", "DBClusterSnapshot", snapshots, marker);
    }

    /** A ListTagsForResource answer. */
    static String tags(Map<String, String> tags) {
        return write(w -> {
            open(w, "ListTagsForResource");
            w.writeStartElement("TagList");
            for (Map.Entry<String, String> t : tags.entrySet()) {
                w.writeStartElement("Tag");
                leaf(w, "Key", t.getKey());
                leaf(w, "Value", t.getValue());
                w.writeEndElement();
            }
            w.writeEndElement();
            close(w);
        });
    }

    /** SNS {@code Publish}'s answer (the SNS Query API's own namespace). */
    static String snsPublish(String messageId) {
        return write(w -> {
            w.writeStartElement("PublishResponse");
            w.writeDefaultNamespace("http://sns.amazonaws.com/doc/2010-03-31/");
            w.writeStartElement("PublishResult");
            leaf(w, "MessageId", messageId);
            w.writeEndElement();
            w.writeStartElement("ResponseMetadata");
            leaf(w, "RequestId", UUID.randomUUID().toString());
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    /** An {@code <ErrorResponse>} as the Query protocol sends it. */
    static String error(String type, String code, String message) {
        return write(w -> {
            w.writeStartElement("ErrorResponse");
            w.writeDefaultNamespace(NAMESPACE);
            w.writeStartElement("Error");
            leaf(w, "Type", type);
            leaf(w, "Code", code);
            leaf(w, "Message", message);
            w.writeEndElement();
            leaf(w, "RequestId", UUID.randomUUID().toString());
            w.writeEndElement();
        });
    }

    private static String page(String action, String list, String member, List<Map<String, String>> items,
                               String marker) {
        return write(w -> {
            open(w, action);
            w.writeStartElement(list);
            for (Map<String, String> item : items) {
                w.writeStartElement(member);
                for (Map.Entry<String, String> e : item.entrySet()) {
                    leaf(w, e.getKey(), e.getValue());
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            if (marker != null) {
                leaf(w, "Marker", marker);
            }
            close(w);
        });
    }

    private static void open(XMLStreamWriter w, String action) throws XMLStreamException {
        w.writeStartElement(action + "Response");
        w.writeDefaultNamespace(NAMESPACE);
        w.writeStartElement(action + "Result");
    }

    private static void close(XMLStreamWriter w) throws XMLStreamException {
        w.writeEndElement();
        w.writeStartElement("ResponseMetadata");
        leaf(w, "RequestId", UUID.randomUUID().toString());
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void leaf(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
