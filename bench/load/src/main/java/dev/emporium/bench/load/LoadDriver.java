package dev.emporium.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A storefront crowd against a running store: each of {@code clients} threads visits again and again (reads a
 * product, searches, starts a cart, adds and changes lines, checks out with an {@code Idempotency-Key} most of the
 * time, and sometimes opens a chat and writes in it). Every answer is counted by status and timed; every write the
 * store acknowledged (an order answered 201, a cart line answered 2xx) is kept for checking afterwards. A checkout the
 * store refused cleanly (409, 429, 503) or that got no answer is sent again with the same key, as a storefront does.
 */
public final class LoadDriver {

    /** What a visit may buy and search for. */
    public record Catalog(List<String> skus, List<String> searches) {
    }

    /** A cart line the store acknowledged, with the quantity it was last set to (authorization: its customer's, or null). */
    public record CartLine(String cartId, String sku, int quantity, String authorization) {
    }

    /** A customer who signed up at the start of the load, and the orders answered 201 to them. */
    public record Customer(String id, String authorization, Set<String> orders) {
    }

    /** An answer outside 2xx and the expected 4xx, kept (the first ones) to say what went wrong. */
    public record Unexpected(long startMillis, String request, int status, String body) {
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern NUMBER = Pattern.compile("\"number\"\\s*:\\s*\"([^\"]+)\"");
    private static final int KEEP_UNEXPECTED = 200;
    private static final int CHECKOUT_ATTEMPTS = 20;

    private final String base;
    private final int clients;
    private final Catalog catalog;
    private final Set<Integer> expected4xx;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<List<Sample>> samples = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> orders = new ConcurrentHashMap<>();
    private final Map<Integer, Customer> customers = new ConcurrentHashMap<>();
    private final Map<String, CartLine> lines = new ConcurrentHashMap<>();
    private final Set<String> checkedOutCarts = ConcurrentHashMap.newKeySet();
    private final List<Unexpected> unexpected = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private volatile long startNanos;
    private volatile String backOffice;

    /**
     * @param base        the store, {@code http://host:port}
     * @param expected4xx 4xx statuses this mix may meet legitimately (none with the default mix)
     */
    public LoadDriver(String base, int clients, Catalog catalog, Set<Integer> expected4xx) {
        this.base = base;
        this.clients = clients;
        this.catalog = catalog;
        this.expected4xx = Set.copyOf(expected4xx);
    }

    /**
     * Adds a back-office read to the mix (one visit in ten looks its last order up through the admin API with this
     * {@code Authorization}), so that swapping the department that signs callers in meets signed-in requests too.
     */
    public LoadDriver withBackOffice(String authorization) {
        this.backOffice = authorization;
        return this;
    }

    /** Starts the clients; the load runs until {@link #stop()}. */
    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("already running");
        }
        startNanos = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            List<Sample> own = new ArrayList<>();
            samples.add(own);
            int client = i;
            Thread t = new Thread(() -> visitAgainAndAgain(client, own), "storefront-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Lets every client finish its current step and waits for them all. */
    public synchronized void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        threads.clear();
    }

    /** Milliseconds since {@link #start()}: the clock of {@link Sample#startMillis()}. */
    public long now() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Every sample so far, in no particular order (call after {@link #stop()}). */
    public List<Sample> samples() {
        List<Sample> all = new ArrayList<>();
        synchronized (samples) {
            samples.forEach(all::addAll);
        }
        return all;
    }

    /** Orders answered 201: number to the idempotency key that placed it. */
    public Map<String, String> acknowledgedOrders() {
        return Map.copyOf(orders);
    }

    /** Cart lines acknowledged in carts that were never checked out. */
    public List<CartLine> acknowledgedOpenCartLines() {
        return lines.values().stream().filter(l -> !checkedOutCarts.contains(l.cartId())).toList();
    }

    /** Cart lines of carts whose checkout was answered 201, by cart. */
    public List<CartLine> acknowledgedOrderedLines() {
        return lines.values().stream().filter(l -> checkedOutCarts.contains(l.cartId())).toList();
    }

    public List<Unexpected> unexpected() {
        synchronized (unexpected) {
            return List.copyOf(unexpected);
        }
    }

    /** Answers by status, sorted (0: no answer). */
    public static Map<Integer, Integer> byStatus(List<Sample> samples) {
        Map<Integer, Integer> counts = new TreeMap<>();
        samples.forEach(s -> counts.merge(s.status(), 1, Integer::sum));
        return counts;
    }

    /** True for an answer that counts as a failure: no answer, 5xx, 3xx, or a 4xx the mix does not expect. */
    public boolean failed(Sample s) {
        return !(s.status() >= 200 && s.status() < 300) && !expected4xx.contains(s.status());
    }

    /** The customers of the clients, one each (signed up as each client started). */
    public List<Customer> customers() {
        return List.copyOf(customers.values());
    }

    private void visitAgainAndAgain(int client, List<Sample> own) {
        signUp(client, own);
        int visit = 0;
        while (running.get()) {
            try {
                visit(client, visit++, own);
            } catch (RuntimeException e) {
                // a visit that lost its cart id (the answer failed and was counted) starts again
            }
        }
    }

    /** Every client is also a customer: half its visits are signed in. */
    private void signUp(int client, List<Sample> own) {
        String email = "load-" + client + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@example.org";
        for (int attempt = 0; attempt < CHECKOUT_ATTEMPTS && running.get(); attempt++) {
            Answer a = send(own, "sign-up", "POST", "/api/customers/sign-up", null, """
                    {"email": "%s", "password": "a long enough load password 7", "givenName": "Lo", "familyName": "Ad %d"}"""
                    .formatted(email, client));
            Matcher token = TOKEN.matcher(a.body() == null ? "" : a.body());
            if (a.status() == 201 && token.find()) {
                customers.put(client, new Customer(match(ID, a), "Bearer " + token.group(1), ConcurrentHashMap.newKeySet()));
                return;
            }
            pause(250);
        }
    }

    private void visit(int client, int visit, List<Sample> own) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Customer customer = visit % 2 == 1 ? customers.get(client) : null;
        String who = customer == null ? null : customer.authorization();
        String sku = catalog.skus().get(random.nextInt(catalog.skus().size()));
        send(own, "product", "GET", "/api/catalog/products/" + sku, null, null);
        String q = catalog.searches().get(random.nextInt(catalog.searches().size()));
        send(own, "search", "GET", "/api/catalog/search?q=" + q, null, null);
        if (!running.get()) {
            return;
        }
        Answer cart = send(own, "cart", "POST", "/api/orders/carts", null, null, who);
        String cartId = match(ID, cart);
        Answer line = send(own, "cart", "POST", "/api/orders/carts/" + cartId + "/lines", null,
                "{\"sku\":\"" + sku + "\",\"quantity\":1}", who);
        if (line.ok()) {
            lines.put(cartId + "/" + sku, new CartLine(cartId, sku, 1, who));
        }
        if (random.nextInt(3) == 0) {
            Answer set = send(own, "cart", "PUT", "/api/orders/carts/" + cartId + "/lines/" + sku, null, "{\"quantity\":2}", who);
            if (set.ok()) {
                lines.put(cartId + "/" + sku, new CartLine(cartId, sku, 2, who));
            }
        }
        send(own, "cart", "GET", "/api/orders/carts/" + cartId, null, null, who);
        if (visit % 5 == 4) {
            Answer chat = send(own, "chat", "POST", "/api/support/chats", null,
                    "{\"name\":\"Visitor " + client + "\",\"topic\":\"delivery\",\"cartId\":\"" + cartId + "\",\"message\":\"When would it arrive?\"}");
            String chatId = match(ID, chat);
            send(own, "chat", "POST", "/api/support/chats/" + chatId + "/messages", null, "{\"body\":\"Is " + sku + " in stock?\"}");
        }
        String number = null;
        if (visit % 4 != 3 && running.get()) {
            number = checkout(own, cartId, "load-" + client + "-" + visit + "-" + Long.toHexString(random.nextLong()), who);
            if (number != null && customer != null) {
                customer.orders().add(number);
            }
        }
        String admin = backOffice;
        if (admin != null && number != null && visit % 10 == 9) {
            send(own, "admin", "GET", "/api/admin/orders/orders/" + number, null, null, admin);
        }
    }

    /** Sends the checkout until it is answered 201 or refused for good, always with the same key; the order number or null. */
    private String checkout(List<Sample> own, String cartId, String key, String who) {
        String body = """
                {"cartId": "%s", "email": "load@example.org", "paymentMethod": "test-card", "cardNumber": "4242 4242 4242 4242",
                 "shippingAddress": {"name": "Lo Ad", "line1": "1 quai", "postalCode": "33000", "city": "Bordeaux", "country": "FR"}}
                """.formatted(cartId);
        for (int attempt = 0; attempt < CHECKOUT_ATTEMPTS; attempt++) {
            Answer a = send(own, "checkout", "POST", "/api/orders/checkout", key, body, who);
            if (a.status() == 201 || a.status() == 200) {
                String number = match(NUMBER, a);
                orders.put(number, key);
                checkedOutCarts.add(cartId);
                return number;
            }
            if (a.status() != 0 && a.status() != 409 && a.status() != 429 && a.status() != 503) {
                return null;
            }
            pause(250);
        }
        return null;
    }

    private record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private Answer send(List<Sample> own, String kind, String method, String path, String key, String json) {
        return send(own, kind, method, path, key, json, null);
    }

    private Answer send(List<Sample> own, String kind, String method, String path, String key, String json, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        long started = System.nanoTime();
        long at = (started - startNanos) / 1_000_000;
        Answer answer;
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            answer = new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            answer = new Answer(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = new Answer(0, e.toString());
        }
        Sample s = new Sample(at, (System.nanoTime() - started) / 1_000, answer.status(), kind);
        own.add(s);
        if (failed(s) && unexpected.size() < KEEP_UNEXPECTED) {
            String body = answer.body() == null ? "" : answer.body();
            unexpected.add(new Unexpected(at, method + " " + path, answer.status(), body.substring(0, Math.min(300, body.length()))));
        }
        return answer;
    }

    private static String match(Pattern p, Answer a) {
        Matcher m = p.matcher(a.body() == null ? "" : a.body());
        if (!a.ok() || !m.find()) {
            throw new IllegalStateException("no " + p + " in " + a.status());
        }
        return m.group(1);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
