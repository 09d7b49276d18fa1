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
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import javax.inject.Inject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * no longer be reserved, its event reaching Event Admin, and the {@code inventory:} console commands; supplier sources
 * configured through Config Admin with real feed files, synced by the console and by HTTP, with their reports; a
 * supplier feed that discontinues a wine the storefront then never sells; bad rows, unreadable feeds and bad
 * configuration; a price proposed from a supplier cost, accepted, and set by the catalog.
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

    @Inject
    private ConfigurationAdmin configAdmin;

    private static final String EDITOR = "Bearer admin:catalog-editor";

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
        // Only this SKU's: supplier syncs in other methods of this class discontinue SKUs too.
        ServiceRegistration<EventHandler> reg = context.registerService(EventHandler.class, e -> {
            if ("W-IT-4".equals(e.getProperty("sku"))) {
                received.add(e);
            }
        }, props);
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

    // --- supplier and warehouse sources ---

    /** A feed file in the Karaf data folder. */
    private static Path feed(String name, String text) throws Exception {
        Path dir = Path.of(System.getProperty("karaf.data"), "feeds");
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** Configures a source through Config Admin and waits until the admin routes list it. */
    private void source(String name, String... keyValues) throws Exception {
        Dictionary<String, Object> props = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        configAdmin.getFactoryConfiguration("dev.emporium.inventory.source", name, "?").update(props);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            HttpResponse<String> r = get("/api/admin/inventory/sources", MANAGER);
            if (r.body().contains("\"name\":\"" + name + "\"")) {
                return;
            }
            assertTrue("source " + name + " never appeared: " + r.body(), System.nanoTime() < deadline);
            Thread.sleep(100);
        }
    }

    @Test
    public void aSourceConfiguredThroughConfigAdminSyncsItsFileByConsoleAndRoute() throws Exception {
        Path file = feed("it-acme.csv", """
                sku,quantity,cost,currency,discontinued
                W-SRC-1,12,6.40,EUR,no
                W-SRC-2,3,,,
                "W-SRC-3",0,2.5,EUR,
                """);
        source("it-acme", "url", file.toString(), "location", "dropship", "missingRunsBeforeDiscontinued", "2");

        String out = KarafConsole.execute(sessions, "inventory:sources");
        assertTrue(out, out.matches("(?s).*it-acme\\s*\\|\\s*csv .*it-acme.csv\\s*\\|\\s*dropship\\s*\\|\\s*on demand\\s*\\|\\s*no\\s*\\|\\s*never.*"));
        out = KarafConsole.execute(sessions, "inventory:sync it-acme");
        assertTrue(out, out.contains("of it-acme: APPLIED (console"));
        assertTrue(out, out.contains("rows 3, added 3, changed 0, unchanged 0, discontinued 0, rejected 0"));
        HttpResponse<String> r = get("/api/admin/inventory/stock/W-SRC-1", MANAGER);
        assertTrue(r.body(), r.body().contains("{\"location\":\"dropship\",\"kind\":\"DROP_SHIP\",\"onHand\":12,\"reserved\":0,\"safetyStock\":0,\"available\":12}"));

        r = post("/api/admin/inventory/sources/it-acme/sync", MANAGER, "");
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue("the same feed again changes nothing: " + r.body(), r.body().contains("\"status\":\"APPLIED\",\"trigger\":\"http\""));
        assertTrue(r.body(), r.body().contains("\"rows\":3,\"added\":0,\"changed\":0,\"unchanged\":3"));

        Files.writeString(file, "sku,quantity,cost,currency,discontinued\nW-SRC-1,10,6.40,EUR,no\nW-SRC-3,0,2.5,EUR,\n");
        r = post("/api/admin/inventory/sources/it-acme/sync", MANAGER, "");
        assertTrue(r.body(), r.body().contains("\"changed\":1,\"unchanged\":1,\"discontinued\":0"));
        r = post("/api/admin/inventory/sources/it-acme/sync", MANAGER, "");
        assertTrue("W-SRC-2 missing from two feeds in a row: " + r.body(), r.body().contains("\"discontinued\":1"));
        assertTrue(storefront("W-SRC-2"), storefront("W-SRC-2").contains("\"available\":0,\"sellable\":false"));

        r = get("/api/admin/inventory/sync-reports?source=it-acme&limit=10", MANAGER);
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals(r.body(), 4, r.body().split("\"source\":\"it-acme\"").length - 1);
        r = get("/api/admin/inventory/sources", MANAGER);
        assertTrue(r.body(), r.body().contains("\"lastReport\":{"));
        out = KarafConsole.execute(sessions, "inventory:reports it-acme");
        assertTrue(out, out.matches("(?s).*it-acme\\s*\\|\\s*APPLIED.*"));
        out = KarafConsole.execute(sessions, "inventory:sync nowhere");
        assertTrue(out, out.contains("no inventory source nowhere"));
        assertEquals(404, post("/api/admin/inventory/sources/nowhere/sync", MANAGER, "").statusCode());
        assertEquals(403, post("/api/admin/inventory/sources/it-acme/sync", TestCallers.admin("catalog-editor"), "").statusCode());
    }

    @Test
    public void badRowsAreAppliedAroundOnlyWhenTheSourceSaysSoAndAnUnreadableFeedChangesNothing() throws Exception {
        String bad = """
                sku,quantity
                W-BAD-1,5
                W-BAD-2,five
                W-BAD-3,-1
                W-BAD-4,"2"x
                W-BAD-5,7
                """;
        source("it-strict", "url", feed("it-strict.csv", bad).toString(), "location", "warehouse");
        source("it-partial", "url", feed("it-partial.csv", bad).toString(), "location", "warehouse", "acceptPartial", "true");

        HttpResponse<String> r = post("/api/admin/inventory/sources/it-strict/sync", MANAGER, "");
        assertTrue(r.body(), r.body().contains("\"status\":\"REJECTED\""));
        assertTrue(r.body(), r.body().contains("\"rejected\":3"));
        assertTrue(r.body(), r.body().contains("nothing applied"));
        assertEquals("nothing applied", 404, Http.get("/api/inventory/stock/W-BAD-1").statusCode());

        r = post("/api/admin/inventory/sources/it-partial/sync", MANAGER, "");
        assertTrue(r.body(), r.body().contains("\"status\":\"PARTIAL\""));
        assertTrue(r.body(), r.body().contains("\"added\":2"));
        long report = number(r.body(), "id");
        r = get("/api/admin/inventory/sync-reports/" + report, MANAGER);
        assertTrue(r.body(), r.body().contains("{\"line\":3,\"sku\":\"W-BAD-2\",\"reason\":\"quantity 'five' is not a number\"}"));
        assertTrue(r.body(), r.body().contains("{\"line\":4,\"sku\":\"W-BAD-3\",\"reason\":\"quantity -1 is negative\"}"));
        assertTrue(r.body(), r.body().contains("{\"line\":5,\"reason\":\"text after the closing quote of field 2\"}"));
        assertTrue(storefront("W-BAD-1"), storefront("W-BAD-1").contains("\"available\":5"));
        assertTrue(storefront("W-BAD-5"), storefront("W-BAD-5").contains("\"available\":7"));
        String out = KarafConsole.execute(sessions, "inventory:reports --id " + report);
        assertTrue(out, out.contains("line 3 (W-BAD-2): quantity 'five' is not a number"));

        Files.delete(Path.of(System.getProperty("karaf.data"), "feeds", "it-partial.csv"));
        r = post("/api/admin/inventory/sources/it-partial/sync", MANAGER, "");
        assertTrue(r.body(), r.body().contains("\"status\":\"FAILED\""));
        assertTrue(r.body(), r.body().contains("the feed cannot be read: no such file"));
        feed("it-partial.csv", "\"sku,quantity\nW-BAD-1,0\n");
        r = post("/api/admin/inventory/sources/it-partial/sync", MANAGER, "");
        assertTrue(r.body(), r.body().contains("the CSV header (line 1) is unreadable"));
        assertTrue("an unreadable feed changes nothing", storefront("W-BAD-1").contains("\"available\":5"));

        source("it-broken", "url", "", "format", "xml");
        r = get("/api/admin/inventory/sources", MANAGER);
        assertTrue(r.body(), r.body().contains("format: 'xml' is neither csv nor json"));
        r = get("/api/admin/inventory/sync-reports?source=it-broken", MANAGER);
        assertTrue("bad configuration leaves a failed report: " + r.body(), r.body().contains("\"status\":\"FAILED\",\"trigger\":\"configuration\""));
        out = KarafConsole.execute(sessions, "inventory:sync it-broken");
        assertTrue(out, out.contains("FAILED") && out.contains("bad configuration: url:"));
    }

    @Test
    public void aSupplierFeedDiscontinuesAWineAndTheStoreNeverSellsItAgain() throws Exception {
        assertEquals(200, send(HttpRequest.newBuilder(Http.uri("/api/admin/catalog/types/wine")).header("Authorization", EDITOR)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
                {"name": "Wine", "attributes": [
                  {"code": "colour", "label": "Colour", "type": "ENUMERATION", "required": true, "facetable": true, "values": ["red", "white"]}
                ]}"""))).statusCode());
        assertEquals(200, send(HttpRequest.newBuilder(Http.uri("/api/admin/catalog/categories/wine")).header("Authorization", EDITOR)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Wine\"}"))).statusCode());
        HttpResponse<String> r = post("/api/admin/catalog/products", EDITOR, """
                {"sku": "W-FEED-1", "slug": "w-feed-1", "name": "Feedwine Clos", "type": "wine", "attributes": {"colour": "red"},
                 "categories": ["wine"], "price": {"amount": "12.00", "currency": "EUR"},
                 "shipping": {"weightGrams": 1350, "lengthMm": 80, "widthMm": 80, "heightMm": 320}}""");
        assertEquals(r.body(), 201, r.statusCode());
        assertEquals(200, post("/api/admin/catalog/products/W-FEED-1/publish", EDITOR, "").statusCode());

        Path file = feed("it-wines.json", "[{\"ref\": \"W-FEED-1\", \"stock\": 6, \"eol\": false}]");
        source("it-wines", "url", file.toString(), "location", "dropship", "skuColumn", "ref", "quantityColumn", "stock",
                "discontinuedColumn", "eol");
        r = post("/api/admin/inventory/sources/it-wines/sync", MANAGER, "");
        assertTrue(r.body(), r.body().contains("\"status\":\"APPLIED\"") && r.body().contains("\"added\":1"));
        awaitSearch("Feedwine", true);
        r = post("/api/orders/carts", null, null);
        String cart = text(r.body(), "id");
        r = post("/api/orders/carts/" + cart + "/lines", null, "{\"sku\":\"W-FEED-1\",\"quantity\":1}");
        assertEquals("on sale before the feed says otherwise: " + r.body(), 200, r.statusCode());

        Files.writeString(file, "[{\"ref\": \"W-FEED-1\", \"stock\": 6, \"eol\": true}]");
        r = post("/api/admin/inventory/sources/it-wines/sync", MANAGER, "");
        assertTrue(r.body(), r.body().contains("\"discontinued\":1"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Http.get("/api/catalog/products/W-FEED-1").statusCode() != 410) {
            assertTrue("the catalog never heard of the discontinuation", System.nanoTime() < deadline);
            Thread.sleep(100);
        }
        awaitSearch("Feedwine", false);
        r = post("/api/orders/carts", null, null);
        String fresh = text(r.body(), "id");
        r = post("/api/orders/carts/" + fresh + "/lines", null, "{\"sku\":\"W-FEED-1\",\"quantity\":1}");
        assertEquals(r.body(), 410, r.statusCode());
        assertEquals(PROBLEM_JSON, mediaType(r));
        assertTrue(r.body(), r.body().contains("W-FEED-1 is no longer sold"));
        r = send(HttpRequest.newBuilder(Http.uri("/api/orders/checkout")).header("Content-Type", "application/json")
                .header("Idempotency-Key", "it-feed-1").POST(HttpRequest.BodyPublishers.ofString("""
                {"cartId": "%s", "email": "ann@example.org", "paymentMethod": "test-card", "cardNumber": "4242 4242 4242 4242",
                 "shippingAddress": {"name": "Ann Buyer", "line1": "1 rue du Vin", "postalCode": "33000", "city": "Bordeaux", "country": "FR"}}
                """.formatted(cart))));
        assertEquals(r.body(), 410, r.statusCode());
        assertTrue(r.body(), r.body().contains("W-FEED-1 is no longer sold"));
    }

    @Test
    public void aSupplierCostProposesAPriceThatTheCatalogSetsOnceAccepted() throws Exception {
        org.osgi.service.cm.Configuration inventory = fileInstalled("dev.emporium.inventory");
        Dictionary<String, Object> props = inventory.getProperties();
        props.put("priceMarkupPercent", "50");
        props.put("priceRounding", ".99");
        inventory.update(props);
        assertEquals(200, send(HttpRequest.newBuilder(Http.uri("/api/admin/catalog/types/wine")).header("Authorization", EDITOR)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
                {"name": "Wine", "attributes": [
                  {"code": "colour", "label": "Colour", "type": "ENUMERATION", "required": true, "facetable": true, "values": ["red", "white"]}
                ]}"""))).statusCode());
        assertEquals(200, send(HttpRequest.newBuilder(Http.uri("/api/admin/catalog/categories/wine")).header("Authorization", EDITOR)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Wine\"}"))).statusCode());
        HttpResponse<String> r = post("/api/admin/catalog/products", EDITOR, """
                {"sku": "W-PRICE-1", "slug": "w-price-1", "name": "Pricewine", "type": "wine", "attributes": {"colour": "white"},
                 "categories": ["wine"], "price": {"amount": "9.00", "currency": "EUR"},
                 "shipping": {"weightGrams": 1350, "lengthMm": 80, "widthMm": 80, "heightMm": 320}}""");
        assertEquals(r.body(), 201, r.statusCode());
        assertEquals(200, post("/api/admin/catalog/products/W-PRICE-1/publish", EDITOR, "").statusCode());
        source("it-prices", "url", feed("it-prices.csv", "sku,quantity,cost,currency\nW-PRICE-1,24,8.00,EUR\n").toString(),
                "location", "dropship");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (int cents = 1; ; cents++) {
            r = post("/api/admin/inventory/sources/it-prices/sync", MANAGER, "");
            if (r.body().contains("\"priceProposals\":1")) {
                break;
            }
            // the new markup may not have reached the component yet: a cost that changes nothing proposes nothing
            assertTrue(r.body(), System.nanoTime() < deadline);
            feed("it-prices.csv", "sku,quantity,cost,currency\nW-PRICE-1,24," + new java.math.BigDecimal("8.00").add(java.math.BigDecimal.valueOf(cents, 2)) + ",EUR\n");
            Thread.sleep(200);
        }
        r = get("/api/admin/inventory/price-proposals?status=proposed", MANAGER);
        assertTrue(r.body(), r.body().contains("\"sku\":\"W-PRICE-1\""));
        long proposal = number(r.body(), "id");
        String price = text(r.body(), "price");
        String out = KarafConsole.execute(sessions, "inventory:price-proposals");
        assertTrue(out, out.contains("W-PRICE-1") && out.contains(price));
        out = KarafConsole.execute(sessions, "inventory:price-decide " + proposal);
        assertTrue(out, out.contains("W-PRICE-1 at " + price + " EUR is ACCEPTED"));
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Http.get("/api/catalog/products/W-PRICE-1").body().contains("\"price\":{\"amount\":\"" + price + "\"")) {
            assertTrue("the catalog never set the accepted price " + price + ": " + Http.get("/api/catalog/products/W-PRICE-1").body(),
                    System.nanoTime() < deadline);
            Thread.sleep(100);
        }
        r = post("/api/admin/inventory/price-proposals/" + proposal + "/reject", MANAGER, "");
        assertEquals(r.body(), 409, r.statusCode());
        props.put("priceMarkupPercent", "0");
        inventory.update(props);
    }


    private org.osgi.service.cm.Configuration fileInstalled(String pid) throws Exception {
        return Store.fileInstalled(context, pid, 30);
    }

    private static void awaitSearch(String word, boolean found) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            HttpResponse<String> r = Http.get("/api/catalog/search?q=" + word);
            if (r.statusCode() == 200 && r.body().contains("W-FEED-1") == found) {
                return;
            }
            assertTrue("storefront search " + (found ? "never found " : "still finds ") + word + ": " + r.body(), System.nanoTime() < deadline);
            Thread.sleep(200);
        }
    }

    private static String text(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(json, m.find());
        return m.group(1);
    }

    private static HttpResponse<String> post(String path, String authorization, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(Http.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b);
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
