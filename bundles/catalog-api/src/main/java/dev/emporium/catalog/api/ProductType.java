package dev.emporium.catalog.api;

import java.util.List;
import java.util.Optional;

/** A kind of product (wine, glass, gift box) and the attributes its products carry. */
public record ProductType(String code, String name, List<AttributeDefinition> attributes) {

    public ProductType {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    public Optional<AttributeDefinition> attribute(String code) {
        return attributes.stream().filter(a -> a.code().equals(code)).findFirst();
    }
}
