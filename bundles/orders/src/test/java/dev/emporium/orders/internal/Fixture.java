package dev.emporium.orders.internal;

import dev.emporium.catalog.api.Catalog;
import dev.emporium.catalog.api.ProductRelations;
import dev.emporium.inventory.api.StockReservations;
import dev.emporium.orders.api.Address;
import dev.emporium.orders.api.PaymentProvider;
import dev.emporium.orders.internal.cart.CartBook;
import dev.emporium.orders.internal.checkout.CheckoutClaims;
import dev.emporium.orders.internal.checkout.CheckoutDesk;
import dev.emporium.orders.internal.checkout.CheckoutRequest;
import dev.emporium.orders.internal.order.OrderBook;
import dev.emporium.orders.internal.payment.BankTransfer;
import dev.emporium.orders.internal.payment.TestCard;
import dev.emporium.orders.internal.pricing.Pricing;
import dev.emporium.orders.internal.suggest.CartSuggestions;
import dev.emporium.platform.api.Access;
import dev.emporium.platform.api.Caller;
import dev.emporium.testing.MutableClock;
import dev.emporium.testing.TestDatabases;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Orders' services wired as the DS component wires them, on a test database and in-test catalog and inventory. */
public final class Fixture implements AutoCloseable {

    public final String engine;
    public final DataSource ds;
    public final TestStores.RecordingOutbox outbox;
    public final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    public final TestStores.Products products = new TestStores.Products();
    public final TestStores.Stock stock = new TestStores.Stock();
    public volatile Catalog catalogService;
    public volatile StockReservations reservations = stock;
    public volatile ProductRelations relations;
    public final Pricing pricing = Pricing.of("EUR", "default:0.20,DE:0.19", "0:4.90,2000:7.90,10000:14.90");
    public final CartBook carts;
    public final OrderBook orders;
    public final CheckoutDesk checkout;
    public final Collaborators departments;
    public final CartSuggestions suggestions;

    public static final Optional<Caller> GUEST = Optional.empty();

    public Fixture(String engine) {
        this.engine = engine;
        this.ds = TestStores.database(engine);
        this.outbox = new TestStores.RecordingOutbox(ds);
        this.catalogService = products.catalog();
        List<PaymentProvider> payments = List.of(new BankTransfer(), new TestCard());
        // a department that is away is waited for a moment only: these tests look at what happens when it stays away
        departments = new Collaborators(() -> catalogService, () -> reservations, () -> payments, () -> stock, () -> relations,
                Duration.ofMillis(100));
        carts = new CartBook(ds, clock, () -> pricing, () -> Duration.ofDays(30));
        orders = new OrderBook(ds, outbox, clock, departments);
        checkout = new CheckoutDesk(ds, clock, carts, orders, new CheckoutClaims(ds, clock, Duration.ofSeconds(15), Duration.ofMinutes(2)),
                departments, () -> pricing, () -> new CheckoutDesk.Holds(Duration.ofMinutes(15), Duration.ofHours(72)), TestStores.json());
        suggestions = new CartSuggestions(ds, carts, departments::relations);
    }

    /** The catalog as the department sees it: 503 while away. */
    public Catalog catalog() {
        return departments.catalog();
    }

    public static Optional<Caller> customer(String id) {
        return Optional.of(new Caller(id, Access.CUSTOMER, Set.of()));
    }

    public static CheckoutRequest card(String cartId, String cardNumber) {
        return new CheckoutRequest(cartId, "ann@example.org", address("FR"), "test-card", cardNumber);
    }

    public static CheckoutRequest bankTransfer(String cartId) {
        return new CheckoutRequest(cartId, "ann@example.org", address("DE"), "bank-transfer", null);
    }

    public static Address address(String country) {
        return new Address("Ann Buyer", "1 rue du Vin", null, "33000", "Bordeaux", country);
    }

    @Override
    public void close() {
        TestDatabases.drop(engine, ds);
    }
}
