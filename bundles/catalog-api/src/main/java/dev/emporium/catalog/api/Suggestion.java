package dev.emporium.catalog.api;

import java.util.List;

/**
 * A product suggested for a set of products (a cart).
 *
 * @param kind   the strongest kind of relation that brought it (complementary before cross-sell before up-sell)
 * @param reason the editor's reason, from the first product of the set that gave one
 * @param from   the products of the set that point at it; more of them rank it higher
 */
public record Suggestion(Product product, RelationKind kind, String reason, List<String> from) {

    public Suggestion {
        from = from == null ? List.of() : List.copyOf(from);
    }
}
