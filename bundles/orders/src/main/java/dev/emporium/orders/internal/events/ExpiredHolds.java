package dev.emporium.orders.internal.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.inventory.api.InventoryEvents;
import dev.emporium.inventory.api.ReservationStatus;
import dev.emporium.orders.internal.OrdersService;
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
import java.time.Instant;

/**
 * Inventory let a hold expire (its {@code STOCK_CHANGED} with cause {@code expiry} names the reservation): an order
 * still waiting for its payment on that hold, a bank transfer that never came, is cancelled with the reason and
 * ORDER_CANCELLED is published. Idempotent: the event comes once per SKU of the reservation, and at least once.
 */
@Component(property = {EventSubscriptions.NAME + "=orders.expired-holds",
        EventSubscriptions.SCOPE + "=" + EventSubscriptions.CLUSTER, EventSubscriptions.TOPICS + "=emporium/inventory/STOCK_CHANGED"})
public class ExpiredHolds implements EventHandler {

    static final String CAUSE = "expiry";
    private static final Logger LOG = LoggerFactory.getLogger(ExpiredHolds.class);

    private final OrdersService orders;
    private final ObjectMapper json;

    @Activate
    public ExpiredHolds(@Reference OrdersService orders, @Reference ObjectMapper json) {
        this.orders = orders;
        this.json = json;
    }

    @Override
    public void handleEvent(Event event) {
        if (!InventoryEvents.STOCK_CHANGED.equals(event.getTopic()) || !(event.getProperty(EventTopics.PAYLOAD) instanceof String payload)) {
            return;
        }
        JsonNode node;
        try {
            node = json.readTree(payload);
        } catch (IOException e) {
            LOG.warn("Ignoring {} with an unreadable payload: {}", event.getTopic(), e.getMessage());
            return;
        }
        if (!CAUSE.equals(node.path("cause").asText()) || !node.path("reservationId").canConvertToLong()) {
            return;
        }
        long reservationId = node.path("reservationId").asLong();
        // only a hold inventory really expired; while inventory is away, its event is trusted (it published it)
        Instant expiredAt = null;
        var inventory = orders.departments().reservationsIfPresent();
        if (inventory.isPresent()) {
            var reservation = inventory.get().find(reservationId);
            if (reservation.isEmpty() || reservation.get().status() != ReservationStatus.EXPIRED) {
                return;
            }
            expiredAt = reservation.get().expiresAt();
        }
        orders.orders().holdExpired(reservationId, expiredAt).ifPresent(o ->
                LOG.info("Order {} cancelled: its stock hold (reservation {}) expired before the payment arrived", o.number(), reservationId));
    }
}
