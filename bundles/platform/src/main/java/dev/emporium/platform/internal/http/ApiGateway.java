package dev.emporium.platform.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.platform.api.Access;
import dev.emporium.platform.api.AdminPolicy;
import dev.emporium.platform.api.AdminWrite;
import dev.emporium.platform.api.RenderedJson;
import dev.emporium.platform.api.Authenticator;
import dev.emporium.platform.api.Caller;
import dev.emporium.platform.api.DepartmentRoutes;
import dev.emporium.platform.api.ForbiddenException;
import dev.emporium.platform.api.HttpMethod;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.Route;
import dev.emporium.platform.api.RouteResponse;
import dev.emporium.platform.api.UnauthorizedException;
import dev.emporium.platform.internal.PlatformConfig;
import dev.emporium.platform.internal.PlatformSettings;
import dev.emporium.platform.internal.SchemaStates;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The single servlet under {@code /api}: routes each request to the department that owns it, holds requests for a
 * department that is being swapped until its routes return, and renders results and problems as JSON.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/*")
// Pax Web names an unnamed servlet "javax.servlet.Servlet" and keeps a second unnamed one waiting, unserved
@HttpWhiteboardServletName("emporium-api")
public class ApiGateway extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiGateway.class);
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final byte[] NO_BODY = new byte[0];
    /** The most of a too large body the gateway reads (and drops) to answer its 413 cleanly. */
    static final long DISCARD_BYTES = 16L * 1024 * 1024;
    /** Request attribute: the CORS headers an allowed storefront origin gets on every answer, problems included. */
    private static final String CORS_HEADERS = ApiGateway.class.getName() + ".cors";

    private final transient RouteTable table = new RouteTable();
    private final transient List<Authenticator> authenticators = new CopyOnWriteArrayList<>();
    private final transient ObjectMapper mapper;
    private final transient DepartmentDirectory directory;
    private final String platformVersion;
    private final transient PlatformSettings settings;
    private final transient WriteRateLimiter writeLimiter = new WriteRateLimiter(System::nanoTime);
    private transient volatile CorsPolicy cors;
    private transient volatile PlatformConfig corsFrom;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(dataSourceName=emporium)")
    private volatile DataSource dataSource;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SchemaStates schemaStates;

    private volatile AdminPolicy adminPolicy;
    /** Each authenticator present and the department that registered it. */
    private final transient Map<Authenticator, String> authenticatorOwners = new java.util.concurrent.ConcurrentHashMap<>();
    /** The departments that ever registered an authenticator here, and the one that registered the admin policy. */
    private final transient java.util.Set<String> authenticatorDepartments = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private transient volatile String policyDepartment;

    @Activate
    public ApiGateway(@Reference ObjectMapper mapper, @Reference PlatformSettings settings, BundleContext context) {
        this.mapper = mapper;
        this.settings = settings;
        this.directory = new DepartmentDirectory(context);
        this.platformVersion = context.getBundle().getVersion().toString();
        table.add(new PlatformRoutes());
    }

    @Deactivate
    void deactivate() {
        LOG.info("API gateway stopped");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRoutes(DepartmentRoutes routes) {
        try {
            table.add(routes);
            LOG.info("Routes of department {} are in ({} routes)", routes.department(), routes.routes().size());
        } catch (RuntimeException e) {
            LOG.error("Refused the routes of department {}: {}", routes.department(), e.getMessage());
        }
    }

    /** Called while the department is stopping: its requests in flight finish before it goes on stopping. */
    void removeRoutes(DepartmentRoutes routes) {
        try {
            int left = table.remove(routes, TimeUnit.SECONDS.toMillis(settings.current().drainSeconds()));
            if (left > 0) {
                LOG.warn("Department {} stops with {} requests still running after {} s", routes.department(), left,
                        settings.current().drainSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Routes of department {} are out", routes.department());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addAuthenticator(Authenticator a, org.osgi.framework.ServiceReference<Authenticator> ref) {
        String department = departmentOf(ref);
        authenticatorDepartments.add(department);
        authenticatorOwners.put(a, department);
        authenticators.add(a);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeAdminPolicy")
    void addAdminPolicy(AdminPolicy policy, org.osgi.framework.ServiceReference<AdminPolicy> ref) {
        policyDepartment = departmentOf(ref);
        adminPolicy = policy;
    }

    void removeAdminPolicy(AdminPolicy policy) {
        if (adminPolicy == policy) {
            adminPolicy = null;
        }
    }

    private static String departmentOf(org.osgi.framework.ServiceReference<?> ref) {
        var bundle = ref.getBundle();
        String department = bundle == null ? null : bundle.getHeaders("").get(DepartmentDirectory.HEADER);
        return department == null ? "" : department.trim();
    }

    void removeAuthenticator(Authenticator a) {
        authenticators.remove(a);
        authenticatorOwners.remove(a);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = requestPath(req);
        try {
            String origin = req.getHeader("Origin");
            if (origin != null && cors().allows(origin, path)) {
                req.setAttribute(CORS_HEADERS, cors().answerHeaders(origin));
            }
            if (req.getMethod().equals("OPTIONS") && origin != null && req.getHeader("Access-Control-Request-Method") != null) {
                preflight(req, resp, origin, path);
                return;
            }
            handle(req, resp, path);
        } catch (ProblemException p) {
            writeProblem(req, resp, p, path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writeProblem(req, resp, unavailable("the server is shutting down"), path);
        } catch (Exception e) {
            String incident = UUID.randomUUID().toString();
            LOG.error("Incident {} on {} {}", incident, req.getMethod(), path, e);
            writeProblem(req, resp, new ProblemException(500, "Internal error",
                    "the server failed to answer; incident " + incident), path);
        }
    }

    /** A browser asks whether a storefront page of {@code origin} may send its request: yes for a listed origin. */
    private void preflight(HttpServletRequest req, HttpServletResponse resp, String origin, String path) {
        if (!cors().allows(origin, path)) {
            throw new ForbiddenException(CorsPolicy.isAdmin(path) ? "admin routes answer no other origin"
                    : "the origin " + origin + " is not one of this store's storefronts (platform setting corsAllowedOrigins)");
        }
        resp.setStatus(204);
        commonHeaders(req, resp);
        cors().preflightHeaders(origin).forEach(resp::setHeader);
    }

    private CorsPolicy cors() {
        PlatformConfig cfg = settings.current();
        CorsPolicy policy = cors;
        if (policy == null || corsFrom != cfg) {
            policy = CorsPolicy.of(cfg.corsAllowedOrigins(), cfg.corsMaxAgeSeconds());
            cors = policy;
            corsFrom = cfg;
        }
        return policy;
    }

    private void handle(HttpServletRequest req, HttpServletResponse resp, String path) throws Exception {
        PlatformConfig cfg = settings.current();
        boolean head = req.getMethod().equals("HEAD");
        List<String> segments = decodedSegments(req);
        HttpMethod method = parseMethod(head ? "GET" : req.getMethod());
        if (req.getContentLengthLong() > cfg.maxBodyBytes()) {
            discard(req.getInputStream(), req.getContentLengthLong());
            throw tooLarge(cfg);
        }
        RouteTable.Found found;
        do {
            found = resolve(method, segments, req.getMethod(), cfg);
            // a route whose department began stopping since the lookup: look again (and hold until it is back)
        } while (!found.entry().source().enter());
        Object result;
        Route route = found.entry().route();
        AdminPolicy policy = null;
        Caller caller = null;
        int status = 500;
        try {
            awaitAuthorities(req, route, cfg);
            policy = route.access() == Access.ADMIN ? adminPolicy : null;
            if (method != HttpMethod.GET && route.access() != Access.ADMIN) {
                long wait = writeLimiter.admit(req.getRemoteAddr(), cfg.storefrontWritesPerMinute());
                if (wait > 0) {
                    throw new ProblemException(429, "Too many requests", "this address sent more than "
                            + cfg.storefrontWritesPerMinute() + " writes in a minute; retry in " + wait + " s",
                            List.of(), Map.of("Retry-After", String.valueOf(wait)));
                }
            }
            caller = identify(req, route);
            admit(req, route, caller, policy);
            byte[] body = readBody(req, cfg);
            var request = new ServletRouteRequest(req, method, path, found.params(), body, caller, mapper);
            result = route.handler().handle(request);
            status = result instanceof RouteResponse r ? r.status() : result == null ? 204 : 200;
        } catch (ProblemException p) {
            status = p.status();
            throw p;
        } finally {
            found.entry().source().leave();
            if (policy != null && method != HttpMethod.GET) {
                recordWrite(policy, req, route, method, path, caller, status);
            }
        }
        RouteResponse response = result instanceof RouteResponse r ? r
                : result == null ? RouteResponse.noContent() : RouteResponse.ok(result);
        write(req, resp, response, head);
    }

    private static void recordWrite(AdminPolicy policy, HttpServletRequest req, Route route, HttpMethod method, String path,
                                    Caller caller, int status) {
        try {
            policy.recordWrite(new AdminWrite(java.time.Instant.now(), caller == null ? null : caller.id(),
                    PathTemplate.departmentOf(List.of(route.path().substring(1).split("/"))), method, route.path(), path,
                    req.getRemoteAddr(), status));
        } catch (RuntimeException e) {
            LOG.error("The admin write {} {} ({}) could not be recorded: {}", method, path, status, e.getMessage());
        }
    }

    private RouteTable.Found resolve(HttpMethod method, List<String> segments, String rawMethod, PlatformConfig cfg)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(cfg.holdSeconds());
        while (true) {
            RouteTable.Match match = method == null ? table.find(HttpMethod.GET, segments) : table.find(method, segments);
            if (match instanceof RouteTable.Found f && method != null) {
                return f;
            }
            if (method == null || match instanceof RouteTable.WrongMethod) {
                var allowed = match instanceof RouteTable.WrongMethod w ? w.allowed()
                        : match instanceof RouteTable.Found f ? java.util.Set.of(f.entry().route().method()) : java.util.Set.<HttpMethod>of();
                if (allowed.isEmpty()) {
                    throw new NotFoundException("no route for " + String.join("/", segments));
                }
                String allow = allowed.stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
                throw new ProblemException(405, "Method not allowed", rawMethod + " is not allowed here; use " + allow,
                        List.of(), Map.of("Allow", allow));
            }
            String department = PathTemplate.departmentOf(segments);
            if (department == null || table.hasDepartment(department) || !isAway(department, cfg)) {
                throw new NotFoundException("no route for /" + String.join("/", segments));
            }
            if (isFailed(department)) {
                throw unavailable("department " + department + " failed to start; an admin must look at its health");
            }
            // The department is installed (or was a moment ago) but its routes are out: it is being swapped.
            if (!table.awaitDepartment(department, deadline)) {
                throw unavailable("department " + department + " is being upgraded; retry shortly");
            }
        }
    }

    private boolean isAway(String department, PlatformConfig cfg) {
        return directory.isInstalled(department)
                || table.departedRecently(department, TimeUnit.SECONDS.toNanos(cfg.departmentMemorySeconds()));
    }

    private boolean isFailed(String department) {
        SchemaStates states = schemaStates;
        if (states == null) {
            return false;
        }
        var s = states.schemaStates().get(department);
        return s != null && s.error() != null;
    }

    /**
     * A request that carries credentials while a department that signs callers in (security for admins, customers for
     * customers) is being swapped, or an admin route while the admin policy's department is: its authenticator or
     * policy is away for a moment. Wait for it as for any department being swapped, rather than answer 401, serve a
     * signed-in customer as a guest, or admit an admin without the policy.
     */
    private void awaitAuthorities(HttpServletRequest req, Route route, PlatformConfig cfg) throws InterruptedException {
        boolean credentials = req.getHeader("Authorization") != null;
        boolean admin = route.access() == Access.ADMIN;
        if (!credentials && !admin) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(cfg.holdSeconds());
        while (credentials && authenticatorAway() || admin && policyAway()) {
            if (System.nanoTime() > deadline) {
                throw unavailable("signing in is being upgraded; retry shortly");
            }
            Thread.sleep(20);
        }
    }

    /** True while a department that registered an authenticator is installed but its authenticator is not there. */
    private boolean authenticatorAway() {
        for (String department : authenticatorDepartments) {
            if (!authenticatorOwners.containsValue(department) && !department.isEmpty() && directory.isInstalled(department)) {
                return true;
            }
        }
        return false;
    }

    private boolean policyAway() {
        String department = policyDepartment;
        return adminPolicy == null && department != null && !department.isEmpty() && directory.isInstalled(department);
    }

    private Caller identify(HttpServletRequest req, Route route) {
        String authorization = req.getHeader("Authorization");
        Caller caller = null;
        if (authorization != null) {
            try {
                for (Authenticator a : authenticators) {
                    Optional<Caller> c = a.authenticate(authorization, req.getRemoteAddr());
                    if (c.isPresent()) {
                        caller = c.get();
                        break;
                    }
                }
            } catch (ProblemException stale) {
                // A public route serves anyone: a storefront still sending an expired token (to sign in again, say)
                // is served as a visitor rather than refused.
                if (route.access() != Access.PUBLIC) {
                    throw stale;
                }
            }
        }
        return caller;
    }

    private static void admit(HttpServletRequest req, Route route, Caller caller, AdminPolicy policy) {
        String authorization = req.getHeader("Authorization");
        if (route.access() == Access.PUBLIC) {
            return;
        }
        if (caller == null) {
            throw new UnauthorizedException(authorization == null ? "sign in to use this route" : "these credentials are not valid");
        }
        if (policy != null) {
            // the security department decides who may call admin routes (roles, allowed addresses)
            policy.admit(route, caller, req.getRemoteAddr());
            return;
        }
        if (!caller.mayCall(route.access(), route.role())) {
            throw new ForbiddenException("this route needs " + (route.access() == Access.ADMIN
                    ? "an admin with role " + (route.role() == null ? "admin" : route.role()) : "a signed-in customer"));
        }
    }

    private static byte[] readBody(HttpServletRequest req, PlatformConfig cfg) throws IOException {
        if (req.getContentLengthLong() == 0
                || (req.getContentLengthLong() < 0 && req.getHeader("Transfer-Encoding") == null)) {
            return NO_BODY; // most requests (every GET) carry none: no buffers to allocate
        }
        int max = cfg.maxBodyBytes();
        try (InputStream in = req.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > max) {
                    discard(in, -1);
                    throw tooLarge(cfg);
                }
            }
            return out.toByteArray();
        }
    }

    private void write(HttpServletRequest req, HttpServletResponse resp, RouteResponse response, boolean head) throws IOException {
        resp.setStatus(response.status());
        commonHeaders(req, resp);
        response.headers().forEach(resp::setHeader);
        if (response.body() == null || response.status() == 204) {
            return;
        }
        byte[] bytes = response.body() instanceof RenderedJson rendered ? rendered.utf8()
                : mapper.writeValueAsBytes(response.body());
        resp.setContentType(JSON);
        resp.setContentLength(bytes.length);
        if (!head) {
            resp.getOutputStream().write(bytes);
        }
    }

    private void writeProblem(HttpServletRequest req, HttpServletResponse resp, ProblemException p, String path) throws IOException {
        if (resp.isCommitted()) {
            LOG.warn("Problem after the response was committed on {}: {}", path, p.getMessage());
            return;
        }
        resp.reset();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", p.title());
        body.put("status", p.status());
        if (p.detail() != null) {
            body.put("detail", p.detail());
        }
        body.put("instance", path);
        if (!p.errors().isEmpty()) {
            body.put("errors", p.errors());
        }
        byte[] bytes = mapper.writeValueAsBytes(body);
        resp.setStatus(p.status());
        commonHeaders(req, resp);
        p.headers().forEach(resp::setHeader);
        resp.setContentType(PROBLEM_JSON);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /** Every answer of the API: never cached, never sniffed, framed or referred, and CORS for a storefront origin. */
    static void commonHeaders(HttpServletRequest req, HttpServletResponse resp) {
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("Vary", "Origin");
        // replaces Jetty's own "Jetty(9.4.x)" where its configuration sends one: no version for a scanner to match
        resp.setHeader("Server", "Emporium");
        if (req.getAttribute(CORS_HEADERS) instanceof Map<?, ?> cors) {
            cors.forEach((k, v) -> resp.setHeader((String) k, (String) v));
        }
        resp.setCharacterEncoding("UTF-8");
    }

    private static ProblemException tooLarge(PlatformConfig cfg) {
        // the connection is closed after the answer: what is left of a body beyond the discard bound is never read
        return new ProblemException(413, "Payload too large", "request bodies are limited to " + cfg.maxBodyBytes() + " bytes",
                List.of(), Map.of("Connection", "close"));
    }

    /**
     * Reads and drops the rest of a body that is too large, up to {@link #DISCARD_BYTES}: a client still sending it
     * then reads the 413 instead of a connection reset in the middle of its write. A larger body is not worth the
     * bandwidth; its sender sees the connection close.
     */
    static long discard(InputStream in, long declaredLength) throws IOException {
        if (declaredLength > DISCARD_BYTES) {
            return 0;
        }
        byte[] buf = new byte[8192];
        long dropped = 0;
        int n;
        while (dropped < DISCARD_BYTES && (n = in.read(buf)) > 0) {
            dropped += n;
        }
        return dropped;
    }

    private ProblemException unavailable(String detail) {
        return new ProblemException(503, "Service unavailable", detail, List.of(),
                Map.of("Retry-After", String.valueOf(Math.max(1, settings.current().holdSeconds() / 2))));
    }

    private static HttpMethod parseMethod(String method) {
        try {
            return HttpMethod.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String requestPath(HttpServletRequest req) {
        String uri = req.getRequestURI();
        String context = req.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    private static List<String> decodedSegments(HttpServletRequest req) {
        List<String> raw = PathTemplate.split(requestPath(req));
        List<String> decoded = new ArrayList<>(raw.size());
        for (String s : raw) {
            decoded.add(ServletRouteRequest.decode(s.replace("+", "%2B")));
        }
        return decoded;
    }

    private HealthReport.Database database() {
        DataSource ds = dataSource;
        if (ds == null) {
            return new HealthReport.Database("DOWN", null, "no DataSource 'emporium' is registered: check etc/org.ops4j.datasource-emporium.cfg");
        }
        try (Connection c = ds.getConnection()) {
            if (!c.isValid(2)) {
                return new HealthReport.Database("DOWN", null, "the database did not answer within 2 s");
            }
            var md = c.getMetaData();
            return new HealthReport.Database("UP", md.getDatabaseProductName() + " " + md.getDatabaseProductVersion(), null);
        } catch (Exception e) {
            return new HealthReport.Database("DOWN", null, e.getMessage());
        }
    }

    /** The platform's own routes. */
    private final class PlatformRoutes implements DepartmentRoutes {

        @Override
        public String department() {
            return "platform";
        }

        @Override
        public List<Route> routes() {
            return List.of(
                    Route.open(HttpMethod.GET, "/api/health", "Health of the store: departments and database", r -> {
                        HealthReport.Database db = database();
                        SchemaStates states = schemaStates;
                        var report = HealthReport.of(directory.installed(), table.routeCounts(),
                                states == null ? Map.of() : states.schemaStates(), db);
                        return new RouteResponse(HealthReport.serving(db) ? 200 : 503, report, Map.of());
                    }),
                    Route.open(HttpMethod.GET, "/api/openapi.json", "This OpenAPI document",
                            r -> OpenApiDocument.of(table.entries(), platformVersion)));
        }
    }
}
