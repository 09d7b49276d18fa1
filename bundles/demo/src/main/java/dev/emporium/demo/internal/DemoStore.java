package dev.emporium.demo.internal;

import dev.emporium.catalog.api.Catalog;
import dev.emporium.catalog.api.Category;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductEvidence;
import dev.emporium.catalog.api.ProductInput;
import dev.emporium.catalog.api.ProductRelations;
import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.api.Relation;
import dev.emporium.catalog.api.RelationInput;
import dev.emporium.customers.api.CompanyAccount;
import dev.emporium.customers.api.CompanyAccounts;
import dev.emporium.inventory.api.StockAdjustment;
import dev.emporium.inventory.api.StockAdjustments;
import dev.emporium.inventory.api.StockLevels;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;
import dev.emporium.platform.api.SchemaMigrations;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads the demo wine store through the departments' own services, so every rule and event of a real store applies.
 * It loads only into an empty store, or one that holds nothing but its own products (a load that was interrupted):
 * each step writes only what is missing, so loading again changes nothing. Once removed ({@link #remove()}), it is never
 * loaded again into this store: its database remembers the removal.
 */
@Component(service = DemoStore.class, configurationPid = "dev.emporium.demo")
@Designate(ocd = DemoStore.Settings.class)
public class DemoStore {

    @ObjectClassDefinition(name = "Emporium demo store", description = "The demo wine store loaded into an empty store")
    public @interface Settings {
        @AttributeDefinition(description = "Load the demo when the store starts empty")
        boolean autoLoad() default true;

        @AttributeDefinition(description = "How many wines (1 to 9999)")
        int wines() default 500;
    }

    /** Where the loader stands, for {@code demo:status}. */
    public record Progress(String state, int done, int total, String detail) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(DemoStore.class);
    static final String ACTOR = "demo";

    private final Catalog catalog;
    private final ProductEvidence evidence;
    private final ProductRelations relations;
    private final StockAdjustments stock;
    private final StockLevels levels;
    private final ObjectMapper json;
    private final java.net.URI endpoint;
    private final ConfigurationAdmin configurations;
    private final CompanyAccounts companies;
    private final RemovalRecord removals;
    private final int wines;
    private final AtomicReference<Progress> progress = new AtomicReference<>(new Progress("idle", 0, 0, "not loaded by this start"));
    private volatile boolean stopping;
    /** Set while a removal waits for a load to give way. */
    private volatile boolean removing;
    private final Thread autoLoader;

    @Activate
    public DemoStore(@Reference Catalog catalog, @Reference ProductEvidence evidence, @Reference ProductRelations relations,
                     @Reference StockAdjustments stock, @Reference StockLevels levels, @Reference ObjectMapper json,
                     @Reference(service = HttpServiceRuntime.class) Map<String, Object> http,
                     @Reference ConfigurationAdmin configurations, @Reference CompanyAccounts companies,
                     @Reference SchemaMigrations migrations, @Reference(target = "(dataSourceName=emporium)") DataSource dataSource,
                     BundleContext context, Settings settings) {
        migrations.migrate("demo", context.getBundle());
        this.catalog = catalog;
        this.evidence = evidence;
        this.relations = relations;
        this.stock = stock;
        this.levels = levels;
        this.json = json;
        this.endpoint = endpoint(http.get("osgi.http.endpoint"));
        this.configurations = configurations;
        this.companies = companies;
        this.removals = new RemovalRecord(dataSource, Clock.systemUTC());
        this.wines = settings.wines();
        if (settings.autoLoad()) {
            // activation stays quick: the departments' services are all here, the writing takes a while
            autoLoader = new Thread(this::autoLoad, "emporium-demo-loader");
            autoLoader.setDaemon(true);
            autoLoader.start();
        } else {
            autoLoader = null;
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stopping = true;
        if (autoLoader != null) {
            autoLoader.join(30_000);
        }
    }

    public Progress progress() {
        return progress.get();
    }

    private void autoLoad() {
        try {
            String refusal = refusal();
            if (refusal != null) {
                progress.set(new Progress(removal().isPresent() ? "removed" : "skipped", 0, 0, refusal));
                LOG.info("Demo store not loaded: {}", refusal);
                return;
            }
            if (loaded()) {
                // a restart of a demo store: walking every product, rating and buyer again would only find them there
                progress.set(new Progress("idle", 0, 0, "loaded by an earlier start; `demo:load` checks every part again"));
                return;
            }
            load();
        } catch (RuntimeException e) {
            if (removing) {
                LOG.info("Demo store load stopped: the demo is being removed");
                return;
            }
            progress.set(new Progress("failed", 0, 0, e.getMessage()));
            LOG.error("Demo store load failed; `demo:load` tries again and writes only what is missing", e);
        }
    }

    /**
     * Loads the demo, writing only what is missing.
     *
     * @return how many products the demo holds
     * @throws ConflictException when the store holds data of its own: the demo never mixes with a real store
     */
    public synchronized int load() {
        String refusal = refusal();
        if (refusal != null) {
            throw new ConflictException(refusal);
        }
        WineCellar cellar = new WineCellar(wines);
        List<ProductInput> products = cellar.products();
        LOG.info("Loading the demo wine store: {} products", products.size());
        progress.set(new Progress("loading", 0, products.size(), "types and categories"));
        for (ProductType type : cellar.types()) {
            catalog.defineType(type);
        }
        Set<String> categories = new HashSet<>();
        catalog.categories().forEach(c -> categories.add(c.code()));
        for (Category category : cellar.categories()) {
            if (!categories.contains(category.code())) {
                catalog.defineCategory(category);
            }
        }
        int done = 0;
        for (ProductInput input : products) {
            stopIfAsked();
            Product product = catalog.bySku(input.sku()).orElseGet(() -> catalog.create(input));
            if (product.status() != ProductStatus.PUBLISHED) {
                catalog.publish(product.sku());
            }
            progress.set(new Progress("loading", ++done, products.size(), "products"));
        }
        done = 0;
        for (ProductInput input : products) {
            stopIfAsked();
            describe(cellar, input.sku());
            progress.set(new Progress("loading", ++done, products.size(), "ratings, press, relations"));
        }
        for (WineCellar.DemoStock s : cellar.stock()) {
            stopIfAsked();
            // only stock never counted: what buyers took since the first load stays taken
            if (levels.stock(s.sku()).map(k -> k.locations().isEmpty()).orElse(true)) {
                stock.adjust(new StockAdjustment(s.sku(), s.location(), null, s.units(), s.safetyStock(), "demo store", ACTOR));
            }
        }
        supplierFeed(cellar);
        String buyers = "no HTTP endpoint known: no demo buyers";
        if (endpoint != null) {
            progress.set(new Progress("loading", products.size(), products.size(), "buyers, orders, cases and a chat"));
            try {
                DemoBuyers.Shopped shopped = new DemoBuyers(endpoint, json, () -> stopping || removing).load(cellar);
                buyers = shopped.orders() + " orders of demo buyers, " + company(shopped.customerIds());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the demo buyers could not shop: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the demo buyers shopped", e);
            }
        }
        progress.set(new Progress("loaded", products.size(), products.size(), "the demo wine store is open (" + buyers + ")"));
        LOG.info("Demo wine store loaded: {} products, {}", products.size(), buyers);
        return products.size();
    }

    private String company(Map<String, String> customerIds) {
        Optional<CompanyAccount> company = DemoCompany.open(companies, customerIds);
        if (company.isEmpty()) {
            LOG.warn("The demo's company was not opened: the store has a company of its own with VAT number {}", DemoCompany.TAX_ID);
            return "no demo company (its VAT number is taken)";
        }
        return "company " + company.get().name() + " with " + company.get().members().size() + " members";
    }

    /**
     * Removes what the demo loaded, and only that (see {@link DemoRemoval}), and remembers it so no start or
     * {@code demo:load} brings the demo back. Running it again finishes a removal that stopped half-way.
     *
     * @return what the removal did, or what the finished removal did when it ran before
     */
    public String remove() {
        removing = true;
        try {
            return removeNow();
        } finally {
            removing = false;
        }
    }

    private synchronized String removeNow() {
        Optional<RemovalRecord.Removal> before = removals.find();
        if (before.isPresent() && before.get().finished()) {
            return before.get().summary();
        }
        removals.begin();
        progress.set(new Progress("removing", 0, 0, "the demo is being removed"));
        try {
            DemoBuyers buyers = endpoint == null ? null : new DemoBuyers(endpoint, json, () -> false);
            DemoRemoval.Outcome outcome = new DemoRemoval(catalog, stock, levels, companies, configurations, buyers)
                    .remove(step -> progress.set(new Progress("removing", 0, 0, step)));
            removals.finish(outcome.summary());
            progress.set(new Progress("removed", 0, 0, outcome.summary()));
            LOG.info("Demo wine store removed: {}", outcome.summary());
            return outcome.summary();
        } catch (java.io.IOException e) {
            progress.set(new Progress("failed", 0, 0, e.getMessage()));
            throw new IllegalStateException("the demo buyers could not be erased: " + e.getMessage() + "; demo:remove finishes the removal", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while removing the demo; demo:remove finishes the removal", e);
        }
    }

    /** What {@link #remove()} does, in a sentence. */
    public String removalPlan() {
        return "closes the demo's company (" + DemoCompany.NAME + ", " + DemoCompany.TAX_ID + "), erases its " + DemoBuyers.emails().size()
                + " buyers (*" + DemoBuyers.EMAIL_DOMAIN + ") through the customers department's erasure, archives the demo products ("
                + WineCellar.SKU_PREFIX + "W0001.., " + WineCellar.SKU_PREFIX + "G01.., " + WineCellar.SKU_PREFIX
                + "B01..), empties and discontinues their stock, and removes the supplier " + SUPPLIER
                + " with its feed file. The demo is then never loaded again into this store.";
    }

    /** The demo's removal from this store, finished or stopped half-way; empty when it was never removed. */
    public Optional<RemovalRecord.Removal> removal() {
        return removals.find();
    }

    /** Ratings, press, relations and reviews of one product: only those it does not have yet. */
    private void describe(WineCellar cellar, String sku) {
        var known = evidence.evidence(sku);
        if (known.experts().isEmpty()) {
            cellar.expertRatings(sku).forEach(r -> evidence.addExpertRating(sku, r));
        }
        if (known.press().isEmpty()) {
            cellar.pressMentions(sku).forEach(m -> evidence.addPressMention(sku, m));
        }
        Set<String> related = new HashSet<>();
        for (Relation r : relations.relationsOf(sku)) {
            related.add(r.kind() + "/" + r.relatedSku());
        }
        for (RelationInput r : cellar.relations(sku)) {
            if (related.add(r.kind() + "/" + r.sku())) {
                relations.relate(sku, r);
            }
        }
        for (WineCellar.DemoReview review : cellar.reviews(sku)) {
            evidence.recordPurchase(review.customerId(), List.of(sku));
            // the key makes a repeat answer the review written the first time
            evidence.review(sku, review.customerId(), review.review(), "demo-" + sku + "-" + review.customerId());
        }
    }

    /**
     * Why the demo may not load here, or null when the store is empty or holds only the demo's own products, and the
     * demo was never removed from it.
     */
    public String refusal() {
        Optional<RemovalRecord.Removal> removed = removals.find();
        if (removed.isPresent()) {
            return "the demo was removed from this store (" + removed.get().startedAt() + "); it is not loaded again";
        }
        String cursor = null;
        do {
            Page<Product> page = catalog.list(new PageRequest(cursor, PageRequest.MAX_LIMIT));
            for (Product p : page.items()) {
                if (!p.sku().startsWith(WineCellar.SKU_PREFIX)) {
                    return "the store has products of its own (" + p.sku() + " and maybe more); the demo loads only into an empty store";
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        Set<String> demoTypes = new HashSet<>();
        new WineCellar(1).types().forEach(t -> demoTypes.add(t.code()));
        for (ProductType t : catalog.types()) {
            if (!demoTypes.contains(t.code())) {
                return "the store has product types of its own (" + t.code() + "); the demo loads only into an empty store";
            }
        }
        return null;
    }

    /** True when every demo product is in the catalog. */
    public boolean loaded() {
        return new WineCellar(wines).products().stream().allMatch(p -> catalog.bySku(p.sku()).isPresent());
    }

    /** The supplier's name in inventory's sources and reports. */
    static final String SUPPLIER = "demo-vinexpress";

    /**
     * Writes the drop-ship supplier's feed under the Karaf folder and configures it as an inventory source synced on
     * demand ({@code inventory:sync demo-vinexpress}), unless a source of that name exists.
     */
    private void supplierFeed(WineCellar cellar) {
        try {
            Configuration[] existing = configurations.listConfigurations("(name=" + SUPPLIER + ")");
            if (existing != null && existing.length > 0) {
                return;
            }
            java.nio.file.Path feed = supplierFeedFile();
            java.nio.file.Files.createDirectories(feed.getParent());
            java.nio.file.Files.writeString(feed, cellar.supplierFeed());
            java.util.Hashtable<String, Object> source = new java.util.Hashtable<>();
            source.put("name", SUPPLIER);
            source.put("url", feed.toAbsolutePath().toString());
            source.put("format", "csv");
            source.put("location", WineCellar.DROP_SHIP);
            source.put("skuColumn", "sku");
            source.put("quantityColumn", "quantity");
            source.put("costColumn", "cost");
            source.put("currencyColumn", "currency");
            source.put("discontinuedColumn", "discontinued");
            source.put("intervalSeconds", "0");
            configurations.getFactoryConfiguration("dev.emporium.inventory.source", SUPPLIER, "?").update(source);
        } catch (java.io.IOException | org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException("the demo supplier's feed could not be set up: " + e.getMessage(), e);
        }
    }

    /** The supplier's feed file, under the Karaf folder. */
    static java.nio.file.Path supplierFeedFile() {
        return java.nio.file.Path.of(System.getProperty("karaf.base", "."), "feeds", SUPPLIER + ".csv");
    }

    /** This store's own address, from the HTTP runtime's endpoint (such as http://0.0.0.0:8181/), or null. */
    static java.net.URI endpoint(Object advertised) {
        Object first = advertised instanceof String[] all && all.length > 0 ? all[0]
                : advertised instanceof java.util.Collection<?> all && !all.isEmpty() ? all.iterator().next() : advertised;
        if (first == null) {
            return null;
        }
        java.util.regex.Matcher port = java.util.regex.Pattern.compile("^https?://[^/]*:(\\d+)").matcher(first.toString());
        return port.find() ? java.net.URI.create("http://127.0.0.1:" + port.group(1) + "/") : null;
    }

    private void stopIfAsked() {
        if (removing) {
            progress.set(new Progress("stopped", 0, 0, "the loader gave way to demo:remove"));
            throw new IllegalStateException("the demo loader stopped: the demo is being removed");
        }
        if (stopping) {
            progress.set(new Progress("stopped", 0, 0, "the loader stopped with its bundle; `demo:load` finishes it"));
            throw new IllegalStateException("the demo loader was stopped; `demo:load` finishes the load");
        }
    }
}
