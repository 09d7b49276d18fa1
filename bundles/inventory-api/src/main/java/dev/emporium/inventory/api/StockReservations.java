package dev.emporium.inventory.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stock held for checkouts: all or nothing, never more than is available, whatever the concurrency. */
public interface StockReservations {

    /**
     * Holds every line or none.
     *
     * @param reference idempotency key: a second call with the same reference and lines returns the first reservation
     * @throws dev.emporium.platform.api.GoneException       when a SKU is discontinued (no longer sold)
     * @throws dev.emporium.platform.api.ConflictException   when a line cannot be held, or the reference was used for other lines
     * @throws dev.emporium.platform.api.NotFoundException   when a SKU is unknown to inventory
     * @throws dev.emporium.platform.api.ValidationException when lines or expiry are invalid
     */
    Reservation reserve(List<ReservationLine> lines, Instant expiresAt, String reference);

    /** The order is paid: on hand and reserved both go down. Idempotent for a committed reservation. */
    Reservation commit(long reservationId);

    /** The checkout was cancelled: the held stock is available again. Idempotent for a released reservation. */
    Reservation release(long reservationId);

    /** Releases every held reservation whose expiry is not after {@code now}; returns how many expired. */
    int expire(Instant now);

    Optional<Reservation> find(long reservationId);
}
