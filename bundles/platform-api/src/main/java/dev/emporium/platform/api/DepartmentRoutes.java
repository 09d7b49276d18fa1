package dev.emporium.platform.api;

import java.util.List;

/**
 * The HTTP routes of one department, published as one OSGi service so that they appear and disappear together.
 * While a department's routes are absent (its bundle is being upgraded) the gateway holds its requests.
 */
public interface DepartmentRoutes {

    /** The department's name, which is also its path segment: {@code /api/<name>/...} and {@code /api/admin/<name>/...}. */
    String department();

    /** Every route of the department. */
    List<Route> routes();
}
