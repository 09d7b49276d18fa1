package dev.emporium.catalog.internal.console;

import dev.emporium.catalog.internal.transfer.BatchFormat;
import dev.emporium.catalog.internal.transfer.CatalogImport;
import dev.emporium.catalog.internal.transfer.ImportMapping;
import dev.emporium.catalog.internal.transfer.ImportReport;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code catalog:import [--dry-run] [--format csv|json] [--mapping FILE] FILE}: a supplier batch, whole or not at all. */
@Service
@Command(scope = "catalog", name = "import",
        description = "Imports a supplier batch (CSV with a header row, or a JSON array) keyed by SKU: applied whole or not at all")
public class ImportCommand implements Action {

    @Reference
    private CatalogImport importer;

    @Option(name = "--dry-run", description = "Check every row and report what would change; write nothing")
    private boolean dryRun;

    @Option(name = "--format", description = "csv or json (default: from the file name)")
    private String format;

    @Option(name = "--mapping", description = "A JSON mapping of columns to product fields and attributes")
    @Completion(FileCompleter.class)
    private String mapping;

    @Argument(index = 0, name = "file", description = "The batch file", required = true)
    @Completion(FileCompleter.class)
    private String file;

    @Override
    public Object execute() throws Exception {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            System.out.println("Cannot read " + path.toAbsolutePath());
            return null;
        }
        BatchFormat f = format != null ? BatchFormat.of(format) : BatchFormat.guess(file);
        if (f == null) {
            System.out.println(format != null ? "--format must be csv or json, not " + format
                    : "Cannot tell the format from the file name: add --format csv or --format json");
            return null;
        }
        ImportMapping m = mapping == null ? ImportMapping.DEFAULT : importer.mapping(Files.readAllBytes(Path.of(mapping)));
        ImportReport report = importer.importBatch(() -> Files.newBufferedReader(path, StandardCharsets.UTF_8), f, m, dryRun);
        for (ImportReport.BadRow bad : report.badRows()) {
            System.out.println(bad.describe());
        }
        System.out.println(report.summary());
        return null;
    }
}
