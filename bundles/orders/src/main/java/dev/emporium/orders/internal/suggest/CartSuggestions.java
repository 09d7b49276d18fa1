package dev.emporium.orders.internal.suggest;

import dev.emporium.catalog.api.ProductRelations;
import dev.emporium.catalog.api.RelationKind;
import dev.emporium.catalog.api.Suggestion;
import dev.emporium.orders.api.Cart;
import dev.emporium.orders.api.CartLine;
import dev.emporium.orders.api.OrderStatus;
import dev.emporium.orders.internal.cart.CartBook;
import dev.emporium.platform.api.Access;
import dev.emporium.platform.api.Caller;
import dev.emporium.platform.api.Money;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.ValidationException;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What to offer beside a cart: the catalog's relations of its products give the candidates (up-sells: a better
 * choice instead; cross-sells and complements: something to add), and orders' own history ranks them by how many
 * other customers who bought one of the cart's products also bought the candidate. Ties keep the catalog's order
 * (the number of the cart's products pointing at a candidate).
 */
public final class CartSuggestions {

    /** At most this many suggestions per kind; the default is {@link #DEFAULT_LIMIT}. */
    public static final int MAX_LIMIT = 20;
    public static final int DEFAULT_LIMIT = 5;

    /** How many candidates the catalog is asked for, before ranking. */
    private static final int CANDIDATES = 50;

    /** A product offered beside the cart. */
    public record Suggested(String sku, String name, Money price, RelationKind kind, String reason, List<String> from,
                            long boughtBy) {
    }

    /**
     * The suggestions for a cart: {@code upSell} replaces a product of the cart by a better one, {@code crossSell} adds
     * to it; {@code boughtBy} is how many other customers who bought one of the cart's products also bought it.
     */
    public record ForCart(String cartId, List<Suggested> upSell, List<Suggested> crossSell) {
    }

    private final DataSource dataSource;
    private final CartBook carts;
    private final Supplier<ProductRelations> relations;

    public CartSuggestions(DataSource dataSource, CartBook carts, Supplier<ProductRelations> relations) {
        this.dataSource = dataSource;
        this.carts = carts;
        this.relations = relations;
    }

    /** @throws ValidationException when limit is out of 1..{@value #MAX_LIMIT} */
    public ForCart forCart(String cartId, Optional<Caller> caller, Integer limit) {
        int max = limit == null ? DEFAULT_LIMIT : limit;
        if (max < 1 || max > MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        Cart cart = carts.get(cartId, caller);
        Set<String> inCart = new LinkedHashSet<>();
        for (CartLine line : cart.lines()) {
            inCart.add(line.sku());
        }
        if (inCart.isEmpty()) {
            return new ForCart(cart.id(), List.of(), List.of());
        }
        List<Suggestion> candidates = relations.get().suggestions(List.copyOf(inCart), CANDIDATES).stream()
                .filter(s -> !inCart.contains(s.product().sku()) && s.kind() != RelationKind.SIMILAR).toList();
        String self = caller.filter(c -> c.kind() == Access.CUSTOMER).map(Caller::id).orElse(null);
        Map<String, Long> boughtBy = coBuyers(inCart, candidates.stream().map(s -> s.product().sku()).toList(), self);
        List<Suggested> up = new ArrayList<>();
        List<Suggested> cross = new ArrayList<>();
        for (Suggestion s : candidates) {
            Suggested one = new Suggested(s.product().sku(), s.product().name(), s.product().price(), s.kind(), s.reason(), s.from(),
                    boughtBy.getOrDefault(s.product().sku(), 0L));
            (s.kind() == RelationKind.UP_SELL ? up : cross).add(one);
        }
        return new ForCart(cart.id(), ranked(up, max), ranked(cross, max));
    }

    /** Most co-buyers first; a stable sort keeps the catalog's order among equals. */
    private static List<Suggested> ranked(List<Suggested> list, int max) {
        List<Suggested> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingLong(Suggested::boughtBy).reversed());
        return Collections.unmodifiableList(sorted.subList(0, Math.min(max, sorted.size())));
    }

    /**
     * For each candidate, how many distinct customers (other than {@code self}) bought one of {@code bought} and also
     * the candidate, in orders neither cancelled nor returned.
     */
    Map<String, Long> coBuyers(Set<String> bought, List<String> candidates, String self) {
        if (candidates.isEmpty()) {
            return Map.of();
        }
        String boughtIn = String.join(", ", Collections.nCopies(bought.size(), "?"));
        String candidateIn = String.join(", ", Collections.nCopies(candidates.size(), "?"));
        String sql = """
                SELECT l2.sku, COUNT(DISTINCT o2.customer_id) FROM orders_order_line l1
                JOIN orders_order o1 ON o1.id = l1.order_id
                JOIN orders_order o2 ON o2.customer_id = o1.customer_id
                JOIN orders_order_line l2 ON l2.order_id = o2.id
                WHERE l1.sku IN (%s) AND l2.sku IN (%s) AND o1.customer_id IS NOT NULL
                  AND o1.status NOT IN (?, ?) AND o2.status NOT IN (?, ?)%s
                GROUP BY l2.sku""".formatted(boughtIn, candidateIn, self == null ? "" : " AND o1.customer_id <> ?");
        return Transactions.inTransaction(dataSource, c -> {
            Map<String, Long> counts = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 0;
                for (String sku : bought) {
                    ps.setString(++i, sku);
                }
                for (String sku : candidates) {
                    ps.setString(++i, sku);
                }
                for (int k = 0; k < 2; k++) {
                    ps.setString(++i, OrderStatus.CANCELLED.name());
                    ps.setString(++i, OrderStatus.RETURNED.name());
                }
                if (self != null) {
                    ps.setString(++i, self);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return counts;
        });
    }
}
