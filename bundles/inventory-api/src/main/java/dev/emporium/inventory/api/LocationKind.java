package dev.emporium.inventory.api;

/** Where stock sits. */
public enum LocationKind {
    /** Stock in one of the store's own warehouses. */
    WAREHOUSE,
    /** Stock a supplier ships directly to the buyer. */
    DROP_SHIP
}
