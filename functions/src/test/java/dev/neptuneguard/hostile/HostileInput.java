package dev.neptuneguard.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One generated case: where it came from, what was done to it, and the input in the forms the entry points take.
 *
 * @param fixture the events/ file it started from
 * @param mutations the mutations applied, in order; empty for an untouched fixture
 * @param steps what each mutation did (paths, values), for the failure report
 * @param tree the mutated tree, or {@code null} once a text mutation made it something other than JSON
 * @param text the input as a Java string (may hold lone surrogates, which UTF-8 cannot carry)
 * @param bytes the input as the Lambda runtime hands it over
 */
public record HostileInput(String fixture, List<Mutation> mutations, List<String> steps, JsonNode tree, String text,
                           byte[] bytes) {

    public HostileInput {
        mutations = List.copyOf(mutations);
        steps = List.copyOf(steps);
    }

    /** The mutations' names, or {@code PRISTINE}: what the properties' statistics count. */
    public List<String> labels() {
        return mutations.isEmpty() ? List.of("PRISTINE") : mutations.stream().map(Mutation::name).toList();
    }

    @Override
    public String toString() {
        return fixture + " " + steps + " (" + text.length() + " chars: " + Mutator.escape(text) + ")";
    }
}
