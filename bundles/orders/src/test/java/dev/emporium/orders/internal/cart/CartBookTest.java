package dev.emporium.orders.internal.cart;

import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.catalog.api.Shipping;
import dev.emporium.orders.api.Cart;
import dev.emporium.orders.internal.Fixture;
import dev.emporium.orders.internal.TestStores;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.GoneException;
import dev.emporium.platform.api.Money;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.testing.TestDatabases;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.time.Duration;
import java.util.List;

import static dev.emporium.orders.internal.Fixture.GUEST;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Carts on H2 and PostgreSQL: guests and customers, lines by unit and pack, catalog prices, totals, expiry. */
@RunWith(Parameterized.class)
public class CartBookTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    private final String engine;
    private Fixture f;

    public CartBookTest(String engine) {
        this.engine = engine;
    }

    @Before
    public void setUp() {
        f = new Fixture(engine);
        f.products.put(TestStores.wine("W-1", "19.90", 6, "99.00", 1350));
        f.products.put(TestStores.wine("W-2", "8.50", null, null, 750));
    }

    @After
    public void tearDown() {
        f.close();
    }

    @Test
    public void aGuestCartHasAnUnguessableIdAndTotalsFromCatalogPrices() {
        Cart cart = f.carts.create(GUEST);
        assertTrue(cart.id(), cart.id().matches("[A-Za-z0-9_-]{32}"));
        assertNotEquals(cart.id(), f.carts.create(GUEST).id());
        assertNull(cart.customerId());
        cart = f.carts.add(cart.id(), GUEST, "W-1", null, 2L, f::catalog);
        cart = f.carts.add(cart.id(), GUEST, "W-1", 6, 1L, f::catalog);
        cart = f.carts.add(cart.id(), GUEST, "W-1", null, 1L, f::catalog);
        assertEquals("the same SKU and pack size is one line", 2, cart.lines().size());
        assertEquals(3, cart.lines().get(0).quantity());
        assertEquals(Money.of("59.70", "EUR"), cart.lines().get(0).lineTotal());
        assertEquals(6, cart.lines().get(1).units());
        assertEquals(Money.of("99.00", "EUR"), cart.lines().get(1).lineTotal());
        // 9 bottles = 12150 g: 14.90; (158.70 + 14.90) * 0.20 = 34.72
        assertEquals(Money.of("158.70", "EUR"), cart.totals().subtotal());
        assertEquals(Money.of("14.90", "EUR"), cart.totals().shipping());
        assertEquals(Money.of("34.72", "EUR"), cart.totals().tax());
        assertEquals(Money.of("208.32", "EUR"), cart.totals().total());
        assertEquals(cart, f.carts.get(cart.id(), GUEST));
    }

    @Test
    public void aLightBulkyGiftBoxShipsOnItsVolumeInTheCartAndAtCheckout() {
        f.products.put(new Product("BOX-1", "box-1", "Gift box", null, null, "Emporium", "gift-box", java.util.Map.of(), java.util.List.of(),
                Money.of("12.00", "EUR"), java.util.List.of(), new Shipping(400, 300, 200, 150), java.util.List.of(), null,
                ProductStatus.PUBLISHED, true, 1, java.time.Instant.parse("2026-03-01T09:00:00Z")));
        Cart cart = f.carts.create(GUEST);
        cart = f.carts.add(cart.id(), GUEST, "BOX-1", null, 1L, f::catalog);
        assertEquals("1800 g of room, 400 g of weight: the first band", Money.of("4.90", "EUR"), cart.totals().shipping());
        cart = f.carts.set(cart.id(), GUEST, "BOX-1", null, 2L);
        assertEquals("800 g of weight but 3600 g of room: the 2000 g band", Money.of("7.90", "EUR"), cart.totals().shipping());
        assertEquals(800, cart.totals().weightGrams());
        f.stock.available.put("BOX-1", 5L);
        String number = f.checkout.checkout(Fixture.card(cart.id(), "4242 4242 4242 4242"), "key-box", GUEST).orderNumber();
        assertEquals("checkout prices the parcel the same way", Money.of("7.90", "EUR"),
                f.orders.byNumber(number).orElseThrow().totals().shipping());
    }

    @Test
    public void linesChangeAndGoAway() {
        Cart cart = f.carts.create(GUEST);
        f.carts.add(cart.id(), GUEST, "W-1", null, 2L, f::catalog);
        f.carts.add(cart.id(), GUEST, "W-2", null, 1L, f::catalog);
        cart = f.carts.set(cart.id(), GUEST, "W-1", null, 5L);
        assertEquals(5, cart.lines().get(0).quantity());
        cart = f.carts.set(cart.id(), GUEST, "W-1", null, 0L);
        assertEquals(List.of("W-2"), cart.lines().stream().map(l -> l.sku()).toList());
        expect(NotFoundException.class, "no line of W-1", () -> f.carts.set(f.carts.get(f.carts.create(GUEST).id(), GUEST).id(), GUEST, "W-1", null, 1L));
    }

    @Test
    public void aProductNotOnSaleIsRefusedAsNoLongerSold() {
        Cart cart = f.carts.create(GUEST);
        f.products.put(TestStores.unsellable(f.products.bySku.get("W-2")));
        expect(GoneException.class, "W-2 is no longer sold", () -> f.carts.add(cart.id(), GUEST, "W-2", null, 1L, f::catalog));
        expect(NotFoundException.class, "no product W-404", () -> f.carts.add(cart.id(), GUEST, "W-404", null, 1L, f::catalog));
        expect(ValidationException.class, "packs of 6", () -> f.carts.add(cart.id(), GUEST, "W-1", 12, 1L, f::catalog));
        expect(ValidationException.class, "quantity", () -> f.carts.add(cart.id(), GUEST, "W-1", null, 0L, f::catalog));
        expect(ValidationException.class, "quantity", () -> f.carts.add(cart.id(), GUEST, "W-1", null, null, f::catalog));
        expect(ValidationException.class, "between 1 and 999", () -> f.carts.add(cart.id(), GUEST, "W-1", null, 1000L, f::catalog));
        assertEquals("nothing was added", 0, f.carts.get(cart.id(), GUEST).lines().size());
    }

    @Test
    public void aCustomersCartIsTheirsAlone() {
        Cart cart = f.carts.create(Fixture.customer("c-1"));
        assertEquals("c-1", cart.customerId());
        f.carts.add(cart.id(), Fixture.customer("c-1"), "W-2", null, 1L, f::catalog);
        expect(NotFoundException.class, "no cart", () -> f.carts.get(cart.id(), GUEST));
        expect(NotFoundException.class, "no cart", () -> f.carts.get(cart.id(), Fixture.customer("c-2")));
        expect(NotFoundException.class, "no cart", () -> f.carts.add(cart.id(), Fixture.customer("c-2"), "W-2", null, 1L, f::catalog));
        expect(NotFoundException.class, "no cart", () -> f.carts.get("nope", GUEST));
    }

    @Test
    public void anUntouchedCartExpires() {
        Cart cart = f.carts.create(GUEST);
        f.clock.advance(Duration.ofDays(29));
        f.carts.add(cart.id(), GUEST, "W-2", null, 1L, f::catalog);
        f.clock.advance(Duration.ofDays(29));
        assertEquals("a change keeps it alive", 1, f.carts.get(cart.id(), GUEST).lines().size());
        f.clock.advance(Duration.ofDays(2));
        expect(GoneException.class, "expired", () -> f.carts.get(cart.id(), GUEST));
    }

    @Test
    public void cartsStayReadableWithoutTheCatalogAndAddingWaitsForIt() {
        Cart cart = f.carts.create(GUEST);
        f.carts.add(cart.id(), GUEST, "W-2", null, 1L, f::catalog);
        f.catalogService = null;
        assertEquals(1, f.carts.get(cart.id(), GUEST).lines().size());
        assertEquals(3, f.carts.set(cart.id(), GUEST, "W-2", null, 3L).lines().get(0).quantity());
        try {
            f.carts.add(cart.id(), GUEST, "W-1", null, 1L, f::catalog);
            fail();
        } catch (ProblemException e) {
            assertEquals(503, e.status());
            assertEquals("5", e.headers().get("Retry-After"));
            assertTrue(e.detail(), e.detail().contains("catalog is being upgraded"));
        }
    }

    @Test
    public void aCartBeingCheckedOutCannotChangeNorBeCheckedOutTwice() {
        Cart cart = f.carts.create(GUEST);
        f.carts.beginCheckout(cart.id(), GUEST, "key-1");
        f.carts.beginCheckout(cart.id(), GUEST, "key-1");
        expect(ConflictException.class, "being checked out", () -> f.carts.beginCheckout(cart.id(), GUEST, "key-2"));
        expect(ConflictException.class, "being checked out", () -> f.carts.add(cart.id(), GUEST, "W-2", null, 1L, f::catalog));
        f.carts.endCheckout(cart.id(), "key-1");
        f.carts.add(cart.id(), GUEST, "W-2", null, 1L, f::catalog);
    }

    static void expect(Class<? extends ProblemException> type, String fragment, Runnable r) {
        try {
            r.run();
            fail("expected " + type.getSimpleName() + " with " + fragment);
        } catch (ProblemException e) {
            assertEquals(e.detail(), type, e.getClass());
            assertTrue(e.detail(), e.detail().contains(fragment));
        }
    }
}
