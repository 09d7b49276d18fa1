package dev.emporium.storefront.internal;

import org.junit.Test;

import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

public class StorefrontPageTest {

    @Test
    public void thePageAndItsFilesAreServedAndNothingElse() {
        assertEquals(Optional.of("index.html"), StorefrontPage.file("/"));
        assertEquals(Optional.of("app.js"), StorefrontPage.file("/app.js"));
        assertEquals(Optional.of("img/red.svg"), StorefrontPage.file("/img/red.svg"));
        for (String refused : new String[] {"/../META-INF/MANIFEST.MF", "/dev/emporium/storefront/internal/StorefrontPage.class",
                "/img/../app.js", "//etc/passwd", "/app.js.map", "/.hidden.js", "/App.JS"}) {
            assertEquals(refused, Optional.empty(), StorefrontPage.file(refused));
        }
    }

    @Test
    public void everyFileThePageNamesIsInTheBundle() {
        for (String f : new String[] {"index.html", "app.js", "style.css", "img/red.svg", "img/white.svg", "img/rose.svg",
                "img/sparkling.svg", "img/sweet.svg", "img/glass.svg", "img/gift.svg"}) {
            assertNotNull(f, StorefrontPage.class.getResourceAsStream("/web/" + f));
        }
    }

    @Test
    public void thePageIsNeitherSniffedNorFramedNorReferred() {
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        javax.servlet.http.HttpServletResponse response = (javax.servlet.http.HttpServletResponse) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.servlet.http.HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setHeader")) {
                        headers.put((String) args[0], (String) args[1]);
                    }
                    return null;
                });
        StorefrontPage.securityHeaders(response);
        assertEquals("nosniff", headers.get("X-Content-Type-Options"));
        assertEquals("DENY", headers.get("X-Frame-Options"));
        assertEquals("same-origin", headers.get("Referrer-Policy"));
        assertTrue(headers.get("Content-Security-Policy").contains("frame-ancestors 'none'"));
    }
}
