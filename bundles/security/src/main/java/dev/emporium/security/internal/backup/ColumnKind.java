package dev.emporium.security.internal.backup;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/**
 * The kinds of values an archive carries, each with one canonical text that is the same whichever engine the row was
 * read from (an instant in UTC, a decimal in plain notation with its scale, bytes in base64), so checksums of a table
 * taken on H2 and on PostgreSQL agree.
 */
public enum ColumnKind {
    STRING, INTEGER, DECIMAL, DOUBLE, BOOLEAN, TIMESTAMPTZ, TIMESTAMP, DATE, TIME, BINARY, UUID;

    /** The kind of a column from its JDBC metadata, or null when the archive cannot carry it. */
    static ColumnKind of(int jdbcType, String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (name.equals("uuid")) {
            return UUID;
        }
        if (name.equals("timestamptz") || name.equals("timestamp with time zone") || jdbcType == Types.TIMESTAMP_WITH_TIMEZONE) {
            return TIMESTAMPTZ;
        }
        if (name.equals("bool") || name.equals("boolean")) {
            return BOOLEAN;
        }
        return switch (jdbcType) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB,
                 Types.NCLOB -> STRING;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> INTEGER;
            case Types.DECIMAL, Types.NUMERIC -> DECIMAL;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> DOUBLE;
            case Types.BOOLEAN, Types.BIT -> BOOLEAN;
            case Types.TIMESTAMP -> TIMESTAMP;
            case Types.DATE -> DATE;
            case Types.TIME -> TIME;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BINARY;
            default -> null;
        };
    }

    /** The canonical text of column {@code i} of the current row, a Boolean for booleans, or null. */
    Object read(ResultSet rs, int i) throws SQLException {
        Object value = switch (this) {
            case STRING -> rs.getString(i);
            case INTEGER -> {
                long v = rs.getLong(i);
                yield rs.wasNull() ? null : Long.toString(v);
            }
            case DECIMAL -> {
                BigDecimal v = rs.getBigDecimal(i);
                yield v == null ? null : v.toPlainString();
            }
            case DOUBLE -> {
                double v = rs.getDouble(i);
                yield rs.wasNull() ? null : Double.toString(v);
            }
            case BOOLEAN -> {
                boolean v = rs.getBoolean(i);
                yield rs.wasNull() ? null : v;
            }
            case TIMESTAMPTZ -> {
                OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
                yield v == null ? null : v.toInstant().toString();
            }
            case TIMESTAMP -> {
                LocalDateTime v = rs.getObject(i, LocalDateTime.class);
                yield v == null ? null : v.toString();
            }
            case DATE -> {
                LocalDate v = rs.getObject(i, LocalDate.class);
                yield v == null ? null : v.toString();
            }
            case TIME -> {
                LocalTime v = rs.getObject(i, LocalTime.class);
                yield v == null ? null : v.toString();
            }
            case BINARY -> {
                byte[] v = rs.getBytes(i);
                yield v == null ? null : Base64.getEncoder().encodeToString(v);
            }
            case UUID -> {
                Object v = rs.getObject(i);
                yield v == null ? null : v.toString();
            }
        };
        return value;
    }

    /**
     * Checks that an archived value is this kind's canonical text and turns it into what JDBC binds.
     *
     * @throws IllegalArgumentException when it is not
     */
    Object decode(Object cell) {
        if (cell == null) {
            return null;
        }
        if (this == BOOLEAN) {
            if (!(cell instanceof Boolean b)) {
                throw new IllegalArgumentException("expected true or false, found " + cell);
            }
            return b;
        }
        if (!(cell instanceof String s)) {
            throw new IllegalArgumentException("expected a text value, found " + cell);
        }
        try {
            return switch (this) {
                case STRING -> s;
                case INTEGER -> Long.parseLong(s);
                case DECIMAL -> new BigDecimal(s);
                case DOUBLE -> Double.parseDouble(s);
                case TIMESTAMPTZ -> OffsetDateTime.ofInstant(Instant.parse(s), ZoneOffset.UTC);
                case TIMESTAMP -> LocalDateTime.parse(s);
                case DATE -> LocalDate.parse(s);
                case TIME -> LocalTime.parse(s);
                case BINARY -> Base64.getDecoder().decode(s);
                case UUID -> java.util.UUID.fromString(s);
                case BOOLEAN -> throw new AssertionError();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + s + "' is not a " + name().toLowerCase(Locale.ROOT) + " value", e);
        }
    }

    void bind(PreparedStatement ps, int i, Object value, int jdbcType) throws SQLException {
        if (value == null) {
            ps.setNull(i, jdbcType);
        } else if (value instanceof Long l && jdbcType != Types.BIGINT) {
            ps.setObject(i, l, jdbcType);
        } else if (value instanceof byte[] bytes) {
            ps.setBytes(i, bytes);
        } else {
            ps.setObject(i, value);
        }
    }

    /** The portable SQL type that holds this kind (for a database without the department's tables). */
    String sqlType(BackupManifest.Column c, boolean postgres) {
        return switch (this) {
            case STRING -> c.size() > 0 && c.size() < 1_000_000 ? "VARCHAR(" + c.size() + ")" : "VARCHAR";
            case INTEGER -> switch (c.jdbcType()) {
                case Types.TINYINT, Types.SMALLINT -> "SMALLINT";
                case Types.INTEGER -> "INTEGER";
                default -> "BIGINT";
            };
            case DECIMAL -> c.size() > 0 && c.size() <= 1000 ? "NUMERIC(" + c.size() + ", " + c.scale() + ")" : "NUMERIC";
            case DOUBLE -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMPTZ -> "TIMESTAMP WITH TIME ZONE";
            case TIMESTAMP -> "TIMESTAMP";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case BINARY -> postgres ? "BYTEA" : "VARBINARY";
            case UUID -> "UUID";
        };
    }
}
