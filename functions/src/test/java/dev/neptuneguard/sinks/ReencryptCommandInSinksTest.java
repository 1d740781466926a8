package dev.neptuneguard.sinks;

import static dev.neptuneguard.sinks.TestFindings.EVENT_ID;
import static dev.neptuneguard.sinks.TestFindings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.SnapshotFacts;
import dev.neptuneguard.policy.EncryptionRules;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The remediation of every re-encryption finding (unencrypted, AWS managed key; clusters and snapshots) names the
 * {@code reencrypt} command with the resource's own identifiers, and every sink carries it: SNS (its JSON and e-mail
 * bodies), Amazon Q Developer in chat, Slack and Security Hub, whose 512-character recommendation keeps it because it
 * comes first.
 */
class ReencryptCommandInSinksTest {

    private static final String CLUSTER_COMMAND = "neptune-guard reencrypt graph-dev --key "
            + "<your-customer-managed-key-arn> --region us-east-1";

    private static List<Finding> reencryptionFindings() {
        SnapshotFacts snapshot = new SnapshotFacts("arn:aws:rds:us-east-1:111122223333:cluster-snapshot:graph-dev-old",
                "graph-dev-old", "graph-dev", "111122223333", "us-east-1", "neptune", "available", "manual", false,
                null, null, Map.of(), true, FactSource.LIVE);
        List<Finding> snapshotFindings = new EncryptionRules(Policy.defaults()).evaluateSnapshot(snapshot, null,
                LocalDate.of(2026, 11, 23)).stream().filter(f -> f.status() == ComplianceStatus.FAILED).toList();
        return List.of(TestFindings.unencryptedCluster("graph-dev"),
                TestFindings.awsManagedKeyCluster("graph-dev").stream()
                        .filter(f -> f.status() == ComplianceStatus.FAILED).findFirst().orElseThrow(),
                snapshotFindings.get(0));
    }

    @Test
    void remediation_reencryptionFindings_nameTheCommandWithTheResourcesIdentifiers() {
        List<Finding> findings = reencryptionFindings();

        assertThat(findings.get(0).remediation()).contains(CLUSTER_COMMAND + " (a dry run; then --execute and "
                + "--cutover)");
        assertThat(findings.get(1).remediation()).contains(CLUSTER_COMMAND);
        assertThat(findings.get(2).remediation()).contains("neptune-guard reencrypt graph-dev-old --snapshot --key "
                + "<your-customer-managed-key-arn> --region us-east-1");
    }

    @Test
    void sinks_everyRendering_carriesTheCommand() {
        for (Finding f : reencryptionFindings()) {
            String command = "neptune-guard reencrypt " + f.resourceName();
            assertThat(SnsMessageRenderer.render(f, EVENT_ID, NOW).message()).contains(command);
            assertThat(EmailMessageRenderer.render(f, EVENT_ID, NOW, 10, 4000)).contains(command);
            assertThat(ChatbotMessageRenderer.render(f, EVENT_ID, NOW, 4000).toString()).contains(command);
            assertThat(SlackMessageRenderer.render(f, EVENT_ID, NOW).toJson()).contains(command);
            assertThat(AsffMapper.toAsff(f, NOW, NOW, EVENT_ID).remediation().recommendation().text())
                    .contains(command);
        }
    }
}
