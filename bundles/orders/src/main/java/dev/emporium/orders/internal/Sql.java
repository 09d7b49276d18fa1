package dev.emporium.orders.internal;

import dev.emporium.platform.api.Money;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions between JDBC and orders' values, the same on H2 and PostgreSQL. */
public final class Sql {

    private Sql() {
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static Money money(ResultSet rs, String column, String currency) throws SQLException {
        // Money drops the column's extra zero decimals itself (4.9000 -> 4.90 EUR)
        return new Money(rs.getBigDecimal(column), currency);
    }
}
