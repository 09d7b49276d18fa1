package dev.emporium.customers.internal.store;

import dev.emporium.customers.api.ConsentSource;
import dev.emporium.customers.api.CustomerEvents;
import dev.emporium.customers.api.CustomerReach;
import dev.emporium.customers.api.CustomerStatus;
import dev.emporium.customers.api.SocialProfile;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.Outbox;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A customer's reach: the social profiles the customer or an agent entered, and the influence score derived from them.
 *
 * <p>Influence = min(100, round(100 &times; log10(1 + F) / 6)) where F is the followers summed over every profile: 0
 * followers score 0, 10 score 17, 100 score 33, 1 000 score 50, 100 000 score 83 and a million or more score 100. The
 * logarithm says that each tenfold audience adds the same, since word of mouth saturates long before follower counts do.
 */
public final class ReachBook {

    static final int MAX_PROFILES = 20;
    static final long MAX_FOLLOWERS = 10_000_000_000L;
    private static final Pattern NETWORK = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,39}");

    /** A social profile as a storefront or an agent sends it; {@code followers} is required. */
    public record SocialProfileInput(String network, String handle, Long followers) {
    }

    private final DataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;

    public ReachBook(DataSource dataSource, Outbox outbox, Clock clock) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The influence score of an audience of {@code totalFollowers}, 0 to 100 (formula in the class comment). */
    public static int influence(long totalFollowers) {
        if (totalFollowers <= 0) {
            return 0;
        }
        return (int) Math.min(100, Math.round(100 * Math.log10(1 + (double) totalFollowers) / 6));
    }

    /**
     * Validates the profiles, naming each invalid field ({@code profiles[i].network}, ...).
     *
     * @throws ValidationException when any is invalid
     */
    public static List<SocialProfile> validate(List<SocialProfileInput> profiles) {
        List<FieldError> errors = new ArrayList<>();
        List<SocialProfile> valid = new ArrayList<>();
        if (profiles == null) {
            throw new ValidationException("profiles", "is required (an empty list removes every profile)");
        }
        if (profiles.size() > MAX_PROFILES) {
            throw new ValidationException("profiles", "at most " + MAX_PROFILES + " profiles");
        }
        Set<String> networks = new HashSet<>();
        for (int i = 0; i < profiles.size(); i++) {
            String f = "profiles[" + i + "]";
            SocialProfileInput p = profiles.get(i);
            if (p == null) {
                errors.add(new FieldError(f, "is required"));
                continue;
            }
            String network = p.network() == null ? null : p.network().strip().toLowerCase(Locale.ROOT);
            if (network == null || network.isEmpty()) {
                errors.add(new FieldError(f + ".network", "is required"));
            } else if (!NETWORK.matcher(network).matches()) {
                errors.add(new FieldError(f + ".network", "must be a network name such as instagram or tiktok"));
            } else if (!networks.add(network)) {
                errors.add(new FieldError(f + ".network", "appears twice: one profile per network"));
            }
            String handle = p.handle() == null ? null : p.handle().strip();
            if (handle == null || handle.isEmpty()) {
                errors.add(new FieldError(f + ".handle", "is required"));
            } else if (handle.length() > 100 || handle.chars().anyMatch(ch -> Character.isISOControl(ch) || Character.isWhitespace(ch))) {
                errors.add(new FieldError(f + ".handle", "must be at most 100 characters without spaces"));
            }
            Long followers = p.followers();
            if (followers == null) {
                errors.add(new FieldError(f + ".followers", "is required"));
            } else if (followers < 0) {
                errors.add(new FieldError(f + ".followers", "must not be negative"));
            } else if (followers > MAX_FOLLOWERS) {
                errors.add(new FieldError(f + ".followers", "must be at most " + MAX_FOLLOWERS));
            }
            valid.add(new SocialProfile(network, handle, followers == null ? 0 : followers));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return valid;
    }

    /**
     * Replaces an active customer's social profiles and publishes PROFILE_UPDATED.
     *
     * @throws ValidationException                        naming the invalid fields
     * @throws dev.emporium.platform.api.NotFoundException when there is no such active customer
     */
    public CustomerReach replace(String customerId, List<SocialProfileInput> profiles, ConsentSource source) {
        List<SocialProfile> valid = validate(profiles);
        Instant now = clock.instant();
        return Transactions.inTransaction(dataSource, c -> {
            Profiles.lockActive(c, customerId);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM customers_social_profile WHERE customer_id = ?")) {
                ps.setString(1, customerId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO customers_social_profile (customer_id, network, handle, followers, source, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                for (SocialProfile p : valid) {
                    ps.setString(1, customerId);
                    ps.setString(2, p.network());
                    ps.setString(3, p.handle());
                    ps.setLong(4, p.followers());
                    ps.setString(5, source.name());
                    Profiles.setInstant(ps, 6, now);
                    ps.addBatch();
                }
                if (!valid.isEmpty()) {
                    ps.executeBatch();
                }
            }
            outbox.publish(c, CustomerEvents.PROFILE_UPDATED, Map.of("customerId", customerId));
            return reach(c, customerId).orElseThrow();
        });
    }

    /** The customer's reach; empty for an unknown or erased customer. */
    public Optional<CustomerReach> reach(String customerId) {
        return Transactions.inTransaction(dataSource, c -> reach(c, customerId));
    }

    static Optional<CustomerReach> reach(Connection c, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM customers_customer WHERE id = ?")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || CustomerStatus.valueOf(rs.getString(1)) != CustomerStatus.ACTIVE) {
                    return Optional.empty();
                }
            }
        }
        List<SocialProfile> profiles = new ArrayList<>();
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT network, handle, followers FROM customers_social_profile WHERE customer_id = ? ORDER BY network")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    profiles.add(new SocialProfile(rs.getString(1), rs.getString(2), rs.getLong(3)));
                    total += rs.getLong(3);
                }
            }
        }
        return Optional.of(new CustomerReach(customerId, influence(total), total, profiles));
    }
}
