package dev.neptuneguard.model;

/** Kinds of resources a finding can be about, named by their CloudFormation / AWS Config type. */
public enum ResourceType {
    CLUSTER("AWS::RDS::DBCluster", "AwsRdsDbCluster"),
    SNAPSHOT("AWS::RDS::DBClusterSnapshot", "AwsRdsDbClusterSnapshot"),
    KEY("AWS::KMS::Key", "AwsKmsKey"),
    /**
     * A Neptune Analytics graph. ASFF has no type for it, so Security Hub gets {@code Other} (with the graph's
     * fields in {@code Details.Other}); the CloudFormation type names it everywhere else.
     */
    GRAPH("AWS::NeptuneGraph::Graph", "Other"),
    /** A Neptune Analytics graph snapshot (CloudFormation's type name; ASFF gets {@code Other}). */
    GRAPH_SNAPSHOT("AWS::NeptuneGraph::GraphSnapshot", "Other");

    private final String awsType;
    private final String asffType;

    ResourceType(String awsType, String asffType) {
        this.awsType = awsType;
        this.asffType = asffType;
    }

    /**
     * The type an ARN names: a Neptune Analytics graph or graph snapshot ({@code arn:aws:neptune-graph:…:graph/…},
     * {@code …:graph-snapshot/…}), a KMS key, a cluster snapshot, else a cluster.
     */
    public static ResourceType ofArn(String arn) {
        if (arn == null) {
            return CLUSTER;
        }
        if (arn.contains(":neptune-graph:")) {
            return arn.contains(":graph-snapshot/") ? GRAPH_SNAPSHOT : GRAPH;
        }
        if (arn.contains(":cluster-snapshot:")) {
            return SNAPSHOT;
        }
        return arn.startsWith("arn:") && arn.contains(":kms:") && arn.contains(":key/") ? KEY : CLUSTER;
    }

    /** Whether this is a Neptune Analytics resource (graph or graph snapshot). */
    public boolean analytics() {
        return this == GRAPH || this == GRAPH_SNAPSHOT;
    }

    /** The type as AWS Config and CloudFormation name it, e.g. {@code AWS::RDS::DBCluster}. */
    public String awsType() {
        return awsType;
    }

    /** The type as Security Hub's ASFF {@code Resources[].Type} names it, e.g. {@code AwsRdsDbCluster}. */
    public String asffType() {
        return asffType;
    }
}
