package dev.emporium.itests;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import javax.inject.Inject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The inventory department on a real Karaf: admin routes with their numbers and refusals, a discontinued SKU that can
 * no longer be reserved, its event reaching Event Admin, and the {@code inventory:} console commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InventoryIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    /** TestCallers' admin token; spelled out because the probe class loads before the platform API is installed. */
    private static final String MANAGER = "Bearer admin:inventory-manager";
    private static ServiceRegistration<?> callers;

    @Inject
    private BundleContext context;

    @Inject
    private FeaturesService features;

    @Inject
    private SessionFactory sessions;

    @Configuration
    public Option[] config() {
        return StockKaraf.options();
    }

    @Before
    public void installStore() throws Exception {
        Store.install(features, "emporium");
        Store.awaitHealth("\"name\":\"inventory\",\"state\":\"UP\"", 60);
        if (callers == null) {
            callers = TestCallers.register(context);
        }
    }

    @Test
    public void adminAdjustsReadsReservesCommitsAndReleases() throws Exception {
        HttpResponse<String> r = post("/api/admin/inventory/stock/W-IT-1/adjustments", MANAGER,
                "{\"location\":\"warehouse\",\"delta\":10,\"safetyStock\":1,\"reason\":\"delivery 1001\"}");
        assertEquals(r.body(), 201, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"onHandAfter\":10"));
        r = post("/api/admin/inventory/stock/W-IT-1/adjustments", MANAGER,
                "{\"location\":\"dropship\",\"set\":5,\"reason\":\"supplier stock\"}");
        assertEquals(r.body(), 201, r.statusCode());

        r = get("/api/admin/inventory/stock/W-IT-1", MANAGER);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"available\":14"));
        assertTrue(r.body(), r.body().contains("{\"location\":\"warehouse\",\"kind\":\"WAREHOUSE\",\"onHand\":10,\"reserved\":0,\"safetyStock\":1,\"available\":9}"));
        assertTrue(r.body(), r.body().contains("{\"location\":\"dropship\",\"kind\":\"DROP_SHIP\",\"onHand\":5,\"reserved\":0,\"safetyStock\":0,\"available\":5}"));
        assertTrue("the audit trail names who and why: " + r.body(),
                r.body().contains("\"reason\":\"delivery 1001\",\"actor\":\"test-admin\""));

        r = send(HttpRequest.newBuilder(Http.uri("/api/admin/inventory/reservations")).header("Authorization", MANAGER)
                .header("Content-Type", "application/json").header("Idempotency-Key", "order-it-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"lines\":[{\"sku\":\"W-IT-1\",\"quantity\":4}]}")));
        assertEquals(r.body(), 201, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"status\":\"HELD\""));
        long reservation = number(r.body(), "id");
        HttpResponse<String> again = send(HttpRequest.newBuilder(Http.uri("/api/admin/inventory/reservations")).header("Authorization", MANAGER)
                .header("Content-Type", "application/json").header("Idempotency-Key", "order-it-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"lines\":[{\"sku\":\"W-IT-1\",\"quantity\":4}]}")));
        assertEquals("the same Idempotency-Key gives the same reservation", reservation, number(again.body(), "id"));
        assertTrue(storefront("W-IT-1"), storefront("W-IT-1").contains("\"available\":10,\"sellable\":true"));

        r = post("/api/admin/inventory/reservations/" + reservation + "/commit", MANAGER, "");
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"status\":\"COMMITTED\""));
        r = get("/api/admin/inventory/stock/W-IT-1", MANAGER);
        assertTrue(r.body(), r.body().contains("\"onHand\":11,\"reserved\":0"));
        assertTrue(r.body(), r.body().contains("\"available\":10"));

        r = post("/api/admin/inventory/reservations", MANAGER, "{\"lines\":[{\"sku\":\"W-IT-1\",\"quantity\":10}],\"expiresInSeconds\":60}");
        assertEquals(r.body(), 201, r.statusCode());
        long second = number(r.body(), "id");
        assertTrue(storefront("W-IT-1"), storefront("W-IT-1").contains("\"available\":0,\"sellable\":false"));
        r = post("/api/admin/inventory/reservations", MANAGER, "{\"lines\":[{\"sku\":\"W-IT-1\",\"quantity\":1}]}");
        assertEquals(r.body(), 409, r.statusCode());
        assertTrue(r.body(), r.body().contains("not enough stock of W-IT-1"));
        r = post("/api/admin/inventory/reservations/" + second + "/release", MANAGER, "");
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"status\":\"RELEASED\""));
        assertTrue(storefront("W-IT-1"), storefront("W-IT-1").contains("\"available\":10,\"sellable\":true"));
    }

    @Test
    public void adminRoutesNeedTheInventoryManagerRole() throws Exception {
        String body = "{\"location\":\"warehouse\",\"delta\":10,\"reason\":\"x\"}";
        HttpResponse<String> r = Http.post("/api/admin/inventory/stock/W-IT-2/adjustments", "application/json", body.getBytes(StandardCharsets.UTF_8));
        assertEquals(r.body(), 401, r.statusCode());
        assertEquals(PROBLEM_JSON, mediaType(r));
        r = post("/api/admin/inventory/stock/W-IT-2/adjustments", TestCallers.admin("catalog-editor"), body);
        assertEquals(r.body(), 403, r.statusCode());
        r = get("/api/admin/inventory/stock/W-IT-2", TestCallers.customer("c-1"));
        assertEquals(r.body(), 403, r.statusCode());
        assertEquals("nothing was adjusted", 404, Http.get("/api/inventory/stock/W-IT-2").statusCode());
    }

    @Test
    public void badInputIsA400ProblemWithFieldErrorsAndChangesNothing() throws Exception {
        assertEquals(201, post("/api/admin/inventory/stock/W-IT-3/adjustments", MANAGER,
                "{\"location\":\"warehouse\",\"delta\":3,\"reason\":\"delivery\"}").statusCode());
        String[][] cases = {
                {"{\"location\":\"warehouse\",\"delta\":0,\"set\":-1,\"reason\":\" \"}", "\"field\":\"set\"", "\"field\":\"reason\""},
                {"{\"location\":\"moon\",\"delta\":5,\"reason\":\"delivery\"}", "\"field\":\"location\"", "known locations: warehouse, dropship"},
                {"{\"location\":\"warehouse\",\"delta\":\"five\",\"reason\":\"delivery\"}", "\"field\":\"delta\"", "\"status\":400"},
                {"{\"location\":\"warehouse\",\"reason\":\"delivery\"}", "\"field\":\"delta\"", "either delta or set is required"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = post("/api/admin/inventory/stock/W-IT-3/adjustments", MANAGER, c[0]);
            assertEquals(c[0] + " -> " + r.body(), 400, r.statusCode());
            assertEquals(PROBLEM_JSON, mediaType(r));
            for (int i = 1; i < c.length; i++) {
                assertTrue(c[0] + " -> " + r.body(), r.body().contains(c[i]));
            }
        }
        HttpResponse<String> r = post("/api/admin/inventory/stock/W%20IT/adjustments", MANAGER,
                "{\"location\":\"warehouse\",\"delta\":1,\"reason\":\"x\"}");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"sku\""));
        r = post("/api/admin/inventory/stock/W-IT-3/adjustments", MANAGER, "{\"location\":\"warehouse\",\"delta\":-4,\"reason\":\"theft\"}");
        assertEquals(r.body(), 409, r.statusCode());
        r = post("/api/admin/inventory/reservations", MANAGER, "{\"lines\":[{\"sku\":\"W-IT-3\",\"quantity\":0}],\"expiresInSeconds\":0}");
        assertEquals(r.body(), 400, r.statusCode());
        r = post("/api/admin/inventory/reservations/abc/commit", MANAGER, "");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"id\""));
        r = post("/api/admin/inventory/reservations/424242/commit", MANAGER, "");
        assertEquals(r.body(), 404, r.statusCode());

        r = get("/api/admin/inventory/stock/W-IT-3", MANAGER);
        assertTrue(r.body(), r.body().contains("\"available\":3,\"sellable\":true,\"discontinued\":false,\"onHand\":3,\"reserved\":0"));
        assertEquals("only the first adjustment is in the audit trail: " + r.body(), 1, r.body().split("\"reason\"").length - 1);
    }

    @Test
    public void aDiscontinuedSkuIsNeverReservedAndItsEventIsDelivered() throws Exception {
        List<Event> received = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, "emporium/inventory/DISCONTINUED");
        ServiceRegistration<EventHandler> reg = context.registerService(EventHandler.class, received::add, props);
        try {
            assertEquals(201, post("/api/admin/inventory/stock/W-IT-4/adjustments", MANAGER,
                    "{\"location\":\"warehouse\",\"delta\":6,\"reason\":\"delivery\"}").statusCode());
            HttpResponse<String> r = post("/api/admin/inventory/stock/W-IT-4/discontinue", MANAGER, "{\"reason\":\"the vineyard closed\"}");
            assertEquals(r.body(), 200, r.statusCode());
            assertTrue(r.body(), r.body().contains("\"discontinued\":true"));
            assertTrue(storefront("W-IT-4"), storefront("W-IT-4").contains("\"available\":0,\"sellable\":false"));

            r = post("/api/admin/inventory/reservations", MANAGER, "{\"lines\":[{\"sku\":\"W-IT-4\",\"quantity\":1}]}");
            assertEquals(r.body(), 410, r.statusCode());
            assertEquals(PROBLEM_JSON, mediaType(r));
            assertTrue(r.body(), r.body().contains("W-IT-4 is no longer sold"));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals("one DISCONTINUED event: " + received, 1, received.size());
            Event e = received.get(0);
            assertEquals("emporium/inventory/DISCONTINUED", e.getTopic());
            assertEquals("W-IT-4", e.getProperty("sku"));
            assertEquals("the vineyard closed", e.getProperty("reason"));
        } finally {
            reg.unregister();
        }
    }

    @Test
    public void consoleShowsAdjustsAndDiscontinues() throws Exception {
        String out = KarafConsole.execute(sessions, "inventory:adjust --reason 'delivery 77' W-IT-5 warehouse 12");
        assertTrue(out, out.contains("on hand 0 -> 12"));
        out = KarafConsole.execute(sessions, "inventory:adjust --reason 'broken bottle' W-IT-5 warehouse -2");
        assertTrue(out, out.contains("on hand 12 -> 10"));
        out = KarafConsole.execute(sessions, "inventory:stock W-IT-5");
        assertTrue(out, out.contains("W-IT-5: available 10, sellable"));
        assertTrue(out, out.matches("(?s).*Location\\s*\\|\\s*Kind\\s*\\|\\s*On hand\\s*\\|\\s*Reserved\\s*\\|\\s*Safety\\s*\\|\\s*Available.*"));
        assertTrue(out, out.matches("(?s).*warehouse\\s*\\|\\s*WAREHOUSE\\s*\\|\\s*10\\s*\\|\\s*0\\s*\\|\\s*0\\s*\\|\\s*10.*"));
        out = KarafConsole.execute(sessions, "inventory:adjust --reason 'oops' W-IT-5 moon 1");
        assertTrue(out, out.contains("Refused: location: no such location"));
        out = KarafConsole.execute(sessions, "inventory:discontinue --reason 'recalled' W-IT-5");
        assertTrue(out, out.contains("W-IT-5 is discontinued"));
        out = KarafConsole.execute(sessions, "inventory:stock W-IT-5");
        assertTrue(out, out.contains("W-IT-5: available 0, DISCONTINUED, not sellable"));
        HttpResponse<String> r = get("/api/admin/inventory/stock/W-IT-5", MANAGER);
        assertTrue("the console's adjustments are audited: " + r.body(), r.body().contains("\"reason\":\"broken bottle\",\"actor\":\"console:"));
        out = KarafConsole.execute(sessions, "inventory:stock W-NONE");
        assertTrue(out, out.contains("no stock record for SKU W-NONE"));
    }

    private static String storefront(String sku) throws Exception {
        HttpResponse<String> r = Http.get("/api/inventory/stock/" + sku);
        assertEquals(r.body(), 200, r.statusCode());
        assertFalse("storefronts see no location detail: " + r.body(), r.body().contains("warehouse"));
        return r.body();
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        return send(HttpRequest.newBuilder(Http.uri(path)).header("Authorization", authorization).GET());
    }

    private static HttpResponse<String> post(String path, String authorization, String json) throws Exception {
        return send(HttpRequest.newBuilder(Http.uri(path)).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return Http.send(request.timeout(Duration.ofSeconds(60)).build());
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertTrue(json, m.find());
        return Long.parseLong(m.group(1));
    }

    private static String mediaType(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
    }
}
