package dev.emporium.storefront.internal;

import org.junit.Test;

import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

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
}
