package dev.emporium.orders.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.catalog.api.Catalog;
import dev.emporium.catalog.api.ProductRelations;
import dev.emporium.inventory.api.StockAdjustments;
import dev.emporium.inventory.api.StockReservations;
import dev.emporium.orders.api.Order;
import dev.emporium.orders.api.OrderChange;
import dev.emporium.orders.api.OrderEvents;
import dev.emporium.orders.api.Orders;
import dev.emporium.orders.api.PaymentProvider;
import dev.emporium.orders.internal.payment.BankTransfer;
import dev.emporium.orders.internal.payment.TestCard;
import dev.emporium.orders.internal.cart.CartBook;
import dev.emporium.orders.internal.checkout.CheckoutClaims;
import dev.emporium.orders.internal.checkout.CheckoutDesk;
import dev.emporium.orders.internal.checkout.CheckoutGate;
import dev.emporium.orders.internal.order.OrderBook;
import dev.emporium.orders.internal.pricing.Pricing;
import dev.emporium.orders.internal.suggest.CartSuggestions;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.SchemaMigrations;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * The orders department on the store's DataSource: migrates its tables on activation and puts carts, checkout and
 * the order lifecycle together. The catalog, inventory and payment providers are optional dynamic references: while
 * one is away (being upgraded) carts and orders stay readable and editable, and only what needs it answers 503
 * "... is being upgraded" (DESIGN rule 2), instead of the whole department disappearing with it.
 */
@Component(service = {Orders.class, OrdersService.class}, configurationPid = OrdersConfig.PID)
@Designate(ocd = OrdersConfig.class)
public class OrdersService implements Orders {

    private static final Logger LOG = LoggerFactory.getLogger(OrdersService.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Catalog catalog;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile StockReservations reservations;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    volatile List<PaymentProvider> payments;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile StockAdjustments adjustments;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ProductRelations relations;

    private final CartBook carts;
    private final OrderBook orders;
    private final CheckoutDesk checkout;
    private final CartSuggestions suggestions;
    private final Collaborators departments;
    private volatile Settings settings;

    /** The configuration, parsed once per change. */
    record Settings(Pricing pricing, Duration cartLifetime, CheckoutDesk.Holds holds, CheckoutGate gate) {

        static Settings of(OrdersConfig config) {
            return new Settings(Pricing.of(config.currency(), config.taxRates(), config.shippingRates(), config.volumetricDivisor()),
                    Duration.ofDays(Math.max(1, config.cartDays())),
                    new CheckoutDesk.Holds(Duration.ofMinutes(Math.max(1, config.checkoutHoldMinutes())),
                            Duration.ofHours(Math.max(1, config.awaitingPaymentHours()))),
                    new CheckoutGate(config.maxConcurrentCheckouts(), Duration.ofSeconds(Math.max(1, config.checkoutQueueSeconds()))));
        }
    }

    @Activate
    public OrdersService(@Reference SchemaMigrations migrations, @Reference(target = "(dataSourceName=emporium)") DataSource dataSource,
                         @Reference Outbox outbox, @Reference ObjectMapper json, BundleContext context, OrdersConfig config) {
        migrations.migrate(OrderEvents.DEPARTMENT, context.getBundle());
        this.settings = Settings.of(config);
        Clock clock = Clock.systemUTC();
        this.departments = new Collaborators(() -> catalog, () -> reservations, () -> payments, () -> adjustments,
                () -> relations, Collaborators.HOLD, Set.of(TestCard.METHOD, BankTransfer.METHOD));
        this.carts = new CartBook(dataSource, clock, () -> settings.pricing(), () -> settings.cartLifetime());
        this.orders = new OrderBook(dataSource, outbox, clock, departments);
        this.checkout = new CheckoutDesk(dataSource, clock, carts, orders,
                new CheckoutClaims(dataSource, clock, Duration.ofSeconds(15), Duration.ofMinutes(2)),
                departments, () -> settings.pricing(), () -> settings.holds(), json, () -> settings.gate());
        this.suggestions = new CartSuggestions(dataSource, carts, departments::relations);
    }

    @Modified
    void modified(OrdersConfig config) {
        try {
            this.settings = Settings.of(config);
        } catch (IllegalArgumentException e) {
            // a typo in the cfg file must not take the store down: the previous settings stay in force
            LOG.error("Orders settings refused, the previous ones stay in force: {}", e.getMessage());
        }
    }

    public CartBook carts() {
        return carts;
    }

    public OrderBook orders() {
        return orders;
    }

    public CheckoutDesk checkout() {
        return checkout;
    }

    public CartSuggestions suggestions() {
        return suggestions;
    }

    public Collaborators departments() {
        return departments;
    }

    @Override
    public Optional<Order> byNumber(String number) {
        return orders.byNumber(number);
    }

    @Override
    public List<OrderChange> history(String number) {
        return orders.history(number);
    }

    @Override
    public List<Order> ofCustomer(String customerId, int limit) {
        return orders.ofCustomer(customerId, limit);
    }
}
