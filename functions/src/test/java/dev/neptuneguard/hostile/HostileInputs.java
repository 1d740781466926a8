package dev.neptuneguard.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of hostile inputs derived from the {@link EventCorpus}. A case is a fixture, a list of
 * mutations and a seed; the seed drives every random choice inside the mutations, so jqwik's own seed
 * reproduces a failing case exactly.
 */
public final class HostileInputs {

    private HostileInputs() {
    }

    /** Every kind of case: untouched fixtures, stacked tree mutations, truncated text, garbage, flipped bytes. */
    public static Arbitrary<HostileInput> any() {
        return any(EventCorpus.all());
    }

    /** Like {@link #any()}, starting from the given fixtures only. */
    public static Arbitrary<HostileInput> any(List<EventCorpus.Fixture> fixtures) {
        return Arbitraries.frequencyOf(
                Tuple.of(1, pristine(fixtures)),
                Tuple.of(14, mutatedTrees(fixtures)),
                Tuple.of(2, textMutated(fixtures, Mutation.TRUNCATE)),
                Tuple.of(2, textMutated(fixtures, Mutation.RANDOM_BYTES)),
                Tuple.of(1, textMutated(fixtures, Mutation.BYTE_FLIP)));
    }

    /** The fixtures of one events/ sub-folder ({@code rds}, {@code kms}, ...). */
    public static List<EventCorpus.Fixture> folder(String name) {
        return EventCorpus.all().stream().filter(f -> f.name().startsWith(name + "/")).toList();
    }

    /** Fixtures with one to three tree mutations; {@link HostileInput#tree()} is never null. */
    public static Arbitrary<HostileInput> mutatedTrees(List<EventCorpus.Fixture> fixtures) {
        Arbitrary<List<Mutation>> mutations = Arbitraries.of(Mutation.treeMutations()).list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(Arbitraries.of(fixtures), mutations, Arbitraries.longs())
                .as((fixture, steps, seed) -> mutate(fixture, steps, null, seed));
    }

    public static Arbitrary<HostileInput> pristine(List<EventCorpus.Fixture> fixtures) {
        return Arbitraries.of(fixtures).map(f -> fromTree(f.name(), List.of(), List.of(), f.tree().deepCopy()));
    }

    /** A text mutation, after zero to two tree mutations. */
    public static Arbitrary<HostileInput> textMutated(List<EventCorpus.Fixture> fixtures, Mutation last) {
        Arbitrary<List<Mutation>> before = Arbitraries.of(Mutation.treeMutations()).list().ofMaxSize(2);
        return Combinators.combine(Arbitraries.of(fixtures), before, Arbitraries.longs())
                .as((fixture, steps, seed) -> mutate(fixture, steps, last, seed));
    }

    /** Applies the tree mutations, then the text mutation if any, all driven by one seed. */
    public static HostileInput mutate(EventCorpus.Fixture fixture, List<Mutation> treeSteps, Mutation last, long seed) {
        Mutator mutator = new Mutator(new Random(seed), EventCorpus.all());
        JsonNode tree = fixture.tree().deepCopy();
        List<String> steps = new ArrayList<>();
        List<String> unwrapped = treeSteps.isEmpty() ? List.of() : mutator.unwrapEmbedded(tree);
        for (Mutation m : treeSteps) {
            Mutator.Step step = mutator.apply(m, tree);
            tree = step.root();
            steps.add(step.description() + (unwrapped.isEmpty() ? "" : " (inside " + unwrapped + ")"));
        }
        tree = Mutator.rewrap(tree, unwrapped);
        List<Mutation> all = new ArrayList<>(treeSteps);
        if (last == null) {
            return fromTree(fixture.name(), all, steps, tree);
        }
        all.add(last);
        if (last == Mutation.TRUNCATE) {
            String cut = mutator.truncate(Mutator.write(tree));
            steps.add("TRUNCATE to " + cut.length() + " chars");
            return new HostileInput(fixture.name(), all, steps, null, cut, cut.getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = switch (last) {
            case RANDOM_BYTES -> mutator.randomBytes(tree, steps);
            case BYTE_FLIP -> mutator.flipBytes(Mutator.write(tree).getBytes(StandardCharsets.UTF_8), steps);
            default -> throw new IllegalArgumentException(last + " is a tree mutation");
        };
        return new HostileInput(fixture.name(), all, steps, null, new String(bytes, StandardCharsets.UTF_8), bytes);
    }

    static HostileInput fromTree(String fixture, List<Mutation> mutations, List<String> steps, JsonNode tree) {
        String text = Mutator.write(tree);
        return new HostileInput(fixture, mutations, steps, tree, text, text.getBytes(StandardCharsets.UTF_8));
    }
}
