package dev.emporium.itests;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.service.http.runtime.dto.ServletContextDTO;
import org.osgi.service.http.runtime.dto.ServletDTO;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * An integrator's path on a stock Karaf 4.4: add the Emporium features repository, install {@code emporium}, and the
 * store answers through Jetty; then the gateway's promises with a test department that is stopped and started.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformOnStockKarafIT {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    private BundleContext context;

    @Inject
    private FeaturesService features;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private org.apache.karaf.shell.api.console.SessionFactory sessions;

    @Configuration
    public Option[] config() {
        return StockKaraf.options();
    }

    @Before
    public void installStore() throws Exception {
        Store.install(features, "emporium");
        fileInstalled("dev.emporium.platform");
        Bundle echo = echo();
        if (echo.getState() != Bundle.ACTIVE) {
            echo.start();
        }
        Http.awaitOk("/api/echo/ping", 60);
    }

    private Bundle echo() throws Exception {
        String location = new File(System.getProperty("emporium.echo.bundle")).toURI().toString();
        Bundle b = context.getBundle(location);
        return b != null ? b : context.installBundle(location);
    }

    @Test
    public void integratorInstallsEmporiumAndHealthAnswers() throws Exception {
        // File Install reads the datasource configuration back once after the feature wrote it, which rebuilds the
        // DataSource: health may say DOWN for that moment
        Store.awaitHealth("{\"status\":\"UP\"", 60);
        HttpResponse<String> r = Http.get("/api/health");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", mediaType(r));
        String body = r.body();
        assertTrue(body, body.contains("\"status\":\"UP\""));
        assertTrue(body, body.contains("\"database\":{\"state\":\"UP\",\"product\":\"H2"));
        assertTrue(body, body.matches(".*\\{\"name\":\"platform\",\"state\":\"UP\".*\"schemaVersion\":1.*"));
        assertTrue(body, body.matches(".*\\{\"name\":\"echo\",\"state\":\"UP\".*"));
        assertTrue("the feature installs the datasource configuration",
                new File(System.getProperty("karaf.etc"), "org.ops4j.datasource-emporium.cfg").isFile());
    }

    @Test
    public void everyComponentOfEveryDepartmentIsUp() throws Exception {
        Store.awaitHealth("{\"status\":\"UP\"", 60);
        // health speaks for the departments behind the gateway; their other components (relay, watchers, event
        // handlers) may take a moment more: a component broken for good stays in the list
        List<String> broken = Components.broken(context);
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); !broken.isEmpty() && System.nanoTime() < deadline; ) {
            Thread.sleep(200);
            broken = Components.broken(context);
        }
        assertEquals(List.of(), broken);
    }

    @Test
    public void departmentMigrationsRanOnActivation() throws Exception {
        HttpResponse<String> r = Http.get("/api/echo/ping");
        assertEquals(200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"schemaVersion\":1"));
    }

    @Test
    public void unknownPathIsProblem404WithoutWaiting() throws Exception {
        for (String path : new String[] {"/api/nothing/here", "/api/echo/no-such-thing", "/api"}) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = Http.get(path);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(path, 404, r.statusCode());
            assertEquals(PROBLEM_JSON, mediaType(r));
            assertTrue(r.body(), r.body().contains("\"status\":404"));
            assertTrue(path + " was held " + ms + " ms although nothing was away", ms < 5_000);
        }
    }

    @Test
    public void wrongMethodIsProblem405WithAllow() throws Exception {
        HttpResponse<String> r = Http.post("/api/echo/ping", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(405, r.statusCode());
        assertEquals(PROBLEM_JSON, mediaType(r));
        assertEquals("GET", r.headers().firstValue("Allow").orElse(""));
    }

    @Test
    public void malformedJsonIsProblem400NamingTheProblem() throws Exception {
        HttpResponse<String> r = Http.post("/api/echo/things", "application/json", "{\"name\": \"x\",".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode());
        assertEquals(PROBLEM_JSON, mediaType(r));
        assertTrue(r.body(), r.body().contains("malformed JSON"));

        r = Http.post("/api/echo/things", "application/json", "{\"name\":\"x\",\"quantity\":\"many\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"quantity\""));

        r = Http.post("/api/echo/things", "application/json", "{\"name\":\"x\",\"quantity\":1,\"colour\":\"red\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"colour\""));

        r = Http.post("/api/echo/things", "application/json", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode());
        assertTrue(r.body(), r.body().contains("{\"field\":\"quantity\",\"message\":\"is required\"}"));

        r = Http.post("/api/echo/things", "application/json", "{\"name\":\" \",\"quantity\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"name\""));

        r = Http.post("/api/echo/things", "text/plain", "{\"name\":\"x\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, r.statusCode());

        r = Http.post("/api/echo/things", "application/json", "{\"name\":\"x\",\"quantity\":2}".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"quantity\":2"));
    }

    @Test
    public void committedEventsAreDeliveredAndRolledBackOnesNever() throws Exception {
        List<Event> received = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, "emporium/echo/*");
        ServiceRegistration<EventHandler> reg = context.registerService(EventHandler.class, received::add, props);
        try {
            HttpResponse<String> r = Http.post("/api/echo/things", "application/json",
                    "{\"name\":\"rollback\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8));
            assertEquals(r.body(), 409, r.statusCode());
            r = Http.post("/api/echo/things", "application/json", "{\"name\":\"kept\",\"quantity\":3}".getBytes(StandardCharsets.UTF_8));
            assertEquals(r.body(), 201, r.statusCode());

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.stream().noneMatch(e -> "kept".equals(e.getProperty("name"))) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Event kept = received.stream().filter(e -> "kept".equals(e.getProperty("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("the committed event was not delivered within 10 s"));
            assertEquals("emporium/echo/THING_CREATED", kept.getTopic());
            assertEquals(3L, kept.getProperty("quantity"));
            assertTrue(kept.getProperty("emporium.event.id") instanceof Long);
            assertTrue(String.valueOf(kept.getProperty("emporium.event.payload")).contains("\"name\":\"kept\""));
            // The rolled-back event was written before the committed one: had it been stored, it would be out first.
            Thread.sleep(1000);
            assertTrue("a rolled-back event was delivered: " + received,
                    received.stream().noneMatch(e -> "rollback".equals(e.getProperty("name"))));
        } finally {
            reg.unregister();
        }
    }

    @Test
    public void aSubscriptionHandlerThatThrowsGetsTheEventAgainAndTheConsoleShowsItsProgress() throws Exception {
        List<Event> calls = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        Dictionary<String, Object> props = new Hashtable<>();
        // a durable outbox subscription (EventSubscriptions), not an Event Admin listener
        props.put("emporium.subscription", "itest.echo-retry");
        props.put("emporium.subscription.scope", "cluster");
        props.put("emporium.subscription.topics", "emporium/echo/*");
        ServiceRegistration<EventHandler> reg = context.registerService(EventHandler.class, e -> {
            if ("retried".equals(e.getProperty("name"))) {
                calls.add(e);
                if (failed.compareAndSet(false, true)) {
                    throw new IllegalStateException("the first delivery fails");
                }
            }
        }, props);
        try {
            HttpResponse<String> r = Http.post("/api/echo/things", "application/json", "{\"name\":\"retried\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8));
            assertEquals(r.body(), 201, r.statusCode());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (calls.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals("the handler that threw got the event again: " + calls, 2, calls.size());
            assertEquals(calls.get(0).getProperty("emporium.event.id"), calls.get(1).getProperty("emporium.event.id"));
            String out = KarafConsole.execute(sessions, "platform:subscriptions");
            assertTrue(out, out.matches("(?s).*itest\\.echo-retry\\s*\\|\\s*cluster\\s*\\|.*"));
            assertTrue(out, out.contains("platform.event-admin"));
            assertTrue(out, out.contains("This node: "));
        } finally {
            reg.unregister();
        }
    }

    @Test
    public void failedMigrationShowsInHealthAndKeepsDataAndVersion() throws Exception {
        Bundle broken = context.installBundle(new File(System.getProperty("emporium.broken.bundle")).toURI().toString());
        try {
            broken.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            String health = "";
            while (!health.contains("\"name\":\"broken\",\"state\":\"FAILED\"") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                health = Http.get("/api/health").body();
            }
            assertTrue(health, health.matches(".*\\{\"name\":\"broken\",\"state\":\"FAILED\"[^}]*\"schemaVersion\":1,\"error\":\"broken migration V2 [^}]*}.*"));
            assertTrue("one department failing degrades the store, it does not take it down: " + health,
                    health.startsWith("{\"status\":\"DEGRADED\""));

            long t0 = System.nanoTime();
            HttpResponse<String> r = Http.get("/api/broken/ping");
            assertEquals(r.body(), 503, r.statusCode());
            assertTrue("a failed department is not waited for", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 5_000);

            DataSource ds = context.getService(context.getServiceReferences(DataSource.class, "(dataSourceName=emporium)").iterator().next());
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                ResultSet rows = st.executeQuery("SELECT id, name FROM broken_item ORDER BY id");
                assertTrue(rows.next());
                assertEquals("kept", rows.getString(2));
                assertFalse("V002's insert was rolled back", rows.next());
                ResultSet version = st.executeQuery("SELECT MAX(version) FROM platform_schema_version WHERE department = 'broken'");
                assertTrue(version.next());
                assertEquals(1, version.getInt(1));
            }
        } finally {
            broken.uninstall();
        }
    }

    @Test
    public void oversizedBodyIs413() throws Exception {
        byte[] body = new byte[1_048_577];
        java.util.Arrays.fill(body, (byte) ' ');
        // The gateway reads (and drops) a too large body within a bound before it answers, so the client, still
        // writing, reads the 413 rather than a broken pipe: no retry, several times over.
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = Http.post("/api/echo/things", "application/json", body);
            assertEquals(413, r.statusCode());
            assertEquals(PROBLEM_JSON, mediaType(r));
        }
    }

    @Test
    public void adminRouteWithoutCredentialsIs401() throws Exception {
        HttpResponse<String> r = Http.get("/api/admin/echo/secret");
        assertEquals(401, r.statusCode());
        assertFalse(r.body(), r.body().contains("42"));
    }

    @Test
    public void adminRouteNeedsItsRole() throws Exception {
        var reg = TestCallers.register(context);
        try {
            HttpResponse<String> r = Http.send(java.net.http.HttpRequest.newBuilder(Http.uri("/api/admin/echo/secret"))
                    .header("Authorization", TestCallers.admin("echo-admin")).build());
            assertEquals(200, r.statusCode());
            assertTrue(r.body(), r.body().contains("42"));
            for (String who : new String[] {TestCallers.admin("catalog-editor"), TestCallers.customer("c-1")}) {
                r = Http.send(java.net.http.HttpRequest.newBuilder(Http.uri("/api/admin/echo/secret")).header("Authorization", who).build());
                assertEquals(who, 403, r.statusCode());
                assertFalse(r.body(), r.body().contains("42"));
            }
            r = Http.send(java.net.http.HttpRequest.newBuilder(Http.uri("/api/admin/echo/secret")).header("Authorization", "Bearer forged").build());
            assertEquals(401, r.statusCode());
            r = Http.send(java.net.http.HttpRequest.newBuilder(Http.uri("/api/admin/echo/secret")).header("Authorization", "Bearer expired:1").build());
            assertEquals(401, r.statusCode());
            r = Http.send(java.net.http.HttpRequest.newBuilder(Http.uri("/api/echo/ping")).header("Authorization", "Bearer expired:1").build());
            assertEquals("a public route serves a caller with a stale token as a visitor", 200, r.statusCode());
        } finally {
            reg.unregister();
        }
    }

    @Test
    public void aServletRegisteredButServedByNoContextIsRegisteredAgain() throws Exception {
        assertTrue("the gateway is served by Pax Web's runtime", served().contains(servletServiceId("emporium-api")));
        // echo's servlet selects a context that never exists: what Pax Web can leave the gateway as at a restart
        long first = servletServiceId("emporium-itest-unmatched");
        assertFalse(served().contains(first));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (servletServiceId("emporium-itest-unmatched") == first) {
            assertTrue("the platform never registered the unserved servlet again", System.nanoTime() < deadline);
            Thread.sleep(200);
        }
        assertTrue("the gateway was left alone", served().contains(servletServiceId("emporium-api")));
        assertEquals(200, Http.get("/api/health").statusCode());
    }

    private long servletServiceId(String name) throws Exception {
        ServiceReference<?>[] refs = null;
        for (int i = 0; i < 100 && refs == null; i++) {
            refs = context.getServiceReferences("javax.servlet.Servlet", "(osgi.http.whiteboard.servlet.name=" + name + ")");
            if (refs == null) {
                Thread.sleep(50); // between being disabled and enabled again
            }
        }
        assertTrue("no servlet " + name, refs != null && refs.length == 1);
        return (Long) refs[0].getProperty("service.id");
    }

    private Set<Long> served() {
        ServiceReference<HttpServiceRuntime> ref = context.getServiceReference(HttpServiceRuntime.class);
        Set<Long> ids = new java.util.HashSet<>();
        for (ServletContextDTO c : context.getService(ref).getRuntimeDTO().servletContextDTOs) {
            for (ServletDTO s : c.servletDTOs) {
                ids.add(s.serviceId);
            }
        }
        context.ungetService(ref);
        return ids;
    }

    @Test
    public void openApiDescribesEveryRoute() throws Exception {
        HttpResponse<String> r = Http.get("/api/openapi.json");
        assertEquals(200, r.statusCode());
        for (String path : new String[] {"/api/health", "/api/echo/ping", "/api/echo/things/{id}", "/api/admin/echo/secret"}) {
            assertTrue(path + " missing from " + r.body(), r.body().contains("\"" + path + "\""));
        }
    }

    @Test
    public void requestForStoppedDepartmentIsHeldAndServedWhenItReturns() throws Exception {
        Bundle echo = echo();
        echo.stop();
        long t0 = System.nanoTime();
        CompletableFuture<HttpResponse<String>> pending = CompletableFuture.supplyAsync(() -> {
            try {
                return Http.get("/api/echo/things/held");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1500);
        assertFalse("the request must wait while the department is away", pending.isDone());
        echo.start();
        HttpResponse<String> r = pending.get(20, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"id\":\"held\""));
        assertTrue("served after " + ms + " ms", ms >= 1500);
    }

    @Test
    public void swappingADepartmentUnderLoadFailsNoRequest() throws Exception {
        Bundle echo = echo();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.Map<Integer, java.util.concurrent.atomic.AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicLong maxMillis = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(16);
        for (int i = 0; i < 16; i++) {
            int client = i;
            clients.submit(() -> {
                int n = 0;
                while (running.get()) {
                    String path = switch (n++ % 3) {
                        case 0 -> "/api/echo/slow";
                        case 1 -> "/api/echo/things/c" + client;
                        default -> "/api/echo/ping";
                    };
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = Http.get(path);
                        statuses.computeIfAbsent(r.statusCode(), k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                        if (r.statusCode() != 200) {
                            failures.add(path + " -> " + r.statusCode() + " " + r.body());
                        }
                    } catch (Exception e) {
                        failures.add(path + " -> " + e);
                    }
                    maxMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), Math::max);
                }
            });
        }
        try {
            for (int swap = 0; swap < 4; swap++) {
                Thread.sleep(700);
                if (swap % 2 == 0) {
                    echo.update();
                } else {
                    echo.stop();
                    echo.start();
                }
            }
            Thread.sleep(1000);
        } finally {
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        }
        int served = statuses.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum();
        assertTrue("requests served: " + statuses, served > 100);
        assertTrue("failed during the swaps (max latency " + maxMillis + " ms): " + failures.stream().limit(5).toList(),
                failures.isEmpty());
        assertEquals(statuses.toString(), Set.of(200), statuses.keySet());
    }

    @Test
    public void requestHeldPastTheLimitIs503WithRetryAfter() throws Exception {
        setHoldSeconds(2);
        Bundle echo = echo();
        try {
            echo.stop();
            long t0 = System.nanoTime();
            HttpResponse<String> r = Http.get("/api/echo/ping");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(r.body(), 503, r.statusCode());
            assertEquals(PROBLEM_JSON, mediaType(r));
            assertTrue("Retry-After", r.headers().firstValue("Retry-After").isPresent());
            assertTrue("held " + ms + " ms, expected about the configured 2 s", ms >= 1_800 && ms < 8_000);
        } finally {
            setHoldSeconds(10);
            echo.start();
        }
    }

    /** Changes the hold through Config Admin and waits until the gateway answers with it. */
    private void setHoldSeconds(int seconds) throws Exception {
        org.osgi.service.cm.Configuration cfg = fileInstalled("dev.emporium.platform");
        Dictionary<String, Object> props = cfg.getProperties();
        props.put("holdSeconds", String.valueOf(seconds));
        cfg.update(props);
        Components.awaitConfigured(context, "dev.emporium.platform", Map.of("holdSeconds", seconds), 30);
    }

    private org.osgi.service.cm.Configuration fileInstalled(String pid) throws Exception {
        return Store.fileInstalled(context, pid, 30);
    }

    private static String mediaType(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
    }
}
