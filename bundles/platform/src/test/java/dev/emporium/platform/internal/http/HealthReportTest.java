package dev.emporium.platform.internal.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.emporium.platform.internal.SchemaStates.SchemaState;
import dev.emporium.platform.internal.http.DepartmentDirectory.DepartmentBundle;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class HealthReportTest {

    private static final HealthReport.Database DB_UP = new HealthReport.Database("UP", "PostgreSQL 16.2", null);
    private static final HealthReport.Database DB_DOWN = new HealthReport.Database("DOWN", null, "connection refused");

    private static DepartmentBundle bundle(String department, String state) {
        return new DepartmentBundle(department, "dev.emporium." + department, "1.2.0", state);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> departments(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("departments");
    }

    @Test
    public void upWhenTheDatabaseAnswersAndEveryDepartmentIsUp() {
        var report = HealthReport.of(List.of(bundle("catalog", "ACTIVE"), bundle("orders", "ACTIVE")),
                Map.of("catalog", 3, "orders", 1), Map.of(), DB_UP);
        assertEquals("UP", report.get("status"));
        assertEquals(Map.of("state", "UP", "product", "PostgreSQL 16.2"), report.get("database"));
    }

    @Test
    public void upWithNoDepartmentsAtAll() {
        assertEquals("UP", HealthReport.of(List.of(), Map.of(), Map.of(), DB_UP).get("status"));
    }

    @Test
    public void degradedWhenADepartmentIsNotUp() {
        var report = HealthReport.of(List.of(bundle("catalog", "ACTIVE"), bundle("orders", "RESOLVED")),
                Map.of("catalog", 3), Map.of(), DB_UP);
        assertEquals("DEGRADED", report.get("status"));
    }

    @Test
    public void downWhenTheDatabaseIsDownWhateverTheDepartments() {
        var report = HealthReport.of(List.of(bundle("catalog", "ACTIVE")), Map.of("catalog", 3), Map.of(), DB_DOWN);
        assertEquals("DOWN", report.get("status"));
        assertEquals(Map.of("state", "DOWN", "detail", "connection refused"), report.get("database"));
        assertFalse(HealthReport.serving(DB_DOWN));
        assertTrue(HealthReport.serving(DB_UP));
        assertEquals("DOWN", HealthReport.of(List.of(bundle("x", "RESOLVED")), Map.of(), Map.of(), DB_DOWN).get("status"));
    }

    @Test
    public void aFailedMigrationIsFailedEvenWhenActiveWithRoutes() {
        assertEquals("FAILED", HealthReport.departmentState("ACTIVE", 4, new SchemaState(2, "V003 failed: syntax error")));
        assertEquals("FAILED", HealthReport.departmentState("RESOLVED", 0, new SchemaState(0, "boom")));
    }

    @Test
    public void aBundleNotActiveIsStartingOrStopped() {
        assertEquals("STARTING", HealthReport.departmentState("STARTING", 0, null));
        assertEquals("STOPPED", HealthReport.departmentState("RESOLVED", 0, null));
        assertEquals("STOPPED", HealthReport.departmentState("INSTALLED", 0, null));
        assertEquals("STOPPED", HealthReport.departmentState("STOPPING", 3, new SchemaState(2, null)));
    }

    @Test
    public void anActiveBundleWaitsForItsRoutes() {
        assertEquals("WAITING", HealthReport.departmentState("ACTIVE", 0, new SchemaState(2, null)));
        assertEquals("UP", HealthReport.departmentState("ACTIVE", 1, new SchemaState(2, null)));
        assertEquals("UP", HealthReport.departmentState("ACTIVE", 5, null));
    }

    @Test
    public void departmentsAreSortedByNameWithTheirDetails() {
        var report = HealthReport.of(
                List.of(bundle("orders", "ACTIVE"), bundle("catalog", "ACTIVE"), bundle("billing", "ACTIVE")),
                Map.of("orders", 2, "catalog", 3),
                Map.of("catalog", new SchemaState(4, null), "billing", new SchemaState(1, "V002 failed")), DB_UP);
        var departments = departments(report);
        assertEquals(List.of("billing", "catalog", "orders"), departments.stream().map(d -> d.get("name")).toList());

        Map<String, Object> billing = departments.get(0);
        assertEquals("FAILED", billing.get("state"));
        assertEquals(1, billing.get("schemaVersion"));
        assertEquals("V002 failed", billing.get("error"));
        assertEquals(0, billing.get("routes"));

        Map<String, Object> catalog = departments.get(1);
        assertEquals(Map.of("name", "catalog", "state", "UP", "bundle", "dev.emporium.catalog", "version", "1.2.0",
                "bundleState", "ACTIVE", "routes", 3, "schemaVersion", 4), catalog);

        Map<String, Object> orders = departments.get(2);
        assertFalse("no schema, no schemaVersion", orders.containsKey("schemaVersion"));
        assertEquals("UP", orders.get("state"));
        assertEquals("DEGRADED", report.get("status"));
    }
}
