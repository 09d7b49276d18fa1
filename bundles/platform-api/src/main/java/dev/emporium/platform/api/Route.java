package dev.emporium.platform.api;

import java.util.Objects;

/**
 * One HTTP endpoint of a department.
 *
 * @param method   the HTTP method
 * @param path     the full path template under the servlet root, such as {@code /api/catalog/products/{sku}}
 * @param access   who may call it
 * @param role     for admin routes, the role that grants it (null: any admin)
 * @param summary  one line for the OpenAPI document
 * @param handler  the code that answers it
 */
public record Route(HttpMethod method, String path, Access access, String role, String summary, RouteHandler handler) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(handler, "handler");
        if (!path.startsWith("/api/")) {
            throw new IllegalArgumentException("route path must start with /api/: " + path);
        }
        summary = summary == null ? "" : summary;
    }

    /** A route anyone may call. */
    public static Route open(HttpMethod method, String path, String summary, RouteHandler handler) {
        return new Route(method, path, Access.PUBLIC, null, summary, handler);
    }

    /** A route for signed-in customers. */
    public static Route customer(HttpMethod method, String path, String summary, RouteHandler handler) {
        return new Route(method, path, Access.CUSTOMER, null, summary, handler);
    }

    /** A route for admins holding {@code role}. */
    public static Route admin(HttpMethod method, String path, String role, String summary, RouteHandler handler) {
        return new Route(method, path, Access.ADMIN, role, summary, handler);
    }
}
