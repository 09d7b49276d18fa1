package dev.emporium.customers.internal.store;

import dev.emporium.customers.api.Address;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.ValidationException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * B2B accounts: companies with a validated tax id and shared addresses, and their members with a role. A customer who
 * belongs to no company buys as a consumer (B2C); one belongs to at most one company.
 */
public final class CompanyBook {

    /** What a member may do for the company. */
    public enum Role {
        /** Places orders for the company. */
        BUYER,
        /** Approves the buyers' orders. */
        APPROVER,
        /** Manages the company's account and members. */
        ADMIN
    }

    /** A company as an agent enters it. */
    public record CompanyInput(String name, String taxId, String country, List<Address> addresses) {
        public CompanyInput {
            addresses = addresses == null ? List.of() : addresses;
        }
    }

    public record Company(String id, String name, String taxId, String country, List<Address> addresses, Instant createdAt,
                          Instant updatedAt) {
    }

    /** A member as the company's other members and customer service see them. */
    public record Member(String customerId, String name, Role role, Instant since) {
    }

    /** A company with its members. */
    public record CompanyView(Company company, List<Member> members) {
    }

    /** A customer's company and role: what makes them a B2B buyer. */
    public record Membership(String companyId, String companyName, Role role, Instant since) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    public CompanyBook(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** @throws ValidationException naming the invalid fields; 409 naming {@code taxId} when another company has it */
    public CompanyView create(CompanyInput input) {
        CompanyInput v = validate(input);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        return Transactions.inTransaction(dataSource, c -> {
            boolean inserted = Transactions.insertIfAbsent(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement("""
                        INSERT INTO customers_company (id, name, tax_id, country, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)""")) {
                    ps.setString(1, id);
                    ps.setString(2, v.name());
                    ps.setString(3, v.taxId());
                    ps.setString(4, v.country());
                    Profiles.setInstant(ps, 5, now);
                    Profiles.setInstant(ps, 6, now);
                    ps.executeUpdate();
                }
                return null;
            });
            if (!inserted) {
                throw duplicateTaxId();
            }
            writeAddresses(c, id, v.addresses());
            return view(c, id).orElseThrow();
        });
    }

    /** Replaces a company's name, tax id, country and addresses. */
    public CompanyView update(String id, CompanyInput input) {
        CompanyInput v = validate(input);
        Instant now = clock.instant();
        return Transactions.inTransaction(dataSource, c -> {
            lock(c, id);
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM customers_company WHERE tax_id = ? AND id <> ?")) {
                ps.setString(1, v.taxId());
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw duplicateTaxId();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE customers_company SET name = ?, tax_id = ?, country = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, v.name());
                ps.setString(2, v.taxId());
                ps.setString(3, v.country());
                Profiles.setInstant(ps, 4, now);
                ps.setString(5, id);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (Transactions.isUniqueViolation(e)) {
                    throw duplicateTaxId();
                }
                throw e;
            }
            writeAddresses(c, id, v.addresses());
            return view(c, id).orElseThrow();
        });
    }

    public Optional<CompanyView> find(String id) {
        return Transactions.inTransaction(dataSource, c -> view(c, id));
    }

    /** The company with this tax id, however spaced or cased. */
    public Optional<CompanyView> byTaxId(String taxId) {
        String normalized = TaxIds.normalize(ProfileRules.trim(taxId));
        if (normalized == null) {
            return Optional.empty();
        }
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM customers_company WHERE tax_id = ?")) {
                ps.setString(1, normalized);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? view(c, rs.getString(1)) : Optional.<CompanyView>empty();
                }
            }
        });
    }

    /** Deletes the company with its addresses and memberships; its members buy as consumers again. */
    public boolean close(String id) {
        return Transactions.inTransaction(dataSource, c -> {
            for (String table : List.of("customers_company_member", "customers_company_address")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE company_id = ?")) {
                    ps.setString(1, id);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM customers_company WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Every company by name (at most 500). */
    public List<Company> list() {
        return Transactions.inTransaction(dataSource, c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM customers_company ORDER BY name, id FETCH FIRST 500 ROWS ONLY");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            List<Company> out = new ArrayList<>();
            for (String id : ids) {
                out.add(company(c, id).orElseThrow());
            }
            return out;
        });
    }

    /**
     * Makes an active customer a member of the company with {@code role}, or changes their role there.
     *
     * @throws ProblemException 409 naming {@code customerId} when the customer belongs to another company
     */
    public CompanyView setMember(String companyId, String customerId, String role) {
        Role r = role(role);
        Instant now = clock.instant();
        return Transactions.inTransaction(dataSource, c -> {
            lock(c, companyId);
            Profiles.lockActive(c, customerId);
            Optional<Membership> current = membership(c, customerId);
            if (current.isPresent() && !current.get().companyId().equals(companyId)) {
                throw new ProblemException(409, "Conflict", "customer " + customerId + " already belongs to company "
                        + current.get().companyName() + "; remove them there first",
                        List.of(new FieldError("customerId", "belongs to another company")), Map.of());
            }
            if (current.isPresent()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE customers_company_member SET role = ? WHERE customer_id = ?")) {
                    ps.setString(1, r.name());
                    ps.setString(2, customerId);
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO customers_company_member (customer_id, company_id, role, since) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, customerId);
                    ps.setString(2, companyId);
                    ps.setString(3, r.name());
                    Profiles.setInstant(ps, 4, now);
                    ps.executeUpdate();
                }
            }
            return view(c, companyId).orElseThrow();
        });
    }

    /** @throws NotFoundException when the customer is not a member of the company */
    public void removeMember(String companyId, String customerId) {
        Transactions.inTransaction(dataSource, c -> {
            lock(c, companyId);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM customers_company_member WHERE customer_id = ? AND company_id = ?")) {
                ps.setString(1, customerId);
                ps.setString(2, companyId);
                if (ps.executeUpdate() == 0) {
                    throw new NotFoundException("customer " + customerId + " is not a member of company " + companyId);
                }
            }
            return null;
        });
    }

    /** The customer's company and role; empty for a consumer (B2C). */
    public Optional<Membership> membership(String customerId) {
        return Transactions.inTransaction(dataSource, c -> membership(c, customerId));
    }

    static Optional<Membership> membership(Connection c, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT m.company_id, co.name, m.role, m.since FROM customers_company_member m
                  JOIN customers_company co ON co.id = m.company_id WHERE m.customer_id = ?""")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Membership(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        Profiles.instant(rs, 4))) : Optional.empty();
            }
        }
    }

    /** Removes the customer from their company (erasure), in the caller's transaction. */
    static void erase(Connection c, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM customers_company_member WHERE customer_id = ?")) {
            ps.setString(1, customerId);
            ps.executeUpdate();
        }
    }

    static CompanyInput validate(CompanyInput input) {
        if (input == null) {
            throw new ValidationException("name", "is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = ProfileRules.text(errors, "name", input.name(), 200, true);
        String taxId = TaxIds.normalize(ProfileRules.trim(input.taxId()));
        Optional<String> problem = TaxIds.problem(taxId);
        problem.ifPresent(p -> errors.add(new FieldError("taxId", p)));
        String country = ProfileRules.trim(input.country());
        if (country == null) {
            errors.add(new FieldError("country", "is required"));
        } else {
            country = country.toUpperCase(Locale.ROOT);
            if (!ProfileRules.COUNTRIES.contains(country)) {
                errors.add(new FieldError("country", "must be an ISO 3166 country code such as FR"));
            } else if (problem.isEmpty() && !TaxIds.country(taxId).equals(country)) {
                errors.add(new FieldError("taxId", "is a " + TaxIds.country(taxId) + " number but the company is in " + country));
            }
        }
        List<Address> addresses = ProfileRules.addresses(errors, input.addresses());
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new CompanyInput(name, taxId, country, addresses);
    }

    private static Role role(String role) {
        if (role == null || role.isBlank()) {
            throw new ValidationException("role", "is required (buyer, approver or admin)");
        }
        try {
            return Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("role", "must be buyer, approver or admin");
        }
    }

    private static ProblemException duplicateTaxId() {
        return new ProblemException(409, "Conflict", "a company with this tax id already exists",
                List.of(new FieldError("taxId", "is already registered")), Map.of());
    }

    private static void lock(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM customers_company WHERE id = ? FOR UPDATE")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("no company " + id);
                }
            }
        }
    }

    private static void writeAddresses(Connection c, String id, List<Address> addresses) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM customers_company_address WHERE company_id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO customers_company_address (company_id, position, label, recipient, line1, line2, postal_code, city, region, country)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int position = 0;
            for (Address a : addresses) {
                ps.setString(1, id);
                ps.setInt(2, position++);
                ps.setString(3, a.label());
                ps.setString(4, a.recipient());
                ps.setString(5, a.line1());
                ps.setString(6, a.line2());
                ps.setString(7, a.postalCode());
                ps.setString(8, a.city());
                ps.setString(9, a.region());
                ps.setString(10, a.country());
                ps.executeUpdate();
            }
        }
    }

    static Optional<Company> company(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, tax_id, country, created_at, updated_at FROM customers_company WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<Address> addresses = new ArrayList<>();
                try (PreparedStatement a = c.prepareStatement("""
                        SELECT label, recipient, line1, line2, postal_code, city, region, country
                          FROM customers_company_address WHERE company_id = ? ORDER BY position""")) {
                    a.setString(1, id);
                    try (ResultSet ar = a.executeQuery()) {
                        while (ar.next()) {
                            addresses.add(new Address(ar.getString(1), ar.getString(2), ar.getString(3), ar.getString(4),
                                    ar.getString(5), ar.getString(6), ar.getString(7), ar.getString(8)));
                        }
                    }
                }
                return Optional.of(new Company(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), addresses,
                        Profiles.instant(rs, 5), Profiles.instant(rs, 6)));
            }
        }
    }

    static Optional<CompanyView> view(Connection c, String id) throws SQLException {
        Optional<Company> company = company(c, id);
        if (company.isEmpty()) {
            return Optional.empty();
        }
        List<Member> members = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT m.customer_id, cu.given_name, cu.family_name, m.role, m.since FROM customers_company_member m
                  JOIN customers_customer cu ON cu.id = m.customer_id WHERE m.company_id = ? ORDER BY m.since, m.customer_id""")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = ((rs.getString(2) == null ? "" : rs.getString(2)) + " " + (rs.getString(3) == null ? "" : rs.getString(3))).strip();
                    members.add(new Member(rs.getString(1), name.isEmpty() ? null : name, Role.valueOf(rs.getString(4)), Profiles.instant(rs, 5)));
                }
            }
        }
        return Optional.of(new CompanyView(company.get(), members));
    }
}
