package dev.emporium.catalog.internal.console;

import dev.emporium.catalog.api.Catalog;
import dev.emporium.catalog.api.Product;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.Map;

/** {@code catalog:product SKU}: everything the catalog knows of one product. */
@Service
@Command(scope = "catalog", name = "product", description = "Shows one product")
public class ProductCommand implements Action {

    @Reference
    private Catalog catalog;

    @Argument(index = 0, name = "sku", required = true, description = "The product's SKU")
    @Completion(SkuCompleter.class)
    private String sku;

    @Override
    public Object execute() {
        Product p = catalog.bySku(sku).orElse(null);
        if (p == null) {
            System.err.println("No product " + sku);
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Field");
        table.column("Value");
        table.addRow().addContent("SKU", p.sku());
        table.addRow().addContent("Name", p.name());
        table.addRow().addContent("Slug", p.slug());
        table.addRow().addContent("Type", p.type());
        table.addRow().addContent("Brand", p.brand() == null ? "" : p.brand());
        table.addRow().addContent("Price", p.price());
        p.packPrices().forEach(pack -> table.addRow().addContent("Pack of " + pack.size(), pack.price()));
        table.addRow().addContent("Status", p.status());
        table.addRow().addContent("Sellable", p.sellable() ? "yes" : "no");
        table.addRow().addContent("Categories", String.join(", ", p.categories()));
        for (Map.Entry<String, Object> a : p.attributes().entrySet()) {
            table.addRow().addContent(a.getKey(), String.valueOf(a.getValue()));
        }
        table.addRow().addContent("Version", p.version());
        table.print(System.out);
        return null;
    }
}
