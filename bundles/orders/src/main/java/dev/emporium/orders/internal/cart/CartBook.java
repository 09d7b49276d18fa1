package dev.emporium.orders.internal.cart;

import dev.emporium.catalog.api.Catalog;
import dev.emporium.catalog.api.Product;
import dev.emporium.orders.api.Cart;
import dev.emporium.orders.api.CartLine;
import dev.emporium.orders.internal.Sql;
import dev.emporium.orders.internal.pricing.Pricing;
import dev.emporium.platform.api.Caller;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.GoneException;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.ValidationException;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Carts on a plain DataSource. A guest's cart is reached by its id, 24 random bytes: knowing the id is the right to it.
 * A signed-in customer's cart is reached only by that customer. Prices are the catalog's at the time a line is added;
 * checkout checks them again.
 */
public final class CartBook {

    /** A cart holds at most this many lines and this many packs per line. */
    public static final int MAX_LINES = 100;
    public static final long MAX_QUANTITY = 999;

    static final String OPEN = "OPEN";
    static final String CHECKED_OUT = "CHECKED_OUT";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A cart's row: what checkout needs beyond the cart itself. */
    public record Stored(Cart cart, String status, String checkoutKey, String orderNumber) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final Supplier<Pricing> pricing;
    private final Supplier<Duration> lifetime;

    public CartBook(DataSource dataSource, Clock clock, Supplier<Pricing> pricing, Supplier<Duration> lifetime) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.pricing = pricing;
        this.lifetime = lifetime;
    }

    /** A new empty cart, owned by {@code caller} when a customer is signed in. */
    public Cart create(Optional<Caller> caller) {
        String id = newId();
        String owner = customerId(caller);
        Instant now = clock.instant();
        Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO orders_cart (id, customer_id, status, created_at, updated_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                ps.setString(1, id);
                ps.setString(2, owner);
                ps.setString(3, OPEN);
                ps.setObject(4, Sql.timestamp(now));
                ps.setObject(5, Sql.timestamp(now));
                ps.setObject(6, Sql.timestamp(now.plus(lifetime.get())));
                ps.executeUpdate();
            }
            return null;
        });
        return get(id, caller);
    }

    public Cart get(String id, Optional<Caller> caller) {
        return Transactions.inTransaction(dataSource, c -> load(c, id, caller).cart());
    }

    /**
     * Adds {@code quantity} packs of {@code packSize} of a SKU at the catalog's price now; a line of the same SKU and
     * pack size grows.
     *
     * @throws GoneException       when the product is not on sale ("... is no longer sold")
     * @throws NotFoundException   when the catalog has no such product, or no such cart
     * @throws ValidationException when quantity or pack size are invalid
     * @param catalog asked only once the cart and the line are known valid (it answers 503 while being upgraded)
     */
    public Cart add(String id, Optional<Caller> caller, String sku, Integer packSize, Long quantity, Supplier<Catalog> catalog) {
        String s = CartRequests.sku(sku);
        int pack = CartRequests.packSize(packSize);
        long qty = CartRequests.quantity(quantity, false);
        Transactions.inTransaction(dataSource, c -> editable(c, id, caller));
        Product product = catalog.get().bySku(s).orElseThrow(() -> new NotFoundException("the catalog has no product " + s));
        if (!product.onSale()) {
            throw new GoneException(s + " is no longer sold");
        }
        Pricing prices = pricing.get();
        var price = prices.packPrice(product, pack);
        long unitWeight = product.shipping() == null ? 0 : product.shipping().weightGrams();
        long unitVolume = Pricing.unitVolume(product);
        Transactions.inTransaction(dataSource, c -> {
            Stored cart = editable(c, id, caller);
            Instant now = clock.instant();
            long existing = cart.cart().lines().stream().filter(l -> l.sku().equals(s) && l.packSize() == pack)
                    .mapToLong(CartLine::quantity).sum();
            if (existing + qty > MAX_QUANTITY) {
                throw new ValidationException("quantity", "at most " + MAX_QUANTITY + " packs of " + s + " per cart; the cart has " + existing);
            }
            if (existing == 0 && cart.cart().lines().size() >= MAX_LINES) {
                throw new ValidationException("sku", "a cart holds at most " + MAX_LINES + " lines");
            }
            if (existing > 0) {
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE orders_cart_line SET quantity = quantity + ?, name = ?, unit_price = ?, currency = ?, weight_grams = ?,
                            unit_volume_mm3 = ?
                        WHERE cart_id = ? AND sku = ? AND pack_size = ?""")) {
                    ps.setLong(1, qty);
                    ps.setString(2, product.name());
                    ps.setBigDecimal(3, price.amount());
                    ps.setString(4, price.currency());
                    ps.setLong(5, unitWeight);
                    ps.setLong(6, unitVolume);
                    ps.setString(7, id);
                    ps.setString(8, s);
                    ps.setInt(9, pack);
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO orders_cart_line (cart_id, sku, pack_size, quantity, name, unit_price, currency, weight_grams, added_at,
                            unit_volume_mm3)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                    ps.setString(1, id);
                    ps.setString(2, s);
                    ps.setInt(3, pack);
                    ps.setLong(4, qty);
                    ps.setString(5, product.name());
                    ps.setBigDecimal(6, price.amount());
                    ps.setString(7, price.currency());
                    ps.setLong(8, unitWeight);
                    ps.setObject(9, Sql.timestamp(now));
                    ps.setLong(10, unitVolume);
                    ps.executeUpdate();
                }
            }
            touch(c, id, now);
            return null;
        });
        return get(id, caller);
    }

    /** Sets a line's quantity; 0 removes it. Needs no catalog: the price stays the one the line was added at. */
    public Cart set(String id, Optional<Caller> caller, String sku, Integer packSize, Long quantity) {
        String s = CartRequests.sku(sku);
        int pack = CartRequests.packSize(packSize);
        long qty = CartRequests.quantity(quantity, true);
        Transactions.inTransaction(dataSource, c -> {
            editable(c, id, caller);
            int changed;
            if (qty == 0) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM orders_cart_line WHERE cart_id = ? AND sku = ? AND pack_size = ?")) {
                    ps.setString(1, id);
                    ps.setString(2, s);
                    ps.setInt(3, pack);
                    changed = ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("UPDATE orders_cart_line SET quantity = ? WHERE cart_id = ? AND sku = ? AND pack_size = ?")) {
                    ps.setLong(1, qty);
                    ps.setString(2, id);
                    ps.setString(3, s);
                    ps.setInt(4, pack);
                    changed = ps.executeUpdate();
                }
            }
            if (changed == 0) {
                throw new NotFoundException("the cart has no line of " + s + (pack == 1 ? "" : " in packs of " + pack));
            }
            touch(c, id, clock.instant());
            return null;
        });
        return get(id, caller);
    }

    /**
     * Reserves the cart for the checkout with {@code key}: while it runs, nobody edits the cart nor checks it out with
     * another key. Idempotent for the same key.
     *
     * @throws ConflictException when the cart is checked out already, or another checkout holds it
     */
    public Stored beginCheckout(String id, Optional<Caller> caller, String key) {
        return Transactions.inTransaction(dataSource, c -> {
            Stored cart = load(c, id, caller);
            if (CHECKED_OUT.equals(cart.status())) {
                throw new ConflictException("cart " + id + " was checked out already, as order " + cart.orderNumber());
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE orders_cart SET checkout_key = ? WHERE id = ? AND status = ? AND (checkout_key IS NULL OR checkout_key = ?)""")) {
                ps.setString(1, key);
                ps.setString(2, id);
                ps.setString(3, OPEN);
                ps.setString(4, key);
                if (ps.executeUpdate() == 0) {
                    throw new ConflictException("cart " + id + " is being checked out by another request; try again in a few seconds");
                }
            }
            return cart;
        });
    }

    /** The checkout with {@code key} ended without an order: the cart can be edited again. */
    public void endCheckout(String id, String key) {
        Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE orders_cart SET checkout_key = NULL WHERE id = ? AND checkout_key = ?")) {
                ps.setString(1, id);
                ps.setString(2, key);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The checkout with {@code key} placed an order: in the order's transaction, the cart is closed for good. */
    public static void checkedOut(Connection c, String id, String key, String orderNumber, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE orders_cart SET status = ?, order_number = ?, updated_at = ? WHERE id = ? AND checkout_key = ? AND status = ?""")) {
            ps.setString(1, CHECKED_OUT);
            ps.setString(2, orderNumber);
            ps.setObject(3, Sql.timestamp(now));
            ps.setString(4, id);
            ps.setString(5, key);
            ps.setString(6, OPEN);
            if (ps.executeUpdate() != 1) {
                throw new ConflictException("cart " + id + " changed during checkout");
            }
        }
    }

    private Stored editable(Connection c, String id, Optional<Caller> caller) throws SQLException {
        Stored cart = load(c, id, caller);
        if (CHECKED_OUT.equals(cart.status())) {
            throw new ConflictException("cart " + id + " was checked out as order " + cart.orderNumber() + "; start a new cart");
        }
        if (cart.checkoutKey() != null) {
            throw new ConflictException("cart " + id + " is being checked out; it cannot change now");
        }
        return cart;
    }

    private void touch(Connection c, String id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE orders_cart SET updated_at = ?, expires_at = ? WHERE id = ?")) {
            ps.setObject(1, Sql.timestamp(now));
            ps.setObject(2, Sql.timestamp(now.plus(lifetime.get())));
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    /** Loads a cart the caller may see. Another customer's cart is "not found": its existence is not the caller's business. */
    private Stored load(Connection c, String id, Optional<Caller> caller) throws SQLException {
        if (id == null || id.isBlank() || id.length() > 64) {
            throw new NotFoundException("no cart " + id);
        }
        String customer;
        String status;
        String checkoutKey;
        String orderNumber;
        Instant expiresAt;
        Instant updatedAt;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT customer_id, status, checkout_key, order_number, expires_at, updated_at FROM orders_cart WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("no cart " + id);
                }
                customer = rs.getString("customer_id");
                status = rs.getString("status");
                checkoutKey = rs.getString("checkout_key");
                orderNumber = rs.getString("order_number");
                expiresAt = Sql.instant(rs, "expires_at");
                updatedAt = Sql.instant(rs, "updated_at");
            }
        }
        if (customer != null && !customer.equals(customerId(caller))) {
            throw new NotFoundException("no cart " + id);
        }
        if (OPEN.equals(status) && checkoutKey == null && !expiresAt.isAfter(clock.instant())) {
            throw new GoneException("cart " + id + " expired on " + expiresAt + "; start a new cart");
        }
        List<CartLine> lines = new ArrayList<>();
        long volume = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT sku, pack_size, quantity, name, unit_price, currency, weight_grams, unit_volume_mm3 FROM orders_cart_line
                WHERE cart_id = ? ORDER BY added_at, sku, pack_size""")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CartLine line = Pricing.line(rs.getString("sku"), rs.getString("name"), rs.getInt("pack_size"), rs.getLong("quantity"),
                            Sql.money(rs, "unit_price", rs.getString("currency")), rs.getLong("weight_grams"));
                    lines.add(line);
                    volume += line.units() * rs.getLong("unit_volume_mm3");
                }
            }
        }
        Cart cart = new Cart(id, customer, lines, pricing.get().totals(lines, volume, null), expiresAt, updatedAt);
        return new Stored(cart, status, checkoutKey, orderNumber);
    }

    private static String customerId(Optional<Caller> caller) {
        return caller.filter(k -> k.kind() == dev.emporium.platform.api.Access.CUSTOMER).map(Caller::id).orElse(null);
    }

    private static String newId() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
