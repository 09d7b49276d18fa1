package dev.emporium.customers.internal.console;

import dev.emporium.customers.internal.CustomersService;
import dev.emporium.customers.internal.store.SegmentBook;
import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.List;

/** {@code customers:segment [--limit N] [CODE]}: the segments and their rules, or the customers one selects now. */
@Service
@Command(scope = "customers", name = "segment", description = "Lists the segments, or evaluates one: the customers its rules select now")
public class SegmentCommand implements Action {

    @Argument(index = 0, name = "code", description = "The segment to evaluate, such as lapsed-buyers", required = false)
    @Completion(SegmentCommand.Codes.class)
    String code;

    @Option(name = "--limit", aliases = "-n", description = "At most this many customers (1 to 500, default 50)")
    int limit = PageRequest.DEFAULT_LIMIT;

    @Reference
    CustomersService customers;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            if (code == null) {
                ShellTable table = new ShellTable();
                table.column("Code");
                table.column("Name");
                table.column("Rules");
                for (SegmentBook.Segment s : customers.segments().list()) {
                    table.addRow().addContent(s.code(), s.name(), rules(s.rules()));
                }
                table.print(System.out);
                return null;
            }
            Page<SegmentBook.SegmentMember> page = customers.segments().members(code, new PageRequest(null, limit));
            ShellTable table = new ShellTable();
            table.column("Id");
            table.column("Email");
            table.column("Influence");
            table.column("Orders");
            table.column("Last order");
            table.column("Company");
            for (SegmentBook.SegmentMember m : page.items()) {
                table.addRow().addContent(m.customerId(), Console.orDash(m.email()), m.influence(), m.orderCount(),
                        m.lastOrderAt() == null ? "-" : m.lastOrderAt(), Console.orDash(m.company()));
            }
            table.print(System.out);
            System.out.println(page.items().size() + " customer(s) in " + code + (page.nextCursor() == null ? "" : ", more with a larger --limit"));
            return null;
        });
    }

    static String rules(SegmentBook.Rules r) {
        StringBuilder b = new StringBuilder();
        append(b, "influence >= ", r.minInfluence());
        append(b, "orders >= ", r.minOrders());
        append(b, "orders <= ", r.maxOrders());
        append(b, "days since last order >= ", r.minDaysSinceLastOrder());
        append(b, "days since last order <= ", r.maxDaysSinceLastOrder());
        append(b, "spent >= ", r.minTotalSpent());
        append(b, "bought brand ", r.brand());
        append(b, "bought type ", r.productType());
        append(b, "kind ", r.kind());
        return b.length() == 0 ? "everyone" : b.toString();
    }

    private static void append(StringBuilder b, String label, Object value) {
        if (value != null) {
            b.append(b.length() == 0 ? "" : ", ").append(label).append(value);
        }
    }

    /** Completes segment codes. */
    @Service
    public static class Codes implements Completer {

        @Reference
        CustomersService customers;

        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            StringsCompleter codes = new StringsCompleter();
            customers.segments().list().forEach(s -> codes.getStrings().add(s.code()));
            return codes.complete(session, commandLine, candidates);
        }
    }
}
