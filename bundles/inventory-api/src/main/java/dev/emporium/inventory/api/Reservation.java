package dev.emporium.inventory.api;

import java.time.Instant;
import java.util.List;

/**
 * Stock held for one checkout.
 *
 * @param reference the caller's idempotency key: reserving again with it returns this reservation
 */
public record Reservation(long id, String reference, ReservationStatus status, Instant expiresAt, Instant createdAt,
                          List<ReservedLine> lines) {

    public Reservation {
        lines = List.copyOf(lines);
    }
}
