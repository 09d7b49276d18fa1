package dev.emporium.itests;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"(at_[A-Za-z0-9_-]{43})\"");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path home;
    private static int http;
    private static Process karaf;

    @BeforeClass
    public static void unpackTheStore() throws Exception {
        Path assembly = Path.of(System.getProperty("emporium.assembly", "../../distribution/target/assembly"));
        assertTrue("build the distribution first (mvn install -pl distribution): " + assembly.toAbsolutePath(),
                Files.isDirectory(assembly.resolve("bin")));
        home = Path.of("target", "sigkill", "karaf").toAbsolutePath();
        delete(home);
        copy(assembly, home);
        // a fresh store: none of the data of a store once started from the assembly itself
        delete(home.resolve("data"));
        http = StockKaraf.freePort();
        set("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(http));
        set("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(StockKaraf.freePort()));
        set("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(StockKaraf.freePort()));
        set("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(StockKaraf.freePort()));
        // this test's own wines only, and its buyers all come from one address: no demo, no write limit
        set("etc/dev.emporium.demo.cfg", "autoLoad", "false");
        set("etc/dev.emporium.platform.cfg", "storefrontWritesPerMinute", "0");
        Files.writeString(home.resolve("etc/dev.emporium.security.cfg"), "\ninitialAdminPassword = " + FIRST_PASSWORD + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @AfterClass
    public static void stopTheStore() throws Exception {
        if (karaf != null) {
            kill();
        }
    }

    @Test
    public void everyOrderAnswered201SurvivesASigkillWithItsReservation() throws Exception {
        start();
        String admin = firstAdmin();
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
        kill();
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
        karaf = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("console.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                String health = send("GET", "/api/health", null, null, null).body();
                last = health;
                if (health.contains("\"status\":\"UP\"") && Stream.of("orders", "catalog", "inventory", "security")
                        .allMatch(d -> health.contains("\"name\":\"" + d + "\",\"state\":\"UP\""))) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            assertTrue("the store process ended: see " + home.resolve("console.log"), karaf.isAlive());
            Thread.sleep(250);
        }
        throw new AssertionError("the store never came up: " + last);
    }

    /** SIGKILL to the store's JVM (bin/karaf's java child), then to the script. */
    private static void kill() throws InterruptedException {
        List<ProcessHandle> jvms = karaf.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false)).toList();
        jvms.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : jvms) {
            p.onExit().join();
        }
        karaf.destroyForcibly();
        karaf.waitFor();
        karaf = null;
    }

    private static String firstAdmin() throws Exception {
        HttpResponse<String> r = send("POST", "/api/admin/security/password", null, null,
                "{\"username\":\"admin\",\"currentPassword\":\"" + FIRST_PASSWORD + "\",\"newPassword\":\"" + ADMIN_PASSWORD + "\"}");
        assertEquals(r.body(), 200, r.statusCode());
        r = send("POST", "/api/admin/security/sessions", null, null, "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
        assertEquals(r.body(), 201, r.statusCode());
        Matcher m = TOKEN.matcher(r.body());
        assertTrue(r.body(), m.find());
        return "Bearer " + m.group(1);
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
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + http + path)).timeout(Duration.ofSeconds(60));
        Optional.ofNullable(authorization).ifPresent(a -> b.header("Authorization", a));
        Optional.ofNullable(key).ifPresent(k -> b.header("Idempotency-Key", k));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String match(String regex, String body) {
        Matcher m = Pattern.compile(regex).matcher(body);
        if (!m.find()) {
            throw new IllegalStateException(regex + " not in " + body);
        }
        return m.group(1);
    }

    private static void set(String file, String key, String value) throws IOException {
        Path p = home.resolve(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(p, StandardCharsets.UTF_8));
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*" + Pattern.quote(key) + "\\s*=.*")) {
                lines.set(i, key + " = " + value);
                found = true;
            }
        }
        if (!found) {
            lines.add(key + " = " + value);
        }
        Files.write(p, lines, StandardCharsets.UTF_8);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
