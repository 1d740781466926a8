package dev.neptuneguard.moto;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * Runs a test class against the run's one {@link MotoServer}: started on first use (the moto version and endpoint
 * are printed once), stopped when the run ends, reset before every test, and injected as a parameter of test and
 * {@code @BeforeEach} methods. When moto cannot be used the reason is printed once and every test is skipped with
 * it — unless {@code CI=true}, where a missing moto fails each class with that reason.
 *
 * <p>The product's own clients (default credentials chain, region from {@code AWS_REGION}) get moto's credentials
 * through the {@code aws.accessKeyId}/{@code aws.secretAccessKey} system properties, and {@code aws.region} when
 * {@code AWS_REGION} is unset; the build sets {@code AWS_REGION} for the moto suite. They are set for each moto test
 * class and put back as they were after it, so a test class run after it in the same JVM (a {@code -Dtest} pattern
 * that pulls the moto classes into surefire's run) does not inherit moto's region or credentials.
 */
public final class MotoExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoServer.class);

    /** With {@code CI=true} a missing moto fails the class here; elsewhere each test is skipped (beforeEach). */
    @Override
    public void beforeAll(ExtensionContext context) {
        Shared shared = shared(context);
        if (shared.server == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("moto is required with CI=true: " + shared.problem);
        }
        if (shared.server != null) {
            context.getStore(NAMESPACE).put(Previous.class, Previous.set(shared.server));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Previous previous = context.getStore(NAMESPACE).remove(Previous.class, Previous.class);
        if (previous != null) {
            previous.restore();
        }
    }

    /** The system properties as they were before a moto test class set moto's credentials and region. */
    private record Previous(Map<String, String> values) {

        static Previous set(MotoServer server) {
            AwsBasicCredentials credentials = (AwsBasicCredentials) server.credentials().resolveCredentials();
            Map<String, String> wanted = new LinkedHashMap<>();
            wanted.put("aws.accessKeyId", credentials.accessKeyId());
            wanted.put("aws.secretAccessKey", credentials.secretAccessKey());
            String region = System.getenv("AWS_REGION");
            if (region == null || region.isBlank()) {
                wanted.put("aws.region", MotoServer.REGION.id());
            }
            Map<String, String> before = new LinkedHashMap<>();
            wanted.forEach((name, value) -> {
                before.put(name, System.getProperty(name));
                System.setProperty(name, value);
            });
            return new Previous(before);
        }

        void restore() {
            values.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static MotoServer server(ExtensionContext context) {
        Shared shared = shared(context);
        if (shared.server == null) {
            Assumptions.abort("moto unavailable: " + shared.problem);
        }
        return shared.server;
    }

    private static Shared shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Shared.class, k -> Shared.start(), Shared.class);
    }

    /** The run's server, or why there is none; closed by JUnit when the run ends. */
    private static final class Shared implements AutoCloseable {

        private final MotoServer server;
        private final String problem;

        private Shared(MotoServer server, String problem) {
            this.server = server;
            this.problem = problem;
        }

        static Shared start() {
            String region = System.getenv("AWS_REGION");
            if (region != null && !region.isBlank() && !region.equals(MotoServer.REGION.id())) {
                return unavailable("AWS_REGION is " + region + ", the moto suite runs in " + MotoServer.REGION.id()
                        + " (unset it or set it to " + MotoServer.REGION.id() + ")");
            }
            MotoServer server;
            try {
                server = MotoServer.start();
            } catch (MotoUnavailableException e) {
                return unavailable(e.getMessage());
            }
            System.out.println("== moto " + server.version() + " at " + server.endpoint()
                    + " (python3 -m moto.server, patched: functions/src/test/resources/moto/server.py)");
            return new Shared(server, null);
        }

        private static Shared unavailable(String reason) {
            String ci = "true".equalsIgnoreCase(System.getenv("CI")) ? "failing (CI=true)" : "skipped";
            System.out.println("== moto end-to-end suite " + ci + ": " + reason
                    + ". Install it with: python3 -m pip install 'moto[server]'");
            return new Shared(null, reason);
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
