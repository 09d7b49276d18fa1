package dev.emporium.catalog.internal.transfer;

import dev.emporium.catalog.api.ProductInput;
import dev.emporium.platform.api.FieldError;

import java.util.List;

/**
 * One row of a supplier batch as read: the line it starts on, the product it describes (null when it could not be
 * read at all) and what reading it found wrong.
 */
record SupplierRow(int line, ProductInput product, List<FieldError> errors) {

    /** The field naming a problem of the CSV header row, which is no product row. */
    static final String HEADER = "header";
    /** The field naming a problem of the whole file (not JSON, not an array, empty), which is no product row. */
    static final String FILE = "file";

    SupplierRow {
        errors = List.copyOf(errors);
    }

    /** True for a row of the batch, false for a problem of the file or its header. */
    boolean isProductRow() {
        return product != null || errors.isEmpty()
                || !(errors.get(0).field().equals(HEADER) || errors.get(0).field().equals(FILE));
    }

    static SupplierRow unreadable(int line, String field, String message) {
        return new SupplierRow(line, null, List.of(new FieldError(field, message)));
    }
}
