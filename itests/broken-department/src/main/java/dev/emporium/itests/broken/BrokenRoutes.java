package dev.emporium.itests.broken;

import dev.emporium.platform.api.DepartmentRoutes;
import dev.emporium.platform.api.HttpMethod;
import dev.emporium.platform.api.Route;
import dev.emporium.platform.api.SchemaMigrations;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;
import java.util.Map;

/** A department whose migration V002 fails: it never publishes its routes, and health must say why. */
@Component
public class BrokenRoutes implements DepartmentRoutes {

    @Activate
    public BrokenRoutes(@Reference SchemaMigrations migrations, BundleContext context) {
        migrations.migrate("broken", context.getBundle());
    }

    @Override
    public String department() {
        return "broken";
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.open(HttpMethod.GET, "/api/broken/ping", "Never reachable", r -> Map.of("pong", true)));
    }
}
