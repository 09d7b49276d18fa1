package dev.emporium.inventory.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the inventory department (PID {@code dev.emporium.inventory}); changes take effect without a restart. */
@ObjectClassDefinition(name = "Emporium inventory", description = "Stock levels, reservations and their expiry")
public @interface InventoryConfig {

    String PID = "dev.emporium.inventory";

    @AttributeDefinition(name = "Low stock threshold", min = "0",
            description = "A SKU whose available quantity falls under this is low on stock (LOW_STOCK event); 0 turns it off")
    long lowStockThreshold() default 5;

    @AttributeDefinition(name = "Reservation seconds", min = "1",
            description = "How long a reservation holds stock when the caller does not say")
    int reservationSeconds() default 900;

    @AttributeDefinition(name = "Maximum reservation seconds", min = "1",
            description = "The longest a caller may ask a reservation to hold stock")
    int maxReservationSeconds() default 86_400;

    @AttributeDefinition(name = "Expiry sweep seconds", min = "1",
            description = "How often held reservations past their expiry are released")
    int expirySweepSeconds() default 30;

    @AttributeDefinition(name = "Price markup percent",
            description = "Proposed selling price = supplier cost plus this percent, when a supplier's cost changes; 0 proposes nothing")
    String priceMarkupPercent() default "0";

    @AttributeDefinition(name = "Price rounding",
            description = "none (the currency's minor unit), .99 (the next price ending in .99) or a step such as 0.05; always rounds up")
    String priceRounding() default ".99";

    @AttributeDefinition(name = "Minimum margin percent",
            description = "The lowest gross margin ((price - cost) / price) a proposed price may give; a lower one is raised")
    String priceMinimumMarginPercent() default "10";

    @AttributeDefinition(name = "Apply proposed prices automatically",
            description = "true: a proposed price is accepted at once and the catalog sets it; false: an admin reviews each")
    boolean priceAutoApply() default false;
}
