package dev.emporium.customers.api;

import dev.emporium.platform.api.Money;

import java.time.Instant;
import java.util.List;

/**
 * What a customer's orders say about how they buy, derived from the orders department's events (never typed in).
 * Cancelled orders count nowhere.
 *
 * @param orderCount               orders placed and not cancelled
 * @param totalSpent               the totals of those orders, one amount per currency
 * @param priceRange               unit prices paid, in the currency of most orders; null when no price is known
 * @param averageDaysBetweenOrders days from the first to the last order divided by the gaps between them; null below two orders
 * @param frequency                {@code none}, {@code once}, {@code weekly}, {@code monthly}, {@code quarterly},
 *                                 {@code yearly} or {@code occasional}, from the average days between orders
 * @param favouriteBrands          brands by units bought, most first (at most 5)
 * @param preferredProductTypes    product types by units bought, most first (at most 5)
 * @param preferredAttributes      catalog attributes ({@code code=value}) by units bought, most first (at most 5)
 */
public record BuyingHabits(String customerId, long orderCount, Instant firstOrderAt, Instant lastOrderAt, List<Money> totalSpent,
                           PriceRange priceRange, Long averageDaysBetweenOrders, String frequency,
                           List<Preference> favouriteBrands, List<Preference> preferredProductTypes,
                           List<Preference> preferredAttributes) {

    public BuyingHabits {
        totalSpent = totalSpent == null ? List.of() : List.copyOf(totalSpent);
        favouriteBrands = favouriteBrands == null ? List.of() : List.copyOf(favouriteBrands);
        preferredProductTypes = preferredProductTypes == null ? List.of() : List.copyOf(preferredProductTypes);
        preferredAttributes = preferredAttributes == null ? List.of() : List.copyOf(preferredAttributes);
    }

    /** A brand, product type or attribute the customer bought: units over every order, and in how many orders. */
    public record Preference(String name, long units, long orders) {
    }

    /** The lowest and highest unit price paid, and the average paid per unit. */
    public record PriceRange(Money lowest, Money highest, Money averagePerUnit) {
    }
}
