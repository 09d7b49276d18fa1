package dev.emporium.catalog.internal.relations;

import dev.emporium.catalog.api.Relation;
import dev.emporium.catalog.api.RelationKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The SQL of relations between products. */
final class RelationStore {

    boolean productExists(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM catalog_product WHERE sku = ?")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    boolean exists(Connection c, String sku, RelationKind kind, String related) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM catalog_relation WHERE sku = ? AND kind = ? AND related_sku = ?")) {
            ps.setString(1, sku);
            ps.setString(2, kind.name());
            ps.setString(3, related);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    void insert(Connection c, Relation r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO catalog_relation (sku, kind, related_sku, reason, created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, r.sku());
            ps.setString(2, r.kind().name());
            ps.setString(3, r.relatedSku());
            ps.setString(4, r.reason());
            ps.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    boolean delete(Connection c, String sku, RelationKind kind, String related) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM catalog_relation WHERE sku = ? AND kind = ? AND related_sku = ?")) {
            ps.setString(1, sku);
            ps.setString(2, kind.name());
            ps.setString(3, related);
            return ps.executeUpdate() == 1;
        }
    }

    /** Relations of the given products, in the order they were made. */
    List<Relation> of(Connection c, Collection<String> skus) throws SQLException {
        List<Relation> result = new ArrayList<>();
        if (skus.isEmpty()) {
            return result;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(skus.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT sku, kind, related_sku, reason FROM catalog_relation WHERE sku IN ("
                + marks + ") ORDER BY created_at, sku, kind, related_sku")) {
            int i = 1;
            for (String s : skus) {
                ps.setString(i++, s);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Relation(rs.getString(1), RelationKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return result;
    }
}
