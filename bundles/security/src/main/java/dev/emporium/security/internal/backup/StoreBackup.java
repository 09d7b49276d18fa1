package dev.emporium.security.internal.backup;

import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes every department's tables to a portable archive: a zip of {@code tables/<table>.jsonl} (one JSON array of
 * canonical values per row), {@code manifest.json} and {@code manifest.sha256}. All tables are read in one
 * repeatable-read transaction, so the archive is one moment of the store.
 */
public final class StoreBackup {

    static final String MANIFEST = "manifest.json";
    static final String MANIFEST_SUM = "manifest.sha256";
    static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final Clock clock;
    private final String storeVersion;

    public StoreBackup(DataSource dataSource, Clock clock, String storeVersion) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.storeVersion = storeVersion;
    }

    /** Writes the archive to {@code target} (through a temporary file beside it, moved in place when complete). */
    public BackupManifest writeTo(Path target) {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            BackupManifest manifest;
            try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(file)) {
                manifest = write(zip);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("the backup could not be written to " + target + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("the backup could not read the store: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // nothing more to do: a .partial file is never taken for an archive
            }
        }
    }

    private BackupManifest write(ZipOutputStream zip) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                String database = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
                Map<String, String> tables = StoreSchema.tables(c);
                if (tables.isEmpty()) {
                    throw new IllegalStateException("this database holds no Emporium table: nothing to back up");
                }
                Map<String, Integer> versions = StoreSchema.schemaVersions(c);
                List<BackupManifest.Table> described = new ArrayList<>();
                for (Map.Entry<String, String> t : tables.entrySet()) {
                    described.add(writeTable(c, zip, t.getKey(), t.getValue()));
                }
                BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, clock.instant().toString(), storeVersion,
                        database, versions, described, ContentDigest.ofTables(described));
                byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(json);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(MANIFEST_SUM));
                zip.write((ContentDigest.hex(json) + "\n").getBytes(StandardCharsets.US_ASCII));
                zip.closeEntry();
                return manifest;
            } finally {
                c.rollback();
            }
        }
    }

    private BackupManifest.Table writeTable(Connection c, ZipOutputStream zip, String table, String department)
            throws SQLException, IOException {
        List<BackupManifest.Column> columns = StoreSchema.columns(c, table);
        String select = "SELECT " + String.join(", ", columns.stream().map(BackupManifest.Column::name).toList())
                + " FROM " + table + " ORDER BY " + StoreSchema.orderBy(columns);
        zip.putNextEntry(new ZipEntry(entry(table)));
        MessageDigest fileSum = ContentDigest.sha256();
        ContentDigest content = new ContentDigest();
        // not closed: closing would close the zip
        DigestOutputStream out = new DigestOutputStream(zip, fileSum);
        try (PreparedStatement ps = c.prepareStatement(select)) {
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                Object[] row = new Object[columns.size()];
                while (rs.next()) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = columns.get(i).kind().read(rs, i + 1);
                    }
                    String line = JSON.writeValueAsString(Arrays.asList(row));
                    content.add(line);
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
            }
        }
        out.flush();
        zip.closeEntry();
        return new BackupManifest.Table(table, department, columns, content.count(),
                HexFormat.of().formatHex(fileSum.digest()), content.hex());
    }

    static String entry(String table) {
        return "tables/" + table + ".jsonl";
    }
}
