package dev.emporium.catalog.internal.transfer;

import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductInput;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.internal.model.AttributeValues;
import dev.emporium.catalog.internal.model.ProductRules;
import dev.emporium.platform.api.FieldError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog's product rules ({@link ProductRules}, {@link AttributeValues}) applied to a batch row against reference
 * data read once per batch, as {@code CatalogService} applies them to one product per transaction; the stored form
 * it returns is the one {@code CatalogService} stores.
 */
final class ProductChecks {

    /** A product in stored form (usable only without errors), and what is wrong with it. */
    record Checked(ProductInput product, List<FieldError> errors) {
    }

    private final Set<String> categories;
    private final Map<String, ProductType> types;
    private final Map<String, String> slugOwners;

    /**
     * @param slugOwners the slug of every stored product, to its SKU
     */
    ProductChecks(Set<String> categories, Map<String, ProductType> types, Map<String, String> slugOwners) {
        this.categories = categories;
        this.types = types;
        this.slugOwners = slugOwners;
    }

    Checked check(ProductInput input) {
        List<FieldError> errors = new ArrayList<>(ProductRules.check(input, categories));
        Map<String, Object> attributes = input.attributes();
        if (input.type() != null && !input.type().isBlank()) {
            ProductType type = types.get(input.type());
            if (type == null) {
                errors.add(new FieldError("type", "'" + input.type() + "' is not a product type"));
            } else {
                AttributeValues.Checked checked = AttributeValues.check(type, input.attributes());
                errors.addAll(checked.errors());
                attributes = checked.values();
            }
        }
        if (input.slug() != null && ProductRules.SLUG.matcher(input.slug()).matches()) {
            String owner = slugOwners.get(input.slug());
            if (owner != null && !owner.equals(input.sku())) {
                errors.add(new FieldError("slug", "'" + input.slug() + "' is the slug of another product"));
            }
        }
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        return new Checked(new ProductInput(input.sku(), input.slug(), input.name().strip(), input.shortDescription(),
                input.longDescription(), input.brand(), input.type(), new LinkedHashMap<>(attributes), input.categories(),
                input.price(), input.packPrices(), input.shipping(), input.media(), input.seo()), List.of());
    }

    /** A stored product in the form {@link #check} returns, so that an unchanged row compares equal to it. */
    ProductInput stored(Product p) {
        Map<String, Object> attributes = new LinkedHashMap<>(p.attributes());
        ProductType type = types.get(p.type());
        if (type != null) {
            attributes.putAll(AttributeValues.check(type, p.attributes()).values());
        }
        return new ProductInput(p.sku(), p.slug(), p.name(), p.shortDescription(), p.longDescription(), p.brand(), p.type(),
                attributes, p.categories(), p.price(), p.packPrices(), p.shipping(), p.media(), p.seo());
    }
}
