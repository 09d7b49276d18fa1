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

import javax.inject.Inject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The catalog on a real Karaf: an editor defines the wine type and describes wines completely through the admin
 * routes; the storefront reads them, finds them by full text and narrows by facets and ranges; bad data is refused
 * field by field; a discontinued wine disappears; the console lists and shows products.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CatalogIT {

    // spelled out: a static initializer may not touch platform API types before @Before installed them
    private static final String EDITOR = "Bearer admin:catalog-editor";
    private static ServiceRegistration<?> callers;
    private static boolean described;

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
    public void describeTheWines() throws Exception {
        Store.install(features, "emporium-catalog");
        Store.awaitHealth("\"name\":\"catalog\",\"state\":\"UP\"", 60);
        if (callers == null) {
            callers = TestCallers.register(context);
        }
        if (described) {
            return;
        }
        HttpResponse<String> r = send("PUT", "/api/admin/catalog/types/wine", EDITOR, """
                {"name": "Wine", "attributes": [
                  {"code": "colour", "label": "Colour", "type": "ENUMERATION", "required": true, "facetable": true,
                   "values": ["red", "white", "rosé", "sparkling"]},
                  {"code": "grape", "label": "Grapes", "type": "LIST", "required": true, "facetable": true},
                  {"code": "vintage", "label": "Vintage", "type": "INTEGER", "facetable": true},
                  {"code": "region", "label": "Region", "type": "TEXT", "required": true, "facetable": true},
                  {"code": "vineyard", "label": "Vineyard", "type": "TEXT"},
                  {"code": "vineyard_story", "label": "The vineyard's story", "type": "LOCALIZED_TEXT"},
                  {"code": "food_pairings", "label": "Goes well with", "type": "LIST"},
                  {"code": "alcohol", "label": "Alcohol", "type": "NUMBER", "unit": "% vol"}
                ]}""");
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals(200, send("PUT", "/api/admin/catalog/categories/wine", EDITOR, "{\"name\":\"Wine\"}").statusCode());
        assertEquals(200, send("PUT", "/api/admin/catalog/categories/red-wine", EDITOR, "{\"name\":\"Red wine\",\"parent\":\"wine\"}").statusCode());
        assertEquals(200, send("PUT", "/api/admin/catalog/categories/white-wine", EDITOR, "{\"name\":\"White wine\",\"parent\":\"wine\"}").statusCode());
        wine("W-MARGAUX-15", "Château Margaux 2015", "red", "Cabernet Sauvignon", 2015, "Bordeaux", "89.00", "red-wine", "cassis");
        wine("W-POMEROL-18", "Pomerol Merlot 2018", "red", "Merlot", 2018, "Bordeaux", "34.50", "red-wine", "plum");
        wine("W-RIOJA-19", "Rioja Reserva 2019", "red", "Tempranillo", 2019, "Rioja", "19.90", "red-wine", "vanilla");
        wine("W-CHABLIS-21", "Chablis 2021", "white", "Chardonnay", 2021, "Bourgogne", "24.00", "white-wine", "mineral");
        wine("W-ROSE-22", "Côtes de Provence Rosé 2022", "rosé", "Grenache", 2022, "Provence", "14.50", "wine", "summer");
        wine("W-DRAFT-20", "Unpublished Merlot 2020", "red", "Merlot", 2020, "Bordeaux", "11.00", "red-wine", null);
        awaitSearch("", body -> total(body) == 5, 20);
        described = true;
    }

    /** Creates a wine described completely and, unless {@code keyword} is null, publishes it. */
    private void wine(String sku, String name, String colour, String grape, int vintage, String region, String price,
                      String category, String keyword) throws Exception {
        String slug = sku.toLowerCase().replace("w-", "");
        HttpResponse<String> r = send("POST", "/api/admin/catalog/products", EDITOR, """
                {"sku": "%s", "slug": "%s", "name": "%s", "brand": "Domaine %s", "type": "wine",
                 "shortDescription": "A %s wine from %s", "longDescription": "Hand-picked %s grapes, aged in oak.",
                 "attributes": {"colour": "%s", "grape": ["%s"], "vintage": %d, "region": "%s", "vineyard": "Clos %s",
                                "vineyard_story": {"en": "A family estate since 1890", "fr": "Un domaine familial depuis 1890"},
                                "food_pairings": ["lamb", "cheese"], "alcohol": "13.5"},
                 "categories": ["%s"], "price": {"amount": "%s", "currency": "EUR"},
                 "packPrices": [{"size": 6, "price": {"amount": "%s", "currency": "EUR"}}],
                 "shipping": {"weightGrams": 1350, "lengthMm": 80, "widthMm": 80, "heightMm": 320},
                 "media": [{"url": "https://img.example/%s.jpg", "alt": "%s"}],
                 "seo": {"keywords": ["%s", "%s"], "metaTitle": "%s | Emporium", "metaDescription": "Buy %s online"}}
                """.formatted(sku, slug, name, region, colour, region, grape, colour, grape, vintage, region, region,
                category, price, new java.math.BigDecimal(price).multiply(java.math.BigDecimal.valueOf(6)).toPlainString(),
                sku, name, keyword == null ? "draft" : keyword, grape.toLowerCase(), name, name));
        assertEquals(r.body(), 201, r.statusCode());
        if (keyword != null) {
            r = send("POST", "/api/admin/catalog/products/" + sku + "/publish", EDITOR, null);
            assertEquals(r.body(), 200, r.statusCode());
            assertTrue(r.body(), r.body().contains("\"status\":\"PUBLISHED\""));
        }
    }

    @Test
    public void storefrontReadsAWineDescribedCompletely() throws Exception {
        HttpResponse<String> r = Http.get("/api/catalog/products/W-POMEROL-18");
        assertEquals(r.body(), 200, r.statusCode());
        String body = r.body();
        for (String expected : new String[] {"\"name\":\"Pomerol Merlot 2018\"", "\"brand\":\"Domaine Bordeaux\"",
                "\"colour\":\"red\"", "\"grape\":[\"Merlot\"]", "\"vintage\":2018", "\"alcohol\":\"13.5\"",
                "\"vineyard_story\":{\"en\":\"A family estate since 1890\"", "\"food_pairings\":[\"lamb\",\"cheese\"]",
                "\"price\":{\"amount\":\"34.50\",\"currency\":\"EUR\"}", "{\"size\":6,\"price\":{\"amount\":\"207.00\"",
                "\"weightGrams\":1350", "\"keywords\":[\"plum\",\"merlot\"]", "\"metaTitle\":\"Pomerol Merlot 2018 | Emporium\""}) {
            assertTrue(expected + " in " + body, body.contains(expected));
        }
        assertEquals(200, Http.get("/api/catalog/slugs/pomerol-18").statusCode());
        assertEquals("drafts are not on the storefront", 404, Http.get("/api/catalog/products/W-DRAFT-20").statusCode());
        assertEquals(404, Http.get("/api/catalog/products/NOPE").statusCode());
    }

    @Test
    public void fullTextFindsWinesAndFacetsNarrowThem() throws Exception {
        String body = search("q=merlot");
        assertEquals(List.of("W-POMEROL-18"), skus(body));

        body = search("q=" + enc("provence rose"));
        assertEquals("accents fold: 'rose' finds 'Rosé'", List.of("W-ROSE-22"), skus(body));

        body = search("q=vanilla");
        assertEquals("SEO keywords are searched", List.of("W-RIOJA-19"), skus(body));

        body = search("");
        assertEquals(5, total(body));
        assertTrue(body, body.contains("\"colour\":[") && body.contains("{\"value\":\"red\",\"count\":3}"));
        assertTrue(body, body.contains("\"region\":[") && body.contains("{\"value\":\"Bordeaux\",\"count\":2}"));

        body = search("facet=colour:red&facet=region:Bordeaux");
        assertEquals(List.of("W-MARGAUX-15", "W-POMEROL-18"), sorted(skus(body)));

        body = search("facet=colour:red&facet=colour:white");
        assertEquals(4, total(body));

        body = search("range=vintage:2018..2021&sort=price_asc");
        assertEquals(List.of("W-RIOJA-19", "W-CHABLIS-21", "W-POMEROL-18"), skus(body));

        body = search("range=price:..20&sort=price_desc");
        assertEquals(List.of("W-RIOJA-19", "W-ROSE-22"), skus(body));

        body = search("facet=grape:Chardonnay");
        assertEquals(List.of("W-CHABLIS-21"), skus(body));

        HttpResponse<String> r = Http.get("/api/catalog/categories/red-wine/products?sort=name");
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals(List.of("W-MARGAUX-15", "W-POMEROL-18", "W-RIOJA-19"), skus(r.body()));
        assertEquals("a parent category holds what lies below it", 5, total(Http.get("/api/catalog/categories/wine/products").body()));
    }

    @Test
    public void pagingWithCursorsSeesEveryWineOnce() throws Exception {
        String body = search("sort=name&limit=2");
        List<String> seen = new java.util.ArrayList<>(skus(body));
        String cursor;
        while ((cursor = field(body, "nextCursor")) != null) {
            body = search("sort=name&limit=2&cursor=" + enc(cursor));
            seen.addAll(skus(body));
        }
        assertEquals(5, seen.size());
        assertEquals(5, new java.util.HashSet<>(seen).size());
    }

    @Test
    public void badSearchParametersAreNamed() throws Exception {
        HttpResponse<String> r = Http.get("/api/catalog/search?limit=0&sort=cheap&range=vintage:2020..2010");
        assertEquals(400, r.statusCode());
        for (String field : new String[] {"limit", "sort", "range.vintage"}) {
            assertTrue(field + " in " + r.body(), r.body().contains("\"field\":\"" + field + "\""));
        }
        r = Http.get("/api/catalog/search?facet=sweetness:dry");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"filters.sweetness\""));
    }

    @Test
    public void aBadProductIsRefusedFieldByFieldAndChangesNothing() throws Exception {
        HttpResponse<String> r = send("POST", "/api/admin/catalog/products", EDITOR, """
                {"sku": "W-BAD", "slug": "Bad Slug", "name": "Bad", "type": "wine",
                 "attributes": {"colour": "blue", "grape": "Merlot", "vintage": "old", "sweetness": "dry"},
                 "categories": ["beer"], "price": {"amount": "-1", "currency": "EUR"},
                 "packPrices": [{"size": 6, "price": {"amount": "60", "currency": "USD"}}]}""");
        assertEquals(r.body(), 400, r.statusCode());
        for (String field : new String[] {"slug", "categories[0]", "price.amount", "packPrices[0].price.currency",
                "attributes.colour", "attributes.grape", "attributes.vintage", "attributes.sweetness", "attributes.region"}) {
            assertTrue(field + " in " + r.body(), r.body().contains("\"field\":\"" + field + "\""));
        }
        assertEquals(404, send("GET", "/api/admin/catalog/products/W-BAD", EDITOR, null).statusCode());

        r = send("POST", "/api/admin/catalog/products", EDITOR, "{\"sku\": \"W-BAD\", \"price\": {\"amount\": \"1\", \"currency\": \"XYZ\"}}");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"price\""));

        r = send("PUT", "/api/admin/catalog/products/W-CHABLIS-21", EDITOR, null);
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("a JSON request body is required"));
    }

    @Test
    public void staleEditsAreRefused() throws Exception {
        HttpResponse<String> current = send("GET", "/api/admin/catalog/products/W-CHABLIS-21", EDITOR, null);
        long version = Long.parseLong(field(current.body(), "version"));
        String edit = current.body().replace("\"name\":\"Chablis 2021\"", "\"name\":\"Chablis Premier Cru 2021\"")
                .replaceAll(",\"status\":\"[A-Z]+\",\"sellable\":(true|false),\"version\":\\d+,\"updatedAt\":\"[^\"]+\"", "");
        HttpResponse<String> r = send(HttpRequest.newBuilder(Http.uri("/api/admin/catalog/products/W-CHABLIS-21"))
                .header("Authorization", EDITOR).header("Content-Type", "application/json").header("If-Match", String.valueOf(version + 5))
                .PUT(HttpRequest.BodyPublishers.ofString(edit)));
        assertEquals(r.body(), 409, r.statusCode());
        r = send(HttpRequest.newBuilder(Http.uri("/api/admin/catalog/products/W-CHABLIS-21"))
                .header("Authorization", EDITOR).header("Content-Type", "application/json").header("If-Match", String.valueOf(version))
                .PUT(HttpRequest.BodyPublishers.ofString(edit)));
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"name\":\"Chablis Premier Cru 2021\""));
        awaitSearch("q=premier", body -> skus(body).equals(List.of("W-CHABLIS-21")), 10);
    }

    @Test
    public void adminRoutesNeedTheEditorRole() throws Exception {
        assertEquals(401, send("GET", "/api/admin/catalog/types", null, null).statusCode());
        assertEquals(403, send("GET", "/api/admin/catalog/types", TestCallers.admin("inventory-manager"), null).statusCode());
        assertEquals(403, send("GET", "/api/admin/catalog/types", TestCallers.customer("c-1"), null).statusCode());
        HttpResponse<String> r = send("GET", "/api/admin/catalog/types", EDITOR, null);
        assertEquals(200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"code\":\"wine\""));
    }

    @Test
    public void aDiscontinuedWineIsNoLongerSoldNorFound() throws Exception {
        wine("W-GONE-17", "Vanished Vintage 2017", "red", "Syrah", 2017, "Rhône", "42.00", "red-wine", "rare");
        awaitSearch("q=vanished", body -> skus(body).equals(List.of("W-GONE-17")), 10);

        // inventory's event (inventory is not installed here), through the outbox as inventory publishes it
        OutboxEvents.publishAndAwait(context, "emporium/inventory/DISCONTINUED", Map.of("sku", "W-GONE-17"), "catalog.discontinued-products", 30);

        awaitSearch("q=vanished", body -> total(body) == 0, 10);
        HttpResponse<String> r = Http.get("/api/catalog/products/W-GONE-17");
        assertEquals(r.body(), 410, r.statusCode());
        assertTrue(r.body(), r.body().contains("is no longer sold"));
        r = send("GET", "/api/admin/catalog/products/W-GONE-17", EDITOR, null);
        assertTrue("editors still see it, unsellable: " + r.body(), r.body().contains("\"sellable\":false"));
    }

    @Test
    public void consoleListsShowsAndPublishes() throws Exception {
        String out = KarafConsole.execute(sessions, "catalog:products");
        assertTrue(out, out.contains("W-POMEROL-18") && out.contains("Pomerol Merlot 2018") && out.contains("PUBLISHED"));
        assertTrue(out, out.matches("(?s).*W-DRAFT-20.*DRAFT.*"));

        out = KarafConsole.execute(sessions, "catalog:product W-POMEROL-18");
        assertTrue(out, out.contains("vintage") && out.contains("2018") && out.contains("Pack of 6") && out.contains("207.00 EUR"));

        out = KarafConsole.execute(sessions, "catalog:types");
        assertTrue(out, out.contains("colour") && out.contains("ENUMERATION"));

        out = KarafConsole.execute(sessions, "catalog:publish W-NOPE");
        assertTrue(out, out.contains("no product W-NOPE"));
    }

    @Test
    public void consoleModeratesReviewsAndEditsRelations() throws Exception {
        String id = field(review("W-ROSE-22", "c-dora", 3), "id");
        String out = KarafConsole.execute(sessions, "catalog:reviews W-ROSE-22");
        assertTrue(out, out.contains("Dora") && out.contains("PUBLISHED"));
        out = KarafConsole.execute(sessions, "catalog:review-hide " + id);
        assertTrue(out, out.contains("Review " + id + " is now HIDDEN"));
        out = KarafConsole.execute(sessions, "catalog:reviews W-ROSE-22");
        assertFalse("hidden from the storefront list: " + out, out.contains("Dora"));
        out = KarafConsole.execute(sessions, "catalog:reviews --all W-ROSE-22");
        assertTrue(out, out.contains("Dora") && out.contains("HIDDEN"));
        assertTrue(Http.get("/api/catalog/products/W-ROSE-22/ratings").body().contains("\"count\":0"));
        out = KarafConsole.execute(sessions, "catalog:review-hide 999999");
        assertTrue(out, out.contains("999999"));
        out = KarafConsole.execute(sessions, "catalog:reviews W-NOPE");
        assertTrue(out, out.contains("W-NOPE"));

        out = KarafConsole.execute(sessions, "catalog:evidence W-ROSE-22");
        assertTrue(out, out.contains("Buyers: not rated yet") && out.contains("Critic") && out.contains("Publication"));

        out = KarafConsole.execute(sessions, "catalog:relate --reason \"Same grape, other colour\" W-ROSE-22 similar W-CHABLIS-21");
        assertTrue(out, out.contains("W-ROSE-22 -> W-CHABLIS-21 as SIMILAR"));
        out = KarafConsole.execute(sessions, "catalog:relations W-ROSE-22");
        assertTrue(out, out.contains("SIMILAR") && out.contains("W-CHABLIS-21") && out.contains("Same grape, other colour"));
        out = KarafConsole.execute(sessions, "catalog:relate W-ROSE-22 sideways W-CHABLIS-21");
        assertTrue(out, out.contains("kind") && out.contains("UP_SELL"));
        out = KarafConsole.execute(sessions, "catalog:relate W-ROSE-22 similar W-ROSE-22");
        assertTrue(out, out.contains("sku"));
        assertTrue(Http.get("/api/catalog/products/W-ROSE-22").body().contains("\"sku\":\"W-CHABLIS-21\""));
        out = KarafConsole.execute(sessions, "catalog:unrelate W-ROSE-22 similar W-CHABLIS-21");
        assertTrue(out, out.contains("Removed W-ROSE-22 -> W-CHABLIS-21"));
        out = KarafConsole.execute(sessions, "catalog:unrelate W-ROSE-22 similar W-CHABLIS-21");
        assertTrue(out, out.contains("No SIMILAR relation"));
        assertTrue(Http.get("/api/catalog/products/W-ROSE-22").body().contains("\"related\":[]"));
    }

    private static String search(String query) throws Exception {
        HttpResponse<String> r = Http.get("/api/catalog/search" + (query.isEmpty() ? "" : "?" + query));
        assertEquals(r.body(), 200, r.statusCode());
        return r.body();
    }

    private static void awaitSearch(String query, Predicate<String> until, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = search(query);
            if (until.test(body)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("search '" + query + "' did not reach the expected state in " + seconds + " s: " + body);
    }

    /** The SKUs of a search result's items, in order. */
    private static List<String> skus(String body) {
        String items = body.substring(body.indexOf("\"items\":["), body.indexOf("],\"total\"") + 1);
        Matcher m = Pattern.compile("\\{\"sku\":\"([^\"]+)\"").matcher(items);
        List<String> result = new java.util.ArrayList<>();
        while (m.find()) {
            result.add(m.group(1));
        }
        return result;
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }

    private static long total(String body) {
        return Long.parseLong(field(body, "total"));
    }

    /** A top-level scalar field of a JSON object (enough for these bodies). */
    private static String field(String body, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\"([^\"]*)\"|(-?[0-9.]+)|null)").matcher(body);
        String last = null;
        while (m.find()) {
            last = m.group(2) != null ? m.group(2) : m.group(3);
        }
        return last;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(String method, String path, String authorization, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(Http.uri(path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(b);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return Http.send(b.timeout(java.time.Duration.ofSeconds(30)).build());
    }

    // ---- ratings and evidence, relations and suggestions

    @Test
    public void aCustomerReviewMovesTheAggregateAndRatingSearch() throws Exception {
        String margaux = "/api/catalog/products/W-MARGAUX-15/reviews";
        HttpResponse<String> r = send("POST", margaux, null, "{\"rating\": 5, \"author\": \"Anna\"}");
        assertEquals(r.body(), 401, r.statusCode());
        r = send("POST", margaux, "Bearer customer:c-anna", "{\"rating\": 6, \"title\": \"Too good\", \"author\": \"Anna\"}");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"rating\""));
        assertTrue("nothing changed", Http.get("/api/catalog/products/W-MARGAUX-15/ratings").body().contains("\"count\":0"));

        // the orders department's event (it does not exist yet): Anna bought the Margaux
        OutboxEvents.publishAndAwait(context, "emporium/orders/ORDER_PLACED",
                Map.of("customerId", "c-anna", "skus", List.of("W-MARGAUX-15")), "catalog.order-purchases", 30);
        String anna = "{\"rating\": 5, \"title\": \"Sublime\", \"text\": \"Cassis and cedar, endless finish.\", \"author\": \"Anna\"}";
        r = send(HttpRequest.newBuilder(Http.uri(margaux)).header("Authorization", "Bearer customer:c-anna")
                .header("Content-Type", "application/json").header("Idempotency-Key", "anna-1").POST(HttpRequest.BodyPublishers.ofString(anna)));
        assertEquals(r.body(), 201, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"verifiedBuyer\":true") && r.body().contains("\"status\":\"PUBLISHED\""));
        String id = field(r.body(), "id");
        r = send(HttpRequest.newBuilder(Http.uri(margaux)).header("Authorization", "Bearer customer:c-anna")
                .header("Content-Type", "application/json").header("Idempotency-Key", "anna-1").POST(HttpRequest.BodyPublishers.ofString(anna)));
        assertEquals("a repeat answers the first review: " + r.body(), id, field(r.body(), "id"));
        r = send("POST", margaux, "Bearer customer:c-anna", anna);
        assertEquals("one review per customer and product: " + r.body(), 409, r.statusCode());

        review("W-RIOJA-19", "c-bob", 4);
        assertFalse(review("W-RIOJA-19", "c-carl", 5).contains("\"verifiedBuyer\":true"));
        review("W-POMEROL-18", "c-bob", 4);
        String chablis = review("W-CHABLIS-21", "c-bob", 2);
        assertEquals("drafts are not reviewed", 404, send("POST", "/api/catalog/products/W-DRAFT-20/reviews", "Bearer customer:c-bob",
                "{\"rating\": 3, \"author\": \"Bob\"}").statusCode());

        r = Http.get("/api/catalog/products/W-RIOJA-19/ratings");
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"buyers\":{\"sku\":\"W-RIOJA-19\",\"average\":\"4.50\",\"count\":2,"
                + "\"distribution\":{\"1\":0,\"2\":0,\"3\":0,\"4\":1,\"5\":1}}"));
        r = Http.get("/api/catalog/products/W-RIOJA-19/reviews?limit=1");
        assertTrue(r.body(), r.body().contains("\"author\":\"Carl\"") && field(r.body(), "nextCursor") != null);
        r = Http.get("/api/catalog/products/W-RIOJA-19/reviews?limit=1&cursor=" + field(r.body(), "nextCursor"));
        assertTrue(r.body(), r.body().contains("\"author\":\"Bob\"") && !r.body().contains("nextCursor"));

        awaitSearch("range=rating:4..&sort=rating",
                body -> skus(body).equals(List.of("W-MARGAUX-15", "W-RIOJA-19", "W-POMEROL-18")), 10);
        awaitSearch("range=rating:..3", body -> skus(body).equals(List.of("W-CHABLIS-21")), 10);

        // an editor hides the Chablis review: its aggregate and the search follow
        assertEquals(403, send("POST", "/api/admin/catalog/reviews/" + field(chablis, "id") + "/hide", "Bearer customer:c-bob", null).statusCode());
        r = send("POST", "/api/admin/catalog/reviews/" + field(chablis, "id") + "/hide", EDITOR, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"status\":\"HIDDEN\""));
        r = Http.get("/api/catalog/products/W-CHABLIS-21/ratings");
        assertTrue(r.body(), r.body().contains("\"buyers\":{\"sku\":\"W-CHABLIS-21\",\"count\":0,"));
        awaitSearch("range=rating:..3", body -> total(body) == 0, 10);
        r = send("GET", "/api/admin/catalog/products/W-CHABLIS-21/reviews", EDITOR, null);
        assertTrue("editors still see it: " + r.body(), r.body().contains("\"status\":\"HIDDEN\""));
    }

    /** A signed-in customer reviews a wine; returns the created review. */
    private static String review(String sku, String customer, int rating) throws Exception {
        String author = Character.toUpperCase(customer.charAt(2)) + customer.substring(3);
        HttpResponse<String> r = send("POST", "/api/catalog/products/" + sku + "/reviews", "Bearer customer:" + customer,
                "{\"rating\": %d, \"title\": \"My opinion\", \"text\": \"Honest words.\", \"author\": \"%s\"}".formatted(rating, author));
        assertEquals(r.body(), 201, r.statusCode());
        return r.body();
    }

    @Test
    public void criticsRatingsAndPressMentionsShowWithTheProduct() throws Exception {
        String ratings = "/api/admin/catalog/products/W-POMEROL-18/expert-ratings";
        HttpResponse<String> r = send("POST", ratings, EDITOR,
                "{\"critic\": \"Robert Parker\", \"score\": 94, \"scale\": 100, \"date\": \"2021-03-01\", \"note\": \"Dense, long\"}");
        assertEquals(r.body(), 201, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"outOf100\":\"94\""));
        r = send("POST", ratings, EDITOR, "{\"critic\": \"Bettane+Desseauve\", \"score\": \"17\", \"scale\": \"20\", \"date\": \"2022-06-01\"}");
        assertEquals(r.body(), 201, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"score\":\"17\",\"scale\":\"20\",\"outOf100\":\"85\""));
        r = send("POST", ratings, EDITOR, "{\"critic\": \"\", \"score\": 21, \"scale\": 20, \"date\": \"2999-01-01\"}");
        assertEquals(r.body(), 400, r.statusCode());
        for (String f : new String[] {"critic", "score", "date"}) {
            assertTrue(f + " in " + r.body(), r.body().contains("\"field\":\"" + f + "\""));
        }
        assertEquals(401, send("POST", ratings, null, "{}").statusCode());
        assertEquals(403, send("POST", ratings, "Bearer customer:c-anna", "{}").statusCode());
        assertEquals(404, send("POST", "/api/admin/catalog/products/NOPE/expert-ratings", EDITOR,
                "{\"critic\": \"X\", \"score\": 1, \"scale\": 5, \"date\": \"2020-01-01\"}").statusCode());

        r = send("POST", "/api/admin/catalog/products/W-POMEROL-18/press-mentions", EDITOR,
                "{\"publication\": \"Decanter\", \"title\": \"Ten Pomerols under 40 euros\", \"date\": \"2023-01-15\", \"url\": \"https://decanter.example/pomerol\"}");
        assertEquals(r.body(), 201, r.statusCode());
        r = send("POST", "/api/admin/catalog/products/W-POMEROL-18/press-mentions", EDITOR,
                "{\"publication\": \"Le Monde\", \"title\": \"x\", \"date\": \"2023-01-15\", \"url\": \"ftp://nowhere\"}");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"url\""));

        r = Http.get("/api/catalog/products/W-POMEROL-18/ratings");
        assertEquals(r.body(), 200, r.statusCode());
        String body = r.body();
        assertTrue(body, body.indexOf("\"critic\":\"Bettane+Desseauve\"") < body.indexOf("\"critic\":\"Robert Parker\""));
        assertTrue(body, body.contains("\"date\":\"2021-03-01\",\"note\":\"Dense, long\""));
        assertTrue(body, body.contains("\"publication\":\"Decanter\",\"title\":\"Ten Pomerols under 40 euros\",\"date\":\"2023-01-15\",\"url\":\"https://decanter.example/pomerol\""));
        assertEquals(404, Http.get("/api/catalog/products/NOPE/ratings").statusCode());

        // the product page carries the same evidence, beside the product's own fields
        r = Http.get("/api/catalog/products/W-POMEROL-18");
        assertEquals(r.body(), 200, r.statusCode());
        body = r.body();
        assertTrue(body, body.startsWith("{\"sku\":\"W-POMEROL-18\",\"slug\":\"pomerol-18\""));
        assertTrue(body, body.contains("\"rating\":{\"sku\":\"W-POMEROL-18\""));
        assertTrue(body, body.contains("\"experts\":[{") && body.contains("\"critic\":\"Robert Parker\",\"score\":\"94\""));
        assertTrue(body, body.contains("\"press\":[{") && body.contains("\"publication\":\"Decanter\""));
        assertEquals(body, Http.get("/api/catalog/slugs/pomerol-18").body());
    }

    @Test
    public void relationsAndCartSuggestionsAnswerWithReasonsAndOnlyWinesOnSale() throws Exception {
        relate("W-POMEROL-18", "COMPLEMENTARY", "W-CHABLIS-21", "A white for the oysters before the lamb");
        relate("W-POMEROL-18", "SIMILAR", "W-MARGAUX-15", "Another great Bordeaux");
        relate("W-POMEROL-18", "CROSS_SELL", "W-DRAFT-20", "Not on sale yet");
        relate("W-RIOJA-19", "COMPLEMENTARY", "W-CHABLIS-21", null);
        relate("W-RIOJA-19", "CROSS_SELL", "W-ROSE-22", "For the summer");
        relate("W-RIOJA-19", "UP_SELL", "W-MARGAUX-15", "A grand cru for a great day");

        String path = "/api/admin/catalog/products/W-POMEROL-18/relations";
        for (String[] bad : new String[][] {{"{\"kind\": \"SIMILAR\", \"sku\": \"W-POMEROL-18\"}", "sku"},
                {"{\"kind\": \"SIMILAR\", \"sku\": \"NOPE\"}", "sku"},
                {"{\"kind\": \"SIMILAR\", \"sku\": \"W-MARGAUX-15\"}", "sku"},
                {"{\"sku\": \"W-RIOJA-19\"}", "kind"}}) {
            HttpResponse<String> r = send("POST", path, EDITOR, bad[0]);
            assertEquals(bad[0] + ": " + r.body(), 400, r.statusCode());
            assertTrue(bad[0] + ": " + r.body(), r.body().contains("\"field\":\"" + bad[1] + "\""));
        }
        assertTrue(send("GET", path, EDITOR, null).body().contains("\"relatedSku\":\"W-DRAFT-20\""));

        HttpResponse<String> r = Http.get("/api/catalog/products/W-POMEROL-18/relations");
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals("on sale only, by kind", List.of("W-MARGAUX-15", "W-CHABLIS-21"), productSkus(r.body()));
        assertTrue(r.body(), r.body().contains("{\"kind\":\"COMPLEMENTARY\",\"reason\":\"A white for the oysters before the lamb\",\"product\":{\"sku\":\"W-CHABLIS-21\""));

        r = Http.get("/api/catalog/products/W-POMEROL-18");
        assertTrue("the product page lists its related wines on sale in brief: " + r.body(), r.body().contains(
                "\"related\":[{\"kind\":\"SIMILAR\",\"reason\":\"Another great Bordeaux\",\"sku\":\"W-MARGAUX-15\""));
        assertTrue(r.body(), r.body().contains("{\"kind\":\"COMPLEMENTARY\",\"reason\":\"A white for the oysters before the lamb\",\"sku\":\"W-CHABLIS-21\""));
        assertFalse(r.body(), r.body().contains("W-DRAFT-20"));

        r = send("POST", "/api/catalog/suggestions", null, "{\"skus\": [\"W-POMEROL-18\", \"W-RIOJA-19\"]}");
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals("both point at the Chablis, then the Rioja's cross-sell, then the up-sell; never the draft nor the cart",
                List.of("W-CHABLIS-21", "W-ROSE-22", "W-MARGAUX-15"), productSkus(r.body()));
        assertTrue(r.body(), r.body().contains("\"kind\":\"COMPLEMENTARY\",\"reason\":\"A white for the oysters before the lamb\",\"from\":[\"W-POMEROL-18\",\"W-RIOJA-19\"]"));
        assertTrue(r.body(), r.body().contains("\"kind\":\"CROSS_SELL\",\"reason\":\"For the summer\""));
        assertTrue(r.body(), r.body().contains("\"kind\":\"UP_SELL\",\"reason\":\"A grand cru for a great day\""));

        r = send("POST", "/api/catalog/suggestions", null, "{\"skus\": [\"W-RIOJA-19\"], \"limit\": 1}");
        assertEquals(List.of("W-CHABLIS-21"), productSkus(r.body()));
        r = send("POST", "/api/catalog/suggestions", null, "{\"skus\": []}");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"skus\""));

        assertEquals(204, send("DELETE", "/api/admin/catalog/products/W-RIOJA-19/relations/cross-sell/W-ROSE-22", EDITOR, null).statusCode());
        assertEquals(404, send("DELETE", "/api/admin/catalog/products/W-RIOJA-19/relations/cross-sell/W-ROSE-22", EDITOR, null).statusCode());
        r = send("POST", "/api/catalog/suggestions", null, "{\"skus\": [\"W-RIOJA-19\"]}");
        assertEquals(List.of("W-CHABLIS-21", "W-MARGAUX-15"), productSkus(r.body()));
    }

    private static void relate(String sku, String kind, String related, String reason) throws Exception {
        HttpResponse<String> r = send("POST", "/api/admin/catalog/products/" + sku + "/relations", EDITOR,
                "{\"kind\": \"%s\", \"sku\": \"%s\"%s}".formatted(kind, related, reason == null ? "" : ", \"reason\": \"" + reason + "\""));
        assertEquals(r.body(), 201, r.statusCode());
    }

    /** The SKUs of the products in a list of related products or suggestions, in order. */
    private static List<String> productSkus(String body) {
        Matcher m = Pattern.compile("\"product\":\\{\"sku\":\"([^\"]+)\"").matcher(body);
        List<String> result = new java.util.ArrayList<>();
        while (m.find()) {
            result.add(m.group(1));
        }
        return result;
    }

    // ---- supplier import and channel export

    private static final String IMPORT_HEADER =
            "sku,slug,name,brand,type,categories,price,currency,attr.colour,attr.grape,attr.vintage,attr.region,attr.alcohol\n";

    private static HttpResponse<String> postBatch(String query, String contentType, String body) throws Exception {
        return send(HttpRequest.newBuilder(Http.uri("/api/admin/catalog/imports" + query)).header("Authorization", EDITOR)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    public void aBadSupplierBatchIsRefusedWithOneLinePerBadRowAndChangesNothing() throws Exception {
        String batch = IMPORT_HEADER.replace("\n", ",attr.sweetness\n")
                + "W-BATCH-OK,batch-ok,A good row,Domaine Batch,wine,,12.00,EUR,red,Merlot,2019,Bordeaux,13.0,\n"
                + "W-BATCH-TYPES,batch-types,Wrong types,Domaine Batch,wine,,twelve,EUR,red,Merlot,old,Bordeaux,strong,\n"
                + "W-BATCH-ATTR,batch-attr,Unknown attribute,Domaine Batch,wine,,12.00,EUR,red,Merlot,2019,Bordeaux,,dry\n"
                + "W-BATCH-REQ,batch-req,Missing region,Domaine Batch,wine,,12.00,EUR,red,Merlot,2019,,,\n"
                + "W-BATCH-OK,batch-dup,Duplicate SKU,Domaine Batch,wine,,12.00,EUR,red,Merlot,2019,Bordeaux,,\n"
                + "W-BATCH-QUOTE,batch-quote,Broken \"quoting,Domaine Batch,wine,,12.00,EUR,red,Merlot,2019,Bordeaux,,\n";
        for (String dryRun : List.of("?dryRun=true", "?dryRun=false")) {
            HttpResponse<String> r = postBatch(dryRun, "text/csv", batch);
            assertEquals(r.body(), 400, r.statusCode());
            String body = r.body();
            assertTrue(body, body.contains("5 of 6 rows are bad: nothing was imported"));
            for (String line : List.of("line 3", "line 4", "line 5", "line 6", "line 7")) {
                assertEquals(body, 1, body.split("\"field\":\"" + line + "\"", -1).length - 1);
            }
            assertFalse(body, body.contains("\"line 2\""));
            assertTrue(body, body.contains("price: 'twelve' is not a decimal amount") && body.contains("attributes.vintage: must be a whole number")
                    && body.contains("attributes.alcohol: must be a number"));
            assertTrue(body, body.contains("attributes.sweetness: is not an attribute of product type wine"));
            assertTrue(body, body.contains("attributes.region: is required"));
            assertTrue(body, body.contains("sku: W-BATCH-OK is also on line 2"));
            assertTrue(body, body.contains("a quote inside unquoted field 3"));
        }
        assertEquals("the good row was not applied either", 404,
                send("GET", "/api/admin/catalog/products/W-BATCH-OK", EDITOR, null).statusCode());

        HttpResponse<String> r = postBatch("", "application/json", """
                [{"sku": "W-BATCH-JSON", "slug": "batch-json", "name": "JSON", "type": "wine",
                  "price": {"amount": "1.00", "currency": "EUR"}, "attributes": {"colour": "blue", "grape": ["Merlot"], "region": "X"}}]""");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"line 1\"") && r.body().contains("attributes.colour: must be one of"));
        assertEquals(415, postBatch("", "text/plain", "sku\nX\n").statusCode());
        assertEquals(403, send(HttpRequest.newBuilder(Http.uri("/api/admin/catalog/imports")).header("Authorization", "Bearer admin:support")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(batch))).statusCode());
    }

    @Test
    public void aGoodSupplierBatchAppliesOnceAndIsFoundBySearch() throws Exception {
        String batch = IMPORT_HEADER
                + "W-IMPORT-1,import-1,Quixotic Zinfandel 2017,Domaine Import,wine,red-wine,21.00,EUR,red,Zinfandel|Petite Sirah,2017,Lodi,14.5\n"
                + "W-IMPORT-2,import-2,\"Quixotic \"\"Blanc\"\", 2022\",Domaine Import,wine,white-wine,16.00,EUR,white,Sauvignon Blanc,2022,Sancerre,12.5\n";
        HttpResponse<String> r = postBatch("?dryRun=true", "text/csv; charset=utf-8", batch);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"dryRun\":true") && r.body().contains("\"created\":2") && r.body().contains("\"applied\":false"));
        assertEquals("a dry run writes nothing", 404, send("GET", "/api/admin/catalog/products/W-IMPORT-1", EDITOR, null).statusCode());

        r = postBatch("", "text/csv", batch);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"applied\":true") && r.body().contains("\"created\":2"));
        r = postBatch("?dryRun=false", "text/csv", batch);
        assertTrue("the same file again changes nothing: " + r.body(), r.body().contains("\"created\":0,\"updated\":0,\"unchanged\":2"));
        r = send("GET", "/api/admin/catalog/products/W-IMPORT-2", EDITOR, null);
        assertTrue(r.body(), r.body().contains("Quixotic \\\"Blanc\\\", 2022") && r.body().contains("\"version\":1")
                && r.body().contains("\"status\":\"DRAFT\""));

        // on the storefront once published, and gone again once archived (the other tests count the wines)
        assertEquals(200, send("POST", "/api/admin/catalog/products/W-IMPORT-1/publish", EDITOR, null).statusCode());
        awaitSearch("q=quixotic", body -> skus(body).equals(List.of("W-IMPORT-1")), 20);
        assertTrue(search("q=quixotic&facet=grape:Petite%20Sirah").contains("W-IMPORT-1"));
        assertEquals(200, send("POST", "/api/admin/catalog/products/W-IMPORT-1/archive", EDITOR, null).statusCode());
        awaitSearch("q=quixotic", body -> total(body) == 0, 20);
    }

    @Test
    public void consoleImportsDryAndExportsForOtherChannels() throws Exception {
        java.nio.file.Path data = java.nio.file.Path.of(System.getProperty("karaf.data"));
        java.nio.file.Path batch = data.resolve("supplier-batch.csv");
        java.nio.file.Files.writeString(batch, IMPORT_HEADER
                + "W-CONSOLE-1,console-1,Console Syrah 2020,Domaine Console,wine,red-wine,18.00,EUR,red,Syrah,2020,Rhône,13.5\n");
        String out = KarafConsole.execute(sessions, "catalog:import --dry-run " + batch);
        assertTrue(out, out.contains("dry run, nothing written: would create 1, update 0, unchanged 0 (1 rows)"));
        assertEquals(404, send("GET", "/api/admin/catalog/products/W-CONSOLE-1", EDITOR, null).statusCode());

        java.nio.file.Files.writeString(batch, IMPORT_HEADER + "W-CONSOLE-2,console-2,Bad,,wine,,x,EUR,red,Syrah,2020,,\n");
        out = KarafConsole.execute(sessions, "catalog:import --dry-run --format csv " + batch);
        assertTrue(out, out.contains("line 2 (W-CONSOLE-2): price: 'x' is not a decimal amount") && out.contains("1 of 1 rows are bad"));

        java.nio.file.Path csv = data.resolve("catalog-export.csv");
        out = KarafConsole.execute(sessions, "catalog:export --format csv " + csv);
        assertTrue(out, out.contains("Exported ") && out.contains(csv.toString()));
        String exported = java.nio.file.Files.readString(csv);
        assertTrue(exported, exported.startsWith("sku,slug,name,") && exported.contains("attr.colour") && exported.contains("W-POMEROL-18"));
        out = KarafConsole.execute(sessions, "catalog:import --dry-run " + csv);
        assertTrue("an export re-imported changes nothing: " + out, out.contains("would create 0, update 0, unchanged"));

        java.nio.file.Path json = data.resolve("catalog-published.json");
        out = KarafConsole.execute(sessions, "catalog:export --status published " + json);
        String published = java.nio.file.Files.readString(json);
        assertTrue(published, published.contains("\"sku\":\"W-POMEROL-18\"") && !published.contains("W-DRAFT-20")
                && published.contains("\"price\":{\"amount\":\"34.50\",\"currency\":\"EUR\"}"));
        out = KarafConsole.execute(sessions, "catalog:import --dry-run " + json);
        assertTrue(out, out.contains("would create 0, update 0, unchanged"));

        HttpResponse<String> r = send("GET", "/api/admin/catalog/exports?format=csv&status=published", EDITOR, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"mediaType\":\"text/csv\"") && r.body().contains("W-POMEROL-18"));
        r = send("GET", "/api/admin/catalog/exports", EDITOR, null);
        assertTrue(r.body(), r.body().startsWith("{\"format\":\"json\"") && r.body().contains("\"products\":[\n{\"sku\":"));
        assertEquals(400, send("GET", "/api/admin/catalog/exports?format=xml", EDITOR, null).statusCode());
    }
}
