package dev.emporium.itests;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** What the orders tests do as an editor, a stock manager and a storefront, over HTTP inside the container. */
final class StoreFront {

    static final String EDITOR = "Bearer admin:catalog-editor";
    static final String STOCK_MANAGER = "Bearer admin:inventory-manager";

    private StoreFront() {
    }

    /** The wine product type and category the orders tests sell in. */
    static void describeWines() throws Exception {
        HttpResponse<String> r = send("PUT", "/api/admin/catalog/types/wine", EDITOR, null, """
                {"name": "Wine", "attributes": [
                  {"code": "colour", "label": "Colour", "type": "ENUMERATION", "required": true, "facetable": true,
                   "values": ["red", "white"]}
                ]}""");
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals(200, send("PUT", "/api/admin/catalog/categories/wine", EDITOR, null, "{\"name\":\"Wine\"}").statusCode());
    }

    /** An editor describes and publishes a wine; the inventory manager puts {@code stock} bottles in the warehouse. */
    static void wine(String sku, String price, int stock) throws Exception {
        HttpResponse<String> r = send("POST", "/api/admin/catalog/products", EDITOR, null, """
                {"sku": "%s", "slug": "%s", "name": "Wine %s", "type": "wine", "attributes": {"colour": "red"},
                 "categories": ["wine"], "price": {"amount": "%s", "currency": "EUR"},
                 "packPrices": [{"size": 6, "price": {"amount": "99.00", "currency": "EUR"}}],
                 "shipping": {"weightGrams": 1350, "lengthMm": 80, "widthMm": 80, "heightMm": 320}}
                """.formatted(sku, sku.toLowerCase(), sku, price));
        assertEquals(r.body(), 201, r.statusCode());
        r = send("POST", "/api/admin/catalog/products/" + sku + "/publish", EDITOR, null, null);
        assertEquals(r.body(), 200, r.statusCode());
        r = send("POST", "/api/admin/inventory/stock/" + sku + "/adjustments", STOCK_MANAGER, null,
                "{\"location\":\"warehouse\",\"delta\":" + stock + ",\"reason\":\"delivery\"}");
        assertEquals(r.body(), 201, r.statusCode());
        assertEquals(stock, available(sku));
    }

    static long available(String sku) throws Exception {
        HttpResponse<String> r = Http.get("/api/inventory/stock/" + sku);
        assertEquals(r.body(), 200, r.statusCode());
        return number(r.body(), "available");
    }

    /** A new cart (a customer's when {@code authorization} is one) holding {@code quantity} bottles of {@code sku}. */
    static String cart(String authorization, String sku, int quantity) throws Exception {
        HttpResponse<String> r = send("POST", "/api/orders/carts", authorization, null, null);
        assertEquals(r.body(), 201, r.statusCode());
        String cart = text(r.body(), "id");
        r = send("POST", "/api/orders/carts/" + cart + "/lines", authorization, null, "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}");
        assertEquals(r.body(), 200, r.statusCode());
        return cart;
    }

    static HttpResponse<String> checkout(String authorization, String key, String cart, String method, String card) throws Exception {
        return send("POST", "/api/orders/checkout", authorization, key, """
                {"cartId": "%s", "email": "Ann@Example.org", "paymentMethod": "%s"%s,
                 "shippingAddress": {"name": "Ann Buyer", "line1": "1 rue du Vin", "postalCode": "33000", "city": "Bordeaux", "country": "FR"}}
                """.formatted(cart, method, card == null ? "" : ", \"cardNumber\": \"" + card + "\""));
    }

    static HttpResponse<String> send(String method, String path, String authorization, String idempotencyKey, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(Http.uri(path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return Http.send(b.build());
    }

    static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertTrue(json, m.find());
        return Long.parseLong(m.group(1));
    }

    static String text(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(json, m.find());
        return m.group(1);
    }
}
