package dev.emporium.customers.internal.store;

import dev.emporium.customers.api.ConsentChange;
import dev.emporium.customers.api.ConsentRecord;
import dev.emporium.customers.api.ConsentSource;
import dev.emporium.customers.api.ContactChannel;
import dev.emporium.customers.api.CustomerProfile;
import dev.emporium.customers.api.CustomerStatus;
import dev.emporium.customers.api.ProfileInput;
import dev.emporium.platform.api.GoneException;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.PageRequest;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.UnauthorizedException;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.testing.MutableClock;
import dev.emporium.testing.TestDatabases;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** The customers department's storage on H2 and a real PostgreSQL: accounts, sessions, consents, export and erasure. */
@RunWith(Parameterized.class)
public class CustomersStoreTest {

    private static final String PASSWORD = "vendanges 2026!";

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    /** Records events in a table through the caller's connection, so a rolled-back write leaves none. */
    private static final Outbox TABLE_OUTBOX = (tx, topic, payload) -> {
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO test_event (topic, customer_id, payload) VALUES (?, ?, ?)")) {
            ps.setString(1, topic.substring(topic.lastIndexOf('/') + 1));
            ps.setString(2, String.valueOf(payload.get("customerId")));
            ps.setString(3, payload.toString());
            ps.executeUpdate();
        }
        return 1;
    };

    private final String engine;
    private DataSource ds;
    private MutableClock clock;
    private AtomicReference<Settings> settings;
    private CustomerBook customers;
    private SessionBook sessions;
    private ConsentBook consents;
    private DataRights rights;

    public CustomersStoreTest(String engine) {
        this.engine = engine;
    }

    @Before
    public void freshDepartment() {
        ds = TestDatabases.create(engine);
        TestDatabases.migrate(ds, "customers");
        TestDatabases.execute(ds, "CREATE TABLE test_event (topic VARCHAR, customer_id VARCHAR, payload VARCHAR)");
        clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        settings = new AtomicReference<>(new Settings(1000, Duration.ofHours(1), Duration.ofMinutes(30),
                List.of("newsletter", "promotions", "profiling", "social_lookup")));
        customers = new CustomerBook(ds, TABLE_OUTBOX, clock, settings::get);
        sessions = new SessionBook(ds, clock, settings::get);
        consents = new ConsentBook(ds, TABLE_OUTBOX, clock, settings::get);
        rights = new DataRights(ds, TABLE_OUTBOX, clock, consents);
    }

    @Test
    public void signUpStoresTheProfileAndAHashedPasswordAndPublishes() {
        CustomerProfile p = customers.register(ProfileRulesTest.ann(), PASSWORD);
        assertEquals(CustomerStatus.ACTIVE, p.status());
        assertEquals("Ann", p.givenName());
        assertEquals(LocalDate.of(1990, 5, 17), p.birthday());
        assertEquals("+33612345678", p.phone());
        assertEquals("3 rue des Vignes", p.addresses().get(0).line1());
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), p.createdAt());
        assertEquals(p, customers.find(p.id()).orElseThrow());
        assertEquals(1, events("CUSTOMER_REGISTERED"));
        assertEquals(0, TestDatabases.count(ds, "SELECT COUNT(*) FROM customers_customer WHERE password_hash LIKE '%vendanges%'"));
        assertEquals(1, TestDatabases.count(ds, "SELECT COUNT(*) FROM customers_customer WHERE password_hash LIKE 'pbkdf2-sha256$1000$%'"));
    }

    @Test
    public void aDuplicateEmailInAnyCaseIsA409NamingEmailAndChangesNothing() {
        customers.register(ProfileRulesTest.ann(), PASSWORD);
        ProfileInput a = ProfileRulesTest.ann();
        try {
            customers.register(new ProfileInput("ANN.MARTIN@example.COM", "Other", null, null, null, null, null, null, null), PASSWORD);
            fail("accepted a duplicate");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
            assertEquals("email", e.errors().get(0).field());
        }
        assertEquals(1, TestDatabases.count(ds, "SELECT COUNT(*) FROM customers_customer"));
        assertEquals(1, events(""));
        CustomerProfile bob = customers.register(new ProfileInput("bob@example.com", "Bob", null, null, null, null, null, null, null), PASSWORD);
        try {
            customers.update(bob.id(), new ProfileInput(a.email().toUpperCase(), "Bob", null, null, null, null, null, null, null));
            fail("took Ann's email");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
        }
        assertEquals("bob@example.com", customers.find(bob.id()).orElseThrow().email());
    }

    @Test
    public void invalidProfilesAndPasswordsWriteNothing() {
        ProfileInput a = ProfileRulesTest.ann();
        try {
            customers.register(new ProfileInput("not-an-email", "Ann", null, null, LocalDate.of(2026, 3, 2), null, null, null, null), PASSWORD);
            fail("accepted");
        } catch (ValidationException e) {
            assertEquals(List.of("email", "birthday"), e.errors().stream().map(f -> f.field()).toList());
        }
        try {
            customers.register(a, "short");
            fail("accepted");
        } catch (ValidationException e) {
            assertEquals("password", e.errors().get(0).field());
        }
        assertEquals(0, TestDatabases.count(ds, "SELECT COUNT(*) FROM customers_customer"));
        assertEquals(0, events(""));
    }

    @Test
    public void profileUpdatesReplaceTheProfileAndPublish() {
        CustomerProfile p = customers.register(ProfileRulesTest.ann(), PASSWORD);
        clock.advance(Duration.ofMinutes(5));
        CustomerProfile q = customers.update(p.id(), new ProfileInput("ann@new.example", "Ann", "Martin-Roux", null, null, "pt-br",
                null, null, List.of()));
        assertEquals("Martin-Roux", q.familyName());
        assertEquals("pt-BR", q.language());
        assertNull(q.phone());
        assertEquals(List.of(), q.addresses());
        assertEquals(p.createdAt(), q.createdAt());
        assertEquals(Instant.parse("2026-03-01T10:05:00Z"), q.updatedAt());
        assertEquals(1, events("PROFILE_UPDATED"));
        try {
            customers.update("nobody", ProfileRulesTest.ann());
            fail("updated nobody");
        } catch (NotFoundException expected) {
            // fine
        }
    }

    @Test
    public void signInGivesAHashedTokenThatExpiresAndSignsOut() {
        CustomerProfile p = customers.register(ProfileRulesTest.ann(), PASSWORD);
        SessionBook.Session s = sessions.signIn(" ann.martin@EXAMPLE.com", PASSWORD);
        assertEquals(p.id(), s.customerId());
        assertTrue(s.token().startsWith("ct_"));
        assertEquals(Instant.parse("2026-03-01T11:00:00Z"), s.expiresAt());
        assertEquals(p.id(), sessions.customerOf(s.token()).orElseThrow());
        assertEquals("only the hash is stored", 0, TestDatabases.count(ds,
                "SELECT COUNT(*) FROM customers_session WHERE token_hash = '" + s.token() + "'"));
        assertEquals(1, TestDatabases.count(ds,
                "SELECT COUNT(*) FROM customers_session WHERE token_hash = '" + Tokens.hash(s.token()) + "'"));

        assertEquals("not a customer token: another authenticator's", java.util.Optional.empty(), sessions.customerOf("customer:" + p.id()));
        assertUnauthorized(() -> sessions.customerOf("ct_forged"));
        assertUnauthorized(() -> sessions.customerOf(Tokens.newToken(Tokens.SESSION_PREFIX)));

        clock.advance(Duration.ofMinutes(59));
        assertEquals(p.id(), sessions.customerOf(s.token()).orElseThrow());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(message(() -> sessions.customerOf(s.token())).contains("expired"));

        SessionBook.Session t = sessions.signIn("ann.martin@example.com", PASSWORD);
        sessions.signOut(t.token());
        assertTrue(message(() -> sessions.customerOf(t.token())).contains("signed out"));
        sessions.signOut(t.token());
    }

    @Test
    public void aWrongPasswordAndAnUnknownEmailGetTheSameRefusal() {
        customers.register(ProfileRulesTest.ann(), PASSWORD);
        String wrong = message(() -> sessions.signIn("ann.martin@example.com", "vendanges 2025!"));
        String unknown = message(() -> sessions.signIn("nobody@example.com", PASSWORD));
        assertEquals(wrong, unknown);
        assertEquals(0, TestDatabases.count(ds, "SELECT COUNT(*) FROM customers_session"));
    }

    @Test
    public void raisingTheIterationsRehashesAtTheNextSignIn() {
        customers.register(ProfileRulesTest.ann(), PASSWORD);
        settings.set(new Settings(2000, Duration.ofHours(1), Duration.ofMinutes(30), settings.get().purposes()));
        sessions.signIn("ann.martin@example.com", PASSWORD);
        assertEquals(1, TestDatabases.count(ds, "SELECT COUNT(*) FROM customers_customer WHERE password_hash LIKE 'pbkdf2-sha256$2000$%'"));
        sessions.signIn("ann.martin@example.com", PASSWORD);
    }

    @Test
    public void aResetTokenWorksOnceBeforeItExpiresAndEndsEverySession() {
        CustomerProfile p = customers.register(ProfileRulesTest.ann(), PASSWORD);
        SessionBook.Session s = sessions.signIn("ann.martin@example.com", PASSWORD);
        SessionBook.ResetToken r = sessions.issueReset(p.id());
        assertTrue(r.token().startsWith("cr_"));
        assertEquals(0, TestDatabases.count(ds, "SELECT COUNT(*) FROM customers_password_reset WHERE token_hash = '" + r.token() + "'"));
        assertEquals(p.id(), sessions.resetPassword(r.token(), "nouveau mot de passe"));
        assertUnauthorized(() -> sessions.customerOf(s.token()));
        assertUnauthorized(() -> sessions.signIn("ann.martin@example.com", PASSWORD));
        sessions.signIn("ann.martin@example.com", "nouveau mot de passe");
        assertEquals("token", refusedField(() -> sessions.resetPassword(r.token(), "encore un autre")));

        SessionBook.ResetToken late = sessions.issueReset(p.id());
        clock.advance(Duration.ofMinutes(30));
        assertEquals("token", refusedField(() -> sessions.resetPassword(late.token(), "encore un autre")));
        SessionBook.ResetToken first = sessions.issueReset(p.id());
        SessionBook.ResetToken second = sessions.issueReset(p.id());
        assertEquals("a newer token voids the older", "token", refusedField(() -> sessions.resetPassword(first.token(), "encore un autre")));
        sessions.resetPassword(second.token(), "encore un autre");
        assertEquals("password", refusedField(() -> sessions.resetPassword(sessions.issueReset(p.id()).token(), "court")));
    }

    @Test
    public void consentIsPerPurposeAndChannelAndAWithdrawalCountsAtOnce() {
        String id = customers.register(ProfileRulesTest.ann(), PASSWORD).id();
        assertFalse("no decision, no contact", consents.mayContact(id, "newsletter", ContactChannel.EMAIL));
        consents.record(new ConsentChange(id, "newsletter", List.of(ContactChannel.EMAIL), true, ConsentSource.STOREFRONT,
                "Our monthly letter about new wines, by email. Unsubscribe at any time."));
        assertTrue(consents.mayContact(id, "newsletter", ContactChannel.EMAIL));
        assertFalse(consents.mayContact(id, "newsletter", ContactChannel.PHONE));
        assertFalse(consents.mayContact(id, "promotions", ContactChannel.EMAIL));
        clock.advance(Duration.ofDays(1));
        consents.record(new ConsentChange(id, "newsletter", null, false, ConsentSource.AGENT, "Customer asked on the phone to stop."));
        assertFalse(consents.mayContact(id, "newsletter", ContactChannel.EMAIL));

        List<ConsentRecord> history = consents.history(id);
        assertEquals(4, history.size());
        assertEquals(ConsentSource.STOREFRONT, history.get(0).source());
        assertEquals("Our monthly letter about new wines, by email. Unsubscribe at any time.", history.get(0).explanation());
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), history.get(0).at());
        assertEquals(Instant.parse("2026-03-02T10:00:00Z"), history.get(3).at());
        assertEquals(3, consents.current(id).size());
        assertTrue(consents.current(id).stream().noneMatch(s -> s.granted()));
        assertEquals(2, events("CONSENT_CHANGED"));

        assertEquals("purpose", refusedField(() -> consents.record(new ConsentChange(id, "telemarketing", null, true,
                ConsentSource.STOREFRONT, "x"))));
        assertEquals(4, consents.history(id).size());
        try {
            consents.record(new ConsentChange("nobody", "newsletter", null, true, ConsentSource.IMPORT, "x"));
            fail("recorded for nobody");
        } catch (NotFoundException expected) {
            assertEquals(0, TestDatabases.count(ds, "SELECT COUNT(*) FROM customers_consent_event WHERE customer_id = 'nobody'"));
        }
        assertFalse(consents.mayContact("nobody", "newsletter", ContactChannel.EMAIL));
    }

    @Test
    public void theExportHoldsEverythingButSecrets() {
        CustomerProfile p = customers.register(ProfileRulesTest.ann(), PASSWORD);
        SessionBook.Session s = sessions.signIn("ann.martin@example.com", PASSWORD);
        sessions.issueReset(p.id());
        consents.record(new ConsentChange(p.id(), "profiling", List.of(ContactChannel.EMAIL), true, ConsentSource.STOREFRONT, "We learn your tastes."));
        DataRights.CustomerExport e = rights.export(p.id());
        assertEquals(p, e.profile());
        assertEquals(1, e.sessions().size());
        assertEquals(s.expiresAt(), e.sessions().get(0).expiresAt());
        assertEquals(1, e.passwordResets().size());
        assertEquals(1, e.consents().size());
        assertEquals("We learn your tastes.", e.consentHistory().get(0).explanation());
        assertFalse(e.toString().contains(s.token()));
        assertFalse(e.toString().contains("pbkdf2"));
    }

    @Test
    public void erasureLeavesATombstoneAndNoPersonalData() throws Exception {
        CustomerProfile p = customers.register(ProfileRulesTest.ann(), PASSWORD);
        CustomerProfile other = customers.register(new ProfileInput("bob@example.com", "Bob", "Stone", null, null, null, null, null, null), PASSWORD);
        SessionBook.Session s = sessions.signIn("ann.martin@example.com", PASSWORD);
        sessions.issueReset(p.id());
        consents.record(new ConsentChange(p.id(), "newsletter", null, true, ConsentSource.STOREFRONT, "Monthly letter."));
        clock.advance(Duration.ofHours(2));

        Instant at = rights.erase(p.id(), ConsentSource.STOREFRONT);
        assertEquals(Instant.parse("2026-03-01T12:00:00Z"), at);

        CustomerProfile tomb = customers.find(p.id()).orElseThrow();
        assertEquals(CustomerStatus.ERASED, tomb.status());
        assertNull(tomb.email());
        assertNull(tomb.givenName());
        assertEquals(List.of(), tomb.addresses());
        List<String> personal = List.of("Ann", "Martin", "ann.martin", "Lyon", "1990", "612345678", "Vignes", "69001", "whatsapp");
        for (String table : List.of("customers_customer", "customers_address", "customers_session", "customers_password_reset",
                "customers_consent_event", "customers_consent")) {
            for (String row : rows(table)) {
                if (row.contains(p.id())) {
                    for (String value : personal) {
                        assertFalse(table + " still holds " + value + ": " + row, row.toLowerCase().contains(value.toLowerCase()));
                    }
                    assertFalse(table + " still holds the password hash: " + row, row.contains("pbkdf2"));
                }
            }
        }
        assertEquals(0, TestDatabases.count(ds, "SELECT COUNT(*) FROM customers_session WHERE customer_id = '" + p.id() + "'"));
        assertEquals(0, TestDatabases.count(ds, "SELECT COUNT(*) FROM customers_address WHERE customer_id = '" + p.id() + "'"));
        assertUnauthorized(() -> sessions.customerOf(s.token()));
        assertUnauthorized(() -> sessions.signIn("ann.martin@example.com", PASSWORD));
        assertFalse(consents.mayContact(p.id(), "newsletter", ContactChannel.EMAIL));
        assertTrue("the ledger records the withdrawal", consents.history(p.id()).stream()
                .anyMatch(r -> !r.granted() && r.explanation().equals(DataRights.ERASURE_WITHDRAWAL)));
        assertEquals(1, events("CUSTOMER_ERASED"));
        assertFalse("events carry no personal data", TestDatabases.count(ds,
                "SELECT COUNT(*) FROM test_event WHERE LOWER(payload) LIKE '%martin%' OR payload LIKE '%Lyon%'") > 0);

        assertEquals("Bob keeps everything", "Stone", customers.find(other.id()).orElseThrow().familyName());
        try {
            rights.erase(p.id(), ConsentSource.AGENT);
            fail("erased twice");
        } catch (GoneException expected) {
            assertEquals(1, events("CUSTOMER_ERASED"));
        }
        CustomerProfile again = customers.register(ProfileRulesTest.ann(), PASSWORD);
        assertFalse("the email can sign up again as a new customer", again.id().equals(p.id()));
    }

    @Test
    public void searchFindsByTheStartOfEmailOrNameInAnyCaseAndPages() {
        customers.register(ProfileRulesTest.ann(), PASSWORD);
        customers.register(new ProfileInput("bob@example.com", "Bob", "Annecy", null, null, null, null, null, null), PASSWORD);
        customers.register(new ProfileInput("carl@example.com", "Carl", null, null, null, null, null, null, null), PASSWORD);
        assertEquals(2, customers.search("ann", new PageRequest(null, 10)).items().size());
        assertEquals(1, customers.search("BOB@", new PageRequest(null, 10)).items().size());
        assertEquals(0, customers.search("%", new PageRequest(null, 10)).items().size());
        var first = customers.search("", new PageRequest(null, 2));
        assertEquals(2, first.items().size());
        assertNotNull(first.nextCursor());
        var second = customers.search("", new PageRequest(first.nextCursor(), 2));
        assertEquals(1, second.items().size());
        assertNull(second.nextCursor());
        assertEquals(3, customers.count());
    }

    private long events(String topicSuffix) {
        return TestDatabases.count(ds, "SELECT COUNT(*) FROM test_event WHERE topic LIKE '%" + topicSuffix + "'");
    }

    private List<String> rows(String table) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static void assertUnauthorized(Runnable r) {
        message(r);
    }

    private static String message(Runnable r) {
        try {
            r.run();
        } catch (UnauthorizedException e) {
            return e.detail();
        }
        throw new AssertionError("no 401");
    }

    private static String refusedField(Runnable r) {
        try {
            r.run();
        } catch (ValidationException e) {
            return e.errors().get(0).field();
        }
        throw new AssertionError("no 400");
    }
}
