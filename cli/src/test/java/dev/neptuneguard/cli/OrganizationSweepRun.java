package dev.neptuneguard.cli;

import dev.neptuneguard.accounts.MemberAccounts;
import dev.neptuneguard.accounts.OrganizationAccounts;
import dev.neptuneguard.accounts.OrganizationSweeps;
import dev.neptuneguard.accounts.SingleAccount;
import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.revocation.OrganizationSweep;
import dev.neptuneguard.revocation.ReminderSettings;
import dev.neptuneguard.revocation.Reminders;
import dev.neptuneguard.revocation.RevocationRules;
import dev.neptuneguard.revocation.RevocationSweep;
import dev.neptuneguard.revocation.SweepReport;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * One run of the organization sweep in a JVM of its own, for the benchmark ({@link OrganizationBench}) to measure
 * its wall time, CPU time and peak RSS: the core's {@link OrganizationSweeps} over the organization's accounts
 * ({@link OrganizationAccounts}) × the regions, through {@link MemberAccounts} from the management account, against
 * the stub at the given endpoint, exactly as a hub's sweep function would build it (without reminders: the stub's
 * keys are all enabled). Prints one JSON line.
 *
 * <p>Arguments: {@code ENDPOINT REGIONS(comma-separated) PARALLELISM}.
 */
public final class OrganizationSweepRun {

    private OrganizationSweepRun() {
    }

    public static void main(String[] args) {
        URI endpoint = URI.create(args[0]);
        List<String> regions = Arrays.asList(args[1].split(","));
        int parallelism = Integer.parseInt(args[2]);
        StaticCredentialsProvider hub = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                OrganizationStub.CALLER_KEY, OrganizationStub.CALLER_SECRET));
        Region home = Region.US_EAST_1;
        long start = System.nanoTime();
        try (StsClient sts = StsClient.builder().region(home).endpointOverride(endpoint).credentialsProvider(hub)
                .build();
             OrganizationsClient organizations = OrganizationsClient.builder().region(Region.AWS_GLOBAL)
                     .endpointOverride(endpoint).credentialsProvider(hub).build();
             AwsClients own = AwsClients.builder().region(home).endpointOverride(endpoint).credentialsProvider(hub)
                     .build()) {
            SingleAccount hubAccount = new SingleAccount(own, hub, region -> AwsClients.builder().region(region)
                    .endpointOverride(endpoint).credentialsProvider(hub).build());
            MemberAccounts accounts = new MemberAccounts(sts, OrganizationStub.DEFAULT_ROLE,
                    OrganizationStub.MANAGEMENT, "neptune-guard@NeptuneGuard-Sweep", hubAccount, home,
                    (region, credentials) -> AwsClients.builder().region(region).endpointOverride(endpoint)
                            .credentialsProvider(credentials).build());
            OrganizationSweep sweep = OrganizationSweeps.of(accounts, new OrganizationAccounts(organizations), regions,
                    parallelism, false, inventory -> new RevocationSweep(inventory, new RevocationRules(),
                            Reminders.NONE, ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS),
                            Clock.systemUTC()));
            SweepReport report = sweep.run();
            long wallMs = (System.nanoTime() - start) / 1_000_000;
            long cpuMs = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                    .getProcessCpuTime() / 1_000_000;
            System.out.println(Json.MAPPER.createObjectNode().put("wallMs", wallMs).put("processCpuMs", cpuMs)
                    .put("clusters", report.clusters()).put("snapshots", report.snapshots())
                    .put("keys", report.keys()).put("findings", report.findings().size())
                    .put("unreadable", report.unreadable().size()));
        }
    }
}
