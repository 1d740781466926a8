package dev.neptuneguard.handler;

import dev.neptuneguard.revocation.KeyRevocationGuard;
import dev.neptuneguard.revocation.KmsKeyActions;
import dev.neptuneguard.revocation.Protection;
import dev.neptuneguard.revocation.ProtectionSettings;
import dev.neptuneguard.revocation.ReminderSettings;
import dev.neptuneguard.revocation.Reminders;
import dev.neptuneguard.revocation.RevocationRules;
import dev.neptuneguard.revocation.RevocationSweep;
import dev.neptuneguard.revocation.SchedulerReminders;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * What the key handlers (key events, reminders, sweep) need beyond {@link Runtime}: the reminder and protection
 * settings, validated at init and failing fast with the variable's name, and the two write-side clients
 * (EventBridge Scheduler for reminders, KMS for protection), built once per process with the small URL-connection
 * HTTP client, the default credentials chain and call timeouts.
 */
final class KeyRuntime {

    private static volatile KeyRuntime instance;

    private final ReminderSettings reminderSettings;
    private final ProtectionSettings protectionSettings;
    private final Reminders reminders;
    private final Protection protection;

    private KeyRuntime(Map<String, String> env) {
        try {
            reminderSettings = ReminderSettings.fromEnv(env);
            protectionSettings = ProtectionSettings.fromEnv(env);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid environment setting: " + e.getMessage(), e);
        }
        String regionName = env.get("AWS_REGION");
        if (regionName == null || regionName.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set (Lambda sets it automatically)");
        }
        Region region = Region.of(regionName);
        SdkHttpClient http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(3)).build();
        ClientOverrideConfiguration timeouts = ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(10)).apiCallAttemptTimeout(Duration.ofSeconds(3)).build();
        reminders = new SchedulerReminders(SchedulerClient.builder().region(region).httpClient(http)
                .overrideConfiguration(timeouts).build(), reminderSettings);
        protection = new Protection(protectionSettings, new KmsKeyActions(KmsClient.builder().region(region)
                .httpClient(http).overrideConfiguration(timeouts).build()), Clock.systemUTC());
    }

    static KeyRuntime get() {
        KeyRuntime r = instance;
        if (r == null) {
            synchronized (KeyRuntime.class) {
                r = instance;
                if (r == null) {
                    r = new KeyRuntime(System.getenv());
                    instance = r;
                }
            }
        }
        return r;
    }

    /** A guard per invocation: a fresh inventory (key facts live one event) over clients built once. */
    Supplier<KeyRevocationGuard> guards() {
        var inventories = Runtime.get().inventories();
        return () -> new KeyRevocationGuard(inventories.get(), new RevocationRules(), reminders,
                reminderSettings.offsets(), protection, Clock.systemUTC());
    }

    Supplier<RevocationSweep> sweeps() {
        var inventories = Runtime.get().inventories();
        return () -> new RevocationSweep(inventories.get(), new RevocationRules(), reminders,
                reminderSettings.offsets(), Clock.systemUTC());
    }
}
