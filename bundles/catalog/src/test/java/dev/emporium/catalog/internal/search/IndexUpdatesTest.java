package dev.emporium.catalog.internal.search;

import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.platform.api.ValidationException;
import org.junit.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class IndexUpdatesTest extends SearchIndexFixture {

    @Test
    public void putAddsANewProduct() {
        long before = Search.browse().in(index).total();
        index.put(wine("W-NEW", "Magnum Rouge Festif", ProductStatus.PUBLISHED, true));
        assertEquals(List.of("W-NEW"), Search.words("festif").skus(index));
        assertEquals(before + 1, Search.browse().in(index).total());
    }

    @Test
    public void putReplacesTheProductWithTheSameSku() {
        long before = Search.browse().in(index).total();
        IndexedProduct rose = Wines.onSale().stream().filter(p -> p.product().sku().equals("S-ROSE")).findFirst().orElseThrow();
        index.put(renamed(rose, "Château Soleil Rosé"));
        assertEquals(List.of("S-ROSE"), Search.words("soleil").skus(index));
        assertEquals(0, Search.words("lumière").in(index).total());
        assertEquals(before, Search.browse().in(index).total());
    }

    @Test
    public void removeTakesItOut() {
        index.remove("S-ROSE");
        assertEquals(0, Search.words("aperitif").in(index).total());
        index.remove("NO-SUCH-SKU"); // harmless
        assertEquals(Wines.onSale().size() - 1, Search.browse().in(index).total());
    }

    @Test
    public void aProductThatStopsBeingOnSaleDisappears() {
        index.put(wine("W-X", "Vin Éphémère", ProductStatus.PUBLISHED, true));
        assertEquals(1, Search.words("ephemere").in(index).total());
        index.put(wine("W-X", "Vin Éphémère", ProductStatus.PUBLISHED, false)); // inventory: discontinued
        assertEquals(0, Search.words("ephemere").in(index).total());
        index.put(wine("W-X", "Vin Éphémère", ProductStatus.PUBLISHED, true));
        index.put(wine("W-X", "Vin Éphémère", ProductStatus.ARCHIVED, true));
        assertEquals(0, Search.words("ephemere").in(index).total());
        index.put(wine("W-Y", "Vin Brouillon", ProductStatus.DRAFT, true));
        assertEquals(0, Search.words("brouillon").in(index).total());
    }

    @Test
    public void replaceAllStartsOver() {
        index.replaceAll(List.of(Wines.glass("G-009", "Tasting Glass", "glass", "21", true, "3.00"),
                wine("W-Z", "Hidden Draft", ProductStatus.DRAFT, true)));
        assertEquals(List.of("G-009"), Search.browse().skus(index));
        assertEquals("a type known from a draft still names its facets", 0,
                Search.browse().filter("colour", "red").in(index).total());
        index.replaceAll(List.of(Wines.glass("G-009", "Tasting Glass", "glass", "21", true, "3.00")));
        try {
            Search.browse().filter("colour", "red").in(index);
            fail("no wine type is indexed any more");
        } catch (ValidationException e) {
            assertEquals("filters.colour", e.errors().get(0).field());
        }
    }

    @Test
    public void anEmptyIndexAnswersEmpty() throws Exception {
        try (ProductIndex empty = new ProductIndex()) {
            ProductIndex.Hits hits = Search.words("rosé").filter("brand", "x").range("price", "1", "2").in(empty);
            assertEquals(0, hits.total());
            assertEquals(List.of(), hits.skus());
            assertEquals(Map.of(), hits.facets());
            assertEquals(null, hits.nextCursor());
        }
    }

    @Test
    public void aProductWithoutTypeIsFoundByItsWords() {
        Product p = wine("W-T", "Mystery Bottle", ProductStatus.PUBLISHED, true).product();
        index.put(new IndexedProduct(p, null, Set.of(), null));
        assertEquals(List.of("W-T"), Search.words("mystery provence").skus(index));
    }

    @Test
    public void writesFromSeveralThreadsWhileSearchesRun() throws Exception {
        int writers = 3;
        int each = 150;
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        index.put(wine("C-" + writer + "-" + i, "Concurrent Cuvée " + i, ProductStatus.PUBLISHED, true));
                        if (i % 10 == 0) {
                            index.remove("C-" + writer + "-" + (i / 2)); // comes back below only if put again
                            index.put(wine("C-" + writer + "-" + (i / 2), "Concurrent Cuvée", ProductStatus.PUBLISHED, true));
                        }
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (int r = 0; r < 2; r++) {
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    while (writing.get()) {
                        ProductIndex.Hits hits = Search.words("concurrent").filter("colour", "red").limit(5).in(index);
                        assertTrue(hits.total() >= 0);
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread t : threads.subList(0, writers)) {
            t.join();
        }
        writing.set(false);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(writers * each, Search.words("concurrent").in(index).total());
        assertEquals(writers * each, Search.words("concurrent").limit(100).allPages(index).size());
    }

    @Test
    public void aRepeatedSearchIsAnsweredFromItsKeptAnswerUntilAWriteChangesTheView() {
        Search redMerlot = Search.browse().filter("colour", "red").filter("grape", "Merlot").limit(3);
        ProductIndex.Hits first = redMerlot.in(index);
        long kept = index.answers()[1];
        ProductIndex.Hits again = redMerlot.in(index);
        assertEquals("the same search over the same view is kept", kept + 1, index.answers()[1]);
        assertEquals(first, again);
        Search.browse().filter("colour", "red").filter("grape", "Merlot").limit(4).in(index);
        Search.browse().filter("colour", "red").filter("grape", "Merlot").limit(3).cursor(first.nextCursor()).in(index);
        assertEquals("another page size or page is another answer", kept + 1, index.answers()[1]);

        index.put(wine("W-NEW", "Magnum Rouge Festif", ProductStatus.PUBLISHED, true)); // red, Merlot, Maison Dupré
        ProductIndex.Hits after = redMerlot.in(index);
        assertEquals("a write makes a new view: nothing kept from the previous one", kept + 1, index.answers()[1]);
        assertEquals(first.total() + 1, after.total());
        assertEquals(counts(first, "brand").getOrDefault("Maison Dupré", 0L) + 1,
                (long) counts(after, "brand").get("Maison Dupré"));
        assertEquals("sideways counts too", counts(first, "grape").get("Merlot") + 1, (long) counts(after, "grape").get("Merlot"));
        index.remove("W-NEW");
        assertEquals(first, redMerlot.in(index));
        assertEquals(kept + 1, index.answers()[1]);
    }

    private static IndexedProduct wine(String sku, String name, ProductStatus status, boolean sellable) {
        return Wines.wine(sku, name, "Maison Dupré", "red", List.of("Merlot"), 2020, "Provence", "15.00", null,
                "Short.", "Long.", List.of(), List.of(), Map.of(), status, sellable, 5);
    }

    private static IndexedProduct renamed(IndexedProduct p, String name) {
        Product o = p.product();
        Product renamed = new Product(o.sku(), o.slug(), name, o.shortDescription(), o.longDescription(), o.brand(),
                o.type(), o.attributes(), o.categories(), o.price(), o.packPrices(), o.shipping(), o.media(), o.seo(),
                o.status(), o.sellable(), o.version() + 1, o.updatedAt());
        return new IndexedProduct(renamed, p.type(), p.categories(), p.rating());
    }
}
