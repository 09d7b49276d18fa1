package dev.emporium.catalog.internal.pages;

import dev.emporium.platform.api.EventSubscriptions;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storefront's product pages as rendered JSON bytes, by SKU, so that a read is a lookup and a write of ready
 * bytes. Nothing here is the truth (rule 4): a page is built from the database on its first read and dropped by the
 * catalog's own events, which every node receives ({@code emporium/catalog/*}, payload {@code sku}), and at once by
 * this node's own writes. A page shows other products too (related ones, in brief), so a change of any product drops
 * the pages that show it.
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

    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    /** A SKU to the pages that show it (its own, and those relating to it). */
    private final Map<String, Set<String>> shownOn = new ConcurrentHashMap<>();
    private final int maxPages;
    /** Counts drops: a page built while one happened may be stale and is served but not kept. */
    private long drops;

    public ProductPages() {
        this(MAX_PAGES);
    }

    ProductPages(int maxPages) {
        this.maxPages = maxPages;
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
                if (pages.size() >= maxPages) {
                    Iterator<String> any = pages.keySet().iterator();
                    if (any.hasNext()) {
                        pages.remove(any.next());
                    }
                }
                pages.put(sku, page);
                for (String shown : page.shows()) {
                    shownOn.computeIfAbsent(shown, k -> ConcurrentHashMap.newKeySet()).add(sku);
                }
            }
        }
        return page;
    }

    /** Drops the pages that show this product (its own among them). */
    public synchronized void changed(String sku) {
        drops++;
        pages.remove(sku);
        Set<String> showing = shownOn.remove(sku);
        if (showing != null) {
            showing.forEach(pages::remove);
        }
    }

    /** Drops every page (a product type or the category tree changed). */
    public synchronized void changedAll() {
        drops++;
        pages.clear();
        shownOn.clear();
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty("sku") instanceof String sku) {
            changed(sku);
        } else {
            changedAll();
        }
    }

    int size() {
        return pages.size();
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
