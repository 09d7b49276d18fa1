package dev.emporium.bench.runner;

import one.profiler.AsyncProfilerLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where all of the store JVM's CPU went during one phase, with async-profiler (attached to the running store through
 * its ap-loader jar, from Maven Central). JFR's samples ({@link Profile}) see Java threads only; on 2 cores the JIT
 * compiler's and the garbage collector's threads take a large share, and only a whole-process profile shows it. Each
 * sampled stack is put in the first kind below whose pattern it holds.
 */
final class CpuProfile {

    private record Kind(String label, Pattern pattern) {
    }

    private static final List<Kind> KINDS = List.of(
            kind("JIT compiler threads", "CompileBroker"),
            kind("garbage collector threads", "GCTaskThread|G1[A-Z]|ConcurrentGCThread|WorkerThread::run|PSScavenge|PSParallel|GangWorker"),
            kind("import: commit of the batch's transaction", "JdbcConnection\\.commit"),
            kind("import: products insert (JDBC batch)", "CatalogStore\\.insertAll"),
            kind("import: outbox events insert", "OutboxStore\\.append"),
            kind("import: rendering each product's JSON", "CatalogStore\\.(data|json)(;|$)"),
            kind("import: reading stored products and slugs", "CatalogStore\\.(dataBySkus|slugOwners)"),
            kind("import: the catalog's rules on each row", "ProductChecks\\.check"),
            kind("import: rows from CSV cells", "RowAssembler"),
            kind("import: reading the CSV", "CsvRecords"),
            kind("outbox relay (events after a commit)", "OutboxRelay"),
            kind("search: facet counting", "FacetOrdinals"),
            kind("search: reading the hits' stored JSON", "StoredFields|storedFields|ItemVisitor"),
            kind("search: Lucene matching and sorting", "org/apache/lucene"),
            kind("H2 writing pages (background and on write)", "org/h2/mvstore/(FileStore|MVStore)"),
            kind("H2 other", "org/h2/"),
            kind("HTTP (Jetty) and JSON", "org/eclipse/jetty|com/fasterxml/jackson"),
            kind("ssh console", "sshd"));

    private CpuProfile() {
    }

    private static Kind kind(String label, String regex) {
        return new Kind(label, Pattern.compile(regex));
    }

    /** Starts profiling the process; false (and why on the log) where async-profiler cannot run. */
    static boolean start(long pid) {
        try {
            if (!AsyncProfilerLoader.isSupported()) {
                System.out.println("[bench] async-profiler does not support this platform: no whole-JVM profile");
                return false;
            }
            AsyncProfilerLoader.getAsyncProfilerPath(); // extracted before asprof asks the JVM to load it (a first run failed)
            AsyncProfilerLoader.executeProfiler("start", "-e", "cpu", "-i", "5ms", String.valueOf(pid));
            return true;
        } catch (IOException | RuntimeException e) {
            System.out.println("[bench] async-profiler did not start: " + e.getMessage());
            return false;
        }
    }

    /** Stops profiling and writes the stacks, collapsed (one line a stack with its count), to {@code file}. */
    static void stop(long pid, Path file) throws IOException {
        AsyncProfilerLoader.executeProfiler("stop", "-o", "collapsed", "-f", file.toString(), String.valueOf(pid));
    }

    /** The share of each kind of work in a collapsed profile, largest first, with the number of samples. */
    static Map<String, Object> shares(Path collapsed) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        long total = 0;
        for (String line : Files.readAllLines(collapsed)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long n = Long.parseLong(line.substring(space + 1).strip());
            counts.merge(kindOf(line.substring(0, space)), n, Long::sum);
            total += n;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("samples", total);
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, String> shares = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : sorted) {
            shares.put(e.getKey(), String.format(Locale.ROOT, "%.1f%%", 100.0 * e.getValue() / Math.max(1, total)));
        }
        out.put("shares", shares);
        return out;
    }

    static String kindOf(String stack) {
        for (Kind k : KINDS) {
            if (k.pattern().matcher(stack).find()) {
                return k.label();
            }
        }
        return "other";
    }
}
