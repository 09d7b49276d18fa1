package dev.emporium.catalog.internal;

import dev.emporium.catalog.api.CatalogEvents;
import dev.emporium.catalog.api.Category;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductSearch;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.api.SearchQuery;
import dev.emporium.catalog.api.SearchResult;
import dev.emporium.catalog.internal.evidence.CatalogEvidence;
import dev.emporium.catalog.internal.pages.ProductPages;
import dev.emporium.catalog.internal.search.IndexedProduct;
import dev.emporium.catalog.internal.search.ProductIndex;
import dev.emporium.platform.api.EventSubscriptions;
import dev.emporium.platform.api.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Storefront search. The index lives in memory: it is rebuilt from the database on activation and kept current by the
 * catalog's own outbox events, which every node receives, so each node's index follows every node's writes. A change of
 * a product's buyer rating ({@code RATING_CHANGED}) refreshes it like any other catalog event.
 * <p>
 * An event only notes its SKU; the noted SKUs are read back together, {@value #REFRESH_BATCH} at a time with one
 * {@code IN} query each for the products, their ratings, the types and the category tree (a supplier import's 100,000
 * events cost 200 such reads, not 400,000 transactions), and only the products on sale are read whole. The relay's thread applies them as soon as a batch is full,
 * and every search applies what is still noted before it runs, so a search never misses an event delivered before it.
 * Nothing is lost by noting: the index lives in this JVM only and is rebuilt from the database when it starts again.
 * <p>
 * On activation the index is built on a thread of its own ({@code emporium-catalog-index}): 100,000 products take
 * some 15 s, which held the framework's start-level thread, and with it the registration of the DataSource to the
 * gateway and the start of every later department, for as long. A search that comes before the first build waits for
 * it (at most {@value #BUILD_WAIT_SECONDS} s, then a 503 Problem with Retry-After), so no search ever sees a half-built
 * index; the events delivered meanwhile are noted and applied once it is built.
 */
@Component(service = {ProductSearch.class, CatalogSearch.class, EventHandler.class}, property = {EventSubscriptions.NAME + "=catalog.search", EventSubscriptions.SCOPE + "=" + EventSubscriptions.NODE,
        EventSubscriptions.TOPICS + "=emporium/catalog/*"})
public class CatalogSearch implements ProductSearch, EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogSearch.class);

    private final CatalogService catalog;
    private final ProductIndex index;
    private final Supplier<Map<String, BigDecimal>> ratings;
    private final Function<Collection<String>, Map<String, BigDecimal>> rating;
    /** SKUs whose events came and whose refresh is still due, in arrival order; guarded by itself. */
    private final Set<String> noted = new LinkedHashSet<>();
    /** Held while a refresh reads and applies, so that an older read never lands after a newer one. */
    private final Object applying = new Object();
    /** Open once the first build is in: searches wait for it, and noted events are applied only after it. */
    private final CountDownLatch built = new CountDownLatch(1);
    private final Thread builder;
    private volatile boolean closed;
    /** How long a search waits for the first build before a 503. */
    static final int BUILD_WAIT_SECONDS = 30;

    /**
     * The products' kept JSON the search route shows its hits with: dropped here too before the index takes a change,
     * so that a hit never shows the product as it was before the change that put it there (ProductPages hears the
     * same events, but in its own time).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProductPages pages;

    @Activate
    public CatalogSearch(@Reference CatalogService catalog, @Reference CatalogEvidence evidence, @Reference ObjectMapper mapper) {
        this(catalog, evidence::averages, evidence::averages, true, itemJson(mapper));
    }

    /** With buyer ratings, storing no JSON with the hits (the search route then renders them from the database). */
    public CatalogSearch(CatalogService catalog, CatalogEvidence evidence) {
        this(catalog, evidence::averages, evidence::averages, true, null);
    }

    /** A product as a search hit shows it: the storefront's JSON of it, rendered by the shared mapper. */
    static Function<Product, byte[]> itemJson(ObjectMapper mapper) {
        return p -> {
            try {
                return mapper.writeValueAsBytes(p);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render product " + p.sku(), e);
            }
        };
    }

    /** Without buyer ratings: products are indexed unrated; built before the constructor returns. */
    public CatalogSearch(CatalogService catalog) {
        this(catalog, false);
    }

    /** Without buyer ratings; built on a thread of its own if {@code inBackground}, as on activation. */
    CatalogSearch(CatalogService catalog, boolean inBackground) {
        this(catalog, Map::of, skus -> Map.of(), inBackground, null);
    }

    /** Without buyer ratings, storing each product's JSON (rendered by {@code mapper}) with its hit. */
    CatalogSearch(CatalogService catalog, ObjectMapper mapper) {
        this(catalog, Map::of, skus -> Map.of(), false, itemJson(mapper));
    }

    private CatalogSearch(CatalogService catalog, Supplier<Map<String, BigDecimal>> ratings,
                          Function<Collection<String>, Map<String, BigDecimal>> rating, boolean inBackground,
                          Function<Product, byte[]> itemJson) {
        this.index = new ProductIndex(itemJson);
        this.catalog = catalog;
        this.ratings = ratings;
        this.rating = rating;
        if (inBackground) {
            builder = new Thread(this::firstBuild, "emporium-catalog-index");
            builder.setDaemon(true);
            builder.start();
        } else {
            builder = null;
            rebuild();
            built.countDown();
        }
    }

    /** Builds the index until it is built (a database that is not there yet is tried again), then applies what was noted. */
    private void firstBuild() {
        while (!closed) {
            try {
                rebuild();
                built.countDown();
                applyNoted();
                return;
            } catch (RuntimeException e) {
                if (built.getCount() == 0) {
                    LOG.warn("Search index built, but applying the events noted meanwhile failed (they stay noted): {}", e.toString());
                    return;
                }
                LOG.error("Search index not built, trying again in 5 s: {}", e.toString(), e);
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Waits for the first build; a 503 if it takes too long. */
    private void awaitBuilt() {
        try {
            if (built.await(BUILD_WAIT_SECONDS, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new ProblemException(503, "Service unavailable", "the search index is being built; try again in a few seconds",
                List.of(), Map.of("Retry-After", "5"));
    }

    @Deactivate
    void deactivate() throws Exception {
        closed = true;
        if (builder != null) {
            builder.interrupt();
            builder.join(TimeUnit.SECONDS.toMillis(30));
        }
        Thread r = rebuilder;
        if (r != null) {
            r.interrupt();
            r.join(TimeUnit.SECONDS.toMillis(30));
        }
        index.close();
    }

    /** Outside OSGi: the kept JSON to drop when the index takes a change. */
    public void keepPagesCurrent(ProductPages pages) {
        this.pages = pages;
    }

    /** Reads every product back into the index. */
    public void rebuild() {
        long t0 = System.nanoTime();
        ProductPages kept = pages;
        long mark = kept == null ? 0 : kept.rebuilding();
        Map<String, Set<String>> ancestry = ancestry(catalog.categories());
        Map<String, BigDecimal> averages = ratings.get();
        int[] count = {0};
        // streamed from the database into the index: the catalog is never held in memory whole
        index.replaceAll(sink -> catalog.forEachProduct((p, type) -> {
            count[0]++;
            sink.accept(indexed(p, type, ancestry, averages.get(p.sku())));
        }), mark);
        if (kept != null) {
            kept.indexedAll(mark);
        }
        LOG.info("Search index rebuilt: {} products in {} ms", count[0], (System.nanoTime() - t0) / 1_000_000);
    }

    /** SKUs read back per refresh: one query each for products, ratings, types and categories. */
    static final int REFRESH_BATCH = 500;

    @Override
    public void handleEvent(Event event) {
        if (CatalogEvents.TYPE_DEFINED.equals(event.getTopic())) {
            typeRedefined();
            return;
        }
        if (CatalogEvents.PRODUCT_CREATED.equals(event.getTopic())) {
            // a product is created as a draft (CatalogService.create, a supplier import), which the index leaves out;
            // whatever puts it on sale later (PRODUCT_PUBLISHED, SELLABLE_CHANGED) has an event of its own
            return;
        }
        Object sku = event.getProperty("sku");
        if (sku instanceof String s) {
            boolean full;
            synchronized (noted) {
                noted.add(s);
                full = noted.size() >= REFRESH_BATCH;
            }
            if (full && built.getCount() == 0) {
                // on the relay's thread: a failure here hands the event again, and the noted SKUs stay noted
                applyNoted();
            }
        }
    }

    /** Set when a product type was redefined and the index is to be read again; one rebuild serves several. */
    private final java.util.concurrent.atomic.AtomicBoolean rebuildWanted = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Thread rebuilder;

    /**
     * A product type was defined or redefined, here or on another node: the facets the index counts and the JSON it
     * keeps follow the type's attributes, so every product is read again. On a thread of its own, so that the relay's
     * thread is not held for the length of a rebuild; redefinitions that come while one waits to start share it.
     */
    private void typeRedefined() {
        if (builder == null) { // built at construction (outside OSGi): at once
            synchronized (applying) {
                rebuild();
            }
            return;
        }
        if (!rebuildWanted.compareAndSet(false, true)) {
            return; // the rebuild that is about to start reads the types as they are now
        }
        Thread t = new Thread(() -> {
            try {
                built.await();
                while (!closed && rebuildWanted.getAndSet(false)) {
                    try {
                        synchronized (applying) {
                            rebuild();
                        }
                    } catch (RuntimeException e) {
                        LOG.error("Search index not rebuilt after a product type change, trying again in 5 s: {}", e.toString(), e);
                        rebuildWanted.set(true);
                        Thread.sleep(5000);
                    }
                }
                applyNoted();
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("Search index rebuilt after a type change, but applying the noted events failed (they stay noted): {}", e.toString());
            }
        }, "emporium-catalog-index-rebuild");
        t.setDaemon(true);
        rebuilder = t;
        t.start();
    }

    /** Puts the product's current state into the index (or takes it out); safe to repeat. */
    public void refresh(String sku) {
        synchronized (applying) {
            refresh(List.of(sku));
        }
    }

    /** Refreshes every noted SKU, a batch at a time; a failed batch stays noted for the next try. */
    void applyNoted() {
        synchronized (applying) {
            while (true) {
                List<String> batch = new ArrayList<>(REFRESH_BATCH);
                synchronized (noted) {
                    Iterator<String> it = noted.iterator();
                    while (it.hasNext() && batch.size() < REFRESH_BATCH) {
                        batch.add(it.next());
                        it.remove();
                    }
                }
                if (batch.isEmpty()) {
                    return;
                }
                try {
                    refresh(batch);
                } catch (RuntimeException | Error e) {
                    synchronized (noted) {
                        noted.addAll(batch);
                    }
                    throw e;
                }
            }
        }
    }

    /** How many SKUs wait for their refresh. */
    int noted() {
        synchronized (noted) {
            return noted.size();
        }
    }

    /**
     * Reads the products back together and puts each into the index, or takes out those that are gone or not on sale;
     * only the products on sale are read whole (an imported product is a draft: the index needs none of its data).
     */
    private void refresh(List<String> skus) {
        ProductPages kept = pages;
        long mark = kept == null ? 0 : kept.indexing(skus);
        Set<String> onSale = catalog.onSale(skus);
        Map<String, Product> products = onSale.isEmpty() ? Map.of() : catalog.bySkus(onSale);
        Map<String, ProductType> types = products.isEmpty() ? Map.of() : catalog.types().stream()
                .collect(java.util.stream.Collectors.toMap(ProductType::code, t -> t));
        Map<String, Set<String>> ancestry = products.isEmpty() ? Map.of() : ancestry(catalog.categories());
        Map<String, BigDecimal> ratings = products.isEmpty() ? Map.of() : rating.apply(products.keySet());
        for (String sku : skus) {
            Product p = products.get(sku);
            if (p == null || !p.onSale()) {
                index.remove(sku);
            } else {
                index.put(indexed(p, types.get(p.type()), ancestry, ratings.get(sku)), mark);
            }
        }
        if (kept != null) {
            kept.indexed(skus, mark);
        }
    }

    @Override
    public SearchResult search(SearchQuery query) {
        awaitBuilt();
        if (noted() > 0) {
            applyNoted(); // the events delivered so far are in the index before it is searched
        }
        ProductIndex.Hits hits = index.search(query);
        List<Product> items = new ArrayList<>(hits.skus().size());
        Map<String, Product> page = onSale(hits.skus());
        for (String sku : hits.skus()) {
            Product p = page.get(sku);
            if (p != null) {
                items.add(p);
            }
        }
        return new SearchResult(items, hits.total(), hits.facets(), hits.nextCursor());
    }

    /** The search's hits as SKUs (the storefront route renders the products from its kept JSON). */
    public ProductIndex.Hits hits(SearchQuery query) {
        awaitBuilt();
        if (noted() > 0) {
            applyNoted(); // as search does: the events delivered so far are in the index first
        }
        return index.search(query);
    }

    /**
     * The JSON the index stored with these products (as they were when it last took them), by SKU; those not in the
     * index are left out, every one when it stores none (outside OSGi without a mapper).
     */
    public Map<String, byte[]> items(List<String> skus) {
        return index.items(skus);
    }

    /** As {@link #items(List)}, only the JSON of products the index took after the mark {@code since} of ProductPages. */
    public Map<String, byte[]> items(List<String> skus, long since) {
        return index.items(skus, since);
    }

    /** The products among these SKUs that are on sale now, read in one query: a product changed since it was indexed is shown only if it still is. */
    public Map<String, Product> onSale(List<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        Map<String, Product> found = new HashMap<>(catalog.bySkus(skus));
        found.values().removeIf(p -> !p.onSale());
        return found;
    }

    private static IndexedProduct indexed(Product p, ProductType type, Map<String, Set<String>> ancestry, BigDecimal rating) {
        Set<String> categories = new LinkedHashSet<>();
        for (String c : p.categories()) {
            categories.addAll(ancestry.getOrDefault(c, Set.of(c)));
        }
        return new IndexedProduct(p, type, categories, rating);
    }

    /** Each category with itself and all its ancestors, so that browsing a category finds what lies below it. */
    static Map<String, Set<String>> ancestry(List<Category> categories) {
        Map<String, String> parent = new HashMap<>();
        categories.forEach(c -> parent.put(c.code(), c.parent()));
        Map<String, Set<String>> result = new HashMap<>();
        for (Category c : categories) {
            Set<String> chain = new LinkedHashSet<>();
            for (String at = c.code(); at != null && chain.add(at); at = parent.get(at)) {
                // the set stops a cycle, which defineCategory refuses anyway
            }
            result.put(c.code(), chain);
        }
        return result;
    }
}
