package dev.emporium.platform.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

public class RouteResponseTest {

    @Test
    public void acceptsStatusesFrom200To599() {
        assertEquals(200, new RouteResponse(200, null, null).status());
        assertEquals(599, new RouteResponse(599, null, null).status());
    }

    @Test
    public void refusesStatusesOutOfRange() {
        for (int bad : new int[] {0, 100, 199, 600, -200}) {
            var e = assertThrows(IllegalArgumentException.class, () -> new RouteResponse(bad, null, Map.of()));
            assertEquals("status out of range: " + bad, e.getMessage());
        }
    }

    @Test
    public void factoriesSetStatusAndHeaders() {
        assertEquals(200, RouteResponse.ok("x").status());
        assertEquals("x", RouteResponse.ok("x").body());
        RouteResponse created = RouteResponse.created("/api/catalog/products/W-1", "body");
        assertEquals(201, created.status());
        assertEquals(Map.of("Location", "/api/catalog/products/W-1"), created.headers());
        assertEquals(202, RouteResponse.accepted(null).status());
        RouteResponse none = RouteResponse.noContent();
        assertEquals(204, none.status());
        assertNull(none.body());
        assertEquals(Map.of(), none.headers());
    }

    @Test
    public void withHeaderAddsOneHeaderAndLeavesTheOriginalAlone() {
        RouteResponse created = RouteResponse.created("/api/x/1", "b");
        RouteResponse more = created.withHeader("ETag", "\"v1\"");
        assertEquals(Map.of("Location", "/api/x/1", "ETag", "\"v1\""), more.headers());
        assertEquals(201, more.status());
        assertEquals("b", more.body());
        assertEquals(Map.of("Location", "/api/x/1"), created.headers());
        assertEquals("v2", more.withHeader("ETag", "v2").headers().get("ETag"));
    }

    @Test
    public void headersAreCopiedAndImmutable() {
        Map<String, String> headers = new HashMap<>(Map.of("A", "1"));
        RouteResponse r = new RouteResponse(200, null, headers);
        headers.put("B", "2");
        assertEquals(Map.of("A", "1"), r.headers());
        assertThrows(UnsupportedOperationException.class, () -> r.headers().put("C", "3"));
        assertEquals(Map.of(), new RouteResponse(200, null, null).headers());
    }
}
