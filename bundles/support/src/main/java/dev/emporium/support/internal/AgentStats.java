package dev.emporium.support.internal;

import dev.emporium.platform.api.Money;
import dev.emporium.platform.api.Transactions;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Figures per agent: chats and their first response, cases resolved and rated, follow-ups won and the sales credited. */
public final class AgentStats {

    /**
     * One agent's figures. Averages are null when there is nothing to average.
     *
     * @param salesCredited the order totals credited to the agent, one per currency
     */
    public record AgentFigures(String agent, long chats, Double chatFirstResponseSeconds, long cases, long casesResolved,
                               Double caseFirstResponseSeconds, Double caseResolutionSeconds, long ratings, Double averageRating,
                               long salesClosed, List<Money> salesCredited) {
    }

    private final DataSource dataSource;

    public AgentStats(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<AgentFigures> all() {
        return Transactions.inTransaction(dataSource, c -> {
            Map<String, Builder> byAgent = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT agent, COUNT(*) AS n, AVG(first_response_seconds * 1.0) AS frt FROM support_conversation
                    WHERE agent IS NOT NULL GROUP BY agent""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Builder b = byAgent.computeIfAbsent(rs.getString("agent"), Builder::new);
                    b.chats = rs.getLong("n");
                    b.chatFrt = avg(rs, "frt");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT agent, COUNT(*) AS n, SUM(CASE WHEN status <> 'OPEN' THEN 1 ELSE 0 END) AS resolved,
                    AVG(first_response_seconds * 1.0) AS frt, AVG(resolution_seconds * 1.0) AS rt, COUNT(rating) AS ratings,
                    AVG(rating * 1.0) AS rating FROM support_case WHERE agent IS NOT NULL GROUP BY agent""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Builder b = byAgent.computeIfAbsent(rs.getString("agent"), Builder::new);
                    b.cases = rs.getLong("n");
                    b.resolved = rs.getLong("resolved");
                    b.caseFrt = avg(rs, "frt");
                    b.caseRt = avg(rs, "rt");
                    b.ratings = rs.getLong("ratings");
                    b.rating = avg(rs, "rating");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT credited_agent, currency, COUNT(*) AS n, SUM(credited_total) AS total FROM support_follow_up
                    WHERE status = 'WON' AND credited_agent IS NOT NULL GROUP BY credited_agent, currency""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Builder b = byAgent.computeIfAbsent(rs.getString("credited_agent"), Builder::new);
                    b.sales += rs.getLong("n");
                    BigDecimal total = rs.getBigDecimal("total");
                    if (total != null && rs.getString("currency") != null) {
                        b.credited.add(new Money(total, rs.getString("currency")));
                    }
                }
            }
            return byAgent.values().stream().map(Builder::build).toList();
        });
    }

    private static Double avg(ResultSet rs, String column) throws SQLException {
        BigDecimal v = rs.getBigDecimal(column);
        return v == null ? null : Math.round(v.doubleValue() * 10) / 10.0;
    }

    private static final class Builder {
        final String agent;
        long chats;
        Double chatFrt;
        long cases;
        long resolved;
        Double caseFrt;
        Double caseRt;
        long ratings;
        Double rating;
        long sales;
        final List<Money> credited = new ArrayList<>();

        Builder(String agent) {
            this.agent = agent;
        }

        AgentFigures build() {
            return new AgentFigures(agent, chats, chatFrt, cases, resolved, caseFrt, caseRt, ratings, rating, sales, List.copyOf(credited));
        }
    }
}
