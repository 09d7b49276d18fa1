package dev.emporium.orders.internal.console;

import dev.emporium.orders.api.Order;
import dev.emporium.orders.internal.OrdersService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code orders:ship --carrier X --tracking Y NUMBER}: a packed order left with a carrier. */
@Service
@Command(scope = "orders", name = "ship", description = "Marks a packed order shipped, with its carrier and tracking number")
public class ShipCommand implements Action {

    @Argument(index = 0, name = "number", description = "The order number", required = true)
    String number;

    @Option(name = "--carrier", aliases = "-c", description = "Who carries it", required = true)
    String carrier;

    @Option(name = "--tracking", aliases = "-t", description = "The carrier's tracking number", required = true)
    String tracking;

    @Reference
    OrdersService orders;

    @Reference
    Session session;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            Order o = orders.orders().ship(number, carrier, tracking, Console.actor(session));
            System.out.println(o.number() + " is " + o.status() + " with " + o.carrier() + ", tracking " + o.trackingNumber());
            return null;
        });
    }
}
