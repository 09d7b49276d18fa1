package dev.emporium.itests.echo;

import dev.emporium.platform.api.DepartmentRoutes;
import dev.emporium.platform.api.HttpMethod;
import dev.emporium.platform.api.Route;
import dev.emporium.platform.api.RouteResponse;
import dev.emporium.platform.api.SchemaMigrations;
import dev.emporium.platform.api.ValidationException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;
import java.util.Map;

/** The "echo" department of the integration tests: a few routes, one migration, nothing else. */
@Component
public class EchoRoutes implements DepartmentRoutes {

    /** A request body with a name and a quantity. */
    public record Thing(String name, int quantity) {
        public Thing {
            if (name == null || name.isBlank()) {
                throw new ValidationException("name", "is required");
            }
        }
    }

    private final int schemaVersion;

    @Activate
    public EchoRoutes(@Reference SchemaMigrations migrations, BundleContext context) {
        this.schemaVersion = migrations.migrate("echo", context.getBundle());
    }

    @Override
    public String department() {
        return "echo";
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.open(HttpMethod.GET, "/api/echo/ping", "Answers pong", r -> Map.of("pong", true, "schemaVersion", schemaVersion)),
                Route.open(HttpMethod.GET, "/api/echo/things/{id}", "Echoes a path parameter", r -> Map.of("id", r.pathParam("id"))),
                Route.open(HttpMethod.POST, "/api/echo/things", "Echoes a JSON body",
                        r -> RouteResponse.created("/api/echo/things/1", r.body(Thing.class))),
                Route.admin(HttpMethod.GET, "/api/admin/echo/secret", "echo-admin", "Admins only", r -> Map.of("secret", 42)));
    }
}
