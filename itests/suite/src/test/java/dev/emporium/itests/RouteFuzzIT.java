package dev.emporium.itests;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Every route of the whole store, as {@code /api/openapi.json} lists it, meets malformed input with a Problem and no
 * change: wrong JSON types, missing and unknown fields, empty and huge strings, control and non-BMP characters,
 * negative, zero and enormous numbers, bad dates and currencies, SQL and script injection, wrong content types,
 * truncated bodies, bad path and query parameters. No answer is a 5xx; every refusal is
 * {@code application/problem+json} with a status and a title; a refused write leaves every emporium table as it was
 * (checksums read through the store's DataSource before and after). And strangers, customers and admins without the
 * route's role get 401 or 403 from every admin and customer route, never data.
 *
 * <p>The cases are generated deterministically from the route list; for a write the suite first learns the body's
 * fields from the route's own validation errors (an empty object names the first required field, and so on), so the
 * malformed values reach the fields the route actually reads.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RouteFuzzIT {

    // spelled out: a static initializer may not touch platform API types before @Before installed them
    private static final String ADMIN = "Bearer admin:admin";
    private static final String CUSTOMER = "Bearer customer:fuzz-customer";
    private static final String JSON = "application/json";
    private static final int MIN_CASES_PER_ROUTE = 50;
    /**
     * Written by the route's own audit or lockout rules, refusals included: a refusal may add to them by design; and
     * the platform's own bookkeeping, which moves in the background (outbox subscriptions' progress, scheduled job claims).
     */
    private static final Set<String> AUDIT_TABLES = Set.of("security_audit", "customers_sign_in_failure",
            "platform_outbox_subscription", "platform_job_run");
    private static final String[] DEPARTMENTS = {"catalog", "customers", "inventory", "orders", "security", "support"};

    private static ServiceRegistration<?> callers;
    private static boolean seeded;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Inject
    private BundleContext context;

    @Inject
    private FeaturesService features;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return StockKaraf.options();
    }

    @Before
    public void openTheStore() throws Exception {
        Store.install(features, "emporium");
        withJettyErrors();
        for (String department : DEPARTMENTS) {
            Store.awaitHealth("\"name\":\"" + department + "\",\"state\":\"UP\"", 120);
        }
        if (callers == null) {
            callers = TestCallers.register(context);
        }
        if (!seeded) {
            seed();
            seeded = true;
        }
    }

    /**
     * Installs the fragment of Pax Web's Jetty the distribution boots with, so that what Jetty refuses before the
     * gateway answers a Problem here too; attaching it restarts Jetty once, so this waits for the new one.
     */
    private void withJettyErrors() throws Exception {
        if (features.isInstalled(features.getFeature("emporium-jetty-errors"))) {
            return;
        }
        features.installFeature("emporium-jetty-errors");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = sendText("GET", "/api/%00", null, null, null, Map.of());
                last = r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse("") + " " + r.body();
                if (r.statusCode() == 400 && last.contains("application/problem+json")) {
                    Http.awaitOk("/api/health", 120);
                    return;
                }
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Jetty never answered a Problem to a refused request: " + last);
    }

    /** A product type, a category and a published, stocked wine, so that path parameters can name something real. */
    private void seed() throws Exception {
        assertOk(sendText("PUT", "/api/admin/catalog/types/fuzz_wine", ADMIN, JSON, """
                {"name": "Fuzz wine", "attributes": [
                  {"code": "colour", "label": "Colour", "type": "ENUMERATION", "required": true, "facetable": true,
                   "values": ["red", "white"]}]}""", Map.of()));
        assertOk(sendText("PUT", "/api/admin/catalog/categories/fuzz", ADMIN, JSON, "{\"name\":\"Fuzz\"}", Map.of()));
        assertOk(sendText("POST", "/api/admin/catalog/products", ADMIN, JSON, """
                {"sku": "FUZZ-1", "slug": "fuzz-1", "name": "Fuzz 1", "type": "fuzz_wine", "attributes": {"colour": "red"},
                 "categories": ["fuzz"], "price": {"amount": "12.50", "currency": "EUR"},
                 "shipping": {"weightGrams": 1350, "lengthMm": 80, "widthMm": 80, "heightMm": 320}}""", Map.of()));
        assertOk(sendText("POST", "/api/admin/catalog/products/FUZZ-1/publish", ADMIN, null, null, Map.of()));
        assertOk(sendText("POST", "/api/admin/inventory/stock/FUZZ-1/adjustments", ADMIN, JSON,
                "{\"location\":\"warehouse\",\"delta\":50,\"reason\":\"fuzz delivery\"}", Map.of()));
    }

    private static void assertOk(HttpResponse<String> r) {
        assertTrue(r.statusCode() + " " + r.body(), r.statusCode() / 100 == 2);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Strangers on admin and customer routes

    @Test
    public void strangersCustomersAndAdminsWithoutTheRoleGetNoAdminOrCustomerData() throws Exception {
        List<RouteInfo> routes = routes();
        Set<String> problemKeys = Set.of("type", "title", "status", "detail", "instance", "errors");
        List<String> failures = new ArrayList<>();
        int requests = 0;
        int covered = 0;
        Snapshot current = awaitQuiet();
        for (RouteInfo route : routes) {
            if (route.access.equals("public")) {
                continue;
            }
            covered++;
            Map<String, String> strangers = new LinkedHashMap<>();
            strangers.put("no credentials", null);
            strangers.put("a token nobody issued", "Bearer 7b2f0c1e-not-a-token");
            strangers.put("basic credentials", "Basic YWRtaW46YWRtaW4=");
            strangers.put("an expired token", "Bearer expired:1");
            strangers.put("an empty bearer", "Bearer ");
            if (route.access.equals("admin")) {
                strangers.put("a customer", CUSTOMER);
                if (route.role != null) {
                    strangers.put("an admin without the role", "Bearer admin:fuzz-no-such-role");
                }
            } else {
                strangers.put("an admin (not a customer)", ADMIN);
            }
            for (Map.Entry<String, String> who : strangers.entrySet()) {
                String what = route.key() + " as " + who.getKey();
                HttpResponse<String> r = send(route.method(), expand(route, Map.of()), who.getValue(),
                        route.write() ? JSON : null, route.write() ? "{}".getBytes(StandardCharsets.UTF_8) : null, Map.of());
                requests++;
                if (r.statusCode() != 401 && r.statusCode() != 403) {
                    failures.add(what + " -> " + r.statusCode() + " " + abbreviate(r.body()));
                    continue;
                }
                Object body = FuzzJson.parse(r.body());
                if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                        || !(body instanceof Map<?, ?> m) || !problemKeys.containsAll(m.keySet())) {
                    failures.add(what + " -> " + r.statusCode() + " with more than a Problem: " + abbreviate(r.body()));
                }
                if (route.write()) {
                    Snapshot after = snapshot();
                    if (!after.equals(current)) {
                        failures.add(what + " -> " + r.statusCode() + " changed " + current.diff(after));
                        current = after;
                    }
                }
            }
        }
        String summary = "strangers: admin and customer routes " + covered + ", requests " + requests
                + ", answered with anything but a bare 401/403 Problem or with a change " + failures.size();
        System.out.println(summary);
        assertTrue(summary, covered > 50);
        assertEquals(summary + "\n" + String.join("\n", failures.subList(0, Math.min(30, failures.size()))), 0, failures.size());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The HTTP surface: headers, CORS, rate limit

    @Test
    public void everyAnswerCarriesSecurityHeadersAndNoServerVersion() throws Exception {
        for (String path : new String[] {"/api/health", "/api/nothing", "/api/catalog/products/FUZZ-1",
                "/api/admin/catalog/products/FUZZ-1"}) {
            HttpResponse<String> r = sendText("GET", path, null, null, null, Map.of());
            var h = r.headers();
            assertEquals(path, "nosniff", h.firstValue("X-Content-Type-Options").orElse(null));
            assertEquals(path, "DENY", h.firstValue("X-Frame-Options").orElse(null));
            assertEquals(path, "no-referrer", h.firstValue("Referrer-Policy").orElse(null));
            assertEquals(path, "no-store", h.firstValue("Cache-Control").orElse(null));
            assertTrue(path, h.firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
            String server = h.firstValue("Server").orElse("");
            assertFalse(path + " names its server: " + server, server.matches(".*\\d.*") || server.contains("Jetty"));
            assertFalse(path + " shows a stack trace", r.body().contains("\tat ") || r.body().contains("Exception"));
        }
    }

    @Test
    public void storefrontOriginsGetCorsOthersAndAdminRoutesDoNot() throws Exception {
        Map<String, Object> previous = platformSettings(Map.of("corsAllowedOrigins", "https://shop.example, https://m.shop.example",
                "corsMaxAgeSeconds", 900));
        try {
            HttpResponse<String> pre = awaitPreflight("https://shop.example", "/api/orders/carts");
            assertEquals(pre.body(), 204, pre.statusCode());
            assertEquals("https://shop.example", pre.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertTrue(pre.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
            assertTrue(pre.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
            assertEquals("900", pre.headers().firstValue("Access-Control-Max-Age").orElse(null));

            HttpResponse<String> evil = preflight("https://evil.example", "/api/orders/carts");
            assertEquals(evil.body(), 403, evil.statusCode());
            assertTrue(evil.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(evil.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

            HttpResponse<String> admin = preflight("https://shop.example", "/api/admin/catalog/products");
            assertEquals(admin.body(), 403, admin.statusCode());
            assertTrue(admin.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

            HttpResponse<String> get = send("GET", "/api/catalog/products/FUZZ-1", null, null, null, Map.of("Origin", "https://m.shop.example"));
            assertEquals("https://m.shop.example", get.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            HttpResponse<String> missing = send("GET", "/api/nothing", null, null, null, Map.of("Origin", "https://shop.example"));
            assertEquals("a Problem to a storefront is readable too", "https://shop.example",
                    missing.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            HttpResponse<String> other = send("GET", "/api/catalog/products/FUZZ-1", null, null, null, Map.of("Origin", "https://evil.example"));
            assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
            HttpResponse<String> adminGet = send("GET", "/api/admin/catalog/products/FUZZ-1", ADMIN, null, null, Map.of("Origin", "https://shop.example"));
            assertEquals(adminGet.body(), 200, adminGet.statusCode());
            assertTrue(adminGet.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        } finally {
            platformSettings(previous);
        }
    }

    @Test
    public void storefrontWritesBeyondTheRatePerAddressGet429WithRetryAfterAndChangeNothing() throws Exception {
        Map<String, Object> previous = platformSettings(Map.of("storefrontWritesPerMinute", 5));
        try {
            // Config Admin tells the platform asynchronously: writes pass until the limit is in force
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            HttpResponse<String> r;
            do {
                r = sendText("POST", "/api/orders/carts", null, null, null, Map.of());
                assertTrue(r.body(), r.statusCode() == 201 || r.statusCode() == 429);
            } while (r.statusCode() != 429 && System.nanoTime() < deadline);
            assertEquals(r.body(), 429, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            long retryAfter = Long.parseLong(r.headers().firstValue("Retry-After").orElse("0"));
            assertTrue("Retry-After " + retryAfter, retryAfter >= 1 && retryAfter <= 12);

            Snapshot before = awaitQuiet();
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> again = sendText("POST", "/api/orders/carts", CUSTOMER, null, null, Map.of());
                assertEquals(again.body(), 429, again.statusCode());
            }
            assertEquals(before.diff(snapshot()), before, snapshot());
            // reads and admin writes are not storefront writes
            assertEquals(200, sendText("GET", "/api/catalog/products/FUZZ-1", null, null, null, Map.of()).statusCode());
            assertOk(sendText("PUT", "/api/admin/catalog/categories/fuzz-limit", ADMIN, JSON, "{\"name\":\"Limit\"}", Map.of()));
        } finally {
            platformSettings(previous);
        }
    }

    private HttpResponse<String> preflight(String origin, String path) throws Exception {
        return send("OPTIONS", path, null, null, null, Map.of("Origin", origin, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization, content-type"));
    }

    private HttpResponse<String> awaitPreflight(String origin, String path) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HttpResponse<String> r = preflight(origin, path);
        while (r.statusCode() != 204 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = preflight(origin, path);
        }
        return r;
    }

    /**
     * Sets platform settings (PID dev.emporium.platform) once File Install has read etc/, and returns the values they
     * replace, to put back.
     */
    private Map<String, Object> platformSettings(Map<String, Object> values) throws Exception {
        org.osgi.service.cm.Configuration cfg = fileInstalled("dev.emporium.platform");
        java.util.Dictionary<String, Object> props = cfg.getProperties();
        Map<String, Object> previous = new HashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object old = props.get(e.getKey());
            previous.put(e.getKey(), old == null ? defaultSetting(e.getKey()) : old);
            props.put(e.getKey(), e.getValue());
        }
        cfg.update(props);
        // the new values reach the gateway through an asynchronous Config Admin event
        Components.awaitConfigured(context, "dev.emporium.platform", values, 30);
        return previous;
    }

    private static Object defaultSetting(String key) {
        return switch (key) {
            case "corsAllowedOrigins" -> "";
            case "corsMaxAgeSeconds" -> 600;
            case "storefrontWritesPerMinute" -> 600;
            default -> throw new IllegalArgumentException(key);
        };
    }


    private org.osgi.service.cm.Configuration fileInstalled(String pid) throws Exception {
        return Store.fileInstalled(context, pid, 30);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Malformed input on every route

    @Test
    public void everyRouteMeetsMalformedInputWithAProblemAndNoChange() throws Exception {
        // thousands of storefront writes from one address: the rate limit is the subject of another test
        Map<String, Object> previous = platformSettings(Map.of("storefrontWritesPerMinute", 0));
        try {
            fuzzEveryRoute();
        } finally {
            platformSettings(previous);
        }
    }

    private void fuzzEveryRoute() throws Exception {
        List<RouteInfo> routes = routes();
        Tally tally = new Tally();
        Snapshot current = awaitQuiet();
        for (RouteInfo route : routes) {
            String caller = route.access.equals("admin") ? ADMIN : route.access.equals("customer") ? CUSTOMER : null;
            int before = tally.requests;
            Map<String, Object> base = route.write() ? learnBody(route, caller, tally, current) : Map.of();
            current = tally.snapshot;
            for (Case c : cases(route, base)) {
                current = exchange(route, caller, c, tally, current);
            }
            int sent = tally.requests - before;
            tally.perRoute.put(route.key(), sent);
        }
        String summary = String.format(Locale.ROOT,
                "fuzz: routes covered %d of %d, requests %d (fewest on one route %d), writes %d, accepted (2xx) %d "
                        + "(of which writes %d), 4xx %d, 5xx %d, refusals without a Problem body %d, "
                        + "refused by Jetty before the store (as Problems too) %d, "
                        + "write refusals that changed data %d, background changes re-checked %d",
                tally.perRoute.size(), routes.size(), tally.requests,
                tally.perRoute.values().stream().mapToInt(Integer::intValue).min().orElse(0), tally.writes,
                tally.accepted, tally.acceptedWrites, tally.refused, tally.serverErrors.size(), tally.noProblem.size(),
                tally.jettyRefusals, tally.changedData.size(), tally.rechecks);
        System.out.println(summary);
        tally.serverErrors.stream().limit(40).forEach(s -> System.out.println("5xx: " + s));
        tally.noProblem.stream().limit(40).forEach(s -> System.out.println("no problem: " + s));
        tally.changedData.stream().limit(40).forEach(s -> System.out.println("changed: " + s));
        assertEquals(summary, routes.size(), tally.perRoute.size());
        for (Map.Entry<String, Integer> e : tally.perRoute.entrySet()) {
            assertTrue(e.getKey() + " got only " + e.getValue() + " requests", e.getValue() >= MIN_CASES_PER_ROUTE);
        }
        assertEquals(summary + "\n" + String.join("\n", tally.serverErrors.subList(0, Math.min(20, tally.serverErrors.size()))),
                0, tally.serverErrors.size());
        assertEquals(summary + "\n" + String.join("\n", tally.noProblem.subList(0, Math.min(20, tally.noProblem.size()))),
                0, tally.noProblem.size());
        assertEquals(summary + "\n" + String.join("\n", tally.changedData.subList(0, Math.min(20, tally.changedData.size()))),
                0, tally.changedData.size());
    }

    /** What the suite counts, and the cases that broke a promise. */
    private static final class Tally {
        final Map<String, Integer> perRoute = new TreeMap<>();
        final List<String> serverErrors = new ArrayList<>();
        final List<String> noProblem = new ArrayList<>();
        final List<String> changedData = new ArrayList<>();
        int requests;
        int writes;
        int accepted;
        int acceptedWrites;
        int refused;
        int rechecks;
        int jettyRefusals;
        Snapshot snapshot;
    }

    /** One malformed request: what to put in the path, the query and the body. */
    private record Case(String label, Map<String, String> pathValues, String query, String contentType, byte[] body,
                        Map<String, String> headers) {
        Case(String label, Map<String, String> pathValues, String query, String contentType, String body) {
            this(label, pathValues, query, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    private record RouteInfo(String method, String path, String access, String role, List<String> params) {
        boolean write() {
            return !method.equals("GET");
        }

        String key() {
            return method + " " + path;
        }
    }

    private List<RouteInfo> routes() throws Exception {
        HttpResponse<String> r = sendText("GET", "/api/openapi.json", null, null, null, Map.of());
        assertEquals(r.body(), 200, r.statusCode());
        @SuppressWarnings("unchecked")
        Map<String, Object> paths = (Map<String, Object>) ((Map<String, Object>) FuzzJson.parse(r.body())).get("paths");
        List<RouteInfo> routes = new ArrayList<>();
        for (Map.Entry<String, Object> p : paths.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> methods = (Map<String, Object>) p.getValue();
            for (Map.Entry<String, Object> m : methods.entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> op = (Map<String, Object>) m.getValue();
                List<String> params = new ArrayList<>();
                Matcher matcher = Pattern.compile("\\{([^}]+)}").matcher(p.getKey());
                while (matcher.find()) {
                    params.add(matcher.group(1));
                }
                routes.add(new RouteInfo(m.getKey().toUpperCase(Locale.ROOT), p.getKey(),
                        String.valueOf(op.get("x-emporium-access")), (String) op.get("x-emporium-role"), params));
            }
        }
        assertTrue("the store lists its routes: " + routes.size(), routes.size() > 100);
        return routes;
    }

    // -- the cases --------------------------------------------------------------------------------------------------

    /** Values that break a path parameter; already percent-encoded where they need to be. */
    private static final List<String> BAD_PATH_VALUES = List.of("%00", "%FF", "%C0%AF", "..", "%2E%2E", "%27%20OR%201%3D1--",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "-1", "0", "99999999999999999999999", "a".repeat(2000),
            "%F0%9F%98%80", "%E2%80%AE", "%20", "null", "%0A%0D", "x;y=1");

    private static final List<String> QUERY_NAMES = List.of("limit", "cursor", "q", "from", "to", "since", "status",
            "currency", "sku", "sort", "locale", "facet", "page");

    private static final List<String> BAD_QUERY_VALUES = List.of("-1", "0", "abc", "99999999999999999999999", "%00",
            "%27%20OR%20%271%27%3D%271", "%3Cscript%3E", "a".repeat(3000), "%F0%9F%98%80", "%FF", "2026-13-45T99:99:99Z",
            "1e400", "%2C%2C%2C", "XXX");

    /** Wrong values for a body field, as JSON text. */
    private static final List<Object> BAD_FIELD_VALUES = List.of(
            new FuzzJson.Raw("123"), new FuzzJson.Raw("-1"), new FuzzJson.Raw("0"), new FuzzJson.Raw("1e308"),
            new FuzzJson.Raw("99999999999999999999999999999"), new FuzzJson.Raw("-99999999999999999999.5"),
            Boolean.TRUE, List.of(), Map.of(), new FuzzJson.Raw("null"), "", "x".repeat(100_000), "\u0000\u0001\u001b\u007f",
            "\uD83C\uDF77\uD835\uDD4F", "\uD83D", "' OR '1'='1' --", "'); DROP TABLE catalog_product; --",
            "<script>alert(1)</script>", "2026-02-30T25:61:00Z", "NaN",
            Map.of("amount", "-1.00", "currency", "XXX"), Map.of("amount", "1e400", "currency", "EUR"),
            List.of(Map.of("sku", "", "quantity", -5)));

    private List<Case> cases(RouteInfo route, Map<String, Object> base) {
        List<Case> cases = new ArrayList<>();
        String good = route.write() ? FuzzJson.write(base) : null;
        String goodType = route.write() ? JSON : null;
        // bad path parameters, the rest as good as the suite knows it
        for (String param : route.params) {
            for (String bad : BAD_PATH_VALUES) {
                cases.add(new Case("path " + param + "=" + abbreviate(bad), Map.of(param, bad), null, goodType, good));
            }
        }
        // bad query parameters
        int q = 0;
        int queryCases = route.write() ? 14 : 42;
        for (int i = 0; i < queryCases; i++) {
            String name = QUERY_NAMES.get(i % QUERY_NAMES.size());
            String value = BAD_QUERY_VALUES.get((i * 5 + q++) % BAD_QUERY_VALUES.size());
            cases.add(new Case("query " + name + "=" + abbreviate(value), Map.of(), name + "=" + value, goodType, good));
        }
        // bodies of the wrong shape, type or encoding
        String json = good == null ? "{\"sku\":\"FUZZ-1\"}" : good;
        cases.add(new Case("no body", Map.of(), null, null, (String) null));
        cases.add(new Case("empty JSON body", Map.of(), null, JSON, ""));
        cases.add(new Case("text/plain", Map.of(), null, "text/plain", json));
        cases.add(new Case("form", Map.of(), null, "application/x-www-form-urlencoded", "sku=FUZZ-1&quantity=1"));
        cases.add(new Case("xml", Map.of(), null, "application/xml", "<a>1</a>"));
        cases.add(new Case("content type garbage", Map.of(), null, "application/json; charset=klingon", json));
        cases.add(new Case("truncated", Map.of(), null, JSON, json.substring(0, Math.max(1, json.length() / 2))));
        cases.add(new Case("open brace", Map.of(), null, JSON, "{"));
        cases.add(new Case("array", Map.of(), null, JSON, "[]"));
        cases.add(new Case("null", Map.of(), null, JSON, "null"));
        cases.add(new Case("string", Map.of(), null, JSON, "\"FUZZ-1\""));
        cases.add(new Case("number", Map.of(), null, JSON, "12"));
        cases.add(new Case("invalid UTF-8", Map.of(), null, JSON,
                new byte[] {'{', '"', 's', 'k', 'u', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'}, Map.of()));
        cases.add(new Case("deep nesting", Map.of(), null, JSON, "[".repeat(5000) + "]".repeat(5000)));
        cases.add(new Case("huge unknown field", Map.of(), null, JSON, "{\"zzUnknown\":\"" + "x".repeat(200_000) + "\"}"));
        cases.add(new Case("duplicate key", Map.of(), null, JSON, "{\"sku\":\"a\",\"sku\":\"b\"}"));
        cases.add(new Case("byte order mark", Map.of(), null, JSON, "\uFEFF" + json));
        cases.add(new Case("idempotency key of 5000 chars", Map.of(), null, JSON, json.getBytes(StandardCharsets.UTF_8),
                Map.of("Idempotency-Key", "k".repeat(5000))));
        Map<String, Object> extra = new LinkedHashMap<>(base);
        extra.put("zzUnknown", "fuzz");
        cases.add(new Case("extra field", Map.of(), null, JSON, FuzzJson.write(extra)));
        // each field the route reads: missing, then every wrong value
        List<String> fields = new ArrayList<>(base.keySet());
        for (String field : fields) {
            Map<String, Object> missing = new LinkedHashMap<>(base);
            missing.remove(field);
            cases.add(new Case("missing " + field, Map.of(), null, JSON, FuzzJson.write(missing)));
        }
        for (String field : fields.subList(0, Math.min(fields.size(), 6))) {
            for (Object bad : BAD_FIELD_VALUES) {
                Map<String, Object> body = new LinkedHashMap<>(base);
                body.put(field, bad);
                cases.add(new Case(field + "=" + abbreviate(FuzzJson.write(bad)), Map.of(), null, JSON, FuzzJson.write(body)));
            }
        }
        if (fields.isEmpty()) {
            // a body the route does not read (or whose fields the suite could not learn): common names, wrong values
            List<String> guesses = List.of("sku", "quantity", "price", "email", "name");
            for (int i = 0; i < BAD_FIELD_VALUES.size(); i++) {
                cases.add(new Case("guessed " + guesses.get(i % guesses.size()), Map.of(), null, JSON,
                        FuzzJson.write(Map.of(guesses.get(i % guesses.size()), BAD_FIELD_VALUES.get(i)))));
            }
        }
        return cases;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + ")" : s;
    }

    /**
     * The body a write expects, learned from its own refusals: starting from {}, each "field: is required" (or a
     * complaint about a field's value) adds the field, or tries its next plausible value. At most 10 rounds.
     */
    private Map<String, Object> learnBody(RouteInfo route, String caller, Tally tally, Snapshot current) throws Exception {
        Map<String, Object> base = new LinkedHashMap<>();
        Map<String, Integer> attempt = new HashMap<>();
        tally.snapshot = current;
        for (int round = 0; round < 10; round++) {
            Case c = new Case("learning " + FuzzJson.write(base), Map.of(), null, JSON, FuzzJson.write(base));
            HttpResponse<String> r = exchangeResponse(route, caller, c, tally);
            if (r == null || r.statusCode() / 100 == 2 || r.statusCode() >= 500) {
                break;
            }
            String field = firstErrorField(r.body());
            if (field == null) {
                break;
            }
            String top = field.split("[.\\[]", 2)[0];
            if (top.isEmpty() || top.equals("body") || top.equals("zzUnknown")) {
                break;
            }
            int n = attempt.merge(top, 1, Integer::sum) - 1;
            List<Object> candidates = plausible(top);
            if (n >= candidates.size()) {
                break;
            }
            if (r.body().contains("unknown field")) {
                base.remove(top);
                break;
            }
            base.put(top, candidates.get(n));
        }
        return base;
    }

    private static String firstErrorField(String problem) {
        try {
            Object parsed = FuzzJson.parse(problem);
            if (parsed instanceof Map<?, ?> m && m.get("errors") instanceof List<?> errors && !errors.isEmpty()
                    && errors.get(0) instanceof Map<?, ?> e && e.get("field") instanceof String f) {
                return f;
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    /** Plausible values for a field, by its name, in the order the learning tries them. */
    private static List<Object> plausible(String field) {
        String f = field.toLowerCase(Locale.ROOT);
        List<Object> values = new ArrayList<>();
        Map<String, Object> money = Map.of("amount", "10.00", "currency", "EUR");
        if (f.contains("sku")) {
            values.add(f.endsWith("s") ? List.of("FUZZ-1") : "FUZZ-1");
        }
        if (f.contains("email")) {
            values.add("fuzz@example.org");
        }
        if (f.contains("password") || f.contains("secret")) {
            values.add("Fuzz-Passw0rd-2026!");
        }
        if (f.contains("price") || f.equals("cost") || f.equals("total") || f.contains("amount") && !f.equals("amount")) {
            values.add(money);
        }
        if (f.equals("amount")) {
            values.add("10.00");
        }
        if (f.equals("currency")) {
            values.add("EUR");
        }
        if (f.equals("country")) {
            values.add("FR");
        }
        if (f.equals("lines") || f.equals("items")) {
            values.add(List.of(Map.of("sku", "FUZZ-1", "quantity", 1)));
        }
        if (f.equals("location")) {
            values.add("warehouse");
        }
        if (f.contains("address")) {
            values.add(Map.of("name", "Fuzz", "line1", "1 rue du Test", "postalCode", "33000", "city", "Bordeaux", "country", "FR"));
        }
        if (f.equals("shipping")) {
            values.add(Map.of("weightGrams", 1000, "lengthMm", 80, "widthMm", 80, "heightMm", 300));
        }
        if (f.equals("type") || f.equals("producttype")) {
            values.add("fuzz_wine");
        }
        if (f.equals("categories")) {
            values.add(List.of("fuzz"));
        }
        if (f.equals("attributes")) {
            values.add(Map.of("colour", "red"));
        }
        if (f.endsWith("at") || f.contains("date") || f.equals("from") || f.equals("to") || f.equals("since") || f.equals("until")) {
            values.add("2026-01-01T00:00:00Z");
        }
        if (f.equals("paymentmethod")) {
            values.add("test-card");
        }
        if (f.equals("cardnumber")) {
            values.add("4242 4242 4242 4242");
        }
        values.add("fuzz");
        values.add(1);
        values.add(Boolean.TRUE);
        values.add(Map.of());
        values.add(List.of());
        values.add("2026-01-01");
        return values;
    }

    // -- sending and checking ---------------------------------------------------------------------------------------

    private Snapshot exchange(RouteInfo route, String caller, Case c, Tally tally, Snapshot current) throws Exception {
        tally.snapshot = current;
        exchangeResponse(route, caller, c, tally);
        return tally.snapshot;
    }

    /** Sends one case and checks it: no 5xx, a Problem for a refusal, no change in the database for a refused write. */
    private HttpResponse<String> exchangeResponse(RouteInfo route, String caller, Case c, Tally tally) throws Exception {
        String target = expand(route, c.pathValues()) + (c.query() == null ? "" : "?" + c.query());
        String what = route.key() + " [" + c.label() + "]";
        HttpResponse<String> r;
        try {
            r = send(route.method(), target, caller, c.contentType(), c.body(), c.headers());
        } catch (java.io.IOException e) {
            tally.requests++;
            tally.serverErrors.add(what + " -> connection failed: " + e);
            return null;
        }
        tally.requests++;
        if (route.write()) {
            tally.writes++;
        }
        int status = r.statusCode();
        if (status >= 500) {
            tally.serverErrors.add(what + " -> " + status + " " + abbreviate(r.body().replace('\n', ' ')));
        }
        if (status / 100 == 2) {
            tally.accepted++;
            if (route.write()) {
                tally.acceptedWrites++;
                tally.snapshot = awaitQuiet();
            }
            return r;
        }
        if (status >= 400) {
            tally.refused++;
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (r.headers().firstValue("Server").isEmpty()) {
                // Jetty refused it before any servlet saw it (a path it cannot decode, an encoded NUL): the gateway
                // names itself in every answer, Jetty's error handler (the emporium-jetty-errors fragment) does not
                tally.jettyRefusals++;
            }
            if (!type.startsWith("application/problem+json") || !r.body().contains("\"status\":" + status)
                    || !r.body().contains("\"title\":")) {
                tally.noProblem.add(what + " -> " + status + " " + type + " " + abbreviate(r.body().replace('\n', ' ')));
            }
        }
        if (route.write()) {
            Snapshot after = snapshot();
            if (!after.equals(tally.snapshot)) {
                // Something changed: this refusal, or an event handler or timer at work on an earlier accepted write.
                // A refusal is deterministic: settle, then send it again; a second change is the refusal's own.
                tally.rechecks++;
                Snapshot settled = awaitQuiet();
                HttpResponse<String> again = send(route.method(), target, caller, c.contentType(), c.body(), c.headers());
                Snapshot afterAgain = snapshot();
                if (again.statusCode() / 100 != 2 && !afterAgain.equals(settled)) {
                    tally.changedData.add(what + " -> " + status + " changed " + settled.diff(afterAgain));
                }
                tally.snapshot = afterAgain;
            }
        }
        return r;
    }

    private static String expand(RouteInfo route, Map<String, String> values) {
        String path = route.path();
        for (String param : route.params()) {
            String value = values.getOrDefault(param, defaultValue(param));
            path = path.replace("{" + param + "}", value);
        }
        return path;
    }

    /** The value a path parameter gets when it is not the one under test: something the seed made, where it can. */
    private static String defaultValue(String param) {
        String p = param.toLowerCase(Locale.ROOT);
        if (p.contains("sku")) {
            return "FUZZ-1";
        }
        if (p.equals("slug") || p.equals("category") || p.equals("code")) {
            return "fuzz";
        }
        if (p.equals("type")) {
            return "fuzz_wine";
        }
        if (p.equals("location")) {
            return "warehouse";
        }
        return "fuzz-" + p;
    }

    private HttpResponse<String> sendText(String method, String path, String authorization, String contentType, String body,
                                          Map<String, String> headers) throws Exception {
        return send(method, path, authorization, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private HttpResponse<String> send(String method, String path, String authorization, String contentType, byte[] body,
                                      Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Http.uri("").toString() + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // -- the database -----------------------------------------------------------------------------------------------

    /** A checksum of every row of every emporium table, by table. */
    private record Snapshot(Map<String, String> tables) {
        String diff(Snapshot other) {
            Set<String> changed = new LinkedHashSet<>();
            for (String t : tables.keySet()) {
                if (!Objects.equals(tables.get(t), other.tables.get(t))) {
                    changed.add(t);
                }
            }
            for (String t : other.tables.keySet()) {
                if (!tables.containsKey(t)) {
                    changed.add(t);
                }
            }
            return changed.toString();
        }
    }

    /** Waits until every outbox event is delivered and two snapshots in a row agree, and returns the last. */
    private Snapshot awaitQuiet() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Snapshot last = snapshot();
        while (System.nanoTime() < deadline) {
            Thread.sleep(50);
            Snapshot next = snapshot();
            if (next.equals(last) && pendingEvents() == 0) {
                return next;
            }
            last = next;
        }
        return last;
    }

    private long pendingEvents() throws Exception {
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM platform_outbox WHERE delivered_at IS NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Snapshot snapshot() throws Exception {
        Map<String, String> tables = new TreeMap<>();
        try (Connection c = dataSource().getConnection()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    for (String prefix : new String[] {"catalog_", "customers_", "inventory_", "orders_", "security_",
                            "support_", "platform_"}) {
                        if (name.startsWith(prefix) && !AUDIT_TABLES.contains(name)) {
                            names.add(name);
                        }
                    }
                }
            }
            for (String table : names) {
                // the outbox's delivery columns change as events go out; that a refusal added no event is what counts
                String sql = table.equals("platform_outbox") ? "SELECT id, topic, payload FROM platform_outbox" : "SELECT * FROM " + table;
                MessageDigest total = MessageDigest.getInstance("SHA-256");
                List<String> rows = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(rs.getString(i)).append('\u0001');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                for (String row : rows) {
                    total.update(row.getBytes(StandardCharsets.UTF_8));
                }
                tables.put(table, rows.size() + ":" + java.util.HexFormat.of().formatHex(total.digest()));
            }
        }
        return new Snapshot(tables);
    }

    private DataSource dataSource() throws Exception {
        Collection<ServiceReference<DataSource>> refs = context.getServiceReferences(DataSource.class, "(dataSourceName=emporium)");
        assertFalse("the emporium DataSource", refs.isEmpty());
        return context.getService(refs.iterator().next());
    }
}
