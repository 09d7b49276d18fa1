package dev.emporium.inventory.api;

/** The life of a reservation: held, then exactly one of committed, released or expired. */
public enum ReservationStatus {
    HELD, COMMITTED, RELEASED, EXPIRED
}
