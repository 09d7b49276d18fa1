package dev.emporium.customers.internal.store;

import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.Money;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.ValidationException;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Segments: named rules over a customer's reach, buying habits and B2B membership, evaluated on demand against what the
 * department knows at that moment (nothing is precomputed, so a segment is never stale). Every rule left null does not
 * filter; the rules that are set must all hold.
 */
public final class SegmentBook {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");
    private static final int BATCH = 500;

    /**
     * The rules of a segment.
     *
     * @param minInfluence          influence score at least this (0 to 100)
     * @param minOrders             at least this many orders not cancelled
     * @param maxOrders             at most this many
     * @param minDaysSinceLastOrder the last order at least this many days ago ("lapsed")
     * @param maxDaysSinceLastOrder the last order at most this many days ago ("active")
     * @param minTotalSpent         spent at least this much, counting the orders in this currency
     * @param brand                 bought this brand at least once (any letter case)
     * @param productType           bought this product type at least once
     * @param kind                  {@code B2B} (member of a company) or {@code B2C}
     */
    public record Rules(Integer minInfluence, Integer minOrders, Integer maxOrders, Integer minDaysSinceLastOrder,
                        Integer maxDaysSinceLastOrder, Money minTotalSpent, String brand, String productType, String kind) {
    }

    public record Segment(String code, String name, String description, Rules rules, Instant updatedAt) {
    }

    /** A segment as an agent writes it. */
    public record SegmentInput(String name, String description, Rules rules) {
    }

    /** A customer in a segment, with the figures the rules looked at. */
    public record SegmentMember(String customerId, String email, int influence, long orderCount, Instant lastOrderAt,
                                String company) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    public SegmentBook(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public List<Segment> list() {
        return Transactions.inTransaction(dataSource, c -> {
            List<Segment> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY code"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    public Optional<Segment> find(String code) {
        return Transactions.inTransaction(dataSource, c -> find(c, code));
    }

    /** Creates or replaces a segment. */
    public Segment define(String code, SegmentInput input) {
        String k = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        List<FieldError> errors = new ArrayList<>();
        if (!CODE.matcher(k).matches()) {
            errors.add(new FieldError("code", "must be lower case letters, digits and '-', such as lapsed-buyers"));
        }
        if (input == null) {
            throw new ValidationException("name", "is required");
        }
        String name = ProfileRules.text(errors, "name", input.name(), 100, true);
        String description = ProfileRules.text(errors, "description", input.description(), 500, false);
        Rules r = input.rules() == null ? new Rules(null, null, null, null, null, null, null, null, null) : input.rules();
        range(errors, "rules.minInfluence", r.minInfluence(), 0, 100);
        range(errors, "rules.minOrders", r.minOrders(), 0, 1_000_000);
        range(errors, "rules.maxOrders", r.maxOrders(), 0, 1_000_000);
        range(errors, "rules.minDaysSinceLastOrder", r.minDaysSinceLastOrder(), 0, 36_500);
        range(errors, "rules.maxDaysSinceLastOrder", r.maxDaysSinceLastOrder(), 0, 36_500);
        if (r.minOrders() != null && r.maxOrders() != null && r.minOrders() > r.maxOrders()) {
            errors.add(new FieldError("rules.maxOrders", "must not be below minOrders"));
        }
        if (r.minTotalSpent() != null && r.minTotalSpent().signum() < 0) {
            errors.add(new FieldError("rules.minTotalSpent", "must not be negative"));
        }
        String kind = ProfileRules.trim(r.kind());
        if (kind != null) {
            kind = kind.toUpperCase(Locale.ROOT);
            if (!kind.equals("B2B") && !kind.equals("B2C")) {
                errors.add(new FieldError("rules.kind", "must be B2B or B2C"));
            }
        }
        String brand = ProfileRules.text(errors, "rules.brand", r.brand(), 200, false);
        String type = ProfileRules.text(errors, "rules.productType", r.productType(), 100, false);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Rules rules = new Rules(r.minInfluence(), r.minOrders(), r.maxOrders(), r.minDaysSinceLastOrder(), r.maxDaysSinceLastOrder(),
                r.minTotalSpent(), brand, type, kind);
        Instant now = clock.instant();
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM customers_segment WHERE code = ?")) {
                ps.setString(1, k);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO customers_segment (code, name, description, min_influence, min_orders, max_orders,
                           min_days_since_last_order, max_days_since_last_order, min_total_spent, spent_currency, brand,
                           product_type, kind, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setString(1, k);
                ps.setString(2, name);
                ps.setString(3, description);
                setInt(ps, 4, rules.minInfluence());
                setInt(ps, 5, rules.minOrders());
                setInt(ps, 6, rules.maxOrders());
                setInt(ps, 7, rules.minDaysSinceLastOrder());
                setInt(ps, 8, rules.maxDaysSinceLastOrder());
                ps.setBigDecimal(9, rules.minTotalSpent() == null ? null : rules.minTotalSpent().amount());
                ps.setString(10, rules.minTotalSpent() == null ? null : rules.minTotalSpent().currency());
                ps.setString(11, rules.brand());
                ps.setString(12, rules.productType());
                ps.setString(13, rules.kind());
                Profiles.setInstant(ps, 14, now);
                ps.executeUpdate();
            }
            return find(c, k).orElseThrow();
        });
    }

    /** Deletes a segment; @throws NotFoundException when there is none with that code */
    public void delete(String code) {
        Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM customers_segment WHERE code = ?")) {
                ps.setString(1, code);
                if (ps.executeUpdate() == 0) {
                    throw new NotFoundException("no segment " + code);
                }
            }
            return null;
        });
    }

    /** The active customers the segment's rules select now, in id order, paged by customer id. */
    public Page<SegmentMember> members(String code, PageRequest page) {
        Segment segment = find(code).orElseThrow(() -> new NotFoundException("no segment " + code));
        Rules r = segment.rules();
        Instant now = clock.instant();
        return Transactions.inTransaction(dataSource, c -> {
            List<SegmentMember> found = new ArrayList<>();
            String after = page.cursor() == null ? "" : page.cursor();
            while (found.size() <= page.limit()) {
                int read = 0;
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT c.id, c.email,
                               (SELECT COALESCE(SUM(s.followers), 0) FROM customers_social_profile s WHERE s.customer_id = c.id),
                               (SELECT COUNT(*) FROM customers_order_fact o WHERE o.customer_id = c.id AND o.cancelled_at IS NULL),
                               (SELECT MAX(o.placed_at) FROM customers_order_fact o WHERE o.customer_id = c.id AND o.cancelled_at IS NULL),
                               (SELECT COALESCE(SUM(o.total), 0) FROM customers_order_fact o
                                 WHERE o.customer_id = c.id AND o.cancelled_at IS NULL AND o.currency = ?),
                               (SELECT co.name FROM customers_company_member m JOIN customers_company co ON co.id = m.company_id
                                 WHERE m.customer_id = c.id)
                          FROM customers_customer c
                         WHERE c.status = 'ACTIVE' AND c.id > ?
                         ORDER BY c.id FETCH FIRST ? ROWS ONLY""")) {
                    ps.setString(1, r.minTotalSpent() == null ? "" : r.minTotalSpent().currency());
                    ps.setString(2, after);
                    ps.setInt(3, BATCH);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            read++;
                            after = rs.getString(1);
                            int influence = ReachBook.influence(rs.getLong(3));
                            long orders = rs.getLong(4);
                            Instant last = Profiles.instant(rs, 5);
                            BigDecimal spent = rs.getBigDecimal(6);
                            String company = rs.getString(7);
                            if (matches(r, influence, orders, last, spent, company, now)
                                    && bought(c, after, "brand", r.brand()) && bought(c, after, "product_type", r.productType())) {
                                found.add(new SegmentMember(after, rs.getString(2), influence, orders, last, company));
                                if (found.size() > page.limit()) {
                                    break;
                                }
                            }
                        }
                    }
                }
                if (read < BATCH) {
                    break;
                }
            }
            boolean more = found.size() > page.limit();
            List<SegmentMember> items = found.subList(0, Math.min(found.size(), page.limit()));
            return new Page<>(List.copyOf(items), more ? items.get(items.size() - 1).customerId() : null);
        });
    }

    static boolean matches(Rules r, int influence, long orders, Instant lastOrder, BigDecimal spent, String company, Instant now) {
        if (r.minInfluence() != null && influence < r.minInfluence()) {
            return false;
        }
        if (r.minOrders() != null && orders < r.minOrders()) {
            return false;
        }
        if (r.maxOrders() != null && orders > r.maxOrders()) {
            return false;
        }
        Long days = lastOrder == null ? null : Duration.between(lastOrder, now).toDays();
        if (r.minDaysSinceLastOrder() != null && (days == null || days < r.minDaysSinceLastOrder())) {
            return false;
        }
        if (r.maxDaysSinceLastOrder() != null && (days == null || days > r.maxDaysSinceLastOrder())) {
            return false;
        }
        if (r.minTotalSpent() != null && (spent == null || spent.compareTo(r.minTotalSpent().amount()) < 0)) {
            return false;
        }
        if ("B2B".equals(r.kind()) && company == null) {
            return false;
        }
        return !("B2C".equals(r.kind()) && company != null);
    }

    private static boolean bought(Connection c, String customerId, String column, String value) throws SQLException {
        if (value == null) {
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM customers_order_line_fact l JOIN customers_order_fact o"
                + " ON o.order_number = l.order_number WHERE o.customer_id = ? AND o.cancelled_at IS NULL AND LOWER(l." + column
                + ") = ? FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, customerId);
            ps.setString(2, value.toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static final String SELECT = """
            SELECT code, name, description, min_influence, min_orders, max_orders, min_days_since_last_order,
                   max_days_since_last_order, min_total_spent, spent_currency, brand, product_type, kind, updated_at
              FROM customers_segment""";

    private static Optional<Segment> find(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Segment read(ResultSet rs) throws SQLException {
        BigDecimal spent = rs.getBigDecimal(9);
        Money minSpent = spent == null ? null : new Money(plain(spent), rs.getString(10));
        return new Segment(rs.getString(1), rs.getString(2), rs.getString(3), new Rules(integer(rs, 4), integer(rs, 5), integer(rs, 6),
                integer(rs, 7), integer(rs, 8), minSpent, rs.getString(11), rs.getString(12), rs.getString(13)), Profiles.instant(rs, 14));
    }

    private static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static void range(List<FieldError> errors, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
        }
    }
}
