package dev.emporium.catalog.internal.model;

import dev.emporium.catalog.api.AttributeDefinition;
import dev.emporium.catalog.api.AttributeType;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.platform.api.FieldError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What makes a product type definition valid. */
public final class ProductTypeRules {

    public static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    /** Search uses these names for its own facets and ranges. */
    static final Set<String> RESERVED = Set.of("brand", "category", "type", "price", "rating", "sku", "name", "status");

    private ProductTypeRules() {
    }

    public static List<FieldError> check(ProductType type) {
        List<FieldError> errors = new ArrayList<>();
        if (type.code() == null || !CODE.matcher(type.code()).matches()) {
            errors.add(new FieldError("code", "must be 1 to 40 lower-case letters, digits or _, starting with a letter"));
        }
        if (type.name() == null || type.name().isBlank() || type.name().length() > 200) {
            errors.add(new FieldError("name", "is required, at most 200 characters"));
        }
        if (type.attributes().size() > 200) {
            errors.add(new FieldError("attributes", "at most 200 attributes"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < type.attributes().size(); i++) {
            AttributeDefinition a = type.attributes().get(i);
            String at = "attributes[" + i + "]";
            if (a == null) {
                errors.add(new FieldError(at, "must not be null"));
                continue;
            }
            if (a.code() == null || !CODE.matcher(a.code()).matches()) {
                errors.add(new FieldError(at + ".code", "must be 1 to 40 lower-case letters, digits or _, starting with a letter"));
            } else if (RESERVED.contains(a.code())) {
                errors.add(new FieldError(at + ".code", "'" + a.code() + "' is reserved for the product's own field"));
            } else if (!seen.add(a.code())) {
                errors.add(new FieldError(at + ".code", "'" + a.code() + "' is defined twice"));
            }
            if (a.label() == null || a.label().isBlank() || a.label().length() > 200) {
                errors.add(new FieldError(at + ".label", "is required, at most 200 characters"));
            }
            if (a.type() == null) {
                errors.add(new FieldError(at + ".type", "is required: one of " + List.of(AttributeType.values())));
                continue;
            }
            if (a.type() == AttributeType.ENUMERATION && a.values().isEmpty()) {
                errors.add(new FieldError(at + ".values", "an enumeration lists its values"));
            }
            if (!a.values().isEmpty() && a.type() != AttributeType.ENUMERATION && a.type() != AttributeType.LIST) {
                errors.add(new FieldError(at + ".values", "only enumerations and lists have values"));
            }
            if (a.values().stream().anyMatch(v -> v == null || v.isBlank() || v.length() > 200)) {
                errors.add(new FieldError(at + ".values", "values are non-blank texts of at most 200 characters"));
            } else if (new HashSet<>(a.values()).size() != a.values().size()) {
                errors.add(new FieldError(at + ".values", "a value is listed twice"));
            }
            if (a.unit() != null && a.type() != AttributeType.NUMBER && a.type() != AttributeType.INTEGER) {
                errors.add(new FieldError(at + ".unit", "only numbers have a unit"));
            }
            if (a.facetable() && (a.type() == AttributeType.LOCALIZED_TEXT || a.type() == AttributeType.DATE)) {
                errors.add(new FieldError(at + ".facetable", a.type() + " attributes cannot be facets"));
            }
        }
        return errors;
    }
}
