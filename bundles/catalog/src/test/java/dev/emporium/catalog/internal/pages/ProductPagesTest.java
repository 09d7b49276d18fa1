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
}
