package dev.emporium.platform.internal.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.emporium.platform.api.DepartmentRoutes;
import dev.emporium.platform.api.HttpMethod;
import dev.emporium.platform.api.Route;
import dev.emporium.platform.api.RouteHandler;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

public class RouteTableTest {

    private static final RouteHandler NOTHING = r -> null;

    /** A department publishing a fixed list of routes. */
    private record Department(String department, List<Route> routes) implements DepartmentRoutes {
        static Department of(String department, Route... routes) {
            return new Department(department, List.of(routes));
        }
    }

    private static Route get(String path) {
        return Route.open(HttpMethod.GET, path, "", NOTHING);
    }

    private static Route of(HttpMethod method, String path) {
        return Route.open(method, path, "", NOTHING);
    }

    private static RouteTable.Match find(RouteTable table, HttpMethod method, String path) {
        return table.find(method, PathTemplate.split(path));
    }

    private final RouteTable table = new RouteTable();

    @Test
    public void findsAnAddedRouteWithItsParameters() {
        Route byId = get("/api/catalog/items/{id}");
        table.add(Department.of("catalog", byId));
        var found = (RouteTable.Found) find(table, HttpMethod.GET, "/api/catalog/items/W-1");
        assertSame(byId, found.entry().route());
        assertEquals("catalog", found.entry().department());
        assertEquals(Map.of("id", "W-1"), found.params());
    }

    @Test
    public void removingADepartmentTakesItsRoutesAway() throws Exception {
        Department catalog = Department.of("catalog", get("/api/catalog/items"));
        table.add(catalog);
        assertTrue(table.hasDepartment("catalog"));
        table.remove(catalog, 0);
        assertFalse(table.hasDepartment("catalog"));
        assertTrue(find(table, HttpMethod.GET, "/api/catalog/items") instanceof RouteTable.NoRoute);
        assertTrue(table.entries().isEmpty());
    }

    @Test
    public void removalWaitsForTheRequestsInFlightAndRefusesNewOnes() throws Exception {
        Department catalog = Department.of("catalog", get("/api/catalog/items"));
        table.add(catalog);
        var found = (RouteTable.Found) find(table, HttpMethod.GET, "/api/catalog/items");
        assertTrue(found.entry().source().enter());
        java.util.concurrent.CompletableFuture<Integer> removal = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return table.remove(catalog, 5_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertFalse("the removal waits while a request runs", removal.isDone());
        assertFalse("no new request enters a stopping department", found.entry().source().enter());
        assertTrue("new lookups no longer find it", find(table, HttpMethod.GET, "/api/catalog/items") instanceof RouteTable.NoRoute);
        found.entry().source().leave();
        assertEquals(Integer.valueOf(0), removal.get(2, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    public void removalGivesUpWaitingAfterTheDrainTime() throws Exception {
        Department catalog = Department.of("catalog", get("/api/catalog/items"));
        table.add(catalog);
        var found = (RouteTable.Found) find(table, HttpMethod.GET, "/api/catalog/items");
        assertTrue(found.entry().source().enter());
        long t0 = System.nanoTime();
        assertEquals(1, table.remove(catalog, 150));
        assertTrue(System.nanoTime() - t0 >= 140_000_000L);
    }

    @Test
    public void theMoreLiteralRouteWinsWhicheverWasAddedFirst() {
        Route byId = get("/api/x/items/{id}");
        Route search = get("/api/x/items/search");
        table.add(Department.of("x", byId, search));
        var found = (RouteTable.Found) find(table, HttpMethod.GET, "/api/x/items/search");
        assertSame(search, found.entry().route());
        assertEquals(Map.of(), found.params());

        RouteTable reversed = new RouteTable();
        reversed.add(Department.of("x", search, byId));
        assertSame(search, ((RouteTable.Found) find(reversed, HttpMethod.GET, "/api/x/items/search")).entry().route());
        assertSame(byId, ((RouteTable.Found) find(reversed, HttpMethod.GET, "/api/x/items/42")).entry().route());
    }

    @Test
    public void aWrongMethodListsTheAllowedOnes() {
        table.add(Department.of("x", get("/api/x/items/{id}"), of(HttpMethod.PUT, "/api/x/items/{id}"),
                of(HttpMethod.POST, "/api/x/items")));
        var wrong = (RouteTable.WrongMethod) find(table, HttpMethod.DELETE, "/api/x/items/7");
        assertEquals(EnumSet.of(HttpMethod.GET, HttpMethod.PUT), wrong.allowed());
    }

    @Test
    public void noRouteWhenNothingMatches() {
        table.add(Department.of("x", get("/api/x/items/{id}")));
        assertTrue(find(table, HttpMethod.GET, "/api/x/items") instanceof RouteTable.NoRoute);
        assertTrue(find(table, HttpMethod.GET, "/api/x/items/7/more") instanceof RouteTable.NoRoute);
        assertTrue(find(table, HttpMethod.GET, "/api/y/items/7") instanceof RouteTable.NoRoute);
        assertTrue(new RouteTable().find(HttpMethod.GET, List.of("api", "x")) instanceof RouteTable.NoRoute);
    }

    @Test
    public void aRouteOutsideItsDepartmentIsRefusedAndNothingOfTheSetIsAdded() {
        var e = assertThrows(IllegalArgumentException.class, () -> table.add(
                Department.of("catalog", get("/api/catalog/items"), get("/api/orders/orders"))));
        assertEquals("route /api/orders/orders lies outside department catalog", e.getMessage());
        assertFalse(table.hasDepartment("catalog"));
        assertEquals(Map.of(), table.routeCounts());
        assertTrue(find(table, HttpMethod.GET, "/api/catalog/items") instanceof RouteTable.NoRoute);
    }

    @Test
    public void anInvalidTemplateIsRefusedAndNothingOfTheSetIsAdded() {
        assertThrows(IllegalArgumentException.class, () -> table.add(
                Department.of("catalog", get("/api/catalog/items"), get("/api/catalog/{a}/{a}"))));
        assertTrue(table.entries().isEmpty());
    }

    @Test
    public void adminRoutesBelongToTheDepartmentAfterAdmin() {
        table.add(Department.of("catalog", get("/api/admin/catalog/items")));
        assertTrue(find(table, HttpMethod.GET, "/api/admin/catalog/items") instanceof RouteTable.Found);
        assertThrows(IllegalArgumentException.class,
                () -> new RouteTable().add(Department.of("catalog", get("/api/admin/orders/items"))));
    }

    @Test
    public void thePlatformMayRouteAnywhereUnderApi() {
        table.add(Department.of("platform", get("/api/health"), get("/api/openapi.json")));
        assertEquals(Map.of("platform", 2), table.routeCounts());
    }

    @Test
    public void hasDepartmentOnlyWhileItsRoutesArePresent() throws Exception {
        assertFalse(table.hasDepartment("catalog"));
        table.add(Department.of("catalog", get("/api/catalog/items")));
        assertTrue(table.hasDepartment("catalog"));
        assertFalse(table.hasDepartment("orders"));
    }

    @Test
    public void aRemovedDepartmentDepartedRecentlyWithinTheMemoryWindow() throws Exception {
        Department catalog = Department.of("catalog", get("/api/catalog/items"));
        table.add(catalog);
        assertFalse("still here", table.departedRecently("catalog", TimeUnit.MINUTES.toNanos(1)));
        table.remove(catalog, 0);
        assertTrue(table.departedRecently("catalog", TimeUnit.MINUTES.toNanos(1)));
        assertFalse("a zero window remembers nothing", table.departedRecently("catalog", 0));
        assertFalse("never seen", table.departedRecently("orders", TimeUnit.MINUTES.toNanos(1)));
    }

    @Test
    public void aDepartmentThatComesBackHasNotDeparted() throws Exception {
        Department catalog = Department.of("catalog", get("/api/catalog/items"));
        table.add(catalog);
        table.remove(catalog, 0);
        table.add(Department.of("catalog", get("/api/catalog/items")));
        assertFalse(table.departedRecently("catalog", TimeUnit.MINUTES.toNanos(1)));
    }

    @Test
    public void aDepartmentWithAnotherSourceLeftHasNotDeparted() throws Exception {
        Department first = Department.of("catalog", get("/api/catalog/items"));
        Department second = Department.of("catalog", get("/api/catalog/brands"));
        table.add(first);
        table.add(second);
        table.remove(first, 0);
        assertTrue(table.hasDepartment("catalog"));
        assertFalse(table.departedRecently("catalog", TimeUnit.MINUTES.toNanos(1)));
        assertEquals(Map.of("catalog", 1), table.routeCounts());
    }

    @Test(timeout = 5_000)
    public void awaitDepartmentReturnsWhenAnotherThreadAddsIt() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        Thread adder = new Thread(() -> {
            try {
                waiting.await();
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            table.add(Department.of("catalog", get("/api/catalog/items")));
        });
        adder.start();
        long start = System.nanoTime();
        waiting.countDown();
        assertTrue(table.awaitDepartment("catalog", start + TimeUnit.MILLISECONDS.toNanos(900)));
        long waited = System.nanoTime() - start;
        assertTrue("returned as soon as the routes came, not at the deadline: " + waited,
                waited < TimeUnit.MILLISECONDS.toNanos(800));
        adder.join();
    }

    @Test(timeout = 5_000)
    public void awaitDepartmentGivesUpAtTheDeadline() throws Exception {
        long start = System.nanoTime();
        assertFalse(table.awaitDepartment("catalog", start + TimeUnit.MILLISECONDS.toNanos(150)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150));
    }

    @Test
    public void awaitDepartmentReturnsAtOnceWhenPresent() throws Exception {
        table.add(Department.of("catalog", get("/api/catalog/items")));
        assertTrue(table.awaitDepartment("catalog", System.nanoTime() - 1));
    }

    @Test
    public void routeCountsPerDepartmentSortedByName() {
        table.add(Department.of("orders", get("/api/orders/a"), get("/api/orders/b"), get("/api/admin/orders/c")));
        table.add(Department.of("catalog", get("/api/catalog/a")));
        assertEquals(List.of("catalog", "orders"), List.copyOf(table.routeCounts().keySet()));
        assertEquals(Map.of("catalog", 1, "orders", 3), table.routeCounts());
    }
}
