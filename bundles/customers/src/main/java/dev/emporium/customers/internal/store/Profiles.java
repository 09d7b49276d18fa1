package dev.emporium.customers.internal.store;

import dev.emporium.customers.api.Address;
import dev.emporium.customers.api.CustomerProfile;
import dev.emporium.customers.api.CustomerStatus;
import dev.emporium.customers.api.Messaging;
import dev.emporium.platform.api.NotFoundException;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading customers and their addresses, and the row lock every write of a customer starts with. */
final class Profiles {

    static final String COLUMNS = """
            id, status, email, given_name, family_name, place_of_origin, birthday, language, phone,
            messaging_network, messaging_handle, created_at, updated_at""";

    private Profiles() {
    }

    static Optional<CustomerProfile> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM customers_customer WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs, addresses(c, id))) : Optional.empty();
            }
        }
    }

    /** Reads the row at the result set's cursor (columns as in {@link #COLUMNS}). */
    static CustomerProfile read(ResultSet rs, List<Address> addresses) throws SQLException {
        Date birthday = rs.getDate(7);
        String network = rs.getString(10);
        return new CustomerProfile(rs.getString(1), CustomerStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), birthday == null ? null : birthday.toLocalDate(), rs.getString(8), rs.getString(9),
                network == null ? null : new Messaging(network, rs.getString(11)), addresses, instant(rs, 12), instant(rs, 13));
    }

    static List<Address> addresses(Connection c, String id) throws SQLException {
        List<Address> addresses = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT label, recipient, line1, line2, postal_code, city, region, country
                FROM customers_address WHERE customer_id = ? ORDER BY position""")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    addresses.add(new Address(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
        }
        return addresses;
    }

    /**
     * Locks the customer's row for the rest of the transaction, so that concurrent changes of one customer (a consent
     * and an erasure, two profile updates) happen one after the other.
     *
     * @return the customer's status
     * @throws NotFoundException when there is no such customer
     */
    static CustomerStatus lock(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM customers_customer WHERE id = ? FOR UPDATE")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("no customer " + id);
                }
                return CustomerStatus.valueOf(rs.getString(1));
            }
        }
    }

    /** Like {@link #lock}, but an erased customer is not found either: there is nothing left to change. */
    static void lockActive(Connection c, String id) throws SQLException {
        if (lock(c, id) != CustomerStatus.ACTIVE) {
            throw new NotFoundException("no customer " + id);
        }
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static void setInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(index, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, at.atOffset(ZoneOffset.UTC));
        }
    }

}
