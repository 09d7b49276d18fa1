package dev.emporium.bench.load;

import dev.emporium.testing.StoreProcess;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The hot-upgrade run: the built distribution started as its own process, a storefront crowd ({@link LoadDriver}) on
 * it, and an admin who, through the Karaf console over ssh ({@code bin/client}), upgrades each department's
 * implementation to its rebuilt newer version and rolls it back ({@code emporium:upgrade}, {@code emporium:rollback}),
 * then does the same with the catalog version whose migration expands the schema. Afterwards every acknowledged write
 * is looked for through the admin API, and every order's ORDER_PLACED through the case support opened for it.
 * {@code bench/hot-upgrade/run} runs it with longer pauses; itests/suite's DepartmentUpgradeUnderLoadIT asserts on it.
 */
public final class HotUpgrade {

    public static final List<String> DEPARTMENTS = List.of("catalog", "inventory", "customers", "orders", "security", "support");
    private static final String FIRST_PASSWORD = "first-start-only-9Zk";
    private static final String ADMIN_PASSWORD = "cellar door of the night";
    private static final Pattern SWAPPED = Pattern.compile("(?:upgraded|rolled back) (\\S+) (\\S+) -> (\\S+) in (\\d+) ms");

    /**
     * @param nextVersions the folder of itests/next-versions' jars ({@code *-<department>.jar}, {@code *-catalog-expand.jar})
     * @param between      how long the load runs before the first swap, between swaps and after the last
     */
    public record Settings(Path assembly, Path home, Path nextVersions, int clients, Duration between, List<String> departments) {
    }

    /** One swap seen from the storefront: the console command's window and the answers that started in it. */
    public record Swap(String department, String from, String to, long startMillis, long endMillis, long serverMillis,
                       Latencies latencies, int failed) {
    }

    /** Everything the run saw and checked. */
    public record Outcome(int requests, int failed, Map<Integer, Integer> byStatus, Map<String, Integer> byKind,
                          List<Swap> swaps, Latencies outside, Latencies all,
                          int orders, List<String> lostOrders, int openLines, List<String> lostLines,
                          List<String> ordersWithoutCase, int customers, int signedInOrders, List<String> habitsShort,
                          List<LoadDriver.Unexpected> unexpected,
                          List<String> perSecond, int catalogSchemaAfterRollback, double seconds) {
    }

    private final Settings settings;
    private StoreProcess store;
    private String admin;
    private String sshPort;

    public HotUpgrade(Settings settings) {
        this.settings = settings;
    }

    public Outcome run() throws Exception {
        store = StoreProcess.copy(settings.assembly(), settings.home())
                // the run's own wines only, and its crowd comes from one address: no demo, no write limit
                .configure("dev.emporium.demo", Map.of("autoLoad", "false"))
                .configure("dev.emporium.platform", Map.of("storefrontWritesPerMinute", "0"))
                .configure("dev.emporium.security", Map.of("initialAdminPassword", FIRST_PASSWORD));
        sshPort = StoreProcess.read(store.home().resolve("etc/org.apache.karaf.shell.cfg"), "sshPort");
        try {
            store.start("-Xmx1g");
            store.awaitHealth(Duration.ofSeconds(300), DEPARTMENTS.toArray(String[]::new));
            admin = store.adminAuthorization(FIRST_PASSWORD, ADMIN_PASSWORD);
            LoadDriver.Catalog wines = stockWines();
            return underLoad(wines);
        } finally {
            store.close();
        }
    }

    private Outcome underLoad(LoadDriver.Catalog wines) throws Exception {
        LoadDriver driver = new LoadDriver(store.base(), settings.clients(), wines, Set.of()).withBackOffice(admin);
        List<Swap> swaps = new ArrayList<>();
        long began = System.nanoTime();
        driver.start();
        int schemaAfterRollback = -1;
        try {
            sleep(settings.between());
            for (String department : settings.departments()) {
                swaps.add(swap(driver, "emporium:upgrade " + department + " " + jar(department)));
                sleep(settings.between());
                swaps.add(swap(driver, "emporium:rollback " + department));
                sleep(settings.between());
            }
            swaps.add(swap(driver, "emporium:upgrade catalog " + jar("catalog-expand")));
            sleep(settings.between());
            swaps.add(swap(driver, "emporium:rollback catalog"));
            schemaAfterRollback = catalogSchemaVersion();
            sleep(settings.between());
        } finally {
            driver.stop();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        return check(driver, swaps, schemaAfterRollback, seconds);
    }

    private String jar(String classifier) throws IOException {
        try (var files = Files.list(settings.nextVersions())) {
            Path jar = files.filter(p -> p.getFileName().toString().endsWith("-" + classifier + ".jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-" + classifier + ".jar in " + settings.nextVersions()
                            + ": build itests/next-versions"));
            return jar.toAbsolutePath().toUri().toString();
        }
    }

    /** An admin's swap through the console, timed from the storefront's clock. */
    private Swap swap(LoadDriver driver, String command) throws Exception {
        long start = driver.now();
        String out = console(command);
        long end = driver.now();
        Matcher m = SWAPPED.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("`" + command + "` answered: " + out);
        }
        System.out.println(Instant.now() + " " + out.strip());
        return new Swap(m.group(1), m.group(2), m.group(3), start, end, Long.parseLong(m.group(4)), null, 0);
    }

    /** A command as an admin runs it: Karaf's bin/client, over ssh, signed in with the store's admin account. */
    public String console(String command) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(store.home().resolve("bin/client").toString(), "-r", "10", "-d", "2",
                "-h", "127.0.0.1", "-a", sshPort, "-u", "admin", "-p", ADMIN_PASSWORD, command)
                .directory(store.home().toFile()).redirectErrorStream(true);
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("`" + command + "` did not end: " + out);
        }
        return out;
    }

    private LoadDriver.Catalog stockWines() throws Exception {
        expect(200, "PUT", "/api/admin/catalog/types/wine", "{\"name\": \"Wine\", \"attributes\": []}");
        String[] colours = {"red", "white", "rose"};
        String[] regions = {"Bordeaux", "Loire", "Rhone", "Alsace"};
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String sku = "W-HOT-" + i;
            String name = colours[i % 3] + " " + regions[i % 4] + " " + i;
            expect(201, "POST", "/api/admin/catalog/products", """
                    {"sku": "%s", "slug": "w-hot-%d", "name": "%s", "type": "wine",
                     "price": {"amount": "%d.90", "currency": "EUR"},
                     "shipping": {"weightGrams": 1350, "lengthMm": 80, "widthMm": 80, "heightMm": 320}}""".formatted(sku, i, name, 8 + i));
            expect(200, "POST", "/api/admin/catalog/products/" + sku + "/publish", null);
            expect(201, "POST", "/api/admin/inventory/stock/" + sku + "/adjustments",
                    "{\"location\":\"warehouse\",\"delta\":1000000,\"reason\":\"delivery\"}");
            skus.add(sku);
        }
        return new LoadDriver.Catalog(skus, List.of("red", "white", "bordeaux", "loire", "rose", "alsace"));
    }

    private int catalogSchemaVersion() throws Exception {
        String health = store.get("/api/health").body();
        Matcher m = Pattern.compile("\"name\":\"catalog\"[^}]*\"schemaVersion\":(\\d+)").matcher(health);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private Outcome check(LoadDriver driver, List<Swap> swapped, int schemaAfterRollback, double seconds) throws Exception {
        List<Sample> samples = driver.samples();
        List<Swap> swaps = new ArrayList<>();
        for (Swap s : swapped) {
            List<Sample> in = samples.stream().filter(x -> x.startMillis() >= s.startMillis() && x.startMillis() <= s.endMillis()).toList();
            swaps.add(new Swap(s.department(), s.from(), s.to(), s.startMillis(), s.endMillis(), s.serverMillis(),
                    Latencies.of(in), (int) in.stream().filter(driver::failed).count()));
        }
        List<Sample> outside = samples.stream().filter(x -> swapped.stream()
                .noneMatch(s -> x.startMillis() >= s.startMillis() && x.startMillis() <= s.endMillis())).toList();

        Map<String, String> orders = driver.acknowledgedOrders();
        List<String> lostOrders = lookUp(orders.keySet(), number -> {
            HttpResponse<String> r = store.send("GET", "/api/admin/orders/orders/" + number, admin, null, null);
            return r.statusCode() == 200 ? null : number + " (" + r.statusCode() + ")";
        });
        List<LoadDriver.CartLine> open = driver.acknowledgedOpenCartLines();
        List<String> lostLines = lookUp(open, line -> {
            HttpResponse<String> r = store.send("GET", "/api/orders/carts/" + line.cartId(), line.authorization(), null, null);
            boolean there = r.statusCode() == 200 && Pattern.compile("\"sku\"\\s*:\\s*\"" + line.sku() + "\"[^}]*\"quantity\"\\s*:\\s*"
                    + line.quantity() + "\\b").matcher(r.body()).find();
            return there ? null : line + " -> " + r.statusCode() + " " + r.body().substring(0, Math.min(200, r.body().length()));
        });
        // the outbox delivers within a poll or two; a case still missing after a minute was never delivered
        List<String> withoutCase = new ArrayList<>(orders.keySet());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!withoutCase.isEmpty() && System.nanoTime() < deadline) {
            withoutCase = lookUp(withoutCase, number ->
                    store.send("GET", "/api/admin/support/orders/" + number + "/case", admin, null, null).statusCode() == 200 ? null : number);
            if (!withoutCase.isEmpty()) {
                sleep(Duration.ofSeconds(2));
            }
        }
        // and customers learned each signed-in order from the same event (their buying habits count it)
        List<String> habitsShort = new ArrayList<>();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        do {
            habitsShort = lookUp(driver.customers(), c -> {
                HttpResponse<String> r = store.send("GET", "/api/admin/customers/" + c.id() + "/habits", admin, null, null);
                Matcher m = Pattern.compile("\"orderCount\"\\s*:\\s*(\\d+)").matcher(r.body());
                long counted = r.statusCode() == 200 && m.find() ? Long.parseLong(m.group(1)) : -1;
                return counted == c.orders().size() ? null : c.id() + ": " + c.orders().size() + " orders answered 201, habits count " + counted;
            });
            if (!habitsShort.isEmpty()) {
                sleep(Duration.ofSeconds(2));
            }
        } while (!habitsShort.isEmpty() && System.nanoTime() < deadline);
        int signedInOrders = driver.customers().stream().mapToInt(c -> c.orders().size()).sum();
        int failed = (int) samples.stream().filter(driver::failed).count();
        Map<String, Integer> byKind = new TreeMap<>();
        samples.forEach(s -> byKind.merge(s.kind(), 1, Integer::sum));
        return new Outcome(samples.size(), failed, LoadDriver.byStatus(samples), byKind, swaps, Latencies.of(outside), Latencies.of(samples),
                orders.size(), lostOrders, open.size(), lostLines, withoutCase, driver.customers().size(), signedInOrders, habitsShort, driver.unexpected(), perSecond(samples, driver),
                schemaAfterRollback, seconds);
    }

    /** One check per item, on 8 threads; answers what the check reported (null: fine). */
    private interface Check<T> {
        String of(T item) throws Exception;
    }

    private static <T> List<String> lookUp(java.util.Collection<T> items, Check<T> check) throws InterruptedException {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
            for (T item : items) {
                answers.add(pool.submit(() -> check.of(item)));
            }
            List<String> found = new ArrayList<>();
            for (var a : answers) {
                try {
                    String r = a.get();
                    if (r != null) {
                        found.add(r);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    found.add(String.valueOf(e.getCause()));
                }
            }
            return found;
        } finally {
            pool.shutdown();
        }
    }

    /** second,requests,failed,p50_ms,p99_ms,max_ms: the run second by second. */
    private static List<String> perSecond(List<Sample> samples, LoadDriver driver) {
        Map<Long, List<Sample>> bySecond = samples.stream().collect(Collectors.groupingBy(s -> s.startMillis() / 1000, TreeMap::new, Collectors.toList()));
        List<String> rows = new ArrayList<>();
        rows.add("second,requests,failed,p50_ms,p99_ms,max_ms");
        bySecond.forEach((second, in) -> {
            Latencies l = Latencies.of(in);
            rows.add(second + "," + in.size() + "," + in.stream().filter(driver::failed).count() + "," + l.p50() + "," + l.p99() + "," + l.max());
        });
        return rows;
    }

    /** {"requests": N, "failed": N, "swaps": [{"department": ..., "p50_ms": x, "p99_ms": x, "max_ms": x, "seconds": x}, ...]} */
    public static String json(Outcome o) {
        String swaps = o.swaps().stream().map(s -> String.format(Locale.ROOT,
                "{\"department\": \"%s\", \"p50_ms\": %s, \"p99_ms\": %s, \"max_ms\": %s, \"seconds\": %s}",
                s.department(), s.latencies().p50(), s.latencies().p99(), s.latencies().max(), s.serverMillis() / 1000.0))
                .collect(Collectors.joining(",\n    "));
        return "{\"requests\": " + o.requests() + ", \"failed\": " + o.failed() + ", \"swaps\": [\n    " + swaps + "\n]}\n";
    }

    /** The report under bench/: what was served, failed and lost, and the latency in each swap and outside. */
    public static String markdown(Outcome o, Settings s, String command) {
        StringBuilder md = new StringBuilder();
        md.append("# Hot upgrade under storefront load\n\n");
        md.append("Reproduce: `").append(command).append("` (writes this file, `bench/results/hot-upgrade.json` and ")
                .append("`bench/results/hot-upgrade-seconds.csv`). Measured ").append(Instant.now()).append(" on this machine ")
                .append("(2 cores shared with other builds; figures move with the load).\n\n");
        md.append("The built distribution (H2) runs as its own process; ").append(s.clients()).append(" storefront clients visit ")
                .append("without pause (product read, search, cart start, line add and change, checkout with an Idempotency-Key ")
                .append("three visits in four, a chat one in five, every other visit signed in as the client's own customer, and one in ten an admin's look at the order just placed, signed in). An admin, through the Karaf console over ssh (`bin/client`), ")
                .append("runs `emporium:upgrade <department> <jar>` to the rebuilt 0.1.1 of each department, then ")
                .append("`emporium:rollback <department>`, ").append(s.between().toSeconds()).append(" s apart; then the same with ")
                .append("catalog 0.2.0, whose migration V099 expands the schema (a column, a table).\n\n");
        md.append("## Outcome\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| requests answered | ").append(o.requests()).append(" in ").append(String.format(Locale.ROOT, "%.0f", o.seconds())).append(" s |\n");
        md.append("| by status | ").append(o.byStatus()).append(" |\n");
        md.append("| by step | ").append(o.byKind()).append(" |\n");
        md.append("| failed (outside 2xx and expected 4xx) | **").append(o.failed()).append("** |\n");
        md.append("| orders answered 201 / missing afterwards (admin API) | ").append(o.orders()).append(" / **").append(o.lostOrders().size()).append("** |\n");
        md.append("| cart lines acknowledged in open carts / missing | ").append(o.openLines()).append(" / **").append(o.lostLines().size()).append("** |\n");
        md.append("| orders whose ORDER_PLACED never reached support (no case) | **").append(o.ordersWithoutCase().size()).append("** |\n");
        md.append("| signed-in customers / their orders / customers whose buying habits miss one of them | ").append(o.customers())
                .append(" / ").append(o.signedInOrders()).append(" / **").append(o.habitsShort().size()).append("** |\n");
        md.append("| catalog schema version after rolling 0.2.0 back to 0.1.0 | ").append(o.catalogSchemaAfterRollback()).append(" (the older bundle runs on the expanded schema) |\n");
        md.append("| latency outside swaps p50 / p99 / max | ").append(o.outside().p50()).append(" / ").append(o.outside().p99())
                .append(" / ").append(o.outside().max()).append(" ms |\n\n");
        md.append("## Each swap\n\n");
        md.append("Swap time is what `emporium:upgrade`/`rollback` measured in the store (bundle update to the new routes in); ")
                .append("the latency window is the whole console command as the admin's client saw it (ssh login included), ")
                .append("so it holds every request that could meet the swap.\n\n");
        md.append("The baseline is the same run's latency outside every swap window; the ratios are p99 in the window over p99 outside.\n\n");
        md.append("| department | from -> to | swap s | requests in window | failed | p50 ms | p99 ms | max ms | p99 / outside |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Swap w : o.swaps()) {
            md.append("| ").append(w.department()).append(" | ").append(w.from()).append(" -> ").append(w.to()).append(" | ")
                    .append(w.serverMillis() / 1000.0).append(" | ").append(w.latencies().requests()).append(" | ").append(w.failed())
                    .append(" | ").append(w.latencies().p50()).append(" | ").append(w.latencies().p99()).append(" | ")
                    .append(w.latencies().max()).append(" | ")
                    .append(o.outside().p99() > 0 ? String.format(Locale.ROOT, "%.1fx", w.latencies().p99() / o.outside().p99()) : "-").append(" |\n");
        }
        if (!o.unexpected().isEmpty()) {
            md.append("\n## Unexpected answers (first ones)\n\n");
            o.unexpected().stream().limit(20).forEach(u -> md.append("- ").append(u.startMillis()).append(" ms ").append(u.request())
                    .append(" -> ").append(u.status()).append(" ").append(u.body().replace('\n', ' ')).append("\n"));
        }
        if (!o.habitsShort().isEmpty()) {
            md.append("\nCustomers whose habits miss orders: ").append(o.habitsShort().stream().limit(10).toList()).append("\n");
        }
        if (!o.ordersWithoutCase().isEmpty()) {
            md.append("\nOrders without a support case: ").append(o.ordersWithoutCase().stream().limit(20).toList())
                    .append(". Today the outbox delivers an event once to the handlers present at that moment: a handler ")
                    .append("whose bundle is being swapped misses it. Durable per-subscription delivery (branch `cluster`) fixes that.\n");
        }
        return md.toString();
    }

    public static void write(Outcome o, Settings s, Path results, Path report, String command) throws IOException {
        Files.createDirectories(results);
        Files.writeString(results.resolve("hot-upgrade.json"), json(o));
        Files.write(results.resolve("hot-upgrade-seconds.csv"), o.perSecond());
        if (report != null) {
            Files.writeString(report, markdown(o, s, command));
        }
    }

    private HttpResponse<String> expect(int status, String method, String path, String json) throws Exception {
        HttpResponse<String> r = store.send(method, path, admin, null, json);
        if (r.statusCode() != status) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    /**
     * {@code java -cp ... dev.emporium.bench.load.HotUpgrade} with system properties {@code hot.root} (the repository),
     * {@code hot.clients} (16), {@code hot.between} (seconds, 10).
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("hot.root", ".")).toAbsolutePath().normalize();
        Settings s = new Settings(root.resolve("distribution/target/assembly"), root.resolve("bench/load/target/store"),
                root.resolve("itests/next-versions/target"), Integer.getInteger("hot.clients", 16),
                Duration.ofSeconds(Integer.getInteger("hot.between", 10)), DEPARTMENTS);
        Outcome o = new HotUpgrade(s).run();
        write(o, s, root.resolve("bench/results"), root.resolve("bench/HOT-UPGRADE.md"),
                "bench/hot-upgrade/run -Dhot.clients=" + s.clients() + " -Dhot.between=" + s.between().toSeconds());
        System.out.println(json(o));
        System.out.println(o.failed() + " failed, " + o.lostOrders().size() + " orders lost, " + o.lostLines().size()
                + " cart lines lost, " + o.ordersWithoutCase().size() + " orders without their support case, " + o.habitsShort().size()
                + " customers whose habits miss orders");
        System.exit(o.failed() == 0 && o.lostOrders().isEmpty() && o.lostLines().isEmpty() && o.ordersWithoutCase().isEmpty()
                && o.habitsShort().isEmpty() ? 0 : 1);
    }
}
