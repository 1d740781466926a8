package software.amazon.lambda.powertools.parameters;

import java.time.Clock;

/**
 * Test access to the clock a Powertools parameters provider reads when it checks its cache ({@code BaseProvider}
 * keeps that setter package-private). Lives in Powertools' package on the test class path only.
 */
public final class ProviderClock {

    private ProviderClock() {
    }

    public static void set(BaseProvider provider, Clock clock) {
        provider.setClock(clock);
    }
}
