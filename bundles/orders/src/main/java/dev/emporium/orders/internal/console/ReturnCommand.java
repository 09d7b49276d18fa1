package dev.emporium.orders.internal.console;

import dev.emporium.orders.api.Order;
import dev.emporium.orders.api.OrderChange;
import dev.emporium.orders.internal.OrdersService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import java.util.List;

/** {@code orders:return [--reason R] [--no-restock] NUMBER}: a shipped or delivered order came back. */
@Service
@Command(scope = "orders", name = "return", description = "Records a returned order: refunded through its payment provider and restocked")
public class ReturnCommand implements Action {

    @Argument(index = 0, name = "number", description = "The order number", required = true)
    String number;

    @Option(name = "--reason", aliases = "-r", description = "Why it came back")
    String reason;

    @Option(name = "--no-restock", description = "Damaged goods: refund, but put nothing back in stock")
    boolean noRestock;

    @Reference
    OrdersService orders;

    @Reference
    Session session;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            Order o = orders.orders().returned(number, Console.actor(session), reason, !noRestock);
            List<OrderChange> history = orders.history(o.number());
            String note = history.isEmpty() ? null : history.get(history.size() - 1).note();
            System.out.println(o.number() + " is " + o.status() + (noRestock ? ", nothing restocked" : ", restocked")
                    + (note == null ? "" : ": " + note));
            return null;
        });
    }
}
