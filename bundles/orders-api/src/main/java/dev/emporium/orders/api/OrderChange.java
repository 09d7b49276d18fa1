package dev.emporium.orders.api;

import java.time.Instant;

/** One entry of an order's history: a status change, who made it and when. {@code from} is null for the first. */
public record OrderChange(OrderStatus from, OrderStatus to, String actor, String note, Instant at) {
}
