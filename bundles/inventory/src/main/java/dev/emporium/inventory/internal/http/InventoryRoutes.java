package dev.emporium.inventory.internal.http;

import dev.emporium.inventory.api.AdjustmentRecord;
import dev.emporium.inventory.api.InventoryEvents;
import dev.emporium.inventory.api.LocationStock;
import dev.emporium.inventory.api.ReservationLine;
import dev.emporium.inventory.api.SkuStock;
import dev.emporium.inventory.api.StockAdjustment;
import dev.emporium.inventory.internal.InventoryService;
import dev.emporium.inventory.internal.SupplierSources;
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
    private final SupplierSources sources;

    @Activate
    public InventoryRoutes(@Reference InventoryService inventory, @Reference SupplierSources sources) {
        this.inventory = inventory;
        this.sources = sources;
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
                Route.admin(HttpMethod.POST, "/api/admin/inventory/reservations/{id}/release", ROLE, "The checkout is cancelled: free the held stock", this::release),
                Route.admin(HttpMethod.GET, "/api/admin/inventory/sources", ROLE, "Supplier and warehouse sources with their last sync report", r -> sources.list()),
                Route.admin(HttpMethod.POST, "/api/admin/inventory/sources/{name}/sync", ROLE, "Sync a source now; answers its report", this::sync),
                Route.admin(HttpMethod.GET, "/api/admin/inventory/sync-reports", ROLE, "The latest sync reports (?source=, ?limit=)", this::reports),
                Route.admin(HttpMethod.GET, "/api/admin/inventory/sync-reports/{id}", ROLE, "A sync report with every rejected row", this::report),
                Route.admin(HttpMethod.GET, "/api/admin/inventory/price-proposals", ROLE, "Price proposals from supplier costs (?status=PROPOSED, ?limit=)", this::proposals),
                Route.admin(HttpMethod.POST, "/api/admin/inventory/price-proposals/{id}/accept", ROLE, "Accept a proposed price: the catalog sets it", r -> inventory.proposals().accept(id(r), actor(r))),
                Route.admin(HttpMethod.POST, "/api/admin/inventory/price-proposals/{id}/reject", ROLE, "Reject a proposed price", r -> inventory.proposals().reject(id(r), actor(r))));
    }

    private Object sync(RouteRequest r) {
        return sources.sync(r.pathParam("name"), "http");
    }

    private Object reports(RouteRequest r) {
        return inventory.reports(r.query("source").filter(s -> !s.isBlank()).orElse(null), limit(r));
    }

    private Object report(RouteRequest r) {
        long id = id(r);
        return inventory.report(id, Integer.MAX_VALUE).orElseThrow(() -> new NotFoundException("no sync report " + id));
    }

    private Object proposals(RouteRequest r) {
        return inventory.proposals().list(r.query("status").filter(s -> !s.isBlank()).map(s -> s.toUpperCase(java.util.Locale.ROOT)).orElse(null), limit(r));
    }

    private static int limit(RouteRequest r) {
        String text = r.query("limit").orElse("20");
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= 1000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ValidationException("limit", "must be a whole number from 1 to 1000");
    }

    private static long id(RouteRequest r) {
        try {
            return Long.parseLong(r.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new ValidationException("id", "must be a number");
        }
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
