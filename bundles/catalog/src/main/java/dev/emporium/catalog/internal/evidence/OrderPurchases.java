package dev.emporium.catalog.internal.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.platform.api.EventSubscriptions;
import dev.emporium.platform.api.EventTopics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Remembers who bought what, so that a review can say "verified buyer". The orders department does not exist yet; the
 * contract assumed here is its {@code emporium/orders/ORDER_PLACED} event with a payload carrying {@code customerId}
 * (the id a signed-in customer has at the gateway) and {@code skus} (an array of SKU strings). Heard by topic only,
 * and idempotent: a redelivered event records nothing new. Purchases made before the catalog heard them are not known.
 */
@Component(property = {EventSubscriptions.NAME + "=catalog.order-purchases",
        EventSubscriptions.SCOPE + "=" + EventSubscriptions.CLUSTER, EventSubscriptions.TOPICS + "=emporium/orders/ORDER_PLACED"})
public class OrderPurchases implements EventHandler {

    static final String TOPIC = EventTopics.of("orders", "ORDER_PLACED");
    private static final Logger LOG = LoggerFactory.getLogger(OrderPurchases.class);

    private final CatalogEvidence evidence;
    private final ObjectMapper mapper;

    @Activate
    public OrderPurchases(@Reference CatalogEvidence evidence, @Reference ObjectMapper mapper) {
        this.evidence = evidence;
        this.mapper = mapper;
    }

    @Override
    public void handleEvent(Event event) {
        Object payload = event.getProperty(EventTopics.PAYLOAD);
        if (!(payload instanceof String json)) {
            LOG.warn("Ignoring {} without a payload", event.getTopic());
            return;
        }
        try {
            JsonNode node = mapper.readTree(json);
            String customer = node.path("customerId").asText(null);
            List<String> skus = new ArrayList<>();
            node.path("skus").forEach(s -> {
                if (s.isTextual()) {
                    skus.add(s.asText());
                }
            });
            if (customer == null || customer.isBlank() || skus.isEmpty()) {
                LOG.warn("Ignoring {} {}: it names no customerId or no skus", event.getTopic(), event.getProperty(EventTopics.EVENT_ID));
                return;
            }
            evidence.recordPurchase(customer, skus);
        } catch (IOException e) {
            LOG.warn("Ignoring {} with an unreadable payload: {}", event.getTopic(), e.getMessage());
        }
    }
}
