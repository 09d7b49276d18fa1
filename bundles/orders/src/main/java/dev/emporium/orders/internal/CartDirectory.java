package dev.emporium.orders.internal;

import dev.emporium.orders.api.Cart;
import dev.emporium.orders.api.CartLine;
import dev.emporium.orders.api.Carts;
import dev.emporium.orders.internal.pricing.Pricing;
import dev.emporium.platform.api.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Carts as other departments see them (support shows a visitor's cart to an agent and follows up abandoned
 * checkouts): read only, and only carts still open. A cart checked out is an order now, and an expired one is gone,
 * so neither is answered. Reads the tables {@link OrdersService} migrates, whose activation it waits for.
 */
@Component(service = Carts.class, configurationPid = OrdersConfig.PID)
public class CartDirectory implements Carts {

    private static final Logger LOG = LoggerFactory.getLogger(CartDirectory.class);
    private static final int MAX_LIMIT = 500;
    private static final String OPEN = "OPEN";

    private final DataSource dataSource;
    private final Clock clock;
    private volatile Supplier<Pricing> pricing;

    @Activate
    public CartDirectory(@Reference OrdersService orders, @Reference(target = "(dataSourceName=emporium)") DataSource dataSource,
                         OrdersConfig config) {
        this(dataSource, Clock.systemUTC(), pricingOf(config));
    }

    CartDirectory(DataSource dataSource, Clock clock, Pricing pricing) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.pricing = () -> pricing;
    }

    @Modified
    void modified(OrdersConfig config) {
        try {
            Pricing p = pricingOf(config);
            this.pricing = () -> p;
        } catch (IllegalArgumentException e) {
            LOG.error("Orders settings refused by the cart directory, the previous ones stay in force: {}", e.getMessage());
        }
    }

    private static Pricing pricingOf(OrdersConfig config) {
        return Pricing.of(config.currency(), config.taxRates(), config.shippingRates());
    }

    @Override
    public Optional<Cart> byId(String cartId) {
        if (cartId == null || cartId.isBlank() || cartId.length() > 64) {
            return Optional.empty();
        }
        return first("""
                SELECT id, customer_id, expires_at, updated_at FROM orders_cart
                WHERE id = ? AND status = ? AND expires_at > ?""", cartId);
    }

    @Override
    public Optional<Cart> ofCustomer(String customerId) {
        if (customerId == null || customerId.isBlank()) {
            return Optional.empty();
        }
        return first("""
                SELECT id, customer_id, expires_at, updated_at FROM orders_cart
                WHERE customer_id = ? AND status = ? AND expires_at > ?
                ORDER BY updated_at DESC, id FETCH FIRST 1 ROWS ONLY""", customerId);
    }

    @Override
    public List<Cart> idleSince(Instant idleSince, int limit) {
        if (idleSince == null || limit <= 0) {
            return List.of();
        }
        return Transactions.inTransaction(dataSource, c -> {
            List<Cart> carts = new ArrayList<>();
            // a cart being checked out (checkout_key set) is not abandoned: its buyer is paying right now
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, customer_id, expires_at, updated_at FROM orders_cart c
                    WHERE status = ? AND customer_id IS NOT NULL AND checkout_key IS NULL AND updated_at < ? AND expires_at > ?
                      AND EXISTS (SELECT 1 FROM orders_cart_line l WHERE l.cart_id = c.id)
                    ORDER BY updated_at, id FETCH FIRST %d ROWS ONLY""".formatted(Math.min(limit, MAX_LIMIT)))) {
                ps.setString(1, OPEN);
                ps.setObject(2, Sql.timestamp(idleSince));
                ps.setObject(3, Sql.timestamp(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        carts.add(cart(c, rs));
                    }
                }
            }
            return carts;
        });
    }

    private Optional<Cart> first(String sql, String key) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, key);
                ps.setString(2, OPEN);
                ps.setObject(3, Sql.timestamp(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(cart(c, rs)) : Optional.<Cart>empty();
                }
            }
        });
    }

    private Cart cart(Connection c, ResultSet row) throws SQLException {
        String id = row.getString("id");
        List<CartLine> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT sku, pack_size, quantity, name, unit_price, currency, weight_grams FROM orders_cart_line
                WHERE cart_id = ? ORDER BY added_at, sku, pack_size""")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(Pricing.line(rs.getString("sku"), rs.getString("name"), rs.getInt("pack_size"), rs.getLong("quantity"),
                            Sql.money(rs, "unit_price", rs.getString("currency")), rs.getLong("weight_grams")));
                }
            }
        }
        return new Cart(id, row.getString("customer_id"), lines, pricing.get().totals(lines, null),
                Sql.instant(row, "expires_at"), Sql.instant(row, "updated_at"));
    }
}
