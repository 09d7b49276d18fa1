package dev.emporium.catalog.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.catalog.api.AttributeDefinition;
import dev.emporium.catalog.api.Category;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductInput;
import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.catalog.api.ProductType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The catalog's tables: plain JDBC on the caller's connection, so that a write and its event share a transaction. */
public final class CatalogStore {

    private static final String PRODUCT_COLUMNS = "sku, status, sellable, data, version, updated_at";

    private final ObjectMapper mapper;

    public CatalogStore(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The definition column holds the attribute list as JSON. */
    private record StoredType(List<AttributeDefinition> attributes) {
    }

    public void saveType(Connection c, ProductType type) throws SQLException {
        String definition = json(new StoredType(type.attributes()));
        try (PreparedStatement up = c.prepareStatement(
                "UPDATE catalog_product_type SET name = ?, definition = ?, updated_at = ? WHERE code = ?")) {
            up.setString(1, type.name());
            up.setString(2, definition);
            up.setObject(3, now());
            up.setString(4, type.code());
            if (up.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement in = c.prepareStatement(
                "INSERT INTO catalog_product_type (code, name, definition, updated_at) VALUES (?, ?, ?, ?)")) {
            in.setString(1, type.code());
            in.setString(2, type.name());
            in.setString(3, definition);
            in.setObject(4, now());
            in.executeUpdate();
        }
    }

    public List<ProductType> types(Connection c) throws SQLException {
        List<ProductType> types = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT code, name, definition FROM catalog_product_type ORDER BY code");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                types.add(new ProductType(rs.getString(1), rs.getString(2), read(rs.getString(3), StoredType.class).attributes()));
            }
        }
        return types;
    }

    public Optional<ProductType> type(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT code, name, definition FROM catalog_product_type WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new ProductType(rs.getString(1), rs.getString(2), read(rs.getString(3), StoredType.class).attributes()))
                        : Optional.empty();
            }
        }
    }

    public void saveCategory(Connection c, Category category) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE catalog_category SET name = ?, parent = ? WHERE code = ?")) {
            up.setString(1, category.name());
            up.setString(2, category.parent());
            up.setString(3, category.code());
            if (up.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement in = c.prepareStatement("INSERT INTO catalog_category (code, name, parent) VALUES (?, ?, ?)")) {
            in.setString(1, category.code());
            in.setString(2, category.name());
            in.setString(3, category.parent());
            in.executeUpdate();
        }
    }

    public List<Category> categories(Connection c) throws SQLException {
        List<Category> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT code, name, parent FROM catalog_category ORDER BY code");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new Category(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return result;
    }

    public void insert(Connection c, ProductInput p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO catalog_product (sku, slug, type_code, name, brand, status, sellable, price_amount, price_currency,
                                             data, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?, 1, ?, ?)""")) {
            OffsetDateTime now = now();
            ps.setString(1, p.sku());
            ps.setString(2, p.slug());
            ps.setString(3, p.type());
            ps.setString(4, p.name());
            ps.setString(5, p.brand());
            ps.setString(6, ProductStatus.DRAFT.name());
            ps.setBigDecimal(7, p.price().amount());
            ps.setString(8, p.price().currency());
            ps.setString(9, json(p));
            ps.setObject(10, now);
            ps.setObject(11, now);
            ps.executeUpdate();
        }
    }

    /** Replaces the data of a product if its version is still {@code expectedVersion} (any version when null). */
    public boolean update(Connection c, ProductInput p, Long expectedVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE catalog_product SET slug = ?, type_code = ?, name = ?, brand = ?, price_amount = ?, price_currency = ?,
                                           data = ?, version = version + 1, updated_at = ?
                WHERE sku = ? AND (? IS NULL OR version = ?)""")) {
            ps.setString(1, p.slug());
            ps.setString(2, p.type());
            ps.setString(3, p.name());
            ps.setString(4, p.brand());
            ps.setBigDecimal(5, p.price().amount());
            ps.setString(6, p.price().currency());
            ps.setString(7, json(p));
            ps.setObject(8, now());
            ps.setString(9, p.sku());
            ps.setObject(10, expectedVersion, java.sql.Types.BIGINT);
            ps.setObject(11, expectedVersion, java.sql.Types.BIGINT);
            return ps.executeUpdate() == 1;
        }
    }

    /** Sets the status; returns false when the product does not exist. */
    public boolean setStatus(Connection c, String sku, ProductStatus status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE catalog_product SET status = ?, version = version + 1, updated_at = ? WHERE sku = ?")) {
            ps.setString(1, status.name());
            ps.setObject(2, now());
            ps.setString(3, sku);
            return ps.executeUpdate() == 1;
        }
    }

    /** Sets the sellable flag; returns false when the product does not exist or already had that value. */
    public boolean setSellable(Connection c, String sku, boolean sellable) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE catalog_product SET sellable = ?, version = version + 1, updated_at = ? WHERE sku = ? AND sellable <> ?")) {
            ps.setBoolean(1, sellable);
            ps.setObject(2, now());
            ps.setString(3, sku);
            ps.setBoolean(4, sellable);
            return ps.executeUpdate() == 1;
        }
    }

    public boolean slugTaken(Connection c, String slug, String exceptSku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sku FROM catalog_product WHERE slug = ?")) {
            ps.setString(1, slug);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && !rs.getString(1).equals(exceptSku);
            }
        }
    }

    public Optional<Product> bySku(Connection c, String sku) throws SQLException {
        return one(c, "SELECT " + PRODUCT_COLUMNS + " FROM catalog_product WHERE sku = ?", sku);
    }

    public Optional<Product> bySlug(Connection c, String slug) throws SQLException {
        return one(c, "SELECT " + PRODUCT_COLUMNS + " FROM catalog_product WHERE slug = ?", slug);
    }

    /** Products in SKU order after {@code afterSku} (exclusive; null from the start). */
    public List<Product> page(Connection c, String afterSku, int limit) throws SQLException {
        List<Product> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + PRODUCT_COLUMNS
                + " FROM catalog_product WHERE (? IS NULL OR sku > ?) ORDER BY sku FETCH FIRST ? ROWS ONLY")) {
            ps.setString(1, afterSku);
            ps.setString(2, afterSku);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(product(rs));
                }
            }
        }
        return result;
    }

    /** Streams every product, for rebuilding the search index. */
    public void forEach(Connection c, Consumer<Product> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + PRODUCT_COLUMNS + " FROM catalog_product ORDER BY sku")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(product(rs));
                }
            }
        }
    }

    private Optional<Product> one(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(product(rs)) : Optional.empty();
            }
        }
    }

    private Product product(ResultSet rs) throws SQLException {
        ProductInput p = read(rs.getString("data"), ProductInput.class);
        OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
        return new Product(p.sku(), p.slug(), p.name(), p.shortDescription(), p.longDescription(), p.brand(), p.type(),
                p.attributes(), p.categories(), p.price(), p.packPrices(), p.shipping(), p.media(), p.seo(),
                ProductStatus.valueOf(rs.getString("status")), rs.getBoolean("sellable"), rs.getLong("version"),
                updated.toInstant());
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write catalog data as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored catalog data is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    // --- batch access for supplier imports (internal.transfer): many rows on the caller's connection ---

    /** A product in stored form with its {@code data} column already rendered (once, for comparing and writing). */
    public record StoredRow(ProductInput product, String data) {
    }

    /** The {@code data} column's JSON of a product in stored form. */
    public String data(ProductInput p) {
        return json(p);
    }

    /** Reads a {@code data} column back. */
    public ProductInput input(String data) {
        return read(data, ProductInput.class);
    }

    /** Inserts products as drafts, like {@link #insert}, in one JDBC batch. */
    public void insertAll(Connection c, List<StoredRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO catalog_product (sku, slug, type_code, name, brand, status, sellable, price_amount, price_currency,
                                             data, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?, 1, ?, ?)""")) {
            OffsetDateTime now = now();
            for (StoredRow row : rows) {
                ProductInput p = row.product();
                ps.setString(1, p.sku());
                ps.setString(2, p.slug());
                ps.setString(3, p.type());
                ps.setString(4, p.name());
                ps.setString(5, p.brand());
                ps.setString(6, ProductStatus.DRAFT.name());
                ps.setBigDecimal(7, p.price().amount());
                ps.setString(8, p.price().currency());
                ps.setString(9, row.data());
                ps.setObject(10, now);
                ps.setObject(11, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Replaces the data of products, like {@link #update} without a version check, in one JDBC batch. */
    public void updateAll(Connection c, List<StoredRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE catalog_product SET slug = ?, type_code = ?, name = ?, brand = ?, price_amount = ?, price_currency = ?,
                                           data = ?, version = version + 1, updated_at = ?
                WHERE sku = ?""")) {
            OffsetDateTime now = now();
            for (StoredRow row : rows) {
                ProductInput p = row.product();
                ps.setString(1, p.slug());
                ps.setString(2, p.type());
                ps.setString(3, p.name());
                ps.setString(4, p.brand());
                ps.setBigDecimal(5, p.price().amount());
                ps.setString(6, p.price().currency());
                ps.setString(7, row.data());
                ps.setObject(8, now);
                ps.setString(9, p.sku());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The stored products among {@code skus} (at most 1000 at a time), by SKU, in one query. */
    public java.util.Map<String, Product> bySkus(Connection c, java.util.Collection<String> skus) throws SQLException {
        java.util.Map<String, Product> found = new java.util.HashMap<>();
        if (skus.isEmpty()) {
            return found;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(skus.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT " + PRODUCT_COLUMNS + " FROM catalog_product WHERE sku IN (" + marks + ")")) {
            int i = 1;
            for (String sku : skus) {
                ps.setString(i++, sku);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Product p = product(rs);
                    found.put(p.sku(), p);
                }
            }
        }
        return found;
    }

    /** The products among {@code skus} (at most 1000 at a time) that are on sale (published and sellable), in one query. */
    public java.util.Set<String> onSale(Connection c, java.util.Collection<String> skus) throws SQLException {
        java.util.Set<String> found = new java.util.HashSet<>();
        if (skus.isEmpty()) {
            return found;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(skus.size(), "?"));
        // looked up by primary key, the status tested here: H2 would rather walk the (status, sku) index otherwise
        try (PreparedStatement ps = c.prepareStatement("SELECT sku, status, sellable FROM catalog_product WHERE sku IN (" + marks + ")")) {
            int i = 1;
            for (String sku : skus) {
                ps.setString(i++, sku);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (ProductStatus.PUBLISHED.name().equals(rs.getString(2)) && rs.getBoolean(3)) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    /** The stored {@code data} column of the products among {@code skus} (at most 1000 at a time), by SKU. */
    public java.util.Map<String, String> dataBySkus(Connection c, java.util.Collection<String> skus) throws SQLException {
        return pairs(c, "SELECT sku, data FROM catalog_product WHERE sku IN (", skus);
    }

    /** The SKU of the product holding each of these slugs (at most 1000 at a time); a free slug is absent. */
    public java.util.Map<String, String> slugOwners(Connection c, java.util.Collection<String> slugs) throws SQLException {
        return pairs(c, "SELECT slug, sku FROM catalog_product WHERE slug IN (", slugs);
    }

    /** One query over a unique index: the first column to the second, for the given keys. */
    private static java.util.Map<String, String> pairs(Connection c, String select, java.util.Collection<String> keys)
            throws SQLException {
        java.util.Map<String, String> found = new java.util.HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(keys.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement(select + marks + ")")) {
            int i = 1;
            for (String key : keys) {
                ps.setString(i++, key);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return found;
    }
}
