package dev.emporium.catalog.internal.events;

import dev.emporium.catalog.api.Catalog;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductInput;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.EventSubscriptions;
import dev.emporium.platform.api.Money;
import dev.emporium.platform.api.ProblemException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inventory's price rules proposed a price from a supplier's cost and it was accepted (by an admin or by auto-apply):
 * the catalog sets it as the product's unit price. Heard by topic only, so the catalog does not depend on inventory's
 * bundles. Idempotent: a product already at that price is left alone; a price in another currency than the product's
 * is refused with a warning rather than silently switching the product's currency.
 */
@Component(property = {EventSubscriptions.NAME + "=catalog.accepted-prices",
        EventSubscriptions.SCOPE + "=" + EventSubscriptions.CLUSTER, EventSubscriptions.TOPICS + "=emporium/inventory/PRICE_ACCEPTED"})
public class AcceptedPrices implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AcceptedPrices.class);

    private final Catalog catalog;

    @Activate
    public AcceptedPrices(@Reference Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty("sku") instanceof String sku) || !(event.getProperty("amount") instanceof String amount)
                || !(event.getProperty("currency") instanceof String currency)) {
            LOG.warn("Ignoring {} without sku, amount and currency", event.getTopic());
            return;
        }
        Money price;
        try {
            price = Money.of(amount, currency);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring accepted price of {}: {}", sku, e.getMessage());
            return;
        }
        for (int attempt = 1; ; attempt++) {
            Product p = catalog.bySku(sku).orElse(null);
            if (p == null) {
                LOG.info("Inventory accepted a price for {}, which the catalog does not describe", sku);
                return;
            }
            if (p.price() != null && !p.price().currency().equals(price.currency())) {
                LOG.warn("Not applying {} to {}: the product is priced in {}", price, sku, p.price().currency());
                return;
            }
            if (price.equals(p.price())) {
                return;
            }
            try {
                catalog.update(sku, new ProductInput(p.sku(), p.slug(), p.name(), p.shortDescription(), p.longDescription(), p.brand(),
                        p.type(), p.attributes(), p.categories(), price, p.packPrices(), p.shipping(), p.media(), p.seo()), p.version());
                LOG.info("Price of {} set to {} (proposal {})", sku, price, event.getProperty("proposalId"));
                return;
            } catch (ConflictException e) {
                if (attempt == 3) {
                    LOG.warn("Price of {} not set after {} edits raced with it: {}", sku, attempt, e.getMessage());
                    return;
                }
            } catch (ProblemException e) {
                LOG.warn("Price of {} not set to {}: {}", sku, price, e.asText());
                return;
            }
        }
    }
}
