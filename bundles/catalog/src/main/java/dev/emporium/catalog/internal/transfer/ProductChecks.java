package dev.emporium.catalog.internal.transfer;

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

    ProductChecks(Set<String> categories, Map<String, ProductType> types) {
        this.categories = categories;
        this.types = types;
    }

    /**
     * What is wrong with {@code input}'s slug given the SKU of the stored product that holds it ({@code owner}, null
     * when free); the import looks the owners of a whole chunk up at once rather than every slug of the catalog.
     */
    static java.util.Optional<FieldError> slugOwnedByAnother(ProductInput input, String owner) {
        return owner != null && !owner.equals(input.sku())
                ? java.util.Optional.of(new FieldError("slug", "'" + input.slug() + "' is the slug of another product"))
                : java.util.Optional.empty();
    }

    /** Whether the slug has the form the rules accept, so that looking up its owner makes sense. */
    static boolean wellFormedSlug(ProductInput input) {
        return input.slug() != null && ProductRules.SLUG.matcher(input.slug()).matches();
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
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        return new Checked(new ProductInput(input.sku(), input.slug(), input.name().strip(), input.shortDescription(),
                input.longDescription(), input.brand(), input.type(), new LinkedHashMap<>(attributes), input.categories(),
                input.price(), input.packPrices(), input.shipping(), input.media(), input.seo()), List.of());
    }

    /** A stored product in the form {@link #check} returns, so that an unchanged row compares equal to it. */
    ProductInput stored(ProductInput p) {
        Map<String, Object> attributes = new LinkedHashMap<>(p.attributes());
        ProductType type = types.get(p.type());
        if (type != null) {
            attributes.putAll(AttributeValues.check(type, p.attributes()).values());
        }
        return new ProductInput(p.sku(), p.slug(), p.name(), p.shortDescription(), p.longDescription(), p.brand(), p.type(),
                attributes, p.categories(), p.price(), p.packPrices(), p.shipping(), p.media(), p.seo());
    }
}
