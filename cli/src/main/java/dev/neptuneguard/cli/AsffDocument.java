package dev.neptuneguard.cli;

import dev.neptuneguard.model.Finding;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/** Placeholder until the Security Hub mapper lands on main. */
final class AsffDocument {

    private AsffDocument() {
    }

    static void write(List<Finding> findings, Instant now, String runId, PrintWriter out) {
        throw new InputException("--format asff needs the Security Hub mapper, which is not in this build yet");
    }
}
