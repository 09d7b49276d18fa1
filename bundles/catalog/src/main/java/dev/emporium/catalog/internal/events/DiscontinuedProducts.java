package dev.emporium.catalog.internal.events;

import dev.emporium.catalog.api.Catalog;
import dev.emporium.platform.api.EventSubscriptions;
import dev.emporium.platform.api.EventTopics;
import dev.emporium.platform.api.NotFoundException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inventory announces that a SKU no longer exists: the catalog makes it unsellable, which takes it out of storefront
 * search and makes every department that asks see it cannot be sold. Heard by topic only: the catalog does not depend
 * on the inventory department's bundles.
 */
@Component(property = {EventSubscriptions.NAME + "=catalog.discontinued-products",
        EventSubscriptions.SCOPE + "=" + EventSubscriptions.CLUSTER, EventSubscriptions.TOPICS + "=emporium/inventory/DISCONTINUED"})
public class DiscontinuedProducts implements EventHandler {

    static final String TOPIC = EventTopics.of("inventory", "DISCONTINUED");
    private static final Logger LOG = LoggerFactory.getLogger(DiscontinuedProducts.class);

    private final Catalog catalog;

    @Activate
    public DiscontinuedProducts(@Reference Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void handleEvent(Event event) {
        Object sku = event.getProperty("sku");
        if (!(sku instanceof String s)) {
            LOG.warn("Ignoring {} without a sku", event.getTopic());
            return;
        }
        try {
            catalog.setSellable(s, false, "discontinued by inventory");
            LOG.info("Product {} is discontinued: no longer sellable", s);
        } catch (NotFoundException e) {
            LOG.info("Inventory discontinued {}, which the catalog does not describe", s);
        }
    }
}
