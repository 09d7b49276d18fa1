package dev.emporium.orders.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the orders department (PID {@code dev.emporium.orders}); changes take effect without a restart. */
@ObjectClassDefinition(name = "Emporium orders", description = "Carts, taxes, shipping rates and checkout holds")
public @interface OrdersConfig {

    String PID = "dev.emporium.orders";

    @AttributeDefinition(name = "Currency", description = "The store's ISO 4217 currency; products priced in another cannot be added")
    String currency() default "EUR";

    @AttributeDefinition(name = "Tax rates",
            description = "Rate per shipping country (ISO 3166 alpha-2), applied to subtotal plus shipping: default:0.20,DE:0.19")
    String taxRates() default "default:0.20";

    @AttributeDefinition(name = "Shipping rates",
            description = "Price per weight band, from grams: 0:4.90,2000:7.90,10000:14.90 (the highest band not above the cart's weight applies)")
    String shippingRates() default "0:4.90,2000:7.90,10000:14.90";

    @AttributeDefinition(name = "Volumetric divisor", min = "1",
            description = "Shipping is priced on the greater of a parcel's weight and its volumetric weight: length x width x height "
                    + "in mm3 divided by this, in grams (5000: the carriers' usual 5000 cm3 per kg)")
    long volumetricDivisor() default 5000;

    @AttributeDefinition(name = "Cart days", min = "1", description = "A cart nobody touched for this long expires")
    int cartDays() default 30;

    @AttributeDefinition(name = "Checkout hold minutes", min = "1",
            description = "How long stock is held for a checkout paid at once (a card)")
    int checkoutHoldMinutes() default 15;

    @AttributeDefinition(name = "Concurrent checkouts", min = "1",
            description = "How many checkouts run at once on this node; the others wait their turn (each takes a connection "
                    + "of the pool every department shares, so keep this well under the pool's jdbc.pool.maxTotal)")
    int maxConcurrentCheckouts() default 12;

    @AttributeDefinition(name = "Checkout queue seconds", min = "1",
            description = "How long a checkout waits for its turn before a 503 with Retry-After")
    int checkoutQueueSeconds() default 30;

        @AttributeDefinition(name = "Awaiting payment hours", min = "1",
            description = "How long stock is held for an order awaiting a payment made outside the store (bank transfer)")
    int awaitingPaymentHours() default 72;
}
