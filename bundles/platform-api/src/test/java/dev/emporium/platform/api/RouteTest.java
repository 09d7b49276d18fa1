package dev.emporium.platform.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class RouteTest {

    private static final RouteHandler NOTHING = r -> null;

    @Test
    public void refusesPathsOutsideApi() {
        for (String bad : new String[] {"/catalog/products", "/api", "api/catalog", "/apix/catalog", ""}) {
            var e = assertThrows(bad, IllegalArgumentException.class, () -> Route.open(HttpMethod.GET, bad, "s", NOTHING));
            assertEquals("route path must start with /api/: " + bad, e.getMessage());
        }
    }

    @Test
    public void factoriesSetAccessAndRole() {
        Route open = Route.open(HttpMethod.GET, "/api/catalog/products", "List products", NOTHING);
        assertEquals(Access.PUBLIC, open.access());
        assertNull(open.role());
        Route customer = Route.customer(HttpMethod.POST, "/api/orders/orders", "Place", NOTHING);
        assertEquals(Access.CUSTOMER, customer.access());
        Route admin = Route.admin(HttpMethod.DELETE, "/api/admin/catalog/products/{sku}", "catalog", "Delete", NOTHING);
        assertEquals(Access.ADMIN, admin.access());
        assertEquals("catalog", admin.role());
        assertEquals(HttpMethod.DELETE, admin.method());
    }

    @Test
    public void aMissingSummaryBecomesEmpty() {
        assertEquals("", Route.open(HttpMethod.GET, "/api/catalog/products", null, NOTHING).summary());
    }

    @Test
    public void refusesMissingParts() {
        assertThrows(NullPointerException.class, () -> Route.open(null, "/api/x/y", "s", NOTHING));
        assertThrows(NullPointerException.class, () -> Route.open(HttpMethod.GET, null, "s", NOTHING));
        assertThrows(NullPointerException.class, () -> Route.open(HttpMethod.GET, "/api/x/y", "s", null));
        assertThrows(NullPointerException.class, () -> new Route(HttpMethod.GET, "/api/x/y", null, null, "s", NOTHING));
    }
}
