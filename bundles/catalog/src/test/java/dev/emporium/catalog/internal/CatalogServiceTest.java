package dev.emporium.catalog.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.emporium.catalog.api.Category;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductInput;
import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.PageRequest;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.testing.TestDatabases;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** The catalog's writes on H2 and on a real PostgreSQL: validation, versions, events in the same transaction. */
@RunWith(Parameterized.class)
public class CatalogServiceTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    private final String engine;
    private DataSource ds;
    private CatalogService catalog;

    public CatalogServiceTest(String engine) {
        this.engine = engine;
    }

    /** Records events in a table through the caller's connection, so a rolled-back write leaves none. */
    private static final Outbox TABLE_OUTBOX = (tx, topic, payload) -> {
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO test_event (topic, sku) VALUES (?, ?)")) {
            ps.setString(1, topic);
            ps.setString(2, String.valueOf(payload.get("sku")));
            ps.executeUpdate();
        }
        return 1;
    };

    @Before
    public void freshCatalog() {
        ds = TestDatabases.create(engine);
        TestDatabases.migrate(ds, "catalog");
        TestDatabases.execute(ds, "CREATE TABLE test_event (topic VARCHAR(200), sku VARCHAR(64))");
        ObjectMapper mapper = JsonMapper.builder().findAndAddModules().build();
        mapper.configOverride(BigDecimal.class).setFormat(com.fasterxml.jackson.annotation.JsonFormat.Value.forShape(
                com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING));
        catalog = new CatalogService(ds, TABLE_OUTBOX, mapper);
        catalog.defineType(Wines.type());
        catalog.defineCategory(new Category("wine", "Wine", null));
        catalog.defineCategory(new Category("red-wine", "Red wine", "wine"));
    }

    /** Events of products with topics ending in {@code topicSuffix} (not the TYPE_DEFINED of the set-up's type). */
    private long events(String topicSuffix) {
        return TestDatabases.count(ds, "SELECT COUNT(*) FROM test_event WHERE topic LIKE '%" + topicSuffix + "' AND topic NOT LIKE '%TYPE_DEFINED'");
    }

    private static ProductInput withCategories(ProductInput p, List<String> categories) {
        return new ProductInput(p.sku(), p.slug(), p.name(), p.shortDescription(), p.longDescription(), p.brand(), p.type(),
                p.attributes(), categories, p.price(), p.packPrices(), p.shipping(), p.media(), p.seo());
    }

    @Test
    public void createsADraftWithTypedAttributesAndAnEvent() {
        Product p = catalog.create(withCategories(Wines.wine("W-1", "Château Test 2018", "red", "Merlot", 2018, "Bordeaux", "24.90"), List.of("red-wine")));
        assertEquals(ProductStatus.DRAFT, p.status());
        assertEquals(1, p.version());
        assertTrue(p.sellable());
        assertEquals(2018L, p.attributes().get("vintage"));
        assertEquals(new BigDecimal("13.5"), p.attributes().get("alcohol"));
        assertEquals("24.90", p.price().amount().toPlainString());
        assertEquals("149.40", p.packPrices().get(0).price().amount().toPlainString());
        assertEquals(1, events("PRODUCT_CREATED"));
        assertEquals(p, catalog.bySlug("w-1").orElseThrow());
        assertEquals("the set-up's type was announced, in its own transaction", 1,
                TestDatabases.count(ds, "SELECT COUNT(*) FROM test_event WHERE topic = 'emporium/catalog/TYPE_DEFINED'"));
    }

    @Test
    public void anInvalidProductNamesEveryFieldAndWritesNothing() {
        ProductInput good = Wines.wine("W-2", "Good", "red", "Merlot", 2018, "Bordeaux", "10.00");
        Map<String, Object> attributes = new HashMap<>(good.attributes());
        attributes.put("colour", "blue");
        attributes.remove("region");
        attributes.put("sweetness", "dry");
        ProductInput bad = new ProductInput("bad sku", "Bad Slug", "", null, null, null, "wine", attributes, List.of("beer"),
                good.price(), good.packPrices(), good.shipping(), good.media(), good.seo());
        try {
            catalog.create(bad);
            fail("accepted");
        } catch (ValidationException e) {
            List<String> fields = e.errors().stream().map(FieldError::field).toList();
            assertTrue(fields.toString(), fields.containsAll(List.of("sku", "slug", "name", "categories[0]",
                    "attributes.colour", "attributes.region", "attributes.sweetness")));
        }
        assertEquals(0, TestDatabases.count(ds, "SELECT COUNT(*) FROM catalog_product"));
        assertEquals(0, events(""));
    }

    @Test
    public void duplicatesAreRefused() {
        catalog.create(Wines.wine("W-3", "One", "red", "Merlot", 2018, "Bordeaux", "10.00"));
        try {
            catalog.create(Wines.wine("W-3", "Two", "red", "Merlot", 2018, "Bordeaux", "10.00"));
            fail("duplicate SKU accepted");
        } catch (ConflictException expected) {
            // refused
        }
        ProductInput sameSlug = Wines.wine("W-4", "Three", "red", "Merlot", 2018, "Bordeaux", "10.00");
        sameSlug = new ProductInput("W-4", "w-3", sameSlug.name(), null, null, null, "wine", sameSlug.attributes(), List.of(),
                sameSlug.price(), List.of(), null, List.of(), null);
        try {
            catalog.create(sameSlug);
            fail("duplicate slug accepted");
        } catch (ValidationException e) {
            assertEquals("slug", e.errors().get(0).field());
        }
        assertEquals(1, TestDatabases.count(ds, "SELECT COUNT(*) FROM catalog_product"));
    }

    @Test
    public void staleUpdatesAreRefused() {
        catalog.create(Wines.wine("W-5", "Five", "white", "Chardonnay", 2020, "Bourgogne", "18.00"));
        ProductInput change = Wines.wine("W-5", "Five, renamed", "white", "Chardonnay", 2020, "Bourgogne", "19.00");
        try {
            catalog.update("W-5", change, 7L);
            fail("stale version accepted");
        } catch (ConflictException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("version 1"));
        }
        Product updated = catalog.update("W-5", change, 1L);
        assertEquals(2, updated.version());
        assertEquals("Five, renamed", updated.name());
        assertEquals(1, events("PRODUCT_UPDATED"));
    }

    @Test
    public void publishArchiveAndSellable() {
        catalog.create(Wines.wine("W-6", "Six", "rosé", "Grenache", 2022, "Provence", "12.00"));
        assertTrue(catalog.publish("W-6").onSale());
        Product gone = catalog.setSellable("W-6", false, "discontinued");
        assertFalse(gone.onSale());
        catalog.setSellable("W-6", false, "discontinued again");
        assertEquals("a repeated discontinuation changes nothing", 1, events("SELLABLE_CHANGED"));
        assertEquals(ProductStatus.ARCHIVED, catalog.archive("W-6").status());
    }

    @Test
    public void categoriesCannotContainThemselves() {
        try {
            catalog.defineCategory(new Category("wine", "Wine", "red-wine"));
            fail("cycle accepted");
        } catch (ValidationException e) {
            assertEquals("parent", e.errors().get(0).field());
        }
    }

    @Test
    public void listsInSkuOrderWithCursors() {
        for (int i = 0; i < 5; i++) {
            catalog.create(Wines.wine("L-" + i, "Wine " + i, "red", "Syrah", 2019, "Rhône", "9.00"));
        }
        var first = catalog.list(new PageRequest(null, 3));
        assertEquals(List.of("L-0", "L-1", "L-2"), first.items().stream().map(Product::sku).toList());
        var second = catalog.list(new PageRequest(first.nextCursor(), 3));
        assertEquals(List.of("L-3", "L-4"), second.items().stream().map(Product::sku).toList());
        assertEquals(null, second.nextCursor());
    }

    @Test
    public void theSearchIndexTakingAChangeDropsTheProductsKeptSearchHit() {
        catalog.create(Wines.wine("W-1", "Rioja 2019", "red", "Tempranillo", 2019, "Rioja", "19.90"));
        catalog.publish("W-1");
        CatalogSearch search = new CatalogSearch(catalog);
        dev.emporium.catalog.internal.pages.ProductPages pages = new dev.emporium.catalog.internal.pages.ProductPages();
        search.keepPagesCurrent(pages);
        byte[] old = "{\"old\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] fresh = "{\"old\":false}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        pages.items(List.of("W-1"), skus -> java.util.Map.of("W-1", old));
        org.junit.Assert.assertSame(old, pages.items(List.of("W-1"), skus -> java.util.Map.of("W-1", fresh)).get("W-1"));
        search.refresh("W-1"); // what another node's write makes this node do, whichever subscription hears it first
        org.junit.Assert.assertSame(fresh, pages.items(List.of("W-1"), skus -> java.util.Map.of("W-1", fresh)).get("W-1"));
        pages.items(List.of("W-1"), skus -> java.util.Map.of("W-1", old));
        search.rebuild();
        org.junit.Assert.assertSame(fresh, pages.items(List.of("W-1"), skus -> java.util.Map.of("W-1", fresh)).get("W-1"));
    }
}
