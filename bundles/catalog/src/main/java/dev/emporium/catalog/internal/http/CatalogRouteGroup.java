package dev.emporium.catalog.internal.http;

import dev.emporium.platform.api.Route;

import java.util.List;

/**
 * Some of the catalog's routes. {@link CatalogRoutes} publishes them all as the catalog's one
 * {@link dev.emporium.platform.api.DepartmentRoutes} service, so that the gateway and health see the catalog's routes
 * arrive and leave together, never a part of them.
 */
public interface CatalogRouteGroup {

    List<Route> routes();
}
