package dev.emporium.platform.internal.http;

import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class CorsPolicyTest {

    private final CorsPolicy policy = CorsPolicy.of(" https://shop.example, https://M.Shop.Example:8443/ ", 600);

    @Test
    public void listedOriginsMayCallStorefrontRoutes() {
        assertTrue(policy.allows("https://shop.example", "/api/catalog/products"));
        assertTrue("case and a trailing slash do not matter", policy.allows("https://m.shop.example:8443", "/api/orders/carts"));
    }

    @Test
    public void otherOriginsMayNot() {
        assertFalse(policy.allows("https://evil.example", "/api/catalog/products"));
        assertFalse("another scheme is another origin", policy.allows("http://shop.example", "/api/catalog/products"));
        assertFalse("another port is another origin", policy.allows("https://shop.example:444", "/api/catalog/products"));
        assertFalse(policy.allows(null, "/api/catalog/products"));
        assertFalse(policy.allows("null", "/api/catalog/products"));
    }

    @Test
    public void adminRoutesAnswerNoOtherOrigin() {
        assertFalse(policy.allows("https://shop.example", "/api/admin/catalog/products"));
        assertFalse(policy.allows("https://shop.example", "/api/admin"));
        assertTrue(policy.allows("https://shop.example", "/api/administrators-are-not-admin-routes"));
    }

    @Test
    public void noOriginIsAllowedByDefault() {
        assertFalse(CorsPolicy.of("", 600).allows("https://shop.example", "/api/catalog/products"));
        assertFalse(CorsPolicy.of(null, 600).allows("https://shop.example", "/api/catalog/products"));
    }

    @Test
    public void preflightNamesMethodsHeadersAndMaxAge() {
        var h = policy.preflightHeaders("https://shop.example");
        assertEquals("https://shop.example", h.get("Access-Control-Allow-Origin"));
        assertTrue(h.get("Access-Control-Allow-Methods").contains("POST"));
        assertTrue(h.get("Access-Control-Allow-Headers").contains("Authorization"));
        assertTrue(h.get("Access-Control-Allow-Headers").contains("Idempotency-Key"));
        assertEquals("600", h.get("Access-Control-Max-Age"));
    }
}
