package dev.neptuneguard.model;

/** Kinds of resources a finding can be about, named by their CloudFormation / AWS Config type. */
public enum ResourceType {
    CLUSTER("AWS::RDS::DBCluster", "AwsRdsDbCluster"),
    SNAPSHOT("AWS::RDS::DBClusterSnapshot", "AwsRdsDbClusterSnapshot"),
    KEY("AWS::KMS::Key", "AwsKmsKey");

    private final String awsType;
    private final String asffType;

    ResourceType(String awsType, String asffType) {
        this.awsType = awsType;
        this.asffType = asffType;
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
