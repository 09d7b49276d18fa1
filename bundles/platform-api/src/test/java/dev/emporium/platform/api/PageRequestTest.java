package dev.emporium.platform.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class PageRequestTest {

    @Test
    public void defaultsToFiftyWithoutALimit() {
        PageRequest page = PageRequest.parse(null, null);
        assertEquals(50, page.limit());
        assertEquals(PageRequest.DEFAULT_LIMIT, page.limit());
        assertNull(page.cursor());
    }

    @Test
    public void readsTheLimitAndKeepsTheCursor() {
        PageRequest page = PageRequest.parse("abc123", " 20 ");
        assertEquals(20, page.limit());
        assertEquals("abc123", page.cursor());
    }

    @Test
    public void acceptsTheBounds() {
        assertEquals(1, PageRequest.parse(null, "1").limit());
        assertEquals(500, PageRequest.parse(null, "500").limit());
    }

    @Test
    public void refusesLimitsOutOfBoundsNamingLimit() {
        for (String bad : new String[] {"0", "-1", "501", "100000"}) {
            var e = assertThrows(bad, ValidationException.class, () -> PageRequest.parse(null, bad));
            assertEquals(bad, 1, e.errors().size());
            assertEquals(bad, "limit", e.errors().get(0).field());
            assertEquals(bad, "must be between 1 and 500", e.errors().get(0).message());
            assertEquals(400, e.status());
        }
    }

    @Test
    public void refusesANonNumericLimitNamingLimit() {
        for (String bad : new String[] {"ten", "", "1.5", "99999999999"}) {
            var e = assertThrows(bad, ValidationException.class, () -> PageRequest.parse(null, bad));
            assertEquals(bad, "limit", e.errors().get(0).field());
            assertEquals(bad, "must be a whole number between 1 and 500", e.errors().get(0).message());
        }
    }

    @Test
    public void refusesAnEmptyOrOverlongCursor() {
        var empty = assertThrows(ValidationException.class, () -> PageRequest.parse("", null));
        assertEquals("cursor", empty.errors().get(0).field());
        var tooLong = assertThrows(ValidationException.class, () -> PageRequest.parse("c".repeat(513), null));
        assertEquals("cursor", tooLong.errors().get(0).field());
        assertEquals(512, PageRequest.parse("c".repeat(512), null).cursor().length());
    }
}
