package dev.emporium.orders.internal.checkout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.catalog.api.Catalog;
import dev.emporium.catalog.api.Product;
import dev.emporium.inventory.api.Reservation;
import dev.emporium.inventory.api.ReservationLine;
import dev.emporium.inventory.api.StockReservations;
import dev.emporium.orders.api.Cart;
import dev.emporium.orders.api.CartLine;
import dev.emporium.orders.api.Order;
import dev.emporium.orders.api.OrderLine;
import dev.emporium.orders.api.OrderStatus;
import dev.emporium.orders.api.PaymentProvider;
import dev.emporium.orders.api.PaymentRequest;
import dev.emporium.orders.api.PaymentResult;
import dev.emporium.orders.api.Totals;
import dev.emporium.orders.internal.Collaborators;
import dev.emporium.orders.internal.cart.CartBook;
import dev.emporium.orders.internal.order.OrderBook;
import dev.emporium.orders.internal.pricing.Pricing;
import dev.emporium.platform.api.Access;
import dev.emporium.platform.api.Caller;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.GoneException;
import dev.emporium.platform.api.Money;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.ValidationException;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Turns a cart into an order: claims the Idempotency-Key, checks every product is still on sale at the price the
 * cart says (a changed price is applied and reported), holds the stock through inventory, takes the payment, and
 * writes the order with its answer in one transaction. A retry with the same key gets the same answer, status and
 * body, and never holds stock nor charges twice.
 */
public final class CheckoutDesk {

    /** The status of a declined payment. */
    public static final int PAYMENT_REQUIRED = 402;

    /** A checkout's answer: the status and the exact body every retry with the same key gets. */
    public record Answer(int status, String orderNumber, JsonNode body) {
    }

    /** The hold lengths, from the configuration. */
    public record Holds(Duration atOnce, Duration awaitingPayment) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final CartBook carts;
    private final OrderBook orders;
    private final CheckoutClaims claims;
    private final Collaborators departments;
    private final Supplier<Pricing> pricing;
    private final Supplier<Holds> holds;
    private final ObjectMapper json;
    private final Supplier<CheckoutGate> gate;

    public CheckoutDesk(DataSource dataSource, Clock clock, CartBook carts, OrderBook orders, CheckoutClaims claims,
                        Collaborators departments, Supplier<Pricing> pricing, Supplier<Holds> holds, ObjectMapper json) {
        this(dataSource, clock, carts, orders, claims, departments, pricing, holds, json,
                () -> UNGATED);
    }

    /** No limit but the machine's: for tests that drive one checkout at a time. */
    private static final CheckoutGate UNGATED = new CheckoutGate(Integer.MAX_VALUE, Duration.ofSeconds(30));

    /** @param gate how many checkouts run at once, from the configuration */
    public CheckoutDesk(DataSource dataSource, Clock clock, CartBook carts, OrderBook orders, CheckoutClaims claims,
                        Collaborators departments, Supplier<Pricing> pricing, Supplier<Holds> holds, ObjectMapper json,
                        Supplier<CheckoutGate> gate) {
        this.gate = gate;
        this.dataSource = dataSource;
        this.clock = clock;
        this.carts = carts;
        this.orders = orders;
        this.claims = claims;
        this.departments = departments;
        this.pricing = pricing;
        this.holds = holds;
        this.json = json;
    }

    /**
     * @throws ValidationException for invalid fields (nothing is claimed)
     * @throws GoneException       naming the products no longer sold
     * @throws ConflictException   when stock is short, the cart is checked out or being checked out, or the key was
     *                             used for another cart
     * @throws ProblemException    402 when the payment is declined (the stock is released); 503 with Retry-After when
     *                             too many checkouts wait for their turn
     */
    public Answer checkout(CheckoutRequest request, String idempotencyKey, Optional<Caller> caller) {
        request.validate(departments.paymentMethods());
        return gate.get().pass(() -> admitted(request, idempotencyKey, caller));
    }

    private Answer admitted(CheckoutRequest request, String idempotencyKey, Optional<Caller> caller) {
        PaymentProvider payment = departments.payment(request.paymentMethod())
                .orElseThrow(() -> new ValidationException("paymentMethod", "unknown; one of " + String.join(", ", departments.paymentMethods())));
        List<FieldError> paymentErrors = payment.check(request.paymentDetails());
        if (!paymentErrors.isEmpty()) {
            throw new ValidationException(paymentErrors);
        }
        CheckoutClaims.Claim claim = claims.claim(idempotencyKey, request.cartId());
        if (claim.answered()) {
            return replay(claim);
        }
        String key = claim.key();
        String number = claim.orderNumber();
        // Refusals up to the reservation change nothing: the key and the cart are freed for another try.
        Reservation reservation;
        Cart cart;
        List<CartLine> lines;
        List<PriceChange> changes = new ArrayList<>();
        Map<String, Product> sold = new HashMap<>();
        Totals totals;
        try {
            cart = carts.beginCheckout(request.cartId(), caller, key).cart();
            try {
                if (cart.lines().isEmpty()) {
                    throw new ConflictException("cart " + cart.id() + " is empty");
                }
                lines = reprice(cart.lines(), departments.catalog(), changes, sold);
                totals = pricing.get().totals(lines, volume(lines, sold), request.address().country());
                Holds h = holds.get();
                Instant until = clock.instant().plus(payment.paysAtOnce() ? h.atOnce() : h.awaitingPayment());
                reservation = reserve(departments.reservations(), lines, until, number);
            } catch (RuntimeException e) {
                carts.endCheckout(request.cartId(), key);
                throw e;
            }
        } catch (RuntimeException e) {
            claims.forget(key);
            throw e;
        }

        PaymentResult paid;
        try {
            paid = payment.charge(new PaymentRequest(number, key, totals.total(), request.email().strip(), request.paymentDetails()));
        } catch (RuntimeException e) {
            departments.reservations().release(reservation.id());
            carts.endCheckout(request.cartId(), key);
            claims.forget(key);
            throw e;
        }
        if (paid.outcome() == PaymentResult.Outcome.DECLINED) {
            departments.reservations().release(reservation.id());
            String detail = "the payment was declined" + (paid.message() == null ? "" : ": " + paid.message())
                    + "; nothing was charged and the cart is kept";
            Transactions.inTransaction(dataSource, c -> {
                claims.answer(c, key, PAYMENT_REQUIRED, "Payment declined", detail);
                return null;
            });
            carts.endCheckout(request.cartId(), key);
            throw declined(detail);
        }

        OrderStatus status = paid.outcome() == PaymentResult.Outcome.APPROVED ? OrderStatus.PAID : OrderStatus.AWAITING_PAYMENT;
        String customer = caller.filter(c -> c.kind() == Access.CUSTOMER).map(Caller::id).orElse(null);
        List<OrderLine> orderLines = lines.stream().map(l -> new OrderLine(l.sku(), l.name(), l.packSize(), l.quantity(), l.units(),
                l.unitPrice(), l.lineTotal())).toList();
        String actor = customer == null ? "guest:" + request.email().strip() : "customer:" + customer;
        Reservation held = reservation;
        if (status == OrderStatus.PAID) {
            // Taken before the order's transaction, never inside it: inventory takes a connection of the same pool, and
            // checkouts each holding one while waiting for a second starve the pool under load (200 at once did on
            // PostgreSQL). Idempotent: a retry after a crash between here and the order commits the same reservation.
            departments.reservations().commit(held.id());
        }
        String body = Transactions.inTransaction(dataSource, c -> {
            Order order = orders.place(c, new OrderBook.NewOrder(number, status, customer, request.email().strip(), request.address(),
                    payment.method(), paid.reference(), request.cartId(), held.id(), orderLines, totals, origins(sold)), actor);
            CartBook.checkedOut(c, request.cartId(), key, number, clock.instant());
            String rendered = write(new Placed(order, changes));
            claims.answer(c, key, 201, null, rendered);
            return rendered;
        });
        return new Answer(201, number, read(body));
    }

    private Answer replay(CheckoutClaims.Claim claim) {
        if (claim.status() >= 400) {
            throw new ProblemException(claim.status(), claim.title(), claim.response());
        }
        return new Answer(claim.status(), claim.orderNumber(), read(claim.response()));
    }

    private static ProblemException declined(String detail) {
        return new ProblemException(PAYMENT_REQUIRED, "Payment declined", detail);
    }

    /** The lines at the catalog's prices now; every product must still be on sale. */
    List<CartLine> reprice(List<CartLine> lines, Catalog catalog, List<PriceChange> changes, Map<String, Product> sold) {
        Pricing prices = pricing.get();
        List<String> gone = new ArrayList<>();
        List<CartLine> repriced = new ArrayList<>();
        for (CartLine line : lines) {
            Optional<Product> product = catalog.bySku(line.sku());
            if (product.isEmpty() || !product.get().onSale()) {
                gone.add(line.sku());
                continue;
            }
            sold.put(line.sku(), product.get());
            Money now = prices.packPrice(product.get(), line.packSize());
            if (!now.equals(line.unitPrice())) {
                changes.add(new PriceChange(line.sku(), line.packSize(), line.unitPrice(), now));
            }
            long unitWeight = product.get().shipping() == null ? 0 : product.get().shipping().weightGrams();
            repriced.add(Pricing.line(line.sku(), product.get().name(), line.packSize(), line.quantity(), now, unitWeight));
        }
        if (!gone.isEmpty()) {
            throw new GoneException(String.join(", ", gone) + (gone.size() == 1 ? " is" : " are")
                    + " no longer sold; remove " + (gone.size() == 1 ? "it" : "them") + " from the cart to check out");
        }
        return repriced;
    }

    /** The parcel's volume at the catalog's dimensions now. */
    private static long volume(List<CartLine> lines, Map<String, Product> sold) {
        long volume = 0;
        for (CartLine line : lines) {
            Product p = sold.get(line.sku());
            volume += p == null ? 0 : Math.multiplyExact(line.units(), Pricing.unitVolume(p));
        }
        return volume;
    }

    private static Map<String, OrderBook.LineOrigin> origins(Map<String, Product> sold) {
        Map<String, OrderBook.LineOrigin> origins = new HashMap<>();
        sold.forEach((sku, p) -> origins.put(sku, new OrderBook.LineOrigin(p.brand(), p.type())));
        return origins;
    }

    /** Holds the units of every SKU, all or nothing; the reference is the order number, so a retry holds nothing more. */
    private static Reservation reserve(StockReservations inventory, List<CartLine> lines, Instant until, String number) {
        Map<String, Long> units = new TreeMap<>();
        for (CartLine line : lines) {
            units.merge(line.sku(), line.units(), Long::sum);
        }
        List<ReservationLine> wanted = units.entrySet().stream().map(e -> new ReservationLine(e.getKey(), e.getValue())).toList();
        try {
            return inventory.reserve(wanted, until, "orders:" + number);
        } catch (NotFoundException e) {
            // inventory never stocked it: for a buyer that is "out of stock", not a missing page
            throw new ConflictException("not enough stock: " + e.detail());
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an order could not be rendered: " + e.getMessage(), e);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored checkout answer is unreadable: " + e.getMessage(), e);
        }
    }
}
