package dev.emporium.platform.internal.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import dev.emporium.platform.api.HttpMethod;
import dev.emporium.platform.api.Route;
import dev.emporium.platform.api.RouteHandler;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class OpenApiDocumentTest {

    private static final RouteHandler NOTHING = r -> null;

    private static RouteTable.Entry entry(String department, Route route) {
        return new RouteTable.Entry(department, route, PathTemplate.parse(route.path()), new RouteTable.Source());
    }

    private static final List<RouteTable.Entry> ENTRIES = List.of(
            entry("catalog", Route.open(HttpMethod.GET, "/api/catalog/products/{sku}", "One product", NOTHING)),
            entry("catalog", Route.admin(HttpMethod.PUT, "/api/admin/catalog/products/{sku}", "catalog", "Change a product", NOTHING)),
            entry("catalog", Route.admin(HttpMethod.DELETE, "/api/admin/catalog/products/{sku}", null, "Delete a product", NOTHING)),
            entry("orders", Route.customer(HttpMethod.POST, "/api/orders/orders/{orderId}/lines/{lineNo}", "Add a line", NOTHING)));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> operation(Map<String, Object> doc, String path, String method) {
        var paths = (Map<String, Map<String, Object>>) doc.get("paths");
        assertTrue(path + " in " + paths.keySet(), paths.containsKey(path));
        return (Map<String, Object>) paths.get(path).get(method);
    }

    @Test
    public void describesTheDocument() {
        var doc = OpenApiDocument.of(ENTRIES, "1.4.0");
        assertEquals("3.0.3", doc.get("openapi"));
        assertEquals(Map.of("title", "Emporium API", "version", "1.4.0"), doc.get("info"));
        @SuppressWarnings("unchecked")
        var paths = (Map<String, Map<String, Object>>) doc.get("paths");
        assertEquals(List.of("/api/admin/catalog/products/{sku}", "/api/catalog/products/{sku}",
                "/api/orders/orders/{orderId}/lines/{lineNo}"), List.copyOf(paths.keySet()));
        assertEquals(List.of("delete", "put"), List.copyOf(paths.get("/api/admin/catalog/products/{sku}").keySet()));
    }

    @Test
    public void anEmptyTableHasNoPaths() {
        assertEquals(Map.of(), OpenApiDocument.of(List.of(), "0.1.0").get("paths"));
    }

    @Test
    public void describesEachOperation() {
        var doc = OpenApiDocument.of(ENTRIES, "1.4.0");
        var get = operation(doc, "/api/catalog/products/{sku}", "get");
        assertEquals("One product", get.get("summary"));
        assertEquals("getCatalogProductsBySku", get.get("operationId"));
        assertEquals(List.of("catalog"), get.get("tags"));
        assertTrue(((Map<?, ?>) get.get("responses")).containsKey("2XX"));
        assertTrue(((Map<?, ?>) get.get("responses")).containsKey("default"));
    }

    @Test
    public void pathParametersInOrder() {
        var doc = OpenApiDocument.of(ENTRIES, "1.4.0");
        var post = operation(doc, "/api/orders/orders/{orderId}/lines/{lineNo}", "post");
        assertEquals(List.of(
                Map.of("name", "orderId", "in", "path", "required", true, "schema", Map.of("type", "string")),
                Map.of("name", "lineNo", "in", "path", "required", true, "schema", Map.of("type", "string"))),
                post.get("parameters"));
        assertEquals("postOrdersOrdersByOrderIdLinesByLineNo", post.get("operationId"));
    }

    @Test
    public void noParametersWithoutPathParameters() {
        var doc = OpenApiDocument.of(List.of(entry("catalog", Route.open(HttpMethod.GET, "/api/catalog/products", "", NOTHING))), "1");
        assertFalse(operation(doc, "/api/catalog/products", "get").containsKey("parameters"));
        assertEquals("getCatalogProducts", operation(doc, "/api/catalog/products", "get").get("operationId"));
    }

    @Test
    public void securityOnlyForRoutesThatAreNotPublic() {
        var doc = OpenApiDocument.of(ENTRIES, "1.4.0");
        var open = operation(doc, "/api/catalog/products/{sku}", "get");
        assertFalse(open.containsKey("security"));
        assertEquals("public", open.get("x-emporium-access"));

        var customer = operation(doc, "/api/orders/orders/{orderId}/lines/{lineNo}", "post");
        assertEquals(List.of(Map.of("bearer", List.of())), customer.get("security"));
        assertEquals("customer", customer.get("x-emporium-access"));
        assertFalse(customer.containsKey("x-emporium-role"));

        var admin = operation(doc, "/api/admin/catalog/products/{sku}", "put");
        assertEquals(List.of(Map.of("bearer", List.of())), admin.get("security"));
        assertEquals("admin", admin.get("x-emporium-access"));
        assertEquals("catalog", admin.get("x-emporium-role"));
        assertEquals("putAdminCatalogProductsBySku", admin.get("operationId"));

        var anyAdmin = operation(doc, "/api/admin/catalog/products/{sku}", "delete");
        assertEquals("admin", anyAdmin.get("x-emporium-access"));
        assertFalse(anyAdmin.containsKey("x-emporium-role"));
    }

    @Test
    public void declaresTheBearerSchemeAndTheProblemSchema() {
        @SuppressWarnings("unchecked")
        var components = (Map<String, Map<String, Object>>) OpenApiDocument.of(ENTRIES, "1").get("components");
        assertEquals(Map.of("bearer", Map.of("type", "http", "scheme", "bearer")), components.get("securitySchemes"));
        assertTrue(components.get("schemas").containsKey("Problem"));
    }

    @Test
    public void operationIdsStripPunctuation() {
        var doc = OpenApiDocument.of(List.of(entry("platform", Route.open(HttpMethod.GET, "/api/openapi.json", "", NOTHING))), "1");
        assertEquals("getOpenapijson", operation(doc, "/api/openapi.json", "get").get("operationId"));
    }

    @Test
    public void operationIdsAreUnique() {
        var doc = OpenApiDocument.of(List.of(
                entry("x", Route.open(HttpMethod.GET, "/api/x/items/{id}", "", NOTHING)),
                entry("x", Route.open(HttpMethod.GET, "/api/x/items/id", "", NOTHING))), "1");
        assertNotEquals(operation(doc, "/api/x/items/{id}", "get").get("operationId"),
                operation(doc, "/api/x/items/id", "get").get("operationId"));
    }
}
