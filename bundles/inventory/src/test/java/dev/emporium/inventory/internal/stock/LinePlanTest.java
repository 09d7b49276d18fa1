package dev.emporium.inventory.internal.stock;

import dev.emporium.inventory.api.ReservationLine;
import dev.emporium.inventory.api.ReservedLine;
import org.junit.Test;

import java.util.List;

import static org.junit.Assert.assertEquals;

public class LinePlanTest {

    private static final List<LinePlan.Offer> OFFERS = List.of(
            new LinePlan.Offer("warehouse", 3), new LinePlan.Offer("outlet", 0), new LinePlan.Offer("dropship", 20));

    @Test
    public void theFirstLocationWithTheWholeLineShipsIt() {
        assertEquals(List.of(new ReservedLine("W-1", "warehouse", 2)), LinePlan.plan(new ReservationLine("W-1", 2), OFFERS));
        assertEquals("one shipment beats priority", List.of(new ReservedLine("W-1", "dropship", 5)),
                LinePlan.plan(new ReservationLine("W-1", 5), OFFERS));
    }

    @Test
    public void aLineNoLocationHasAloneIsSplitInPriorityOrder() {
        List<LinePlan.Offer> offers = List.of(new LinePlan.Offer("warehouse", 3), new LinePlan.Offer("dropship", 4));
        assertEquals(List.of(new ReservedLine("W-1", "warehouse", 3), new ReservedLine("W-1", "dropship", 2)),
                LinePlan.plan(new ReservationLine("W-1", 5), offers));
    }

    @Test
    public void notEnoughAnywhereIsNoPlan() {
        assertEquals(List.of(), LinePlan.plan(new ReservationLine("W-1", 24), OFFERS));
        assertEquals(List.of(), LinePlan.plan(new ReservationLine("W-1", 1), List.of()));
    }
}
