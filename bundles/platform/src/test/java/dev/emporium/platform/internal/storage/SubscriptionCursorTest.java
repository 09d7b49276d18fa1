package dev.emporium.platform.internal.storage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;
import org.junit.Test;

public class SubscriptionCursorTest {

    @Test
    public void skippedIdsBecomeGapsThatCloseWhenTheirEventsCome() {
        SubscriptionCursor c = new SubscriptionCursor(10, List.of());
        c.pass(11, 1);
        c.pass(15, 2);
        assertEquals(15, c.passed());
        assertEquals(List.of(new SubscriptionCursor.Gap(12, 14, 2)), c.gaps());
        c.pass(13, 3);
        assertEquals(List.of(new SubscriptionCursor.Gap(12, 12, 2), new SubscriptionCursor.Gap(14, 14, 2)), c.gaps());
        assertEquals(12, c.lowestNeeded());
        String text = c.gapsText();
        assertEquals("12-12@2,14-14@2", text);
        SubscriptionCursor back = new SubscriptionCursor(15, SubscriptionCursor.parseGaps(text));
        back.pass(12, 4);
        back.pass(14, 4);
        assertNull(back.gapsText());
        assertEquals(16, back.lowestNeeded());
    }

    @Test
    public void oldGapsAreGivenUpAndTheirNumberIsBounded() {
        SubscriptionCursor c = new SubscriptionCursor(0, List.of());
        for (int i = 1; i <= SubscriptionCursor.MAX_GAPS + 5; i++) {
            c.pass(2L * i, i);
        }
        assertEquals(SubscriptionCursor.MAX_GAPS, c.gaps().size());
        assertEquals(5, c.dropped());
        assertEquals(11, c.lowestNeeded());
        c.expire(SubscriptionCursor.MAX_GAPS + 5);
        assertEquals(List.of(new SubscriptionCursor.Gap(2L * (SubscriptionCursor.MAX_GAPS + 5) - 1, 2L * (SubscriptionCursor.MAX_GAPS + 5) - 1,
                SubscriptionCursor.MAX_GAPS + 5)), c.gaps());
        assertEquals(List.of(), SubscriptionCursor.parseGaps("garbage,1-x@3"));
    }
}
