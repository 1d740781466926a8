package dev.neptuneguard.handler;

import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.inventory.AwsInventory;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.model.Policy;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Settings and AWS clients shared by the handlers of one Lambda process, built once at init (and so
 * captured in the SnapStart snapshot). Settings come from environment variables with the same names as
 * everywhere else ({@code requireCustomerManagedKey}, ...) and fail fast naming the variable.
 */
final class Runtime {

    private static volatile Runtime instance;

    private final Map<String, String> env;
    private final Policy policy;
    private volatile AwsClients clients;

    private Runtime(Map<String, String> env) {
        this.env = env;
        try {
            this.policy = Policy.fromSettings(env);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid environment setting: " + e.getMessage(), e);
        }
    }

    static Runtime get() {
        Runtime r = instance;
        if (r == null) {
            synchronized (Runtime.class) {
                r = instance;
                if (r == null) {
                    r = new Runtime(System.getenv());
                    instance = r;
                }
            }
        }
        return r;
    }

    Policy policy() {
        return policy;
    }

    String setting(String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The AWS clients, built on first use and then shared by every invocation of this process. */
    AwsClients clients() {
        AwsClients c = clients;
        if (c == null) {
            synchronized (this) {
                c = clients;
                if (c == null) {
                    c = AwsClients.fromEnvironment();
                    clients = c;
                }
            }
        }
        return c;
    }

    /**
     * A fresh inventory per invocation (its key cache lives one event, so a key disabled a minute ago is
     * not reported as enabled), over the shared clients. Rotation is read only when the policy asks for it.
     */
    Supplier<Inventory> inventories() {
        AwsClients c = clients();
        boolean rotation = policy.requireKeyRotation();
        return () -> new AwsInventory(c, null, rotation);
    }

    FindingReporter reporter(String service) {
        String namespace = setting("METRICS_NAMESPACE", "NeptuneGuard");
        return new FindingReporter(new Log(service), new Metrics(namespace, service), (eventId, findings) -> { });
    }
}
