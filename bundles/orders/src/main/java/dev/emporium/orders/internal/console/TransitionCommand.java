package dev.emporium.orders.internal.console;

import dev.emporium.orders.api.Order;
import dev.emporium.orders.api.OrderStatus;
import dev.emporium.orders.internal.OrdersService;
import dev.emporium.orders.internal.http.OrdersRoutes;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** {@code orders:transition [--note N] [--carrier C --tracking T] NUMBER STATUS}: moves an order, validated and audited. */
@Service
@Command(scope = "orders", name = "transition", description = "Moves an order to PAID, PACKED, SHIPPED, DELIVERED, CANCELLED or RETURNED")
public class TransitionCommand implements Action {

    @Argument(index = 0, name = "number", description = "The order number", required = true)
    String number;

    @Argument(index = 1, name = "status", description = "The status to move it to", required = true)
    @Completion(value = StringsCompleter.class, values = {"PAID", "PACKED", "SHIPPED", "DELIVERED", "CANCELLED", "RETURNED"})
    String status;

    @Option(name = "--note", aliases = "-m", description = "Why (a cancellation's reason, a payment's bank reference)")
    String note;

    @Option(name = "--carrier", aliases = "-c", description = "For SHIPPED: who carries it")
    String carrier;

    @Option(name = "--tracking", aliases = "-t", description = "For SHIPPED: the carrier's tracking number")
    String tracking;

    @Reference
    OrdersService orders;

    @Reference
    Session session;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            OrderStatus target = OrdersRoutes.status(status);
            Order o = orders.orders().transition(number, target, Console.actor(session), note, carrier, tracking);
            System.out.println(o.number() + " is " + o.status());
            return null;
        });
    }
}
