package dev.emporium.inventory.internal.console;

import dev.emporium.inventory.api.LocationStock;
import dev.emporium.inventory.api.SkuStock;
import dev.emporium.inventory.api.StockLevels;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.Optional;

/** {@code inventory:stock SKU}: the stock of a SKU per location. */
@Service
@Command(scope = "inventory", name = "stock", description = "Shows the stock of a SKU per location")
public class StockCommand implements Action {

    @Argument(index = 0, name = "sku", description = "The SKU", required = true)
    String sku;

    @Reference
    StockLevels levels;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            Optional<SkuStock> found = levels.stock(sku);
            if (found.isEmpty()) {
                System.out.println("Inventory has no stock record for SKU " + sku);
                return null;
            }
            print(found.get());
            return null;
        });
    }

    static void print(SkuStock s) {
        System.out.println(s.sku() + ": available " + s.available() + (s.discontinued() ? ", DISCONTINUED" : "")
                + (s.sellable() ? ", sellable" : ", not sellable"));
        ShellTable table = new ShellTable();
        table.column("Location");
        table.column("Kind");
        table.column("On hand").alignRight();
        table.column("Reserved").alignRight();
        table.column("Safety").alignRight();
        table.column("Available").alignRight();
        for (LocationStock l : s.locations()) {
            table.addRow().addContent(l.location(), l.kind(), l.onHand(), l.reserved(), l.safetyStock(), l.available());
        }
        table.print(System.out);
    }
}
