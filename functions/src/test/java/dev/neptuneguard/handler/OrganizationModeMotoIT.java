package dev.neptuneguard.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.moto.EventFixture;
import dev.neptuneguard.moto.MotoExtension;
import dev.neptuneguard.moto.MotoServer;
import dev.neptuneguard.moto.MotoStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.neptune.NeptuneClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Organization mode end to end on moto, which keeps a separate world per account and hands out credentials for the
 * target account on {@code sts:AssumeRole}: the hub's functions (deployed with {@code ORGANIZATION_ID}) read a
 * member's state through the member's role — a key event from member B evaluates B's clusters, never the hub's,
 * though both accounts have a cluster on a disabled key with the same name.
 */
@ExtendWith(MotoExtension.class)
class OrganizationModeMotoIT {

    private static final String ROLE = "neptune-guard-member-read";

    /** The member account: moto's Organizations chooses the id. */
    private String member;

    private MotoStack stack;
    private DeployedFunctions functions;
    private KmsClient hubKms;
    private NeptuneClient hubNeptune;
    private KmsClient memberKms;
    private NeptuneClient memberNeptune;

    @BeforeEach
    void deploy(MotoServer moto) {
        stack = MotoStack.deploy(moto);
        functions = new DeployedFunctions(stack.environment(Map.of("ORGANIZATION_ID", "o-exampleorgid1",
                "HUB_ACCOUNT_ID", MotoServer.ACCOUNT, "member_ROLE_NAME", ROLE, "member_REGIONS", "us-east-1")));
        hubKms = moto.client(KmsClient.builder()).build();
        hubNeptune = moto.client(NeptuneClient.builder()).build();
        OrganizationsClient organizations = moto.client(OrganizationsClient.builder(), Region.AWS_GLOBAL).build();
        organizations.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL));
        member = organizations.createAccount(b -> b.accountName("graph-prod").email("graph-prod@example.com"))
                .createAccountStatus().accountId();
        StsClient sts = moto.client(StsClient.builder()).build();
        Credentials c = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + member + ":role/" + ROLE)
                .roleSessionName("test-setup")).credentials();
        StaticCredentialsProvider member = StaticCredentialsProvider.create(AwsSessionCredentials.create(
                c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
        memberKms = moto.client(KmsClient.builder()).credentialsProvider(member).build();
        memberNeptune = moto.client(NeptuneClient.builder()).credentialsProvider(member).build();
    }

    @Test
    void disableKey_fromMemberB_evaluatesBsClusterThroughBsRoleNeverTheHubs() {
        String hubKey = hubKms.createKey(b -> b.description("hub")).keyMetadata().arn();
        hubNeptune.createDBCluster(b -> b.dbClusterIdentifier("graph-data").engine("neptune")
                .storageEncrypted(true).kmsKeyId(hubKey));
        hubKms.disableKey(b -> b.keyId(hubKey.substring(hubKey.indexOf(":key/") + 5)));
        String memberKey = memberKms.createKey(b -> b.description("member")).keyMetadata().arn();
        memberNeptune.createDBCluster(b -> b.dbClusterIdentifier("graph-data").engine("neptune")
                .storageEncrypted(true).kmsKeyId(memberKey));
        memberKms.disableKey(b -> b.keyId(memberKey.substring(memberKey.indexOf(":key/") + 5)));
        assertThat(memberKey).contains(":" + member + ":key/");

        JsonNode result = DeployedFunctions.invoke(functions.keyRevocation(),
                EventFixture.load("kms/disable-key-legacy.json").account(member)
                        .set("/detail/requestParameters/keyId", memberKey)
                        .set("/detail/resources/0/ARN", memberKey).set("/detail/resources/0/accountId", member)
                        .json());

        assertThat(result.toString()).doesNotContain("dropped");
        List<MotoStack.Alert> alerts = stack.alerts();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("KMS_KEY_DISABLED_IN_USE");
            assertThat(a.finding().path("account").asText()).isEqualTo(member);
            assertThat(a.finding().path("affectedResources").toString())
                    .contains("arn:aws:rds:us-east-1:" + member + ":cluster:graph-data")
                    .doesNotContain(MotoServer.ACCOUNT);
        });
    }

    @Test
    void sweep_organizationOfHubAndMember_findingsOfBothAccountsEachInItsOwn() {
        String hubKey = hubKms.createKey(b -> b.description("hub")).keyMetadata().arn();
        hubNeptune.createDBCluster(b -> b.dbClusterIdentifier("graph-hub").engine("neptune")
                .storageEncrypted(true).kmsKeyId(hubKey));
        String memberKey = memberKms.createKey(b -> b.description("member")).keyMetadata().arn();
        memberNeptune.createDBCluster(b -> b.dbClusterIdentifier("graph-member").engine("neptune")
                .storageEncrypted(true).kmsKeyId(memberKey));
        memberKms.disableKey(b -> b.keyId(memberKey.substring(memberKey.indexOf(":key/") + 5)));

        JsonNode result = DeployedFunctions.invoke(functions.sweep(),
                EventFixture.load("misc/sweep-scheduled-event.json").account(MotoServer.ACCOUNT).json());

        assertThat(result.path("status").asText()).isEqualTo("swept");
        assertThat(result.path("clusters").asInt()).as(result.toString()).isEqualTo(2);
        assertThat(stack.alerts()).extracting(MotoStack.Alert::ruleId, a -> a.finding().path("account").asText())
                .containsExactly(tuple("KMS_KEY_DISABLED_IN_USE", member));
    }
}
