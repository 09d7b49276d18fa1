package dev.emporium.inventory.api;

import dev.emporium.platform.api.EventTopics;

/**
 * The topics inventory publishes through the outbox. Every payload carries {@code sku}; stock events also carry
 * {@code available} (the SKU's new available-to-sell quantity), {@code onHand}, {@code reserved} and {@code cause}.
 */
public final class InventoryEvents {

    /** The department name, also the first segment of inventory's routes. */
    public static final String DEPARTMENT = "inventory";

    /** Any change of a SKU's on hand, reserved or safety stock. */
    public static final String STOCK_CHANGED = EventTopics.of(DEPARTMENT, "STOCK_CHANGED");
    /** Available to sell fell under the low-stock threshold (published once, when it crosses it). */
    public static final String LOW_STOCK = EventTopics.of(DEPARTMENT, "LOW_STOCK");
    /** Available to sell reached zero. */
    public static final String OUT_OF_STOCK = EventTopics.of(DEPARTMENT, "OUT_OF_STOCK");
    /** Available to sell rose from zero. */
    public static final String BACK_IN_STOCK = EventTopics.of(DEPARTMENT, "BACK_IN_STOCK");
    /** The SKU is no longer sold; payload {@code sku}, {@code reason}, {@code actor}. */
    public static final String DISCONTINUED = EventTopics.of(DEPARTMENT, "DISCONTINUED");
    /**
     * A supplier's cost changed and the price rules propose a new selling price for review; payload {@code proposalId},
     * {@code sku}, {@code amount} and {@code currency} (the proposed price, a decimal string), {@code cost}, {@code source}.
     */
    public static final String PRICE_PROPOSED = EventTopics.of(DEPARTMENT, "PRICE_PROPOSED");
    /**
     * A proposed price was accepted (by an admin or by auto-apply): the catalog sets it as the product's price; payload
     * {@code proposalId}, {@code sku}, {@code amount}, {@code currency}, {@code actor}.
     */
    public static final String PRICE_ACCEPTED = EventTopics.of(DEPARTMENT, "PRICE_ACCEPTED");

    private InventoryEvents() {
    }
}
