package dev.emporium.catalog.internal.transfer;

import dev.emporium.catalog.api.ProductInput;
import dev.emporium.platform.api.FieldError;

import java.util.List;

/**
 * One row of a supplier batch as read: the line it starts on, the product it describes (null when it could not be
 * read at all) and what reading it found wrong.
 */
record SupplierRow(int line, ProductInput product, List<FieldError> errors) {

    SupplierRow {
        errors = List.copyOf(errors);
    }

    static SupplierRow unreadable(int line, String field, String message) {
        return new SupplierRow(line, null, List.of(new FieldError(field, message)));
    }
}
