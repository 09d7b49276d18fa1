package dev.emporium.catalog.internal.evidence;

import dev.emporium.catalog.api.ExpertRating;
import dev.emporium.catalog.api.ExpertRatingInput;
import dev.emporium.catalog.api.PressMention;
import dev.emporium.catalog.api.PressMentionInput;
import dev.emporium.catalog.api.RatingSummary;
import dev.emporium.catalog.api.Review;
import dev.emporium.catalog.api.ReviewInput;
import dev.emporium.catalog.api.ReviewStatus;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of reviews, rating aggregates, purchases, critics' ratings and press mentions. */
final class EvidenceStore {

    private static final String REVIEW_COLUMNS = "id, sku, rating, title, body, author, verified_buyer, status, created_at, customer_id, idempotency_key";

    /** A stored review with who wrote it and under which key, for idempotent repeats. */
    record StoredReview(Review review, String customerId, String idempotencyKey) {
    }

    /**
     * Locks the product's row for the rest of the transaction, so that review writes of one product take turns and
     * each recomputes the aggregate from every committed review.
     *
     * @return the product's status, empty when there is no such product
     */
    Optional<String> lockProduct(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM catalog_product WHERE sku = ? FOR UPDATE")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    boolean productExists(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM catalog_product WHERE sku = ?")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    boolean purchased(Connection c, String customerId, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM catalog_purchase WHERE customer_id = ? AND sku = ?")) {
            ps.setString(1, customerId);
            ps.setString(2, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** @return false when the purchase was known already */
    boolean recordPurchase(Connection c, String customerId, String sku) throws SQLException {
        if (purchased(c, customerId, sku)) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO catalog_purchase (customer_id, sku, recorded_at) VALUES (?, ?, ?)")) {
            ps.setString(1, customerId);
            ps.setString(2, sku);
            ps.setObject(3, now());
            ps.executeUpdate();
            return true;
        }
    }

    Optional<StoredReview> reviewByKey(Connection c, String customerId, String key) throws SQLException {
        return oneReview(c, "SELECT " + REVIEW_COLUMNS + " FROM catalog_review WHERE customer_id = ? AND idempotency_key = ?", customerId, key);
    }

    Optional<StoredReview> reviewOf(Connection c, String sku, String customerId) throws SQLException {
        return oneReview(c, "SELECT " + REVIEW_COLUMNS + " FROM catalog_review WHERE sku = ? AND customer_id = ?", sku, customerId);
    }

    Optional<StoredReview> review(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + REVIEW_COLUMNS + " FROM catalog_review WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(storedReview(rs)) : Optional.empty();
            }
        }
    }

    private Optional<StoredReview> oneReview(Connection c, String sql, String a, String b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, a);
            ps.setString(2, b);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(storedReview(rs)) : Optional.empty();
            }
        }
    }

    long insertReview(Connection c, String sku, String customerId, ReviewInput in, boolean verified, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO catalog_review (sku, customer_id, rating, title, body, author, verified_buyer, status, idempotency_key, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"})) {
            ps.setString(1, sku);
            ps.setString(2, customerId);
            ps.setInt(3, in.rating());
            ps.setString(4, in.title());
            ps.setString(5, in.text());
            ps.setString(6, in.author().strip());
            ps.setBoolean(7, verified);
            ps.setString(8, ReviewStatus.PUBLISHED.name());
            ps.setString(9, key);
            ps.setObject(10, now());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    boolean setReviewStatus(Connection c, long id, ReviewStatus status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE catalog_review SET status = ? WHERE id = ? AND status <> ?")) {
            ps.setString(1, status.name());
            ps.setLong(2, id);
            ps.setString(3, status.name());
            return ps.executeUpdate() == 1;
        }
    }

    /** Reviews of a product newest first, after the cursor's id; {@code status} null for any status. */
    List<Review> reviews(Connection c, String sku, ReviewStatus status, Long beforeId, int limit) throws SQLException {
        String sql = "SELECT " + REVIEW_COLUMNS + " FROM catalog_review WHERE sku = ?"
                + (status == null ? "" : " AND status = ?") + (beforeId == null ? "" : " AND id < ?")
                + " ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, sku);
            if (status != null) {
                ps.setString(i++, status.name());
            }
            if (beforeId != null) {
                ps.setLong(i, beforeId);
            }
            List<Review> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(storedReview(rs).review());
                }
            }
            return result;
        }
    }

    /** How many published reviews gave each rating, counted from the reviews themselves. */
    Map<Integer, Long> publishedCounts(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT rating, COUNT(*) FROM catalog_review WHERE sku = ? AND status = ? GROUP BY rating")) {
            ps.setString(1, sku);
            ps.setString(2, ReviewStatus.PUBLISHED.name());
            Map<Integer, Long> counts = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getInt(1), rs.getLong(2));
                }
            }
            return counts;
        }
    }

    /** Writes the aggregate; the caller holds the product's lock, so no other writer races for the row. */
    void saveSummary(Connection c, RatingSummary s) throws SQLException {
        String update = "UPDATE catalog_rating_summary SET review_count = ?, average = ?, count_1 = ?, count_2 = ?, count_3 = ?, "
                + "count_4 = ?, count_5 = ?, updated_at = ? WHERE sku = ?";
        String insert = "INSERT INTO catalog_rating_summary (review_count, average, count_1, count_2, count_3, count_4, count_5, "
                + "updated_at, sku) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        if (writeSummary(c, update, s) == 0) {
            writeSummary(c, insert, s);
        }
    }

    private static int writeSummary(Connection c, String sql, RatingSummary s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, s.count());
            ps.setObject(2, s.average(), Types.DECIMAL);
            for (int stars = 1; stars <= 5; stars++) {
                ps.setLong(2 + stars, s.distribution().getOrDefault(stars, 0L));
            }
            ps.setObject(8, now());
            ps.setString(9, s.sku());
            return ps.executeUpdate();
        }
    }

    Optional<RatingSummary> summary(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sku, review_count, average, count_1, count_2, count_3, count_4, count_5 FROM catalog_rating_summary WHERE sku = ?")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<Integer, Long> distribution = new java.util.LinkedHashMap<>();
                for (int stars = 1; stars <= 5; stars++) {
                    distribution.put(stars, rs.getLong(3 + stars));
                }
                return Optional.of(new RatingSummary(rs.getString(1), rs.getBigDecimal(3), rs.getLong(2), distribution));
            }
        }
    }

    /** Every rated product's average, for rebuilding the search index. */
    Map<String, BigDecimal> averages(Connection c) throws SQLException {
        Map<String, BigDecimal> result = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT sku, average FROM catalog_rating_summary WHERE average IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getBigDecimal(2));
            }
        }
        return result;
    }

    /** The averages of the rated products among {@code skus} (at most 1000 at a time), in one query. */
    Map<String, BigDecimal> averages(Connection c, java.util.Collection<String> skus) throws SQLException {
        Map<String, BigDecimal> result = new HashMap<>();
        if (skus.isEmpty()) {
            return result;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(skus.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sku, average FROM catalog_rating_summary WHERE average IS NOT NULL AND sku IN (" + marks + ")")) {
            int i = 1;
            for (String sku : skus) {
                ps.setString(i++, sku);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), rs.getBigDecimal(2));
                }
            }
        }
        return result;
    }

    long insertExpertRating(Connection c, String sku, ExpertRatingInput in) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO catalog_expert_rating (sku, critic, score, scale, rated_on, note, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"})) {
            ps.setString(1, sku);
            ps.setString(2, in.critic().strip());
            ps.setBigDecimal(3, in.score());
            ps.setBigDecimal(4, in.scale());
            ps.setObject(5, in.date());
            ps.setString(6, in.note());
            ps.setObject(7, now());
            ps.executeUpdate();
            return generatedId(ps);
        }
    }

    List<ExpertRating> expertRatings(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, sku, critic, score, scale, rated_on, note FROM catalog_expert_rating WHERE sku = ? ORDER BY rated_on DESC, id DESC")) {
            ps.setString(1, sku);
            List<ExpertRating> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal score = rs.getBigDecimal(4).stripTrailingZeros();
                    BigDecimal scale = rs.getBigDecimal(5).stripTrailingZeros();
                    result.add(new ExpertRating(rs.getLong(1), rs.getString(2), rs.getString(3), plain(score), plain(scale),
                            ScoreScale.outOf100(score, scale), rs.getObject(6, LocalDate.class), rs.getString(7)));
                }
            }
            return result;
        }
    }

    long insertPressMention(Connection c, String sku, PressMentionInput in) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO catalog_press_mention (sku, publication, title, published_on, url, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""", new String[] {"id"})) {
            ps.setString(1, sku);
            ps.setString(2, in.publication().strip());
            ps.setString(3, in.title().strip());
            ps.setObject(4, in.date());
            ps.setString(5, in.url());
            ps.setObject(6, now());
            ps.executeUpdate();
            return generatedId(ps);
        }
    }

    List<PressMention> pressMentions(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, sku, publication, title, published_on, url FROM catalog_press_mention WHERE sku = ? ORDER BY published_on DESC, id DESC")) {
            ps.setString(1, sku);
            List<PressMention> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new PressMention(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, LocalDate.class), rs.getString(6)));
                }
            }
            return result;
        }
    }

    /** The SKU a row of an evidence table belongs to. */
    Optional<String> skuOf(Connection c, String table, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sku FROM " + table + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Deletes a row of a table by id; @return false when there was none. */
    boolean delete(Connection c, String table, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static BigDecimal plain(BigDecimal d) {
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static StoredReview storedReview(ResultSet rs) throws SQLException {
        Review r = new Review(rs.getLong("id"), rs.getString("sku"), rs.getInt("rating"), rs.getString("title"), rs.getString("body"),
                rs.getString("author"), rs.getBoolean("verified_buyer"), ReviewStatus.valueOf(rs.getString("status")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
        return new StoredReview(r, rs.getString("customer_id"), rs.getString("idempotency_key"));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
