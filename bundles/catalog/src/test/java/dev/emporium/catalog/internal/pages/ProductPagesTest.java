package dev.emporium.catalog.internal.pages;

import org.junit.Test;
import org.osgi.service.event.Event;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

public class ProductPagesTest {

    private final ProductPages pages = new ProductPages();
    private final AtomicInteger builds = new AtomicInteger();

    private ProductPages.Builder builder(String json, String... shows) {
        return sku -> {
            builds.incrementAndGet();
            return new ProductPages.Built(json.getBytes(StandardCharsets.UTF_8), Set.of(shows));
        };
    }

    @Test
    public void aPageIsBuiltOnceThenServedFromMemory() {
        ProductPages.Page first = pages.page("A", builder("{\"sku\":\"A\"}", "A"));
        ProductPages.Page second = pages.page("A", builder("{\"sku\":\"other\"}", "A"));
        assertSame(first, second);
        assertEquals(1, builds.get());
    }

    @Test
    public void aChangeOfTheProductOrOfAProductItShowsDropsThePage() {
        pages.page("A", builder("{\"sku\":\"A\",\"related\":[\"B\"]}", "A", "B"));
        pages.changed("B");
        pages.page("A", builder("{\"sku\":\"A\",\"related\":[]}", "A"));
        assertEquals("the related product changed: built again", 2, builds.get());
        pages.changed("A");
        pages.page("A", builder("{\"sku\":\"A\"}", "A"));
        assertEquals(3, builds.get());
    }

    @Test
    public void catalogEventsDropPagesOnEveryNode() {
        pages.page("A", builder("{}", "A"));
        pages.handleEvent(new Event("emporium/catalog/PRODUCT_UPDATED", Map.of("sku", "A")));
        assertEquals(0, pages.size());
        pages.page("A", builder("{}", "A"));
        pages.handleEvent(new Event("emporium/catalog/SOMETHING", Map.of()));
        assertEquals("an event without a SKU drops everything", 0, pages.size());
    }

    @Test
    public void aPageBuiltWhileAChangeHappenedIsServedButNotKept() {
        ProductPages.Page page = pages.page("A", sku -> {
            pages.changed("A"); // the write lands while the page is being read from the database
            return new ProductPages.Built("{}".getBytes(StandardCharsets.UTF_8), Set.of("A"));
        });
        assertEquals("{}", new String(page.json(), StandardCharsets.UTF_8));
        assertEquals(0, pages.size());
    }

    @Test
    public void theNumberOfKeptPagesIsBounded() {
        ProductPages small = new ProductPages(3);
        for (int i = 0; i < 10; i++) {
            small.page("P" + i, builder("{}", "P" + i));
        }
        assertEquals(3, small.size());
    }

    @Test
    public void entityTagsFollowTheBytesAndIfNoneMatchIsUnderstood() {
        ProductPages.Page a = pages.page("A", builder("{\"price\":\"10.00\"}", "A"));
        ProductPages.Page b = pages.page("B", builder("{\"price\":\"11.00\"}", "B"));
        assertNotEquals(a.etag(), b.etag());
        assertTrue(a.etag().startsWith("\"") && a.etag().endsWith("\""));
        assertTrue(ProductPages.fresh(a.etag(), a));
        assertTrue(ProductPages.fresh("W/" + a.etag() + ", " + b.etag(), b));
        assertTrue(ProductPages.fresh("*", a));
        assertFalse(ProductPages.fresh(b.etag(), a));
        assertFalse(ProductPages.fresh(null, a));
    }

    private static String text(byte[] json) {
        return json == null ? null : new String(json, StandardCharsets.UTF_8);
    }

    private java.util.function.Function<java.util.List<String>, Map<String, byte[]>> render(String version,
                                                                                        java.util.List<String> asked) {
        return skus -> {
            asked.addAll(skus);
            Map<String, byte[]> out = new java.util.HashMap<>();
            skus.stream().filter(s -> !s.startsWith("OFF"))
                    .forEach(s -> out.put(s, ("{\"sku\":\"" + s + "\",\"v\":" + version + "}").getBytes(StandardCharsets.UTF_8)));
            return out;
        };
    }

    @Test
    public void searchHitsAreRenderedOnceInOneCallForTheMissingOnes() {
        java.util.List<String> asked = new java.util.ArrayList<>();
        Map<String, byte[]> first = pages.items(java.util.List.of("A", "B"), render("1", asked));
        assertEquals(java.util.List.of("A", "B"), asked);
        Map<String, byte[]> second = pages.items(java.util.List.of("A", "B", "C"), render("2", asked));
        assertEquals("only C was missing", java.util.List.of("A", "B", "C"), asked);
        assertSame(first.get("A"), second.get("A"));
        assertEquals("{\"sku\":\"C\",\"v\":2}", text(second.get("C")));
    }

    @Test
    public void aWriteOrAnEventDropsTheProductsSearchHit() {
        java.util.List<String> asked = new java.util.ArrayList<>();
        pages.items(java.util.List.of("A", "B"), render("1", asked));
        pages.changed("A"); // this node's own write
        assertEquals("{\"sku\":\"A\",\"v\":2}", text(pages.items(java.util.List.of("A", "B"), render("2", asked)).get("A")));
        pages.handleEvent(new Event("emporium/catalog/PRODUCT_UPDATED", Map.of("sku", "B"))); // another node's
        Map<String, byte[]> now = pages.items(java.util.List.of("A", "B"), render("3", asked));
        assertEquals("{\"sku\":\"A\",\"v\":2}", text(now.get("A")));
        assertEquals("{\"sku\":\"B\",\"v\":3}", text(now.get("B")));
        pages.changedAll();
        assertEquals(0, pages.itemCount());
    }

    @Test
    public void aProductOffSaleIsNotKeptAndAHitRenderedDuringAWriteIsNotKept() {
        java.util.List<String> asked = new java.util.ArrayList<>();
        assertEquals(Set.of("A"), pages.items(java.util.List.of("A", "OFF1"), render("1", asked)).keySet());
        assertEquals(1, pages.itemCount());
        Map<String, byte[]> during = pages.items(java.util.List.of("B"), skus -> {
            pages.changed("B"); // the write lands while the hit is being read from the database
            return Map.of("B", "{}".getBytes(StandardCharsets.UTF_8));
        });
        assertEquals("{}", text(during.get("B")));
        assertEquals(1, pages.itemCount());
    }

    @Test
    public void keptHitsAreBoundedTheOldestGoingFirst() {
        java.util.List<String> asked = new java.util.ArrayList<>();
        ProductPages small = new ProductPages(3);
        for (int i = 0; i < 10; i++) {
            small.items(java.util.List.of("P" + i), render("1", asked));
            small.changed("P" + (i - 1)); // drops leave stale names in the order behind
        }
        small.items(java.util.List.of("Q1", "Q2", "Q3", "Q4"), render("1", asked));
        assertEquals(3, small.itemCount());
        asked.clear();
        small.items(java.util.List.of("Q2", "Q3", "Q4", "Q1"), render("1", asked));
        assertEquals("Q1, the oldest, had gone; kept again, it pushed Q2 out", java.util.List.of("Q1"), asked);
        for (int i = 0; i < 1000; i++) {
            small.items(java.util.List.of("R" + i), render("1", asked));
            small.changed("R" + i);
        }
        assertEquals("the first R pushed Q3 out; the others found room", 2, small.itemCount());
        assertEquals(Set.of("Q1", "Q4"), small.items(java.util.List.of("Q1", "Q3", "Q4"), skus -> Map.of()).keySet());
    }

    /** The JSON the search index stored with its hits, as a map the test changes. */
    private final Map<String, byte[]> inIndex = new java.util.HashMap<>();
    private final AtomicInteger renders = new AtomicInteger();
    /** The stamps of what the index stored (0 when not set). */
    private final Map<String, Long> stamps = new java.util.HashMap<>();

    private Map<String, byte[]> hits(String... skus) {
        return pages.items(java.util.List.of(skus), (missing, since) -> {
            Map<String, byte[]> found = new java.util.HashMap<>();
            missing.forEach(sku -> {
                if (inIndex.containsKey(sku) && stamps.getOrDefault(sku, 0L) >= since) {
                    found.put(sku, inIndex.get(sku));
                }
            });
            return found;
        }, missing -> {
            renders.addAndGet(missing.size());
            Map<String, byte[]> rendered = new java.util.HashMap<>();
            missing.forEach(sku -> rendered.put(sku, ("db:" + sku).getBytes(StandardCharsets.UTF_8)));
            return rendered;
        });
    }

    @Test
    public void hitsComeFromTheIndexWithoutRenderingAndAreKeptLikeRenderedOnes() {
        inIndex.put("A", "index:A".getBytes(StandardCharsets.UTF_8));
        inIndex.put("B", "index:B".getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> shown = hits("A", "B", "C");
        assertEquals("index:A", text(shown.get("A")));
        assertEquals("index:B", text(shown.get("B")));
        assertEquals("not in the index: rendered from the database", "db:C", text(shown.get("C")));
        assertEquals(1, renders.get());
        assertEquals(3, pages.itemCount());
        inIndex.put("A", "index:A@2".getBytes(StandardCharsets.UTF_8));
        assertEquals("kept until dropped", "index:A", text(hits("A").get("A")));
        pages.indexed(java.util.List.of("A"), pages.indexing(java.util.List.of("A")));
        assertEquals("index:A@2", text(hits("A").get("A")));
    }

    @Test
    public void aProductWrittenHereIsRenderedUntilTheIndexTakesTheChange() {
        inIndex.put("A", "index:A@1".getBytes(StandardCharsets.UTF_8));
        assertEquals("index:A@1", text(hits("A").get("A")));
        pages.changed("A"); // committed here; the index hears of it when the event comes
        assertEquals("the index's JSON is older than the write", "db:A", text(hits("A").get("A")));
        assertEquals(1, pages.writtenCount());

        long mark = pages.indexing(java.util.List.of("A")); // the event came: the index reads the product back
        inIndex.put("A", "index:A@2".getBytes(StandardCharsets.UTF_8));
        pages.indexed(java.util.List.of("A"), mark);
        assertEquals(0, pages.writtenCount());
        assertEquals("index:A@2", text(hits("A").get("A")));
    }

    @Test
    public void aWriteWhileTheIndexReadsTheProductBackWaitsForItsOwnEvent() {
        inIndex.put("A", "index:A@1".getBytes(StandardCharsets.UTF_8));
        pages.changed("A");
        long mark = pages.indexing(java.util.List.of("A"));
        pages.changed("A"); // a second write, which the index's read may have missed
        pages.indexed(java.util.List.of("A"), mark);
        assertEquals(1, pages.writtenCount());
        assertEquals("db:A", text(hits("A").get("A")));
        pages.indexed(java.util.List.of("A"), pages.indexing(java.util.List.of("A")));
        assertEquals("index:A@1", text(hits("A").get("A")));
    }

    @Test
    public void eventsAndCategoriesDoNotHoldTheIndexBackButATypeChangeHoldsWhatItTookBefore() {
        inIndex.put("A", "index:A".getBytes(StandardCharsets.UTF_8));
        inIndex.put("B", "index:B".getBytes(StandardCharsets.UTF_8));
        pages.handleEvent(new Event("emporium/catalog/PRODUCT_UPDATED", Map.of("sku", "A")));
        assertEquals("the index takes the same event before its next search", 0, pages.writtenCount());
        assertEquals("index:A", text(hits("A").get("A")));
        pages.handleEvent(new Event("emporium/catalog/SOMETHING", Map.of()));
        pages.changedAll(); // the category tree: a product's JSON names its categories by code only
        assertEquals("index:A", text(hits("A").get("A")));

        pages.typeChanged(); // its attributes render in the type's typed form: what the index took before is older
        assertEquals("db:A", text(hits("A").get("A")));
        long mark = pages.indexing(java.util.List.of("B"));
        stamps.put("B", mark);
        pages.indexed(java.util.List.of("B"), mark);
        assertEquals("taken since", "index:B", text(hits("B").get("B")));
        assertEquals("db:A", text(hits("A").get("A")));

        pages.changed("C");
        long rebuilt = pages.rebuilding();
        // another node redefined a type: its event holds back what the index took before, as a change here does
        pages.handleEvent(new Event(dev.emporium.catalog.api.CatalogEvents.TYPE_DEFINED, Map.of("type", "wine")));
        assertEquals("taken before the other node's type change", "db:B", text(hits("B").get("B")));
        rebuilt = pages.rebuilding();
        stamps.put("A", rebuilt);
        pages.indexedAll(rebuilt);
        assertEquals(0, pages.writtenCount());
        assertEquals("index:A", text(hits("A").get("A")));
    }
}
