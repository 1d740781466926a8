package dev.neptuneguard.cli.offline;

import dev.neptuneguard.cli.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code scan --offline} over many accounts: a folder that holds no export files of its own but folders, such as
 * the {@code export/<account>/} folders the README's organization loop writes, stands for those folders, each read
 * as an export folder (one level: a folder of folders of folders is not searched). Every such folder must hold
 * export files; an empty one means an account's export is missing and stops the scan (exit code 2) rather than
 * leaving the account out unnoticed. Folders whose name starts with a dot are skipped. Files, and folders that hold
 * export files, are passed on as they are. The accounts stay apart in the report: {@link ReportSections} gives each
 * account and region its own section.
 */
public final class ExportFolders {

    private ExportFolders() {
    }

    /**
     * @param notes told which folders stood for their sub-folders, and which were skipped
     * @return the inputs, each folder of account folders replaced by those folders, in name order
     */
    public static List<Path> expand(List<Path> inputs, Consumer<String> notes) {
        List<Path> out = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.isDirectory(input)) {
                out.add(input);
                continue;
            }
            List<Path> entries = list(input);
            boolean hasExportFiles = entries.stream().anyMatch(e -> !Files.isDirectory(e) && isExportFile(e));
            List<Path> folders = entries.stream().filter(Files::isDirectory).toList();
            if (hasExportFiles || folders.isEmpty()) {
                out.add(input);
                continue;
            }
            List<String> names = new ArrayList<>();
            for (Path folder : folders) {
                String name = folder.getFileName().toString();
                if (name.startsWith(".")) {
                    notes.accept(folder + ": skipped (a hidden folder)");
                    continue;
                }
                out.add(folder);
                names.add(name);
            }
            notes.accept(input + ": " + names.size() + " export " + (names.size() == 1 ? "folder" : "folders")
                    + " (" + String.join(", ", names) + ")");
        }
        return out;
    }

    private static boolean isExportFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") || name.endsWith(".error");
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.sorted().toList();
        } catch (IOException e) {
            throw new InputException(folder + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
    }
}
