package dev.emporium.catalog.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.emporium.catalog.api.Category;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.SearchQuery;
import dev.emporium.catalog.api.SearchResult;
import dev.emporium.platform.api.Outbox;
import dev.emporium.testing.TestDatabases;
import org.junit.Before;
import org.junit.Test;
import org.osgi.service.event.Event;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** The search index kept current by the catalog's events: read back a batch of SKUs at a time, never missed by a search. */
public class CatalogSearchTest {

    private final AtomicInteger connections = new AtomicInteger();
    private CatalogService catalog;
    private CatalogSearch search;
    private ObjectMapper mapper;

    @Before
    public void emptyCatalog() {
        DataSource h2 = TestDatabases.create("h2");
        TestDatabases.migrate(h2, "catalog");
        // counts the connections taken: each is one transaction of the catalog
        DataSource counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(h2, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        mapper = JsonMapper.builder().findAndAddModules().build();
        mapper.configOverride(BigDecimal.class).setFormat(com.fasterxml.jackson.annotation.JsonFormat.Value.forShape(
                com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING));
        Outbox none = (tx, topic, payload) -> 1;
        catalog = new CatalogService(counting, none, mapper);
        catalog.defineType(Wines.type());
        catalog.defineCategory(new Category("wine", "Wine", null));
        catalog.defineCategory(new Category("red-wine", "Red wine", "wine"));
        search = new CatalogSearch(catalog);
    }

    private static Event event(String topic, String sku) {
        return new Event("emporium/catalog/" + topic, Map.of("sku", sku));
    }

    private SearchResult everything() {
        return search.search(new SearchQuery(null, Map.of(), Map.of(), SearchQuery.Sort.NAME, null, 10));
    }

    private void publishedWine(String sku) {
        catalog.create(Wines.wine(sku, "Wine " + sku, "red", "Merlot", 2020, "Rioja", "12.50"));
        catalog.publish(sku);
    }

    @Test
    public void aSearchFindsWhatAnEventAnnouncedBeforeItEvenBelowABatch() {
        publishedWine("W-1");
        search.handleEvent(event("PRODUCT_PUBLISHED", "W-1"));
        assertEquals(1, search.noted()); // noted, not read yet
        SearchResult found = everything();
        assertEquals(List.of("W-1"), found.items().stream().map(Product::sku).toList());
        assertEquals(0, search.noted());

        catalog.archive("W-1");
        search.handleEvent(event("PRODUCT_ARCHIVED", "W-1"));
        assertEquals(0, everything().total());

        // the storefront route asks for hits alone (it shows the products from their kept JSON): the same holds
        publishedWine("W-2");
        search.handleEvent(event("PRODUCT_PUBLISHED", "W-2"));
        assertEquals(List.of("W-2"), search.hits(new SearchQuery(null, Map.of(), Map.of(), SearchQuery.Sort.NAME, null, 10)).skus());
        assertEquals(0, search.noted());
    }

    @Test
    public void aTypeRedefinedOnAnyNodeIsCountedAsItsFacetsOnceItsEventArrives() {
        publishedWine("W-1");
        search.rebuild();
        assertFalse("the vineyard is not a facet of the wine type yet", everything().facets().containsKey("vineyard"));
        java.util.List<dev.emporium.catalog.api.AttributeDefinition> attributes = new java.util.ArrayList<>();
        for (dev.emporium.catalog.api.AttributeDefinition a : Wines.type().attributes()) {
            attributes.add(a.code().equals("vineyard")
                    ? new dev.emporium.catalog.api.AttributeDefinition(a.code(), a.label(), a.type(), a.unit(), a.required(), true, a.values())
                    : a);
        }
        // as another node would: the definition is in the shared database; this index hears of it by the event alone
        catalog.defineType(new dev.emporium.catalog.api.ProductType("wine", "Wine", attributes));
        assertFalse("not before the event", everything().facets().containsKey("vineyard"));
        search.handleEvent(new Event(dev.emporium.catalog.api.CatalogEvents.TYPE_DEFINED, Map.of("type", "wine")));
        assertEquals(List.of(new SearchResult.FacetValue("Domaine Rioja", 1)), everything().facets().get("vineyard"));
    }

    @Test
    public void builtInTheBackgroundASearchWaitsForTheFirstBuildAndTheEventsNotedMeanwhile() throws Exception {
        for (int i = 0; i < 300; i++) {
            publishedWine("B-" + i);
        }
        CatalogSearch background = new CatalogSearch(catalog, true);
        try {
            // committed, then announced, as the outbox does: noted while the build runs, or after it (announced before
            // the commit, the build's last step could apply the event before the archive and leave B-0 found)
            catalog.archive("B-0");
            background.handleEvent(event("PRODUCT_ARCHIVED", "B-0"));
            SearchResult found = background.search(new SearchQuery(null, Map.of(), Map.of(), SearchQuery.Sort.NAME, null, 10));
            assertEquals("never a half-built index", 299, found.total());
        } finally {
            background.deactivate();
        }
    }

    @Test
    public void aDeliveredBatchOfEventsIsReadBackInAFewTransactionsNotFourPerEvent() {
        int n = CatalogSearch.REFRESH_BATCH + 20;
        for (int i = 0; i < n; i++) {
            publishedWine(String.format("W-%04d", i));
        }
        connections.set(0);
        for (int i = 0; i < n; i++) {
            search.handleEvent(event("PRODUCT_CREATED", String.format("W-%04d", i)));
            search.handleEvent(event("PRODUCT_PUBLISHED", String.format("W-%04d", i)));
        }
        // a full batch was read back on the relay's thread; the last 20 wait
        assertEquals(20, search.noted());
        for (int i = 0; i < 20; i++) {
            search.handleEvent(event("PRODUCT_PUBLISHED", String.format("W-%04d", n - 1 - i))); // at least once: again
        }
        assertEquals(20, search.noted());
        assertEquals(n, everything().total());
        // which are on sale, those products, types, categories for each of the two batches, and the search's page of 10
        assertTrue("transactions: " + connections.get(), connections.get() <= 9);
    }

    @Test
    public void draftsAreLookedUpWithoutReadingTheirDataAndTheirCreationNotAtAll() {
        int n = CatalogSearch.REFRESH_BATCH * 2;
        for (int i = 0; i < n; i++) {
            catalog.create(Wines.wine(String.format("W-%04d", i), "Draft " + i, "red", "Merlot", 2020, "Rioja", "12.50"));
        }
        connections.set(0);
        for (int i = 0; i < n; i++) {
            // a supplier import's: the index leaves drafts out, and a product is created as a draft
            search.handleEvent(event("PRODUCT_CREATED", String.format("W-%04d", i)));
        }
        assertEquals(0, search.noted());
        assertEquals(0, connections.get());
        for (int i = 0; i < n; i++) {
            // a supplier batch imported again with changes
            search.handleEvent(event("PRODUCT_UPDATED", String.format("W-%04d", i)));
        }
        assertEquals(0, search.noted());
        // one query per batch asks which are on sale; none is, so no product, type or category is read
        assertEquals(2, connections.get());
        assertEquals(0, everything().total());

        catalog.publish("W-0007");
        search.handleEvent(event("PRODUCT_PUBLISHED", "W-0007"));
        assertEquals(List.of("W-0007"), everything().items().stream().map(Product::sku).toList());
    }

    @Test
    public void theJsonStoredWithAHitIsTheProductAsTheCatalogReadsItAndAWriteHereFallsBackUntilItsEvent() throws Exception {
        publishedWine("W-1");
        publishedWine("W-2");
        CatalogSearch storing = new CatalogSearch(catalog, mapper);
        dev.emporium.catalog.internal.pages.ProductPages pages = new dev.emporium.catalog.internal.pages.ProductPages();
        storing.keepPagesCurrent(pages);
        catalog.keepPagesCurrent(pages);
        java.util.function.Function<List<String>, Map<String, byte[]>> fromDatabase = skus -> {
            Map<String, byte[]> rendered = new java.util.HashMap<>();
            storing.onSale(skus).forEach((sku, p) -> {
                try {
                    rendered.put(sku, mapper.writeValueAsBytes(p));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            });
            return rendered;
        };
        byte[] w1 = mapper.writeValueAsBytes(catalog.bySku("W-1").orElseThrow());
        org.junit.Assert.assertArrayEquals(w1, storing.items(List.of("W-1", "W-2")).get("W-1"));
        assertEquals(2, storing.items(List.of("W-1", "W-2")).size());

        catalog.setSellable("W-1", false, "discontinued"); // committed here; the index hears of it with the event
        assertTrue("the index still holds it", storing.items(List.of("W-1")).containsKey("W-1"));
        assertEquals("the write here is shown at once: rendered from the database, which leaves it out",
                List.of("W-2"), List.copyOf(new java.util.TreeMap<>(pages.items(List.of("W-1", "W-2"), storing::items, fromDatabase)).keySet()));
        storing.handleEvent(event("SELLABLE_CHANGED", "W-1"));
        storing.applyNoted();
        assertTrue(storing.items(List.of("W-1")).isEmpty());

        catalog.setSellable("W-1", true, "back");
        storing.handleEvent(event("SELLABLE_CHANGED", "W-1"));
        storing.applyNoted();
        byte[] back = mapper.writeValueAsBytes(catalog.bySku("W-1").orElseThrow());
        org.junit.Assert.assertArrayEquals("the index took the change: its JSON is shown again, the new version",
                back, pages.items(List.of("W-1"), storing::items, skus -> { throw new AssertionError("rendered " + skus); }).get("W-1"));

        AtomicInteger rendered = new AtomicInteger();
        catalog.defineType(Wines.type()); // redefined here: a product's attributes show in the type's typed form
        pages.items(List.of("W-2"), storing::items, skus -> {
            rendered.addAndGet(skus.size());
            return fromDatabase.apply(skus);
        });
        assertEquals("what the index took before the type changed is rendered from the database", 1, rendered.get());
    }
}
