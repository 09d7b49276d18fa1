package dev.emporium.orders.internal.console;

import dev.emporium.orders.api.Order;
import dev.emporium.platform.api.ProblemException;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.ShellUtil;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.List;
import java.util.function.Supplier;

/** What the orders commands share: refusals printed as one plain line, the admin's name, the order table. */
final class Console {

    private Console() {
    }

    static Object refusalsAsText(Supplier<Object> command) {
        try {
            return command.get();
        } catch (ProblemException p) {
            System.out.println(p.asText());
            return null;
        }
    }

    static String actor(Session session) {
        String user = ShellUtil.getCurrentUserName();
        if (user == null && session != null && session.get("USER") != null) {
            user = String.valueOf(session.get("USER"));
        }
        return "console:" + (user == null ? "unknown" : user);
    }

    static void table(List<Order> orders) {
        ShellTable table = new ShellTable();
        table.column("Number");
        table.column("Status");
        table.column("Placed");
        table.column("Email");
        table.column("Lines").alignRight();
        table.column("Total").alignRight();
        for (Order o : orders) {
            table.addRow().addContent(o.number(), o.status(), o.placedAt(), o.email(), o.lines().size(), o.totals().total());
        }
        table.print(System.out);
    }
}
