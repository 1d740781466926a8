package dev.neptuneguard.handler;

import org.crac.Resource;

/**
 * A handler that SnapStart primes: before Lambda takes the snapshot, {@link #beforeCheckpoint} runs the
 * handler's own request path in memory ({@link Priming}); after a restore nothing needs renewing, because
 * neither init nor priming keeps time, randomness or credentials. Handlers register themselves with
 * {@code Core.getGlobalContext()} in their public constructor.
 */
public interface PrimedForSnapStart extends Resource {

    @Override
    default void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.beforeCheckpoint(getClass());
    }

    @Override
    default void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew: neither init nor priming keeps time, randomness or credentials.
    }
}
