package dev.emporium.catalog.internal.transfer;

import dev.emporium.platform.api.FieldError;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What an import did, or would do on a dry run: rows read, products created, updated and left unchanged, and every
 * bad row with its line and reasons. A batch with a bad row is applied not at all ({@code applied} false).
 */
public record ImportReport(boolean dryRun, boolean applied, int rows, int created, int updated, int unchanged,
                           List<BadRow> badRows) {

    /** A row refused: the line it starts on, its SKU when it has one, and each field's problem. */
    public record BadRow(int line, String sku, List<FieldError> errors) {

        public BadRow {
            errors = List.copyOf(errors);
        }

        /** One line of text: {@code line 4 (W-3): attributes.vintage: must be a whole number; slug: ...}. */
        public String describe() {
            return "line " + line + (sku == null || sku.isBlank() ? "" : " (" + sku + ")") + ": " + reasons();
        }

        /** Each field's problem: {@code attributes.vintage: must be a whole number; slug: ...}. */
        public String reasons() {
            return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        }
    }

    public ImportReport {
        badRows = List.copyOf(badRows);
    }

    static ImportReport refused(boolean dryRun, int rows, List<BadRow> badRows) {
        return new ImportReport(dryRun, false, rows, 0, 0, 0, badRows);
    }

    /** One sentence for consoles and logs. */
    public String summary() {
        if (!badRows.isEmpty()) {
            return badRows.size() + " of " + rows + " rows are bad: nothing was imported";
        }
        return (dryRun ? "dry run, nothing written: would create " : "created ") + created + ", "
                + (dryRun ? "update " : "updated ") + updated + ", unchanged " + unchanged + " (" + rows + " rows)";
    }
}
