package dev.neptuneguard.iac;

/**
 * Where a declaration comes from, for findings: the file (or the CDK construct path) and, when the parser knows it,
 * the 1-based line of the resource's declaration.
 *
 * @param file the input file as given on the command line, or the stack's name for the CDK Aspect
 * @param line 1-based line of the resource's key in the file; {@code null} when unknown
 */
public record IacSource(String file, Integer line) {
}
