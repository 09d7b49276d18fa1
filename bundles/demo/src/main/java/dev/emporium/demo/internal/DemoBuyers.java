package dev.emporium.demo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * The demo's buyers, made the way a storefront makes them: through this store's public routes. They sign up, give
 * their consents and social profiles, fill carts and check out with the test card (so orders, buying habits, reach and
 * support cases come from the departments' own rules), a few complain about an order, and a visitor opens a chat.
 * Each step first looks at what exists, so a second run writes nothing new.
 */
final class DemoBuyers {

    /** Every demo buyer signs in with this password (it passes the customers department's rules). */
    static final String PASSWORD = "Demo wine lover 2026!";
    static final String EMAIL_DOMAIN = "@demo.emporium.example";

    private record Buyer(String given, String family, String town, LocalDate birthday, String language, long followers) {
    }

    private static final List<Buyer> BUYERS = List.of(
            new Buyer("Anna", "Lindqvist", "Stockholm", LocalDate.of(1984, 3, 12), "en", 182_000),
            new Buyer("Bruno", "Moreau", "Lyon", LocalDate.of(1979, 7, 2), "fr", 1_200),
            new Buyer("Chloé", "Dubois", "Bordeaux", LocalDate.of(1991, 11, 23), "fr", 48_000),
            new Buyer("Daniel", "Weber", "München", LocalDate.of(1968, 1, 30), "de", 0),
            new Buyer("Elena", "Rossi", "Torino", LocalDate.of(1988, 5, 17), "it", 6_400),
            new Buyer("Farid", "Benali", "Marseille", LocalDate.of(1995, 9, 8), "fr", 310),
            new Buyer("Greta", "Jansen", "Utrecht", LocalDate.of(1973, 12, 1), "en", 0),
            new Buyer("Hugo", "Fernández", "Logroño", LocalDate.of(1982, 6, 14), "es", 22_500),
            new Buyer("Inès", "Lefèvre", "Paris", LocalDate.of(1999, 2, 27), "fr", 540),
            new Buyer("Jonas", "Becker", "Hamburg", LocalDate.of(1965, 10, 19), "de", 90),
            new Buyer("Kenji", "Sato", "Lausanne", LocalDate.of(1987, 4, 4), "en", 3_100),
            new Buyer("Lucía", "García", "Sevilla", LocalDate.of(1993, 8, 29), "es", 0));

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final ObjectMapper json;
    private final BooleanSupplier stopping;

    DemoBuyers(URI base, ObjectMapper json, BooleanSupplier stopping) {
        this.base = base;
        this.json = json;
        this.stopping = stopping;
    }

    /** What the buyers did: how many orders they hold, and their customer ids by email. */
    record Shopped(int orders, Map<String, String> customerIds) {
    }

    /** The buyers, their orders, complaints and a chat. */
    Shopped load(WineCellar cellar) throws IOException, InterruptedException {
        Random random = new Random(2026L);
        List<String> wines = new ArrayList<>();
        cellar.stock().stream().filter(s -> s.units() >= 60 && s.sku().startsWith(WineCellar.SKU_PREFIX + "W")).forEach(s -> wines.add(s.sku()));
        Map<String, Integer> packs = new LinkedHashMap<>();
        cellar.products().forEach(p -> packs.put(p.sku(), p.packPrices().isEmpty() ? 1 : 6));
        int orders = 0;
        boolean anyNew = false;
        Map<String, String> customerIds = new LinkedHashMap<>();
        for (int i = 0; i < BUYERS.size(); i++) {
            if (stopping.getAsBoolean()) {
                throw new IllegalStateException("the demo loader was stopped; `demo:load` finishes the load");
            }
            Buyer b = BUYERS.get(i);
            String email = email(b);
            String token;
            JsonNode signedUp = send("POST", "/api/customers/sign-up", null, null, Map.of("email", email, "password", PASSWORD,
                    "givenName", b.given(), "familyName", b.family(), "placeOfOrigin", b.town(), "birthday", b.birthday().toString(),
                    "language", b.language()), 201, 409);
            if (signedUp.has("token")) {
                anyNew = true;
                token = "Bearer " + signedUp.get("token").asText();
                consent(token, "newsletter", i % 3 != 2, "Our monthly letter about new wines and the stories behind them, by email.");
                consent(token, "promotions", i % 2 == 0, "Offers on wines like the ones you buy, by email, at most twice a month.");
                if (b.followers() > 0) {
                    send("PUT", "/api/customers/me/social-profiles", token, null, Map.of("profiles", List.of(Map.of(
                            "network", i % 2 == 0 ? "instagram" : "mastodon", "handle", "@" + b.given().toLowerCase(Locale.ROOT) + ".wine",
                            "followers", b.followers()))), 200);
                }
            } else {
                token = "Bearer " + send("POST", "/api/customers/sign-in", null, null, Map.of("email", email, "password", PASSWORD), 200)
                        .get("token").asText();
            }
            customerIds.put(email, send("GET", "/api/customers/me", token, null, null, 200).get("id").asText());
            int wanted = 1 + i % 4;
            JsonNode mine = send("GET", "/api/orders/mine", token, null, null, 200);
            int held = mine.isArray() ? mine.size() : mine.path("items").size();
            for (int k = held; k < wanted; k++) {
                String cart = send("POST", "/api/orders/carts", token, null, null, 201).get("id").asText();
                int lines = 1 + random.nextInt(3);
                for (int l = 0; l < lines; l++) {
                    String sku = wines.get(random.nextInt(wines.size()));
                    int pack = l == 0 && random.nextBoolean() ? packs.get(sku) : 1;
                    send("POST", "/api/orders/carts/" + cart + "/lines", token, null, Map.of("sku", sku, "packSize", pack, "quantity", 1), 200);
                }
                send("POST", "/api/orders/checkout", token, "demo-" + email + "-" + k, Map.of("cartId", cart, "email", email,
                        "paymentMethod", "test-card", "cardNumber", "4242 4242 4242 4242",
                        "shippingAddress", Map.of("name", b.given() + " " + b.family(), "line1", (10 + i) + " Wine Street",
                                "postalCode", String.valueOf(10000 + i * 37), "city", b.town(), "country", country(b.language()))), 201);
                orders++;
            }
            if (i % 5 == 1) {
                complain(token, "One bottle arrived with a broken cork; could you replace it?");
            }
        }
        if (anyNew) {
            send("POST", "/api/support/chats", null, null, Map.of("name", "A visitor", "topic", "A wine for a fish dinner",
                    "message", "Hello! Which white would you pour with a grilled sea bass for six?"), 201);
        }
        return new Shopped(orders, customerIds);
    }

    /**
     * Erases the demo buyers the way a buyer erases themself (signed in, {@code DELETE /api/customers/me}), so the
     * customers department's erasure and every department listening to it apply. A buyer who cannot sign in with the
     * demo's password (erased already, or whose password the store changed) is left alone.
     *
     * @return how many buyers were erased
     */
    int erase() throws IOException, InterruptedException {
        int erased = 0;
        for (String email : emails()) {
            JsonNode signedIn = send("POST", "/api/customers/sign-in", null, null, Map.of("email", email, "password", PASSWORD), 200, 401);
            if (signedIn.has("token")) {
                send("DELETE", "/api/customers/me", "Bearer " + signedIn.get("token").asText(), null, null, 200, 204);
                erased++;
            }
        }
        return erased;
    }

    private void consent(String token, String purpose, boolean granted, String explanation) throws IOException, InterruptedException {
        send("POST", "/api/customers/me/consents", token, null, Map.of("purpose", purpose, "channels", List.of("EMAIL"),
                "granted", granted, "explanation", explanation), 201);
    }

    /** Adds a complaint to the buyer's first case, unless one was added already. */
    private void complain(String token, String text) throws IOException, InterruptedException {
        // the case of an order is opened from the order's event, delivered by the outbox: on a busy machine (the demo's
        // own load, a department starting) that can take a while; without a case the demo would lack its complaint
        for (int attempt = 0; attempt < 240; attempt++) {
            JsonNode cases = send("GET", "/api/support/cases", token, null, null, 200, 404, 503);
            JsonNode items = cases.path("items").isArray() ? cases.path("items") : cases;
            if (items.isArray() && items.size() > 0) {
                JsonNode first = items.get(items.size() - 1);
                if (first.path("reopened").asInt(0) == 0 && !first.path("status").asText().equals("CLOSED")) {
                    send("POST", "/api/support/cases/" + first.get("id").asText() + "/entries", token, null,
                            Map.of("kind", "COMPLAINT", "body", text), 200, 201);
                }
                return;
            }
            Thread.sleep(250);
        }
        throw new IOException("support opened no case for the demo buyer's order within 60 s: is the support department running?");
    }

    private static String country(String language) {
        return switch (language) {
            case "de" -> "DE";
            case "it" -> "IT";
            case "es" -> "ES";
            case "fr" -> "FR";
            default -> "NL";
        };
    }

    /**
     * One call; answers the JSON body when the status is one of {@code expected}, waits and tries again on 429 and
     * 503 (a store busy starting or limiting), fails otherwise with what the store said.
     */
    private JsonNode send(String method, String path, String authorization, String idempotencyKey, Object body, int... expected)
            throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (int ok : expected) {
                if (r.statusCode() == ok) {
                    return r.body().isBlank() ? json.createObjectNode() : json.readTree(r.body());
                }
            }
            if ((r.statusCode() == 429 || r.statusCode() == 503) && attempt < 30) {
                Thread.sleep(1000L * Math.min(5, 1 + attempt));
                continue;
            }
            throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** For tests: the demo buyers' emails, in order. */
    static List<String> emails() {
        return BUYERS.stream().map(DemoBuyers::email).toList();
    }

    private static String email(Buyer b) {
        return WineCellar.slug(b.given()) + "." + WineCellar.slug(b.family()) + EMAIL_DOMAIN;
    }
}
