package dev.emporium.catalog.internal.relations;

import dev.emporium.catalog.api.Relation;
import dev.emporium.catalog.api.RelationKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks what to suggest for a set of products. Complementary and cross-sell products come first, then up-sells; in
 * each group a product more of the set points at ranks higher, then complementary before cross-sell, then by SKU so
 * the order is stable. Similar products are alternatives, not additions, and are never suggested for a set.
 */
public final class SuggestionRanking {

    /** One candidate: the SKU, the kind that ranks it, its reason and which products of the set point at it. */
    public record Candidate(String sku, RelationKind kind, String reason, List<String> from) {
    }

    private SuggestionRanking() {
    }

    /**
     * @param set       the products already chosen
     * @param relations relations whose {@code sku} is in the set (others are ignored)
     * @return candidates outside the set, best first
     */
    public static List<Candidate> rank(Collection<String> set, Collection<Relation> relations) {
        Set<String> chosen = new LinkedHashSet<>(set);
        Map<String, Acc> additions = new LinkedHashMap<>();
        Map<String, Acc> upSells = new LinkedHashMap<>();
        List<Relation> ordered = new ArrayList<>(relations);
        // reasons come from the first product of the set (in its order) that gave one
        List<String> setOrder = new ArrayList<>(chosen);
        ordered.sort(Comparator.comparingInt((Relation r) -> setOrder.indexOf(r.sku())).thenComparing(r -> r.kind().ordinal()));
        for (Relation r : ordered) {
            if (!chosen.contains(r.sku()) || chosen.contains(r.relatedSku())) {
                continue;
            }
            switch (r.kind()) {
                case COMPLEMENTARY, CROSS_SELL -> additions.computeIfAbsent(r.relatedSku(), Acc::new).add(r);
                case UP_SELL -> upSells.computeIfAbsent(r.relatedSku(), Acc::new).add(r);
                case SIMILAR -> {
                }
            }
        }
        upSells.keySet().removeAll(additions.keySet());
        List<Candidate> result = new ArrayList<>(sorted(additions));
        result.addAll(sorted(upSells));
        return result;
    }

    private static List<Candidate> sorted(Map<String, Acc> group) {
        return group.values().stream()
                .sorted(Comparator.comparingInt((Acc a) -> -a.from.size())
                        .thenComparing(a -> a.kind.ordinal())
                        .thenComparing(a -> a.sku))
                .map(a -> new Candidate(a.sku, a.kind, a.reason, List.copyOf(a.from)))
                .toList();
    }

    private static final class Acc {
        final String sku;
        final Set<String> from = new LinkedHashSet<>();
        RelationKind kind;
        String reason;

        Acc(String sku) {
            this.sku = sku;
        }

        void add(Relation r) {
            from.add(r.sku());
            // COMPLEMENTARY (ordinal 1) is stronger than CROSS_SELL (3)
            if (kind == null || r.kind().ordinal() < kind.ordinal()) {
                kind = r.kind();
            }
            if (reason == null && r.reason() != null && !r.reason().isBlank()) {
                reason = r.reason();
            }
        }
    }
}
