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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The support department on a real Karaf with the whole store: a live chat both ways over HTTP (Server-Sent Events and
 * the polling fallback), an abandoned cart that becomes a follow-up only with consent and is won with credit by the
 * order, an order's case kept up to date to delivery with the buyer notified and reopened by a complaint, a negative
 * mention of an influential customer opening a flagged case, erasure anonymizing chats and cases, and the
 * {@code support:} console.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SupportIT {

    // spelled out: a static initializer may not touch platform API types before @Before installed them
    private static final String AGENT = "Bearer admin:support-agent";
    private static final String EDITOR = "Bearer admin:catalog-editor";
    private static final String STOCK_MANAGER = "Bearer admin:inventory-manager";
    private static final String ORDER_MANAGER = "Bearer admin:order-manager";
    private static final String PASSWORD = "vendanges 2026!";
    private static final String CARD = "4242 4242 4242 4242";
    private static ServiceRegistration<?> callers;
    private static boolean stocked;

    @Inject
    private BundleContext context;

    @Inject
    private FeaturesService features;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private SessionFactory sessions;

    @Configuration
    public Option[] config() {
        return StockKaraf.options();
    }

    @Before
    public void openTheStore() throws Exception {
        Store.install(features, "emporium");
        for (String department : new String[] {"support", "orders", "customers", "catalog", "inventory"}) {
            Store.awaitHealth("\"name\":\"" + department + "\",\"state\":\"UP\"", 60);
        }
        if (callers == null) {
            callers = TestCallers.register(context);
        }
        if (stocked) {
            return;
        }
        HttpResponse<String> r = send("PUT", "/api/admin/catalog/types/wine", EDITOR, null, """
                {"name": "Wine", "attributes": [
                  {"code": "colour", "label": "Colour", "type": "ENUMERATION", "required": true, "facetable": true, "values": ["red", "white"]}
                ]}""");
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals(200, send("PUT", "/api/admin/catalog/categories/wine", EDITOR, null, "{\"name\":\"Wine\"}").statusCode());
        r = send("POST", "/api/admin/catalog/products", EDITOR, null, """
                {"sku": "W-SUP", "slug": "w-sup", "name": "Support Wine", "type": "wine", "attributes": {"colour": "red"},
                 "categories": ["wine"], "price": {"amount": "19.90", "currency": "EUR"},
                 "shipping": {"weightGrams": 1350, "lengthMm": 80, "widthMm": 80, "heightMm": 320}}""");
        assertEquals(r.body(), 201, r.statusCode());
        assertEquals(200, send("POST", "/api/admin/catalog/products/W-SUP/publish", EDITOR, null, null).statusCode());
        r = send("POST", "/api/admin/inventory/stock/W-SUP/adjustments", STOCK_MANAGER, null,
                "{\"location\":\"warehouse\",\"delta\":100,\"reason\":\"delivery\"}");
        assertEquals(r.body(), 201, r.statusCode());
        stocked = true;
    }

    @Test
    public void aChatGoesBothWaysOverHttpLiveAndByPolling() throws Exception {
        HttpResponse<String> r = send("POST", "/api/support/chats", null, null,
                "{\"name\":\"Visitor\",\"topic\":\"A wine for fish\",\"message\":\"Hello, which white goes with sole?\"}");
        assertEquals(r.body(), 201, r.statusCode());
        String chat = text(r.body(), "id");
        r = send("GET", "/api/admin/support/chats", AGENT, null, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue("the queue shows the new chat: " + r.body(), r.body().contains(chat));
        assertEquals(403, send("GET", "/api/admin/support/chats", ORDER_MANAGER, null, null).statusCode());
        assertEquals(200, send("POST", "/api/admin/support/chats/" + chat + "/take", AGENT, null, null).statusCode());

        // the visitor listens live
        HttpRequest stream = HttpRequest.newBuilder(Http.uri("/api/support/stream/" + chat)).timeout(Duration.ofSeconds(60))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> live = HttpClient.newHttpClient().send(stream, HttpResponse.BodyHandlers.ofInputStream());
        if (live.statusCode() != 200) {
            throw new AssertionError("the stream answered " + live.statusCode() + ": " + new String(live.body().readAllBytes(), StandardCharsets.UTF_8)
                    + "\n" + KarafConsole.execute(sessions, "scr:info dev.emporium.support.internal.http.ChatStream"));
        }
        assertTrue(live.headers().firstValue("Content-Type").orElse(""), live.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        try (BufferedReader events = new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8))) {
            assertTrue("the visitor's own first message comes first", readUntil(events, l -> l.contains("which white goes with sole")));
            r = send("POST", "/api/admin/support/chats/" + chat + "/messages", AGENT, null, "{\"body\":\"A Chablis, fresh and mineral.\"}");
            assertEquals(r.body(), 201, r.statusCode());
            assertTrue("the agent's answer reaches the visitor live", readUntil(events, l -> l.startsWith("data:") && l.contains("A Chablis, fresh and mineral.")));
            r = send("POST", "/api/support/chats/" + chat + "/messages", null, null, "{\"body\":\"Perfect, thanks!\"}");
            assertEquals(r.body(), 201, r.statusCode());
            assertTrue("and the visitor's reply on the same stream", readUntil(events, l -> l.contains("Perfect, thanks!")));
        }

        // the polling fallback: messages after an id
        r = send("GET", "/api/support/chats/" + chat + "?after=0", null, null, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"from\":\"AGENT\"") && r.body().contains("\"from\":\"VISITOR\""));
        long last = number(r.body(), "last");
        r = send("GET", "/api/support/chats/" + chat + "?after=" + last, null, null, null);
        assertTrue(r.body(), r.body().contains("\"messages\":[]"));
        assertEquals(400, send("GET", "/api/support/chats/" + chat + "?after=x", null, null, null).statusCode());
        HttpResponse<String> missing = send("GET", "/api/support/stream/nope", null, null, null);
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body(), missing.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        r = send("POST", "/api/support/chats/" + chat + "/messages", null, null, "{\"body\":\"\"}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"body\""));

        r = send("GET", "/api/admin/support/chats/" + chat, AGENT, null, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue("the transcript is kept: " + r.body(), r.body().contains("Hello, which white") && r.body().contains("A Chablis") && r.body().contains("Perfect, thanks!"));
        assertEquals(200, send("POST", "/api/support/chats/" + chat + "/close", null, null, null).statusCode());
        assertEquals(409, send("POST", "/api/support/chats/" + chat + "/messages", null, null, "{\"body\":\"hello?\"}").statusCode());
    }

    @Test
    public void anAbandonedCartBecomesAFollowUpOnlyWithConsentAndTheOrderCreditsTheAgent() throws Exception {
        fileInstalled("dev.emporium.support");
        var cfg = configAdmin.getConfiguration("dev.emporium.support", null);
        Dictionary<String, Object> props = cfg.getProperties();
        props.put("followUpIdleMinutes", "0");
        props.put("sweepSeconds", "0");
        cfg.update(props);

        String[] ann = signUp("ann.support@example.com");
        String[] bob = signUp("bob.support@example.com");
        HttpResponse<String> r = send("POST", "/api/customers/me/consents", ann[1], null,
                "{\"purpose\":\"promotions\",\"channels\":[\"EMAIL\"],\"granted\":true,\"explanation\":\"Offers and a call about your cart.\"}");
        assertEquals(r.body(), 201, r.statusCode());
        String annCart = cart(ann[1]);
        cart(bob[1]);

        // the new settings reach support asynchronously: sweep until the idle time of 0 is in force
        String followUps = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!followUps.contains("\"status\":\"OPEN\"") && System.nanoTime() < deadline) {
            sweep();
            followUps = send("GET", "/api/admin/support/follow-ups?customerId=" + ann[0], AGENT, null, null).body();
            Thread.sleep(200);
        }
        assertTrue(followUps, followUps.contains("\"kind\":\"ABANDONED_CART\"") && followUps.contains("\"channel\":\"EMAIL\""));
        assertTrue(followUps, followUps.contains(annCart));
        r = send("GET", "/api/admin/support/follow-ups?customerId=" + bob[0], AGENT, null, null);
        assertEquals("bob gave no consent: no follow-up", "[]", r.body());
        long followUp = number(followUps, "id");
        r = send("POST", "/api/admin/support/follow-ups/" + followUp + "/assign", AGENT, null, "{\"agent\":\"carla\"}");
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals(400, send("POST", "/api/admin/support/follow-ups/" + followUp + "/assign", AGENT, null, "{\"agent\":\" \"}").statusCode());

        r = checkout(ann[1], annCart, "it-support-ann");
        assertEquals(r.body(), 201, r.statusCode());
        String number = text(r.body(), "number");
        String won = awaitBody("/api/admin/support/follow-ups?customerId=" + ann[0], body -> body.contains("\"status\":\"WON\""));
        assertTrue(won, won.contains("\"orderNumber\":\"" + number + "\"") && won.contains("\"creditedAgent\":\"carla\""));
        assertTrue(won, won.contains("\"creditedTotal\":{\"amount\":\"" + text(r.body().substring(r.body().indexOf("\"total\":{")), "amount") + "\""));
        r = send("GET", "/api/admin/support/agents/stats", AGENT, null, null);
        assertTrue(r.body(), Pattern.compile("\"agent\":\"carla\".*?\"salesClosed\":1").matcher(r.body()).find());

        String out = KarafConsole.execute(sessions, "support:follow-ups --status WON");
        assertTrue(out, out.contains(ann[0]) && out.contains("carla") && out.contains(number));
        out = KarafConsole.execute(sessions, "support:stats");
        assertTrue(out, out.contains("carla"));
    }

    @Test
    public void anOrderOpensACaseItsShipmentNotifiesTheBuyerAndAComplaintReopensIt() throws Exception {
        String buyer = "Bearer customer:c-support-case";
        String cart = cart(buyer);
        HttpResponse<String> r = checkout(buyer, cart, "it-support-case");
        assertEquals(r.body(), 201, r.statusCode());
        String number = text(r.body(), "number");
        // the buyer is notified once the case's step is committed
        String view = awaitBody("/api/admin/support/orders/" + number + "/case", body -> body.contains("\"subject\":\"We have your order " + number));
        long caseId = number(view, "id");
        assertTrue(view, view.contains("\"status\":\"OPEN\"") && view.contains("\"recipient\":\"ann@example.org\""));

        assertEquals(200, send("POST", "/api/admin/orders/orders/" + number + "/pack", ORDER_MANAGER, null, null).statusCode());
        assertEquals(200, send("POST", "/api/admin/orders/orders/" + number + "/ship", ORDER_MANAGER, null,
                "{\"carrier\":\"Colissimo\",\"trackingNumber\":\"6A-SUP-1\"}").statusCode());
        view = awaitBody("/api/admin/support/cases/" + caseId, body -> body.contains("has shipped with Colissimo, tracking number 6A-SUP-1"));
        assertTrue(view, view.contains("\"subject\":\"Order " + number + " has shipped\""));
        assertEquals(200, send("POST", "/api/admin/orders/orders/" + number + "/deliver", ORDER_MANAGER, null, null).statusCode());
        awaitBody("/api/admin/support/cases/" + caseId, body -> body.contains("\"status\":\"RESOLVED\""));

        r = send("POST", "/api/support/cases/" + caseId + "/entries", buyer, null, "{\"kind\":\"COMPLAINT\",\"body\":\"One bottle arrived broken.\"}");
        assertEquals(r.body(), 201, r.statusCode());
        assertTrue("the complaint reopens the case: " + r.body(), r.body().contains("\"status\":\"OPEN\"") && r.body().contains("\"reopened\":1"));
        assertTrue(r.body(), r.body().contains("\"firstResponseDue\""));
        assertEquals("another buyer does not see it", 404,
                send("POST", "/api/support/cases/" + caseId + "/entries", "Bearer customer:c-other", null, "{\"kind\":\"COMPLAINT\",\"body\":\"x\"}").statusCode());
        r = send("POST", "/api/support/cases/" + caseId + "/entries", buyer, null, "{\"kind\":\"PRAISE\",\"body\":\"x\"}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"kind\""));

        r = send("POST", "/api/admin/support/cases/" + caseId + "/entries", AGENT, null, "{\"kind\":\"REPLY\",\"body\":\"Sorry! A new bottle leaves today.\"}");
        assertEquals(r.body(), 201, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"firstResponseSeconds\":"));
        assertEquals(200, send("POST", "/api/admin/support/cases/" + caseId + "/resolve", AGENT, null, "{\"note\":\"Replaced\"}").statusCode());
        r = send("POST", "/api/support/cases/" + caseId + "/rating", buyer, null, "{\"rating\":5,\"comment\":\"Fast\"}");
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"status\":\"CLOSED\"") && r.body().contains("\"rating\":5"));
        r = send("GET", "/api/support/cases/" + caseId, buyer, null, null);
        assertTrue("the buyer reads every message sent: " + r.body(), r.body().contains("A new bottle leaves today") && r.body().contains("has shipped"));

        String out = KarafConsole.execute(sessions, "support:case " + caseId);
        assertTrue(out, out.contains("CLOSED") && out.contains("has shipped") && out.contains("rated 5/5"));
        out = KarafConsole.execute(sessions, "support:cases --status CLOSED");
        assertTrue(out, out.contains(number));
        out = KarafConsole.execute(sessions, "support:case 999999");
        assertTrue(out, out.contains("no case 999999"));
        assertFalse(out, out.contains("Exception"));
    }

    @Test
    public void aNegativeMentionFromAKnownCustomerOpensACaseFlaggedByInfluence() throws Exception {
        String[] star = signUp("star.support@example.com");
        String[] fan = signUp("fan.support@example.com");
        // reach as the customers department computes it: influence = round(100 × log10(1 + followers) / 6), at most 100
        followers(star, 126_000);
        followers(fan, 1);
        assertEquals(201, send("POST", "/api/admin/support/watch", AGENT, null, "{\"kind\":\"KEYWORD\",\"term\":\"Emporium\"}").statusCode());

        HttpResponse<String> r = mention("m-fan", fan[0], "I love the Emporium wines, great advice!");
        assertEquals(r.body(), 201, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"proposal\":\"INVITE_REVIEW\"") && r.body().contains("\"matched\":\"keyword:emporium\""));
        r = mention("m-star", star[0], "Emporium sent my order late and a bottle was broken. Disappointed.");
        assertEquals(r.body(), 201, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"sentiment\":\"NEGATIVE\"") && r.body().contains("\"proposal\":\"CASE_OPENED\""));
        assertTrue(r.body(), r.body().contains("\"influence\":85") && r.body().contains("\"flagged\":true"));
        long caseId = number(r.body(), "caseId");
        assertEquals("the same post again is the same mention", number(r.body(), "id"),
                number(mention("m-star", star[0], "Emporium sent my order late and a bottle was broken. Disappointed.").body(), "id"));
        r = mention("m-ghost", "nobody-at-all", "broken");
        assertEquals(400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"customerId\""));

        r = send("GET", "/api/admin/support/cases/" + caseId, AGENT, null, null);
        assertTrue(r.body(), r.body().contains("\"origin\":\"MENTION\"") && r.body().contains("\"flagged\":true") && r.body().contains("\"customerId\":\"" + star[0] + "\""));
        r = send("GET", "/api/admin/support/cases?status=OPEN", AGENT, null, null);
        assertEquals("the influential buyer's case comes first: " + r.body(), caseId, number(r.body(), "id"));
        r = send("GET", "/api/admin/support/mentions", AGENT, null, null);
        assertTrue(r.body(), r.body().indexOf("m-star") < r.body().indexOf("m-fan"));
        String out = KarafConsole.execute(sessions, "support:mentions");
        assertTrue(out, out.contains("CASE_OPENED") && out.contains("INVITE_REVIEW") && out.contains("yes"));
        out = KarafConsole.execute(sessions, "support:assign case " + caseId + " dora");
        assertTrue(out, out.contains("assigned to dora"));
        out = KarafConsole.execute(sessions, "support:cases --agent dora");
        assertTrue(out, out.contains("MENTION") && out.contains("85"));
    }

    @Test
    public void erasureOfACustomerAnonymizesTheirChatsAndCases() throws Exception {
        String[] zoe = signUp("zoe.support@example.com");
        HttpResponse<String> r = send("POST", "/api/support/chats", zoe[1], null, "{\"name\":\"Zoé Q\",\"message\":\"Call me on 0698765432 please\"}");
        assertEquals(r.body(), 201, r.statusCode());
        String chat = text(r.body(), "id");
        assertTrue(r.body(), r.body().contains("\"customerId\":\"" + zoe[0] + "\""));
        r = mention("m-zoe", zoe[0], "my Emporium parcel is missing, awful");
        long caseId = number(r.body(), "caseId");
        r = send("POST", "/api/support/cases/" + caseId + "/entries", zoe[1], null, "{\"kind\":\"QUESTION\",\"body\":\"I live at 12 rue Paradis\"}");
        assertEquals(r.body(), 201, r.statusCode());
        r = send("GET", "/api/admin/support/customers/" + zoe[0], AGENT, null, null);
        assertTrue("the agent's 360 view: " + r.body(), r.body().contains("zoe.support@example.com") && r.body().contains("\"origin\":\"MENTION\""));

        assertEquals(200, send("DELETE", "/api/customers/me", zoe[1], null, null).statusCode());
        String view = awaitBody("/api/admin/support/chats/" + chat, body -> body.contains("[erased]"));
        assertFalse(view, view.contains("0698765432") || view.contains("Zoé"));
        view = send("GET", "/api/admin/support/cases/" + caseId, AGENT, null, null).body();
        assertFalse(view, view.contains("Paradis") || view.contains("parcel is missing"));
        r = send("GET", "/api/admin/support/mentions", AGENT, null, null);
        assertFalse(r.body(), r.body().contains("parcel is missing"));
    }

    @Test
    public void supportIsWiredToApiBundlesOnlySoAnUpdateRefreshesNoOtherBundle() {
        Bundle support = Arrays.stream(context.getBundles())
                .filter(b -> "dev.emporium.support".equals(b.getSymbolicName())).findFirst().orElseThrow();
        BundleWiring wiring = support.adapt(BundleWiring.class);
        Set<String> providers = new TreeSet<>();
        for (BundleWire w : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            providers.add(w.getProvider().getBundle().getSymbolicName());
        }
        assertTrue(providers.toString(), providers.contains("dev.emporium.orders.api") && providers.contains("dev.emporium.customers.api")
                && providers.contains("dev.emporium.support.api"));
        assertFalse("never orders' or customers' implementation: " + providers,
                providers.contains("dev.emporium.orders") || providers.contains("dev.emporium.customers"));
        assertTrue("nothing is wired to support's implementation", wiring.getProvidedWires(PackageNamespace.PACKAGE_NAMESPACE).isEmpty());
    }

    private HttpResponse<String> mention(String externalId, String customerId, String text) throws Exception {
        return send("POST", "/api/admin/support/mentions", AGENT, null, "{\"source\":\"it-social\",\"externalId\":\"" + externalId
                + "\",\"author\":\"@" + externalId + "\",\"customerId\":\"" + customerId + "\",\"text\":\"" + text + "\"}");
    }

    private static void sweep() throws Exception {
        HttpResponse<String> r = send("POST", "/api/admin/support/follow-ups/sweep", AGENT, null, null);
        assertEquals(r.body(), 200, r.statusCode());
    }

    /** A real customer: {id, "Bearer token"}. */
    /** The customer enters one social profile with that many followers. */
    private static void followers(String[] customer, long followers) throws Exception {
        HttpResponse<String> r = send("PUT", "/api/customers/me/social-profiles", customer[1], null,
                "{\"profiles\":[{\"network\":\"instagram\",\"handle\":\"@" + customer[0] + "\",\"followers\":" + followers + "}]}");
        assertEquals(r.body(), 200, r.statusCode());
    }

    private static String[] signUp(String email) throws Exception {
        HttpResponse<String> r = send("POST", "/api/customers/sign-up", null, null,
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"givenName\":\"Ann\"}");
        assertEquals(r.body(), 201, r.statusCode());
        return new String[] {text(r.body(), "id"), "Bearer " + text(r.body(), "token")};
    }

    private static String cart(String authorization) throws Exception {
        HttpResponse<String> r = send("POST", "/api/orders/carts", authorization, null, null);
        assertEquals(r.body(), 201, r.statusCode());
        String cart = text(r.body(), "id");
        r = send("POST", "/api/orders/carts/" + cart + "/lines", authorization, null, "{\"sku\":\"W-SUP\",\"quantity\":2}");
        assertEquals(r.body(), 200, r.statusCode());
        return cart;
    }

    private static HttpResponse<String> checkout(String authorization, String cart, String key) throws Exception {
        return send("POST", "/api/orders/checkout", authorization, key, """
                {"cartId": "%s", "email": "ann@example.org", "paymentMethod": "test-card", "cardNumber": "%s",
                 "shippingAddress": {"name": "Ann Buyer", "line1": "1 rue du Vin", "postalCode": "33000", "city": "Bordeaux", "country": "FR"}}
                """.formatted(cart, CARD));
    }

    /** Reads server-sent lines until one matches (false when the stream ends first). */
    private static boolean readUntil(BufferedReader events, Predicate<String> wanted) throws Exception {
        String line;
        while ((line = events.readLine()) != null) {
            if (wanted.test(line)) {
                return true;
            }
        }
        return false;
    }

    /** GETs {@code path} as an agent until the body satisfies {@code done} (events arrive through the outbox, after commit). */
    private static String awaitBody(String path, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = send("GET", path, AGENT, null, null);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200 && done.test(r.body())) {
                return r.body();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " never became what was awaited: " + last);
    }

    private void fileInstalled(String pid) throws Exception {
        Store.fileInstalled(context, pid, 30);
    }

    private static HttpResponse<String> send(String method, String path, String authorization, String idempotencyKey, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(Http.uri(path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return Http.send(b.build());
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertTrue(field + " in " + json, m.find());
        return Long.parseLong(m.group(1));
    }

    private static String text(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(field + " in " + json, m.find());
        return m.group(1);
    }
}
