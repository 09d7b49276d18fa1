package dev.emporium.itests;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import javax.inject.Inject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

/**
 * The demo wine store on a real Karaf with the whole store: installed into an empty store it loads wines described
 * completely (ratings, press, relations, pack prices) with their stock, found by search; loading again changes
 * nothing; a store with a product of its own is refused; demo buyers run a wine bar's company account; removing the demo
 * takes only what it made and is remembered. The methods run by name: the last ones leave a product of the store's own
 * behind and remove the demo.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class DemoStoreIT {

    private static final String AGENT = "Bearer admin:customer-service";
    private static final String DEMO_VAT = "FR60512345674";

    private static final String EDITOR = "Bearer admin:catalog-editor";
    /** 40 wines, 12 glasses and 8 gift boxes: the full 500 would only make the test slower. */
    private static final int PRODUCTS = 60;
    private static ServiceRegistration<?> callers;
    private static boolean loaded;

    @Inject
    private BundleContext context;

    @Inject
    private FeaturesService features;

    @Inject
    private SessionFactory sessions;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(StockKaraf.options(), editConfigurationFilePut("etc/dev.emporium.demo.cfg", "wines", "40"));
    }

    @Before
    public void installTheDemo() throws Exception {
        Store.install(features, "emporium-demo");
        // the loader starts writing as soon as the catalog's services exist: on a busy machine its routes come later
        Store.awaitHealth("\"name\":\"catalog\",\"state\":\"UP\"", 180);
        Store.awaitHealth("\"name\":\"inventory\",\"state\":\"UP\"", 60);
        if (callers == null) {
            callers = TestCallers.register(context);
        }
        if (!loaded) {
            awaitConsole("demo:status", "The demo wine store is loaded.", 180);
            loaded = true;
        }
    }

    @Test
    public void aWineBarBuysAsACompanyOfThreeDemoBuyers() throws Exception {
        HttpResponse<String> r = get("/api/admin/customers/companies", AGENT);
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals("one demo company: " + r.body(), 1, count(r.body(), "\"taxId\":\"" + DEMO_VAT + "\""));
        assertTrue(r.body(), r.body().contains("\"name\":\"Le Comptoir des Vignes\"") && r.body().contains("\"city\":\"Lyon\""));

        String bruno = signIn("bruno.moreau@demo.emporium.example");
        String company = get("/api/customers/me/company", bruno).body();
        assertEquals(company, 3, count(company, "\"customerId\":"));
        for (String expected : new String[] {"\"name\":\"Bruno Moreau\",\"role\":\"ADMIN\"", "\"name\":\"Chloé Dubois\",\"role\":\"APPROVER\"",
                "\"name\":\"Farid Benali\",\"role\":\"BUYER\""}) {
            assertTrue(expected + " in " + company, company.contains(expected));
        }
        String anna = signIn("anna.lindqvist@demo.emporium.example");
        assertEquals("Anna buys as a consumer", 404, get("/api/customers/me/company", anna).statusCode());
    }

    @Test
    public void anEmptyStoreGetsTheWholeWineShop() throws Exception {
        String all = awaitSearch("limit=1", "\"total\":" + PRODUCTS, 30);
        assertTrue(all, all.contains("\"colour\":[{\"value\":"));
        String reds = awaitSearch("facet=colour:red&limit=1", "\"total\":", 5);
        assertTrue("a facet narrows: " + reds, number(reds, "total") > 0 && number(reds, "total") < PRODUCTS);

        HttpResponse<String> r = Http.get("/api/catalog/products/DEMO-W0001");
        assertEquals(r.body(), 200, r.statusCode());
        String page = r.body();
        for (String expected : new String[] {"\"colour\":", "\"grape\":[", "\"region\":", "\"vineyard_story\":{", "\"en\":\"The ",
                "\"food_pairings\":[", "{\"size\":6,", "{\"size\":12,", "\"weightGrams\":", "\"keywords\":[", "\"rating\":{",
                "\"experts\":[", "\"press\":[", "\"related\":[{", "\"kind\":\"COMPLEMENTARY\""}) {
            assertTrue(expected + " in " + page, page.contains(expected));
        }
        r = Http.get("/api/catalog/categories");
        assertTrue(r.body(), r.body().contains("\"code\":\"glasses\"") && r.body().contains("\"code\":\"sparkling-wine\""));
        String out = KarafConsole.execute(sessions, "inventory:sources");
        assertTrue("the demo's supplier is an inventory source: " + out, out.contains("demo-vinexpress") && out.contains("dropship"));
        out = KarafConsole.execute(sessions, "inventory:sync demo-vinexpress");
        assertTrue("its feed syncs: " + out, out.contains("APPLIED") && !out.contains("REJECTED") && !out.contains("FAILED"));
        r = Http.get("/api/inventory/stock/DEMO-G01");
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), number(r.body(), "available") > 0);
    }

    @Test
    public void demoBuyersShoppedThroughTheStorefrontRoutes() throws Exception {
        String anna = signIn("anna.lindqvist@demo.emporium.example");
        HttpResponse<String> r = get("/api/orders/mine", anna);
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals("Anna placed one order: " + r.body(), 1, count(r.body(), "\"number\":"));
        assertTrue(r.body(), r.body().contains("\"status\":\"PAID\""));
        awaitBody("/api/customers/me/habits", anna, "\"orderCount\":1", 30);
        r = get("/api/customers/me/reach", anna);
        assertTrue("182,000 followers make an influencer: " + r.body(), number(r.body(), "influence") >= 80);

        String daniel = signIn("daniel.weber@demo.emporium.example");
        assertEquals(4, count(get("/api/orders/mine", daniel).body(), "\"number\":"));
        String bruno = signIn("bruno.moreau@demo.emporium.example");
        // support opens each order's case from that order's event, one transaction each: wait for both
        String cases = awaitBody("/api/support/cases", bruno, "\"origin\":\"ORDER\"", 30);
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); count(cases, "\"origin\":\"ORDER\"") < 2
                && System.nanoTime() < deadline; ) {
            Thread.sleep(250);
            cases = get("/api/support/cases", bruno).body();
        }
        assertEquals("one case per order: " + cases, 2, count(cases, "\"origin\":\"ORDER\""));
        Matcher ids = Pattern.compile("\"id\":(\\d+),\"origin\"").matcher(cases);
        StringBuilder details = new StringBuilder();
        while (ids.find()) {
            details.append(get("/api/support/cases/" + ids.group(1), bruno).body());
        }
        assertTrue("Bruno's complaint is on one of his cases: " + details, count(details.toString(), "broken cork") == 1);
    }

    private static String signIn(String email) throws Exception {
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(Http.uri("/api/customers/sign-in")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"Demo wine lover 2026!\"}")).build());
        assertEquals(r.body(), 200, r.statusCode());
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(r.body());
        assertTrue(r.body(), m.find());
        return "Bearer " + m.group(1);
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        return Http.send(HttpRequest.newBuilder(Http.uri(path)).header("Authorization", authorization).GET().build());
    }

    private static String awaitBody(String path, String authorization, String expected, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = get(path, authorization).body();
            if (body.contains(expected)) {
                return body;
            }
            Thread.sleep(250);
        }
        fail("'" + expected + "' not in " + path + " within " + seconds + " s: " + body);
        return body;
    }

    private static int count(String body, String fragment) {
        int n = 0;
        for (int at = body.indexOf(fragment); at >= 0; at = body.indexOf(fragment, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    public void loadingAgainChangesNothingAndAStoreWithProductsOfItsOwnIsRefused() throws Exception {
        String before = Http.get("/api/catalog/products/DEMO-W0007").body();
        String annasOrders = get("/api/orders/mine", signIn("anna.lindqvist@demo.emporium.example")).body();
        String ratings = Http.get("/api/catalog/products/DEMO-W0007/ratings").body();
        String out = KarafConsole.execute(sessions, "demo:load");
        assertTrue(out, out.contains("The demo wine store is loaded: " + PRODUCTS + " products."));
        assertEquals(before, Http.get("/api/catalog/products/DEMO-W0007").body());
        assertEquals(ratings, Http.get("/api/catalog/products/DEMO-W0007/ratings").body());
        assertEquals("no second order for a demo buyer", annasOrders, get("/api/orders/mine", signIn("anna.lindqvist@demo.emporium.example")).body());
        assertTrue(awaitSearch("limit=1", "\"total\":" + PRODUCTS, 5).contains("\"total\":" + PRODUCTS));

        // a store with a product of its own is never loaded (the product stays: the removal must leave it alone)
        createOwnGlass("OWN-1", "glass", "5.00");
        out = KarafConsole.execute(sessions, "demo:load");
        assertTrue(out, out.contains("the store has products of its own (OWN-1") && out.contains("only into an empty store"));
        out = KarafConsole.execute(sessions, "demo:status");
        assertTrue(out, out.contains("This store is not a demo store"));
        assertEquals(before, Http.get("/api/catalog/products/DEMO-W0007").body());
    }

    @Test
    public void removingTheDemoTakesOnlyWhatItMadeAndIsRemembered() throws Exception {
        // the store's own data beside the demo: a published product of a demo type and category, a customer, a company
        createOwnGlass("OWN-2", "crystal", "29.00");
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(Http.uri("/api/admin/catalog/products/OWN-2/publish")).header("Authorization", EDITOR)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(r.body(), 200, r.statusCode());
        r = Http.send(HttpRequest.newBuilder(Http.uri("/api/customers/sign-up")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"regular@example.com\",\"password\":\"Demo wine lover 2026!\","
                        + "\"givenName\":\"Rita\",\"familyName\":\"Regular\"}")).build());
        assertEquals(r.body(), 201, r.statusCode());
        r = Http.send(HttpRequest.newBuilder(Http.uri("/api/admin/customers/companies")).header("Authorization", AGENT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Bistrot du Coin\",\"taxId\":\"FR83404833048\",\"country\":\"FR\"}")).build());
        assertEquals(r.body(), 201, r.statusCode());
        assertEquals("demo:load did not open a second company", 1,
                count(get("/api/admin/customers/companies", AGENT).body(), "\"taxId\":\"" + DEMO_VAT + "\""));

        String out = KarafConsole.execute(sessions, "demo:remove");
        assertTrue("without --force it only says what it would do: " + out, out.contains("demo:remove --force closes the demo's company")
                && out.contains("What stays"));
        assertEquals(200, Http.get("/api/catalog/products/DEMO-W0001").statusCode());

        out = KarafConsole.execute(sessions, "demo:remove --force");
        assertTrue(out, out.contains("The demo wine store is removed: 1 company closed, 12 buyers erased, " + PRODUCTS + " products archived"));
        assertTrue(out, out.contains("What stays: the demo buyers' orders"));

        // the demo is gone from the storefront, the store's own product stays on sale
        assertEquals(404, Http.get("/api/catalog/products/DEMO-W0001").statusCode());
        assertEquals(200, Http.get("/api/catalog/products/OWN-2").statusCode());
        assertEquals(200, get("/api/admin/catalog/products/OWN-1", EDITOR).statusCode());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String found = awaitSearch("limit=5", "\"sku\":\"OWN-2\"", 30);
        while (number(found, "total") != 1 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            found = Http.get("/api/catalog/search?limit=5").body();
        }
        assertEquals("only the store's own product is found: " + found, 1, number(found, "total"));
        r = Http.get("/api/inventory/stock/DEMO-G01");
        assertTrue(r.body(), r.statusCode() == 404 || number(r.body(), "available") == 0);
        out = KarafConsole.execute(sessions, "inventory:sources");
        assertFalse("the supplier is gone: " + out, out.contains("demo-vinexpress"));

        // the demo's buyers and company are gone, the store's own stay
        assertEquals("an erased buyer cannot sign in", 401, signInStatus("anna.lindqvist@demo.emporium.example"));
        assertEquals(200, signInStatus("regular@example.com"));
        String companies = get("/api/admin/customers/companies", AGENT).body();
        assertFalse(companies, companies.contains(DEMO_VAT));
        assertTrue(companies, companies.contains("\"name\":\"Bistrot du Coin\""));

        out = KarafConsole.execute(sessions, "demo:status");
        assertTrue(out, out.contains("The demo wine store was removed from this store") && out.contains("It is not loaded again."));
        out = KarafConsole.execute(sessions, "demo:load");
        assertTrue(out, out.contains("the demo was removed from this store"));

        // the next start of the demo (autoLoad is on) leaves it removed
        Bundle demo = java.util.Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals("dev.emporium.demo"))
                .findFirst().orElseThrow();
        demo.stop();
        demo.start();
        awaitConsole("demo:status", "Loader: removed", 60);
        assertEquals(404, Http.get("/api/catalog/products/DEMO-W0001").statusCode());
        assertEquals(401, signInStatus("anna.lindqvist@demo.emporium.example"));
        out = KarafConsole.execute(sessions, "demo:remove --force");
        assertTrue("a second removal finds nothing left to do: " + out, out.contains("The demo wine store is removed: 1 company closed, 12 buyers"));
    }

    /** A draft glass of the store's own, in the demo's type and category. */
    private static void createOwnGlass(String sku, String material, String price) throws Exception {
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(Http.uri("/api/admin/catalog/products")).header("Authorization", EDITOR)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"" + sku + "\",\"slug\":\""
                        + sku.toLowerCase(java.util.Locale.ROOT) + "\",\"name\":\"Our own glass " + sku + "\",\"type\":\"glassware\","
                        + "\"attributes\":{\"material\":\"" + material + "\",\"capacity\":300,\"pieces\":1},\"categories\":[\"glasses\"],"
                        + "\"price\":{\"amount\":\"" + price + "\",\"currency\":\"EUR\"}}")).build());
        assertEquals(r.body(), 201, r.statusCode());
    }

    private static int signInStatus(String email) throws Exception {
        return Http.send(HttpRequest.newBuilder(Http.uri("/api/customers/sign-in")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"Demo wine lover 2026!\"}")).build())
                .statusCode();
    }

    private String awaitConsole(String command, String expected, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String out = "";
        while (System.nanoTime() < deadline) {
            out = KarafConsole.execute(sessions, command);
            if (out.contains(expected)) {
                return out;
            }
            if (out.contains("Loader: failed")) {
                fail(out);
            }
            Thread.sleep(1000);
        }
        fail("'" + expected + "' not seen within " + seconds + " s; last: " + out);
        return out;
    }

    private static String awaitSearch(String query, String expected, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = Http.get("/api/catalog/search?" + query).body();
            if (body.contains(expected)) {
                return body;
            }
            Thread.sleep(250);
        }
        fail("'" + expected + "' not in search results of " + query + " within " + seconds + " s: " + body);
        return body;
    }

    private static long number(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?\\d+)").matcher(body);
        assertTrue(field + " in " + body, m.find());
        return Long.parseLong(m.group(1));
    }
}
