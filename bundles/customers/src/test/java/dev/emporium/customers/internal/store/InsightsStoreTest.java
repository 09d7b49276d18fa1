package dev.emporium.customers.internal.store;

import dev.emporium.customers.api.BuyingHabits;
import dev.emporium.customers.api.ConsentSource;
import dev.emporium.platform.api.Money;
import dev.emporium.platform.api.PageRequest;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.UnauthorizedException;
import dev.emporium.customers.api.Address;
import dev.emporium.testing.MutableClock;
import java.math.BigDecimal;
import java.util.Map;
import dev.emporium.customers.api.CustomerProfile;
import dev.emporium.customers.api.CustomerReach;
import dev.emporium.customers.api.ProfileInput;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.testing.TestDatabases;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Reach, buying habits, companies and segments on H2 and a real PostgreSQL. */
@RunWith(Parameterized.class)
public class InsightsStoreTest {

    private static final String PASSWORD = "vendanges 2026!";
    private static final Outbox NO_OUTBOX = (tx, topic, payload) -> 1;

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    private final String engine;
    DataSource ds;
    MutableClock clock;
    CustomerBook customers;
    ReachBook reach;
    HabitsBook habits;
    CompanyBook companies;
    SegmentBook segments;
    SignInThrottle throttle;
    SessionBook sessions;
    AtomicReference<Settings> settings;
    DataRights rights;

    public InsightsStoreTest(String engine) {
        this.engine = engine;
    }

    @Before
    public void freshDepartment() {
        ds = TestDatabases.create(engine);
        TestDatabases.migrate(ds, "customers");
        clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        settings = new AtomicReference<>(new Settings(1000, Duration.ofHours(1), Duration.ofMinutes(30),
                List.of("newsletter", "promotions", "profiling", "social_lookup"), Duration.ofMinutes(10), 3, 5));
        customers = new CustomerBook(ds, NO_OUTBOX, clock, settings::get);
        reach = new ReachBook(ds, NO_OUTBOX, clock);
        habits = new HabitsBook(ds);
        companies = new CompanyBook(ds, clock);
        segments = new SegmentBook(ds, clock);
        throttle = new SignInThrottle(ds, clock, settings::get);
        sessions = new SessionBook(ds, clock, settings::get);
        rights = new DataRights(ds, NO_OUTBOX, clock, new ConsentBook(ds, NO_OUTBOX, clock, settings::get));
    }

    CustomerProfile customer(String email) {
        return customers.register(new ProfileInput(email, "Ann", null, null, null, null, null, null, null), PASSWORD);
    }

    @Test
    public void influenceFollowsTheDocumentedFormula() {
        assertEquals(0, ReachBook.influence(0));
        assertEquals(17, ReachBook.influence(10));
        assertEquals(33, ReachBook.influence(100));
        assertEquals(50, ReachBook.influence(1_000));
        assertEquals(83, ReachBook.influence(100_000));
        assertEquals(100, ReachBook.influence(1_000_000));
        assertEquals(100, ReachBook.influence(ReachBook.MAX_FOLLOWERS * 20));
    }

    @Test
    public void socialProfilesMakeTheReachAndAreReplacedAsAWhole() {
        CustomerProfile ann = customer("ann@example.com");
        assertEquals(new CustomerReach(ann.id(), 0, 0, List.of()), reach.reach(ann.id()).orElseThrow());
        CustomerReach r = reach.replace(ann.id(), List.of(new ReachBook.SocialProfileInput(" Instagram ", "@ann.vins", 900L),
                new ReachBook.SocialProfileInput("tiktok", "annvins", 100L)), ConsentSource.STOREFRONT);
        assertEquals(1000, r.totalFollowers());
        assertEquals(50, r.influence());
        assertEquals("instagram", r.profiles().get(0).network());
        assertEquals(r, reach.reach(ann.id()).orElseThrow());
        r = reach.replace(ann.id(), List.of(new ReachBook.SocialProfileInput("tiktok", "annvins", 10L)), ConsentSource.AGENT);
        assertEquals(1, r.profiles().size());
        assertEquals(17, r.influence());
        assertTrue(reach.reach("nobody").isEmpty());
    }

    @Test
    public void invalidSocialProfilesAreRefusedFieldByFieldAndChangeNothing() {
        CustomerProfile ann = customer("ann@example.com");
        reach.replace(ann.id(), List.of(new ReachBook.SocialProfileInput("instagram", "@ann", 5L)), ConsentSource.STOREFRONT);
        try {
            reach.replace(ann.id(), List.of(new ReachBook.SocialProfileInput("instagram", "@ann", -1L),
                    new ReachBook.SocialProfileInput("Instagram", "two words", null),
                    new ReachBook.SocialProfileInput("", null, 3L)), ConsentSource.STOREFRONT);
            fail("accepted");
        } catch (ValidationException e) {
            assertEquals(List.of("profiles[0].followers", "profiles[1].network", "profiles[1].handle", "profiles[1].followers",
                    "profiles[2].network", "profiles[2].handle"), e.errors().stream().map(f -> f.field()).toList());
        }
        assertEquals(5, reach.reach(ann.id()).orElseThrow().totalFollowers());
        try {
            reach.replace("nobody", List.of(), ConsentSource.AGENT);
            fail("accepted");
        } catch (NotFoundException expected) {
            // fine
        }
    }

    @Test
    public void erasureRemovesTheSocialProfiles() {
        CustomerProfile ann = customer("ann@example.com");
        reach.replace(ann.id(), List.of(new ReachBook.SocialProfileInput("instagram", "@ann", 5L)), ConsentSource.STOREFRONT);
        assertEquals("@ann", rights.export(ann.id()).reach().profiles().get(0).handle());
        rights.erase(ann.id(), ConsentSource.AGENT);
        assertEquals(0, TestDatabases.count(ds, "SELECT COUNT(*) FROM customers_social_profile"));
        assertTrue(reach.reach(ann.id()).isEmpty());
    }

    static HabitsBook.PlacedOrder order(String number, String customer, String at, String total, HabitsBook.LineFact... lines) {
        return new HabitsBook.PlacedOrder(number, customer, Instant.parse(at), Money.of(total, "EUR"), List.of(lines));
    }

    static HabitsBook.LineFact line(String sku, long units, String price, String brand, String type) {
        return new HabitsBook.LineFact(sku, units, price == null ? null : new BigDecimal(price), brand, type, Map.of("colour", "red"));
    }

    @Test
    public void habitsComeFromOrdersOnceEachAndCancelledOrdersCountNowhere() {
        CustomerProfile ann = customer("ann@example.com");
        BuyingHabits none = habits.habits(ann.id()).orElseThrow();
        assertEquals(0, none.orderCount());
        assertEquals("none", none.frequency());
        HabitsBook.PlacedOrder first = order("EM-1", ann.id(), "2026-01-01T10:00:00Z", "120.00",
                line("W1", 6, "15.00", "Domaine Leroy", "wine"), line("G1", 2, "5.00", "Riedel", "glass"));
        assertEquals(HabitsBook.Outcome.RECORDED, habits.recordPlaced(first));
        BuyingHabits once = habits.habits(ann.id()).orElseThrow();
        assertEquals(HabitsBook.Outcome.ALREADY_KNOWN, habits.recordPlaced(first));
        assertEquals("a redelivery changes nothing", once, habits.habits(ann.id()).orElseThrow());
        assertEquals("once", once.frequency());
        assertEquals(List.of(Money.of("120.00", "EUR")), once.totalSpent());

        habits.recordPlaced(order("EM-2", ann.id(), "2026-01-31T10:00:00Z", "80.00", line("W2", 2, "40.00", "Domaine Leroy", "wine")));
        habits.recordPlaced(order("EM-3", ann.id(), "2026-03-02T10:00:00Z", "999.00", line("W9", 1, "999.00", "Petrus", "wine")));
        assertEquals(HabitsBook.Outcome.RECORDED, habits.recordCancelled("EM-3", Instant.parse("2026-03-02T11:00:00Z")));
        assertEquals(HabitsBook.Outcome.ALREADY_KNOWN, habits.recordCancelled("EM-3", Instant.parse("2026-03-02T12:00:00Z")));
        assertEquals(HabitsBook.Outcome.UNKNOWN_ORDER, habits.recordCancelled("EM-404", Instant.parse("2026-03-02T12:00:00Z")));
        BuyingHabits h = habits.habits(ann.id()).orElseThrow();
        assertEquals(2, h.orderCount());
        assertEquals(Instant.parse("2026-01-01T10:00:00Z"), h.firstOrderAt());
        assertEquals(Instant.parse("2026-01-31T10:00:00Z"), h.lastOrderAt());
        assertEquals(List.of(Money.of("200.00", "EUR")), h.totalSpent());
        assertEquals(Long.valueOf(30), h.averageDaysBetweenOrders());
        assertEquals("monthly", h.frequency());
        assertEquals(new BuyingHabits.Preference("Domaine Leroy", 8, 2), h.favouriteBrands().get(0));
        assertEquals(new BuyingHabits.Preference("Riedel", 2, 1), h.favouriteBrands().get(1));
        assertEquals(2, h.favouriteBrands().size());
        assertEquals(new BuyingHabits.Preference("wine", 8, 2), h.preferredProductTypes().get(0));
        assertEquals(new BuyingHabits.Preference("colour=red", 10, 2), h.preferredAttributes().get(0));
        assertEquals(new BuyingHabits.PriceRange(Money.of("5.00", "EUR"), Money.of("40.00", "EUR"), Money.of("18.00", "EUR")), h.priceRange());
        assertEquals(HabitsBook.Outcome.UNKNOWN_CUSTOMER, habits.recordPlaced(order("EM-9", "nobody", "2026-01-01T10:00:00Z", "1.00")));
    }

    @Test
    public void erasureClearsTheHabitsAndARedeliveredOrderDoesNotBringThemBack() {
        CustomerProfile ann = customer("ann@example.com");
        HabitsBook.PlacedOrder o = order("EM-1", ann.id(), "2026-01-01T10:00:00Z", "30.00", line("W1", 2, "15.00", "Leroy", "wine"));
        habits.recordPlaced(o);
        assertEquals(1, rights.export(ann.id()).habits().orderCount());
        rights.erase(ann.id(), ConsentSource.AGENT);
        for (String table : List.of("customers_order_fact", "customers_order_line_fact", "customers_order_attribute_fact")) {
            assertEquals(table, 0, TestDatabases.count(ds, "SELECT COUNT(*) FROM " + table));
        }
        assertEquals(HabitsBook.Outcome.UNKNOWN_CUSTOMER, habits.recordPlaced(o));
        assertTrue(habits.habits(ann.id()).isEmpty());
    }

    static CompanyBook.CompanyInput vinsDuSud() {
        return new CompanyBook.CompanyInput("Vins du Sud SARL", "FR 83 404 833 048", "fr",
                List.of(new Address("warehouse", null, "1 quai des Chais", null, "34000", "Montpellier", null, "FR")));
    }

    @Test
    public void companiesHaveAValidTaxIdSharedAddressesAndMembersWithRoles() {
        CompanyBook.CompanyView v = companies.create(vinsDuSud());
        assertEquals("FR83404833048", v.company().taxId());
        assertEquals("FR", v.company().country());
        assertEquals("Montpellier", v.company().addresses().get(0).city());
        CustomerProfile ann = customer("ann@example.com");
        CustomerProfile bob = customer("bob@example.com");
        assertTrue("a consumer until added", companies.membership(ann.id()).isEmpty());
        companies.setMember(v.company().id(), ann.id(), "buyer");
        v = companies.setMember(v.company().id(), bob.id(), "ADMIN");
        assertEquals(2, v.members().size());
        assertEquals(CompanyBook.Role.BUYER, companies.membership(ann.id()).orElseThrow().role());
        companies.setMember(v.company().id(), ann.id(), "approver");
        assertEquals(CompanyBook.Role.APPROVER, companies.membership(ann.id()).orElseThrow().role());

        CompanyBook.CompanyView other = companies.create(new CompanyBook.CompanyInput("Bière & Co", "BE0428759497", "BE", null));
        try {
            companies.setMember(other.company().id(), ann.id(), "buyer");
            fail("in two companies");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
            assertEquals("customerId", e.errors().get(0).field());
        }
        try {
            companies.create(new CompanyBook.CompanyInput("Copy", "FR83404833048", "FR", null));
            fail("duplicate tax id");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
            assertEquals("taxId", e.errors().get(0).field());
        }
        try {
            companies.create(new CompanyBook.CompanyInput("", "FR84404833048", "DE", null));
            fail("accepted");
        } catch (ValidationException e) {
            assertEquals(List.of("name", "taxId"), e.errors().stream().map(f -> f.field()).toList());
        }
        try {
            companies.create(new CompanyBook.CompanyInput("X", "DE123456789", "FR", null));
            fail("accepted");
        } catch (ValidationException e) {
            assertEquals("taxId", e.errors().get(0).field());
            assertTrue(e.errors().get(0).message(), e.errors().get(0).message().contains("DE number"));
        }
        try {
            companies.setMember(v.company().id(), bob.id(), "owner");
            fail("accepted");
        } catch (ValidationException e) {
            assertEquals("role", e.errors().get(0).field());
        }
        assertEquals(2, TestDatabases.count(ds, "SELECT COUNT(*) FROM customers_company"));
        companies.removeMember(v.company().id(), bob.id());
        assertTrue(companies.membership(bob.id()).isEmpty());
        rights.erase(ann.id(), ConsentSource.AGENT);
        assertEquals("erasure ends the membership", 0, TestDatabases.count(ds, "SELECT COUNT(*) FROM customers_company_member"));
    }

    @Test
    public void aCompanyIsFoundByItsTaxIdAndClosedWithItsMembershipsButNotItsMembers() {
        CompanyBook.CompanyView v = companies.create(vinsDuSud());
        CompanyBook.CompanyView other = companies.create(new CompanyBook.CompanyInput("Bière & Co", "BE0428759497", "BE", null));
        CustomerProfile ann = customer("ann@example.com");
        CustomerProfile bob = customer("bob@example.com");
        companies.setMember(v.company().id(), ann.id(), "admin");
        companies.setMember(other.company().id(), bob.id(), "buyer");
        assertEquals(v.company().id(), companies.byTaxId("fr83 404.833-048").orElseThrow().company().id());
        assertEquals(1, companies.byTaxId("FR83404833048").orElseThrow().members().size());
        assertTrue(companies.byTaxId("FR00000000000").isEmpty());
        assertTrue(companies.byTaxId(" ").isEmpty());

        assertTrue(companies.close(v.company().id()));
        assertFalse("closed once", companies.close(v.company().id()));
        assertTrue(companies.byTaxId("FR83404833048").isEmpty());
        assertTrue("Ann buys as a consumer again", companies.membership(ann.id()).isEmpty());
        assertTrue(customers.find(ann.id()).isPresent());
        assertEquals(0, TestDatabases.count(ds, "SELECT COUNT(*) FROM customers_company_address"));
        assertEquals("the other company is untouched", other.company().id(), companies.membership(bob.id()).orElseThrow().companyId());
        assertEquals(1, TestDatabases.count(ds, "SELECT COUNT(*) FROM customers_company"));
    }

    @Test
    public void segmentsSelectByReachHabitsAndKindOnDemand() {
        CustomerProfile ann = customer("ann@example.com");
        CustomerProfile bob = customer("bob@example.com");
        CustomerProfile cid = customer("cid@example.com");
        reach.replace(ann.id(), List.of(new ReachBook.SocialProfileInput("instagram", "@ann", 5000L)), ConsentSource.STOREFRONT);
        reach.replace(bob.id(), List.of(new ReachBook.SocialProfileInput("instagram", "@bob", 5000L)), ConsentSource.STOREFRONT);
        habits.recordPlaced(order("EM-1", ann.id(), "2026-02-01T10:00:00Z", "30.00", line("W1", 1, "30.00", "Leroy", "wine")));
        habits.recordPlaced(order("EM-2", ann.id(), "2026-02-20T10:00:00Z", "30.00", line("W1", 1, "30.00", "Leroy", "wine")));
        habits.recordPlaced(order("EM-3", bob.id(), "2026-02-01T10:00:00Z", "30.00", line("W1", 1, "30.00", "Leroy", "wine")));
        habits.recordPlaced(order("EM-4", cid.id(), "2025-03-01T10:00:00Z", "30.00", line("G1", 1, "30.00", "Riedel", "glass")));
        assertEquals(List.of(ann.id()), ids("influencers-who-bought-twice"));
        assertEquals(List.of(cid.id()), ids("lapsed-buyers"));
        habits.recordCancelled("EM-2", Instant.parse("2026-02-21T10:00:00Z"));
        assertEquals("a cancelled order does not count", List.of(), ids("influencers-who-bought-twice"));

        segments.define("leroy-b2b", new SegmentBook.SegmentInput("Leroy buyers in companies", null,
                new SegmentBook.Rules(null, 1, null, null, 90, Money.of("10", "EUR"), "leroy", null, "b2b")));
        assertEquals(List.of(), ids("leroy-b2b"));
        companies.setMember(companies.create(vinsDuSud()).company().id(), bob.id(), "buyer");
        assertEquals(List.of(bob.id()), ids("leroy-b2b"));
        assertEquals("B2B", segments.find("leroy-b2b").orElseThrow().rules().kind());
        assertEquals(Money.of("10.00", "EUR"), segments.find("leroy-b2b").orElseThrow().rules().minTotalSpent());
        try {
            segments.define("Bad Code", new SegmentBook.SegmentInput("", null, new SegmentBook.Rules(101, 3, 2, null, null,
                    Money.of("-1", "EUR"), null, null, "b2x")));
            fail("accepted");
        } catch (ValidationException e) {
            assertEquals(List.of("code", "name", "rules.minInfluence", "rules.maxOrders", "rules.minTotalSpent", "rules.kind"),
                    e.errors().stream().map(f -> f.field()).toList());
        }
        assertEquals(3, segments.list().size());
        try {
            segments.members("nobody", new PageRequest(null, 10));
            fail("found");
        } catch (NotFoundException expected) {
            // fine
        }
    }

    private List<String> ids(String segment) {
        return segments.members(segment, new PageRequest(null, 50)).items().stream().map(SegmentBook.SegmentMember::customerId).toList();
    }

    @Test
    public void signInIsThrottledPerAccountThenPerAddress() {
        String ann = customer("ann@example.com").id();
        for (int i = 0; i < 3; i++) {
            try {
                throttle.guard("ann@example.com", "10.0.0.1", () -> sessions.signIn("ann@example.com", "wrong password!"));
                fail("signed in");
            } catch (UnauthorizedException expected) {
                // counted
            }
        }
        try {
            throttle.guard("ANN@example.com", "10.0.0.2", () -> sessions.signIn("ann@example.com", PASSWORD));
            fail("not locked");
        } catch (ProblemException e) {
            assertEquals(423, e.status());
            assertEquals("601", e.headers().get("Retry-After"));
            assertTrue(e.detail(), e.detail().contains("too many failed sign-ins for this account"));
        }
        clock.advance(Duration.ofMinutes(11));
        assertEquals("the window passed", ann,
                throttle.guard("ann@example.com", "10.0.0.2", () -> sessions.signIn("ann@example.com", PASSWORD)).customerId());
        for (String email : List.of("a1@example.com", "a2@example.com", "a3@example.com", "a4@example.com", "a5@example.com")) {
            try {
                throttle.guard(email, "10.0.0.9", () -> sessions.signIn(email, PASSWORD));
                fail("signed in");
            } catch (UnauthorizedException expected) {
                // counted
            }
        }
        try {
            throttle.guard("ann@example.com", "10.0.0.9", () -> sessions.signIn("ann@example.com", PASSWORD));
            fail("not throttled");
        } catch (ProblemException e) {
            assertEquals(429, e.status());
            assertTrue(e.detail(), e.detail().contains("from your address"));
        }
        assertEquals("no email is stored", 0, TestDatabases.count(ds, "SELECT COUNT(*) FROM customers_sign_in_failure WHERE subject LIKE '%@%'"));
    }
}
