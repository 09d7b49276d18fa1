package dev.emporium.platform.internal.http;

import org.junit.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;

public class UnservedServletsTest {

    private static final long S = 1_000_000_000L;
    private final UnservedServlets watch = new UnservedServlets(5 * S, 60 * S);

    @Test
    public void aServedServletIsNeverDue() {
        for (long t = 0; t < 100; t += 2) {
            assertEquals(List.of(), watch.due(Map.of("7/api", 11L), Set.of(11L), t * S));
        }
    }

    @Test
    public void anUnservedServletIsDueAfterTheGraceThenAfterGrowingWaits() {
        Map<String, Long> registered = Map.of("7/api", 11L);
        assertEquals(List.of(), watch.due(registered, Set.of(), 0));
        assertEquals("within the grace a registration may still be on its way", List.of(), watch.due(registered, Set.of(), 4 * S));
        assertEquals(List.of("7/api"), watch.due(registered, Set.of(), 5 * S));
        assertEquals(1, watch.attempts("7/api"));
        // registered again under a new service id, still unserved: the component's wait grows (10 s, then 20 s)
        Map<String, Long> again = Map.of("7/api", 12L);
        assertEquals(List.of(), watch.due(again, Set.of(), 14 * S));
        assertEquals(List.of("7/api"), watch.due(again, Set.of(), 15 * S));
        assertEquals(List.of(), watch.due(again, Set.of(), 34 * S));
        assertEquals(List.of("7/api"), watch.due(again, Set.of(), 35 * S));
        assertEquals(3, watch.attempts("7/api"));
    }

    @Test
    public void servedOrGoneForgetsTheServletAndAnotherStartsItsOwnGrace() {
        assertEquals(List.of(), watch.due(Map.of("7/api", 11L, "9/store", 20L), Set.of(20L), 0));
        assertEquals(List.of("7/api"), watch.due(Map.of("7/api", 11L, "9/store", 20L), Set.of(20L), 5 * S));
        assertEquals("now served", List.of(), watch.due(Map.of("7/api", 13L, "9/store", 20L), Set.of(13L, 20L), 6 * S));
        assertEquals(0, watch.attempts("7/api"));
        assertEquals("unserved again: a fresh grace", List.of(), watch.due(Map.of("7/api", 13L), Set.of(), 7 * S));
        assertEquals(List.of("7/api"), watch.due(Map.of("7/api", 13L), Set.of(), 12 * S));
        assertEquals(List.of(), watch.due(Map.of(), Set.of(), 13 * S));
        assertEquals("gone", 0, watch.attempts("7/api"));
    }
}
