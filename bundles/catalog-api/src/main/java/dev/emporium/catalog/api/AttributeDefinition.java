package dev.emporium.catalog.api;

import java.util.List;

/**
 * One attribute of a product type.
 *
 * @param code      the attribute's key in product data, such as {@code grape}
 * @param label     what people read
 * @param type      the kind of value
 * @param unit      for numbers, the unit (may be null)
 * @param required  a product of the type must have it
 * @param facetable storefront search offers it as a facet
 * @param values    the allowed values of an enumeration (required) or a list (optional)
 */
public record AttributeDefinition(String code, String label, AttributeType type, String unit, boolean required,
                                  boolean facetable, List<String> values) {

    public AttributeDefinition {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
