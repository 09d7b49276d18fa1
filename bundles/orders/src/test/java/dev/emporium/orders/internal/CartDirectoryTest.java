package dev.emporium.orders.internal;

import dev.emporium.orders.api.Cart;
import dev.emporium.testing.TestDatabases;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.emporium.orders.internal.Fixture.GUEST;
import static dev.emporium.orders.internal.Fixture.customer;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** The carts other departments read, on H2 and PostgreSQL: open ones only, abandoned checkouts oldest first. */
@RunWith(Parameterized.class)
public class CartDirectoryTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    private final String engine;
    private Fixture f;
    private CartDirectory directory;

    public CartDirectoryTest(String engine) {
        this.engine = engine;
    }

    @Before
    public void setUp() {
        f = new Fixture(engine);
        f.products.put(TestStores.wine("W-1", "19.90", 6, "99.00", 1350));
        f.stock.available.put("W-1", 20L);
        directory = new CartDirectory(f.ds, f.clock, f.pricing);
    }

    @After
    public void tearDown() {
        f.close();
    }

    @Test
    public void aCartIsReadByIdAndItsCustomerWithLinesAndTotals() {
        Cart guest = f.carts.add(f.carts.create(GUEST).id(), GUEST, "W-1", null, 2L, f::catalog);
        Cart ann = f.carts.add(f.carts.create(customer("c-ann")).id(), customer("c-ann"), "W-1", 6, 1L, f::catalog);
        assertEquals(guest, directory.byId(guest.id()).orElseThrow());
        assertEquals(ann, directory.byId(ann.id()).orElseThrow());
        assertEquals(ann, directory.ofCustomer("c-ann").orElseThrow());
        assertTrue(directory.ofCustomer("c-bob").isEmpty());
        assertTrue(directory.byId("nope").isEmpty());
        assertTrue(directory.byId(null).isEmpty());
    }

    @Test
    public void idleCartsOfCustomersWithLinesAreAbandonedCheckoutsOldestFirst() {
        Cart old = f.carts.add(f.carts.create(customer("c-1")).id(), customer("c-1"), "W-1", null, 1L, f::catalog);
        f.clock.advance(Duration.ofMinutes(10));
        Cart newer = f.carts.add(f.carts.create(customer("c-2")).id(), customer("c-2"), "W-1", null, 1L, f::catalog);
        f.carts.create(customer("c-3")); // empty: nothing to follow up
        f.carts.add(f.carts.create(GUEST).id(), GUEST, "W-1", null, 1L, f::catalog); // a guest: no contact
        f.clock.advance(Duration.ofMinutes(10));
        Cart fresh = f.carts.add(f.carts.create(customer("c-4")).id(), customer("c-4"), "W-1", null, 1L, f::catalog);

        Instant fiveMinutesAgo = f.clock.instant().minus(Duration.ofMinutes(5));
        assertEquals(List.of(old.id(), newer.id()), directory.idleSince(fiveMinutesAgo, 10).stream().map(Cart::id).toList());
        assertEquals(List.of(old.id()), directory.idleSince(fiveMinutesAgo, 1).stream().map(Cart::id).toList());
        assertTrue(directory.idleSince(fiveMinutesAgo, 0).isEmpty());
        assertEquals(3, directory.idleSince(f.clock.instant().plusSeconds(1), 10).size());
        assertEquals(fresh.id(), directory.ofCustomer("c-4").orElseThrow().id());
    }

    @Test
    public void aCheckedOutCartIsNoLongerOpenNorAbandoned() {
        Cart cart = f.carts.add(f.carts.create(customer("c-1")).id(), customer("c-1"), "W-1", null, 1L, f::catalog);
        assertEquals(201, f.checkout.checkout(Fixture.card(cart.id(), "4242424242424242"), "key-1", customer("c-1")).status());
        f.clock.advance(Duration.ofHours(1));
        assertTrue(directory.byId(cart.id()).isEmpty());
        assertTrue(directory.ofCustomer("c-1").isEmpty());
        assertTrue(directory.idleSince(f.clock.instant(), 10).isEmpty());
    }

    @Test
    public void anExpiredCartIsGone() {
        Cart cart = f.carts.add(f.carts.create(customer("c-1")).id(), customer("c-1"), "W-1", null, 1L, f::catalog);
        f.clock.advance(Duration.ofDays(31));
        assertTrue(directory.byId(cart.id()).isEmpty());
        assertTrue(directory.idleSince(f.clock.instant(), 10).isEmpty());
    }
}
