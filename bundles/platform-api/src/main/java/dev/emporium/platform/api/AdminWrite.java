package dev.emporium.platform.api;

import java.time.Instant;

/**
 * An admin write as the gateway saw it: who, what, when, from where, and the outcome.
 *
 * @param route  the route's path template, such as {@code /api/admin/catalog/products/{sku}}
 * @param path   the path requested
 * @param status the HTTP status answered (a refusal's or failure's included)
 */
public record AdminWrite(Instant at, String actor, String department, HttpMethod method, String route, String path,
                         String remoteAddress, int status) {
}
