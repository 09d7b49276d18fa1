package dev.emporium.security.internal.backup;

import dev.emporium.platform.api.ConflictException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Restores a checked archive into a database, all or nothing: the rows of every table are replaced in one
 * transaction, read back and compared with the archive's row counts and checksums before the commit; identity
 * columns then continue after the highest restored value.
 * <p>
 * The target either has the archive's tables already (a fresh store whose departments ran their migrations, at the
 * archive's schema versions), or none of them (a scratch or empty database: the tables are created from the
 * archive's description, with their primary keys but without secondary indexes or foreign keys).
 */
public final class StoreRestore {

    private static final int BATCH = 500;

    /** One table compared after the restore. */
    public record TableCheck(String table, long archivedRows, long restoredRows, String archivedSha256,
                             String restoredSha256, boolean identical) {
        static TableCheck of(String table, long archivedRows, long restoredRows, String archivedSha256, String restoredSha256) {
            return new TableCheck(table, archivedRows, restoredRows, archivedSha256, restoredSha256,
                    archivedRows == restoredRows && archivedSha256.equals(restoredSha256));
        }
    }

    /** What a restore did and found; {@code identical} when every table matches the archive. */
    public record Outcome(String archive, String contentSha256, boolean tablesCreated, long rows, boolean identical,
                          List<TableCheck> tables) {
    }

    private StoreRestore() {
    }

    /**
     * @param force replace the rows of a target that already holds data
     * @throws ConflictException when the target holds data and {@code force} is false, or its schema differs
     */
    public static Outcome restore(BackupArchive archive, DataSource target, boolean force) {
        BackupManifest manifest = archive.manifest();
        List<String> created = new ArrayList<>();
        try (Connection c = target.getConnection()) {
            boolean postgres = StoreSchema.postgres(c);
            Set<String> present = presentTables(c, manifest);
            if (present.isEmpty()) {
                try (Statement s = c.createStatement()) {
                    for (BackupManifest.Table t : manifest.tables()) {
                        s.execute(createTable(t, postgres));
                        created.add(t.name());
                    }
                }
            } else {
                checkSchema(c, manifest, present, force);
            }
            boolean tablesCreated = !created.isEmpty();
            c.setAutoCommit(false);
            List<TableCheck> checks;
            try {
                checks = replaceRows(c, archive);
                if (!checks.stream().allMatch(TableCheck::identical)) {
                    throw new IllegalStateException("the restored tables differ from the archive: " + checks.stream()
                            .filter(k -> !k.identical()).map(TableCheck::table).collect(Collectors.joining(", ")));
                }
                c.commit();
                created.clear();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            continueIdentities(c, manifest);
            return new Outcome(archive.path().getFileName().toString(), manifest.contentSha256(), tablesCreated,
                    manifest.totalRows(), true, checks);
        } catch (SQLException e) {
            dropCreated(target, created);
            throw new IllegalStateException("the restore failed and was rolled back: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            dropCreated(target, created);
            throw e;
        }
    }

    private static Set<String> presentTables(Connection c, BackupManifest manifest) throws SQLException {
        Set<String> wanted = manifest.tables().stream().map(BackupManifest.Table::name).collect(Collectors.toSet());
        Set<String> present = new TreeSet<>();
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (wanted.contains(name)) {
                    present.add(name);
                }
            }
        }
        return present;
    }

    private static void checkSchema(Connection c, BackupManifest manifest, Set<String> present, boolean force) throws SQLException {
        List<String> missing = manifest.tables().stream().map(BackupManifest.Table::name).filter(n -> !present.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new ConflictException("the target lacks tables of the archive (" + String.join(", ", missing)
                    + "): install the same departments first, or restore into an empty database");
        }
        Map<String, Integer> versions = present.contains(StoreSchema.VERSION_TABLE) ? StoreSchema.schemaVersions(c) : Map.of();
        for (Map.Entry<String, Integer> v : manifest.schemaVersions().entrySet()) {
            if (!v.getValue().equals(versions.get(v.getKey()))) {
                throw new ConflictException("the target's " + v.getKey() + " schema is at version " + versions.get(v.getKey())
                        + ", the archive's at " + v.getValue() + ": restore into a store running the same department versions");
            }
        }
        for (BackupManifest.Table t : manifest.tables()) {
            Map<String, ColumnKind> theirs = new LinkedHashMap<>();
            StoreSchema.columns(c, t.name()).forEach(col -> theirs.put(col.name(), col.kind()));
            Map<String, ColumnKind> ours = new LinkedHashMap<>();
            t.columns().forEach(col -> ours.put(col.name(), col.kind()));
            if (!theirs.equals(ours)) {
                throw new ConflictException("table " + t.name() + " of the target has columns " + theirs.keySet()
                        + " where the archive has " + ours.keySet());
            }
        }
        if (!force) {
            List<String> holding = new ArrayList<>();
            long admins = count(c, "security_admin", present);
            for (BackupManifest.Table t : manifest.tables()) {
                long rows = count(c, t.name(), present);
                // a fresh store holds its migration records and the first admin a first start creates
                boolean firstStart = t.name().equals(StoreSchema.VERSION_TABLE) || (t.name().startsWith("security_") && admins <= 1);
                if (rows > 0 && !firstStart) {
                    holding.add(t.name() + " (" + rows + " rows)");
                }
            }
            if (!holding.isEmpty()) {
                throw new ConflictException("the target store already holds data: " + String.join(", ", holding)
                        + ". Restore into a fresh store, or force to replace it");
            }
        }
    }

    private static long count(Connection c, String table, Set<String> present) throws SQLException {
        if (!present.contains(table)) {
            return 0;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<TableCheck> replaceRows(Connection c, BackupArchive archive) throws SQLException {
        List<BackupManifest.Table> tables = archive.manifest().tables();
        try (Statement s = c.createStatement()) {
            for (int i = tables.size() - 1; i >= 0; i--) {
                s.executeUpdate("DELETE FROM " + tables.get(i).name());
            }
        }
        for (BackupManifest.Table t : tables) {
            List<BackupManifest.Column> columns = t.columns();
            String insert = "INSERT INTO " + t.name() + " (" + columns.stream().map(BackupManifest.Column::name)
                    .collect(Collectors.joining(", ")) + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?)";
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                insertRows(archive, t, ps);
            }
        }
        List<TableCheck> checks = new ArrayList<>();
        for (BackupManifest.Table t : tables) {
            ContentDigest restored = digest(c, t);
            checks.add(TableCheck.of(t.name(), t.rows(), restored.count(), t.contentSha256(), restored.hex()));
        }
        return checks;
    }

    private static void insertRows(BackupArchive archive, BackupManifest.Table t, PreparedStatement ps) throws SQLException {
        List<BackupManifest.Column> columns = t.columns();
        int[] pending = {0};
        try {
            archive.forEachRow(t, values -> {
                for (int i = 0; i < values.length; i++) {
                    columns.get(i).kind().bind(ps, i + 1, values[i], columns.get(i).jdbcType());
                }
                ps.addBatch();
                if (++pending[0] == BATCH) {
                    ps.executeBatch();
                    pending[0] = 0;
                }
            });
            if (pending[0] > 0) {
                ps.executeBatch();
            }
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The content checksum of a table as this database holds it now. */
    static ContentDigest digest(Connection c, BackupManifest.Table t) throws SQLException {
        List<BackupManifest.Column> columns = t.columns();
        ContentDigest digest = new ContentDigest();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + columns.stream().map(BackupManifest.Column::name)
                .collect(Collectors.joining(", ")) + " FROM " + t.name())) {
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                Object[] row = new Object[columns.size()];
                while (rs.next()) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = columns.get(i).kind().read(rs, i + 1);
                    }
                    try {
                        digest.add(StoreBackup.JSON.writeValueAsString(java.util.Arrays.asList(row)));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return digest;
    }

    private static void continueIdentities(Connection c, BackupManifest manifest) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (BackupManifest.Table t : manifest.tables()) {
                for (BackupManifest.Column col : t.columns()) {
                    if (col.identity() && col.kind() == ColumnKind.INTEGER && t.rows() > 0) {
                        long next;
                        try (ResultSet rs = s.executeQuery("SELECT MAX(" + col.name() + ") FROM " + t.name())) {
                            rs.next();
                            next = rs.getLong(1) + 1;
                        }
                        s.execute("ALTER TABLE " + t.name() + " ALTER COLUMN " + col.name() + " RESTART WITH " + next);
                    }
                }
            }
        }
    }

    static String createTable(BackupManifest.Table t, boolean postgres) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(t.name()).append(" (");
        for (BackupManifest.Column col : t.columns()) {
            sql.append(col.name()).append(' ').append(col.kind().sqlType(col, postgres));
            if (col.identity()) {
                sql.append(" GENERATED BY DEFAULT AS IDENTITY");
            }
            if (!col.nullable()) {
                sql.append(" NOT NULL");
            }
            sql.append(", ");
        }
        List<String> key = t.columns().stream().filter(col -> col.primaryKey() > 0)
                .sorted((a, b) -> Integer.compare(a.primaryKey(), b.primaryKey())).map(BackupManifest.Column::name).toList();
        if (key.isEmpty()) {
            sql.setLength(sql.length() - 2);
        } else {
            sql.append("PRIMARY KEY (").append(String.join(", ", key)).append(')');
        }
        return sql.append(')').toString();
    }

    private static void dropCreated(DataSource target, List<String> created) {
        if (created.isEmpty()) {
            return;
        }
        try (Connection c = target.getConnection(); Statement s = c.createStatement()) {
            for (int i = created.size() - 1; i >= 0; i--) {
                s.execute("DROP TABLE " + created.get(i));
            }
        } catch (SQLException ignored) {
            // the tables were empty: the failure reported is the restore's
        }
    }


}
