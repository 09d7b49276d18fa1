package dev.emporium.orders.internal.console;

import dev.emporium.orders.api.Order;
import dev.emporium.orders.api.OrderStatus;
import dev.emporium.orders.internal.OrdersService;
import dev.emporium.orders.internal.http.OrdersRoutes;
import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code orders:list [--status S] [--limit N]}: the newest orders. */
@Service
@Command(scope = "orders", name = "list", description = "Lists the newest orders")
public class ListCommand implements Action {

    @Option(name = "--status", aliases = "-s", description = "Only orders in this status (PAID, AWAITING_PAYMENT, SHIPPED, ...)")
    String status;

    @Option(name = "--limit", aliases = "-n", description = "How many (default 20)")
    int limit = 20;

    @Reference
    OrdersService orders;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            OrderStatus only = status == null ? null : OrdersRoutes.status(status);
            Page<Order> page = orders.orders().list(new PageRequest(null, limit), only);
            if (page.items().isEmpty()) {
                System.out.println("No orders" + (only == null ? "" : " " + only));
                return null;
            }
            Console.table(page.items());
            return null;
        });
    }
}
