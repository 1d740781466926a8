package dev.neptuneguard.iac;

import dev.neptuneguard.model.ResourceType;
import java.util.Map;

/**
 * A Neptune resource that stores data, as declared in code: a DB cluster, a cluster snapshot, or a Neptune Analytics
 * graph. Only what encryption at rest depends on.
 *
 * @param address the CloudFormation logical id or the Terraform address
 * @param type the CloudFormation or Terraform type ({@code AWS::Neptune::DBCluster}, {@code aws_neptune_cluster})
 * @param name the physical name when the code gives one, else {@code null}
 * @param kind {@link ResourceType#CLUSTER} or {@link ResourceType#SNAPSHOT}; {@code null} for a graph (its rules
 *        live with the graph capability; here a graph only counts in a key's blast radius)
 * @param encrypted {@code null} when the code does not say and the tool's default applies (not encrypted)
 * @param encryptionNote why {@code encrypted} is what it is when it is not written out (a default, a parameter)
 * @param restoredFrom the snapshot or source cluster it is restored from, when it is; encryption then follows it
 */
public record DeclaredStore(
        String address,
        String type,
        String name,
        ResourceType kind,
        Boolean encrypted,
        String encryptionNote,
        KeyReference key,
        String restoredFrom,
        Map<String, String> tags,
        IacSource source) {

    public DeclaredStore {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        key = key == null ? KeyReference.none() : key;
    }

    public String displayName() {
        return name != null ? name : address;
    }
}
