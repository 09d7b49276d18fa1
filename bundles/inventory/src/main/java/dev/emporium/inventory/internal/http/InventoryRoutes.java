package dev.emporium.inventory.internal.http;

import dev.emporium.inventory.api.AdjustmentRecord;
import dev.emporium.inventory.api.InventoryEvents;
import dev.emporium.inventory.api.LocationStock;
import dev.emporium.inventory.api.ReservationLine;
import dev.emporium.inventory.api.SkuStock;
import dev.emporium.inventory.api.StockAdjustment;
import dev.emporium.inventory.internal.InventoryService;
import dev.emporium.inventory.internal.stock.Requests;
import dev.emporium.platform.api.Caller;
import dev.emporium.platform.api.DepartmentRoutes;
import dev.emporium.platform.api.HttpMethod;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Route;
import dev.emporium.platform.api.RouteRequest;
import dev.emporium.platform.api.RouteResponse;
import dev.emporium.platform.api.ValidationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Inventory's HTTP routes: stock for storefronts, stock detail, adjustments and reservations for admins. */
@Component(service = DepartmentRoutes.class)
public class InventoryRoutes implements DepartmentRoutes {

    /** The admin role that grants inventory's admin routes. */
    public static final String ROLE = "inventory-manager";

    /** What a storefront sees of a SKU's stock. */
    public record Availability(String sku, long available, boolean sellable) {
    }

    /** What an admin sees of a SKU: the stock per location and its latest adjustments. */
    public record StockDetail(String sku, long available, boolean sellable, boolean discontinued, long onHand, long reserved,
                              List<LocationStock> locations, List<AdjustmentRecord> adjustments) {
    }

    /** An adjustment as an admin sends it. */
    public record AdjustmentBody(String location, Long delta, Long set, Long safetyStock, String reason) {
    }

    /** Why a SKU is discontinued. */
    public record DiscontinueBody(String reason) {
    }

    /** A reservation as a checkout sends it; it holds for {@code expiresInSeconds} or the configured default. */
    public record ReserveBody(List<ReservationLine> lines, Integer expiresInSeconds) {
    }

    private final InventoryService inventory;

    @Activate
    public InventoryRoutes(@Reference InventoryService inventory) {
        this.inventory = inventory;
    }

    @Override
    public String department() {
        return InventoryEvents.DEPARTMENT;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.open(HttpMethod.GET, "/api/inventory/stock/{sku}", "Available to sell of a SKU", this::availability),
                Route.admin(HttpMethod.GET, "/api/admin/inventory/stock/{sku}", ROLE, "Stock of a SKU per location, with its latest adjustments", this::detail),
                Route.admin(HttpMethod.POST, "/api/admin/inventory/stock/{sku}/adjustments", ROLE, "Adjust the stock of a SKU at a location, with a reason", this::adjust),
                Route.admin(HttpMethod.POST, "/api/admin/inventory/stock/{sku}/discontinue", ROLE, "Mark a SKU as no longer sold", this::discontinue),
                Route.admin(HttpMethod.POST, "/api/admin/inventory/reservations", ROLE, "Hold stock for a checkout (accepts Idempotency-Key)", this::reserve),
                Route.admin(HttpMethod.GET, "/api/admin/inventory/reservations/{id}", ROLE, "A reservation", this::reservation),
                Route.admin(HttpMethod.POST, "/api/admin/inventory/reservations/{id}/commit", ROLE, "The order is paid: take the held stock", this::commit),
                Route.admin(HttpMethod.POST, "/api/admin/inventory/reservations/{id}/release", ROLE, "The checkout is cancelled: free the held stock", this::release));
    }

    private Object availability(RouteRequest r) {
        SkuStock s = stockOf(r);
        return new Availability(s.sku(), s.available(), s.sellable());
    }

    private Object detail(RouteRequest r) {
        SkuStock s = stockOf(r);
        return new StockDetail(s.sku(), s.available(), s.sellable(), s.discontinued(), s.onHand(), s.reserved(), s.locations(),
                inventory.adjustments(s.sku(), 20));
    }

    private Object adjust(RouteRequest r) {
        String sku = Requests.sku("sku", r.pathParam("sku"));
        AdjustmentBody body = r.body(AdjustmentBody.class);
        AdjustmentRecord record = inventory.adjust(new StockAdjustment(sku, body.location(), body.delta(), body.set(),
                body.safetyStock(), body.reason(), actor(r)));
        return RouteResponse.created("/api/admin/inventory/stock/" + sku, record);
    }

    private Object discontinue(RouteRequest r) {
        String sku = Requests.sku("sku", r.pathParam("sku"));
        DiscontinueBody body = r.body(DiscontinueBody.class);
        return inventory.discontinue(sku, body.reason(), actor(r));
    }

    private Object reserve(RouteRequest r) {
        ReserveBody body = r.body(ReserveBody.class);
        int max = inventory.config().maxReservationSeconds();
        int seconds = body.expiresInSeconds() == null ? inventory.config().reservationSeconds() : body.expiresInSeconds();
        if (seconds < 1 || seconds > max) {
            throw new ValidationException("expiresInSeconds", "must be between 1 and " + max);
        }
        String reference = r.idempotencyKey().filter(k -> !k.isBlank()).orElseGet(() -> UUID.randomUUID().toString());
        var reservation = inventory.reserve(body.lines(), Instant.now().plusSeconds(seconds), reference);
        return RouteResponse.created("/api/admin/inventory/reservations/" + reservation.id(), reservation);
    }

    private Object reservation(RouteRequest r) {
        long id = reservationId(r);
        return inventory.find(id).orElseThrow(() -> new NotFoundException("no reservation " + id));
    }

    private Object commit(RouteRequest r) {
        return inventory.commit(reservationId(r));
    }

    private Object release(RouteRequest r) {
        return inventory.release(reservationId(r));
    }

    private SkuStock stockOf(RouteRequest r) {
        String sku = Requests.sku("sku", r.pathParam("sku"));
        return inventory.stock(sku).orElseThrow(() -> new NotFoundException("inventory has no stock record for SKU " + sku));
    }

    private static long reservationId(RouteRequest r) {
        try {
            return Long.parseLong(r.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new ValidationException("id", "must be a reservation number");
        }
    }

    private static String actor(RouteRequest r) {
        return r.caller().map(Caller::id).orElse("anonymous");
    }
}
