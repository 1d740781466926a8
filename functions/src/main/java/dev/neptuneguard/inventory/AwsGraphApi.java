package dev.neptuneguard.inventory;

import dev.neptuneguard.events.Arns;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.neptunegraph.NeptuneGraphClient;
import software.amazon.awssdk.services.neptunegraph.model.GetGraphResponse;
import software.amazon.awssdk.services.neptunegraph.model.GetGraphSnapshotResponse;
import software.amazon.awssdk.services.neptunegraph.model.GraphSnapshotSummary;
import software.amazon.awssdk.services.neptunegraph.model.GraphSummary;
import software.amazon.awssdk.services.neptunegraph.model.NeptuneGraphException;
import software.amazon.awssdk.services.neptunegraph.model.ResourceNotFoundException;

/**
 * {@link GraphApi} over the SDK's {@code NeptuneGraphClient} (REST-JSON, pages of at most 100 with
 * {@code nextToken}). {@code ListGraphs} names each graph's key, so {@code GetGraph} is only called for a graph whose
 * summary lacks a status (and for event triggers, which name one graph). A region where the service's endpoint does not
 * resolve has no Neptune Analytics: that is an empty region, remembered in {@link #unavailable()}, not an error.
 * Throttling and server faults that outlast the SDK's retries escape, as for Neptune.
 */
final class AwsGraphApi implements GraphApi, AutoCloseable {

    private static final int PAGE_SIZE = 100;

    private final NeptuneGraphClient client;
    private final String region;
    private final boolean endpointOverridden;
    private String unavailable;

    /**
     * @param endpointOverridden whether the client is aimed at an {@code --endpoint-url} (tests, emulators): only then
     *        is an answer that is no Neptune Analytics error at all read as "this endpoint has no Neptune Analytics"
     */
    AwsGraphApi(NeptuneGraphClient client, String region, boolean endpointOverridden) {
        this.client = client;
        this.region = region;
        this.endpointOverridden = endpointOverridden;
    }

    @Override
    public List<GraphFacts> graphs() {
        return listing(() -> {
            List<GraphFacts> out = new ArrayList<>();
            for (GraphSummary g : client.listGraphsPaginator(r -> r.maxResults(PAGE_SIZE)).graphs()) {
                GraphFacts facts = facts(g);
                out.add(facts.status() == null ? graph(g.id()).orElse(facts) : facts);
            }
            return out;
        });
    }

    @Override
    public Optional<GraphFacts> graph(String idOrArn) {
        try {
            return Optional.of(facts(client.getGraph(r -> r.graphIdentifier(id(idOrArn, "graph/")))));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<GraphSnapshotFacts> graphSnapshots() {
        return listing(() -> {
            List<GraphSnapshotFacts> out = new ArrayList<>();
            for (GraphSnapshotSummary s : client.listGraphSnapshotsPaginator(r -> r.maxResults(PAGE_SIZE))
                    .graphSnapshots()) {
                out.add(facts(s));
            }
            return out;
        });
    }

    /** A whole listing, or nothing where the endpoint has no Neptune Analytics ({@link #unavailable()} says so). */
    private <T> List<T> listing(Supplier<List<T>> pages) {
        try {
            return pages.get();
        } catch (SdkClientException | NeptuneGraphException e) {
            if (!noEndpoint(e)) {
                throw e;
            }
            return List.of();
        }
    }

    @Override
    public Optional<GraphSnapshotFacts> graphSnapshot(String idOrArn) {
        try {
            return Optional.of(facts(client.getGraphSnapshot(r -> r.snapshotIdentifier(id(idOrArn,
                    "graph-snapshot/")))));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Map<String, String> tags(String arn) {
        try {
            Map<String, String> tags = client.listTagsForResource(r -> r.resourceArn(arn)).tags();
            return tags == null ? Map.of() : new TreeMap<>(tags);
        } catch (ResourceNotFoundException e) {
            return Map.of();
        }
    }

    @Override
    public Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    @Override
    public void close() {
        client.close();
    }

    /** The API takes ids ({@code g-…}, {@code gs-…}); an ARN is cut to the id after its resource type. */
    static String id(String idOrArn, String marker) {
        int at = idOrArn.indexOf(":" + marker);
        return at < 0 ? idOrArn : idOrArn.substring(at + marker.length() + 1);
    }

    /**
     * A DNS failure for the service's own host: Neptune Analytics is not offered in this region. Or, at an
     * {@code --endpoint-url} only, an error answer that is no Neptune Analytics error at all (the service names every
     * error it sends in {@code x-amzn-ErrorType}; moto, for one, answers its paths with an HTML 500): that endpoint
     * serves other AWS APIs but not this one. Against AWS itself such an answer is a fault and escapes, so a transient
     * failure can never hide a graph.
     */
    private boolean noEndpoint(SdkException e) {
        if (endpointOverridden && e instanceof NeptuneGraphException n && n.statusCode() >= 400
                && !n.isThrottlingException()
                && (n.awsErrorDetails() == null || n.awsErrorDetails().errorCode() == null)) {
            unavailable = "the endpoint does not serve the Neptune Analytics API in " + region + " (HTTP "
                    + n.statusCode() + " without a Neptune Analytics error)";
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                unavailable = "Neptune Analytics has no endpoint in " + region + " (" + t.getMessage() + ")";
                return true;
            }
        }
        return false;
    }

    private GraphFacts facts(GraphSummary g) {
        return new GraphFacts(g.arn(), g.id(), g.name(), Arns.account(g.arn()), regionOf(g.arn()), g.statusAsString(),
                null, g.kmsKeyIdentifier(), Boolean.TRUE.equals(g.deletionProtection()), Map.of(), false,
                FactSource.LIVE);
    }

    private GraphFacts facts(GetGraphResponse g) {
        return new GraphFacts(g.arn(), g.id(), g.name(), Arns.account(g.arn()), regionOf(g.arn()), g.statusAsString(),
                g.statusReason(), g.kmsKeyIdentifier(), Boolean.TRUE.equals(g.deletionProtection()), Map.of(), false,
                FactSource.LIVE);
    }

    private GraphSnapshotFacts facts(GraphSnapshotSummary s) {
        return new GraphSnapshotFacts(s.arn(), s.id(), s.name(), s.sourceGraphId(), Arns.account(s.arn()),
                regionOf(s.arn()), s.statusAsString(), s.kmsKeyIdentifier(), s.snapshotCreateTime(), Map.of(), false,
                FactSource.LIVE);
    }

    private GraphSnapshotFacts facts(GetGraphSnapshotResponse s) {
        return new GraphSnapshotFacts(s.arn(), s.id(), s.name(), s.sourceGraphId(), Arns.account(s.arn()),
                regionOf(s.arn()), s.statusAsString(), s.kmsKeyIdentifier(), s.snapshotCreateTime(), Map.of(), false,
                FactSource.LIVE);
    }

    private String regionOf(String arn) {
        String fromArn = Arns.region(arn);
        return fromArn != null ? fromArn : region;
    }
}
