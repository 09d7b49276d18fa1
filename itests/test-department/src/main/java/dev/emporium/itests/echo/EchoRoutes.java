package dev.emporium.itests.echo;

import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.DepartmentRoutes;
import dev.emporium.platform.api.EventTopics;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.HttpMethod;
import dev.emporium.platform.api.Route;
import dev.emporium.platform.api.RouteResponse;
import dev.emporium.platform.api.SchemaMigrations;
import dev.emporium.platform.api.ValidationException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    /** The topic echo publishes when a thing is stored. */
    public static final String THING_CREATED = EventTopics.of("echo", "THING_CREATED");

    private final int schemaVersion;
    /** Set when the component is deactivated: a request still running then would fail, as real resources would. */
    private volatile boolean stopped;
    private final DataSource dataSource;
    private final Outbox outbox;

    @Activate
    public EchoRoutes(@Reference SchemaMigrations migrations, @Reference(target = "(dataSourceName=emporium)") DataSource dataSource,
                      @Reference Outbox outbox, BundleContext context) {
        this.schemaVersion = migrations.migrate("echo", context.getBundle());
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /**
     * Stores a thing and publishes its event in one transaction; a thing named "rollback" is stored and published,
     * then refused, so neither the row nor the event may survive.
     */
    private Map<String, Object> store(Thing thing) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO echo_thing (name) VALUES (?)", new String[] {"id"})) {
                    ps.setString(1, thing.name());
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                outbox.publish(c, THING_CREATED, Map.of("id", id, "name", thing.name(), "quantity", thing.quantity()));
                if (thing.name().equals("rollback")) {
                    c.rollback();
                    throw new ConflictException("asked to roll back");
                }
                c.commit();
                return Map.of("id", id, "name", thing.name(), "quantity", thing.quantity());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Deactivate
    void deactivate() {
        stopped = true;
    }

    /** Answers after {@code millis}, if the department is still running by then. */
    private Map<String, Object> slow(int millis) throws InterruptedException {
        Thread.sleep(millis);
        if (stopped) {
            throw new IllegalStateException("echo was stopped while a request was running");
        }
        return Map.of("slept", millis);
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
                Route.open(HttpMethod.GET, "/api/echo/slow", "Answers after 300 ms", r -> slow(300)),
                Route.open(HttpMethod.POST, "/api/echo/things", "Echoes a JSON body",
                        r -> {
                            Map<String, Object> stored = store(r.body(Thing.class));
                            return RouteResponse.created("/api/echo/things/" + stored.get("id"), stored);
                        }),
                Route.admin(HttpMethod.GET, "/api/admin/echo/secret", "echo-admin", "Admins only", r -> Map.of("secret", 42)));
    }
}
