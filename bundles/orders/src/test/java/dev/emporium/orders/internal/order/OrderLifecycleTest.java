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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Set;

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
        expectConflict("is DELIVERED; it cannot become SHIPPED (next: RETURNED)", () -> f.orders.ship(n, "X", "Y", "ops"));

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
        assertTrue("a pack of 6 at 99.00: 16.50 a bottle: " + placed, placed.contains(
                "\"units\":6,\"packSize\":6,\"quantity\":1,\"unitPrice\":\"16.50\",\"packPrice\":\"99.00\",\"lineTotal\":\"99.00\""));
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
        assertEquals("a paid order's taken units go back to stock", 20, f.stock.available("W-1"));
        assertEquals(List.of("W-1@warehouse+6 cancelled order " + paid), f.stock.adjustments);
        String event = f.outbox.events().get(f.outbox.events().size() - 1);
        assertTrue(event, event.startsWith("ORDER_CANCELLED") && event.contains("\"restocked\":true")
                && event.contains("\"refund\":{\"outcome\":\"PENDING\",\"reference\":\"refund-" + paid + "\""));
        OrderChange last = f.orders.history(paid).get(f.orders.history(paid).size() - 1);
        assertTrue("the history says the transfer is to be wired back: " + last.note(),
                last.note().equals("customer asked; refund PENDING " + f.orders.byNumber(paid).orElseThrow().totals().total().amount()
                        .toPlainString() + " EUR (refund-" + paid + ")"));
    }

    private String cardOrder() {
        Cart cart = f.carts.create(GUEST);
        f.carts.add(cart.id(), GUEST, "W-1", null, 2L, f::catalog);
        return f.checkout.checkout(Fixture.card(cart.id(), "4242 4242 4242 4242"), "key-" + cart.id(), GUEST).orderNumber();
    }

    private void shipAndDeliver(String n) {
        f.orders.pack(n, "ops");
        f.orders.ship(n, "DHL", "T1", "ops");
        f.orders.deliver(n, "ops");
    }

    @Test
    public void aReturnedOrderIsRefundedByItsProviderAndRestockedWhereItWasTaken() throws Exception {
        String n = cardOrder();
        assertEquals(18, f.stock.available("W-1"));
        expectConflict("is PAID; it cannot become RETURNED", () -> f.orders.returned(n, "ops", "too early", true));
        shipAndDeliver(n);
        Order o = f.orders.returned(n, "ops", "corked", true);
        assertEquals(OrderStatus.RETURNED, o.status());
        assertEquals(20, f.stock.available("W-1"));
        assertEquals(List.of("W-1@warehouse+2 returned order " + n), f.stock.adjustments);
        String event = f.outbox.events().get(f.outbox.events().size() - 1);
        assertTrue(event, event.startsWith("ORDER_RETURNED") && event.contains("\"reason\":\"corked\"")
                && event.contains("\"restocked\":true") && event.contains("\"refund\":{\"outcome\":\"APPROVED\",\"reference\":\"test-refund-refund:" + n + "\""));
        assertEquals("RETURNED is final", Set.of(), OrderStatus.RETURNED.next());
        expectConflict("is RETURNED; it cannot become RETURNED (it is final)", () -> f.orders.returned(n, "ops", null, true));
        assertEquals("restocked once", 1, f.stock.adjustments.size());
    }

    @Test
    public void damagedGoodsComeBackRefundedButNotRestocked() throws Exception {
        String n = cardOrder();
        f.orders.pack(n, "ops");
        f.orders.ship(n, "DHL", "T1", "ops");
        f.orders.returned(n, "ops", "broken in transit", false);
        assertEquals(18, f.stock.available("W-1"));
        assertEquals(List.of(), f.stock.adjustments);
        String event = f.outbox.events().get(f.outbox.events().size() - 1);
        assertTrue(event, event.contains("\"restocked\":false") && event.contains("\"outcome\":\"APPROVED\""));
    }

    @Test
    public void aRefusedRefundChangesNothing() throws Exception {
        String n = cardOrder();
        shipAndDeliver(n);
        try (Connection c = f.ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE orders_order SET payment_reference = 'elsewhere-1' WHERE number = ?")) {
            ps.setString(1, n);
            ps.executeUpdate();
        }
        int events = f.outbox.events().size();
        expectConflict("the refund of order " + n + " was refused by test-card", () -> f.orders.returned(n, "ops", null, true));
        assertEquals(OrderStatus.DELIVERED, f.orders.byNumber(n).orElseThrow().status());
        assertEquals(List.of(), f.stock.adjustments);
        assertEquals(events, f.outbox.events().size());
    }

    @Test
    public void anExpiredHoldCancelsTheUnpaidOrderOnceWithItsReason() throws Exception {
        String unpaid = bankTransferOrder(GUEST);
        String paid = cardOrder();
        long held = f.orders.reservationId(unpaid);
        assertEquals(List.of(held), f.stock.expireAll());
        assertEquals(20 - 2, f.stock.available("W-1"));
        Order o = f.orders.holdExpired(held, Instant.parse("2026-03-04T10:00:00Z")).orElseThrow();
        assertEquals(OrderStatus.CANCELLED, o.status());
        OrderChange last = f.orders.history(unpaid).get(f.orders.history(unpaid).size() - 1);
        assertEquals("inventory:expiry", last.actor());
        assertEquals("the payment did not arrive before the stock hold expired on 2026-03-04T10:00:00Z", last.note());
        String event = f.outbox.events().get(f.outbox.events().size() - 1);
        assertTrue(event, event.startsWith("ORDER_CANCELLED") && event.contains("stock hold expired"));
        assertTrue("heard again: nothing more", f.orders.holdExpired(held, null).isEmpty());
        assertTrue("a paid order's reservation is not an unpaid hold", f.orders.holdExpired(f.orders.reservationId(paid), null).isEmpty());
        assertTrue(f.orders.holdExpired(987654, null).isEmpty());
        assertEquals(OrderStatus.PAID, f.orders.byNumber(paid).orElseThrow().status());
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
