package dev.emporium.orders.internal.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emporium.inventory.api.ReservationStatus;
import dev.emporium.orders.api.Cart;
import dev.emporium.orders.api.Order;
import dev.emporium.orders.api.OrderStatus;
import dev.emporium.orders.internal.Fixture;
import dev.emporium.orders.internal.TestStores;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.GoneException;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.testing.TestDatabases;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static dev.emporium.orders.internal.Fixture.GUEST;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Checkout on H2 and PostgreSQL: reservation, payment accepted and declined, idempotency by key (sequential and
 * concurrent), products no longer sold, prices changed since the cart was filled, stock too short.
 */
@RunWith(Parameterized.class)
public class CheckoutDeskTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    private final String engine;
    private Fixture f;

    public CheckoutDeskTest(String engine) {
        this.engine = engine;
    }

    @Before
    public void setUp() {
        f = new Fixture(engine);
        f.products.put(TestStores.wine("W-1", "19.90", 6, "99.00", 1350));
        f.products.put(TestStores.wine("W-2", "8.50", null, null, 750));
        f.stock.available.put("W-1", 20L);
        f.stock.available.put("W-2", 3L);
    }

    @After
    public void tearDown() {
        f.close();
    }

    private Cart cart(String sku, long quantity) {
        Cart cart = f.carts.create(GUEST);
        return f.carts.add(cart.id(), GUEST, sku, null, quantity, f::catalog);
    }

    @Test
    public void aCardCheckoutPaysReservesCommitsAndPublishes() throws Exception {
        Cart cart = cart("W-1", 2);
        f.carts.add(cart.id(), GUEST, "W-2", null, 1L, f::catalog);
        CheckoutDesk.Answer a = f.checkout.checkout(Fixture.card(cart.id(), "4242 4242 4242 4242"), "key-1", GUEST);
        assertEquals(201, a.status());
        assertTrue(a.orderNumber(), a.orderNumber().matches("EM-[A-Z2-9]{10}"));
        Order order = f.orders.byNumber(a.orderNumber()).orElseThrow();
        assertEquals(OrderStatus.PAID, order.status());
        assertEquals("48.30 EUR", order.totals().subtotal().toString());
        assertEquals("3450 g: 7.90", "7.90 EUR", order.totals().shipping().toString());
        assertEquals("(48.30 + 7.90) * 0.20", "11.24 EUR", order.totals().tax().toString());
        assertEquals("67.44 EUR", order.totals().total().toString());
        assertEquals(18, f.stock.available("W-1"));
        assertEquals(2, f.stock.available("W-2"));
        assertEquals(1, f.stock.count(ReservationStatus.COMMITTED));
        assertEquals(List.of("ORDER_PLACED", "ORDER_PAID"), f.outbox.topics());
        String placed = f.outbox.events().get(0);
        assertTrue(placed, placed.contains("\"skus\":[\"W-1\",\"W-2\"]") && placed.contains("\"email\":\"ann@example.org\"")
                && placed.contains("\"total\":\"67.44\""));
        assertTrue("each line says what was bought, at what price, as which brand and type: " + placed,
                placed.contains("{\"sku\":\"W-1\",\"units\":2,\"packSize\":1,\"quantity\":2,\"unitPrice\":\"19.90\",\"packPrice\":\"19.90\",\"lineTotal\":\"39.80\","
                        + "\"brand\":\"Domaine W-1\",\"productType\":\"wine\"}"));
        assertEquals(List.of("PLACED", "PAID"), f.orders.history(a.orderNumber()).stream().map(h -> h.to().name()).toList());
        JsonNode body = a.body();
        assertEquals(a.orderNumber(), body.path("order").path("number").asText());
        assertEquals("67.44", body.path("order").path("totals").path("total").path("amount").asText());
        CartBookTestAccess.expectCheckedOut(f, cart.id());
    }

    @Test
    public void theSameKeyReturnsTheSameAnswerAndNeverReservesOrChargesTwice() throws Exception {
        Cart cart = cart("W-1", 2);
        CheckoutDesk.Answer first = f.checkout.checkout(Fixture.card(cart.id(), "4242424242424242"), "key-1", GUEST);
        CheckoutDesk.Answer again = f.checkout.checkout(Fixture.card(cart.id(), "4242424242424242"), "key-1", GUEST);
        assertEquals(first, again);
        assertEquals(1, f.stock.reserveCalls.get());
        assertEquals(18, f.stock.available("W-1"));
        assertEquals(1, TestDatabases.count(f.ds, "SELECT COUNT(*) FROM orders_order"));
        Cart other = cart("W-2", 1);
        expect(ConflictException.class, "used for another cart", () -> f.checkout.checkout(Fixture.card(other.id(), "4242424242424242"), "key-1", GUEST));
        expect(ValidationException.class, "Idempotency-Key", () -> f.checkout.checkout(Fixture.card(other.id(), "4242424242424242"), null, GUEST));
    }

    @Test
    public void twentyConcurrentRetriesWithOneKeyMakeOneOrderAndOneReservation() throws Exception {
        Cart cart = cart("W-1", 2);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<CheckoutDesk.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit((Callable<CheckoutDesk.Answer>) () ->
                        f.checkout.checkout(Fixture.card(cart.id(), "4242424242424242"), "key-same", GUEST)));
            }
            CheckoutDesk.Answer first = answers.get(0).get();
            for (Future<CheckoutDesk.Answer> a : answers) {
                assertEquals(first, a.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, TestDatabases.count(f.ds, "SELECT COUNT(*) FROM orders_order"));
        assertEquals(1, f.stock.reservations.size());
        assertEquals(18, f.stock.available("W-1"));
    }

    @Test
    public void aDeclinedCardReleasesTheStockAnswers402AndKeepsAnswering402() throws Exception {
        Cart cart = cart("W-1", 2);
        ProblemException declined = expect(ProblemException.class, "declined",
                () -> f.checkout.checkout(Fixture.card(cart.id(), "4000 0000 0000 0002"), "key-1", GUEST));
        assertEquals(402, declined.status());
        assertEquals(20, f.stock.available("W-1"));
        assertEquals(1, f.stock.count(ReservationStatus.RELEASED));
        assertEquals(0, TestDatabases.count(f.ds, "SELECT COUNT(*) FROM orders_order"));
        assertEquals(List.of(), f.outbox.topics());
        ProblemException replay = expect(ProblemException.class, "declined",
                () -> f.checkout.checkout(Fixture.card(cart.id(), "4242424242424242"), "key-1", GUEST));
        assertEquals(402, replay.status());
        assertEquals(declined.detail(), replay.detail());
        assertEquals("the replay charged nothing and held nothing", 1, f.stock.reserveCalls.get());
        assertEquals("a new key with another card buys", 201,
                f.checkout.checkout(Fixture.card(cart.id(), "4242424242424242"), "key-2", GUEST).status());
    }

    @Test
    public void productsNoLongerSoldAreNamedAndNothingIsHeld() throws Exception {
        Cart cart = cart("W-1", 1);
        f.carts.add(cart.id(), GUEST, "W-2", null, 1L, f::catalog);
        f.products.put(TestStores.unsellable(f.products.bySku.get("W-1")));
        f.products.put(TestStores.unsellable(f.products.bySku.get("W-2")));
        expect(GoneException.class, "W-1, W-2 are no longer sold",
                () -> f.checkout.checkout(Fixture.card(cart.id(), "4242424242424242"), "key-1", GUEST));
        assertEquals(0, f.stock.reserveCalls.get());
        assertEquals(0, TestDatabases.count(f.ds, "SELECT COUNT(*) FROM orders_checkout"));
        f.carts.set(cart.id(), GUEST, "W-1", null, 0L);
        f.carts.set(cart.id(), GUEST, "W-2", null, 0L);
        f.products.put(TestStores.wine("W-1", "19.90", 6, "99.00", 1350));
        f.carts.add(cart.id(), GUEST, "W-1", null, 1L, f::catalog);
        assertEquals("the key is free again once the cart is fixed", 201,
                f.checkout.checkout(Fixture.card(cart.id(), "4242424242424242"), "key-1", GUEST).status());
    }

    @Test
    public void aChangedPriceIsAppliedAndReported() {
        Cart cart = cart("W-1", 2);
        f.products.put(TestStores.repriced(f.products.bySku.get("W-1"), "21.00"));
        CheckoutDesk.Answer a = f.checkout.checkout(Fixture.card(cart.id(), "4242424242424242"), "key-1", GUEST);
        JsonNode change = a.body().path("priceChanges").get(0);
        assertEquals("W-1", change.path("sku").asText());
        assertEquals("19.90", change.path("before").path("amount").asText());
        assertEquals("21.00", change.path("now").path("amount").asText());
        assertEquals("42.00 EUR", f.orders.byNumber(a.orderNumber()).orElseThrow().totals().subtotal().toString());
    }

    @Test
    public void notEnoughStockIsAConflictAndHoldsNothing() {
        Cart cart = cart("W-2", 4);
        expect(ConflictException.class, "not enough stock of W-2",
                () -> f.checkout.checkout(Fixture.card(cart.id(), "4242424242424242"), "key-1", GUEST));
        assertEquals(3, f.stock.available("W-2"));
        assertEquals(0, f.stock.reservations.size());
        assertEquals(0, TestDatabases.count(f.ds, "SELECT COUNT(*) FROM orders_order"));
    }

    @Test
    public void badRequestsAreRefusedFieldByFieldBeforeAnythingHappens() {
        Cart cart = cart("W-2", 1);
        ValidationException e = expect(ValidationException.class, "fields are invalid", () -> f.checkout.checkout(
                new CheckoutRequest(cart.id(), "not-an-email", new dev.emporium.orders.api.Address(" ", "1 rue", null, "1", "X", "france"),
                        "bitcoin", null), "key-1", GUEST));
        assertEquals(List.of("email", "shippingAddress.name", "shippingAddress.country", "paymentMethod"),
                e.errors().stream().map(x -> x.field()).toList());
        expect(ValidationException.class, "cardNumber", () -> f.checkout.checkout(Fixture.card(cart.id(), null), "key-1", GUEST));
        expect(ValidationException.class, "cardNumber", () -> f.checkout.checkout(Fixture.card(cart.id(), "12ab"), "key-1", GUEST));
        assertEquals(0, TestDatabases.count(f.ds, "SELECT COUNT(*) FROM orders_checkout"));
    }

    @Test
    public void checkoutWaitsForTheCatalogAndInventory() {
        Cart cart = cart("W-2", 1);
        f.reservations = null;
        ProblemException e = expect(ProblemException.class, "inventory is being upgraded",
                () -> f.checkout.checkout(Fixture.card(cart.id(), "4242424242424242"), "key-1", GUEST));
        assertEquals(503, e.status());
        f.reservations = f.stock;
        assertEquals("nothing was left behind by the refusal", 201,
                f.checkout.checkout(Fixture.card(cart.id(), "4242424242424242"), "key-1", GUEST).status());
    }

    @SuppressWarnings("unchecked")
    static <E extends ProblemException> E expect(Class<E> type, String fragment, Supplier<?> r) {
        try {
            r.get();
            fail("expected " + type.getSimpleName() + " with " + fragment);
            return null;
        } catch (ProblemException e) {
            assertTrue(e.getClass() + " " + e.detail(), type.isInstance(e));
            assertTrue(e.detail(), e.detail().contains(fragment));
            return (E) e;
        }
    }

    /** What a checked-out cart refuses. */
    static final class CartBookTestAccess {
        static void expectCheckedOut(Fixture f, String cartId) {
            expect(ConflictException.class, "was checked out", () -> f.carts.add(cartId, GUEST, "W-2", null, 1L, f::catalog));
        }
    }
}
