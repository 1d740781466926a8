package dev.neptuneguard.handler;

import dev.neptuneguard.accounts.Accounts;
import dev.neptuneguard.accounts.MemberAccessException;
import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.inventory.EndpointOverride;
import dev.neptuneguard.inventory.Inventories;
import dev.neptuneguard.revocation.KeyRevocationGuard;
import dev.neptuneguard.revocation.KmsKeyActions;
import dev.neptuneguard.revocation.Protection;
import dev.neptuneguard.revocation.ProtectionSettings;
import dev.neptuneguard.revocation.ReminderSettings;
import dev.neptuneguard.revocation.Reminders;
import dev.neptuneguard.revocation.RevocationRules;
import dev.neptuneguard.revocation.RevocationSweep;
import dev.neptuneguard.revocation.SchedulerReminders;
import dev.neptuneguard.revocation.Sweep;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.SchedulerClientBuilder;

/**
 * What the key handlers (key events, reminders, sweep) need beyond {@link Runtime}: the reminder and protection
 * settings, validated at init and failing fast with the variable's name, the EventBridge Scheduler client for
 * reminders (URL-connection HTTP client, default credentials chain, call timeouts, standard retries; the
 * {@code NEPTUNE_GUARD_ENDPOINT_URL} test hook only when set) and the KMS actions for protection over the shared
 * {@link AwsClients} KMS client. Built once per process.
 */
final class KeyRuntime {

    private static volatile KeyRuntime instance;

    private final Runtime runtime;
    private final Map<String, String> env;
    private final ReminderSettings reminderSettings;
    private final ProtectionSettings protectionSettings;
    private final Reminders reminders;
    private final Protection protection;

    /** The key handlers' runtime over {@code env}, a function's environment, and the process's {@link Runtime}. */
    KeyRuntime(Map<String, String> env, Runtime runtime) {
        this.runtime = runtime;
        this.env = env;
        AwsClients clients = runtime.clients();
        try {
            reminderSettings = ReminderSettings.fromEnv(env);
            protectionSettings = ProtectionSettings.fromEnv(env);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid environment setting: " + e.getMessage(), e);
        }
        reminders = new SchedulerReminders(scheduler(clients.region(), EndpointOverride.fromEnvironment(env)),
                reminderSettings);
        // Protection writes go through the shared KMS client (same timeouts, retries and call counter as reads).
        protection = new Protection(protectionSettings, new KmsKeyActions(clients.kms()), Clock.systemUTC());
    }

    /**
     * The EventBridge Scheduler client: the same limits as the read-side clients (10 s per call, 3 s per attempt).
     *
     * @param endpointOverride tests only: a local stub; {@code null} in production
     */
    static SchedulerClient scheduler(Region region, URI endpointOverride) {
        SdkHttpClient http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(3)).build();
        SchedulerClientBuilder builder = SchedulerClient.builder().region(region).httpClient(http)
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(10))
                        .apiCallAttemptTimeout(Duration.ofSeconds(3)).retryStrategy(RetryMode.STANDARD));
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder.build();
    }

    static KeyRuntime get() {
        KeyRuntime r = instance;
        if (r == null) {
            synchronized (KeyRuntime.class) {
                r = instance;
                if (r == null) {
                    r = new KeyRuntime(System.getenv(), Runtime.get());
                    instance = r;
                }
            }
        }
        return r;
    }

    /**
     * A guard per invocation for the event's account and region: a fresh inventory (key facts live one event) over
     * clients built once. Protection acts through the KMS client of the key's own account (a member's through its
     * role); when that account cannot be read, protection has nothing to act on (the blast radius is unknown).
     */
    BiFunction<String, String, KeyRevocationGuard> guards() {
        Inventories inventories = runtime.inventories();
        Accounts accounts = runtime.accounts();
        return (account, region) -> new KeyRevocationGuard(inventories.of(account, region), new RevocationRules(),
                reminders, reminderSettings.offsets(), protectionIn(accounts, account, region), Clock.systemUTC());
    }

    private Protection protectionIn(Accounts accounts, String account, String region) {
        if (!accounts.organizationMode()) {
            return protection;
        }
        try {
            return new Protection(protectionSettings, new KmsKeyActions(accounts.clients(account, region).kms()),
                    Clock.systemUTC());
        } catch (MemberAccessException e) {
            return protection; // the unreachable inventory lists nothing, so there is nothing to protect
        }
    }

    /**
     * The sweep of one invocation: this account and region, or in organization mode every active account of the
     * organization (listed by Organizations when the sweep runs) × {@code MEMBER_REGIONS}, {@code SWEEP_PARALLELISM}
     * pairs at once (default {@value OrganizationSweepRuntime#DEFAULT_SWEEP_PARALLELISM}).
     */
    Supplier<Sweep> sweeps() {
        Accounts accounts = runtime.accounts();
        if (!accounts.organizationMode()) {
            Inventories inventories = runtime.inventories();
            return () -> new RevocationSweep(inventories.of(null, null), new RevocationRules(), reminders,
                    reminderSettings.offsets(), Clock.systemUTC());
        }
        // In its own class: only the sweep's jar has the Organizations SDK, and only this branch needs it.
        return OrganizationSweepRuntime.sweeps(env, runtime, accounts, inventory -> new RevocationSweep(inventory,
                new RevocationRules(), reminders, reminderSettings.offsets(), Clock.systemUTC()));
    }

}
