package dev.emporium.platform.internal.http;

import dev.emporium.platform.api.Access;
import dev.emporium.platform.api.Route;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The OpenAPI 3 description of every route registered right now. */
final class OpenApiDocument {

    private OpenApiDocument() {
    }

    static Map<String, Object> of(Collection<RouteTable.Entry> entries, String version) {
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        for (RouteTable.Entry e : entries) {
            Route route = e.route();
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("summary", route.summary());
            op.put("operationId", operationId(route));
            op.put("tags", List.of(e.department()));
            List<Map<String, Object>> params = e.template().paramNames().stream()
                    .map(name -> Map.<String, Object>of("name", name, "in", "path", "required", true,
                            "schema", Map.of("type", "string")))
                    .toList();
            if (!params.isEmpty()) {
                op.put("parameters", params);
            }
            if (route.access() != Access.PUBLIC) {
                op.put("security", List.of(Map.of("bearer", List.of())));
            }
            op.put("x-emporium-access", route.access().name().toLowerCase(Locale.ROOT));
            if (route.role() != null) {
                op.put("x-emporium-role", route.role());
            }
            Map<String, Object> responses = new LinkedHashMap<>();
            responses.put("2XX", Map.of("description", "Success", "content", Map.of("application/json", Map.of())));
            responses.put("default", Map.of("description", "Problem Details (RFC 9457)",
                    "content", Map.of("application/problem+json", Map.of("schema", Map.of("$ref", "#/components/schemas/Problem")))));
            op.put("responses", responses);
            paths.computeIfAbsent(route.path(), p -> new TreeMap<>()).put(route.method().name().toLowerCase(Locale.ROOT), op);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Emporium API", "version", version));
        doc.put("paths", paths);
        doc.put("components", Map.of(
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer")),
                "schemas", Map.of("Problem", problemSchema())));
        return doc;
    }

    private static String operationId(Route route) {
        StringBuilder sb = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
        for (String part : PathTemplate.split(route.path())) {
            if (part.equals("api")) {
                continue;
            }
            // {id} becomes ById, so that /items/{id} and /items/id stay distinct operations
            String clean = part.startsWith("{") ? "By" + capitalize(part.replaceAll("[^A-Za-z0-9]", ""))
                    : part.replaceAll("[^A-Za-z0-9]", "");
            if (!clean.isEmpty()) {
                sb.append(Character.toUpperCase(clean.charAt(0))).append(clean.substring(1));
            }
        }
        return sb.toString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Map<String, Object> problemSchema() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("type", Map.of("type", "string"));
        props.put("title", Map.of("type", "string"));
        props.put("status", Map.of("type", "integer"));
        props.put("detail", Map.of("type", "string"));
        props.put("instance", Map.of("type", "string"));
        props.put("errors", Map.of("type", "array", "items", Map.of("type", "object",
                "properties", Map.of("field", Map.of("type", "string"), "message", Map.of("type", "string")))));
        return Map.of("type", "object", "properties", props);
    }
}
