package dev.emporium.itests;

import dev.emporium.testing.StoreProcess;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Durability, on the store as integrators run it: the built distribution ({@code distribution/target/assembly}) copied
 * and started as its own process with {@code bin/karaf server}, real admin accounts, buyers checking out on four
 * threads, and the store's JVM killed with SIGKILL in the middle of the stream. After a restart, every order whose
 * checkout was answered 201 is there, paid, with its inventory reservation committed. Not a Pax Exam test: Pax Exam
 * cannot kill the container it runs in.
 */
public class OrdersSurviveSigkillIT {

    private static final String FIRST_PASSWORD = "first-start-only-9Zk";
    private static final String ADMIN_PASSWORD = "cellar door of the night";

    private static StoreProcess store;

    @BeforeClass
    public static void unpackTheStore() throws Exception {
        store = StoreProcess.copy(StoreProcess.assembly("../../distribution/target/assembly"), Path.of("target", "sigkill", "karaf"))
                // this test's own wines only, and its buyers all come from one address: no demo, no write limit
                .configure("dev.emporium.demo", Map.of("autoLoad", "false"))
                .configure("dev.emporium.platform", Map.of("storefrontWritesPerMinute", "0"))
                .configure("dev.emporium.security", Map.of("initialAdminPassword", FIRST_PASSWORD));
    }

    @AfterClass
    public static void stopTheStore() throws Exception {
        store.kill();
    }

    @Test
    public void everyOrderAnswered201SurvivesASigkillWithItsReservation() throws Exception {
        start();
        String admin = store.adminAuthorization(FIRST_PASSWORD, ADMIN_PASSWORD);
        stockAWine(admin);

        Map<String, String> answered = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService buyers = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            buyers.submit(() -> {
                for (int i = 0; !killed.get(); i++) {
                    try {
                        HttpResponse<String> r = send("POST", "/api/orders/carts", null, null, null);
                        String cart = match("\"id\":\"([^\"]+)\"", r.body());
                        send("POST", "/api/orders/carts/" + cart + "/lines", null, null, "{\"sku\":\"W-DUR-1\",\"quantity\":1}");
                        r = checkout("dur-" + thread + "-" + i, cart);
                        if (r.statusCode() == 201) {
                            answered.put(match("\"number\":\"([^\"]+)\"", r.body()), "dur-" + thread + "-" + i);
                        }
                    } catch (IOException | RuntimeException e) {
                        failures.incrementAndGet();
                        if (killed.get()) {
                            return null;
                        }
                    }
                }
                return null;
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (answered.size() < 40) {
            assertTrue("the stream never reached 40 orders: " + answered.size(), System.nanoTime() < deadline);
            Thread.sleep(20);
        }
        killed.set(true);
        store.kill();
        buyers.shutdown();
        assertTrue(buyers.awaitTermination(120, TimeUnit.SECONDS));
        List<String> orders = new ArrayList<>(answered.keySet());
        System.out.println(orders.size() + " checkouts answered 201 before the SIGKILL; " + failures.get() + " requests failed from the kill on");

        start();
        List<String> lost = new ArrayList<>();
        for (String number : orders) {
            HttpResponse<String> r = send("GET", "/api/admin/orders/orders/" + number, admin, null, null);
            if (r.statusCode() == 404) {
                lost.add(number);
                continue;
            }
            assertEquals(r.body(), 200, r.statusCode());
            assertTrue(r.body(), r.body().contains("\"status\":\"PAID\""));
            long reservation = Long.parseLong(match("\"reservationId\":(\\d+)", r.body()));
            r = send("GET", "/api/admin/inventory/reservations/" + reservation, admin, null, null);
            assertEquals(r.body(), 200, r.statusCode());
            assertTrue("the reservation of " + number + " is taken: " + r.body(), r.body().contains("\"status\":\"COMMITTED\"")
                    && r.body().contains("\"reference\":\"orders:" + number + "\""));
        }
        assertEquals(lost.size() + " of " + orders.size() + " orders answered 201 are lost: " + lost, List.of(), lost);
        // the stock says the same: what left the shelf is at least what the surviving orders took
        HttpResponse<String> r = send("GET", "/api/admin/inventory/stock/W-DUR-1", admin, null, null);
        long onHand = Long.parseLong(match("\"onHand\":(\\d+)", r.body()));
        assertTrue(r.body(), 100_000 - onHand >= orders.size());
    }

    private static void start() throws Exception {
        store.start().awaitHealth(Duration.ofSeconds(240), "orders", "catalog", "inventory", "security");
    }

    private static void stockAWine(String admin) throws Exception {
        HttpResponse<String> r = send("PUT", "/api/admin/catalog/types/wine", admin, null, "{\"name\": \"Wine\", \"attributes\": []}");
        assertEquals(r.body(), 200, r.statusCode());
        r = send("POST", "/api/admin/catalog/products", admin, null, """
                {"sku": "W-DUR-1", "slug": "w-dur-1", "name": "Durable red", "type": "wine",
                 "price": {"amount": "9.90", "currency": "EUR"},
                 "shipping": {"weightGrams": 1350, "lengthMm": 80, "widthMm": 80, "heightMm": 320}}""");
        assertEquals(r.body(), 201, r.statusCode());
        r = send("POST", "/api/admin/catalog/products/W-DUR-1/publish", admin, null, null);
        assertEquals(r.body(), 200, r.statusCode());
        r = send("POST", "/api/admin/inventory/stock/W-DUR-1/adjustments", admin, null,
                "{\"location\":\"warehouse\",\"delta\":100000,\"reason\":\"delivery\"}");
        assertEquals(r.body(), 201, r.statusCode());
    }

    private static HttpResponse<String> checkout(String key, String cart) throws IOException, InterruptedException {
        return send("POST", "/api/orders/checkout", null, key, """
                {"cartId": "%s", "email": "dur@example.org", "paymentMethod": "test-card", "cardNumber": "4242 4242 4242 4242",
                 "shippingAddress": {"name": "Dur Able", "line1": "1 quai", "postalCode": "33000", "city": "Bordeaux", "country": "FR"}}
                """.formatted(cart));
    }

    private static HttpResponse<String> send(String method, String path, String authorization, String key, String json)
            throws IOException, InterruptedException {
        return store.send(method, path, authorization, key, json);
    }

    private static String match(String regex, String body) {
        Matcher m = Pattern.compile(regex).matcher(body);
        if (!m.find()) {
            throw new IllegalStateException(regex + " not in " + body);
        }
        return m.group(1);
    }
}
