package dev.emporium.security.internal.backup;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The store's tables as JDBC metadata shows them: every table named {@code <department>_...} of a department known to
 * the migration records (the platform's own included), in an order where a table follows the tables it references.
 */
final class StoreSchema {

    static final String VERSION_TABLE = "platform_schema_version";
    /** A lease held while a node migrates: meaningless in another store, so never archived. */
    static final String LOCK_TABLE = "platform_schema_lock";

    private static final Pattern TABLE_NAME = Pattern.compile("[a-z][a-z0-9]*_[a-z0-9_]+");

    private StoreSchema() {
    }

    /** Emporium's tables in this database (lower-case names) mapped to their department, in restore order. */
    static Map<String, String> tables(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        Set<String> all = new TreeSet<>();
        try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (TABLE_NAME.matcher(name).matches()) {
                    all.add(name);
                }
            }
        }
        Set<String> departments = new TreeSet<>();
        if (all.contains(VERSION_TABLE)) {
            departments.add("platform");
            departments.addAll(schemaVersions(c).keySet());
        }
        Map<String, String> chosen = new TreeMap<>();
        for (String table : all) {
            String department = table.substring(0, table.indexOf('_'));
            if (departments.contains(department) && !table.equals(LOCK_TABLE)) {
                chosen.put(table, department);
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        Map<String, Set<String>> references = new HashMap<>();
        for (String table : chosen.keySet()) {
            references.put(table, referenced(c, meta, table, chosen.keySet()));
        }
        while (ordered.size() < chosen.size()) {
            boolean progress = false;
            for (String table : chosen.keySet()) {
                if (!ordered.containsKey(table) && ordered.keySet().containsAll(references.get(table))) {
                    ordered.put(table, chosen.get(table));
                    progress = true;
                }
            }
            if (!progress) {
                // a cycle of references: the rest in name order (the restore's transaction checks at commit on PostgreSQL only)
                chosen.forEach(ordered::putIfAbsent);
            }
        }
        return ordered;
    }

    private static Set<String> referenced(Connection c, DatabaseMetaData meta, String table, Set<String> known) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (ResultSet rs = meta.getImportedKeys(c.getCatalog(), c.getSchema(), name(meta, table))) {
            while (rs.next()) {
                String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                if (!parent.equals(table) && known.contains(parent)) {
                    out.add(parent);
                }
            }
        }
        return out;
    }

    /** The columns of a table in their order, with primary key and identity flags. */
    static List<BackupManifest.Column> columns(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        Map<String, Integer> pk = new HashMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(c.getCatalog(), c.getSchema(), name(meta, table))) {
            while (rs.next()) {
                pk.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("KEY_SEQ"));
            }
        }
        List<BackupManifest.Column> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), name(meta, table), "%")) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                int jdbcType = rs.getInt("DATA_TYPE");
                String typeName = rs.getString("TYPE_NAME");
                ColumnKind kind = ColumnKind.of(jdbcType, typeName);
                if (kind == null) {
                    throw new IllegalStateException("column " + column + " of " + table + " has type " + typeName
                            + ", which the backup cannot carry");
                }
                columns.add(new BackupManifest.Column(column, kind, jdbcType, rs.getInt("COLUMN_SIZE"),
                        rs.getInt("DECIMAL_DIGITS"), rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                        pk.getOrDefault(column, 0), "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"))));
            }
        }
        return columns;
    }

    /** The newest applied migration per department. */
    static Map<String, Integer> schemaVersions(Connection c) throws SQLException {
        Map<String, Integer> versions = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT department, MAX(version) FROM " + VERSION_TABLE + " GROUP BY department");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                versions.put(rs.getString(1), rs.getInt(2));
            }
        }
        return versions;
    }

    /** True on PostgreSQL, whose metadata wants lower-case names (H2 wants upper case). */
    static boolean postgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    private static String name(DatabaseMetaData meta, String table) throws SQLException {
        return meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
    }

    /** The ORDER BY of a stable row order: the primary key, else every column. */
    static String orderBy(List<BackupManifest.Column> columns) {
        List<BackupManifest.Column> key = columns.stream().filter(col -> col.primaryKey() > 0)
                .sorted((a, b) -> Integer.compare(a.primaryKey(), b.primaryKey())).toList();
        List<BackupManifest.Column> by = key.isEmpty() ? columns : key;
        return String.join(", ", by.stream().map(BackupManifest.Column::name).toList());
    }
}
