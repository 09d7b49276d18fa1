package dev.emporium.orders.api;

import java.util.List;
import java.util.Optional;

/** Read access to orders, for other departments (customers, support). */
public interface Orders {

    Optional<Order> byNumber(String number);

    /** The history of an order, oldest first. */
    List<OrderChange> history(String number);

    /** A signed-in customer's orders, newest first. */
    List<Order> ofCustomer(String customerId, int limit);
}
