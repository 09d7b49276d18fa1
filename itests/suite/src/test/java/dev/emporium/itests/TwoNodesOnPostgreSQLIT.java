package dev.emporium.itests;

import dev.emporium.testing.StoreProcess;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

/**
 * Several nodes on one PostgreSQL (DESIGN.md "Several nodes"): two copies of the built distribution, each its own
 * process on its own ports, both on one real PostgreSQL started by this test, a client spreading its requests over
 * both. The methods run in name order and share the two stores.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class TwoNodesOnPostgreSQLIT {

    private static final String FIRST_PASSWORD = "first-start-only-2Nd";
    private static final String ADMIN_PASSWORD = "two cellars one ledger";
    private static final String SOURCE = "twonodes";
    private static final int SYNC_SECONDS = 4;

    private static StoreProcess a;
    private static StoreProcess b;
    private static String url;
    private static String admin;

    @BeforeClass
    public static void startTwoNodes() throws Exception {
        // a database of its own: OrdersOnPostgreSQLIT's store lives in the same PostgreSQL when the suite runs
        url = StorePostgres.url("two_nodes");
        Path assembly = StoreProcess.assembly("../../distribution/target/assembly");
        Path feed = Path.of("target", "two-nodes", "feed.csv").toAbsolutePath();
        Files.createDirectories(feed.getParent());
        Files.writeString(feed, "sku,quantity,cost,currency,discontinued\nW-2N-FEED,7,4.10,EUR,no\n");
        a = node(assembly, "a", feed);
        b = node(assembly, "b", feed);
        // both at once on an empty database: the migrations lock lets one node create the schema
        a.start();
        b.start();
        a.awaitHealth(Duration.ofSeconds(300), "orders", "catalog", "inventory", "security");
        b.awaitHealth(Duration.ofSeconds(300), "orders", "catalog", "inventory", "security");
        admin = a.adminAuthorization(FIRST_PASSWORD, ADMIN_PASSWORD);
    }

    private static StoreProcess node(Path assembly, String name, Path feed) throws IOException {
        return StoreProcess.copy(assembly, Path.of("target", "two-nodes", name))
                .configure("dev.emporium.demo", Map.of("autoLoad", "false"))
                .configure("dev.emporium.platform", Map.of("storefrontWritesPerMinute", "0", "nodeId", "node-" + name))
                .configure("dev.emporium.security", Map.of("initialAdminPassword", FIRST_PASSWORD))
                .usePostgreSql(url, "postgres", "postgres")
                .configure("org.ops4j.datasource-emporium", Map.of("dataSourceName", "emporium", "pool", "dbcp2", "xa", "false",
                        "jdbc.pool.maxTotal", "32", "jdbc.pool.maxIdle", "8"))
                // the same supplier feed, synced on a schedule by both nodes' configuration
                .configure("dev.emporium.inventory.source-" + SOURCE, Map.of("url", feed.toString(), "location", "dropship",
                        "intervalSeconds", String.valueOf(SYNC_SECONDS)));
    }

    @AfterClass
    public static void stopTheNodes() throws Exception {
        if (a != null) {
            a.kill();
        }
        if (b != null) {
            b.kill();
        }
    }

    @Test
    public void a_twoHundredCheckoutsOverBothNodesSellFiftyUnitsExactlyOnce() throws Exception {
        // the admin signed in on node a; its session works on node b: sessions live in the database
        wine(b, "W-2N-1", "Checkout crowd red");
        stock(a, "W-2N-1", 50);
        int buyers = 200;
        List<String> carts = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            StoreProcess here = i % 2 == 0 ? a : b;
            StoreProcess there = i % 2 == 0 ? b : a;
            String cart = match("\"id\":\"([^\"]+)\"", here.send("POST", "/api/orders/carts", null, null, null).body());
            // a cart made on one node is filled on the other: carts live in the database
            HttpResponse<String> r = there.send("POST", "/api/orders/carts/" + cart + "/lines", null, null, "{\"sku\":\"W-2N-1\",\"quantity\":1}");
            assertTrue(r.body(), r.statusCode() / 100 == 2);
            carts.add(cart);
        }
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        CountDownLatch go = new CountDownLatch(1);
        Map<Integer, AtomicInteger> statuses = new TreeMap<>();
        Map<String, String> orders = new ConcurrentHashMap<>();
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            int buyer = i;
            answers.add(pool.submit(() -> {
                go.await();
                HttpResponse<String> r = checkout(buyer % 2 == 0 ? b : a, "two-nodes-" + buyer, carts.get(buyer));
                if (r.statusCode() == 201) {
                    orders.put(match("\"number\":\"([^\"]+)\"", r.body()), buyer % 2 == 0 ? "b" : "a");
                }
                return r.statusCode();
            }));
        }
        long t0 = System.nanoTime();
        go.countDown();
        for (Future<Integer> f : answers) {
            int status = f.get(180, TimeUnit.SECONDS);
            synchronized (statuses) {
                statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            }
        }
        pool.shutdown();
        long onB = orders.values().stream().filter("b"::equals).count();
        System.out.printf("TWO NODES: %d concurrent checkouts over two nodes for 50 units: %d orders (%d on node a, %d on node b), answers %s, in %d ms%n",
                buyers, orders.size(), orders.size() - onB, onB, statuses, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        assertEquals("exactly the 50 units were sold: " + statuses, 50, orders.size());
        assertEquals(statuses.toString(), 50, statuses.get(201).get());
        assertTrue(statuses.toString(), statuses.keySet().stream().allMatch(s -> s < 500));
        HttpResponse<String> r = b.send("GET", "/api/inventory/stock/W-2N-1", null, null, null);
        assertTrue(r.body(), r.body().contains("\"available\":0"));
        assertEquals(50, count("SELECT COUNT(*) FROM orders_order WHERE status = 'PAID'"));
    }

    @Test
    public void b_aProductDiscontinuedThroughNodeAGoesFromNodeB() throws Exception {
        wine(a, "W-2N-2", "Quintessence discontinued");
        stock(a, "W-2N-2", 10);
        b.awaitGet("/api/catalog/search?q=quintessence", body -> body.contains("\"sku\":\"W-2N-2\""), Duration.ofSeconds(30));
        HttpResponse<String> r = a.send("POST", "/api/admin/inventory/stock/W-2N-2/discontinue", admin, null, "{\"reason\":\"the estate closed\"}");
        assertEquals(r.body(), 200, r.statusCode());
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
        boolean searchable = true;
        int product = 200;
        while ((searchable || product != 410) && System.nanoTime() < deadline) {
            searchable = b.get("/api/catalog/search?q=quintessence").body().contains("\"sku\":\"W-2N-2\"");
            product = b.get("/api/catalog/products/W-2N-2").statusCode();
            if (searchable || product != 410) {
                Thread.sleep(20);
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.printf("TWO NODES: discontinued through node a, gone from node b's search and product page after %d ms%n", millis);
        assertTrue("still in node b's search after 30 s", !searchable);
        assertEquals(410, product);
        String cart = match("\"id\":\"([^\"]+)\"", b.send("POST", "/api/orders/carts", null, null, null).body());
        r = b.send("POST", "/api/orders/carts/" + cart + "/lines", null, null, "{\"sku\":\"W-2N-2\",\"quantity\":1}");
        if (r.statusCode() / 100 == 2) {
            r = checkout(b, "two-nodes-discontinued", cart);
        }
        assertNotEquals("node b sold a discontinued wine: " + r.body(), 201, r.statusCode());
        assertTrue(r.body(), r.statusCode() / 100 == 4);
    }

    @Test
    public void c_aScheduledSyncRunsOncePerScheduleNotOncePerNode() throws Exception {
        // both nodes have had the source since their start, every SYNC_SECONDS: wait for a few schedule slots to pass
        // (on a quiet machine the tests before this one take less than two slots)
        HttpResponse<String> r;
        List<Instant> runs = new ArrayList<>();
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(SYNC_SECONDS * 15L);
        while (true) {
            r = b.send("GET", "/api/admin/inventory/sync-reports?source=" + SOURCE + "&limit=1000", admin, null, null);
            assertEquals(r.body(), 200, r.statusCode());
            Matcher m = Pattern.compile("\"trigger\":\"schedule\",\"startedAt\":\"([^\"]+)\"").matcher(r.body());
            runs.clear();
            while (m.find()) {
                runs.add(Instant.parse(m.group(1)));
            }
            if (runs.size() >= 3 || System.nanoTime() > waitUntil) {
                break;
            }
            Thread.sleep(SYNC_SECONDS * 1000L);
        }
        assertTrue("fewer than 3 scheduled syncs ran in " + (SYNC_SECONDS * 15) + " s: " + r.body(), runs.size() >= 3);
        long first = runs.stream().mapToLong(i -> i.toEpochMilli() / (SYNC_SECONDS * 1000L)).min().orElseThrow();
        long last = runs.stream().mapToLong(i -> i.toEpochMilli() / (SYNC_SECONDS * 1000L)).max().orElseThrow();
        long slots = last - first + 1;
        long byA = count("SELECT COUNT(*) FROM platform_job_run WHERE job = 'inventory.sync." + SOURCE + "' AND node = 'node-a'");
        long byB = count("SELECT COUNT(*) FROM platform_job_run WHERE job = 'inventory.sync." + SOURCE + "' AND node = 'node-b'");
        System.out.printf("TWO NODES: scheduled sync every %d s on both nodes: %d runs over %d schedule slots (node a ran %d, node b %d)%n",
                SYNC_SECONDS, runs.size(), slots, byA, byB);
        assertTrue(runs.size() + " runs in " + slots + " slots", runs.size() <= slots);
        // every claimed slot has its report, but for a run claimed between the reports read above and the count
        assertTrue(runs.size() + " reports, " + (byA + byB) + " claimed runs", byA + byB == runs.size() || byA + byB == runs.size() + 1);
    }

    @Test
    public void d_nodeAKilledNodeBServesAndNodeACatchesUp() throws Exception {
        a.kill();
        // node b serves alone: a sale and new products
        wine(b, "W-2N-3", "Survivor white");
        stock(b, "W-2N-3", 5);
        String cart = match("\"id\":\"([^\"]+)\"", b.send("POST", "/api/orders/carts", null, null, null).body());
        b.send("POST", "/api/orders/carts/" + cart + "/lines", null, null, "{\"sku\":\"W-2N-3\",\"quantity\":1}");
        HttpResponse<String> r = checkout(b, "two-nodes-alone", cart);
        assertEquals(r.body(), 201, r.statusCode());
        for (int i = 4; i < 8; i++) {
            wine(b, "W-2N-" + i, "Missed vintage " + i);
        }
        b.awaitGet("/api/catalog/search?q=missed", body -> body.contains("\"sku\":\"W-2N-7\""), Duration.ofSeconds(30));
        long published = count("SELECT MAX(id) FROM platform_outbox");
        long before = count("SELECT passed_id FROM platform_outbox_subscription WHERE name = 'catalog.search' AND node = 'node-a'");
        assertTrue("node a's search index had not passed the events made while it was down", before < published);

        long t0 = System.nanoTime();
        a.start().awaitHealth(Duration.ofSeconds(300), "orders", "catalog", "inventory", "security");
        a.awaitGet("/api/catalog/search?q=missed", body -> body.contains("\"sku\":\"W-2N-7\""), Duration.ofSeconds(60));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long after = before;
        while (after < published && System.nanoTime() < deadline) {
            Thread.sleep(100);
            after = count("SELECT passed_id FROM platform_outbox_subscription WHERE name = 'catalog.search' AND node = 'node-a'");
        }
        System.out.printf("TWO NODES: node a restarted after a SIGKILL, caught up from event %d to %d (events up to %d published while it was down) %d ms after its start%n",
                before, after, published, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        assertTrue(after >= published);
        // node b never stopped serving, and both agree
        assertEquals(200, b.get("/api/catalog/products/W-2N-7").statusCode());
        assertEquals(200, a.get("/api/catalog/products/W-2N-7").statusCode());
    }

    private static void wine(StoreProcess node, String sku, String name) throws Exception {
        HttpResponse<String> r = node.send("PUT", "/api/admin/catalog/types/wine", admin, null, "{\"name\": \"Wine\", \"attributes\": []}");
        assertEquals(r.body(), 200, r.statusCode());
        r = node.send("POST", "/api/admin/catalog/products", admin, null, """
                {"sku": "%s", "slug": "%s", "name": "%s", "type": "wine",
                 "price": {"amount": "12.90", "currency": "EUR"},
                 "shipping": {"weightGrams": 1350, "lengthMm": 80, "widthMm": 80, "heightMm": 320}}"""
                .formatted(sku, sku.toLowerCase(), name));
        assertEquals(r.body(), 201, r.statusCode());
        r = node.send("POST", "/api/admin/catalog/products/" + URLEncoder.encode(sku, StandardCharsets.UTF_8) + "/publish", admin, null, null);
        assertEquals(r.body(), 200, r.statusCode());
    }

    private static void stock(StoreProcess node, String sku, int units) throws Exception {
        HttpResponse<String> r = node.send("POST", "/api/admin/inventory/stock/" + sku + "/adjustments", admin, null,
                "{\"location\":\"warehouse\",\"delta\":" + units + ",\"reason\":\"delivery\"}");
        assertEquals(r.body(), 201, r.statusCode());
    }

    private static HttpResponse<String> checkout(StoreProcess node, String key, String cart) throws IOException, InterruptedException {
        return node.send("POST", "/api/orders/checkout", null, key, """
                {"cartId": "%s", "email": "two@example.org", "paymentMethod": "test-card", "cardNumber": "4242 4242 4242 4242",
                 "shippingAddress": {"name": "Two Nodes", "line1": "1 quai", "postalCode": "33000", "city": "Bordeaux", "country": "FR"}}
                """.formatted(cart));
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static String match(String regex, String body) {
        Matcher m = Pattern.compile(regex).matcher(body);
        if (!m.find()) {
            throw new IllegalStateException(regex + " not in " + body);
        }
        return m.group(1);
    }
}
