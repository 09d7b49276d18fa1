package dev.emporium.catalog.internal.console;

import dev.emporium.catalog.api.Catalog;
import dev.emporium.catalog.api.Product;
import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code catalog:products}: the products in SKU order, as a table. */
@Service
@Command(scope = "catalog", name = "products", description = "Lists products (any status) in SKU order")
public class ProductsCommand implements Action {

    @Reference
    private Catalog catalog;

    @Option(name = "--after", description = "Start after this SKU")
    private String after;

    @Option(name = "--limit", description = "How many (1 to 500)")
    private int limit = 50;

    @Override
    public Object execute() {
        Page<Product> page = catalog.list(new PageRequest(after, limit));
        ShellTable table = new ShellTable();
        table.column("SKU");
        table.column("Name");
        table.column("Type");
        table.column("Brand");
        table.column("Price");
        table.column("Status");
        table.column("Sellable");
        for (Product p : page.items()) {
            table.addRow().addContent(p.sku(), p.name(), p.type(), p.brand() == null ? "" : p.brand(), p.price(),
                    p.status(), p.sellable() ? "yes" : "no");
        }
        table.print(System.out);
        if (page.nextCursor() != null) {
            System.out.println("more: catalog:products --after " + page.nextCursor());
        }
        return null;
    }
}
