package dev.neptuneguard.artifacts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.neptuneguard.inventory.WireXml;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Makes a {@link LocalCloud} answer for an account of {@code n} Neptune clusters, all on the demo account's legacy
 * key (disabled), each with one automated snapshot on that key: Neptune's listings come in pages of 100 (the
 * {@code Marker} of page k is {@code p0000k}), cloned from the one-resource wire templates. A lookup by cluster
 * identifier still gets the stub's own answer. Also counts the AWS calls the stub saw, per operation, whatever the
 * protocol (JSON {@code X-Amz-Target}, Query {@code Action}, REST method and path).
 */
final class ScaledAccount {

    static final int PAGE = 100;

    private ScaledAccount() {
    }

    /** Stubs the listings; returns the number of pages of clusters (snapshots have as many). */
    static int stub(LocalCloud cloud, int clusters) {
        stubPages(cloud, "DescribeDBClusters", "/wire/neptune/describe-db-clusters-legacy-template.xml", "DBClusters",
                "DBCluster", clusters, (cluster, i) -> {
                    String id = "graph-" + i;
                    WireXml.set(cluster, "DBClusterIdentifier", id);
                    WireXml.set(cluster, "DBClusterArn", "arn:aws:rds:us-east-1:111122223333:cluster:" + id);
                    WireXml.set(cluster, "Endpoint", id + ".cluster-c7x2kq9m4tnb.us-east-1.neptune.amazonaws.com");
                });
        return stubPages(cloud, "DescribeDBClusterSnapshots",
                "/wire/neptune/describe-db-cluster-snapshots-legacy-template.xml", "DBClusterSnapshots",
                "DBClusterSnapshot", clusters, (snapshot, i) -> {
                    String id = "rds:graph-" + i + "-2026-11-23-03-10";
                    WireXml.set(snapshot, "DBClusterSnapshotIdentifier", id);
                    WireXml.set(snapshot, "DBClusterIdentifier", "graph-" + i);
                    WireXml.set(snapshot, "DBClusterSnapshotArn",
                            "arn:aws:rds:us-east-1:111122223333:cluster-snapshot:" + id);
                });
    }

    /** The calls the stub received since its last {@code forget()}, per operation name. */
    static Map<String, Integer> calls(LocalCloud cloud) {
        Map<String, Integer> calls = new TreeMap<>();
        for (ServeEvent e : cloud.server.getAllServeEvents()) {
            calls.merge(operation(e), 1, Integer::sum);
        }
        return calls;
    }

    private static String operation(ServeEvent e) {
        var request = e.getRequest();
        String target = request.getHeader("X-Amz-Target");
        if (target != null && !target.isEmpty()) {
            return target.substring(target.indexOf('.') + 1);
        }
        String body = request.getBodyAsString();
        for (String pair : body.split("&")) {
            if (pair.startsWith("Action=")) {
                return URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
            }
        }
        String path = request.getUrl();
        String first = path.length() > 1 ? path.substring(1).split("[/?]")[0] : "";
        return request.getMethod().getName() + " /" + first;
    }

    private static int stubPages(LocalCloud cloud, String action, String template, String listName,
                                 String memberName, int total, BiConsumer<Element, Integer> fill) {
        int pages = Math.max(1, (total + PAGE - 1) / PAGE);
        for (int page = 1; page <= pages; page++) {
            Document doc = WireXml.parse(LocalCloud.resource(template));
            Element list = (Element) doc.getElementsByTagNameNS("*", listName).item(0);
            Element prototype = (Element) doc.getElementsByTagNameNS("*", memberName).item(0);
            list.removeChild(prototype);
            for (int i = (page - 1) * PAGE; i < Math.min(total, page * PAGE); i++) {
                Element member = (Element) prototype.cloneNode(true);
                fill.accept(member, i);
                list.appendChild(member);
            }
            if (page < pages) {
                Element marker = doc.createElementNS(list.getNamespaceURI(), "Marker");
                marker.setTextContent(marker(page + 1));
                list.getParentNode().insertBefore(marker, list);
            }
            MappingBuilder request = post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"))
                    .withRequestBody(notContaining("Identifier="));
            request = page == 1 ? request.withRequestBody(notContaining("Marker="))
                    : request.withRequestBody(containing("Marker=" + marker(page)));
            cloud.server.stubFor(request.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                    .withBody(WireXml.write(doc))));
        }
        return pages;
    }

    private static String marker(int page) {
        return String.format("p%05d", page);
    }

    /** Sums the calls of the given operations. */
    static int sum(Map<String, Integer> calls, List<String> operations) {
        return operations.stream().mapToInt(op -> calls.getOrDefault(op, 0)).sum();
    }
}
