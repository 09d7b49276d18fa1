package dev.emporium.security.internal.backup;

import java.util.List;
import java.util.Map;

/**
 * What an archive holds ({@code manifest.json}): where and when it was taken, each department's schema version, and
 * per table its columns, row count, the SHA-256 of its file and of its content; {@code contentSha256} covers every
 * table's content checksum.
 */
public record BackupManifest(int format, String createdAt, String store, String database,
                             Map<String, Integer> schemaVersions, List<Table> tables, String contentSha256) {

    public static final int FORMAT = 1;

    /** A table of the archive, in restore order (a table comes after those it references). */
    public record Table(String name, String department, List<Column> columns, long rows, String fileSha256,
                       String contentSha256) {
    }

    /**
     * A column as the source database described it.
     *
     * @param primaryKey its position in the primary key from 1, 0 when not part of it
     */
    public record Column(String name, ColumnKind kind, int jdbcType, int size, int scale, boolean nullable,
                         int primaryKey, boolean identity) {
    }

    public long totalRows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }
}
