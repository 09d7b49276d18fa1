package dev.emporium.platform.internal.http;

import dev.emporium.platform.internal.SchemaStates.SchemaState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The store's health: each installed department with its state, and the database. */
final class HealthReport {

    /** The database as the platform sees it. */
    record Database(String state, String product, String detail) {
    }

    private HealthReport() {
    }

    /** True when the store can serve: the database answers. */
    static boolean serving(Database db) {
        return "UP".equals(db.state());
    }

    static Map<String, Object> of(List<DepartmentDirectory.DepartmentBundle> bundles, Map<String, Integer> routeCounts,
                                  Map<String, SchemaState> schemas, Database db) {
        List<Map<String, Object>> departments = new ArrayList<>();
        boolean allUp = true;
        for (var b : bundles) {
            SchemaState schema = schemas.get(b.department());
            int routes = routeCounts.getOrDefault(b.department(), 0);
            String state = departmentState(b.state(), routes, schema);
            allUp &= state.equals("UP");
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", b.department());
            d.put("state", state);
            d.put("bundle", b.symbolicName());
            d.put("version", b.version());
            d.put("bundleState", b.state());
            d.put("routes", routes);
            if (schema != null) {
                d.put("schemaVersion", schema.version());
                if (schema.error() != null) {
                    d.put("error", schema.error());
                }
            }
            departments.add(d);
        }
        departments.sort((x, y) -> String.valueOf(x.get("name")).compareTo(String.valueOf(y.get("name"))));
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("state", db.state());
        if (db.product() != null) {
            database.put("product", db.product());
        }
        if (db.detail() != null) {
            database.put("detail", db.detail());
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("status", !serving(db) ? "DOWN" : allUp ? "UP" : "DEGRADED");
        report.put("database", database);
        report.put("departments", departments);
        return report;
    }

    /**
     * UP: active with its routes published; FAILED: its migration failed; WAITING: active but its services are not
     * up yet (a reference missing); STOPPED: installed but not started.
     */
    static String departmentState(String bundleState, int routes, SchemaState schema) {
        if (schema != null && schema.error() != null) {
            return "FAILED";
        }
        if (!bundleState.equals("ACTIVE")) {
            return bundleState.equals("STARTING") ? "STARTING" : "STOPPED";
        }
        return routes > 0 ? "UP" : "WAITING";
    }
}
