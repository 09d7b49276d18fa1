package dev.emporium.customers.internal.store;

import dev.emporium.customers.api.ConsentSource;
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
    DataRights rights;

    public InsightsStoreTest(String engine) {
        this.engine = engine;
    }

    @Before
    public void freshDepartment() {
        ds = TestDatabases.create(engine);
        TestDatabases.migrate(ds, "customers");
        clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        AtomicReference<Settings> settings = new AtomicReference<>(new Settings(1000, Duration.ofHours(1), Duration.ofMinutes(30),
                List.of("newsletter", "promotions", "profiling", "social_lookup")));
        customers = new CustomerBook(ds, NO_OUTBOX, clock, settings::get);
        reach = new ReachBook(ds, NO_OUTBOX, clock);
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
}
