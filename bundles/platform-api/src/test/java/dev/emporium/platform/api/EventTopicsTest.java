package dev.emporium.platform.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class EventTopicsTest {

    @Test
    public void buildsTheTopic() {
        assertEquals("emporium/catalog/PRODUCT_CREATED", EventTopics.of("catalog", "PRODUCT_CREATED"));
        assertEquals("emporium/gift-cards2/X", EventTopics.of("gift-cards2", "X"));
    }

    @Test
    public void refusesBadDepartmentNames() {
        for (String bad : new String[] {"Catalog", "", "2catalog", "cata/log", "-x", "a".repeat(33), "cat alog"}) {
            var e = assertThrows(bad, IllegalArgumentException.class, () -> EventTopics.of(bad, "PRODUCT_CREATED"));
            assertEquals("not a department name: " + bad, e.getMessage());
        }
        assertEquals("emporium/" + "a".repeat(32) + "/X", EventTopics.of("a".repeat(32), "X"));
    }

    @Test
    public void refusesEventNamesThatAreNotUpperSnakeCase() {
        for (String bad : new String[] {"productCreated", "PRODUCT-CREATED", "", "_X", "1X", "X/Y", "A".repeat(65)}) {
            var e = assertThrows(bad, IllegalArgumentException.class, () -> EventTopics.of("catalog", bad));
            assertEquals("event names are UPPER_SNAKE_CASE: " + bad, e.getMessage());
        }
    }
}
