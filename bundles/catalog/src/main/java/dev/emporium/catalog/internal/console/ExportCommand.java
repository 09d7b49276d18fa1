package dev.emporium.catalog.internal.console;

import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.catalog.internal.transfer.BatchFormat;
import dev.emporium.catalog.internal.transfer.CatalogExport;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** {@code catalog:export [--format json|csv] [--status published] FILE}: product data for other channels. */
@Service
@Command(scope = "catalog", name = "export",
        description = "Writes structured product data (JSON array or CSV with attr.<code> columns) for marketplaces and feeds")
public class ExportCommand implements Action {

    @Reference
    private CatalogExport export;

    @Option(name = "--format", description = "json or csv (default: from the file name, else json)")
    private String format;

    @Option(name = "--status", description = "Only products of this status: draft, published or archived")
    private String status;

    @Argument(index = 0, name = "file", description = "The file to write", required = true)
    @Completion(FileCompleter.class)
    private String file;

    @Override
    public Object execute() throws Exception {
        BatchFormat f = format != null ? BatchFormat.of(format) : BatchFormat.guess(file);
        if (f == null && format != null) {
            System.out.println("--format must be json or csv, not " + format);
            return null;
        }
        ProductStatus s = null;
        if (status != null) {
            try {
                s = ProductStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                System.out.println("--status must be one of " + Arrays.toString(ProductStatus.values()).toLowerCase(Locale.ROOT));
                return null;
            }
        }
        Path path = Path.of(file);
        int count;
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            count = export.export(out, f == null ? BatchFormat.JSON : f, s);
        }
        System.out.println("Exported " + count + " products to " + path.toAbsolutePath());
        return null;
    }
}
