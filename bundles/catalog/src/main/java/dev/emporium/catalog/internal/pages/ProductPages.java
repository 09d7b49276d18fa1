package dev.emporium.catalog.internal.pages;

import dev.emporium.platform.api.EventSubscriptions;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storefront's product pages as rendered JSON bytes, by SKU, so that a read is a lookup and a write of ready
 * bytes. Nothing here is the truth (rule 4): a page is built from the database on its first read and dropped by the
 * catalog's own events, which every node receives ({@code emporium/catalog/*}, payload {@code sku}), and at once by
 * this node's own writes. A page shows other products too (related ones, in brief), so a change of any product drops
 * the pages that show it.
 * <p>
 * The same way it keeps the product alone as a search hit shows it ({@code items} of a search answer), rendered as JSON
 * text, so that a page of 24 hits is 24 lookups rather than a database read, 24 parses and 24 renderings.
 */
@Component(service = {ProductPages.class, EventHandler.class}, property = {EventSubscriptions.NAME + "=catalog.product-pages",
        EventSubscriptions.SCOPE + "=" + EventSubscriptions.NODE, EventSubscriptions.TOPICS + "=emporium/catalog/*"})
public class ProductPages implements EventHandler {

    /** About 2.5 KB a wine page: some 50 MB at most, while a catalog's hot pages are far fewer. */
    static final int MAX_PAGES = 20_000;

    /** A page ready to send: the bytes, their entity tag, and the SKUs of every product it shows. */
    public record Page(byte[] json, String etag, Set<String> shows) {
    }

    /** Builds a page from the database; throws the route's problem (not found, gone) for a product not on sale. */
    @FunctionalInterface
    public interface Builder {
        Built build(String sku);
    }

    /** What a builder produced: the JSON and the SKUs of the products it shows, the page's own included. */
    public record Built(byte[] json, Set<String> shows) {
    }

    private final Kept<Page> pages;
    /** A product as a search hit shows it: the product's own JSON (UTF-8), by SKU; only products on sale. */
    private final Kept<byte[]> items;
    /** A SKU to the pages that show it (its own, and those relating to it). */
    private final Map<String, Set<String>> shownOn = new ConcurrentHashMap<>();
    /**
     * The products this node wrote whose change the search index has not taken yet, with the drop count of the write:
     * the JSON the index stored with them is older, so their hits are rendered from the database meanwhile.
     */
    private final Map<String, Long> written = new ConcurrentHashMap<>();
    /** The drop count of this node's last {@link #typeChanged}: JSON the index stamped earlier is not used. */
    private volatile long typesChangedAt;
    /** Counts drops: a page built while one happened may be stale and is served but not kept. */
    private long drops;

    public ProductPages() {
        this(MAX_PAGES);
    }

    ProductPages(int maxPages) {
        this.pages = new Kept<>(maxPages);
        this.items = new Kept<>(maxPages);
    }

    /**
     * At most {@code max} values by SKU, read without a lock; the oldest kept goes first when full. Changes are made
     * holding the {@code ProductPages} lock. (Evicting "any" key of a large {@code ConcurrentHashMap} by iterating it
     * costs a walk over the bins emptied by the previous evictions: most of a search's time once the map was full.)
     */
    private static final class Kept<V> {
        private final Map<String, V> values = new ConcurrentHashMap<>();
        /** The SKUs in the order they were kept; may name SKUs dropped since (skipped when their turn comes). */
        private final java.util.ArrayDeque<String> order = new java.util.ArrayDeque<>();
        private final int max;

        Kept(int max) {
            this.max = max;
        }

        V get(String sku) {
            return values.get(sku);
        }

        void put(String sku, V value) {
            while (values.size() >= max && !order.isEmpty()) {
                values.remove(order.pollFirst());
            }
            if (values.put(sku, value) == null) {
                order.addLast(sku);
            }
            if (order.size() > 2 * max) {
                order.removeIf(k -> !values.containsKey(k)); // drops left many names behind: rare, and linear
            }
        }

        void remove(String sku) {
            values.remove(sku);
        }

        void clear() {
            values.clear();
            order.clear();
        }

        int size() {
            return values.size();
        }
    }

    /** The product's page, built by {@code builder} when it is not kept. */
    public Page page(String sku, Builder builder) {
        Page kept = pages.get(sku);
        if (kept != null) {
            return kept;
        }
        long before;
        synchronized (this) {
            before = drops;
        }
        Built built = builder.build(sku);
        Page page = new Page(built.json(), etag(built.json()), Set.copyOf(built.shows()));
        synchronized (this) {
            if (drops == before) {
                pages.put(sku, page);
                for (String shown : page.shows()) {
                    shownOn.computeIfAbsent(shown, k -> ConcurrentHashMap.newKeySet()).add(sku);
                }
            }
        }
        return page;
    }

    /**
     * The search-hit JSON (UTF-8) of these products, by SKU: the kept ones, and the others rendered by {@code render} in one
     * call (which leaves out a product no longer on sale). What was rendered is kept unless a drop happened meanwhile.
     */
    public Map<String, byte[]> items(Collection<String> skus, Function<List<String>, Map<String, byte[]>> render) {
        return items(skus, (missing, since) -> Map.of(), render);
    }

    /**
     * As {@link #items(Collection, Function)}, but a product not kept is first looked up in {@code indexed} (the JSON
     * the search index stored with the hit, as the product was when the index took its last change: the function is
     * handed the SKUs and the oldest stamp still current, see {@link #indexing}), unless this node wrote the product
     * since the index took it; what neither has is rendered by {@code render}. Both are kept as rendered ones are
     * (a stored field costs a block's decompression, a kept hit a lookup).
     */
    public Map<String, byte[]> items(Collection<String> skus, java.util.function.BiFunction<List<String>, Long, Map<String, byte[]>> indexed,
                                     Function<List<String>, Map<String, byte[]>> render) {
        Map<String, byte[]> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String sku : skus) {
            byte[] kept = items.get(sku);
            if (kept != null) {
                found.put(sku, kept);
            } else {
                missing.add(sku);
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        long before;
        synchronized (this) {
            before = drops;
        }
        List<String> current = new ArrayList<>(missing.size());
        for (String sku : missing) {
            if (!written.containsKey(sku)) {
                current.add(sku);
            }
        }
        if (!current.isEmpty()) {
            Map<String, byte[]> fromIndex = indexed.apply(current, typesChangedAt);
            if (!fromIndex.isEmpty()) {
                found.putAll(fromIndex);
                missing.removeIf(fromIndex::containsKey);
                keep(fromIndex, before);
                if (missing.isEmpty()) {
                    return found;
                }
            }
        }
        Map<String, byte[]> rendered = render.apply(missing);
        found.putAll(rendered);
        keep(rendered, before);
        return found;
    }

    /** Keeps these hits unless a drop happened since {@code before}: one of them may be older than it. */
    private synchronized void keep(Map<String, byte[]> hits, long before) {
        if (drops == before) {
            hits.forEach(items::put);
        }
    }

    /**
     * After this node wrote the product: drops the pages that show it (its own among them) and its search hit, and
     * notes that the JSON the search index stored with it is older until the index takes the change ({@link #indexed}).
     */
    public synchronized void changed(String sku) {
        drop(sku);
        written.put(sku, drops);
    }

    /**
     * Before the search index reads these products back to take their changes: drops what shows them, and returns the
     * mark to hand to {@link #indexed} once the index has them, which the index also stamps their documents with.
     */
    public synchronized long indexing(Collection<String> skus) {
        skus.forEach(this::drop);
        return drops;
    }

    /**
     * The search index took these products as they were read after {@link #indexing} returned {@code mark}: the JSON
     * stored with them is current again, unless this node wrote one of them since.
     */
    public void indexed(Collection<String> skus, long mark) {
        for (String sku : skus) {
            written.computeIfPresent(sku, (k, at) -> at <= mark ? null : at);
        }
    }

    /** Before the search index is rebuilt from the database: drops every page; the mark is for {@link #indexedAll}. */
    public synchronized long rebuilding() {
        dropAll();
        return drops;
    }

    /**
     * The search index was rebuilt from what it read after {@link #rebuilding} returned {@code mark}: the JSON it
     * stored is current for every product this node wrote before.
     */
    public void indexedAll(long mark) {
        written.values().removeIf(at -> at <= mark);
    }

    private void drop(String sku) {
        drops++;
        items.remove(sku);
        pages.remove(sku);
        Set<String> showing = shownOn.remove(sku);
        if (showing != null) {
            showing.forEach(pages::remove);
        }
    }

    /** After this node changed what every page may show (the category tree, a product type): drops every page. */
    public synchronized void changedAll() {
        dropAll();
    }

    /**
     * After this node redefined a product type, whose attributes a product's JSON shows in their typed form: drops
     * every page, and the JSON the search index stored before (stamped earlier) is not used again; the index's
     * documents taken since are.
     */
    public synchronized void typeChanged() {
        dropAll();
        typesChangedAt = drops;
    }

    private synchronized void dropAll() {
        drops++;
        items.clear();
        pages.clear();
        shownOn.clear();
    }

    @Override
    public void handleEvent(Event event) {
        if (dev.emporium.catalog.api.CatalogEvents.TYPE_DEFINED.equals(event.getTopic())) {
            typeChanged(); // a type redefined on any node: its products' JSON shows their attributes anew
        } else if (event.getProperty("sku") instanceof String sku) {
            synchronized (this) {
                drop(sku); // the search index hears the same event and takes it before its next search
            }
        } else {
            dropAll();
        }
    }

    int size() {
        return pages.size();
    }

    int writtenCount() {
        return written.size();
    }

    int itemCount() {
        return items.size();
    }

    /** A strong entity tag: the first 64 bits of the bytes' SHA-256. */
    static String etag(byte[] json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return '"' + HexFormat.of().formatHex(digest, 0, 8) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether an {@code If-None-Match} header names this tag (a list, weak tags, or {@code *}). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String t = candidate.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** Used by the route: whether the client's copy is this page. */
    public static boolean fresh(String ifNoneMatch, Page page) {
        return matches(ifNoneMatch, page.etag());
    }

}
