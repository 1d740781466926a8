package dev.neptuneguard.artifacts;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Runs one Lambda handler the way the Lambda Java runtime does — public no-arg constructor once, then
 * {@code handleRequest(InputStream, OutputStream, Context)} per event — in the JVM it is started in, and prints one
 * JSON line of timings and results on standard output. Meant to be started in a fresh JVM whose class path is one
 * deployable jar plus this launcher's own jar ({@code functions-*-launcher.jar}, JDK and the Lambda
 * {@code Context} interface only), so that a handler touching a class missing from its jar fails here the way it
 * would in Lambda. The artifact tests use it; so can a cold-start benchmark:
 *
 * <pre>
 * java [-XX:TieredStopAtLevel=1 | -XX:SharedArchiveFile=...] \
 *      -cp functions/target/functions-VERSION-guard.jar:functions/target/functions-VERSION-launcher.jar \
 *      dev.neptuneguard.artifacts.HandlerLauncher [--prime] [--in-memory] dev.neptuneguard.handler.ClusterEncryptionHandler \
 *      events/rds/create-db-cluster-neptune-unencrypted.json 20
 * </pre>
 *
 * With {@code --in-memory}, the handler is wired to SDK clients that answer in memory instead of its production
 * constructor (no AWS latency at all: the handler's own cost). With {@code --prime}, the launcher calls the handler's SnapStart hook ({@code beforeCheckpoint} of
 * {@code org.crac.Resource}) after the constructor, as Lambda does before it takes the snapshot, so that the first
 * event shows the latency after priming.
 *
 * <p>Output fields: {@code handler}, {@code jvmStartToMainMs} (JVM start to {@code main}), {@code initMs} (class
 * loading and constructor), {@code primingMs} (the priming hook, {@code null} without {@code --prime}),
 * {@code invocationsMs} (each {@code handleRequest}), {@code firstEventHandledMs} (JVM start to the end of the
 * first event: the cold-start figure), {@code firstEventHandledEpochMs} (the wall clock at that moment, so that a
 * parent can time from the process spawn), {@code peakRssKb} (the process's peak resident set, {@code VmHWM}, at
 * the end), {@code output} (the first invocation's output), {@code errors} and {@code linkageError} (a
 * {@link LinkageError} or {@link ClassNotFoundException} anywhere in a failure's causes). The JVM start time is read
 * from the management API only after the last event, so that loading it does not count in the cold start. The
 * handler's own logs go to standard error. Exit status: 0 all invocations succeeded, 1 an invocation, the
 * constructor or the priming failed, 2 a class was missing, 64 bad arguments. The AWS settings (AWS_REGION,
 * credentials, NEPTUNE_GUARD_ENDPOINT_URL, the function's variables) come from the environment.
 */
public final class HandlerLauncher {

    private HandlerLauncher() {
    }

    public static void main(String[] args) throws Exception {
        long mainEntered = System.currentTimeMillis();
        boolean prime = false;
        boolean inMemory = false;
        while (args.length > 0 && args[0].startsWith("--")) {
            prime |= args[0].equals("--prime");
            inMemory |= args[0].equals("--in-memory");
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: HandlerLauncher [--prime] [--in-memory] <handler class> <event file> "
                    + "[invocations]");
            System.exit(64);
        }
        int times = args.length == 3 ? Integer.parseInt(args[2]) : 1;
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        PrintStream result = System.out;
        // Handlers log to System.out; keep the launcher's result line alone on the real standard output.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));

        List<String> errors = new ArrayList<>();
        List<Double> invocations = new ArrayList<>();
        boolean linkage = false;
        String firstOutput = null;
        double initMs = -1;
        double primingMs = -1;
        long firstHandled = -1;
        RequestStreamHandler handler = null;
        long t0 = System.nanoTime();
        try {
            handler = inMemory ? inMemory(Class.forName(args[0]))
                    : (RequestStreamHandler) Class.forName(args[0]).getConstructor().newInstance();
            initMs = millis(System.nanoTime() - t0);
            if (prime) {
                long p0 = System.nanoTime();
                beforeCheckpoint(handler);
                primingMs = millis(System.nanoTime() - p0);
            }
        } catch (Throwable e) {
            errors.add(describe(e));
            linkage = isLinkage(e);
            handler = null;
        }
        for (int i = 0; handler != null && i < times; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long start = System.nanoTime();
            try {
                handler.handleRequest(new ByteArrayInputStream(event), out, new LauncherContext(args[0]));
            } catch (Throwable e) {
                errors.add(describe(e));
                linkage |= isLinkage(e);
            }
            invocations.add(millis(System.nanoTime() - start));
            if (i == 0) {
                firstHandled = System.currentTimeMillis();
                firstOutput = out.toString(StandardCharsets.UTF_8);
            }
        }
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();

        StringBuilder json = new StringBuilder("{");
        field(json, "handler", quote(args[0])).append(',');
        field(json, "jvmStartToMainMs", Long.toString(mainEntered - jvmStart)).append(',');
        field(json, "initMs", number(initMs)).append(',');
        field(json, "primingMs", number(primingMs)).append(',');
        field(json, "invocationsMs", list(invocations.stream().map(HandlerLauncher::number).toList())).append(',');
        field(json, "firstEventHandledMs", firstHandled < 0 ? "null" : Long.toString(firstHandled - jvmStart))
                .append(',');
        field(json, "firstEventHandledEpochMs", firstHandled < 0 ? "null" : Long.toString(firstHandled)).append(',');
        field(json, "peakRssKb", Long.toString(peakRssKb())).append(',');
        field(json, "output", firstOutput == null ? "null" : quote(firstOutput)).append(',');
        field(json, "errors", list(errors.stream().map(HandlerLauncher::quote).toList())).append(',');
        field(json, "linkageError", Boolean.toString(linkage)).append('}');
        result.println(json);
        result.flush();
        System.exit(linkage ? 2 : errors.isEmpty() ? 0 : 1);
    }

    /**
     * Calls {@code beforeCheckpoint(null)} the way the CRaC runtime would, found by reflection because this launcher
     * has no dependency of its own; a handler that is not an {@code org.crac.Resource} is an error.
     */
    private static void beforeCheckpoint(RequestStreamHandler handler) throws Exception {
        Class<?> context = Class.forName("org.crac.Context", false, handler.getClass().getClassLoader());
        Method hook = handler.getClass().getMethod("beforeCheckpoint", context);
        try {
            hook.invoke(handler, (Object) null);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The handler wired to SDK clients that answer in memory ({@code Priming.inMemory}), found by reflection. */
    private static RequestStreamHandler inMemory(Class<?> handler) throws Exception {
        Class<?> priming = Class.forName("dev.neptuneguard.handler.Priming", true, handler.getClassLoader());
        return (RequestStreamHandler) priming.getMethod("inMemory", Class.class).invoke(null, handler);
    }

    /** The process's peak resident set size from {@code /proc/self/status} ({@code VmHWM}); -1 where unknown. */
    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    private static boolean isLinkage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LinkageError || t instanceof ClassNotFoundException) {
                return true;
            }
        }
        return false;
    }

    /** The exception chain as "Type: message <- Cause: message". */
    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (b.length() > 0) {
                b.append(" <- ");
            }
            b.append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        return b.toString();
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        return json.append(quote(name)).append(':').append(value);
    }

    private static String number(double value) {
        return value < 0 ? "null" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String list(List<String> items) {
        return "[" + String.join(",", items) + "]";
    }

    /** A JSON string literal (the launcher has no JSON library of its own, by design). */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * What the Lambda runtime hands a handler, with a 60 s deadline from the start of the invocation (also the Lambda
     * context of handler tests).
     */
    public static final class LauncherContext implements Context {

        private final String function;
        private final String requestId;
        private final long deadline = System.currentTimeMillis() + 60_000;

        LauncherContext(String handler) {
            this("launcher-" + handler.substring(handler.lastIndexOf('.') + 1), UUID.randomUUID().toString());
        }

        /** The context of one invocation of {@code function} with the given request id. */
        public LauncherContext(String function, String requestId) {
            this.function = function;
            this.requestId = requestId;
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + function;
        }

        @Override
        public String getLogStreamName() {
            return "launcher";
        }

        @Override
        public String getFunctionName() {
            return function;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:111122223333:function:" + function;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
