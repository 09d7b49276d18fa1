package dev.emporium.itests;

import dev.emporium.customers.api.ConsentLedger;
import dev.emporium.customers.api.ContactChannel;
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
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The customers department on a real Karaf: sign-up, sign-in and its refusals, a session that expires by configuration,
 * consent withdrawal seen at once by the ConsentLedger service, the export, erasure checked in the database with its
 * event, bad input refused field by field without a change, customer service's routes and the console; buying habits
 * learned from orders events published through the platform's outbox (an order delivered twice counts once, a
 * cancelled one nowhere), reach and its influence, segments, B2B companies and their members, the 360 view, and sign-in
 * throttling per account and per address as configured.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CustomersIT {

    // spelled out: a static initializer may not touch platform API types before @Before installed them
    private static final String AGENT = "Bearer admin:customer-service";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PASSWORD = "vendanges 2026!";
    private static ServiceRegistration<?> callers;

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
    public void installCustomers() throws Exception {
        Store.install(features, "emporium-customers");
        Store.awaitHealth("\"name\":\"customers\",\"state\":\"UP\"", 60);
        if (callers == null) {
            callers = TestCallers.register(context);
        }
    }

    @Test
    public void signUpSignInWrongPasswordAndSignOut() throws Exception {
        HttpResponse<String> r = signUp("ann.it1@example.com", "Ann", "1990-05-17");
        assertEquals(r.body(), 201, r.statusCode());
        String token = string(r.body(), "token");
        assertTrue(token, token.matches("ct_[A-Za-z0-9_-]{43}"));
        String id = string(r.body(), "id");
        r = send("GET", "/api/customers/me", "Bearer " + token, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"email\":\"ann.it1@example.com\"") && r.body().contains("\"id\":\"" + id + "\""));
        assertFalse("the password never comes back: " + r.body(), r.body().contains("pbkdf2") || r.body().contains(PASSWORD));

        r = send("POST", "/api/customers/sign-in", null, "{\"email\":\"ANN.IT1@example.com\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(r.body(), 200, r.statusCode());
        String second = string(r.body(), "token");
        assertEquals(id, string(r.body(), "customerId"));

        r = send("POST", "/api/customers/sign-in", null, "{\"email\":\"ann.it1@example.com\",\"password\":\"vendanges 2025!\"}");
        assertEquals(r.body(), 401, r.statusCode());
        assertEquals(PROBLEM_JSON, mediaType(r));
        assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
        r = send("POST", "/api/customers/sign-in", null, "{\"email\":\"nobody.it1@example.com\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(r.body(), 401, r.statusCode());

        assertEquals(204, send("POST", "/api/customers/sign-out", "Bearer " + second, null).statusCode());
        r = send("GET", "/api/customers/me", "Bearer " + second, null);
        assertEquals(r.body(), 401, r.statusCode());
        assertTrue(r.body(), r.body().contains("signed out"));
        assertEquals("the other session is untouched", 200, send("GET", "/api/customers/me", "Bearer " + token, null).statusCode());
        assertEquals(401, send("GET", "/api/customers/me", "Bearer ct_forged", null).statusCode());
        assertEquals(401, send("GET", "/api/customers/me", null, null).statusCode());
        assertEquals("TestCallers' customer tokens are left to TestCallers", 200,
                send("GET", "/api/customers/me", "Bearer customer:" + id, null).statusCode());

        r = send("POST", "/api/admin/customers/" + id + "/password-reset", AGENT, "");
        assertEquals(r.body(), 201, r.statusCode());
        String reset = string(r.body(), "token");
        assertTrue(reset, reset.startsWith("cr_"));
        assertEquals(202, send("POST", "/api/customers/password-reset", null, "{\"email\":\"ann.it1@example.com\"}").statusCode());
        assertEquals("unknown emails get the same answer", 202,
                send("POST", "/api/customers/password-reset", null, "{\"email\":\"nobody.it1@example.com\"}").statusCode());
        r = send("POST", "/api/customers/password-reset/confirm", null, "{\"token\":\"" + reset + "\",\"password\":\"un nouveau mot de passe\"}");
        assertEquals(r.body(), 204, r.statusCode());
        assertEquals("a reset signs out everywhere", 401, send("GET", "/api/customers/me", "Bearer " + token, null).statusCode());
        r = send("POST", "/api/customers/password-reset/confirm", null, "{\"token\":\"" + reset + "\",\"password\":\"encore un autre mot\"}");
        assertEquals("one-time: " + r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"token\""));
        assertEquals(200, send("POST", "/api/customers/sign-in", null,
                "{\"email\":\"ann.it1@example.com\",\"password\":\"un nouveau mot de passe\"}").statusCode());
    }

    @Test
    public void anExpiredTokenIsRefused() throws Exception {
        org.osgi.service.cm.Configuration cfg = fileInstalled("dev.emporium.customers");
        assertEquals(201, signUp("ann.it2@example.com", "Ann", null).statusCode());
        Dictionary<String, Object> props = cfg.getProperties();
        // long enough that a busy machine still uses the token before it expires, short enough for the suite
        props.put("sessionSeconds", "6");
        cfg.update(props);
        try {
            HttpResponse<String> r = awaitSessionOf(Duration.ofSeconds(6));
            String token = string(r.body(), "token");
            assertEquals(200, send("GET", "/api/customers/me", "Bearer " + token, null).statusCode());
            Thread.sleep(6500);
            r = send("GET", "/api/customers/me", "Bearer " + token, null);
            assertEquals(r.body(), 401, r.statusCode());
            assertEquals(PROBLEM_JSON, mediaType(r));
            assertTrue(r.body(), r.body().contains("expired"));
        } finally {
            props.put("sessionSeconds", "604800");
            cfg.update(props);
            awaitSessionOf(Duration.ofSeconds(604800));
        }
    }

    @Test
    public void aWithdrawalMakesMayContactFalseAtOnce() throws Exception {
        HttpResponse<String> r = signUp("ann.it3@example.com", "Ann", null);
        String token = "Bearer " + string(r.body(), "token");
        String id = string(r.body(), "id");
        ServiceReference<ConsentLedger> ref = context.getServiceReference(ConsentLedger.class);
        ConsentLedger ledger = context.getService(ref);
        try {
            assertFalse(ledger.mayContact(id, "newsletter", ContactChannel.EMAIL));
            r = send("POST", "/api/customers/me/consents", token, "{\"purpose\":\"newsletter\",\"channels\":[\"EMAIL\"],\"granted\":true,"
                    + "\"explanation\":\"Our monthly letter about new wines, by email.\"}");
            assertEquals(r.body(), 201, r.statusCode());
            assertTrue(ledger.mayContact(id, "newsletter", ContactChannel.EMAIL));
            assertFalse(ledger.mayContact(id, "newsletter", ContactChannel.PHONE));
            assertFalse(ledger.mayContact(id, "promotions", ContactChannel.EMAIL));

            r = send("POST", "/api/customers/me/consents", token, "{\"purpose\":\"newsletter\",\"granted\":false,"
                    + "\"explanation\":\"Stop the monthly letter.\"}");
            assertEquals(r.body(), 201, r.statusCode());
            assertFalse("the very next question after the withdrawal", ledger.mayContact(id, "newsletter", ContactChannel.EMAIL));
            r = send("GET", "/api/customers/me/consents", token, null);
            assertTrue(r.body(), r.body().contains("\"explanation\":\"Our monthly letter about new wines, by email.\""));
            assertTrue(r.body(), r.body().contains("\"source\":\"STOREFRONT\""));
            assertTrue(r.body(), r.body().contains("\"purposes\":[\"newsletter\",\"promotions\",\"profiling\",\"social_lookup\"]"));
        } finally {
            context.ungetService(ref);
        }
    }

    @Test
    public void theExportHoldsEverythingAndErasureLeavesNoPersonalData() throws Exception {
        HttpResponse<String> r = send("POST", "/api/customers/sign-up", null, """
                {"email": "Zoe.Erase@example.com", "password": "%s", "givenName": "Zoé", "familyName": "Quenneville",
                 "placeOfOrigin": "Beaune", "birthday": "1985-02-03", "language": "fr", "phone": "+33 6 98 76 54 32",
                 "messaging": {"network": "signal", "handle": "zoe.q.42"},
                 "addresses": [{"label": "home", "line1": "12 rue Paradis", "postalCode": "21200", "city": "Beaune", "country": "fr"}]}
                """.formatted(PASSWORD));
        assertEquals(r.body(), 201, r.statusCode());
        String token = "Bearer " + string(r.body(), "token");
        String id = string(r.body(), "id");
        assertEquals(201, send("POST", "/api/customers/me/consents", token,
                "{\"purpose\":\"profiling\",\"granted\":true,\"explanation\":\"We learn your tastes to suggest wines.\"}").statusCode());
        assertEquals(200, send("PUT", "/api/customers/me/social-profiles", token,
                "{\"profiles\":[{\"network\":\"instagram\",\"handle\":\"@zoe.beaune\",\"followers\":2500}]}").statusCode());
        publishOrderPlaced("EM-IT4-1", id, "45.00", line("W-IT4", 3, "15.00", "Domaine Zoé", "wine"));
        awaitOrderCount(token, 1);
        r = send("POST", "/api/admin/customers/companies", AGENT,
                "{\"name\":\"Quenneville Vins\",\"taxId\":\"BE0428759497\",\"country\":\"BE\"}");
        assertEquals(r.body(), 201, r.statusCode());
        String company = string(r.body(), "id");
        assertEquals(200, send("PUT", "/api/admin/customers/companies/" + company + "/members/" + id, AGENT, "{\"role\":\"buyer\"}").statusCode());

        r = send("GET", "/api/customers/me/export", token, null);
        assertEquals(r.body(), 200, r.statusCode());
        for (String expected : new String[] {"\"email\":\"Zoe.Erase@example.com\"", "\"givenName\":\"Zoé\"", "\"familyName\":\"Quenneville\"",
                "\"placeOfOrigin\":\"Beaune\"", "\"birthday\":\"1985-02-03\"", "\"language\":\"fr\"", "\"phone\":\"+33698765432\"",
                "\"network\":\"signal\"", "\"handle\":\"zoe.q.42\"", "\"line1\":\"12 rue Paradis\"", "\"country\":\"FR\"",
                "\"purpose\":\"profiling\"", "\"explanation\":\"We learn your tastes to suggest wines.\"", "\"sessions\":[{\"createdAt\"",
                "\"handle\":\"@zoe.beaune\"", "\"influence\":57", "\"orderCount\":1", "{\"name\":\"Domaine Zoé\",\"units\":3,\"orders\":1}",
                "\"companyName\":\"Quenneville Vins\",\"role\":\"BUYER\""}) {
            assertTrue(expected + " in " + r.body(), r.body().contains(expected));
        }
        assertFalse("no secret in the export", r.body().contains("pbkdf2") || r.body().contains(token.substring(7)));

        List<Event> erased = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> topic = new Hashtable<>();
        topic.put(EventConstants.EVENT_TOPIC, "emporium/customers/CUSTOMER_ERASED");
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, erased::add, topic);
        try {
            r = send("DELETE", "/api/customers/me", token, null);
            assertEquals(r.body(), 200, r.statusCode());
            assertTrue(r.body(), r.body().contains("\"customerId\":\"" + id + "\""));
            assertEquals("erasure revokes the tokens", 401, send("GET", "/api/customers/me", token, null).statusCode());
            assertEquals(401, send("POST", "/api/customers/sign-in", null,
                    "{\"email\":\"Zoe.Erase@example.com\",\"password\":\"" + PASSWORD + "\"}").statusCode());

            List<String> rows = customerRows(id);
            assertTrue("the tombstone stays: " + rows, rows.stream().anyMatch(row -> row.startsWith("customers_customer") && row.contains("ERASED")));
            for (String row : rows) {
                for (String personal : new String[] {"zoe", "zoé", "quenneville", "beaune", "1985", "98765432", "signal", "paradis", "21200", "pbkdf2",
                        "em-it4", "instagram", company}) {
                    assertFalse(personal + " is still in " + row, row.toLowerCase().contains(personal));
                }
            }
            assertEquals("no habit left", 0, count("SELECT COUNT(*) FROM customers_order_line_fact WHERE order_number = 'EM-IT4-1'"));
            assertEquals("the company stays, without her", 0, count("SELECT COUNT(*) FROM customers_company_member WHERE company_id = '" + company + "'"));
            List<Event> placed = new CopyOnWriteArrayList<>();
            Dictionary<String, Object> orders = new Hashtable<>();
            orders.put(EventConstants.EVENT_TOPIC, "emporium/orders/ORDER_PLACED");
            ServiceRegistration<EventHandler> marker = context.registerService(EventHandler.class, placed::add, orders);
            try {
                publishOrderPlaced("EM-IT4-1", id, "45.00", line("W-IT4", 3, "15.00", "Domaine Zoé", "wine"));
                // the outbox delivers in order and each delivery waits for every handler: once the marker arrives, customers has heard the redelivery
                publishOrderPlaced("EM-IT4-MARK", "nobody-it4", "1.00", line("W-IT4", 1, "1.00", "x", "x"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((erased.isEmpty() || placed.stream().noneMatch(e -> "EM-IT4-MARK".equals(e.getProperty("number"))))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue("the marker order was delivered", placed.stream().anyMatch(e -> "EM-IT4-MARK".equals(e.getProperty("number"))));
            } finally {
                marker.unregister();
            }
            assertEquals("one CUSTOMER_ERASED event: " + erased, 1, erased.size());
            assertEquals("a redelivered order of an erased customer brings nothing back", 0,
                    count("SELECT COUNT(*) FROM customers_order_fact WHERE order_number = 'EM-IT4-1'"));
            assertEquals(id, erased.get(0).getProperty("customerId"));
            r = send("GET", "/api/admin/customers/" + id, AGENT, null);
            assertTrue(r.body(), r.body().contains("\"status\":\"ERASED\"") && !r.body().contains("Quenneville"));
            assertEquals("erased already", 410, send("DELETE", "/api/admin/customers/" + id, AGENT, null).statusCode());
        } finally {
            handler.unregister();
        }
    }

    @Test
    public void badInputIsA4xxProblemNamingTheFieldAndChangesNothing() throws Exception {
        HttpResponse<String> r = signUp("ann.it5@example.com", "Ann", null);
        assertEquals(201, r.statusCode());
        String token = "Bearer " + string(r.body(), "token");
        long customers = count("SELECT COUNT(*) FROM customers_customer");
        long ledger = count("SELECT COUNT(*) FROM customers_consent_event");

        String tomorrow = java.time.LocalDate.now().plusDays(2).toString();
        r = signUp("not-an-email", "Bob", tomorrow);
        assertEquals(r.body(), 400, r.statusCode());
        assertEquals(PROBLEM_JSON, mediaType(r));
        assertTrue(r.body(), r.body().contains("{\"field\":\"email\",\"message\":\"must be an email address such as ann@example.com\"}"));
        assertTrue(r.body(), r.body().contains("{\"field\":\"birthday\",\"message\":\"must not be in the future\"}"));

        r = signUp("ANN.IT5@Example.com", "Another Ann", null);
        assertEquals(r.body(), 409, r.statusCode());
        assertEquals(PROBLEM_JSON, mediaType(r));
        assertTrue(r.body(), r.body().contains("\"field\":\"email\""));

        r = send("POST", "/api/customers/me/consents", token, "{\"purpose\":\"telemarketing\",\"granted\":true,\"explanation\":\"Calls.\"}");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"purpose\""));
        r = send("POST", "/api/customers/me/consents", token, "{\"purpose\":\"newsletter\",\"channels\":[\"FAX\"],\"granted\":true,\"explanation\":\"x\"}");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"channels"));
        r = send("PUT", "/api/customers/me", token, "{\"email\":\"ann.it5@example.com\",\"givenName\":\"Ann\",\"birthday\":\"" + tomorrow
                + "\",\"addresses\":[{\"line1\":\"1 rue\",\"city\":\"Lyon\",\"country\":\"XX\"}]}");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"birthday\"") && r.body().contains("\"field\":\"addresses[0].country\""));
        r = send("POST", "/api/customers/sign-up", null, "{\"email\":\"x.it5@example.com\",\"password\":\"" + PASSWORD
                + "\",\"givenName\":\"X\",\"birthday\":\"yesterday\"}");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"birthday\""));
        r = send("POST", "/api/customers/sign-up", null, "{\"email\":\"y.it5@example.com\",\"password\":\"short\",\"givenName\":\"Y\"}");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"password\""));

        r = send("PUT", "/api/customers/me/social-profiles", token, "{\"profiles\":[{\"network\":\"instagram\",\"handle\":\"@ann\",\"followers\":-5}]}");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("{\"field\":\"profiles[0].followers\",\"message\":\"must not be negative\"}"));
        long companies = count("SELECT COUNT(*) FROM customers_company");
        r = send("POST", "/api/admin/customers/companies", AGENT, "{\"name\":\"Bad Tax SA\",\"taxId\":\"FR84404833048\",\"country\":\"FR\"}");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("{\"field\":\"taxId\",\"message\":\"has wrong check digits\"}"));

        assertEquals("no company was added", companies, count("SELECT COUNT(*) FROM customers_company"));
        assertEquals("no social profile was kept", 0, count("SELECT COUNT(*) FROM customers_social_profile WHERE handle = '@ann'"));
        assertEquals("no customer was added", customers, count("SELECT COUNT(*) FROM customers_customer"));
        assertEquals("no consent was recorded", ledger, count("SELECT COUNT(*) FROM customers_consent_event"));
        r = send("GET", "/api/customers/me", token, null);
        assertTrue("the profile is unchanged: " + r.body(), !r.body().contains("birthday") && !r.body().contains("Lyon"));
    }

    @Test
    public void customerServiceSearchesSeesThe360ViewAndUsesTheConsole() throws Exception {
        HttpResponse<String> r = signUp("marguerite.it6@example.com", "Marguerite", "1970-01-01");
        String id = string(r.body(), "id");
        assertEquals(201, send("POST", "/api/admin/customers/" + id + "/consents", AGENT,
                "{\"purpose\":\"promotions\",\"channels\":[\"PHONE\"],\"granted\":true,\"explanation\":\"Agreed on the phone to hear about offers.\"}").statusCode());

        r = send("GET", "/api/admin/customers?q=MARGUERITE.it6", AGENT, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"id\":\"" + id + "\""));
        r = send("GET", "/api/admin/customers/" + id, AGENT, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"givenName\":\"Marguerite\""));
        assertTrue(r.body(), r.body().contains("\"purpose\":\"promotions\",\"channel\":\"PHONE\",\"granted\":true"));
        assertTrue(r.body(), r.body().contains("\"source\":\"AGENT\""));
        assertEquals(403, send("GET", "/api/admin/customers/" + id, "Bearer admin:catalog-editor", null).statusCode());
        assertEquals(403, send("GET", "/api/admin/customers/" + id, "Bearer customer:" + id, null).statusCode());
        assertEquals(404, send("GET", "/api/admin/customers/nobody", AGENT, null).statusCode());

        String out = KarafConsole.execute(sessions, "customers:list marguerite");
        assertTrue(out, out.matches("(?s).*Id\\s*\\|\\s*Status\\s*\\|\\s*Email\\s*\\|\\s*Name\\s*\\|\\s*Created.*"));
        assertTrue(out, out.contains(id) && out.contains("marguerite.it6@example.com") && out.contains("1 customer(s)"));
        out = KarafConsole.execute(sessions, "customers:show " + id);
        assertTrue(out, out.matches("(?s).*birthday\\s*\\|\\s*1970-01-01.*"));
        assertTrue(out, out.matches("(?s).*promotions\\s*\\|\\s*PHONE\\s*\\|\\s*yes.*"));
        out = KarafConsole.execute(sessions, "customers:show nobody");
        assertTrue(out, out.contains("No customer nobody"));
    }

    @Test
    public void customersIsWiredThroughApiBundlesOnlyAndASessionOutlivesItsRestart() throws Exception {
        Bundle customers = Arrays.stream(context.getBundles())
                .filter(b -> "dev.emporium.customers".equals(b.getSymbolicName())).findFirst().orElseThrow();
        BundleWiring wiring = customers.adapt(BundleWiring.class);
        Set<String> providers = new TreeSet<>();
        for (BundleWire w : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            providers.add(w.getProvider().getBundle().getSymbolicName());
        }
        assertTrue(providers.toString(), providers.contains("dev.emporium.customers.api") && providers.contains("dev.emporium.platform.api"));
        assertFalse("never the platform's implementation: " + providers, providers.contains("dev.emporium.platform"));
        assertTrue("nothing is wired to customers' implementation, so updating it refreshes no other bundle",
                wiring.getProvidedWires(PackageNamespace.PACKAGE_NAMESPACE).isEmpty());

        HttpResponse<String> r = signUp("ann.it7@example.com", "Ann", null);
        String token = "Bearer " + string(r.body(), "token");
        customers.stop();
        customers.start();
        r = send("GET", "/api/customers/me", token, null);
        assertEquals("sessions live in the database, not in the bundle: " + r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("ann.it7@example.com"));
    }

    @Test
    public void habitsChangeAfterOrderEventsAndStayRightWhenAnEventComesTwice() throws Exception {
        HttpResponse<String> r = signUp("hugo.it8@example.com", "Hugo", null);
        String token = "Bearer " + string(r.body(), "token");
        String id = string(r.body(), "id");
        r = send("GET", "/api/customers/me/habits", token, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"orderCount\":0") && r.body().contains("\"frequency\":\"none\""));
        r = send("PUT", "/api/customers/me/social-profiles", token,
                "{\"profiles\":[{\"network\":\"Instagram\",\"handle\":\"@hugo.vins\",\"followers\":4000},{\"network\":\"tiktok\",\"handle\":\"hugovins\",\"followers\":1000}]}");
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"influence\":62,\"totalFollowers\":5000"));

        Object[][] first = {line("W-IT8-1", 6, "19.90", "Domaine Leroy", "wine"), line("G-IT8", 2, "8.50", "Riedel", "glass")};
        publishOrderPlaced("EM-IT8-1", id, "136.40", first);
        r = awaitOrderCount(token, 1);
        assertTrue(r.body(), r.body().contains("\"totalSpent\":[{\"amount\":\"136.40\",\"currency\":\"EUR\"}]"));
        assertTrue(r.body(), r.body().contains("\"favouriteBrands\":[{\"name\":\"Domaine Leroy\",\"units\":6,\"orders\":1}"));

        publishOrderPlaced("EM-IT8-1", id, "136.40", first);
        publishOrderPlaced("EM-IT8-2", id, "90.00", line("W-IT8-2", 3, "30.00", "Domaine Leroy", "wine"));
        r = awaitOrderCount(token, 2);
        assertTrue("the order delivered twice counts once: " + r.body(),
                r.body().contains("\"totalSpent\":[{\"amount\":\"226.40\",\"currency\":\"EUR\"}]"));
        assertTrue(r.body(), r.body().contains("{\"name\":\"Domaine Leroy\",\"units\":9,\"orders\":2}"));
        assertTrue(r.body(), r.body().contains("\"preferredProductTypes\":[{\"name\":\"wine\",\"units\":9,\"orders\":2},{\"name\":\"glass\",\"units\":2,\"orders\":1}]"));
        assertTrue(r.body(), r.body().contains("\"priceRange\":{\"lowest\":{\"amount\":\"8.50\",\"currency\":\"EUR\"},"
                + "\"highest\":{\"amount\":\"30.00\",\"currency\":\"EUR\"},\"averagePerUnit\":{\"amount\":\"20.58\",\"currency\":\"EUR\"}}"));
        assertEquals(2, count("SELECT COUNT(*) FROM customers_order_fact WHERE customer_id = '" + id + "'"));

        r = send("PUT", "/api/admin/customers/segments/leroy-fans", AGENT, "{\"name\":\"Leroy fans with an audience\","
                + "\"rules\":{\"minInfluence\":50,\"minOrders\":2,\"brand\":\"domaine leroy\"}}");
        assertEquals(r.body(), 200, r.statusCode());
        r = send("GET", "/api/admin/customers/segments/leroy-fans/members", AGENT, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"customerId\":\"" + id + "\""));
        r = send("GET", "/api/admin/customers/segments/influencers-who-bought-twice/members?limit=500", AGENT, null);
        assertTrue(r.body(), r.body().contains("\"customerId\":\"" + id + "\""));
        String out = KarafConsole.execute(sessions, "customers:segment leroy-fans");
        assertTrue(out, out.contains(id) && out.contains("hugo.it8@example.com") && out.contains("1 customer(s) in leroy-fans"));
        out = KarafConsole.execute(sessions, "customers:segment");
        assertTrue(out, out.contains("lapsed-buyers") && out.contains("days since last order >= 180"));

        r = send("GET", "/api/admin/customers/" + id, AGENT, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"kind\":\"B2C\"") && r.body().contains("\"orderCount\":2")
                && r.body().contains("\"handle\":\"@hugo.vins\"") && r.body().contains("\"consents\":[]"));
        out = KarafConsole.execute(sessions, "customers:show " + id);
        assertTrue(out, out.contains("B2C: buys as a consumer") && out.contains("Influence 62/100, 5000 follower(s)"));
        assertTrue(out, out.matches("(?s).*orders\\s*\\|\\s*2.*") && out.matches("(?s).*brands\\s*\\|\\s*Domaine Leroy \\(9\\), Riedel \\(2\\).*"));

        publishOrderCancelled("EM-IT8-2", id);
        r = awaitOrderCount(token, 1);
        assertTrue("a cancelled order counts nowhere: " + r.body(), r.body().contains("\"totalSpent\":[{\"amount\":\"136.40\",\"currency\":\"EUR\"}]"));
        publishOrderCancelled("EM-IT8-2", id);
        r = send("GET", "/api/admin/customers/segments/leroy-fans/members", AGENT, null);
        assertFalse(r.body(), r.body().contains(id));
    }

    @Test
    public void companiesHaveMembersWithRolesAndAMemberSeesTheirCompany() throws Exception {
        HttpResponse<String> r = signUp("chloe.it9@example.com", "Chloé", null);
        String chloe = string(r.body(), "id");
        String token = "Bearer " + string(r.body(), "token");
        r = signUp("bruno.it9@example.com", "Bruno", null);
        String bruno = string(r.body(), "id");
        assertEquals(404, send("GET", "/api/customers/me/company", token, null).statusCode());

        r = send("POST", "/api/admin/customers/companies", AGENT, """
                {"name": "Cave Chloé SARL", "taxId": "fr 83 404 833 048", "country": "fr",
                 "addresses": [{"label": "warehouse", "line1": "1 quai des Chais", "postalCode": "34000", "city": "Montpellier", "country": "FR"}]}""");
        assertEquals(r.body(), 201, r.statusCode());
        String company = string(r.body(), "id");
        assertTrue(r.body(), r.body().contains("\"taxId\":\"FR83404833048\""));
        r = send("POST", "/api/admin/customers/companies", AGENT, "{\"name\":\"Copy\",\"taxId\":\"FR83404833048\",\"country\":\"FR\"}");
        assertEquals(r.body(), 409, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"taxId\""));

        assertEquals(200, send("PUT", "/api/admin/customers/companies/" + company + "/members/" + chloe, AGENT, "{\"role\":\"admin\"}").statusCode());
        r = send("PUT", "/api/admin/customers/companies/" + company + "/members/" + bruno, AGENT, "{\"role\":\"buyer\"}");
        assertEquals(r.body(), 200, r.statusCode());
        r = send("PUT", "/api/admin/customers/companies/" + company + "/members/" + bruno, AGENT, "{\"role\":\"owner\"}");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"role\""));

        r = send("GET", "/api/customers/me/company", token, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"name\":\"Cave Chloé SARL\"") && r.body().contains("\"city\":\"Montpellier\""));
        assertTrue(r.body(), r.body().contains("\"customerId\":\"" + bruno + "\",\"name\":\"Bruno\",\"role\":\"BUYER\""));
        r = send("GET", "/api/admin/customers/" + chloe, AGENT, null);
        assertTrue(r.body(), r.body().contains("\"kind\":\"B2B\"") && r.body().contains("\"role\":\"ADMIN\""));
        String out = KarafConsole.execute(sessions, "customers:show " + chloe);
        assertTrue(out, out.contains("B2B: ADMIN of Cave Chloé SARL"));
        assertEquals(204, send("DELETE", "/api/admin/customers/companies/" + company + "/members/" + bruno, AGENT, null).statusCode());
        r = send("GET", "/api/admin/customers/companies/" + company, AGENT, null);
        assertFalse(r.body(), r.body().contains(bruno));
        assertEquals(403, send("GET", "/api/admin/customers/companies", "Bearer customer:" + chloe, null).statusCode());
    }

    @Test
    public void signInIsThrottledPerAccountAndPerAddressAsConfigured() throws Exception {
        assertEquals(201, signUp("theo.it10@example.com", "Théo", null).statusCode());
        org.osgi.service.cm.Configuration cfg = fileInstalled("dev.emporium.customers");
        Dictionary<String, Object> props = cfg.getProperties();
        try {
            props.put("signInMaxFailuresPerAccount", "2");
            props.put("signInMaxFailuresPerAddress", "1000");
            cfg.update(props);
            awaitServiceProperty("signInMaxFailuresPerAccount", "2");
            String wrong = "{\"email\":\"theo.it10@example.com\",\"password\":\"not the password\"}";
            assertEquals(401, send("POST", "/api/customers/sign-in", null, wrong).statusCode());
            assertEquals(401, send("POST", "/api/customers/sign-in", null, wrong).statusCode());
            HttpResponse<String> r = send("POST", "/api/customers/sign-in", null,
                    "{\"email\":\"THEO.it10@example.com\",\"password\":\"" + PASSWORD + "\"}");
            assertEquals("even the right password waits: " + r.body(), 423, r.statusCode());
            assertEquals(PROBLEM_JSON, mediaType(r));
            assertTrue(r.body(), r.body().contains("too many failed sign-ins for this account"));
            assertTrue(r.headers().firstValue("Retry-After").orElse(""), r.headers().firstValue("Retry-After").orElse("0").matches("[1-9][0-9]*"));

            long failures = count("SELECT COUNT(*) FROM customers_sign_in_failure WHERE scope = 'address'");
            props.put("signInMaxFailuresPerAddress", String.valueOf(failures + 1));
            cfg.update(props);
            awaitServiceProperty("signInMaxFailuresPerAddress", String.valueOf(failures + 1));
            assertEquals(401, send("POST", "/api/customers/sign-in", null,
                    "{\"email\":\"nobody.it10@example.com\",\"password\":\"" + PASSWORD + "\"}").statusCode());
            r = send("POST", "/api/customers/sign-in", null, "{\"email\":\"ann.it1@example.com\",\"password\":\"" + PASSWORD + "\"}");
            assertEquals(r.body(), 429, r.statusCode());
            assertTrue(r.body(), r.body().contains("too many failed sign-ins from your address"));
            assertTrue(r.headers().firstValue("Retry-After").isPresent());
            assertEquals("no email is kept for throttling", 0, count("SELECT COUNT(*) FROM customers_sign_in_failure WHERE subject LIKE '%@%'"));
        } finally {
            props.put("signInMaxFailuresPerAccount", "5");
            props.put("signInMaxFailuresPerAddress", "20");
            cfg.update(props);
            awaitServiceProperty("signInMaxFailuresPerAddress", "20");
        }
    }

    private static Object[] line(String sku, long units, String unitPrice, String brand, String productType) {
        return new Object[] {sku, units, unitPrice, brand, productType};
    }

    /** Publishes ORDER_PLACED as the orders department does: through the platform's outbox, in a committed transaction. */
    private void publishOrderPlaced(String number, String customerId, String total, Object[]... lines) throws Exception {
        List<java.util.Map<String, Object>> ls = new ArrayList<>();
        List<String> skus = new ArrayList<>();
        for (Object[] l : lines) {
            ls.add(java.util.Map.of("sku", l[0], "units", l[1], "unitPrice", l[2], "brand", l[3], "productType", l[4]));
            skus.add((String) l[0]);
        }
        publish("emporium/orders/ORDER_PLACED", java.util.Map.of("number", number, "status", "PLACED", "email", "it@example.com",
                "customerId", customerId, "skus", skus, "lines", ls, "total", total, "currency", "EUR"));
    }

    private void publishOrderCancelled(String number, String customerId) throws Exception {
        publish("emporium/orders/ORDER_CANCELLED", java.util.Map.of("number", number, "status", "CANCELLED", "email", "it@example.com",
                "customerId", customerId, "previousStatus", "PLACED"));
    }

    private void publish(String topic, java.util.Map<String, Object> payload) throws Exception {
        ServiceReference<dev.emporium.platform.api.Outbox> ref = context.getServiceReference(dev.emporium.platform.api.Outbox.class);
        dev.emporium.platform.api.Outbox outbox = context.getService(ref);
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            outbox.publish(c, topic, payload);
            c.commit();
        } finally {
            context.ungetService(ref);
        }
    }

    /** Reads the customer's habits until they count {@code orders} orders (the outbox delivers after its commit). */
    private HttpResponse<String> awaitOrderCount(String token, int orders) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HttpResponse<String> r;
        do {
            r = send("GET", "/api/customers/me/habits", token, null);
            if (r.body().contains("\"orderCount\":" + orders + ",")) {
                return r;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("habits never counted " + orders + " orders: " + r.body());
    }

    /** Waits for a configuration value to reach the customers component (DS publishes it on the component's services). */
    private void awaitServiceProperty(String key, String value) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            ServiceReference<ConsentLedger> ref = context.getServiceReference(ConsentLedger.class);
            if (ref != null && value.equals(String.valueOf(ref.getProperty(key)))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(key + " never became " + value);
    }

    private HttpResponse<String> signUp(String email, String givenName, String birthday) throws Exception {
        return send("POST", "/api/customers/sign-up", null, "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"givenName\":\"" + givenName + "\"" + (birthday == null ? "" : ",\"birthday\":\"" + birthday + "\"") + "}");
    }

    /** Signs ann.it2 in until the session length in force is {@code length} (the configuration reaches DS asynchronously). */
    private HttpResponse<String> awaitSessionOf(Duration length) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < deadline) {
            Instant before = Instant.now();
            HttpResponse<String> r = send("POST", "/api/customers/sign-in", null,
                    "{\"email\":\"ann.it2@example.com\",\"password\":\"" + PASSWORD + "\"}");
            last = r.body();
            if (r.statusCode() == 200) {
                Duration left = Duration.between(before, Instant.parse(string(r.body(), "expiresAt")));
                if (left.compareTo(length.plusSeconds(5)) <= 0 && left.compareTo(length.minusSeconds(5)) >= 0) {
                    return r;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("sessions never lasted " + length + ": " + last);
    }


    private org.osgi.service.cm.Configuration fileInstalled(String pid) throws Exception {
        return Store.fileInstalled(context, pid, 30);
    }

    /** Every row of the customers tables that mentions the customer, as "table|col|col...". */
    private List<String> customerRows(String id) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource().getConnection()) {
            for (String table : new String[] {"customers_customer", "customers_address", "customers_session",
                    "customers_password_reset", "customers_consent_event", "customers_consent", "customers_social_profile",
                    "customers_order_fact", "customers_company_member"}) {
                String key = table.equals("customers_customer") ? "id" : "customer_id";
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE " + key + " = ?")) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            StringBuilder row = new StringBuilder(table);
                            for (int i = 1; i <= columns; i++) {
                                row.append('|').append(rs.getString(i));
                            }
                            rows.add(row.toString());
                        }
                    }
                }
            }
        }
        return rows;
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private DataSource dataSource() throws Exception {
        Collection<ServiceReference<DataSource>> refs = context.getServiceReferences(DataSource.class, "(dataSourceName=emporium)");
        assertFalse("the emporium DataSource", refs.isEmpty());
        return context.getService(refs.iterator().next());
    }

    private static HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(Http.uri(path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return Http.send(b.build());
    }

    private static String string(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + field + " in " + json);
        }
        return m.group(1);
    }

    private static String mediaType(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
    }
}
