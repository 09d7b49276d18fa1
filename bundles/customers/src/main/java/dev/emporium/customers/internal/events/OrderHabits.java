package dev.emporium.customers.internal.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.catalog.api.Catalog;
import dev.emporium.catalog.api.Product;
import dev.emporium.customers.internal.CustomersService;
import dev.emporium.customers.internal.store.HabitsBook;
import dev.emporium.platform.api.EventSubscriptions;
import dev.emporium.platform.api.EventTopics;
import dev.emporium.platform.api.Money;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Learns buying habits from the orders department's events, heard by topic ({@code emporium/orders/ORDER_PLACED} and
 * {@code ORDER_CANCELLED}) so customers needs no orders bundle. A line's {@code unitPrice}, {@code brand} and
 * {@code productType} are taken from the event when it carries them, otherwise from the catalog's product (an optional
 * service: without it they stay unknown); the product's attributes come from the catalog. Idempotent: the facts are
 * keyed by order number. Guest orders (no {@code customerId}) are not attributed to anyone.
 */
@Component(property = {EventSubscriptions.NAME + "=customers.order-habits",
        EventSubscriptions.SCOPE + "=" + EventSubscriptions.CLUSTER,
        EventSubscriptions.TOPICS + "=" + OrderHabits.PLACED, EventSubscriptions.TOPICS + "=" + OrderHabits.CANCELLED})
public class OrderHabits implements EventHandler {

    static final String PLACED = "emporium/orders/ORDER_PLACED";
    static final String CANCELLED = "emporium/orders/ORDER_CANCELLED";
    private static final Logger LOG = LoggerFactory.getLogger(OrderHabits.class);

    private final CustomersService customers;
    private final ObjectMapper mapper;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Catalog catalog;

    @Activate
    public OrderHabits(@Reference CustomersService customers, @Reference ObjectMapper mapper) {
        this.customers = customers;
        this.mapper = mapper;
    }

    @Override
    public void handleEvent(Event event) {
        Object payload = event.getProperty(EventTopics.PAYLOAD);
        if (!(payload instanceof String json)) {
            LOG.warn("Ignoring {} without a payload", event.getTopic());
            return;
        }
        Instant at = at(event.getProperty(EventTopics.CREATED_AT));
        try {
            JsonNode node = mapper.readTree(json);
            String number = node.path("number").asText(null);
            if (number == null || number.isBlank()) {
                LOG.warn("Ignoring {} {} without an order number", event.getTopic(), event.getProperty(EventTopics.EVENT_ID));
                return;
            }
            HabitsBook habits = customers.habitsBook();
            if (CANCELLED.equals(event.getTopic())) {
                habits.recordCancelled(number, at);
                return;
            }
            Catalog c = catalog;
            Optional<HabitsBook.PlacedOrder> order = placed(node, at, c == null ? sku -> Optional.empty() : sku -> lookUp(c, sku));
            order.ifPresent(o -> LOG.debug("Order {} of customer {}: {}", o.number(), o.customerId(), habits.recordPlaced(o)));
        } catch (IOException | RuntimeException e) {
            // a bad event must not stop the delivery of the others; the outbox does not redeliver a handled event
            LOG.warn("Ignoring {} {}: {}", event.getTopic(), event.getProperty(EventTopics.EVENT_ID), e.toString());
        }
    }

    private static Optional<Product> lookUp(Catalog catalog, String sku) {
        try {
            return catalog.bySku(sku);
        } catch (RuntimeException e) {
            // the catalog is being swapped: the line keeps what the event says
            LOG.debug("Catalog lookup of {} failed: {}", sku, e.toString());
            return Optional.empty();
        }
    }

    private static Instant at(Object created) {
        if (created instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                // falls back to now
            }
        }
        return Clock.systemUTC().instant();
    }

    /**
     * The order an ORDER_PLACED payload describes, completed with the catalog's products; empty for a guest order or a
     * payload without lines, total or currency.
     */
    static Optional<HabitsBook.PlacedOrder> placed(JsonNode node, Instant at, Function<String, Optional<Product>> catalog) {
        String number = text(node, "number");
        String customer = text(node, "customerId");
        String total = text(node, "total");
        String currency = text(node, "currency");
        if (number == null || customer == null || total == null || currency == null || !node.path("lines").isArray()) {
            return Optional.empty();
        }
        Money sum = Money.of(total, currency);
        Map<String, Optional<Product>> products = new HashMap<>();
        List<HabitsBook.LineFact> lines = new ArrayList<>();
        for (JsonNode l : node.path("lines")) {
            String sku = text(l, "sku");
            long units = l.path("units").asLong(0);
            if (sku == null || units <= 0) {
                continue;
            }
            Optional<Product> product = products.computeIfAbsent(sku, catalog);
            String price = text(l, "unitPrice");
            BigDecimal unitPrice = price != null ? new BigDecimal(price)
                    : product.map(Product::price).filter(p -> p.currency().equals(currency)).map(Money::amount).orElse(null);
            String brand = Optional.ofNullable(text(l, "brand")).orElse(product.map(Product::brand).orElse(null));
            String type = Optional.ofNullable(text(l, "productType")).orElse(product.map(Product::type).orElse(null));
            lines.add(new HabitsBook.LineFact(sku, units, unitPrice, brand, type, product.map(OrderHabits::attributes).orElse(Map.of())));
        }
        return Optional.of(new HabitsBook.PlacedOrder(number, customer, at, sum, lines));
    }

    /** The product's attributes that are one short value (text, number, yes/no), as text. */
    static Map<String, String> attributes(Product p) {
        Map<String, String> out = new LinkedHashMap<>();
        p.attributes().forEach((code, value) -> {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                String v = String.valueOf(value).strip();
                if (!v.isEmpty() && v.length() <= 60) {
                    out.put(code, v);
                }
            }
        });
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }
}
