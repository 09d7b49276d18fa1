package dev.emporium.customers.internal.store;

import dev.emporium.customers.api.BuyingHabits;
import dev.emporium.customers.api.CustomerStatus;
import dev.emporium.platform.api.Money;
import dev.emporium.platform.api.Transactions;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Buying habits: one fact row per order (keyed by the order number, so a redelivered event changes nothing) with its
 * lines, and the habits computed from the facts on demand, so they are always what the facts say.
 */
public final class HabitsBook {

    static final int TOP = 5;
    static final int MAX_ATTRIBUTES_PER_LINE = 12;

    /** A line as the customers department keeps it: what was bought, at what unit price, of which brand and type. */
    public record LineFact(String sku, long units, BigDecimal unitPrice, String brand, String productType, Map<String, String> attributes) {
        public LineFact {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }

    /** An order placed by a signed-in customer. */
    public record PlacedOrder(String number, String customerId, Instant placedAt, Money total, List<LineFact> lines) {
        public PlacedOrder {
            lines = List.copyOf(lines);
        }
    }

    /** What recording an order event did. */
    public enum Outcome {
        RECORDED, ALREADY_KNOWN, UNKNOWN_CUSTOMER, UNKNOWN_ORDER
    }

    private final DataSource dataSource;

    public HabitsBook(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records an order once: a second delivery of the same order number changes nothing. */
    public Outcome recordPlaced(PlacedOrder o) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM customers_customer WHERE id = ? FOR UPDATE")) {
                ps.setString(1, o.customerId());
                try (ResultSet rs = ps.executeQuery()) {
                    // an erased customer's redelivered order must not bring their habits back
                    if (!rs.next() || CustomerStatus.valueOf(rs.getString(1)) != CustomerStatus.ACTIVE) {
                        return Outcome.UNKNOWN_CUSTOMER;
                    }
                }
            }
            boolean inserted = Transactions.insertIfAbsent(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement("""
                        INSERT INTO customers_order_fact (order_number, customer_id, placed_at, total, currency) VALUES (?, ?, ?, ?, ?)""")) {
                    ps.setString(1, o.number());
                    ps.setString(2, o.customerId());
                    Profiles.setInstant(ps, 3, o.placedAt());
                    ps.setBigDecimal(4, o.total().amount());
                    ps.setString(5, o.total().currency());
                    ps.executeUpdate();
                }
                return null;
            });
            if (!inserted) {
                return Outcome.ALREADY_KNOWN;
            }
            try (PreparedStatement line = c.prepareStatement("""
                    INSERT INTO customers_order_line_fact (order_number, position, sku, units, unit_price, brand, product_type)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""");
                 PreparedStatement attr = c.prepareStatement("""
                    INSERT INTO customers_order_attribute_fact (order_number, position, code, attribute_value) VALUES (?, ?, ?, ?)""")) {
                int position = 0;
                for (LineFact l : o.lines()) {
                    line.setString(1, o.number());
                    line.setInt(2, position);
                    line.setString(3, l.sku());
                    line.setLong(4, l.units());
                    line.setBigDecimal(5, l.unitPrice());
                    line.setString(6, l.brand());
                    line.setString(7, l.productType());
                    line.executeUpdate();
                    int n = 0;
                    for (var a : new TreeMap<>(l.attributes()).entrySet()) {
                        if (n++ == MAX_ATTRIBUTES_PER_LINE) {
                            break;
                        }
                        attr.setString(1, o.number());
                        attr.setInt(2, position);
                        attr.setString(3, a.getKey());
                        attr.setString(4, a.getValue());
                        attr.executeUpdate();
                    }
                    position++;
                }
            }
            return Outcome.RECORDED;
        });
    }

    /** Marks an order cancelled (once: a redelivery keeps the first time). */
    public Outcome recordCancelled(String number, Instant at) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE customers_order_fact SET cancelled_at = ? WHERE order_number = ? AND cancelled_at IS NULL")) {
                Profiles.setInstant(ps, 1, at);
                ps.setString(2, number);
                if (ps.executeUpdate() == 1) {
                    return Outcome.RECORDED;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM customers_order_fact WHERE order_number = ?")) {
                ps.setString(1, number);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Outcome.ALREADY_KNOWN : Outcome.UNKNOWN_ORDER;
                }
            }
        });
    }

    public Optional<BuyingHabits> habits(String customerId) {
        return Transactions.inTransaction(dataSource, c -> habits(c, customerId));
    }

    /** Deletes every fact of a customer (erasure), in the caller's transaction. */
    static void erase(Connection c, String customerId) throws SQLException {
        for (String table : List.of("customers_order_attribute_fact", "customers_order_line_fact")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
                    + " WHERE order_number IN (SELECT order_number FROM customers_order_fact WHERE customer_id = ?)")) {
                ps.setString(1, customerId);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM customers_order_fact WHERE customer_id = ?")) {
            ps.setString(1, customerId);
            ps.executeUpdate();
        }
    }

    private record Order(String number, Instant placedAt, BigDecimal total, String currency) {
    }

    static Optional<BuyingHabits> habits(Connection c, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM customers_customer WHERE id = ?")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || CustomerStatus.valueOf(rs.getString(1)) != CustomerStatus.ACTIVE) {
                    return Optional.empty();
                }
            }
        }
        List<Order> orders = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT order_number, placed_at, total, currency FROM customers_order_fact
                 WHERE customer_id = ? AND cancelled_at IS NULL ORDER BY placed_at, order_number""")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orders.add(new Order(rs.getString(1), Profiles.instant(rs, 2), rs.getBigDecimal(3), rs.getString(4)));
                }
            }
        }
        Map<String, BigDecimal> spent = new TreeMap<>();
        Map<String, Integer> ordersPerCurrency = new HashMap<>();
        Map<String, String> currencyOf = new HashMap<>();
        for (Order o : orders) {
            spent.merge(o.currency(), o.total(), BigDecimal::add);
            ordersPerCurrency.merge(o.currency(), 1, Integer::sum);
            currencyOf.put(o.number(), o.currency());
        }
        String main = ordersPerCurrency.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(null);
        Tally brands = new Tally();
        Tally types = new Tally();
        Tally attributes = new Tally();
        BigDecimal lowest = null;
        BigDecimal highest = null;
        BigDecimal paid = BigDecimal.ZERO;
        long pricedUnits = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT l.order_number, l.position, l.units, l.unit_price, l.brand, l.product_type
                  FROM customers_order_line_fact l JOIN customers_order_fact o ON o.order_number = l.order_number
                 WHERE o.customer_id = ? AND o.cancelled_at IS NULL""")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String number = rs.getString(1);
                    long units = rs.getLong(3);
                    BigDecimal price = rs.getBigDecimal(4);
                    brands.add(rs.getString(5), units, number);
                    types.add(rs.getString(6), units, number);
                    if (price != null && main != null && main.equals(currencyOf.get(number))) {
                        lowest = lowest == null || price.compareTo(lowest) < 0 ? price : lowest;
                        highest = highest == null || price.compareTo(highest) > 0 ? price : highest;
                        paid = paid.add(price.multiply(BigDecimal.valueOf(units)));
                        pricedUnits += units;
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.order_number, a.code, a.attribute_value, l.units
                  FROM customers_order_attribute_fact a
                  JOIN customers_order_line_fact l ON l.order_number = a.order_number AND l.position = a.position
                  JOIN customers_order_fact o ON o.order_number = a.order_number
                 WHERE o.customer_id = ? AND o.cancelled_at IS NULL""")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    attributes.add(rs.getString(2) + "=" + rs.getString(3), rs.getLong(4), rs.getString(1));
                }
            }
        }
        BuyingHabits.PriceRange range = null;
        if (lowest != null && pricedUnits > 0) {
            range = new BuyingHabits.PriceRange(money(lowest, main), money(highest, main),
                    money(paid.divide(BigDecimal.valueOf(pricedUnits), 10, RoundingMode.HALF_EVEN), main));
        }
        Instant first = orders.isEmpty() ? null : orders.get(0).placedAt();
        Instant last = orders.isEmpty() ? null : orders.get(orders.size() - 1).placedAt();
        Long averageDays = orders.size() < 2 ? null
                : Math.round(Duration.between(first, last).toHours() / 24.0 / (orders.size() - 1));
        List<Money> totals = new ArrayList<>();
        spent.forEach((currency, amount) -> totals.add(money(amount, currency)));
        return Optional.of(new BuyingHabits(customerId, orders.size(), first, last, totals, range, averageDays,
                frequency(orders.size(), averageDays), brands.top(), types.top(), attributes.top()));
    }

    /** The label of a purchase rhythm: how many days lie between two orders on average. */
    static String frequency(long orderCount, Long averageDays) {
        if (orderCount == 0) {
            return "none";
        }
        if (averageDays == null) {
            return "once";
        }
        if (averageDays <= 10) {
            return "weekly";
        }
        if (averageDays <= 45) {
            return "monthly";
        }
        if (averageDays <= 120) {
            return "quarterly";
        }
        return averageDays <= 400 ? "yearly" : "occasional";
    }

    private static Money money(BigDecimal amount, String currency) {
        int digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        return new Money(amount.setScale(digits, RoundingMode.HALF_EVEN), currency);
    }

    /** Units and distinct orders per name. */
    private static final class Tally {
        private final Map<String, long[]> units = new LinkedHashMap<>();
        private final Map<String, Set<String>> orders = new HashMap<>();

        void add(String name, long n, String order) {
            if (name == null || name.isBlank()) {
                return;
            }
            units.computeIfAbsent(name, k -> new long[1])[0] += n;
            orders.computeIfAbsent(name, k -> new HashSet<>()).add(order);
        }

        List<BuyingHabits.Preference> top() {
            return units.entrySet().stream()
                    .map(e -> new BuyingHabits.Preference(e.getKey(), e.getValue()[0], orders.get(e.getKey()).size()))
                    .sorted(Comparator.comparingLong(BuyingHabits.Preference::units).reversed()
                            .thenComparing(Comparator.comparingLong(BuyingHabits.Preference::orders).reversed())
                            .thenComparing(BuyingHabits.Preference::name))
                    .limit(TOP)
                    .toList();
        }
    }
}
