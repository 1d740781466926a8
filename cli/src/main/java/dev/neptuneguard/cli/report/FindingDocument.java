package dev.neptuneguard.cli.report;

import dev.neptuneguard.model.Finding;
import java.io.PrintWriter;
import java.util.List;

/**
 * A format that is one document for the whole run (an enclosing array, a page): it is written once, after the last
 * finding is known. The CLI's {@code asff}, {@code ocsf} and {@code html} formats implement it; any command that has
 * findings and a {@link ReportContext} can write any of them.
 */
public interface FindingDocument {

    /**
     * Writes the document for these findings. A finding that appears more than once with the same id (a replay that
     * re-evaluates a resource the scan already reported) is written once, as last evaluated.
     */
    void write(List<Finding> findings, ReportContext context, PrintWriter out);
}
