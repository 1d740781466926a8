package dev.neptuneguard.iac;

import java.util.List;
import java.util.Map;

/**
 * What one template or plan declares, in the form every front end (CloudFormation, Terraform, the CDK Aspect)
 * produces and {@link IacEvaluator} evaluates.
 *
 * @param format {@code CloudFormation} or {@code Terraform}, for remediation texts
 * @param stores the Neptune clusters, snapshots and graphs
 * @param keys the declared KMS keys by address
 */
public record IacModel(String format, List<DeclaredStore> stores, Map<String, DeclaredKey> keys) {

    public static final String CLOUDFORMATION = "CloudFormation";
    public static final String TERRAFORM = "Terraform";

    public IacModel {
        stores = List.copyOf(stores);
        keys = Map.copyOf(keys);
    }

    public boolean terraform() {
        return TERRAFORM.equals(format);
    }
}
