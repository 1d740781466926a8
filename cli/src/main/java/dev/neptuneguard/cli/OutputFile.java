package dev.neptuneguard.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToIntFunction;

/**
 * {@code --output FILE}, written so that a failed run never damages what was there: the report goes to a temporary
 * file beside the target (same folder, so the rename stays on one file system) and replaces the target in one
 * atomic rename only after the run succeeded ({@link #commit()}). On any error the temporary file is deleted
 * ({@link #close()}) and the target is untouched. A target that is one of the run's inputs (the same file, however
 * it is named: another path, a symbolic or hard link) is refused before anything is written.
 */
final class OutputFile implements AutoCloseable {

    private final Path target;
    private final Path temporary;
    private final PrintWriter writer;
    private boolean committed;

    private OutputFile(Path target, Path temporary, PrintWriter writer) {
        this.target = target;
        this.temporary = temporary;
        this.writer = writer;
    }

    /**
     * Runs a report with stdout ({@code output} null) or with a temporary file for {@code output} that replaces it
     * only when the report returned (exit code 0, 1 or 3); on an exception the target stays as it was.
     *
     * @param inputs the files the run reads; {@code output} must be none of them
     */
    static int report(Path output, Collection<Path> inputs, PrintWriter stdout, ToIntFunction<PrintWriter> report) {
        if (output == null) {
            try {
                return report.applyAsInt(stdout);
            } finally {
                stdout.flush();
            }
        }
        try (OutputFile file = open(output, inputs)) {
            int code = report.applyAsInt(file.writer());
            file.commit();
            return code;
        }
    }

    /**
     * Opens a temporary file for {@code target}.
     *
     * @param inputs the files the run reads; the target must be none of them
     * @throws InputException when the target is an input, a folder, or its folder cannot be written
     */
    static OutputFile open(Path target, Collection<Path> inputs) {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new InputException(target + ": --output names a folder; give a file name");
        }
        for (Path input : inputs) {
            if (sameFile(absolute, input)) {
                throw new InputException(target + ": --output is also an input (" + input + "); writing the report "
                        + "there would destroy it: choose another file");
            }
        }
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InputException(target + ": the folder " + folder + " does not exist");
        }
        Path temporary = null;
        try {
            temporary = create(folder, absolute.getFileName().toString());
            copyPermissions(absolute, temporary);
            PrintWriter writer = new PrintWriter(new OutputStreamWriter(Files.newOutputStream(temporary,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), StandardCharsets.UTF_8));
            return new OutputFile(absolute, temporary, writer);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new InputException(target + ": cannot write the output file (" + e.getMessage() + ")", e);
        }
    }

    PrintWriter writer() {
        return writer;
    }

    /** Where the report will be once committed. */
    Path target() {
        return target;
    }

    /**
     * Flushes the report and renames it over the target in one step.
     *
     * @throws InputException when writing or renaming failed (the target is then unchanged)
     */
    void commit() {
        writer.flush();
        boolean failed = writer.checkError();
        writer.close();
        if (failed) {
            throw new InputException(target + ": cannot write the output file (disk full or the file system "
                    + "refused a write); nothing was written");
        }
        try {
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            throw new InputException(target + ": cannot replace the output file (" + e.getMessage() + ")", e);
        }
    }

    /** Deletes the temporary file unless the report was committed. */
    @Override
    public void close() {
        if (!committed) {
            writer.close();
            deleteQuietly(temporary);
        }
    }

    /** A new file {@code .NAME.<random>.tmp} in the folder, created with the umask's permissions. */
    private static Path create(Path folder, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = folder.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current()
                    .nextLong() & Long.MAX_VALUE) + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** A report that replaces a file keeps that file's permissions (a private report stays private). */
    private static void copyPermissions(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView dest = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source != null && dest != null) {
            dest.setPermissions(source.readAttributes().permissions());
        }
    }

    private static boolean sameFile(Path target, Path input) {
        if (input == null) {
            return false;
        }
        Path in = input.toAbsolutePath().normalize();
        try {
            if (Files.exists(target) && Files.exists(in)) {
                return Files.isSameFile(target, in);
            }
            return Objects.equals(target, in) || Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                    && Objects.equals(target.toRealPath(), in);
        } catch (IOException e) {
            return Objects.equals(target, in);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Best effort: the target is untouched either way.
        }
    }
}
