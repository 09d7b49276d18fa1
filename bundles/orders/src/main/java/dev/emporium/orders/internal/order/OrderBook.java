package dev.emporium.orders.internal.order;

import dev.emporium.inventory.api.Reservation;
import dev.emporium.inventory.api.ReservedLine;
import dev.emporium.inventory.api.StockAdjustment;
import dev.emporium.inventory.api.StockAdjustments;
import dev.emporium.orders.api.PaymentProvider;
import dev.emporium.orders.api.PaymentResult;
import dev.emporium.orders.api.RefundRequest;
import dev.emporium.orders.internal.Collaborators;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.orders.api.Address;
import dev.emporium.orders.api.Order;
import dev.emporium.orders.api.OrderChange;
import dev.emporium.orders.api.OrderEvents;
import dev.emporium.orders.api.OrderLine;
import dev.emporium.orders.api.OrderStatus;
import dev.emporium.orders.api.Orders;
import dev.emporium.orders.api.Totals;
import dev.emporium.orders.internal.Sql;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.ValidationException;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Orders on a plain DataSource, and their lifecycle. A status changes only by a conditional update from the status
 * the change was validated against, so two admins never both move one order; every change is written to the order's
 * history and published through the outbox in the same transaction.
 */
public final class OrderBook implements Orders {

    /** An order as checkout writes it. */
    public record NewOrder(String number, OrderStatus status, String customerId, String email, Address address,
                           String paymentMethod, String paymentReference, String cartId, long reservationId,
                           List<OrderLine> lines, Totals totals, Map<String, LineOrigin> origins) {

        public NewOrder {
            origins = origins == null ? Map.of() : Map.copyOf(origins);
        }
    }

    /** What the catalog said a SKU was when it was sold: its brand and product type (either may be null). */
    public record LineOrigin(String brand, String productType) {
    }

    private final DataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;
    private final Collaborators departments;

    /** @param departments inventory and the payment providers, asked for only by the changes that move stock or money */
    public OrderBook(DataSource dataSource, Outbox outbox, Clock clock, Collaborators departments) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
        this.departments = departments;
    }

    /**
     * Writes a new order with its lines and its first history entries, and publishes ORDER_PLACED (and ORDER_PAID for
     * an order paid at checkout), in the caller's transaction.
     */
    public Order place(Connection c, NewOrder o, String actor) throws SQLException {
        Instant now = clock.instant();
        long id;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO orders_order (number, status, customer_id, email, ship_name, ship_line1, ship_line2,
                    ship_postal_code, ship_city, ship_country, payment_method, payment_reference, cart_id, reservation_id,
                    currency, subtotal, shipping, tax_rate, tax, total, weight_grams, placed_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"})) {
            int i = 0;
            ps.setString(++i, o.number());
            ps.setString(++i, o.status().name());
            ps.setString(++i, o.customerId());
            ps.setString(++i, o.email());
            ps.setString(++i, o.address().name());
            ps.setString(++i, o.address().line1());
            ps.setString(++i, o.address().line2());
            ps.setString(++i, o.address().postalCode());
            ps.setString(++i, o.address().city());
            ps.setString(++i, o.address().country());
            ps.setString(++i, o.paymentMethod());
            ps.setString(++i, o.paymentReference());
            ps.setString(++i, o.cartId());
            ps.setLong(++i, o.reservationId());
            ps.setString(++i, o.totals().total().currency());
            ps.setBigDecimal(++i, o.totals().subtotal().amount());
            ps.setBigDecimal(++i, o.totals().shipping().amount());
            ps.setBigDecimal(++i, o.totals().taxRate());
            ps.setBigDecimal(++i, o.totals().tax().amount());
            ps.setBigDecimal(++i, o.totals().total().amount());
            ps.setLong(++i, o.totals().weightGrams());
            ps.setObject(++i, Sql.timestamp(now));
            ps.setObject(++i, Sql.timestamp(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        int lineNo = 0;
        for (OrderLine line : o.lines()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO orders_order_line (order_id, line_no, sku, name, pack_size, quantity, units, unit_price, line_total,
                        brand, product_type)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                LineOrigin origin = o.origins().getOrDefault(line.sku(), new LineOrigin(null, null));
                ps.setLong(1, id);
                ps.setInt(2, ++lineNo);
                ps.setString(3, line.sku());
                ps.setString(4, line.name());
                ps.setInt(5, line.packSize());
                ps.setLong(6, line.quantity());
                ps.setLong(7, line.units());
                ps.setBigDecimal(8, line.unitPrice().amount());
                ps.setBigDecimal(9, line.lineTotal().amount());
                ps.setString(10, origin.brand());
                ps.setString(11, origin.productType());
                ps.executeUpdate();
            }
        }
        Order order = load(c, o.number()).orElseThrow();
        Map<String, Object> placed = payload(order);
        placed.put("skus", order.lines().stream().map(OrderLine::sku).distinct().toList());
        placed.put("lines", order.lines().stream().map(l -> placedLine(l, o.origins().get(l.sku()))).toList());
        placed.put("subtotal", order.totals().subtotal().amount().toPlainString());
        placed.put("shipping", order.totals().shipping().amount().toPlainString());
        placed.put("tax", order.totals().tax().amount().toPlainString());
        placed.put("total", order.totals().total().amount().toPlainString());
        placed.put("currency", order.totals().total().currency());
        if (o.status() == OrderStatus.PAID) {
            history(c, id, null, OrderStatus.PLACED, actor, null, now);
            history(c, id, OrderStatus.PLACED, OrderStatus.PAID, "payment:" + o.paymentMethod(), o.paymentReference(), now);
            outbox.publish(c, OrderEvents.ORDER_PLACED, placed);
            outbox.publish(c, OrderEvents.ORDER_PAID, payload(order));
        } else {
            history(c, id, null, o.status(), actor, null, now);
            outbox.publish(c, OrderEvents.ORDER_PLACED, placed);
        }
        return order;
    }

    /**
     * The payment arrived (a bank transfer): the held stock is taken. Inventory is asked before the order's
     * transaction, never inside it (a connection held while inventory takes another from the same pool starves the
     * pool under load); its commit and release exclude each other, so a cancellation racing this one loses cleanly.
     */
    public Order markPaid(String number, String actor, String note) {
        refuseUnlessAllowed(byNumber(number).orElseThrow(() -> new NotFoundException("no order " + number)), OrderStatus.PAID);
        departments.reservations().commit(reservationId(number));
        return move(number, OrderStatus.PAID, actor, note, null, Map.of());
    }

    public Order pack(String number, String actor) {
        return move(number, OrderStatus.PACKED, actor, null, null, Map.of());
    }

    /** @throws ValidationException when carrier or tracking number is missing */
    public Order ship(String number, String carrier, String trackingNumber, String actor) {
        List<FieldError> errors = new ArrayList<>();
        if (carrier == null || carrier.isBlank()) {
            errors.add(new FieldError("carrier", "is required to ship an order"));
        }
        if (trackingNumber == null || trackingNumber.isBlank()) {
            errors.add(new FieldError("trackingNumber", "is required to ship an order"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return move(number, OrderStatus.SHIPPED, actor, carrier.strip() + " " + trackingNumber.strip(), (c, order, reservationId) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE orders_order SET carrier = ?, tracking_number = ? WHERE number = ?")) {
                ps.setString(1, carrier.strip());
                ps.setString(2, trackingNumber.strip());
                ps.setString(3, number);
                ps.executeUpdate();
            }
        }, Map.of("carrier", carrier.strip(), "trackingNumber", trackingNumber.strip()));
    }

    public Order deliver(String number, String actor) {
        return move(number, OrderStatus.DELIVERED, actor, null, null, Map.of());
    }

    /**
     * Cancels an order not yet shipped. Stock held and not yet taken is freed; a paid order's units go back to stock
     * and its payment is refunded through the provider that took it.
     *
     * @throws ConflictException when the provider refuses the refund (nothing changes)
     */
    public Order cancel(String number, String actor, String reason) {
        String why = blankToNull(reason);
        Map<String, Object> extra = new LinkedHashMap<>();
        if (why != null) {
            extra.put("reason", why);
        }
        Order current = byNumber(number).orElseThrow(() -> new NotFoundException("no order " + number));
        refuseUnlessAllowed(current, OrderStatus.CANCELLED);
        if (current.status().holdsReservation()) {
            // outside the order's transaction, as in markPaid; refused by inventory if the order was paid meanwhile
            departments.reservations().release(reservationId(number));
        }
        return move(number, OrderStatus.CANCELLED, actor, why, (c, order, reservationId) -> {
            if (order.status().wasPaid()) {
                // refund and restock stay inside the transaction that holds the order's row: restocking is not
                // idempotent, so two admins must not both do it (rare admin work, not the checkout's hot path)
                extra.put("refund", refund(order, why));
                restock(order, reservationId, "cancelled order " + order.number(), actor);
                extra.put("restocked", true);
            }
        }, extra);
    }

    /**
     * A shipped or delivered order came back. Its payment is refunded through the provider that took it and, unless
     * {@code restock} is false (damaged goods), its units go back to the locations they were taken from.
     *
     * @throws ConflictException when the order is not shipped or delivered, or the provider refuses the refund
     */
    public Order returned(String number, String actor, String reason, boolean restock) {
        String why = blankToNull(reason);
        Map<String, Object> extra = new LinkedHashMap<>();
        if (why != null) {
            extra.put("reason", why);
        }
        extra.put("restocked", restock);
        return move(number, OrderStatus.RETURNED, actor, why, (c, order, reservationId) -> {
            extra.put("refund", refund(order, why));
            if (restock) {
                restock(order, reservationId, "returned order " + order.number(), actor);
            }
        }, extra);
    }

    /**
     * Inventory let an unpaid order's hold expire: the order is cancelled, once, however often the expiry is heard.
     *
     * @return the cancelled order, or empty when no unpaid order holds that reservation (paid, cancelled, unknown)
     */
    public Optional<Order> holdExpired(long reservationId, Instant expiredAt) {
        Optional<String> number = Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT number, status FROM orders_order WHERE reservation_id = ?")) {
                ps.setLong(1, reservationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (OrderStatus.valueOf(rs.getString(2)).holdsReservation()) {
                            return Optional.of(rs.getString(1));
                        }
                    }
                    return Optional.<String>empty();
                }
            }
        });
        if (number.isEmpty()) {
            return Optional.empty();
        }
        String reason = "the payment did not arrive before the stock hold expired" + (expiredAt == null ? "" : " on " + expiredAt);
        try {
            return Optional.of(cancel(number.get(), "inventory:expiry", reason));
        } catch (ConflictException e) {
            // paid or cancelled meanwhile: the expiry no longer concerns it
            return Optional.empty();
        }
    }

    /** Pays an order back through the provider that charged it; a refusal is a 409 and the transition is not made. */
    private Map<String, Object> refund(Order order, String reason) {
        PaymentProvider provider = departments.payment(order.paymentMethod()).orElseThrow(() -> new ProblemException(503,
                "Service unavailable", "the payment provider " + order.paymentMethod() + " is away; try again in a few seconds",
                List.of(), Map.of("Retry-After", "5")));
        PaymentResult result = provider.refund(new RefundRequest(order.number(), order.paymentReference(), "refund:" + order.number(),
                order.totals().total(), reason));
        if (result.outcome() == PaymentResult.Outcome.DECLINED) {
            throw new ConflictException("the refund of order " + order.number() + " was refused by " + provider.method()
                    + (result.message() == null ? "" : ": " + result.message()) + "; the order is unchanged");
        }
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("outcome", result.outcome().name());
        if (result.reference() != null) {
            refund.put("reference", result.reference());
        }
        refund.put("amount", order.totals().total().amount().toPlainString());
        refund.put("currency", order.totals().total().currency());
        if (result.message() != null) {
            refund.put("message", result.message());
        }
        return refund;
    }

    /** Puts an order's units back where the reservation took them from, through inventory's audited adjustments. */
    private void restock(Order order, long reservationId, String why, String actor) {
        Reservation taken = departments.reservations().find(reservationId).orElseThrow(() -> new ConflictException(
                "inventory has no reservation " + reservationId + " for order " + order.number() + "; restock it by hand"));
        Map<String, Long> byPlace = new TreeMap<>();
        for (ReservedLine line : taken.lines()) {
            byPlace.merge(line.sku() + "\u0000" + line.location(), line.quantity(), Long::sum);
        }
        StockAdjustments adjustments = departments.adjustments();
        for (Map.Entry<String, Long> e : byPlace.entrySet()) {
            String[] skuAndPlace = e.getKey().split("\u0000", 2);
            adjustments.adjust(new StockAdjustment(skuAndPlace[0], skuAndPlace[1], e.getValue(), null, null, why, "orders:" + actor));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * Moves an order to {@code target} by name, doing what that status's own change does (a payment takes the stock, a
     * shipment needs carrier and tracking number, a return restocks and refunds).
     *
     * @throws ValidationException for a status an admin cannot move an order to (PLACED, AWAITING_PAYMENT)
     */
    public Order transition(String number, OrderStatus target, String actor, String note, String carrier, String trackingNumber) {
        return switch (target) {
            case PAID -> markPaid(number, actor, blankToNull(note));
            case PACKED -> pack(number, actor);
            case SHIPPED -> ship(number, carrier, trackingNumber, actor);
            case DELIVERED -> deliver(number, actor);
            case CANCELLED -> cancel(number, actor, note);
            case RETURNED -> returned(number, actor, note, true);
            case PLACED, AWAITING_PAYMENT -> throw new ValidationException("status", target + " is where checkout starts an order; "
                    + "an admin moves it to one of PAID, PACKED, SHIPPED, DELIVERED, CANCELLED, RETURNED");
        };
    }

    /** What a transition does besides changing the status, in its transaction. */
    @FunctionalInterface
    private interface SideEffect {
        void apply(Connection c, Order before, long reservationId) throws SQLException;
    }

    private static final Map<OrderStatus, String> EVENTS = Map.of(
            OrderStatus.PAID, OrderEvents.ORDER_PAID, OrderStatus.PACKED, OrderEvents.ORDER_PACKED,
            OrderStatus.SHIPPED, OrderEvents.ORDER_SHIPPED, OrderStatus.DELIVERED, OrderEvents.ORDER_DELIVERED,
            OrderStatus.CANCELLED, OrderEvents.ORDER_CANCELLED, OrderStatus.RETURNED, OrderEvents.ORDER_RETURNED);

    private Order move(String number, OrderStatus target, String actor, String note, SideEffect effect, Map<String, ?> extra) {
        return Transactions.inTransaction(dataSource, c -> {
            Order before = load(c, number).orElseThrow(() -> new NotFoundException("no order " + number));
            refuseUnlessAllowed(before, target);
            Instant now = clock.instant();
            long id;
            long reservationId;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, reservation_id FROM orders_order WHERE number = ?")) {
                ps.setString(1, number);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                    reservationId = rs.getLong(2);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE orders_order SET status = ?, updated_at = ? WHERE id = ? AND status = ?")) {
                ps.setString(1, target.name());
                ps.setObject(2, Sql.timestamp(now));
                ps.setLong(3, id);
                ps.setString(4, before.status().name());
                if (ps.executeUpdate() != 1) {
                    Order current = load(c, number).orElseThrow();
                    refuseUnlessAllowed(current, target);
                    throw new ConflictException("order " + number + " changed meanwhile; it is now " + current.status());
                }
            }
            if (effect != null) {
                effect.apply(c, before, reservationId);
            }
            history(c, id, before.status(), target, actor, noteWithRefund(note, extra), now);
            Order after = load(c, number).orElseThrow();
            Map<String, Object> payload = payload(after);
            payload.put("previousStatus", before.status().name());
            payload.putAll(extra);
            outbox.publish(c, EVENTS.get(target), payload);
            return after;
        });
    }

    /** The history says how the money went back, so an admin sees a refund to wire by hand. */
    private static String noteWithRefund(String note, Map<String, ?> extra) {
        if (!(extra.get("refund") instanceof Map<?, ?> refund)) {
            return note;
        }
        String said = "refund " + refund.get("outcome") + " " + refund.get("amount") + " " + refund.get("currency")
                + (refund.get("reference") == null ? "" : " (" + refund.get("reference") + ")");
        return note == null ? said : note + "; " + said;
    }

    static void refuseUnlessAllowed(Order order, OrderStatus target) {
        if (!order.status().mayBecome(target)) {
            throw new ConflictException("order " + order.number() + " is " + order.status() + "; it cannot become " + target
                    + (order.status().next().isEmpty() ? " (it is final)" : " (next: " + String.join(", ",
                    order.status().next().stream().map(Enum::name).sorted().toList()) + ")"));
        }
    }

    /** One line of ORDER_PLACED: what was bought, at what price, as which brand and product type. */
    private static Map<String, Object> placedLine(OrderLine l, LineOrigin origin) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sku", l.sku());
        line.put("units", l.units());
        line.put("packSize", l.packSize());
        line.put("quantity", l.quantity());
        line.put("unitPrice", perUnit(l).toPlainString());
        line.put("packPrice", l.unitPrice().amount().toPlainString());
        line.put("lineTotal", l.lineTotal().amount().toPlainString());
        if (origin != null && origin.brand() != null) {
            line.put("brand", origin.brand());
        }
        if (origin != null && origin.productType() != null) {
            line.put("productType", origin.productType());
        }
        return line;
    }

    /** What one unit (one bottle, not one pack) cost in a line: its total over its units, rounded half up to the currency. */
    static BigDecimal perUnit(OrderLine l) {
        int digits = Math.max(0, Currency.getInstance(l.lineTotal().currency()).getDefaultFractionDigits());
        return l.lineTotal().amount().divide(BigDecimal.valueOf(Math.max(1, l.units())), digits, RoundingMode.HALF_UP);
    }

    private static Map<String, Object> payload(Order order) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("number", order.number());
        p.put("status", order.status().name());
        if (order.customerId() != null) {
            p.put("customerId", order.customerId());
        }
        p.put("email", order.email());
        return p;
    }

    private static void history(Connection c, long orderId, OrderStatus from, OrderStatus to, String actor, String note, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO orders_order_history (order_id, from_status, to_status, actor, note, created_at) VALUES (?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, orderId);
            ps.setString(2, from == null ? null : from.name());
            ps.setString(3, to.name());
            ps.setString(4, actor);
            ps.setString(5, note);
            ps.setObject(6, Sql.timestamp(at));
            ps.executeUpdate();
        }
    }

    @Override
    public Optional<Order> byNumber(String number) {
        if (number == null || number.isBlank() || number.length() > 64) {
            return Optional.empty();
        }
        return Transactions.inTransaction(dataSource, c -> load(c, number));
    }

    @Override
    public List<OrderChange> history(String number) {
        return Transactions.inTransaction(dataSource, c -> {
            List<OrderChange> changes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT h.from_status, h.to_status, h.actor, h.note, h.created_at FROM orders_order_history h
                    JOIN orders_order o ON o.id = h.order_id WHERE o.number = ? ORDER BY h.id""")) {
                ps.setString(1, number);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String from = rs.getString(1);
                        changes.add(new OrderChange(from == null ? null : OrderStatus.valueOf(from), OrderStatus.valueOf(rs.getString(2)),
                                rs.getString(3), rs.getString(4), Sql.instant(rs, "created_at")));
                    }
                }
            }
            return changes;
        });
    }

    @Override
    public List<Order> ofCustomer(String customerId, int limit) {
        return Transactions.inTransaction(dataSource, c -> numbers(c,
                "SELECT number FROM orders_order WHERE customer_id = ? ORDER BY id DESC FETCH FIRST " + Math.max(1, Math.min(limit, 500)) + " ROWS ONLY",
                customerId));
    }

    /** Orders newest first, optionally of one status; the cursor is the last order's internal id. */
    public Page<Order> list(PageRequest page, OrderStatus status) {
        long before;
        try {
            before = page.cursor() == null ? Long.MAX_VALUE : Long.parseLong(page.cursor());
        } catch (NumberFormatException e) {
            throw new ValidationException("cursor", "must be a cursor returned by a previous page");
        }
        return Transactions.inTransaction(dataSource, c -> {
            List<Long> ids = new ArrayList<>();
            List<String> numbers = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, number FROM orders_order WHERE id < ?"
                    + (status == null ? "" : " AND status = ?") + " ORDER BY id DESC FETCH FIRST " + (page.limit() + 1) + " ROWS ONLY")) {
                ps.setLong(1, before);
                if (status != null) {
                    ps.setString(2, status.name());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        numbers.add(rs.getString(2));
                    }
                }
            }
            String next = null;
            if (numbers.size() > page.limit()) {
                numbers = numbers.subList(0, page.limit());
                next = String.valueOf(ids.get(page.limit() - 1));
            }
            List<Order> orders = new ArrayList<>();
            for (String n : numbers) {
                orders.add(load(c, n).orElseThrow());
            }
            return new Page<>(orders, next);
        });
    }

    /** The reservation holding an order's stock. */
    public long reservationId(String number) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT reservation_id FROM orders_order WHERE number = ?")) {
                ps.setString(1, number);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("no order " + number);
                    }
                    return rs.getLong(1);
                }
            }
        });
    }

    private List<Order> numbers(Connection c, String sql, String param) throws SQLException {
        List<String> numbers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    numbers.add(rs.getString(1));
                }
            }
        }
        List<Order> orders = new ArrayList<>();
        for (String n : numbers) {
            orders.add(load(c, n).orElseThrow());
        }
        return orders;
    }

    /** An order with its lines, in the caller's transaction. */
    public static Optional<Order> load(Connection c, String number) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM orders_order WHERE number = ?")) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long id = rs.getLong("id");
                String currency = rs.getString("currency");
                Totals totals = new Totals(Sql.money(rs, "subtotal", currency), Sql.money(rs, "shipping", currency),
                        rs.getBigDecimal("tax_rate").stripTrailingZeros(), Sql.money(rs, "tax", currency),
                        Sql.money(rs, "total", currency), rs.getLong("weight_grams"));
                Address address = new Address(rs.getString("ship_name"), rs.getString("ship_line1"), rs.getString("ship_line2"),
                        rs.getString("ship_postal_code"), rs.getString("ship_city"), rs.getString("ship_country"));
                String status = rs.getString("status");
                String customer = rs.getString("customer_id");
                String email = rs.getString("email");
                String method = rs.getString("payment_method");
                String reference = rs.getString("payment_reference");
                String carrier = rs.getString("carrier");
                String tracking = rs.getString("tracking_number");
                Instant placed = Sql.instant(rs, "placed_at");
                Instant updated = Sql.instant(rs, "updated_at");
                List<OrderLine> lines = new ArrayList<>();
                try (PreparedStatement lp = c.prepareStatement("""
                        SELECT sku, name, pack_size, quantity, units, unit_price, line_total FROM orders_order_line
                        WHERE order_id = ? ORDER BY line_no""")) {
                    lp.setLong(1, id);
                    try (ResultSet lr = lp.executeQuery()) {
                        while (lr.next()) {
                            lines.add(new OrderLine(lr.getString(1), lr.getString(2), lr.getInt(3), lr.getLong(4), lr.getLong(5),
                                    Sql.money(lr, "unit_price", currency), Sql.money(lr, "line_total", currency)));
                        }
                    }
                }
                return Optional.of(new Order(number, OrderStatus.valueOf(status), customer, email, address, method, reference,
                        lines, totals, carrier, tracking, placed, updated));
            }
        }
    }
}
