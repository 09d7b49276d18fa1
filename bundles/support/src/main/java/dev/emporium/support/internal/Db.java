package dev.emporium.support.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions between JDBC and support's values, the same on H2 and PostgreSQL. */
public final class Db {

    /** What replaces a buyer's words once the buyer is erased. */
    public static final String ERASED = "[erased]";

    /** A null of a SQL type other than VARCHAR (PostgreSQL refuses a VARCHAR null in a NUMERIC column). */
    public record Null(int sqlType) {
    }

    public static final Null NULL_NUMERIC = new Null(Types.NUMERIC);

    private Db() {
    }

    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** Binds each value by its type; null as a VARCHAR null. */
    public static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else if (v instanceof Null n) {
                ps.setNull(i + 1, n.sqlType());
            } else if (v instanceof Instant t) {
                ps.setObject(i + 1, ts(t));
            } else if (v instanceof String s) {
                ps.setString(i + 1, s);
            } else if (v instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (v instanceof Long n) {
                ps.setLong(i + 1, n);
            } else if (v instanceof Boolean b) {
                ps.setBoolean(i + 1, b);
            } else if (v instanceof java.math.BigDecimal d) {
                ps.setBigDecimal(i + 1, d);
            } else {
                throw new IllegalArgumentException("cannot bind " + v.getClass());
            }
        }
    }

    /** Trims text from a client; blank is null; longer than {@code max} is refused naming {@code field}. */
    public static String text(String field, String value, int max, boolean required) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            if (required) {
                throw new dev.emporium.platform.api.ValidationException(field, "is required");
            }
            return null;
        }
        if (v.length() > max) {
            throw new dev.emporium.platform.api.ValidationException(field, "at most " + max + " characters");
        }
        return v;
    }
}
