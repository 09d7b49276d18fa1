package dev.emporium.itests;

import dev.emporium.inventory.api.StockReservations;
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
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

import javax.inject.Inject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.emporium.itests.StoreFront.available;
import static dev.emporium.itests.StoreFront.cart;
import static dev.emporium.itests.StoreFront.checkout;
import static dev.emporium.itests.StoreFront.number;
import static dev.emporium.itests.StoreFront.send;
import static dev.emporium.itests.StoreFront.text;
import static dev.emporium.itests.StoreFront.wine;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The orders department on a real Karaf with the whole store: an editor publishes wines, an inventory manager stocks
 * them, guests and customers fill carts and check out; a card payment accepted and declined, the same Idempotency-Key
 * answered with the same order and no second reservation, a discontinued wine refused as no longer sold, more than is
 * available refused with nothing reserved, the lifecycle to delivered with illegal transitions refused, and the
 * {@code orders:} console commands; a delivered order returned (refunded, restocked once), an unpaid order cancelled
 * when inventory expires its hold, suggestions on a cart ranked by co-purchases, and crowds: 200 concurrent checkouts
 * for 50 bottles, 20 at once with one key ({@link CheckoutCrowds}, also run on PostgreSQL by OrdersOnPostgreSQLIT).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OrdersIT {

    // spelled out: a static initializer may not touch platform API types before @Before installed them
    private static final String STOCK_MANAGER = "Bearer admin:inventory-manager";
    private static final String ORDER_MANAGER = "Bearer admin:order-manager";
    private static final String APPROVED_CARD = "4242 4242 4242 4242";
    /** test-card declines a card number ending in 0002. */
    private static final String DECLINED_CARD = "4000 0000 0000 0002";
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
    public void openTheStore() throws Exception {
        Store.install(features, "emporium");
        Store.awaitHealth("\"name\":\"orders\",\"state\":\"UP\"", 60);
        Store.awaitHealth("\"name\":\"catalog\",\"state\":\"UP\"", 60);
        Store.awaitHealth("\"name\":\"inventory\",\"state\":\"UP\"", 60);
        if (callers == null) {
            callers = TestCallers.register(context);
        }
        if (described) {
            return;
        }
        StoreFront.describeWines();
        described = true;
    }

    @Test
    public void aGuestPaysByCardOnceWhateverTheRetriesAndTheOrderGoesToDelivered() throws Exception {
        wine("W-ORD-1", "19.90", 3);
        String cart = cart(null, "W-ORD-1", 2);
        HttpResponse<String> r = send("GET", "/api/orders/carts/" + cart, null, null, null);
        // 2 x 19.90 = 39.80, 2700 g ships for 7.90, 20% tax on 47.70 = 9.54
        assertTrue(r.body(), r.body().contains("\"total\":{\"amount\":\"57.24\",\"currency\":\"EUR\"}"));

        HttpResponse<String> placed = checkout(null, "it-key-1", cart, "test-card", APPROVED_CARD);
        assertEquals(placed.body(), 201, placed.statusCode());
        assertTrue(placed.body(), placed.body().contains("\"status\":\"PAID\""));
        String number = text(placed.body(), "number");
        assertEquals("/api/orders/orders/" + number, placed.headers().firstValue("Location").orElse(""));
        assertEquals("the stock went down by the quantity", 1, available("W-ORD-1"));

        HttpResponse<String> again = checkout(null, "it-key-1", cart, "test-card", APPROVED_CARD);
        assertEquals(201, again.statusCode());
        assertEquals("the same Idempotency-Key is the same answer", placed.body(), again.body());
        assertEquals("and nothing more is reserved", 1, available("W-ORD-1"));
        String other = cart(null, "W-ORD-1", 1);
        r = checkout(null, "it-key-1", other, "test-card", APPROVED_CARD);
        assertEquals(r.body(), 409, r.statusCode());
        assertTrue(r.body(), r.body().contains("used for another cart"));

        r = send("GET", "/api/orders/orders/" + number + "?email=ann@example.org", null, null, null);
        assertEquals("a guest finds the order by number and email: " + r.body(), 200, r.statusCode());
        assertEquals(404, send("GET", "/api/orders/orders/" + number + "?email=eve@example.org", null, null, null).statusCode());
        assertEquals(403, send("POST", "/api/admin/orders/orders/" + number + "/pack", STOCK_MANAGER, null, null).statusCode());

        r = send("POST", "/api/admin/orders/orders/" + number + "/deliver", ORDER_MANAGER, null, null);
        assertEquals(r.body(), 409, r.statusCode());
        assertTrue(r.body(), r.body().contains("is PAID; it cannot become DELIVERED"));
        assertEquals(200, send("POST", "/api/admin/orders/orders/" + number + "/pack", ORDER_MANAGER, null, null).statusCode());
        r = send("POST", "/api/admin/orders/orders/" + number + "/ship", ORDER_MANAGER, null, "{\"carrier\":\"Colissimo\"}");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"trackingNumber\""));
        r = send("POST", "/api/admin/orders/orders/" + number + "/ship", ORDER_MANAGER, null, "{\"carrier\":\"Colissimo\",\"trackingNumber\":\"6A0001\"}");
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"status\":\"SHIPPED\"") && r.body().contains("\"trackingNumber\":\"6A0001\""));
        r = send("POST", "/api/admin/orders/orders/" + number + "/cancel", ORDER_MANAGER, null, "{\"note\":\"too late\"}");
        assertEquals(r.body(), 409, r.statusCode());
        assertTrue(r.body(), r.body().contains("is SHIPPED; it cannot become CANCELLED"));
        assertEquals(200, send("POST", "/api/admin/orders/orders/" + number + "/deliver", ORDER_MANAGER, null, null).statusCode());
        r = send("GET", "/api/admin/orders/orders/" + number, ORDER_MANAGER, null, null);
        assertTrue(r.body(), r.body().contains("\"status\":\"DELIVERED\""));
        assertTrue("the history says who: " + r.body(), r.body().contains("\"to\":\"PACKED\",\"actor\":\"test-admin\""));
        assertEquals("committed stock stays taken", 1, available("W-ORD-1"));
    }

    @Test
    public void aDeclinedCardAnswers402AndTheStockIsBack() throws Exception {
        wine("W-ORD-2", "12.00", 3);
        String cart = cart(null, "W-ORD-2", 2);
        HttpResponse<String> r = checkout(null, "it-key-2", cart, "test-card", DECLINED_CARD);
        assertEquals(r.body(), 402, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim());
        assertTrue(r.body(), r.body().contains("declined"));
        assertEquals(3, available("W-ORD-2"));
        HttpResponse<String> again = checkout(null, "it-key-2", cart, "test-card", APPROVED_CARD);
        assertEquals("a retry with the key is the same answer", 402, again.statusCode());
        assertEquals(r.body(), again.body());
        r = checkout(null, "it-key-2b", cart, "test-card", APPROVED_CARD);
        assertEquals("another card with a new key buys: " + r.body(), 201, r.statusCode());
        assertEquals(1, available("W-ORD-2"));
    }

    @Test
    public void aDiscontinuedWineIsNoLongerSoldNorCheckedOut() throws Exception {
        wine("W-ORD-3", "15.00", 3);
        String cart = cart(null, "W-ORD-3", 1);
        HttpResponse<String> r = send("POST", "/api/admin/inventory/stock/W-ORD-3/discontinue", STOCK_MANAGER, null, "{\"reason\":\"the vineyard closed\"}");
        assertEquals(r.body(), 200, r.statusCode());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Http.get("/api/catalog/products/W-ORD-3").statusCode() != 410) {
            assertTrue("the catalog never heard of the discontinuation", System.nanoTime() < deadline);
            Thread.sleep(100);
        }
        r = send("POST", "/api/orders/carts", null, null, null);
        String fresh = text(r.body(), "id");
        r = send("POST", "/api/orders/carts/" + fresh + "/lines", null, null, "{\"sku\":\"W-ORD-3\",\"quantity\":1}");
        assertEquals(r.body(), 410, r.statusCode());
        assertTrue(r.body(), r.body().contains("W-ORD-3 is no longer sold"));
        r = checkout(null, "it-key-3", cart, "test-card", APPROVED_CARD);
        assertEquals(r.body(), 410, r.statusCode());
        assertTrue(r.body(), r.body().contains("W-ORD-3 is no longer sold"));
    }

    @Test
    public void orderingMoreThanIsAvailableIsAConflictAndReservesNothing() throws Exception {
        wine("W-ORD-4", "9.00", 3);
        String cart = cart(null, "W-ORD-4", 4);
        HttpResponse<String> r = checkout(null, "it-key-4", cart, "test-card", APPROVED_CARD);
        assertEquals(r.body(), 409, r.statusCode());
        assertTrue(r.body(), r.body().contains("not enough stock of W-ORD-4"));
        assertEquals(3, available("W-ORD-4"));
        r = send("PUT", "/api/orders/carts/" + cart + "/lines/W-ORD-4", null, null, "{\"quantity\":3}");
        assertEquals(r.body(), 200, r.statusCode());
        r = checkout(null, "it-key-4", cart, "test-card", APPROVED_CARD);
        assertEquals("the same key works once the cart is fixed: " + r.body(), 201, r.statusCode());
        assertEquals(0, available("W-ORD-4"));
    }

    @Test
    public void aCustomerPaysByBankTransferAndTheConsoleShipsTheOrder() throws Exception {
        wine("W-ORD-5", "30.00", 3);
        String customer = "Bearer customer:c-it-1";
        String cart = cart(customer, "W-ORD-5", 1);
        assertEquals("a customer's cart is theirs alone", 404, send("GET", "/api/orders/carts/" + cart, null, null, null).statusCode());
        HttpResponse<String> r = checkout(customer, "it-key-5", cart, "bank-transfer", null);
        assertEquals(r.body(), 201, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"status\":\"AWAITING_PAYMENT\""));
        String number = text(r.body(), "number");
        assertEquals("held while the transfer is awaited", 2, available("W-ORD-5"));
        r = send("GET", "/api/orders/mine", customer, null, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains(number));
        assertTrue(send("GET", "/api/orders/orders/" + number, customer, null, null).body().contains(number));

        assertEquals(200, send("POST", "/api/admin/orders/orders/" + number + "/paid", ORDER_MANAGER, null, "{\"note\":\"bank ref 778\"}").statusCode());
        assertEquals(200, send("POST", "/api/admin/orders/orders/" + number + "/pack", ORDER_MANAGER, null, null).statusCode());

        String out = KarafConsole.execute(sessions, "orders:ship --carrier DHL --tracking JD014 " + number);
        assertTrue(out, out.contains(number + " is SHIPPED with DHL, tracking JD014"));
        out = KarafConsole.execute(sessions, "orders:ship --carrier DHL --tracking JD014 " + number);
        assertTrue(out, out.contains("Refused: order " + number + " is SHIPPED; it cannot become SHIPPED"));
        out = KarafConsole.execute(sessions, "orders:list");
        assertTrue(out, out.contains(number) && out.contains("SHIPPED"));
        out = KarafConsole.execute(sessions, "orders:show " + number);
        assertTrue(out, out.contains("W-ORD-5") && out.contains("DHL") && out.contains("bank ref 778") && out.contains("AWAITING_PAYMENT"));
        out = KarafConsole.execute(sessions, "orders:show EM-NOPE");
        assertTrue(out, out.contains("No order EM-NOPE"));
        assertFalse(out, out.contains("Exception"));
    }

    @Test
    public void aDeliveredOrderComesBackRefundedAndRestocked() throws Exception {
        wine("W-ORD-6", "20.00", 4);
        String cart = cart(null, "W-ORD-6", 3);
        HttpResponse<String> r = checkout(null, "it-key-6", cart, "test-card", APPROVED_CARD);
        assertEquals(r.body(), 201, r.statusCode());
        String number = text(r.body(), "number");
        assertEquals(1, available("W-ORD-6"));
        r = send("POST", "/api/admin/orders/orders/" + number + "/return", ORDER_MANAGER, null, "{\"reason\":\"corked\"}");
        assertEquals(r.body(), 409, r.statusCode());
        assertTrue(r.body(), r.body().contains("is PAID; it cannot become RETURNED"));
        r = send("POST", "/api/admin/orders/orders/" + number + "/transition", ORDER_MANAGER, null, "{\"status\":\"packed\"}");
        assertEquals(r.body(), 200, r.statusCode());
        r = send("POST", "/api/admin/orders/orders/" + number + "/transition", ORDER_MANAGER, null, "{\"status\":\"SHIPPED\"}");
        assertEquals("a shipment by name still needs its carrier: " + r.body(), 400, r.statusCode());
        r = send("POST", "/api/admin/orders/orders/" + number + "/transition", ORDER_MANAGER, null, "{\"status\":\"LOST\"}");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"status\""));
        r = send("POST", "/api/admin/orders/orders/" + number + "/transition", ORDER_MANAGER, null,
                "{\"status\":\"SHIPPED\",\"carrier\":\"DHL\",\"trackingNumber\":\"JD6\"}");
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals(200, send("POST", "/api/admin/orders/orders/" + number + "/deliver", ORDER_MANAGER, null, null).statusCode());

        r = send("POST", "/api/admin/orders/orders/" + number + "/return", ORDER_MANAGER, null, "{\"reason\":\"corked\"}");
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"status\":\"RETURNED\""));
        assertEquals("the three bottles are back on the shelf", 4, available("W-ORD-6"));
        r = send("GET", "/api/admin/orders/orders/" + number, ORDER_MANAGER, null, null);
        assertTrue("the history says how the money went back: " + r.body(),
                r.body().contains("\"to\":\"RETURNED\",\"actor\":\"test-admin\",\"note\":\"corked; refund APPROVED"));
        r = send("POST", "/api/admin/orders/orders/" + number + "/return", ORDER_MANAGER, null, null);
        assertEquals("returned once: " + r.body(), 409, r.statusCode());
        assertEquals("and restocked once", 4, available("W-ORD-6"));
        r = send("GET", "/api/admin/inventory/stock/W-ORD-6", StoreFront.STOCK_MANAGER, null, null);
        assertTrue("inventory's audit names the return: " + r.body(), r.body().contains("returned order " + number));
    }

    @Test
    public void theConsoleMovesABankTransferOrderAndRecordsItsReturn() throws Exception {
        wine("W-ORD-7", "25.00", 2);
        String cart = cart(null, "W-ORD-7", 2);
        HttpResponse<String> r = checkout(null, "it-key-7", cart, "bank-transfer", null);
        assertEquals(r.body(), 201, r.statusCode());
        String number = text(r.body(), "number");
        String out = KarafConsole.execute(sessions, "orders:transition --note \"bank ref 91\" " + number + " PAID");
        assertTrue(out, out.contains(number + " is PAID"));
        out = KarafConsole.execute(sessions, "orders:transition " + number + " PACKED");
        assertTrue(out, out.contains(number + " is PACKED"));
        out = KarafConsole.execute(sessions, "orders:transition " + number + " SHIPPED");
        assertTrue(out, out.contains("carrier") && out.contains("is required to ship an order"));
        out = KarafConsole.execute(sessions, "orders:transition --carrier UPS --tracking 1Z7 " + number + " SHIPPED");
        assertTrue(out, out.contains(number + " is SHIPPED"));
        out = KarafConsole.execute(sessions, "orders:return --reason \"refused at the door\" " + number);
        assertTrue(out, out.contains(number + " is RETURNED, restocked: refused at the door; refund PENDING")
                && out.contains("refund-" + number));
        assertEquals(2, available("W-ORD-7"));
        out = KarafConsole.execute(sessions, "orders:transition " + number + " DELIVERED");
        assertTrue(out, out.contains("is RETURNED; it cannot become DELIVERED (it is final)"));
        assertFalse(out, out.contains("Exception"));
    }

    @Test
    public void anUnpaidOrderWhoseHoldExpiredIsCancelledWithItsReason() throws Exception {
        wine("W-ORD-8", "18.00", 3);
        String cart = cart("Bearer customer:c-it-8", "W-ORD-8", 2);
        HttpResponse<String> r = checkout("Bearer customer:c-it-8", "it-key-8", cart, "bank-transfer", null);
        assertEquals(r.body(), 201, r.statusCode());
        String number = text(r.body(), "number");
        assertEquals(1, available("W-ORD-8"));
        // inventory's own sweep, run as if the 72 hours of the transfer's hold had passed
        ServiceReference<StockReservations> ref = context.getServiceReference(StockReservations.class);
        assertTrue(context.getService(ref).expire(Instant.now().plus(Duration.ofHours(73))) >= 1);
        assertEquals(3, available("W-ORD-8"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(r = send("GET", "/api/admin/orders/orders/" + number, ORDER_MANAGER, null, null)).body().contains("\"status\":\"CANCELLED\"")) {
            assertTrue("orders never heard the expiry: " + r.body(), System.nanoTime() < deadline);
            Thread.sleep(100);
        }
        assertTrue(r.body(), r.body().contains("\"actor\":\"inventory:expiry\",\"note\":\"the payment did not arrive before the stock hold expired"));
        r = send("POST", "/api/admin/orders/orders/" + number + "/paid", ORDER_MANAGER, null, null);
        assertEquals("a transfer arriving late finds the order cancelled: " + r.body(), 409, r.statusCode());
    }

    @Test
    public void aCartSuggestsWhatOtherBuyersOfItsWinesAlsoBought() throws Exception {
        for (String sku : new String[] {"W-SUG-1", "W-SUG-2", "W-SUG-3", "W-SUG-9"}) {
            wine(sku, "15.00", 20);
        }
        relate("W-SUG-1", "CROSS_SELL", "W-SUG-2", "for the weekday");
        relate("W-SUG-1", "COMPLEMENTARY", "W-SUG-3", "with the cheese");
        relate("W-SUG-1", "UP_SELL", "W-SUG-9", "the grand cru");
        // two customers who bought W-SUG-1 also bought W-SUG-3; one bought W-SUG-2
        buy("Bearer customer:c-sug-a", "W-SUG-1", "W-SUG-3");
        buy("Bearer customer:c-sug-b", "W-SUG-1", "W-SUG-3");
        buy("Bearer customer:c-sug-c", "W-SUG-1", "W-SUG-2");

        String cart = cart(null, "W-SUG-1", 1);
        HttpResponse<String> r = send("GET", "/api/orders/carts/" + cart + "/suggestions", null, null, null);
        assertEquals(r.body(), 200, r.statusCode());
        String body = r.body();
        assertTrue(body, body.contains("\"upSell\":[{\"sku\":\"W-SUG-9\""));
        assertTrue("ranked by co-buyers, the complement first: " + body,
                body.indexOf("\"sku\":\"W-SUG-3\"") < body.indexOf("\"sku\":\"W-SUG-2\"")
                        && body.contains("\"reason\":\"with the cheese\",\"from\":[\"W-SUG-1\"],\"boughtBy\":2"));
        r = send("GET", "/api/orders/carts/" + cart + "/suggestions?limit=0", null, null, null);
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"limit\""));
        assertEquals(404, send("GET", "/api/orders/carts/nope/suggestions", null, null, null).statusCode());
    }

    private static void relate(String sku, String kind, String related, String reason) throws Exception {
        HttpResponse<String> r = send("POST", "/api/admin/catalog/products/" + sku + "/relations", StoreFront.EDITOR, null,
                "{\"kind\":\"" + kind + "\",\"sku\":\"" + related + "\",\"reason\":\"" + reason + "\"}");
        assertEquals(r.body(), 201, r.statusCode());
    }

    private static void buy(String customer, String... skus) throws Exception {
        String cart = cart(customer, skus[0], 1);
        for (int i = 1; i < skus.length; i++) {
            HttpResponse<String> r = send("POST", "/api/orders/carts/" + cart + "/lines", customer, null, "{\"sku\":\"" + skus[i] + "\",\"quantity\":1}");
            assertEquals(r.body(), 200, r.statusCode());
        }
        HttpResponse<String> r = checkout(customer, "buy-" + cart, cart, "test-card", APPROVED_CARD);
        assertEquals(r.body(), 201, r.statusCode());
    }

    @Test
    public void twoHundredBuyersForFiftyBottlesMakeFiftyOrders() throws Exception {
        CheckoutCrowds.neverOversell("W-ORD-CROWD", 200, 50);
    }

    @Test
    public void twentyCheckoutsAtOnceWithOneKeyMakeOneOrder() throws Exception {
        CheckoutCrowds.oneOrderForOneKey("W-ORD-KEY", 20);
    }

    @Test
    public void ordersIsWiredToTheOtherDepartmentsThroughTheirApiBundlesOnly() throws Exception {
        Bundle orders = Arrays.stream(context.getBundles())
                .filter(b -> "dev.emporium.orders".equals(b.getSymbolicName())).findFirst().orElseThrow();
        BundleWiring wiring = orders.adapt(BundleWiring.class);
        Set<String> providers = new TreeSet<>();
        for (BundleWire w : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            providers.add(w.getProvider().getBundle().getSymbolicName());
        }
        assertTrue(providers.toString(), providers.contains("dev.emporium.catalog.api") && providers.contains("dev.emporium.inventory.api"));
        assertFalse("never the catalog's or inventory's implementation: " + providers,
                providers.contains("dev.emporium.catalog") || providers.contains("dev.emporium.inventory"));
        assertTrue("nothing is wired to orders' implementation, so updating it refreshes no other bundle",
                wiring.getProvidedWires(PackageNamespace.PACKAGE_NAMESPACE).isEmpty());
    }

}
