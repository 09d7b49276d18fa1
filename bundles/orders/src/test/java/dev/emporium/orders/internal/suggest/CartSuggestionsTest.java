package dev.emporium.orders.internal.suggest;

import dev.emporium.catalog.api.ProductRelations;
import dev.emporium.catalog.api.RelationKind;
import dev.emporium.catalog.api.Suggestion;
import dev.emporium.orders.api.Cart;
import dev.emporium.orders.internal.Fixture;
import dev.emporium.orders.internal.TestStores;
import dev.emporium.platform.api.Caller;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.testing.TestDatabases;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static dev.emporium.orders.internal.Fixture.GUEST;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Up-sells and cross-sells for a cart, from the catalog's relations, ranked by orders' own co-purchases. */
@RunWith(Parameterized.class)
public class CartSuggestionsTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    private final String engine;
    private Fixture f;
    /** What the catalog was asked for, as the sets of SKUs. */
    private final List<List<String>> asked = new ArrayList<>();

    public CartSuggestionsTest(String engine) {
        this.engine = engine;
    }

    @Before
    public void setUp() {
        f = new Fixture(engine);
        for (String sku : List.of("W-1", "W-2", "W-3", "W-9", "W-5")) {
            f.products.put(TestStores.wine(sku, "10.00", null, null, 1000));
            f.stock.available.put(sku, 100L);
        }
        // the catalog: W-1 goes with W-2 then W-3 (its order), W-9 is W-1's better choice, W-5 only similar
        f.relations = (ProductRelations) Proxy.newProxyInstance(ProductRelations.class.getClassLoader(),
                new Class<?>[] {ProductRelations.class}, (proxy, m, args) -> {
                    if (!m.getName().equals("suggestions")) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    @SuppressWarnings("unchecked") Collection<String> skus = (Collection<String>) args[0];
                    asked.add(List.copyOf(skus));
                    if (!skus.contains("W-1")) {
                        return List.of();
                    }
                    return List.of(suggestion("W-2", RelationKind.CROSS_SELL, "a second bottle for the cellar"),
                            suggestion("W-3", RelationKind.COMPLEMENTARY, "cheese wine"),
                            suggestion("W-9", RelationKind.UP_SELL, "the grand cru"),
                            suggestion("W-5", RelationKind.SIMILAR, null));
                });
    }

    private Suggestion suggestion(String sku, RelationKind kind, String reason) {
        return new Suggestion(f.products.bySku.get(sku), kind, reason, List.of("W-1"));
    }

    @After
    public void tearDown() {
        f.close();
    }

    private void bought(String customer, String... skus) {
        Optional<Caller> who = Fixture.customer(customer);
        Cart cart = f.carts.create(who);
        for (String sku : skus) {
            f.carts.add(cart.id(), who, sku, null, 1L, f::catalog);
        }
        f.checkout.checkout(Fixture.card(cart.id(), "4242 4242 4242 4242"), "key-" + cart.id(), who);
    }

    @Test
    public void whatOtherBuyersOfTheCartsProductsAlsoBoughtComesFirst() {
        bought("c-a", "W-1", "W-3");
        bought("c-b", "W-1");
        bought("c-b", "W-3", "W-9");
        bought("c-c", "W-1", "W-2");
        bought("c-d", "W-3", "W-2");
        Cart cart = f.carts.create(GUEST);
        f.carts.add(cart.id(), GUEST, "W-1", null, 1L, f::catalog);

        CartSuggestions.ForCart s = f.suggestions.forCart(cart.id(), GUEST, null);
        assertEquals(List.of(List.of("W-1")), asked);
        assertEquals("two buyers of W-1 also bought W-3, one W-2; the catalog put W-2 first",
                List.of("W-3 2", "W-2 1"), s.crossSell().stream().map(x -> x.sku() + " " + x.boughtBy()).toList());
        assertEquals(List.of("W-9 1"), s.upSell().stream().map(x -> x.sku() + " " + x.boughtBy()).toList());
        assertEquals("cheese wine", s.crossSell().get(0).reason());
        assertEquals(RelationKind.COMPLEMENTARY, s.crossSell().get(0).kind());
        assertEquals("10.00 EUR", s.crossSell().get(0).price().toString());
        assertEquals("similar products are alternatives, not suggestions for a cart", 3,
                s.crossSell().size() + s.upSell().size());
        assertEquals("limited per kind", List.of("W-3"), f.suggestions.forCart(cart.id(), GUEST, 1).crossSell().stream()
                .map(CartSuggestions.Suggested::sku).toList());
    }

    @Test
    public void aCustomerIsNotTheirOwnEvidenceAndCancelledOrdersDoNotCount() {
        bought("c-a", "W-1", "W-3");
        bought("c-b", "W-1", "W-2");
        String cancelled = f.orders.list(new dev.emporium.platform.api.PageRequest(null, 1), null).items().get(0).number();
        f.orders.cancel(cancelled, "ops", "changed their mind");
        Optional<Caller> ann = Fixture.customer("c-a");
        Cart cart = f.carts.create(ann);
        f.carts.add(cart.id(), ann, "W-1", null, 1L, f::catalog);
        CartSuggestions.ForCart s = f.suggestions.forCart(cart.id(), ann, 5);
        assertEquals("c-a's own purchase is not another customer's habit; c-b's order was cancelled",
                List.of("W-2 0", "W-3 0"), s.crossSell().stream().map(x -> x.sku() + " " + x.boughtBy()).toList());
    }

    @Test
    public void anEmptyCartAsksNothingAndABadLimitIsRefused() {
        Cart cart = f.carts.create(GUEST);
        CartSuggestions.ForCart s = f.suggestions.forCart(cart.id(), GUEST, null);
        assertTrue(s.upSell().isEmpty() && s.crossSell().isEmpty());
        assertTrue(asked.isEmpty());
        try {
            f.suggestions.forCart(cart.id(), GUEST, 0);
            fail();
        } catch (ValidationException e) {
            assertEquals("limit", e.errors().get(0).field());
        }
        f.carts.add(cart.id(), GUEST, "W-1", null, 1L, f::catalog);
        f.relations = null;
        try {
            f.suggestions.forCart(cart.id(), GUEST, null);
            fail();
        } catch (ProblemException e) {
            assertEquals("the catalog is away: 503", 503, e.status());
        }
    }
}
