package dev.emporium.support.internal.community;

import dev.emporium.customers.api.CustomerInsights;
import dev.emporium.customers.api.CustomerProfile;
import dev.emporium.customers.api.CustomerProfiles;
import dev.emporium.customers.api.CustomerReach;
import dev.emporium.customers.api.CustomerStatus;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.support.api.MentionReport;
import dev.emporium.support.internal.Db;
import dev.emporium.support.internal.cases.CaseBook;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The community manager's watch: a list of keywords, customers and handles; mentions filed once per source and
 * post, rated positive or negative (by the source, else by word lists), weighed by the customer's influence from the
 * customers department, and turned into a proposal: invite a happy customer to review, open a case for an unhappy one.
 */
public final class CommunityWatch {

    public static final Set<String> KINDS = Set.of("KEYWORD", "CUSTOMER", "HANDLE");
    public static final Set<String> SENTIMENTS = Set.of("POSITIVE", "NEGATIVE", "NEUTRAL");

    /** How mentions are rated and flagged. */
    public record Rules(Set<String> positiveWords, Set<String> negativeWords, int influenceThreshold) {

        public static Rules of(String positive, String negative, int threshold) {
            return new Rules(words(positive), words(negative), Math.max(0, Math.min(100, threshold)));
        }

        private static Set<String> words(String list) {
            return list == null ? Set.of() : Arrays.stream(list.split(",")).map(w -> w.strip().toLowerCase(Locale.ROOT))
                    .filter(w -> !w.isEmpty()).collect(Collectors.toUnmodifiableSet());
        }
    }

    private static final String COLUMNS = """
            id, source, external_id, author, customer_id, body, sentiment, matched, influence, flagged, proposal, case_id, published_at, created_at""";

    private final DataSource dataSource;
    private final Clock clock;
    private final CaseBook cases;
    private final Supplier<Rules> rules;

    public CommunityWatch(DataSource dataSource, Clock clock, CaseBook cases, Supplier<Rules> rules) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.cases = cases;
        this.rules = rules;
    }

    public Watch watch(String kind, String term) {
        String k = kind == null ? null : kind.strip().toUpperCase(Locale.ROOT);
        if (k == null || !KINDS.contains(k)) {
            throw new ValidationException("kind", "one of CUSTOMER, HANDLE, KEYWORD");
        }
        String t = Db.text("term", term, 200, true);
        String stored = k.equals("CUSTOMER") ? t : t.toLowerCase(Locale.ROOT);
        return Transactions.inTransaction(dataSource, c -> {
            Transactions.insertIfAbsent(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement("INSERT INTO support_watch (kind, term, created_at) VALUES (?, ?, ?)")) {
                    Db.bind(ps, k, stored, clock.instant());
                    ps.executeUpdate();
                }
                return null;
            });
            return watchList(c).stream().filter(w -> w.kind().equals(k) && w.term().equals(stored)).findFirst().orElseThrow();
        });
    }

    public void unwatch(long id) {
        Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM support_watch WHERE id = ?")) {
                Db.bind(ps, id);
                if (ps.executeUpdate() == 0) {
                    throw new NotFoundException("no watch " + id);
                }
            }
            return null;
        });
    }

    public List<Watch> watchList() {
        return Transactions.inTransaction(dataSource, CommunityWatch::watchList);
    }

    /**
     * Files a mention once per source and external id (a second report of the same post answers the first mention).
     *
     * @param profiles may be null (customers being upgraded): a named customer is then trusted as known
     * @param insights may be null: influence then counts as 0, and nothing is flagged
     */
    public Mention file(String source, MentionReport report, CustomerProfiles profiles, CustomerInsights insights) {
        String src = Db.text("source", source, 64, true);
        if (report == null) {
            throw new ValidationException("body", "a mention is required");
        }
        String externalId = Db.text("externalId", report.externalId(), 200, true);
        String author = Db.text("author", report.author(), 200, false);
        String customerId = Db.text("customerId", report.customerId(), 64, false);
        String text = Db.text("text", report.text(), 4000, true);
        String sentiment = report.sentiment() == null ? null : report.sentiment().strip().toUpperCase(Locale.ROOT);
        if (sentiment != null && !SENTIMENTS.contains(sentiment)) {
            throw new ValidationException("sentiment", "one of NEGATIVE, NEUTRAL, POSITIVE, or none to let support rate it");
        }
        Optional<Mention> known = find(src, externalId);
        if (known.isPresent()) {
            return known.get();
        }
        if (customerId != null && profiles != null) {
            Optional<CustomerProfile> p = profiles.find(customerId);
            if (p.isEmpty() || p.get().status() == CustomerStatus.ERASED) {
                throw new ValidationException("customerId", "no customer " + customerId);
            }
        }
        Rules r = rules.get();
        String rated = sentiment != null ? sentiment : rate(text, r);
        int influence = customerId == null || insights == null ? 0
                : insights.reach(customerId).map(CustomerReach::influence).orElse(0);
        boolean flagged = customerId != null && influence >= r.influenceThreshold() && influence > 0;
        Instant published = report.publishedAt() == null ? clock.instant() : report.publishedAt();
        long id = Transactions.inTransaction(dataSource, c -> {
            String matched = matched(watchList(c), text, customerId, author);
            String proposal;
            Long caseId = null;
            if (rated.equals("POSITIVE")) {
                proposal = customerId != null ? "INVITE_REVIEW" : "THANK";
            } else if (rated.equals("NEGATIVE")) {
                if (customerId != null) {
                    caseId = cases.openForMention(c, customerId, influence, flagged, text);
                    proposal = "CASE_OPENED";
                } else {
                    proposal = "INVITE_TO_STORE";
                }
            } else {
                proposal = "NONE";
            }
            Long theCase = caseId;
            boolean inserted = Transactions.insertIfAbsent(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement("""
                        INSERT INTO support_mention (source, external_id, author, customer_id, body, sentiment, matched, influence, flagged,
                        proposal, case_id, published_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                    Db.bind(ps, src, externalId, author, customerId, text, rated, matched, influence, flagged, proposal,
                            theCase == null ? new Db.Null(java.sql.Types.BIGINT) : theCase, published, clock.instant());
                    ps.executeUpdate();
                }
                return null;
            });
            if (!inserted) {
                // the same post filed by another node at the same moment: keep theirs, and not a second case
                throw new ConflictException("mention " + src + "/" + externalId + " is being filed already");
            }
            return find(c, src, externalId).orElseThrow().id();
        });
        return get(id);
    }

    static String rate(String text, Rules rules) {
        int score = 0;
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
            if (rules.positiveWords().contains(word)) {
                score++;
            }
            if (rules.negativeWords().contains(word)) {
                score--;
            }
        }
        return score > 0 ? "POSITIVE" : score < 0 ? "NEGATIVE" : "NEUTRAL";
    }

    private static String matched(List<Watch> watches, String text, String customerId, String author) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> hits = new ArrayList<>();
        for (Watch w : watches) {
            boolean hit = switch (w.kind()) {
                case "KEYWORD" -> lower.contains(w.term());
                case "CUSTOMER" -> w.term().equals(customerId);
                case "HANDLE" -> author != null && author.toLowerCase(Locale.ROOT).equals(w.term());
                default -> false;
            };
            if (hit) {
                hits.add(w.kind().toLowerCase(Locale.ROOT) + ":" + w.term());
            }
        }
        return hits.isEmpty() ? null : String.join(",", hits);
    }

    public Mention get(long id) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM support_mention WHERE id = ?")) {
                Db.bind(ps, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("no mention " + id);
                    }
                    return row(rs);
                }
            }
        });
    }

    /** Mentions, flagged (influential) ones first, then by influence, newest first. */
    public List<Mention> list(String proposal, int limit) {
        return Transactions.inTransaction(dataSource, c -> {
            List<Mention> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + """
                     FROM support_mention WHERE (? IS NULL OR proposal = ?)
                    ORDER BY flagged DESC, influence DESC, id DESC FETCH FIRST %d ROWS ONLY""".formatted(Math.max(1, Math.min(limit, 500))))) {
                Db.bind(ps, proposal, proposal);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(row(rs));
                    }
                }
            }
            return list;
        });
    }

    /** The newest publication date filed from {@code source}: where an importer resumes. */
    public Instant newestFrom(String source) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(published_at) AS newest FROM support_mention WHERE source = ?")) {
                Db.bind(ps, source);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Db.instant(rs, "newest") : null;
                }
            }
        });
    }

    /** Erasure: what the customer wrote and their handle go. */
    public static void anonymize(Connection c, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE support_mention SET author = NULL, body = ? WHERE customer_id = ?")) {
            Db.bind(ps, Db.ERASED, customerId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM support_watch WHERE kind = 'CUSTOMER' AND term = ?")) {
            Db.bind(ps, customerId);
            ps.executeUpdate();
        }
    }

    private Optional<Mention> find(String source, String externalId) {
        return Transactions.inTransaction(dataSource, c -> find(c, source, externalId));
    }

    private static Optional<Mention> find(Connection c, String source, String externalId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM support_mention WHERE source = ? AND external_id = ?")) {
            Db.bind(ps, source, externalId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static List<Watch> watchList(Connection c) throws SQLException {
        List<Watch> list = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, term, created_at FROM support_watch ORDER BY kind, term");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                list.add(new Watch(rs.getLong("id"), rs.getString("kind"), rs.getString("term"), Db.instant(rs, "created_at")));
            }
        }
        return list;
    }

    private static Mention row(ResultSet rs) throws SQLException {
        return new Mention(rs.getLong("id"), rs.getString("source"), rs.getString("external_id"), rs.getString("author"),
                rs.getString("customer_id"), rs.getString("body"), rs.getString("sentiment"), rs.getString("matched"),
                rs.getInt("influence"), rs.getBoolean("flagged"), rs.getString("proposal"), Db.longOrNull(rs, "case_id"),
                Db.instant(rs, "published_at"), Db.instant(rs, "created_at"));
    }
}
