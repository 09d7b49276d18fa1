package dev.emporium.catalog.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.catalog.api.Catalog;
import dev.emporium.catalog.api.CatalogEvents;
import dev.emporium.catalog.api.Category;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductInput;
import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.internal.model.AttributeValues;
import dev.emporium.catalog.internal.model.ProductRules;
import dev.emporium.catalog.internal.model.ProductTypeRules;
import dev.emporium.catalog.internal.pages.ProductPages;
import dev.emporium.catalog.internal.store.CatalogStore;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;
import dev.emporium.platform.api.SchemaMigrations;
import dev.emporium.platform.api.ValidationException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.emporium.platform.api.Transactions.inTransaction;

/** The catalog's product data in the database, every write validated and announced through the outbox. */
@Component(service = {Catalog.class, CatalogService.class})
public class CatalogService implements Catalog {

    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final DataSource dataSource;
    private final Outbox outbox;
    private final CatalogStore store;

    /** The storefront's kept product pages: this node's own writes drop them at once, other nodes' by their events. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProductPages pages;

    @Activate
    public CatalogService(@Reference(target = "(dataSourceName=emporium)") DataSource dataSource,
                          @Reference Outbox outbox, @Reference ObjectMapper mapper,
                          @Reference SchemaMigrations migrations, BundleContext context) {
        migrations.migrate("catalog", context.getBundle());
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.store = new CatalogStore(mapper);
    }

    /** For tests outside OSGi: the schema must already be migrated. */
    public CatalogService(DataSource dataSource, Outbox outbox, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.store = new CatalogStore(mapper);
    }

    /** Outside OSGi: the pages to drop on this service's writes. */
    public void keepPagesCurrent(ProductPages pages) {
        this.pages = pages;
    }

    /** After a committed write of {@code sku} (null: of the types or categories every page may show). */
    private <T> T changed(String sku, T result) {
        ProductPages kept = pages;
        if (kept != null) {
            if (sku == null) {
                kept.changedAll();
            } else {
                kept.changed(sku);
            }
        }
        return result;
    }

    @Override
    public ProductType defineType(ProductType type) {
        List<FieldError> errors = ProductTypeRules.check(type);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        ProductType saved = inTransaction(dataSource, c -> {
            store.saveType(c, type);
            // every node's search index and kept pages follow (this node's at once, below, and again on the event)
            outbox.publish(c, CatalogEvents.TYPE_DEFINED, Map.of("type", type.code()));
            return type;
        });
        ProductPages kept = pages;
        if (kept != null) {
            kept.typeChanged(); // a product's JSON shows its attributes in the type's typed form
        }
        return saved;
    }

    @Override
    public Optional<ProductType> type(String code) {
        return inTransaction(dataSource, c -> store.type(c, code));
    }

    @Override
    public List<ProductType> types() {
        return inTransaction(dataSource, store::types);
    }

    @Override
    public Category defineCategory(Category category) {
        List<FieldError> errors = new ArrayList<>();
        if (category.code() == null || category.code().length() > 64 || !CATEGORY.matcher(category.code()).matches()) {
            errors.add(new FieldError("code", "must be lower-case words of letters and digits joined by '-', at most 64 characters"));
        }
        if (category.name() == null || category.name().isBlank() || category.name().length() > 200) {
            errors.add(new FieldError("name", "is required, at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return changed(null, inTransaction(dataSource, c -> {
            Map<String, String> parents = store.categories(c).stream()
                    .collect(Collectors.toMap(Category::code, x -> x.parent() == null ? "" : x.parent()));
            if (category.parent() != null) {
                if (!parents.containsKey(category.parent())) {
                    throw new ValidationException("parent", "'" + category.parent() + "' is not a category");
                }
                // walking up from the new parent must never reach the category itself
                for (String p = category.parent(); p != null && !p.isEmpty(); p = parents.get(p)) {
                    if (p.equals(category.code())) {
                        throw new ValidationException("parent", "'" + category.parent() + "' lies below " + category.code() + ": a category cannot contain itself");
                    }
                }
            }
            store.saveCategory(c, category);
            return category;
        }));
    }

    @Override
    public List<Category> categories() {
        return inTransaction(dataSource, store::categories);
    }

    @Override
    public Product create(ProductInput input) {
        return inTransaction(dataSource, c -> {
            ProductInput checked = validate(c, input, null);
            if (store.bySku(c, checked.sku()).isPresent()) {
                throw new ConflictException("a product with SKU " + checked.sku() + " exists already");
            }
            try {
                store.insert(c, checked);
            } catch (SQLException e) {
                throw duplicateOr(e, checked);
            }
            outbox.publish(c, CatalogEvents.PRODUCT_CREATED, Map.of("sku", checked.sku()));
            return typed(c, store.bySku(c, checked.sku()).orElseThrow());
        });
    }

    @Override
    public Product update(String sku, ProductInput input, Long expectedVersion) {
        if (input.sku() != null && !input.sku().equals(sku)) {
            throw new ValidationException("sku", "must be " + sku + ", the product being updated (SKUs do not change)");
        }
        ProductInput withSku = new ProductInput(sku, input.slug(), input.name(), input.shortDescription(), input.longDescription(),
                input.brand(), input.type(), input.attributes(), input.categories(), input.price(), input.packPrices(),
                input.shipping(), input.media(), input.seo());
        return changed(sku, inTransaction(dataSource, c -> {
            Product current = store.bySku(c, sku).orElseThrow(() -> new NotFoundException("no product " + sku));
            ProductInput checked = validate(c, withSku, sku);
            boolean updated;
            try {
                updated = store.update(c, checked, expectedVersion);
            } catch (SQLException e) {
                throw duplicateOr(e, checked);
            }
            if (!updated) {
                throw new ConflictException("product " + sku + " is at version " + current.version()
                        + ", not " + expectedVersion + ": read it again and reapply the change");
            }
            outbox.publish(c, CatalogEvents.PRODUCT_UPDATED, Map.of("sku", sku));
            return typed(c, store.bySku(c, sku).orElseThrow());
        }));
    }

    @Override
    public Optional<Product> bySku(String sku) {
        return inTransaction(dataSource, c -> {
            Optional<Product> p = store.bySku(c, sku);
            return p.isPresent() ? Optional.of(typed(c, p.get())) : Optional.<Product>empty();
        });
    }

    /** Which of these SKUs (at most 1000) are on sale, read in one query without the products' data. */
    public Set<String> onSale(java.util.Collection<String> skus) {
        return skus.isEmpty() ? Set.of() : inTransaction(dataSource, c -> store.onSale(c, skus));
    }

    /** The products among these SKUs (at most 1000), by SKU, read in one query: a page of search hits, say. */
    public Map<String, Product> bySkus(java.util.Collection<String> skus) {
        return inTransaction(dataSource, c -> {
            Map<String, Product> found = store.bySkus(c, skus);
            Map<String, ProductType> types = new HashMap<>();
            Map<String, Product> typed = new HashMap<>();
            for (Product p : found.values()) {
                if (!types.containsKey(p.type())) {
                    types.put(p.type(), store.type(c, p.type()).orElse(null));
                }
                typed.put(p.sku(), typed(p, types.get(p.type())));
            }
            return typed;
        });
    }

    @Override
    public Optional<Product> bySlug(String slug) {
        return inTransaction(dataSource, c -> {
            Optional<Product> p = store.bySlug(c, slug);
            return p.isPresent() ? Optional.of(typed(c, p.get())) : Optional.<Product>empty();
        });
    }

    @Override
    public Product publish(String sku) {
        return changeStatus(sku, ProductStatus.PUBLISHED, CatalogEvents.PRODUCT_PUBLISHED);
    }

    @Override
    public Product archive(String sku) {
        return changeStatus(sku, ProductStatus.ARCHIVED, CatalogEvents.PRODUCT_ARCHIVED);
    }

    private Product changeStatus(String sku, ProductStatus status, String topic) {
        return changed(sku, inTransaction(dataSource, c -> {
            if (!store.setStatus(c, sku, status)) {
                throw new NotFoundException("no product " + sku);
            }
            outbox.publish(c, topic, Map.of("sku", sku, "status", status.name()));
            return store.bySku(c, sku).orElseThrow();
        }));
    }

    @Override
    public Product setSellable(String sku, boolean sellable, String reason) {
        return changed(sku, inTransaction(dataSource, c -> {
            Product current = store.bySku(c, sku).orElseThrow(() -> new NotFoundException("no product " + sku));
            if (store.setSellable(c, sku, sellable)) {
                Map<String, Object> payload = new HashMap<>();
                payload.put("sku", sku);
                payload.put("sellable", sellable);
                payload.put("reason", reason == null ? "" : reason);
                outbox.publish(c, CatalogEvents.SELLABLE_CHANGED, payload);
                return store.bySku(c, sku).orElseThrow();
            }
            return current;
        }));
    }

    @Override
    public Page<Product> list(PageRequest page) {
        return inTransaction(dataSource, c -> {
            List<Product> rows = store.page(c, page.cursor(), page.limit() + 1);
            boolean more = rows.size() > page.limit();
            List<Product> items = more ? rows.subList(0, page.limit()) : rows;
            return new Page<>(items, more ? items.get(items.size() - 1).sku() : null);
        });
    }

    /** Every product with its type, for rebuilding the search index. */
    public void forEachProduct(java.util.function.BiConsumer<Product, ProductType> sink) {
        inTransaction(dataSource, c -> {
            Map<String, ProductType> types = store.types(c).stream().collect(Collectors.toMap(ProductType::code, t -> t));
            store.forEach(c, p -> sink.accept(typed(p, types.get(p.type())), types.get(p.type())));
            return null;
        });
    }

    /** Checks a product against its type, its categories and the other products' slugs; returns it in stored form. */
    private ProductInput validate(Connection c, ProductInput input, String sku) throws SQLException {
        Set<String> categories = store.categories(c).stream().map(Category::code).collect(Collectors.toSet());
        List<FieldError> errors = new ArrayList<>(ProductRules.check(input, categories));
        Map<String, Object> attributes = input.attributes();
        if (input.type() != null && !input.type().isBlank()) {
            Optional<ProductType> type = store.type(c, input.type());
            if (type.isEmpty()) {
                errors.add(new FieldError("type", "'" + input.type() + "' is not a product type"));
            } else {
                AttributeValues.Checked checked = AttributeValues.check(type.get(), input.attributes());
                errors.addAll(checked.errors());
                attributes = checked.values();
            }
        }
        if (input.slug() != null && ProductRules.SLUG.matcher(input.slug()).matches() && store.slugTaken(c, input.slug(), sku == null ? input.sku() : sku)) {
            errors.add(new FieldError("slug", "'" + input.slug() + "' is the slug of another product"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new ProductInput(input.sku(), input.slug(), input.name().strip(), input.shortDescription(), input.longDescription(),
                input.brand(), input.type(), new LinkedHashMap<>(attributes), input.categories(), input.price(), input.packPrices(),
                input.shipping(), input.media(), input.seo());
    }

    private Product typed(Connection c, Product p) throws SQLException {
        return typed(p, store.type(c, p.type()).orElse(null));
    }

    /**
     * Stored attributes are JSON, where decimals travel as strings: give values their typed form again. A value the
     * type no longer accepts (the type was redefined since) is kept as it was stored.
     */
    static Product typed(Product p, ProductType type) {
        if (type == null) {
            return p;
        }
        Map<String, Object> values = new LinkedHashMap<>(p.attributes());
        values.putAll(AttributeValues.check(type, p.attributes()).values());
        return new Product(p.sku(), p.slug(), p.name(), p.shortDescription(), p.longDescription(), p.brand(), p.type(),
                values, p.categories(), p.price(), p.packPrices(), p.shipping(), p.media(), p.seo(), p.status(),
                p.sellable(), p.version(), p.updatedAt());
    }

    private static RuntimeException duplicateOr(SQLException e, ProductInput p) throws SQLException {
        if (dev.emporium.platform.api.Transactions.isUniqueViolation(e)) {
            return new ConflictException("SKU " + p.sku() + " or slug " + p.slug() + " was just taken by another product");
        }
        throw e;
    }
}
