package dev.emporium.orders.internal.console;

import dev.emporium.orders.api.Order;
import dev.emporium.orders.api.OrderChange;
import dev.emporium.orders.api.OrderLine;
import dev.emporium.orders.api.Orders;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.Optional;

/** {@code orders:show NUMBER}: an order, its lines, totals and history. */
@Service
@Command(scope = "orders", name = "show", description = "Shows an order with its lines, totals and history")
public class ShowCommand implements Action {

    @Argument(index = 0, name = "number", description = "The order number", required = true)
    String number;

    @Reference
    Orders orders;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            Optional<Order> found = orders.byNumber(number);
            if (found.isEmpty()) {
                System.out.println("No order " + number);
                return null;
            }
            print(found.get());
            return null;
        });
    }

    private void print(Order o) {
        System.out.println(o.number() + ": " + o.status() + ", placed " + o.placedAt() + " by " + o.email()
                + (o.customerId() == null ? " (guest)" : " (customer " + o.customerId() + ")"));
        System.out.println("Ship to: " + o.shippingAddress().name() + ", " + o.shippingAddress().line1() + ", "
                + o.shippingAddress().postalCode() + " " + o.shippingAddress().city() + ", " + o.shippingAddress().country());
        System.out.println("Payment: " + o.paymentMethod() + (o.paymentReference() == null ? "" : " " + o.paymentReference()));
        if (o.carrier() != null) {
            System.out.println("Shipped with " + o.carrier() + ", tracking " + o.trackingNumber());
        }
        ShellTable lines = new ShellTable();
        lines.column("SKU");
        lines.column("Name");
        lines.column("Pack").alignRight();
        lines.column("Qty").alignRight();
        lines.column("Units").alignRight();
        lines.column("Price").alignRight();
        lines.column("Total").alignRight();
        for (OrderLine l : o.lines()) {
            lines.addRow().addContent(l.sku(), l.name(), l.packSize(), l.quantity(), l.units(), l.unitPrice(), l.lineTotal());
        }
        lines.print(System.out);
        System.out.println("Subtotal " + o.totals().subtotal() + ", shipping " + o.totals().shipping() + " ("
                + o.totals().weightGrams() + " g), tax " + o.totals().tax() + " (" + o.totals().taxRate().toPlainString()
                + "), total " + o.totals().total());
        ShellTable history = new ShellTable();
        history.column("When");
        history.column("From");
        history.column("To");
        history.column("Who");
        history.column("Note");
        for (OrderChange h : orders.history(o.number())) {
            history.addRow().addContent(h.at(), h.from() == null ? "" : h.from(), h.to(), h.actor(), h.note() == null ? "" : h.note());
        }
        history.print(System.out);
    }
}
