package dev.emporium.platform.internal.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

public class PathTemplateTest {

    private static List<String> segs(String path) {
        return PathTemplate.split(path);
    }

    @Test
    public void parsesLiteralsAndParameters() {
        PathTemplate t = PathTemplate.parse("/api/catalog/products/{sku}/variants/{variantId}");
        assertEquals(List.of("sku", "variantId"), t.paramNames());
        assertEquals(4, t.literals());
        assertEquals("/api/catalog/products/{sku}/variants/{variantId}", t.toString());
    }

    @Test
    public void refusesPathsThatDoNotStartWithApiAndADepartment() {
        for (String bad : new String[] {"/api", "/", "", "/catalog/products", "/apis/catalog"}) {
            var e = assertThrows(bad, IllegalArgumentException.class, () -> PathTemplate.parse(bad));
            assertEquals("a route path starts with /api/<department>: " + bad, e.getMessage());
        }
    }

    @Test
    public void refusesBadSegments() {
        for (String bad : new String[] {"/api/catalog/pro ducts", "/api/catalog/{sku", "/api/catalog/{1sku}",
                "/api/catalog/{}", "/api/catalog/a{sku}", "/api/catalog/{sku-id}", "/api/catalog/*", "/api/catalog/caf\u00e9"}) {
            var e = assertThrows(bad, IllegalArgumentException.class, () -> PathTemplate.parse(bad));
            assertTrue(e.getMessage(), e.getMessage().startsWith("bad path segment '"));
            assertTrue(e.getMessage(), e.getMessage().endsWith("' in " + bad));
        }
    }

    @Test
    public void refusesAParameterNamedTwice() {
        var e = assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/api/catalog/{id}/lines/{id}"));
        assertEquals("a path parameter is named twice in /api/catalog/{id}/lines/{id}", e.getMessage());
    }

    @Test
    public void refusesTheDepartmentSegmentAsAParameter() {
        var e = assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/api/{dept}/products"));
        assertEquals("the department segment cannot be a parameter: /api/{dept}/products", e.getMessage());
    }

    @Test
    public void refusesTheAdminDepartmentSegmentAsAParameter() {
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/api/admin/{dept}/orders"));
    }

    @Test
    public void matchesLiteralsExactly() {
        PathTemplate t = PathTemplate.parse("/api/catalog/products");
        assertEquals(Map.of(), t.match(segs("/api/catalog/products")));
        assertNull(t.match(segs("/api/catalog/product")));
        assertNull(t.match(segs("/api/catalog/Products")));
        assertNull(t.match(segs("/api/catalog")));
        assertNull(t.match(segs("/api/catalog/products/W-1")));
    }

    @Test
    public void matchesParametersAndReturnsTheirValues() {
        PathTemplate t = PathTemplate.parse("/api/catalog/products/{sku}/variants/{variantId}");
        assertEquals(Map.of("sku", "W-1", "variantId", "blue"), t.match(segs("/api/catalog/products/W-1/variants/blue")));
        assertEquals(Map.of("sku", "a b/c", "variantId", "x"),
                t.match(List.of("api", "catalog", "products", "a b/c", "variants", "x")));
        assertNull(t.match(segs("/api/catalog/products/W-1/variant/blue")));
        assertNull(t.match(segs("/api/catalog/products/W-1/variants")));
    }

    @Test
    public void splitDropsEmptySegmentsFromDoubledLeadingAndTrailingSlashes() {
        assertEquals(List.of("api", "catalog", "products"), PathTemplate.split("//api//catalog///products/"));
        assertEquals(List.of("api", "catalog"), PathTemplate.split("api/catalog"));
        assertEquals(List.of(), PathTemplate.split("/"));
        assertEquals(List.of(), PathTemplate.split(""));
        assertEquals(Map.of("sku", "W-1"), PathTemplate.parse("/api/catalog/products/{sku}")
                .match(PathTemplate.split("/api//catalog/products//W-1/")));
    }

    @Test
    public void departmentOfAnApiPath() {
        assertEquals("catalog", PathTemplate.departmentOf(segs("/api/catalog/products/W-1")));
        assertEquals("catalog", PathTemplate.departmentOf(segs("/api/catalog")));
    }

    @Test
    public void departmentOfAnAdminPath() {
        assertEquals("catalog", PathTemplate.departmentOf(segs("/api/admin/catalog/products")));
        assertEquals("orders", PathTemplate.departmentOf(segs("/api/admin/orders")));
        assertNull(PathTemplate.departmentOf(segs("/api/admin")));
    }

    @Test
    public void noDepartmentOutsideApi() {
        assertNull(PathTemplate.departmentOf(segs("/api")));
        assertNull(PathTemplate.departmentOf(segs("/")));
        assertNull(PathTemplate.departmentOf(segs("/shop/catalog")));
    }
}
