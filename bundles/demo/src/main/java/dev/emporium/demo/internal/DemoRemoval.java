package dev.emporium.demo.internal;

import dev.emporium.catalog.api.Catalog;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.customers.api.CompanyAccounts;
import dev.emporium.inventory.api.LocationStock;
import dev.emporium.inventory.api.SkuStock;
import dev.emporium.inventory.api.StockAdjustment;
import dev.emporium.inventory.api.StockAdjustments;
import dev.emporium.inventory.api.StockLevels;
import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Takes the demo out of a store through the departments' services, touching only what the demo made: its products
 * (by their SKUs), their stock, its supplier, its company and its buyers. Each step skips what is already done, so a
 * removal that stopped half-way is finished by running it again.
 */
final class DemoRemoval {

    private static final String REASON = "the demo wine store was removed";

    /** What a removal did. */
    record Outcome(int companies, int buyers, int products, int stockLines, int suppliers) {

        String summary() {
            return companies + " company closed, " + buyers + " buyers erased, " + products + " products archived, "
                    + stockLines + " stock lines emptied and discontinued, " + suppliers + " supplier source removed";
        }
    }

    private final Catalog catalog;
    private final StockAdjustments stock;
    private final StockLevels levels;
    private final CompanyAccounts companies;
    private final ConfigurationAdmin configurations;
    private final DemoBuyers buyers;

    /** @param buyers the demo buyers on this store's routes, or null when the store's HTTP address is unknown */
    DemoRemoval(Catalog catalog, StockAdjustments stock, StockLevels levels, CompanyAccounts companies,
                ConfigurationAdmin configurations, DemoBuyers buyers) {
        this.catalog = catalog;
        this.stock = stock;
        this.levels = levels;
        this.companies = companies;
        this.configurations = configurations;
        this.buyers = buyers;
    }

    Outcome remove(Consumer<String> step) throws IOException, InterruptedException {
        step.accept("the company");
        int company = DemoCompany.close(companies) ? 1 : 0;
        step.accept("the buyers");
        int erased = buyers == null ? 0 : buyers.erase();
        step.accept("the supplier");
        int suppliers = supplier();
        List<String> skus = demoSkus();
        int archived = 0;
        int emptied = 0;
        for (String sku : skus) {
            step.accept("products and stock");
            Product p = catalog.bySku(sku).orElse(null);
            if (p != null && p.status() != ProductStatus.ARCHIVED) {
                catalog.archive(sku);
                archived++;
            }
            emptied += emptyStock(sku);
        }
        return new Outcome(company, erased, archived, emptied, suppliers);
    }

    /** The demo's SKUs in the catalog now, of whatever cellar size loaded them. */
    private List<String> demoSkus() {
        List<String> skus = new ArrayList<>();
        String cursor = null;
        do {
            Page<Product> page = catalog.list(new PageRequest(cursor, PageRequest.MAX_LIMIT));
            page.items().stream().map(Product::sku).filter(WineCellar::isDemoSku).forEach(skus::add);
            cursor = page.nextCursor();
        } while (cursor != null);
        return skus;
    }

    /**
     * Discontinues the SKU and counts its on hand down to what open orders still hold reserved; returns how many
     * locations changed.
     */
    private int emptyStock(String sku) {
        SkuStock s = levels.stock(sku).orElse(null);
        if (s == null) {
            return 0;
        }
        int changed = 0;
        for (LocationStock at : s.locations()) {
            if (at.onHand() > at.reserved()) {
                stock.adjust(new StockAdjustment(sku, at.location(), null, at.reserved(), 0L, REASON, DemoStore.ACTOR));
                changed++;
            }
        }
        if (!s.discontinued()) {
            stock.discontinue(sku, REASON, DemoStore.ACTOR);
        }
        return changed;
    }

    /** Deletes the demo supplier's source configuration and its feed file. */
    private int supplier() throws IOException {
        int removed = 0;
        try {
            Configuration[] sources = configurations.listConfigurations("(&(service.factoryPid=dev.emporium.inventory.source)(name="
                    + DemoStore.SUPPLIER + "))");
            for (Configuration source : sources == null ? new Configuration[0] : sources) {
                source.delete();
                removed++;
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        Files.deleteIfExists(DemoStore.supplierFeedFile());
        return removed;
    }
}
