package dev.emporium.orders.internal.http;

import dev.emporium.orders.api.Order;
import dev.emporium.orders.api.OrderChange;
import dev.emporium.orders.api.OrderEvents;
import dev.emporium.orders.api.OrderStatus;
import dev.emporium.orders.internal.OrdersService;
import dev.emporium.orders.internal.checkout.CheckoutDesk;
import dev.emporium.orders.internal.checkout.CheckoutRequest;
import dev.emporium.orders.internal.suggest.CartSuggestions;
import dev.emporium.platform.api.Access;
import dev.emporium.platform.api.Caller;
import dev.emporium.platform.api.DepartmentRoutes;
import dev.emporium.platform.api.HttpMethod;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.Route;
import dev.emporium.platform.api.RouteRequest;
import dev.emporium.platform.api.RouteResponse;
import dev.emporium.platform.api.ValidationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Orders' HTTP routes: carts and checkout for storefronts (guests and signed-in customers), a customer's own orders,
 * an order by number and email for guests; listing and the lifecycle for admins holding {@value #ROLE}.
 */
@Component(service = DepartmentRoutes.class)
public class OrdersRoutes implements DepartmentRoutes {

    /** The admin role that grants orders' admin routes. */
    public static final String ROLE = "order-manager";

    /** A line to add: {@code quantity} packs of {@code packSize} (absent: single units). */
    public record LineBody(String sku, Long quantity, Integer packSize) {
    }

    /** A line's new quantity (0 removes it). */
    public record QuantityBody(Long quantity, Integer packSize) {
    }

    /** How an admin ships an order. */
    public record ShipBody(String carrier, String trackingNumber) {
    }

    /** An optional note on a transition: a reason for a cancellation, a bank reference for a payment. */
    public record NoteBody(String note) {
    }

    /** Why an order came back, and whether its units go back to stock (absent: they do). */
    public record ReturnBody(String reason, Boolean restock) {
    }

    /** A move to a status by name, as the console's orders:transition makes it. */
    public record TransitionBody(String status, String note, String carrier, String trackingNumber) {
    }

    /** An order as an admin sees it: with its history and the inventory reservation that holds or took its stock. */
    public record OrderDetail(Order order, List<OrderChange> history, long reservationId) {
    }

    private final OrdersService orders;

    @Activate
    public OrdersRoutes(@Reference OrdersService orders) {
        this.orders = orders;
    }

    @Override
    public String department() {
        return OrderEvents.DEPARTMENT;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.open(HttpMethod.POST, "/api/orders/carts", "Start a cart (a signed-in customer's own, else a guest's reached by its id)", this::createCart),
                Route.open(HttpMethod.GET, "/api/orders/carts/{cartId}", "A cart with its totals", this::cart),
                Route.open(HttpMethod.POST, "/api/orders/carts/{cartId}/lines", "Add a SKU to a cart, by the unit or by pack, at the catalog's price", this::addLine),
                Route.open(HttpMethod.PUT, "/api/orders/carts/{cartId}/lines/{sku}", "Set a line's quantity (0 removes it)", this::setLine),
                Route.open(HttpMethod.GET, "/api/orders/carts/{cartId}/suggestions",
                        "Up-sells and cross-sells for a cart from the catalog's relations, ranked by what other customers who bought its products bought (?limit= per kind, default 5)",
                        this::suggestions),
                Route.open(HttpMethod.POST, "/api/orders/checkout", "Check a cart out: reserve, pay, place the order (Idempotency-Key required)", this::checkout),
                Route.customer(HttpMethod.GET, "/api/orders/mine", "The signed-in customer's orders, newest first", this::mine),
                Route.open(HttpMethod.GET, "/api/orders/orders/{number}", "An order: the customer's own, or by number and ?email= for guests", this::order),
                Route.admin(HttpMethod.GET, "/api/admin/orders/orders", ROLE, "Orders newest first, paged, optionally ?status=", this::list),
                Route.admin(HttpMethod.GET, "/api/admin/orders/orders/{number}", ROLE, "An order with its history", this::detail),
                Route.admin(HttpMethod.POST, "/api/admin/orders/orders/{number}/paid", ROLE, "The payment arrived: take the held stock", this::paid),
                Route.admin(HttpMethod.POST, "/api/admin/orders/orders/{number}/pack", ROLE, "The order is packed", this::pack),
                Route.admin(HttpMethod.POST, "/api/admin/orders/orders/{number}/ship", ROLE, "The order left, with carrier and tracking number", this::ship),
                Route.admin(HttpMethod.POST, "/api/admin/orders/orders/{number}/deliver", ROLE, "The order arrived", this::deliver),
                Route.admin(HttpMethod.POST, "/api/admin/orders/orders/{number}/cancel", ROLE,
                        "Cancel an order not yet shipped; held stock is freed, a paid order restocked and refunded", this::cancel),
                Route.admin(HttpMethod.POST, "/api/admin/orders/orders/{number}/return", ROLE,
                        "A shipped or delivered order came back: refunded, and restocked unless restock is false", this::returned),
                Route.admin(HttpMethod.POST, "/api/admin/orders/orders/{number}/transition", ROLE,
                        "Move an order to a status by name (validated like the other lifecycle routes)", this::transition));
    }

    private Object createCart(RouteRequest r) {
        var cart = orders.carts().create(r.caller());
        return RouteResponse.created("/api/orders/carts/" + cart.id(), cart);
    }

    private Object cart(RouteRequest r) {
        return orders.carts().get(r.pathParam("cartId"), r.caller());
    }

    private Object addLine(RouteRequest r) {
        LineBody body = r.body(LineBody.class);
        // the catalog is asked only after the cart and the line are known valid
        return orders.carts().add(r.pathParam("cartId"), r.caller(), body.sku(), body.packSize(), body.quantity(),
                orders.departments()::catalog);
    }

    private Object setLine(RouteRequest r) {
        QuantityBody body = r.body(QuantityBody.class);
        return orders.carts().set(r.pathParam("cartId"), r.caller(), r.pathParam("sku"), body.packSize(), body.quantity());
    }

    private Object suggestions(RouteRequest r) {
        Integer limit = r.query("limit").map(OrdersRoutes::limit).orElse(null);
        return orders.suggestions().forCart(r.pathParam("cartId"), r.caller(), limit);
    }

    private static Integer limit(String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException("limit", "is a whole number between 1 and " + CartSuggestions.MAX_LIMIT);
        }
    }

    private Object checkout(RouteRequest r) {
        CheckoutRequest body = r.body(CheckoutRequest.class);
        CheckoutDesk.Answer answer = orders.checkout().checkout(body, r.idempotencyKey().orElse(null), r.caller());
        return RouteResponse.created("/api/orders/orders/" + answer.orderNumber(), answer.body());
    }

    private Object mine(RouteRequest r) {
        return orders.ofCustomer(r.caller().orElseThrow().id(), r.page().limit());
    }

    private Object order(RouteRequest r) {
        String number = r.pathParam("number");
        Optional<Order> found = orders.byNumber(number);
        Optional<String> customer = r.caller().filter(c -> c.kind() == Access.CUSTOMER).map(Caller::id);
        Optional<String> email = r.query("email").map(e -> e.strip().toLowerCase(Locale.ROOT));
        if (found.isPresent()) {
            Order o = found.get();
            boolean own = o.customerId() != null && customer.filter(o.customerId()::equals).isPresent();
            boolean byEmail = email.filter(e -> e.equals(o.email().toLowerCase(Locale.ROOT))).isPresent();
            if (own || byEmail) {
                return o;
            }
        }
        if (customer.isEmpty() && email.isEmpty()) {
            throw new ValidationException("email", "is required to look an order up without signing in");
        }
        // the same answer whether the number is unknown or the email wrong: numbers cannot be probed
        throw new NotFoundException("no order " + number + " for that email");
    }

    private Object list(RouteRequest r) {
        OrderStatus status = r.query("status").map(OrdersRoutes::status).orElse(null);
        Page<Order> page = orders.orders().list(r.page(), status);
        return page;
    }

    private Object detail(RouteRequest r) {
        Order o = orderOf(r);
        return new OrderDetail(o, orders.history(o.number()), orders.orders().reservationId(o.number()));
    }

    private Object paid(RouteRequest r) {
        return orders.orders().markPaid(orderOf(r).number(), actor(r), note(r));
    }

    private Object pack(RouteRequest r) {
        return orders.orders().pack(orderOf(r).number(), actor(r));
    }

    private Object ship(RouteRequest r) {
        ShipBody body = r.body(ShipBody.class);
        return orders.orders().ship(orderOf(r).number(), body.carrier(), body.trackingNumber(), actor(r));
    }

    private Object deliver(RouteRequest r) {
        return orders.orders().deliver(orderOf(r).number(), actor(r));
    }

    private Object cancel(RouteRequest r) {
        return orders.orders().cancel(orderOf(r).number(), actor(r), note(r));
    }

    private Object returned(RouteRequest r) {
        ReturnBody body = r.rawBody().length == 0 ? new ReturnBody(null, null) : r.body(ReturnBody.class);
        return orders.orders().returned(orderOf(r).number(), actor(r), body.reason(), body.restock() == null || body.restock());
    }

    private Object transition(RouteRequest r) {
        TransitionBody body = r.body(TransitionBody.class);
        if (body.status() == null || body.status().isBlank()) {
            throw new ValidationException("status", "is required; one of " + Arrays.toString(OrderStatus.values()));
        }
        return orders.orders().transition(orderOf(r).number(), status(body.status()), actor(r), body.note(), body.carrier(),
                body.trackingNumber());
    }

    private Order orderOf(RouteRequest r) {
        String number = r.pathParam("number");
        return orders.byNumber(number).orElseThrow(() -> new NotFoundException("no order " + number));
    }

    private static String note(RouteRequest r) {
        if (r.rawBody().length == 0) {
            return null;
        }
        String note = r.body(NoteBody.class).note();
        return note == null || note.isBlank() ? null : note.strip();
    }

    /** A status named by a client, any case. */
    public static OrderStatus status(String value) {
        try {
            return OrderStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("status", "one of " + Arrays.toString(OrderStatus.values()));
        }
    }

    private static String actor(RouteRequest r) {
        return r.caller().map(Caller::id).orElse("anonymous");
    }
}
