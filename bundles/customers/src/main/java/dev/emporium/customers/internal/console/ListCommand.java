package dev.emporium.customers.internal.console;

import dev.emporium.customers.api.CustomerProfile;
import dev.emporium.customers.internal.CustomersService;
import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code customers:list [--limit N] [QUERY]}: customers, or those whose email or name starts with QUERY. */
@Service
@Command(scope = "customers", name = "list", description = "Lists customers, or those whose email or name starts with QUERY")
public class ListCommand implements Action {

    @Argument(index = 0, name = "query", description = "The start of an email, given name or family name", required = false)
    String query;

    @Option(name = "--limit", aliases = "-n", description = "At most this many (1 to 500, default 50)")
    int limit = PageRequest.DEFAULT_LIMIT;

    @Reference
    CustomersService customers;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            Page<CustomerProfile> page = customers.customers().search(query, new PageRequest(null, limit));
            ShellTable table = new ShellTable();
            table.column("Id");
            table.column("Status");
            table.column("Email");
            table.column("Name");
            table.column("Created");
            for (CustomerProfile p : page.items()) {
                table.addRow().addContent(p.id(), p.status(), Console.orDash(p.email()), Console.name(p), p.createdAt());
            }
            table.print(System.out);
            System.out.println(page.items().size() + " customer(s)" + (page.nextCursor() == null ? "" : ", more with a larger --limit"));
            return null;
        });
    }
}
