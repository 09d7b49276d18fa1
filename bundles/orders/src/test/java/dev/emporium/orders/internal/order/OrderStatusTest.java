package dev.emporium.orders.internal.order;

import dev.emporium.orders.api.OrderStatus;
import org.junit.Test;

import java.util.EnumSet;
import java.util.Set;

import static dev.emporium.orders.api.OrderStatus.AWAITING_PAYMENT;
import static dev.emporium.orders.api.OrderStatus.CANCELLED;
import static dev.emporium.orders.api.OrderStatus.DELIVERED;
import static dev.emporium.orders.api.OrderStatus.PACKED;
import static dev.emporium.orders.api.OrderStatus.PAID;
import static dev.emporium.orders.api.OrderStatus.PLACED;
import static dev.emporium.orders.api.OrderStatus.RETURNED;
import static dev.emporium.orders.api.OrderStatus.SHIPPED;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** The lifecycle's transitions, all of them. */
public class OrderStatusTest {

    @Test
    public void everyTransitionIsListed() {
        assertEquals(Set.of(PAID, CANCELLED), PLACED.next());
        assertEquals(Set.of(PAID, CANCELLED), AWAITING_PAYMENT.next());
        assertEquals(Set.of(PACKED, CANCELLED), PAID.next());
        assertEquals(Set.of(SHIPPED, CANCELLED), PACKED.next());
        assertEquals(Set.of(DELIVERED, RETURNED), SHIPPED.next());
        assertEquals(Set.of(RETURNED), DELIVERED.next());
        assertEquals(Set.of(), CANCELLED.next());
        assertEquals(Set.of(), RETURNED.next());
    }

    @Test
    public void nothingSkipsAStepNorGoesBack() {
        int allowed = 0;
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                if (from.mayBecome(to)) {
                    allowed++;
                    assertTrue(from + " -> " + to, to == CANCELLED || to.ordinal() > from.ordinal());
                }
            }
        }
        assertEquals(11, allowed);
        assertFalse(PAID.mayBecome(SHIPPED));
        assertFalse(SHIPPED.mayBecome(CANCELLED));
        assertFalse(AWAITING_PAYMENT.mayBecome(PACKED));
    }

    @Test
    public void onlyUnpaidOrdersHoldTheirStockUncommitted() {
        assertEquals(EnumSet.of(PLACED, AWAITING_PAYMENT),
                EnumSet.copyOf(java.util.Arrays.stream(OrderStatus.values()).filter(OrderStatus::holdsReservation).toList()));
    }
}
