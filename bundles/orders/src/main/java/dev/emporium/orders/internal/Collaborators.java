package dev.emporium.orders.internal;

import dev.emporium.catalog.api.Catalog;
import dev.emporium.catalog.api.ProductRelations;
import dev.emporium.inventory.api.StockAdjustments;
import dev.emporium.inventory.api.StockReservations;
import dev.emporium.orders.api.PaymentProvider;
import dev.emporium.platform.api.ProblemException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The other departments orders works with, each possibly away (being upgraded). Carts and orders stay readable
 * without them; what needs one waits for it as the gateway holds a request for a department being swapped (a swap
 * lasts well under a second), then answers 503 with {@code Retry-After} if it stays away (DESIGN rules 2 and 3).
 */
public final class Collaborators {

    /** How long a request waits for a department that is away, as the gateway's default hold. */
    static final Duration HOLD = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;

    private final Supplier<Catalog> catalog;
    private final Supplier<StockReservations> reservations;
    private final Supplier<List<PaymentProvider>> payments;
    private final Supplier<StockAdjustments> adjustments;
    private final Supplier<ProductRelations> relations;

    private final Duration hold;
    private final Set<String> ownMethods;

    public Collaborators(Supplier<Catalog> catalog, Supplier<StockReservations> reservations, Supplier<List<PaymentProvider>> payments,
                         Supplier<StockAdjustments> adjustments, Supplier<ProductRelations> relations) {
        this(catalog, reservations, payments, adjustments, relations, HOLD);
    }

    /** @param hold how long a request waits for a department that is away before its 503 */
    public Collaborators(Supplier<Catalog> catalog, Supplier<StockReservations> reservations, Supplier<List<PaymentProvider>> payments,
                         Supplier<StockAdjustments> adjustments, Supplier<ProductRelations> relations, Duration hold) {
        this(catalog, reservations, payments, adjustments, relations, hold, Set.of());
    }

    /**
     * @param ownMethods the payment methods of the providers the orders bundle itself registers: while the bundle
     *                   starts (its routes in, a provider not yet), a checkout with one of them waits for it
     */
    public Collaborators(Supplier<Catalog> catalog, Supplier<StockReservations> reservations, Supplier<List<PaymentProvider>> payments,
                         Supplier<StockAdjustments> adjustments, Supplier<ProductRelations> relations, Duration hold,
                         Set<String> ownMethods) {
        this.hold = hold;
        this.ownMethods = Set.copyOf(ownMethods);
        this.catalog = catalog;
        this.reservations = reservations;
        this.payments = payments;
        this.adjustments = adjustments;
        this.relations = relations;
    }

    /** Inventory's adjustments (restocking a return), or a 503 "inventory is being upgraded". */
    public StockAdjustments adjustments() {
        return present(adjustments, "inventory");
    }

    /** The catalog's product relations (suggestions), or a 503 "catalog is being upgraded". */
    public ProductRelations relations() {
        return present(relations, "catalog");
    }

    /** Inventory's reservations if present now, for work that can wait for it (an event heard again later). */
    public Optional<StockReservations> reservationsIfPresent() {
        return Optional.ofNullable(reservations.get());
    }

    /** The catalog, or a 503 "catalog is being upgraded". */
    public Catalog catalog() {
        return present(catalog, "catalog");
    }

    /** Inventory's reservations, or a 503 "inventory is being upgraded". */
    public StockReservations reservations() {
        return present(reservations, "inventory");
    }

    /**
     * The provider of a payment method. One the orders bundle registers itself is waited for while it is not there yet
     * (the bundle starting: its routes can be in a moment before its providers); another is looked up once.
     */
    public Optional<PaymentProvider> payment(String method) {
        if (ownMethods.contains(method)) {
            return Optional.ofNullable(present(() -> provider(method).orElse(null), "payments", false));
        }
        return provider(method);
    }

    private Optional<PaymentProvider> provider(String method) {
        List<PaymentProvider> all = payments.get();
        return all == null ? Optional.empty() : all.stream().filter(p -> p.method().equals(method)).findFirst();
    }

    /** The payment methods available, sorted; the bundle's own ones waited for while it starts, as in {@link #payment}. */
    public List<String> paymentMethods() {
        present(() -> methodsNow().containsAll(ownMethods) ? Boolean.TRUE : null, "payments", false);
        return methodsNow();
    }

    private List<String> methodsNow() {
        List<PaymentProvider> all = payments.get();
        return all == null ? List.of() : all.stream().map(PaymentProvider::method).sorted().distinct().toList();
    }

    private <T> T present(Supplier<T> current, String department) {
        return present(current, department, true);
    }

    /** The service, waited for up to the hold while it is away; then a 503, or null when {@code required} is false. */
    private <T> T present(Supplier<T> current, String department, boolean required) {
        T service = current.get();
        long deadline = System.nanoTime() + hold.toNanos();
        while (service == null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            service = current.get();
        }
        if (service == null && required) {
            throw new ProblemException(503, "Service unavailable", department + " is being upgraded; try again in a few seconds",
                    List.of(), Map.of("Retry-After", "5"));
        }
        return service;
    }
}
