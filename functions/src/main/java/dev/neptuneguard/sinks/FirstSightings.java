package dev.neptuneguard.sinks;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * When each Security Hub finding id was first imported. ASFF wants {@code CreatedAt} to stay the time the finding
 * was first created while {@code UpdatedAt} moves on; nothing in an event says when a problem was first seen, so
 * it is remembered.
 */
public interface FirstSightings {

    /**
     * For every id: the stored first sighting, or {@code now} (then stored) when the id is new. Also extends the
     * memory of every id, so that it lasts as long as Security Hub keeps the finding.
     */
    Map<String, Instant> firstSeen(Collection<String> findingIds, Instant now);

    /**
     * The ids among {@code findingIds} that were imported before, with their first sightings (their memory
     * extended like {@link #firstSeen}); ids never imported are left out and not stored. The all-clear resolves
     * only these: importing an ARCHIVED finding for a rule never raised would create one.
     */
    Map<String, Instant> raised(Collection<String> findingIds, Instant now);
}
