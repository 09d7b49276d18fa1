package dev.emporium.catalog.internal.transfer;

import dev.emporium.platform.api.FieldError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a supplier's columns become product fields: {@code columns} renames a column to a product field or
 * {@code attributes.<code>}; {@code constants} gives every row a value (a type, a currency, a region); {@code ignore}
 * lists columns to skip; {@code listSeparator} splits list cells (default {@code |}, '\' escapes it). Columns the
 * mapping does not name keep the default naming: product field names, {@code attr.<code>} for attributes.
 */
public record ImportMapping(Map<String, String> columns, Map<String, Object> constants, List<String> ignore,
                            String listSeparator) {

    /** The product fields a column or constant may fill. */
    static final Set<String> FIELDS = Set.of("sku", "slug", "name", "shortDescription", "longDescription", "brand", "type",
            "categories", "price", "currency", "packPrices", "shipping.weightGrams", "shipping.lengthMm",
            "shipping.widthMm", "shipping.heightMm", "media", "seo.keywords", "seo.metaTitle", "seo.metaDescription");

    /** What an export writes beside the product's data: read back, they are ignored (the catalog decides them). */
    static final Set<String> READ_ONLY = Set.of("status", "sellable", "version", "updatedAt");

    /** No mapping: columns are named like the product fields. */
    public static final ImportMapping DEFAULT = new ImportMapping(null, null, null, null);

    public ImportMapping {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
        constants = constants == null ? Map.of() : new LinkedHashMap<>(constants);
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
        listSeparator = listSeparator == null || listSeparator.isEmpty() ? "|" : listSeparator;
    }

    /** The mapping's own mistakes, named by their place in the mapping file. */
    List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        columns.forEach((column, target) -> {
            if (!isTarget(target)) {
                errors.add(new FieldError("columns." + column, "'" + target + "' is not a product field nor attributes.<code>"));
            }
        });
        constants.keySet().forEach(target -> {
            if (!isTarget(target)) {
                errors.add(new FieldError("constants." + target, "is not a product field nor attributes.<code>"));
            }
        });
        if (listSeparator.equals("\\")) {
            errors.add(new FieldError("listSeparator", "must not be '\\', which escapes it"));
        }
        return errors;
    }

    /**
     * The product field a column fills, null for a column to skip, or empty for a column nobody can place.
     */
    String target(String column) {
        if (columns.containsKey(column)) {
            return columns.get(column);
        }
        if (ignore.contains(column) || READ_ONLY.contains(column)) {
            return null;
        }
        if (FIELDS.contains(column)) {
            return column;
        }
        if (column.startsWith("attr.") && column.length() > 5) {
            return "attributes." + column.substring(5);
        }
        if (column.startsWith("attributes.") && column.length() > 11) {
            return column;
        }
        return "";
    }

    static boolean isTarget(String target) {
        return target != null && (FIELDS.contains(target) || target.startsWith("attributes.") && target.length() > 11);
    }
}
