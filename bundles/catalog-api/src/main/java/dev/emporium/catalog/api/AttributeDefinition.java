package dev.emporium.catalog.api;

import java.util.List;

/**
 * One attribute of a product type.
 *
 * @param code      the attribute's key in product data, such as {@code grape}
 * @param label     what people read
 * @param type      the kind of value
 * @param unit      for numbers, the unit (may be null)
 * @param required  a product of the type must have it (false when left out)
 * @param facetable storefront search offers it as a facet (false when left out)
 * @param values    the allowed values of an enumeration (required) or a list (optional)
 */
public record AttributeDefinition(String code, String label, AttributeType type, String unit, Boolean required,
                                  Boolean facetable, List<String> values) {

    /** Left out, {@code required} and {@code facetable} are false. */
    public AttributeDefinition {
        values = values == null ? List.of() : List.copyOf(values);
        required = Boolean.TRUE.equals(required);
        facetable = Boolean.TRUE.equals(facetable);
    }
}
