package dev.emporium.orders.internal.order;

import dev.emporium.inventory.api.ReservationStatus;
import dev.emporium.orders.api.Cart;
import dev.emporium.orders.api.Order;
import dev.emporium.orders.api.OrderChange;
import dev.emporium.orders.api.OrderStatus;
import dev.emporium.orders.internal.Fixture;
import dev.emporium.orders.internal.TestStores;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.PageRequest;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.testing.TestDatabases;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.util.List;

import static dev.emporium.orders.internal.Fixture.GUEST;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** The order lifecycle on H2 and PostgreSQL: validated, audited, published, taking and freeing stock. */
@RunWith(Parameterized.class)
public class OrderLifecycleTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    private final String engine;
    private Fixture f;

    public OrderLifecycleTest(String engine) {
        this.engine = engine;
    }

    @Before
    public void setUp() {
        f = new Fixture(engine);
        f.products.put(TestStores.wine("W-1", "19.90", 6, "99.00", 1350));
        f.stock.available.put("W-1", 20L);
    }

    @After
    public void tearDown() {
        f.close();
    }

    private String bankTransferOrder(java.util.Optional<dev.emporium.platform.api.Caller> who) {
        Cart cart = f.carts.create(who);
        f.carts.add(cart.id(), who, "W-1", 6, 1L, f::catalog);
        return f.checkout.checkout(Fixture.bankTransfer(cart.id()), "key-" + cart.id(), who).orderNumber();
    }

    @Test
    public void aBankTransferOrderAwaitsPaymentThenGoesAllTheWayToDelivered() throws Exception {
        String n = bankTransferOrder(Fixture.customer("c-1"));
        Order o = f.orders.byNumber(n).orElseThrow();
        assertEquals(OrderStatus.AWAITING_PAYMENT, o.status());
        assertEquals("shipped to DE: 19%", "0.19", o.totals().taxRate().toPlainString());
        assertEquals(1, f.stock.count(ReservationStatus.HELD));
        assertEquals(14, f.stock.available("W-1"));

        expectConflict("is AWAITING_PAYMENT; it cannot become PACKED", () -> f.orders.pack(n, "ops"));
        assertEquals(OrderStatus.PAID, f.orders.markPaid(n, "ops", "bank ref 778").status());
        assertEquals("the held stock is taken", 1, f.stock.count(ReservationStatus.COMMITTED));
        assertEquals(OrderStatus.PACKED, f.orders.pack(n, "ops").status());
        try {
            f.orders.ship(n, " ", null, "ops");
            fail();
        } catch (ValidationException e) {
            assertEquals(List.of("carrier", "trackingNumber"), e.errors().stream().map(x -> x.field()).toList());
        }
        Order shipped = f.orders.ship(n, "Colissimo", "6A123", "ops");
        assertEquals("Colissimo", shipped.carrier());
        assertEquals("6A123", shipped.trackingNumber());
        expectConflict("is SHIPPED; it cannot become CANCELLED", () -> f.orders.cancel(n, "ops", "too late"));
        assertEquals(OrderStatus.DELIVERED, f.orders.deliver(n, "ops").status());
        expectConflict("is DELIVERED; it cannot become SHIPPED (it is final)", () -> f.orders.ship(n, "X", "Y", "ops"));

        List<OrderChange> history = f.orders.history(n);
        assertEquals(List.of(OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, OrderStatus.PACKED, OrderStatus.SHIPPED, OrderStatus.DELIVERED),
                history.stream().map(OrderChange::to).toList());
        assertNull(history.get(0).from());
        assertEquals("customer:c-1", history.get(0).actor());
        assertEquals("ops", history.get(1).actor());
        assertEquals("bank ref 778", history.get(1).note());
        assertEquals(List.of("ORDER_PLACED", "ORDER_PAID", "ORDER_PACKED", "ORDER_SHIPPED", "ORDER_DELIVERED"), f.outbox.topics());
        String placed = f.outbox.events().get(0);
        assertTrue(placed, placed.contains("\"customerId\":\"c-1\"") && placed.contains("\"skus\":[\"W-1\"]"));
        assertTrue(f.outbox.events().get(3), f.outbox.events().get(3).contains("\"trackingNumber\":\"6A123\""));
        assertEquals(List.of(n), f.orders.ofCustomer("c-1", 10).stream().map(Order::number).toList());
    }

    @Test
    public void cancellingAnUnpaidOrderFreesItsStockAndAPaidOneKeepsItTaken() throws Exception {
        String unpaid = bankTransferOrder(GUEST);
        assertEquals(OrderStatus.CANCELLED, f.orders.cancel(unpaid, "ops", "never paid").status());
        assertEquals(20, f.stock.available("W-1"));
        assertEquals(1, f.stock.count(ReservationStatus.RELEASED));
        expectConflict("is CANCELLED; it cannot become PAID (it is final)", () -> f.orders.markPaid(unpaid, "ops", null));

        String paid = bankTransferOrder(GUEST);
        f.orders.markPaid(paid, "ops", null);
        f.orders.cancel(paid, "ops", "customer asked");
        assertEquals("committed stock is not released by a cancellation (returns restock it)", 14, f.stock.available("W-1"));
        assertTrue(f.outbox.topics().contains("ORDER_CANCELLED"));
    }

    @Test
    public void markingPaidWaitsForInventory() {
        String n = bankTransferOrder(GUEST);
        f.reservations = null;
        try {
            f.orders.markPaid(n, "ops", null);
            fail();
        } catch (ProblemException e) {
            assertEquals(503, e.status());
        }
        assertEquals("nothing changed", OrderStatus.AWAITING_PAYMENT, f.orders.byNumber(n).orElseThrow().status());
        assertEquals(OrderStatus.PACKED, OrderStatus.PAID.next().stream().filter(s -> s != OrderStatus.CANCELLED).findFirst().orElseThrow());
    }

    @Test
    public void adminsPageThroughOrdersNewestFirst() {
        String a = bankTransferOrder(GUEST);
        String b = bankTransferOrder(GUEST);
        String c = bankTransferOrder(GUEST);
        f.orders.cancel(b, "ops", null);
        var first = f.orders.list(new PageRequest(null, 2), null);
        assertEquals(List.of(c, b), first.items().stream().map(Order::number).toList());
        var second = f.orders.list(new PageRequest(first.nextCursor(), 2), null);
        assertEquals(List.of(a), second.items().stream().map(Order::number).toList());
        assertNull(second.nextCursor());
        assertEquals(List.of(b), f.orders.list(new PageRequest(null, 10), OrderStatus.CANCELLED).items().stream().map(Order::number).toList());
    }

    private static void expectConflict(String fragment, Runnable r) {
        try {
            r.run();
            fail("expected a conflict: " + fragment);
        } catch (ConflictException e) {
            assertTrue(e.detail(), e.detail().contains(fragment));
        }
    }
}
