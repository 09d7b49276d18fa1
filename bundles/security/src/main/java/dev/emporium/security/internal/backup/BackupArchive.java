package dev.emporium.security.internal.backup;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.emporium.platform.api.ValidationException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * An archive read back and checked end to end before anything is written anywhere: the manifest against its
 * checksum, then every table file against its checksum, row count and the types of its columns. Anything missing,
 * truncated or altered refuses the archive with the reason.
 */
public final class BackupArchive {

    /** Receives the decoded values of one row. */
    @FunctionalInterface
    interface RowSink {
        void accept(Object[] values) throws Exception;
    }

    private final Path path;
    private final BackupManifest manifest;

    private BackupArchive(Path path, BackupManifest manifest) {
        this.path = path;
        this.manifest = manifest;
    }

    public BackupManifest manifest() {
        return manifest;
    }

    public Path path() {
        return path;
    }

    /**
     * Opens and checks an archive completely.
     *
     * @throws ValidationException (field {@code archive}) naming what is wrong with it
     */
    public static BackupArchive open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw refused(path, "there is no such file");
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            byte[] manifestBytes = read(zip, path, StoreBackup.MANIFEST);
            String expected = new String(read(zip, path, StoreBackup.MANIFEST_SUM), StandardCharsets.US_ASCII).strip();
            if (!ContentDigest.hex(manifestBytes).equals(expected)) {
                throw refused(path, "its manifest does not match its checksum (altered or damaged)");
            }
            BackupManifest manifest;
            try {
                manifest = StoreBackup.JSON.readValue(manifestBytes, BackupManifest.class);
            } catch (IOException e) {
                throw refused(path, "its manifest cannot be read: " + e.getMessage());
            }
            if (manifest.format() != BackupManifest.FORMAT) {
                throw refused(path, "it is in format " + manifest.format() + "; this store reads format " + BackupManifest.FORMAT);
            }
            if (manifest.tables() == null || manifest.tables().isEmpty()) {
                throw refused(path, "its manifest lists no table");
            }
            BackupArchive archive = new BackupArchive(path, manifest);
            for (BackupManifest.Table t : manifest.tables()) {
                archive.check(zip, t);
            }
            if (!ContentDigest.ofTables(manifest.tables()).equals(manifest.contentSha256())) {
                throw refused(path, "the checksum of the whole does not match its tables' checksums");
            }
            return archive;
        } catch (IOException e) {
            // ZipFile says "zip END header not found" for a truncated file, "invalid entry CRC" for a damaged one
            throw refused(path, "it is not a complete zip archive (truncated or damaged): " + e.getMessage());
        }
    }

    private void check(ZipFile zip, BackupManifest.Table t) throws IOException {
        MessageDigest fileSum = ContentDigest.sha256();
        ContentDigest content = new ContentDigest();
        ZipEntry entry = zip.getEntry(StoreBackup.entry(t.name()));
        if (entry == null) {
            throw refused(path, "the file of table " + t.name() + " is missing");
        }
        try (InputStream in = new DigestInputStream(zip.getInputStream(entry), fileSum)) {
            lines(in, t, (line, values) -> content.add(line));
        }
        if (content.count() != t.rows()) {
            throw refused(path, "table " + t.name() + " has " + content.count() + " rows where the manifest says " + t.rows());
        }
        if (!HexFormat.of().formatHex(fileSum.digest()).equals(t.fileSha256())) {
            throw refused(path, "the file of table " + t.name() + " does not match its checksum (altered or damaged)");
        }
        if (!content.hex().equals(t.contentSha256())) {
            throw refused(path, "the content of table " + t.name() + " does not match its checksum");
        }
    }

    /** Reads the rows of one table, decoded to what JDBC binds; the archive was checked when it was opened. */
    void forEachRow(BackupManifest.Table t, RowSink sink) throws Exception {
        try (ZipFile zip = new ZipFile(path.toFile());
             InputStream in = zip.getInputStream(zip.getEntry(StoreBackup.entry(t.name())))) {
            lines(in, t, (line, values) -> sink.accept(values));
        }
    }

    private interface LineSink {
        void accept(String line, Object[] values) throws Exception;
    }

    private void lines(InputStream in, BackupManifest.Table t, LineSink sink) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<BackupManifest.Column> columns = t.columns();
        long number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            List<Object> cells;
            try {
                cells = StoreBackup.JSON.readValue(line, new TypeReference<List<Object>>() {
                });
            } catch (IOException e) {
                throw refused(path, "row " + number + " of table " + t.name() + " is not a JSON array");
            }
            if (cells == null || cells.size() != columns.size()) {
                throw refused(path, "row " + number + " of table " + t.name() + " does not have " + columns.size() + " values");
            }
            Object[] values = new Object[cells.size()];
            for (int i = 0; i < values.length; i++) {
                BackupManifest.Column column = columns.get(i);
                if (cells.get(i) == null && !column.nullable()) {
                    throw refused(path, "row " + number + " of table " + t.name() + " has no value for " + column.name());
                }
                try {
                    values[i] = column.kind().decode(cells.get(i));
                } catch (IllegalArgumentException e) {
                    throw refused(path, "row " + number + " of table " + t.name() + ", column " + column.name() + ": " + e.getMessage());
                }
            }
            try {
                sink.accept(line, values);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static byte[] read(ZipFile zip, Path path, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw refused(path, "it has no " + name + ": not an Emporium backup");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    static ValidationException refused(Path path, String why) {
        return new ValidationException("archive", "backup " + path.getFileName() + " refused: " + why);
    }
}
