package dev.emporium.catalog.internal;

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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Storefront search. The index lives in memory: it is rebuilt from the database on activation and kept current by the
 * catalog's own outbox events, which every node receives, so each node's index follows every node's writes. A change of
 * a product's buyer rating ({@code RATING_CHANGED}) refreshes it like any other catalog event.
 */
@Component(service = {ProductSearch.class, CatalogSearch.class, EventHandler.class}, property = {EventSubscriptions.NAME + "=catalog.search", EventSubscriptions.SCOPE + "=" + EventSubscriptions.NODE,
        EventSubscriptions.TOPICS + "=emporium/catalog/*"})
public class CatalogSearch implements ProductSearch, EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogSearch.class);

    private final CatalogService catalog;
    private final ProductIndex index = new ProductIndex();
    private final Supplier<Map<String, BigDecimal>> ratings;
    private final Function<String, Optional<BigDecimal>> rating;

    /**
     * The products' kept JSON the search route shows its hits with: dropped here too before the index takes a change,
     * so that a hit never shows the product as it was before the change that put it there (ProductPages hears the
     * same events, but in its own time).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProductPages pages;

    @Activate
    public CatalogSearch(@Reference CatalogService catalog, @Reference CatalogEvidence evidence) {
        this(catalog, evidence::averages, evidence::average);
    }

    /** Without buyer ratings: products are indexed unrated. */
    public CatalogSearch(CatalogService catalog) {
        this(catalog, Map::of, sku -> Optional.empty());
    }

    private CatalogSearch(CatalogService catalog, Supplier<Map<String, BigDecimal>> ratings,
                          Function<String, Optional<BigDecimal>> rating) {
        this.catalog = catalog;
        this.ratings = ratings;
        this.rating = rating;
        rebuild();
    }

    @Deactivate
    void deactivate() throws Exception {
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
        if (kept != null) {
            kept.changedAll();
        }
        Map<String, Set<String>> ancestry = ancestry(catalog.categories());
        Map<String, BigDecimal> averages = ratings.get();
        int[] count = {0};
        // streamed from the database into the index: the catalog is never held in memory whole
        index.replaceAll(sink -> catalog.forEachProduct((p, type) -> {
            count[0]++;
            sink.accept(indexed(p, type, ancestry, averages.get(p.sku())));
        }));
        LOG.info("Search index rebuilt: {} products in {} ms", count[0], (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public void handleEvent(Event event) {
        Object sku = event.getProperty("sku");
        if (sku instanceof String s) {
            refresh(s);
        }
    }

    /** Puts the product's current state into the index (or takes it out); safe to repeat. */
    public void refresh(String sku) {
        ProductPages kept = pages;
        if (kept != null) {
            kept.changed(sku);
        }
        Optional<Product> product = catalog.bySku(sku);
        if (product.isEmpty()) {
            index.remove(sku);
            return;
        }
        ProductType type = catalog.type(product.get().type()).orElse(null);
        index.put(indexed(product.get(), type, ancestry(catalog.categories()), rating.apply(sku).orElse(null)));
    }

    @Override
    public SearchResult search(SearchQuery query) {
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
        return index.search(query);
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
