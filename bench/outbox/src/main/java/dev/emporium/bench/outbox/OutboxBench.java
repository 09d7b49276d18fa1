package dev.emporium.bench.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.platform.internal.storage.Migration;
import dev.emporium.platform.internal.storage.MigrationRunner;
import dev.emporium.platform.internal.storage.OutboxEvent;
import dev.emporium.platform.internal.storage.OutboxStore;
import dev.emporium.platform.internal.storage.Subscription;
import dev.emporium.platform.internal.storage.SubscriptionDelivery;
import org.h2.jdbcx.JdbcConnectionPool;

import javax.sql.DataSource;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Outbox delivery of a bulk import's events: the durable subscriptions' relay (progress committed once per batch of
 * 500) against the previous relay's way (one durable commit per event), both on H2 in file mode with the
 * distribution's URL. The handlers do nothing: what is measured is the delivery's own cost.
 */
public final class OutboxBench {

    private static final String TOPIC = "emporium/catalog/PRODUCT_UPDATED";

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path dir = root.resolve("bench/outbox/target/db");
        deleteTree(dir);
        Files.createDirectories(dir);
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("store")
                + ";LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "sa", "");
        pool.setMaxConnections(32);
        DataSource ds = pool;
        new MigrationRunner(ds, "bench", Duration.ofMinutes(1), Duration.ofMinutes(1)).migrate("platform", migrations());
        OutboxStore store = new OutboxStore(new ObjectMapper());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("events", events);
        results.put("database", "H2 2.2.224, file mode, WRITE_DELAY=0");
        results.put("cores", Runtime.getRuntime().availableProcessors());
        results.put("java", System.getProperty("java.version"));

        SubscriptionDelivery nodeA = new SubscriptionDelivery(ds, store, "bench-a", 500, Duration.ofSeconds(60), Duration.ofSeconds(60), Clock.systemUTC());
        SubscriptionDelivery nodeB = new SubscriptionDelivery(ds, store, "bench-b", 500, Duration.ofSeconds(60), Duration.ofSeconds(60), Clock.systemUTC());
        Subscription search = new Subscription("bench.search", true, List.of("emporium/catalog/*"));
        Subscription eventAdmin = new Subscription("bench.event-admin", true, List.of("*"));
        Subscription habits = new Subscription("bench.habits", false, List.of("emporium/orders/*"));
        Subscription prices = new Subscription("bench.prices", false, List.of("emporium/catalog/*"));
        for (Subscription s : List.of(search, eventAdmin, habits, prices)) {
            nodeA.register(s);
            nodeB.register(s);
        }

        long t0 = System.nanoTime();
        List<Map<String, ?>> payloads = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            payloads.add(Map.of("sku", "W-" + i, "name", "Bench wine " + i));
            if (payloads.size() == 5000 || i == events - 1) {
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(false);
                    store.appendAll(c, TOPIC, payloads);
                    c.commit();
                }
                payloads.clear();
            }
        }
        double append = secs(t0);
        results.put("appendSeconds", round(append));
        log("%d events written in %.2f s (appendAll, 5,000 per transaction)", events, append);

        AtomicLong seen = new AtomicLong();
        t0 = System.nanoTime();
        drain(nodeA, search, e -> seen.incrementAndGet());
        double oneNode = secs(t0);
        results.put("oneNodeSubscriptionSeconds", round(oneNode));
        log("one node-scope subscription passed %d events in %.2f s (%.0f/s)", seen.get(), oneNode, seen.get() / oneNode);

        t0 = System.nanoTime();
        drainMarking(nodeA, eventAdmin, store);
        double marking = secs(t0);
        results.put("eventAdminSubscriptionSeconds", round(marking));
        log("the Event Admin subscription (marking delivered_at per batch) passed them in %.2f s (%.0f/s)", marking, events / marking);

        // two nodes, each with the same four subscriptions, polled alternately as the two relays would
        seen.set(0);
        t0 = System.nanoTime();
        boolean more = true;
        while (more) {
            more = false;
            for (SubscriptionDelivery node : List.of(nodeB, nodeA)) {
                for (Subscription s : List.of(search, eventAdmin, habits, prices)) {
                    more |= node.deliver(s, e -> seen.incrementAndGet()).more();
                }
            }
        }
        double cluster = secs(t0);
        results.put("twoNodesFourSubscriptionsSeconds", round(cluster));
        results.put("twoNodesFourSubscriptionsHandled", seen.get());
        log("two nodes with four subscriptions each (two cluster-scope, two node-scope): %d handler calls in %.2f s", seen.get(), cluster);

        // the previous relay: the pending events in batches of 200, each marked delivered in its own commit
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE platform_outbox SET delivered_at = NULL");
        }
        t0 = System.nanoTime();
        long baselineDelivered = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            while (true) {
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id FROM platform_outbox WHERE delivered_at IS NULL ORDER BY id FETCH FIRST 200 ROWS ONLY");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                if (ids.isEmpty()) {
                    break;
                }
                for (long id : ids) {
                    store.markDelivered(c, id);
                    baselineDelivered++;
                }
            }
        }
        double baseline = secs(t0);
        results.put("baselineOneCommitPerEventSeconds", round(baseline));
        log("baseline, one commit per event: %d events marked delivered in %.2f s (%.0f/s)", baselineDelivered, baseline, baselineDelivered / baseline);
        results.put("ratioBaselineOverEventAdminSubscription", round(baseline / marking));
        results.put("ratioBaselineOverOneSubscription", round(baseline / oneNode));
        results.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        pool.dispose();

        writeJson(root.resolve("bench/results/outbox.json"), results);
        writeReport(root.resolve("bench/outbox/REPORT.md"), results);
        log("ratio: the per-batch relay marks %.1fx as fast as one commit per event", baseline / marking);
    }

    private static void drain(SubscriptionDelivery node, Subscription s, java.util.function.Consumer<OutboxEvent> handler) throws Exception {
        while (node.deliver(s, handler).more()) {
            // a full batch: more waiting
        }
    }

    private static void drainMarking(SubscriptionDelivery node, Subscription s, OutboxStore store) throws Exception {
        while (node.deliver(s, e -> { }, store::markDelivered).more()) {
            // a full batch: more waiting
        }
    }

    private static void writeReport(Path file, Map<String, Object> r) throws Exception {
        String text = """
                # Outbox benchmark

                Reproduce: `bench/outbox/run` (builds the platform bundles first; `SKIP_BUILD=1` skips that; an argument sets
                the number of events). One run, %s, %s cores, Java %s; figures in `bench/results/outbox.json`. The handlers do
                nothing: what is measured is the delivery's own cost. Not a test: nothing asserts a time.

                | What | Time | Rate |
                |---|---|---|
                | %,d events written with `Outbox.publishAll` (5,000 per transaction) | %.2f s | %,.0f/s |
                | One node-scope subscription passes them (batches of 500, progress committed per batch) | %.2f s | %,.0f/s |
                | The Event Admin subscription passes them and marks them delivered (one statement per run of consecutive ids, per batch of 500) | %.2f s | **%,.0f/s** |
                | Then both nodes polled alternately, four subscriptions each: node b's two node-scope ones and the two cluster-scope ones pass every event (node a's were through): %,d handler calls | %.2f s | %,.0f calls/s |
                | Baseline: the previous relay, one durable commit per event (`UPDATE ... SET delivered_at` in autocommit) | %.2f s | %,.0f/s |
                | Ratio baseline / Event Admin subscription | | **%.1f** |

                Load average at the end: %s (2 cores shared with other builds: figures move by a factor of two between runs).
                """.formatted(r.get("database"), r.get("cores"), r.get("java"),
                r.get("events"), r.get("appendSeconds"), rate(r, "appendSeconds"),
                r.get("oneNodeSubscriptionSeconds"), rate(r, "oneNodeSubscriptionSeconds"),
                r.get("eventAdminSubscriptionSeconds"), rate(r, "eventAdminSubscriptionSeconds"),
                r.get("twoNodesFourSubscriptionsHandled"), r.get("twoNodesFourSubscriptionsSeconds"),
                ((Number) r.get("twoNodesFourSubscriptionsHandled")).doubleValue() / ((Number) r.get("twoNodesFourSubscriptionsSeconds")).doubleValue(),
                r.get("baselineOneCommitPerEventSeconds"), rate(r, "baselineOneCommitPerEventSeconds"),
                r.get("ratioBaselineOverEventAdminSubscription"), r.get("loadAverage"));
        Files.writeString(file, text);
    }

    private static double rate(Map<String, Object> r, String seconds) {
        return ((Number) r.get("events")).doubleValue() / ((Number) r.get(seconds)).doubleValue();
    }

    private static void writeJson(Path file, Map<String, Object> r) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(r) + "\n");
    }

    private static List<Migration> migrations() throws Exception {
        Path location = Path.of(OutboxStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Migration> result = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve("db/platform/"))) {
                for (Path f : files.sorted().toList()) {
                    result.add(Migration.fromResource(f.getFileName().toString(), Files.readString(f)));
                }
            }
            return result;
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            for (var e : jar.stream().filter(e -> e.getName().startsWith("db/platform/") && e.getName().endsWith(".sql")).toList()) {
                try (InputStream in = jar.getInputStream(e)) {
                    result.add(Migration.fromResource(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        return result;
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    private static void log(String format, Object... args) {
        System.out.println(OffsetDateTime.now(ZoneOffset.UTC).toLocalTime().withNano(0) + " " + String.format(Locale.ROOT, format, args));
    }
}
